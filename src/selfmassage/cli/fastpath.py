"""Run a plain command line from the command table, without importing Typer.

``fast_path`` parses argv with ``cli.spec.parse`` against ``cli.table`` and calls
the command's run function, the same one Typer's declaration calls, behind the
same error edge. It returns None when the line is not plain (``--help``, a typo,
a bad value), and ``main`` hands it to Typer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfmassage.context import Context


def prepare(argv: list[str]) -> tuple[list[str], Context | None, int | None]:
    """The run's words without ``--lang``, and its one context in its language.

    The context is built before anything is parsed, so that help, usage errors and
    the command all speak the run's language; a bad ``--lang`` or home is reported
    here (the exit code is then the third value).
    """
    from selfmassage.cli.edge import run_at_edge
    from selfmassage.cli.spec import take_language
    from selfmassage.cli.table import COMMANDS

    words, language = take_language(argv, COMMANDS)
    if words == ["--version"]:
        return words, None, None
    from selfmassage.cli.common import run_context

    made: list[Context] = []
    code = run_at_edge(lambda: made.append(run_context(language)))
    return words, (made[0] if made else None), (None if made else code)


def fast_path(argv: list[str], ctx: Context | None = None) -> int | None:
    """Run ``argv`` if it is plain; its exit code, or None to leave it to Typer."""
    from selfmassage.cli.edge import run_at_edge
    from selfmassage.cli.help import help_path, render_help, wants_help
    from selfmassage.cli.spec import parse
    from selfmassage.cli.table import COMMANDS

    if wants_help(argv, COMMANDS):
        path = help_path(argv, COMMANDS)
        if path is None:
            return None  # an unknown command: Typer names it
        from selfmassage.text import terminal_columns

        return run_at_edge(lambda: _write(render_help(path, COMMANDS, terminal_columns())))
    if argv == ["--version"]:
        return run_at_edge(_version)
    call = parse(argv, COMMANDS)
    if call is None:
        return None

    def run() -> None:
        import importlib

        from selfmassage.cli.common import run_context, speaking

        command = getattr(importlib.import_module(call.command.module), call.command.run)
        command(run_context() if ctx is None else speaking(ctx), **call.params)

    return run_at_edge(run)


def _version() -> None:
    from selfmassage import __version__

    _write(f"selfmassage {__version__}\n")


def _write(text: str) -> None:
    import sys

    sys.stdout.write(text)
    sys.stdout.flush()
