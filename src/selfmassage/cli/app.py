"""The command line: parse, call one core function, render. Nothing else lives here.

Heavy modules (Rich, sqlite3, the core) are imported inside the commands that need
them so ``selfmassage --version`` stays as quick as a bare Typer app.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from selfmassage import __version__
from selfmassage.cli.edge import EdgeGroup, exit_code_for

DISCLAIMER = (
    "This is not medical advice; see a doctor for a diagnosis. Self-massage can give "
    "short-term comfort alongside exercise and medical care; it does not cure spinal disease."
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"selfmassage {__version__}\n")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Run with no command for the daily path: check it is safe, pick, confirm, massage."""
    if ctx.invoked_subcommand is None:
        from selfmassage.cli.common import context_of
        from selfmassage.cli.daily import daily

        daily(context_of(ctx))


# The command modules in the order `--help` lists them, and which commands each owns:
# a run that names its command imports only that module (a test checks this against
# each module's own COMMANDS).
COMMAND_MODULES = {
    "routines": ("routines", "show"),
    "screening": ("screen", "recommend"),
    "session": ("start",),
    "journal": ("history", "stats", "export", "import", "forget"),
    "handout": ("print",),
    "prescribe": ("prescribe", "prescriptions", "calendar"),
    "report": ("report", "record"),
}


def build_app(command: str | None = None) -> typer.Typer:
    """The app with every command; or, when ``command`` is one of ours, only its module's.

    Typer converts every registered command's options on each run; a run that names
    its command skips the others' (about 10 ms of start-up) and their imports.
    """
    import importlib

    owner = [name for name, commands in COMMAND_MODULES.items() if command in commands]
    # Each command module imports only Typer at load time; heavy work is inside commands.
    modules = [
        importlib.import_module(f"selfmassage.cli.{name}") for name in owner or COMMAND_MODULES
    ]
    new = typer.Typer(
        name="selfmassage",
        cls=EdgeGroup,
        help=(
            "A self-massage coach for the neck, shoulders and lower back: screening, guided "
            "timed routines, a journal and printable handouts.\n\n" + DISCLAIMER
        ),
        invoke_without_command=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    new.callback()(root)
    for module in modules:
        module.register(new)
    return new


def __getattr__(name: str) -> typer.Typer:
    """``app``, the whole app, built on first use (tests, docs); ``main`` builds its own once."""
    if name == "app":
        return build_app()
    raise AttributeError(name)


def main() -> None:
    """Console-script entry point."""
    # history and stats skip Typer's (slow to import) parsing when their arguments are plain.
    from selfmassage.cli.fastpath import fast_path

    code = fast_path(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    try:
        build_app(command)(prog_name="selfmassage")
    except (Exception, KeyboardInterrupt) as exc:
        # Eager options such as --version run while the arguments are parsed, before
        # EdgeGroup.invoke, so the edge is kept here too.
        code = exit_code_for(exc)
        if code is None:
            raise
        sys.exit(code)
