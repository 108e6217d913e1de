"""Commands over the session journal: history, stats, export, import, forget.

Each asks a flow of ``journal.flow`` and renders what it gives back: text through
``journal.view``, JSON and CSV through ``journal.exchange``. Plain ``history`` and
``stats`` also run without Typer, from ``cli.fastpath``, through the same
``run_history`` and ``run_stats``.
"""

# No `from __future__ import annotations`: register() declares the commands with
# annotations that Typer reads at run time and that name `typer`, imported there
# only, so the fast path runs these commands without importing Typer.

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from selfmassage.cli.common import write as _write

if TYPE_CHECKING:
    from collections.abc import Iterable

    import typer

    from selfmassage.context import Context
    from selfmassage.journal.records import SessionRecord

DEFAULT_LIMIT = 20
# The most sessions SQLite can be asked for (a 64-bit integer); more is a usage error.
MAX_LIMIT = 2**63 - 1


def run_history(ctx: "Context", *, limit: int, routine: str | None, as_json: bool) -> None:
    """List finished sessions, newest first; a ``limit`` of 0 lists them all.

    Written as the journal is read: any number of sessions in constant memory.
    """
    from selfmassage.cli.output import write_pieces

    if as_json:
        from selfmassage.journal.flow import session_lines
        from selfmassage.journal.view import history_json

        with session_lines(ctx, limit=limit or None, routine=routine) as lines:
            write_pieces(history_json(lines, pretty=sys.stdout.isatty()))
        return
    from selfmassage.journal.flow import history_rows
    from selfmassage.journal.view import history_table

    with history_rows(ctx, limit=limit or None, routine=routine) as (samples, sessions):
        if not samples:
            from selfmassage.i18n import _
            from selfmassage.journal.view import EMPTY

            if routine is None:
                _write(_(EMPTY) + "\n")
            else:
                from selfmassage.text import printable

                _write(
                    _("No sessions of '{routine}' in the journal.").format(
                        routine=printable(routine)
                    )
                    + "\n"
                )
            return
        write_pieces(line + "\n" for line in history_table(samples, sessions))


def run_stats(ctx: "Context", *, as_json: bool) -> None:
    """Totals, streaks, completion, course progress and pain."""
    from selfmassage.journal.flow import compute_stats

    stats = compute_stats(ctx)
    if as_json:
        from selfmassage.cli.output import emit_json
        from selfmassage.i18n import ENGLISH
        from selfmassage.journal.view import stats_data

        if ctx.language == ENGLISH:
            emit_json(stats_data(stats))
        else:
            # A course's status and hold are sentences: the same English bytes in every language.
            emit_json(ctx.for_machines(lambda english: stats_data(compute_stats(english))))
        return
    if not stats.sessions:
        from selfmassage.i18n import _
        from selfmassage.journal.view import EMPTY

        _write(_(EMPTY) + "\n")
        return
    from selfmassage.journal.view import stats_lines
    from selfmassage.text import terminal_columns

    _write("\n".join(stats_lines(stats, terminal_columns())) + "\n")


def _write_new_file(target: Path, text: "str | Iterable[str]", force: bool) -> None:
    """Write an export 0600 (health data); never replace a file unless asked to."""
    from selfmassage.files import atomicfile
    from selfmassage.i18n import _

    atomicfile.write_text(
        target,
        text,
        force=force,
        private=True,
        hint=_("Choose another name, or add --force to replace it."),
    )


def run_export(ctx: "Context", *, format: str, output: Path | None, force: bool) -> None:
    """Write the export to ``output`` (atomically, 0600) or stdout, as the journal is read."""
    from selfmassage.errors import SelfMassageError
    from selfmassage.i18n import _, ngettext

    if format not in ("json", "csv"):
        raise SelfMassageError(
            _("unknown export format '{format}'").format(format=format),
            hint=_("Use json or csv."),
        )
    from selfmassage.journal.flow import export_journal

    with export_journal(ctx, format) as exporting:
        if output is None:
            from selfmassage.cli.output import write_pieces

            write_pieces(exporting.pieces)
            return
        _write_new_file(output, exporting.pieces, force)
    count = exporting.sessions
    sys.stderr.write(
        ngettext(
            "Exported {count} session(s) to {file}", "Exported {count} session(s) to {file}", count
        ).format(count=count, file=output)
        + "\n"
    )


def run_import(ctx: "Context", *, file: Path) -> None:
    """Check the whole export, then add it: all of it or, on any problem, none of it."""
    from selfmassage.i18n import ngettext
    from selfmassage.journal.flow import import_sessions
    from selfmassage.text import printable

    imported = import_sessions(ctx, file)
    # One sentence with two counts: the plural form follows the sessions added.
    said = ngettext(
        "Imported {file}: {added} session(s) added, {skipped} skipped (already in the journal).",
        "Imported {file}: {added} session(s) added, {skipped} skipped (already in the journal).",
        imported.added,
    )
    _write(
        said.format(file=printable(str(file)), added=imported.added, skipped=imported.skipped)
        + "\n"
    )


def _ask_to_forget(session: "SessionRecord") -> bool:
    """Show the session and ask; anything but yes (an empty line, end of input) keeps it."""
    from selfmassage.i18n import _, pgettext
    from selfmassage.journal.view import history_lines

    _write("\n".join(history_lines([session])) + "\n")
    _write(_("Forget this session for good? It cannot be undone. [y/N]") + " ")
    answer = sys.stdin.readline()
    if not answer.endswith("\n"):
        _write("\n")
    # "y" and "yes" in every language (a script may answer so), and the language's own yes.
    yes = {"y", "yes", *pgettext("answers yes to forget", "y|yes").split("|")}
    return answer.strip().lower() in yes


def run_forget(ctx: "Context", *, session_id: str, yes: bool) -> None:
    """Delete one session from the journal for good (after asking), e.g. a wrong import."""
    from selfmassage.errors import ExitCode
    from selfmassage.journal.flow import forget_session

    done = forget_session(ctx, session_id, (lambda _session: True) if yes else _ask_to_forget)
    from selfmassage.i18n import _

    if not done.forgotten:
        _write(_("Nothing was changed.") + "\n")
        raise SystemExit(int(ExitCode.FAILURE))
    _write(_("Forgot session {id}.").format(id=done.session.id) + "\n")


COMMANDS = ("history", "stats", "export", "import", "forget")


def register(app: "typer.Typer") -> None:
    """Declare the journal commands on the Typer app."""
    import typer

    from selfmassage.cli.declare import ForceOption, TableJsonOption, calls

    @app.command("history")
    @calls(run_history)
    def history(
        ctx: typer.Context,
        limit: Annotated[
            int,
            typer.Option(
                "--limit",
                "-n",
                min=0,
                max=MAX_LIMIT,
                help="How many sessions to show, newest first; 0 shows all.",
            ),
        ] = DEFAULT_LIMIT,
        routine: Annotated[
            str | None, typer.Option("--routine", "-r", help="Only sessions of this routine id.")
        ] = None,
        as_json: TableJsonOption = False,
    ) -> None:
        """Your sessions, newest first: date, routine, minutes, outcome, pain before → after."""

    @app.command("stats")
    @calls(run_stats)
    def stats(ctx: typer.Context, as_json: TableJsonOption = False) -> None:
        """Sessions and minutes per routine, streaks, completion, course progress and pain."""

    @app.command("export")
    @calls(run_export)
    def export(
        ctx: typer.Context,
        format: Annotated[
            str,
            typer.Option(
                "--format",
                "-f",
                help="json (complete, can be imported) or csv (one row a session).",
            ),
        ] = "json",
        output: Annotated[
            Path | None,
            typer.Option("--output", "-o", help="Write to this file instead of standard output."),
        ] = None,
        force: ForceOption = False,
    ) -> None:
        """Export every session, oldest first, as JSON (for backup and import) or CSV."""

    @app.command("import")
    @calls(run_import)
    def import_(
        ctx: typer.Context,
        file: Annotated[
            Path,
            typer.Argument(help="A JSON export made by 'selfmassage export'.", metavar="FILE"),
        ],
    ) -> None:
        """Add the sessions of a JSON export; sessions already in the journal are skipped."""

    @app.command("forget")
    @calls(run_forget)
    def forget(
        ctx: typer.Context,
        session_id: Annotated[
            str,
            typer.Argument(
                help="The session's id, as 'selfmassage history --json' shows it.",
                metavar="SESSION-ID",
            ),
        ],
        yes: Annotated[
            bool, typer.Option("--yes", "-y", help="Do not ask; forget it at once.")
        ] = False,
    ) -> None:
        """Delete one session from the journal for good (after asking), e.g. a wrong import."""
