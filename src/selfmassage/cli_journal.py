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

from selfmassage.errors import ExitCode

if TYPE_CHECKING:
    from selfmassage.journal import Journal

DEFAULT_LIMIT = 20

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _today() -> Any:
    from datetime import datetime

    return datetime.now().astimezone().date()


def _existing_journal() -> Journal | None:
    """The journal if there is one: reading commands never create an empty database."""
    from selfmassage import paths

    path = paths.journal_file()
    if not path.exists():
        return None
    from selfmassage.journal import Journal

    return Journal.open(path)


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def run_history(*, limit: int, routine: str | None, as_json: bool) -> None:
    """List finished sessions, newest first."""
    journal = _existing_journal()
    sessions: list[dict[str, Any]] = []
    if journal is not None:
        with journal:
            sessions = journal.sessions(limit=limit or None, routine=routine)
    if as_json:
        from selfmassage.output import emit_json

        emit_json({"sessions": sessions})
        return
    if not sessions:
        from selfmassage.journal_render import EMPTY

        if routine is None:
            _write(EMPTY + "\n")
        else:
            from selfmassage.safetext import printable

            _write(f"No sessions of '{printable(routine)}' in the journal.\n")
        return
    from selfmassage.journal_render import history_lines

    _write("\n".join(history_lines(sessions)) + "\n")


def _courses(summary: dict[str, Any], today: Any) -> list[dict[str, Any]]:
    from selfmassage.journal_stats import Course, course_line, course_progress

    entries = summary["course_days"]
    plans: dict[str, Course] = {e.routine: e.plan for e in entries if e.plan is not None}
    if len(plans) < len(entries):
        # Only sessions imported from elsewhere: their routines' courses come from the files.
        from selfmassage.routines import load_catalog

        catalog = load_catalog().routines
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


def run_stats(*, as_json: bool) -> None:
    """Totals, streaks, completion, course progress and pain."""
    from selfmassage.journal import empty_summary

    today = _today()
    journal = _existing_journal()
    if journal is None:
        summary = empty_summary()
    else:
        with journal:
            summary = journal.summary(today)
    courses = _courses(summary, today)
    summary.pop("course_days")
    if as_json:
        from selfmassage.output import emit_json

        emit_json({**summary, "courses": courses})
        return
    if not summary["sessions"]:
        from selfmassage.journal_render import EMPTY

        _write(EMPTY + "\n")
        return
    import shutil

    from selfmassage.journal_render import stats_lines
    from selfmassage.journal_stats import sparkline

    width = shutil.get_terminal_size((80, 24)).columns  # COLUMNS first, then the terminal
    lines = stats_lines(summary, [c["status"] for c in courses], sparkline, width)
    _write("\n".join(lines) + "\n")


def history(
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=0, help="How many sessions to show, newest first; 0 shows all."
        ),
    ] = DEFAULT_LIMIT,
    routine: Annotated[
        str | None, typer.Option("--routine", "-r", help="Only sessions of this routine id.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Your sessions, newest first: date, routine, minutes, outcome, pain before → after."""
    run_history(limit=limit, routine=routine, as_json=as_json)


def stats(as_json: JsonOption = False) -> None:
    """Sessions and minutes per routine, streaks, completion, course progress and pain."""
    run_stats(as_json=as_json)


def _write_new_file(target: Path, text: str, force: bool) -> None:
    """Write an export 0600 (health data); never replace a file unless asked to."""
    from selfmassage import atomicfile

    atomicfile.write_text(
        target,
        text,
        force=force,
        private=True,
        hint="Choose another name, or add --force to replace it.",
    )


def export(
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
    from selfmassage.journal_io import export_csv, export_json

    journal = _existing_journal()
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
    file: Annotated[
        Path, typer.Argument(help="A JSON export made by 'selfmassage export'.", metavar="FILE")
    ],
) -> None:
    """Add the sessions of a JSON export; sessions already in the journal are skipped."""
    from selfmassage.journal import Journal
    from selfmassage.journal_io import read_export
    from selfmassage.routines import load_catalog
    from selfmassage.safetext import printable

    records = read_export(file)
    catalog = load_catalog().routines
    with Journal.open() as journal:
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


def _parse_fast(argv: list[str]) -> dict[str, Any] | None:
    """Options of plain ``history``/``stats`` calls; None when Typer should handle them."""
    if not argv or argv[0] not in ("history", "stats"):
        return None
    command = argv[0]
    options: dict[str, Any] = {"command": command, "as_json": False}
    if command == "history":
        options.update(limit=DEFAULT_LIMIT, routine=None)
    args = iter(argv[1:])
    for arg in args:
        name, equals, value = arg.partition("=")
        if name == "--json" and not equals:
            options["as_json"] = True
        elif command == "history" and name in ("--limit", "-n", "--routine", "-r"):
            if not equals:
                value = next(args, "")
            if name in ("--limit", "-n"):
                if not value.isascii() or not value.isdigit():
                    return None
                options["limit"] = int(value)
            else:
                if not value or value.startswith("-"):
                    return None
                options["routine"] = value
        else:
            return None
    return options


def fast_path(argv: list[str]) -> int | None:
    """Run plain ``history``/``stats`` without Typer; the exit code, or None to use Typer."""
    options = _parse_fast(argv)
    if options is None:
        return None
    from selfmassage.cli import exit_code_for

    command = options.pop("command")
    try:
        if command == "history":
            run_history(**options)
        else:
            run_stats(**options)
    except (Exception, KeyboardInterrupt) as exc:
        code = exit_code_for(exc)
        if code is None:
            raise
        return code
    return int(ExitCode.OK)
