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

            from selfmassage.context import Context

            run = getattr(importlib.import_module(call.command.module), call.command.run)
            run(ctx or Context.from_env(), **call.params)
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
