"""The command table's types, and the fast parser that runs a command without Typer.

Typer is the one place commands are declared (``register()`` in each command
module), but importing it and building its parameter adapters costs more than a
whole run of most commands. ``cli/table.py`` is generated from those declarations
(``python -m selfmassage.cli.tablegen``; a test keeps it current), and ``parse``
reads argv against it. It accepts only plain, well-formed calls, and converts
values only where the result is certain to be what Typer would give (a test
checks that against Typer's own parser). Anything else (``--help``, a typo, a bad
value, ``--``, bundled short flags) returns None and Typer handles it, so
Typer's help text and usage errors stay the one answer for those.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

# Decimal integers Typer reads the same way (no signs, spaces, underscores or zeros
# in front, which Typer's lax conversion accepts in ways not worth copying).
_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})\Z")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})(?:\.[0-9]{1,9})?\Z")


class Param(NamedTuple):
    """One option or argument of a command, as Typer declares it."""

    name: str  # the keyword the run function takes
    opts: tuple[str, ...]  # "--limit", "-n"; an argument's is its name
    kind: str  # flag | str | int | float | path | choice
    default: Any = None
    required: bool = False
    argument: bool = False
    multiple: bool = False  # repeatable option, or an argument taking every word left
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()
    enum: str | None = None  # "module:Class" of a choice's Enum
    help: str = ""
    metavar: str | None = None
    show_default: bool = True


class Command(NamedTuple):
    """A command (or a group's own call): where its run function is, and its parameters."""

    path: tuple[str, ...]  # ("history",), ("routines", "list"); () is the daily path
    module: str  # the command module under selfmassage.cli
    run: str  # the function there called as run(context, **params)
    help: str
    params: tuple[Param, ...]
    group: bool = False  # has subcommands of its own


class Call(NamedTuple):
    """A parsed command line: what to run, with which parameters."""

    command: Command
    params: dict[str, Any]


LANG_OPTION = "--lang"


def take_language(
    argv: list[str], table: dict[tuple[str, ...], Command]
) -> tuple[list[str], str | None]:
    """``argv`` without the run's ``--lang X`` (or ``--lang=X``), and X.

    Before the command word it is always the run's language; after it, too, unless
    the command has a ``--lang`` of its own (``print --lang``: the handout's).
    A ``--lang`` with nothing after it gives "" (an unknown language, said so).
    """
    rest: list[str] = []
    language: str | None = None
    path: tuple[str, ...] = ()
    words = iter(argv)
    for word in words:
        if word == "--":
            rest += [word, *words]
            break
        name, equals, value = word.partition("=")
        command = table.get(path)
        owns = command is not None and any(LANG_OPTION in p.opts for p in command.params)
        if name == LANG_OPTION and not (path and owns):
            language = value if equals else next(words, "")
            continue
        if not word.startswith("-") and (*path, word) in table and len(rest) == len(path):
            path = (*path, word)
        rest.append(word)
    return rest, language


def parse(argv: list[str], table: dict[tuple[str, ...], Command]) -> Call | None:
    """The call ``argv`` names, when it is plain enough to run without Typer; else None."""
    path: tuple[str, ...] = ()
    rest = list(argv)
    while rest and (*path, rest[0]) in table:
        path = (*path, rest.pop(0))
    command = table.get(path)
    if command is None or (command.group and rest and not rest[0].startswith("-")):
        return None  # an unknown (sub)command: Typer names it
    return _parse_params(command, rest)


def _parse_params(command: Command, words: list[str]) -> Call | None:
    by_opt = {opt: p for p in command.params if not p.argument for opt in p.opts}
    arguments = [p for p in command.params if p.argument]
    given: dict[str, Any] = {}
    words_iter = iter(words)
    for word in words_iter:
        if word.startswith("-") and word != "-":
            name, equals, value = word.partition("=")
            param = by_opt.get(name)
            if param is None or (equals and not name.startswith("--")):
                return None  # unknown, or -n=5, -n5, -yf: Typer's to judge
            if param.kind == "flag":
                if equals:
                    return None
                given[param.name] = True
                continue
            if not equals:
                value = next(words_iter, None)  # type: ignore[assignment]
                if value is None or (value.startswith("-") and not _FLOAT.match(value)):
                    return None  # missing, or an option where its value should be
            converted = _convert(param, value)
            if converted is _BAD:
                return None
            if param.multiple:
                given.setdefault(param.name, []).append(converted)
            elif param.name in given:
                return None  # given twice: Typer keeps the last, but say nothing clever
            else:
                given[param.name] = converted
        else:
            if not arguments:
                return None
            param = arguments[0]
            converted = _convert(param, word)
            if converted is _BAD:
                return None
            if param.multiple:
                given.setdefault(param.name, []).append(converted)
            else:
                given[param.name] = converted
                arguments.pop(0)
    params: dict[str, Any] = {}
    for param in command.params:
        if param.name in given:
            params[param.name] = given[param.name]
        elif param.required:
            return None  # Typer says what is missing
        elif param.multiple:
            params[param.name] = () if param.default is None else param.default
        else:
            params[param.name] = False if param.kind == "flag" else param.default
    return Call(command, params)


_BAD = object()


def _convert(param: Param, text: str) -> Any:
    """``text`` as the parameter's value, or _BAD when Typer should judge it."""
    kind = param.kind
    if kind == "str":
        return text
    if kind == "path":
        if not text:
            return _BAD
        from pathlib import Path

        return Path(text)
    if kind == "int":
        if not _INT.match(text):
            return _BAD
        number = int(text)
        if (param.minimum is not None and number < param.minimum) or (
            param.maximum is not None and number > param.maximum
        ):
            return _BAD
        return number
    if kind == "float":
        return float(text) if _FLOAT.match(text) else _BAD
    if kind == "choice" and text in param.choices and param.enum:
        import importlib

        module, _, name = param.enum.partition(":")
        return getattr(importlib.import_module(module), name)(text)
    return _BAD
