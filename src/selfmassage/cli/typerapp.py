"""The Typer app: where commands are declared, and what answers ``--help`` and usage errors.

Only this module imports Typer at load time; the command modules import it inside
their ``register()``. A plain command line never comes here: ``cli.fastpath`` runs
it from the command table generated out of these declarations. Typer runs the
rest (help, usage errors, completion) and every command under ``CliRunner``.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from selfmassage import __version__
from selfmassage.cli.edge import exit_code_for, run_at_edge
from selfmassage.context import Context

DISCLAIMER = (
    "This is not medical advice; see a doctor for a diagnosis. Self-massage can give "
    "short-term comfort alongside exercise and medical care; it does not cure spinal disease."
)

# The command modules in the order `--help` lists them, and which commands each owns:
# Typer builds only the named command's module (a test checks this against each
# module's own COMMANDS).
COMMAND_MODULES = {
    "routines": ("routines", "show"),
    "screening": ("screen", "recommend"),
    "session": ("start",),
    "journal": ("history", "stats", "export", "import", "forget"),
    "handout": ("print",),
    "prescribe": ("prescribe", "prescriptions", "calendar"),
    "report": ("report", "record"),
}


class EdgeGroup(TyperGroup):
    """The CLI edge: domain errors become a message and a named exit code, and usage
    errors are said in our words (``cli.usage``), in the run's language."""

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        from selfmassage.context import Context

        if isinstance(extra.get("obj"), Context):
            # The caller's context (tests, `main`) speaks before any command is reached:
            # a usage error is found before the command asks for its context.
            from selfmassage.cli.common import speaking

            speaking(extra["obj"])
        from typer._click.exceptions import ClickException, UsageError
        from typer.exceptions import Abort

        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except UsageError as exc:
            from selfmassage.cli.usage import usage_error

            given = sys.argv[1:] if args is None else list(args)
            sys.stderr.write(usage_error(given, exc.format_message()))
            sys.exit(exc.exit_code)
        except ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except Abort:
            from selfmassage.i18n import _

            sys.stderr.write(_("Aborted!") + "\n")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: Any) -> Any:  # click.Context; Typer vendors Click
        try:
            return super().invoke(ctx)
        except (Exception, KeyboardInterrupt) as exc:
            code = exit_code_for(exc)
            if code is None:
                raise
            raise typer.Exit(code) from None


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"selfmassage {__version__}\n")
        raise typer.Exit()


def _daily(ctx: typer.Context) -> None:
    from selfmassage.cli.common import context_of
    from selfmassage.cli.daily import run_daily

    run_daily(context_of(ctx))


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
        _daily(ctx)


def build_app(command: str | None = None) -> typer.Typer:
    """The app with every command; or, when ``command`` is one of ours, only its module's.

    Typer converts every registered command's options on each run; a run that names
    its command skips the others' and their imports.
    """
    import importlib

    owner = [name for name, commands in COMMAND_MODULES.items() if command in commands]
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


def run_typer(argv: list[str], ctx: Context | None = None) -> int:
    """Run the command line through Typer (usage errors, anything unusual), in ``ctx``.

    Eager options such as --version run while the arguments are parsed, before
    ``EdgeGroup.invoke``, so the edge is kept around the whole run too.
    """
    command = next((arg for arg in argv if not arg.startswith("-")), None)
    return run_at_edge(lambda: build_app(command)(args=argv, prog_name="selfmassage", obj=ctx))
