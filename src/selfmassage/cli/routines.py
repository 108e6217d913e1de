"""Commands that list, show and check routine files."""

# No `from __future__ import annotations`: register() declares the commands with
# annotations that Typer reads at run time and that name `typer`, imported there
# only, so the fast path runs these commands without importing Typer.

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from selfmassage.errors import ExitCode

if TYPE_CHECKING:
    import typer

    from selfmassage.context import Context
    from selfmassage.routines.catalog import Catalog


def _catalog(ctx: "Context") -> "Catalog":
    """Every routine, after warning on stderr about user files that were skipped."""
    from selfmassage.cli.edge import report_warning

    catalog = ctx.catalog
    for warning in catalog.warnings:
        # The warning quotes the broken file, which may hold escape sequences: printable.
        report_warning(warning)
    return catalog


def _bundled_note(routine_id: str) -> str:
    from selfmassage.i18n import _

    return _("note: it takes the place of the bundled routine '{id}'").format(id=routine_id)


def run_routines(ctx: "Context", *, as_json: bool) -> None:
    """List every routine: id, title, area, position, minutes, steps, source."""
    catalog = _catalog(ctx)
    routines = [catalog.routines[i] for i in catalog.ids()]
    if as_json:
        from selfmassage.cli.output import emit_json

        # The same bytes in every language: the routines' own words, in English.
        english = ctx.for_machines(lambda english: english.catalog)
        routines = [english.routines[i] for i in english.ids()]
        emit_json(
            [
                {
                    "id": r.id,
                    "title": r.title,
                    "area": r.area,
                    "areas": sorted(r.areas),
                    "position": r.position,
                    "minutes": round(r.minutes, 1),
                    "seconds": r.total_seconds,
                    "steps": len(r.steps),
                    "source": r.source,
                    "path": str(r.path) if r.path else None,
                }
                for r in routines
            ]
        )
        return
    # Plain text, not Rich: the listing is on the start-up budget (benchmarks/startup.py).
    import shutil

    from selfmassage.routines.listing import routines_table

    sys.stdout.write(routines_table(routines, shutil.get_terminal_size((80, 24)).columns))


def run_validate(ctx: "Context", *, files: list[Path]) -> None:
    """Check routine files and report every problem; exit 0 only when all are valid."""
    from selfmassage.i18n import _, ngettext
    from selfmassage.routines.catalog import check_files
    from selfmassage.text import printable

    results = check_files(files)
    bad = 0
    for path, found in results.items():
        if found.problems:
            bad += 1
            for problem in found.problems:
                sys.stderr.write(printable(problem) + "\n")
        else:
            _warn_all(found.warnings)
            sys.stdout.write(_("{file}: ok").format(file=printable(str(path))) + "\n")
    if bad:
        total = len(results)
        sys.stderr.write(
            ngettext(
                "{bad} of {total} file(s) invalid", "{bad} of {total} file(s) invalid", total
            ).format(bad=bad, total=total)
            + "\n"
        )
        raise SystemExit(int(ExitCode.BAD_INPUT))


def _warn_all(warnings: tuple[str, ...]) -> None:
    """Clinical warnings (clinical.md §3) on stderr; they do not change the exit code."""
    from selfmassage.cli.edge import report_warning

    for warning in warnings:
        report_warning(warning)


def run_new(ctx: "Context", *, routine_id: str, from_routine: str | None) -> None:
    """Start a routine of your own: write a new routine file to edit, and print its path."""
    from selfmassage.i18n import _
    from selfmassage.routines.user import bundled_ids, new_routine
    from selfmassage.text import printable

    path = new_routine(
        routine_id,
        folder=ctx.paths.user_routines_dir,
        source=None if from_routine is None else ctx.routine(from_routine),
    )
    sys.stdout.write(f"{printable(str(path))}\n")
    if routine_id in bundled_ids():
        sys.stderr.write(_bundled_note(routine_id) + "\n")
    sys.stderr.write(
        _("Edit it, then check it with: {command}").format(
            command=f"selfmassage routines validate {printable(str(path))}"
        )
        + "\n"
    )


def run_install(ctx: "Context", *, file: str, force: bool) -> None:
    """Check a routine file and copy it into your routines folder (as <id>.toml)."""
    from selfmassage.i18n import _
    from selfmassage.routines.user import install_routine
    from selfmassage.text import printable

    done = install_routine(Path(file), folder=ctx.paths.user_routines_dir, force=force)
    _warn_all(done.warnings)
    said = (
        _("replaced '{id}' ({title}) as {file}")
        if done.replaced_user
        else _("installed '{id}' ({title}) as {file}")
    )
    sys.stdout.write(
        said.format(
            id=printable(done.routine.id),
            title=printable(done.routine.title),
            file=printable(str(done.path)),
        )
        + "\n"
    )
    if done.replaces_bundled:
        sys.stderr.write(_bundled_note(printable(done.routine.id)) + "\n")


def run_show(ctx: "Context", *, routine: str, as_json: bool) -> None:
    """Show one routine: what it is for, position, course, and every step."""
    from selfmassage.routines.catalog import load_routine_file, names_a_file

    if names_a_file(routine):
        found = load_routine_file(Path(routine).expanduser(), "file")
    else:
        found = _catalog(ctx).find(routine)
    if as_json:
        from selfmassage.cli.output import emit_json

        emit_json(found.to_dict())
        return
    from selfmassage.routines.view import routine_detail

    routine_detail(found)


COMMANDS = ("routines", "show")


def register(app: "typer.Typer") -> None:
    """Declare ``routines`` (list, validate, new, install) and ``show`` on the Typer app."""
    import typer

    from selfmassage.cli.common import context_of
    from selfmassage.cli.declare import RUN_ATTRIBUTE, TableJsonOption, calls

    routines_app = typer.Typer(
        name="routines",
        help="List routines (bundled and your own), and check routine files.",
        invoke_without_command=True,
        rich_markup_mode=None,
    )

    @routines_app.callback()
    def routines_root(ctx: typer.Context, as_json: TableJsonOption = False) -> None:
        """List every routine, bundled and your own (same as 'routines list')."""
        if ctx.invoked_subcommand is None:
            run_routines(context_of(ctx), as_json=as_json)
        else:
            # 'routines --json list' means the same as 'routines list --json'.
            ctx.meta["routines_json"] = as_json

    setattr(routines_root, RUN_ATTRIBUTE, run_routines)

    @routines_app.command("list")
    def routines_list(ctx: typer.Context, as_json: TableJsonOption = False) -> None:
        """List every routine: id, title, area, position, minutes, steps, source."""
        run_routines(context_of(ctx), as_json=as_json or bool(ctx.meta.get("routines_json")))

    setattr(routines_list, RUN_ATTRIBUTE, run_routines)

    @routines_app.command("validate")
    @calls(run_validate)
    def routines_validate(
        ctx: typer.Context,
        files: Annotated[
            list[Path],
            typer.Argument(help="Routine TOML files to check.", metavar="FILE", show_default=False),
        ],
    ) -> None:
        """Check routine files and report every problem; exit 0 only when all are valid."""

    @routines_app.command("new")
    @calls(run_new)
    def routines_new(
        ctx: typer.Context,
        routine_id: Annotated[
            str,
            typer.Argument(
                metavar="ID", help="The new routine's id: lowercase letters, digits, hyphens."
            ),
        ],
        from_routine: Annotated[
            str | None,
            typer.Option(
                "--from",
                metavar="ROUTINE",
                help="Copy this routine (an id or a .toml file) instead of a short skeleton.",
                show_default=False,
            ),
        ] = None,
    ) -> None:
        """Start a routine of your own: write a new routine file to edit, and print its path."""

    @routines_app.command("install")
    @calls(run_install)
    def routines_install(
        ctx: typer.Context,
        file: Annotated[
            str,
            typer.Argument(
                metavar="FILE", help="A routine .toml file, e.g. one your therapist gave you."
            ),
        ],
        force: Annotated[
            bool,
            typer.Option("--force", help="Replace your routine with the same id, if there is one."),
        ] = False,
    ) -> None:
        """Check a routine file and copy it into your routines folder (as <id>.toml)."""

    @app.command("show")
    @calls(run_show)
    def show(
        ctx: typer.Context,
        routine: Annotated[
            str,
            typer.Argument(help="A routine id (see 'selfmassage routines') or a .toml file."),
        ],
        as_json: TableJsonOption = False,
    ) -> None:
        """Show one routine: what it is for, position, course, and every step."""

    app.add_typer(routines_app)
