"""Run a plain command line from the command table, without importing Typer.

``fast_path`` parses argv with ``cli.spec.parse`` against ``cli.table`` and calls
the command's run function, the same one Typer's declaration calls, behind the
same error edge. It returns None when the line is not plain (``--help``, a typo,
a bad value), and ``main`` hands it to Typer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from selfmassage.errors import ExitCode

if TYPE_CHECKING:
    from selfmassage.context import Context


def prepare(argv: list[str]) -> tuple[list[str], Context | None, int | None]:
    """The run's words without ``--lang``, and its one context in its language.

    The context is built before anything is parsed, so that help, usage errors and
    the command all speak the run's language; a bad ``--lang`` or home is reported
    here (the exit code is then the third value).
    """
    from selfmassage.cli.edge import exit_code_for
    from selfmassage.cli.spec import take_language
    from selfmassage.cli.table import COMMANDS

    words, language = take_language(argv, COMMANDS)
    if words == ["--version"]:
        return words, None, None
    try:
        from selfmassage.cli.common import run_context

        return words, run_context(language), None
    except Exception as exc:
        code = exit_code_for(exc)
        if code is None:
            raise
        return words, None, code


def fast_path(argv: list[str], ctx: Context | None = None) -> int | None:
    """Run ``argv`` if it is plain; its exit code, or None to leave it to Typer."""
    from selfmassage.cli.help import wants_help
    from selfmassage.cli.spec import parse
    from selfmassage.cli.table import COMMANDS

    if wants_help(argv):
        return _help(argv)
    call = None if argv == ["--version"] else parse(argv, COMMANDS)
    if call is None and argv != ["--version"]:
        return None
    from selfmassage.cli.edge import code_of_exit, exit_code_for

    try:
        if call is None:
            _version()
        else:
            import importlib

            from selfmassage.cli.common import run_context, speaking

            run = getattr(importlib.import_module(call.command.module), call.command.run)
            run(run_context() if ctx is None else speaking(ctx), **call.params)
    except SystemExit as done:
        return code_of_exit(done)
    except (Exception, KeyboardInterrupt) as exc:
        code = exit_code_for(exc)
        if code is None:
            raise
        return code
    return int(ExitCode.OK)


def _version() -> None:
    from selfmassage import __version__

    _write(f"selfmassage {__version__}\n")


def _help(argv: list[str]) -> int | None:
    """The help page asked for; None for an unknown command, which Typer names."""
    from selfmassage.cli.edge import exit_code_for
    from selfmassage.cli.help import help_path, render_help
    from selfmassage.cli.table import COMMANDS
    from selfmassage.text import terminal_columns

    path = help_path(argv, COMMANDS)
    if path is None:
        return None
    try:
        _write(render_help(path, COMMANDS, terminal_columns()))
    except Exception as exc:
        code = exit_code_for(exc)
        if code is None:
            raise
        return code
    return int(ExitCode.OK)


def _write(text: str) -> None:
    import sys

    sys.stdout.write(text)
    sys.stdout.flush()
