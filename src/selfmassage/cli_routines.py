"""Commands that list, show and check routine files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from selfmassage.errors import ExitCode

if TYPE_CHECKING:
    from selfmassage.routines import Catalog

routines_app = typer.Typer(
    name="routines",
    help="List routines (bundled and your own), and check routine files.",
    invoke_without_command=True,
    rich_markup_mode=None,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _catalog() -> Catalog:
    """Every routine, after warning on stderr about user files that were skipped."""
    from selfmassage.routines import load_catalog
    from selfmassage.safetext import printable

    catalog = load_catalog()
    for warning in catalog.warnings:
        # The warning quotes the broken file, which may hold escape sequences.
        sys.stderr.write(f"selfmassage: warning: {printable(warning)}\n")
    return catalog


def _list(as_json: bool) -> None:
    catalog = _catalog()
    routines = [catalog.routines[i] for i in catalog.ids()]
    if as_json:
        from selfmassage.output import emit_json

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

    from selfmassage.render_plain import routines_table

    sys.stdout.write(routines_table(routines, shutil.get_terminal_size((80, 24)).columns))


@routines_app.callback()
def routines_root(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List every routine, bundled and your own (same as 'routines list')."""
    if ctx.invoked_subcommand is None:
        _list(as_json)
    else:
        # 'routines --json list' means the same as 'routines list --json'.
        ctx.obj = {"json": as_json}


@routines_app.command("list")
def routines_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List every routine: id, title, area, position, minutes, steps, source."""
    _list(as_json or bool((ctx.obj or {}).get("json")))


@routines_app.command("validate")
def routines_validate(
    files: Annotated[
        list[Path],
        typer.Argument(help="Routine TOML files to check.", metavar="FILE", show_default=False),
    ],
) -> None:
    """Check routine files and report every problem; exit 0 only when all are valid."""
    from selfmassage.routines import validate_files
    from selfmassage.safetext import printable

    results = validate_files(files)
    bad = 0
    for path, problems in results.items():
        if problems:
            bad += 1
            for problem in problems:
                sys.stderr.write(printable(problem) + "\n")
        else:
            sys.stdout.write(f"{printable(str(path))}: ok\n")
    if bad:
        sys.stderr.write(f"{bad} of {len(results)} file(s) invalid\n")
        raise typer.Exit(int(ExitCode.BAD_INPUT))


@routines_app.command("new")
def routines_new(
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
    from selfmassage.safetext import printable
    from selfmassage.userroutines import bundled_ids, new_routine

    path = new_routine(routine_id, from_routine=from_routine)
    sys.stdout.write(f"{printable(str(path))}\n")
    if routine_id in bundled_ids():
        sys.stderr.write(f"note: it takes the place of the bundled routine '{routine_id}'\n")
    sys.stderr.write(
        f"Edit it, then check it with: selfmassage routines validate {printable(str(path))}\n"
    )


@routines_app.command("install")
def routines_install(
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
    from selfmassage.safetext import printable
    from selfmassage.userroutines import install_routine

    done = install_routine(Path(file), force=force)
    verb = "replaced" if done.replaced_user else "installed"
    sys.stdout.write(
        f"{verb} '{printable(done.routine.id)}' ({printable(done.routine.title)}) "
        f"as {printable(str(done.path))}\n"
    )
    if done.replaces_bundled:
        sys.stderr.write(
            f"note: it takes the place of the bundled routine '{printable(done.routine.id)}'\n"
        )


def show(
    routine: Annotated[
        str, typer.Argument(help="A routine id (see 'selfmassage routines') or a .toml file.")
    ],
    as_json: JsonOption = False,
) -> None:
    """Show one routine: what it is for, position, course, and every step."""
    from selfmassage.routines import names_a_file, resolve_routine

    found = resolve_routine(routine, None if names_a_file(routine) else _catalog())
    if as_json:
        from selfmassage.output import emit_json

        emit_json(found.to_dict())
        return
    from selfmassage.render import routine_detail

    routine_detail(found)


COMMANDS = ("routines", "show")


def register(app: typer.Typer) -> None:
    app.add_typer(routines_app)
    app.command("show")(show)
