"""Commands over the session journal: history, stats, export, import.

``history`` and ``stats`` must start about as fast as ``selfmassage --version``.
Typer imports pydantic to coerce parameters as soon as any command runs, which
alone costs more than that budget, so ``fast_path`` (called from ``cli.main``)
runs these two commands directly when their arguments are plain and well formed.
Anything else (``--help``, a typo, a bad value) falls through to Typer, which
stays the one source of help text and usage errors. Both paths call the same
functions below.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from selfmassage.cli.common import TableJsonOption, context_of
from selfmassage.cli.common import write as _write

if TYPE_CHECKING:
    from datetime import date

    from selfmassage.context import Context

DEFAULT_LIMIT = 20


def run_history(ctx: Context, *, limit: int, routine: str | None, as_json: bool) -> None:
    """List finished sessions, newest first."""
    journal = ctx.existing_journal()
    sessions: list[dict[str, Any]] = []
    if journal is not None:
        with journal:
            sessions = journal.sessions(limit=limit or None, routine=routine)
    if as_json:
        from selfmassage.cli.output import emit_json

        emit_json({"sessions": sessions})
        return
    if not sessions:
        from selfmassage.journal.view import EMPTY

        if routine is None:
            _write(EMPTY + "\n")
        else:
            from selfmassage.text import printable

            _write(f"No sessions of '{printable(routine)}' in the journal.\n")
        return
    from selfmassage.journal.view import history_lines

    _write("\n".join(history_lines(sessions)) + "\n")


def _courses(ctx: Context, summary: dict[str, Any], today: date) -> list[dict[str, Any]]:
    from selfmassage.journal.stats import Course, course_line, course_progress

    entries = summary["course_days"]
    plans: dict[str, Course] = {e.routine: e.plan for e in entries if e.plan is not None}
    if len(plans) < len(entries):
        # Only sessions imported from elsewhere: their routines' courses come from the files.
        catalog = ctx.catalog.routines
        plans.update(
            {
                e.routine: catalog[e.routine].course
                for e in entries
                if e.routine in catalog and e.routine not in plans
            }
        )
    courses = []
    for entry in entries:
        course = plans.get(entry.routine)
        if course is None:
            courses.append(
                {
                    "routine": entry.routine,
                    "status": f"{entry.routine}: no longer among your routines",
                }
            )
            continue
        progress = course_progress(entry.days, course, today)
        courses.append(
            {
                "routine": entry.routine,
                "status": course_line(entry.routine, course, progress, today),
                "done": progress.done,
                "sessions": progress.sessions,
                "next_due": progress.next_due.isoformat(),
                "on_break": progress.break_until is not None,
            }
        )
    return courses


def run_stats(ctx: Context, *, as_json: bool) -> None:
    """Totals, streaks, completion, course progress and pain."""
    from selfmassage.journal.store import empty_summary

    today = ctx.clock.today()
    journal = ctx.existing_journal()
    if journal is None:
        summary = empty_summary()
    else:
        with journal:
            summary = journal.summary(today)
    courses = _courses(ctx, summary, today)
    summary.pop("course_days")
    if as_json:
        from selfmassage.cli.output import emit_json

        emit_json({**summary, "courses": courses})
        return
    if not summary["sessions"]:
        from selfmassage.journal.view import EMPTY

        _write(EMPTY + "\n")
        return
    import shutil

    from selfmassage.journal.stats import sparkline
    from selfmassage.journal.view import stats_lines

    width = shutil.get_terminal_size((80, 24)).columns  # COLUMNS first, then the terminal
    lines = stats_lines(summary, [c["status"] for c in courses], sparkline, width)
    _write("\n".join(lines) + "\n")


def history(
    ctx: typer.Context,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=0, help="How many sessions to show, newest first; 0 shows all."
        ),
    ] = DEFAULT_LIMIT,
    routine: Annotated[
        str | None, typer.Option("--routine", "-r", help="Only sessions of this routine id.")
    ] = None,
    as_json: TableJsonOption = False,
) -> None:
    """Your sessions, newest first: date, routine, minutes, outcome, pain before → after."""
    run_history(context_of(ctx), limit=limit, routine=routine, as_json=as_json)


def stats(ctx: typer.Context, as_json: TableJsonOption = False) -> None:
    """Sessions and minutes per routine, streaks, completion, course progress and pain."""
    run_stats(context_of(ctx), as_json=as_json)


def _write_new_file(target: Path, text: str, force: bool) -> None:
    """Write an export 0600 (health data); never replace a file unless asked to."""
    from selfmassage.files import atomicfile

    atomicfile.write_text(
        target,
        text,
        force=force,
        private=True,
        hint="Choose another name, or add --force to replace it.",
    )


def export(
    ctx: typer.Context,
    format: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="json (complete, can be imported) or csv (one row a session)."
        ),
    ] = "json",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --output file if it exists.")
    ] = False,
) -> None:
    """Export every session, oldest first, as JSON (for backup and import) or CSV."""
    from selfmassage.errors import SelfMassageError

    if format not in ("json", "csv"):
        raise SelfMassageError(f"unknown export format '{format}'", hint="Use json or csv.")
    from selfmassage.journal.exchange import export_csv, export_json

    journal = context_of(ctx).existing_journal()
    sessions: list[dict[str, Any]] = []
    if journal is not None:
        with journal:
            sessions = journal.sessions(newest_first=False)
    text = export_json(sessions) if format == "json" else export_csv(sessions)
    if output is None:
        _write(text)
        return
    _write_new_file(output, text, force)
    sys.stderr.write(f"Exported {len(sessions)} session(s) to {output}\n")


def import_(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="A JSON export made by 'selfmassage export'.", metavar="FILE")
    ],
) -> None:
    """Add the sessions of a JSON export; sessions already in the journal are skipped."""
    from selfmassage.journal.exchange import read_export
    from selfmassage.text import printable

    run = context_of(ctx)
    records = read_export(file)
    catalog = run.catalog.routines
    with run.journal() as journal:
        added, skipped = journal.add_sessions(records)
        journal.remember_courses([catalog[r] for r in journal.routine_ids() if r in catalog])
    _write(
        f"Imported {printable(str(file))}: {added} session(s) added, "
        f"{skipped} skipped (already in the journal).\n"
    )


COMMANDS = ("history", "stats", "export", "import")


def register(app: typer.Typer) -> None:
    app.command("history")(history)
    app.command("stats")(stats)
    app.command("export")(export)
    app.command("import")(import_)


# -- the fast path -----------------------------------------------------------------------
