"""``selfmassage report`` (progress a therapist reads) and ``record`` (a session from paper)."""

# No `from __future__ import annotations`: register() declares the commands with
# annotations that Typer reads at run time and that name `typer`, imported there
# only, so the fast path runs these commands without importing Typer.

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from selfmassage.cli.common import write as _write

if TYPE_CHECKING:
    import typer

    from selfmassage.context import Context

REPORT_SUFFIXES = (".html", ".pdf")


def _command_line(
    file: Path | None,
    start: str | None,
    end: str | None,
    routine: str | None,
    patient: str | None,
    output: str | None,
    as_json: bool,
) -> str:
    """The command as it was given, for the report's footer (options in a fixed order)."""
    import shlex

    words = ["selfmassage", "report"]
    if file is not None:
        words.append(str(file))
    for option, value in (
        ("--from", start),
        ("--to", end),
        ("--routine", routine),
        ("--patient", patient),
    ):
        if value is not None:
            words += [option, value]
    if as_json:
        words.append("--json")
    if output is not None:
        words += ["-o", output]
    return shlex.join(words)


def run_report(
    ctx: "Context",
    *,
    file: Path | None,
    start: str | None,
    end: str | None,
    routine: str | None,
    patient: str | None,
    output: str | None,
    paper: str,
    force: bool,
    as_json: bool,
) -> None:
    """A progress report a therapist can read: adherence, pain, pain stops, verdicts, notes.

    From your own journal, or from a patient's export (checked as strictly as
    'import'; a bad file writes nothing). It is not a diagnosis.
    """
    from selfmassage.errors import SelfMassageError
    from selfmassage.files.pdf import PAPERS
    from selfmassage.i18n import _
    from selfmassage.report.flow import build_report
    from selfmassage.text import parse_day

    if paper not in PAPERS:
        raise SelfMassageError(
            _("--paper must be one of {choices}, not '{value}'").format(
                choices=", ".join(PAPERS), value=paper
            )
        )
    suffix = Path(output).suffix.lower() if output is not None else None
    if output is not None and suffix not in REPORT_SUFFIXES:
        raise SelfMassageError(
            _("--output must end in .html or .pdf, not '{value}'").format(value=output),
            hint=_("Use --json for the figures as JSON."),
        )
    built = build_report(
        ctx,
        file=file,
        start=None if start is None else parse_day(start, "--from"),
        end=None if end is None else parse_day(end, "--to"),
        routine=routine,
        patient=patient,
        command=_command_line(file, start, end, routine, patient, output, as_json),
    )
    from selfmassage.report.view import report_data, to_html

    if as_json and output is None:
        from selfmassage.cli.output import emit_json

        emit_json(report_data(built))
        return
    page = to_html(built)
    if output is None:
        _write(page)
        return
    from selfmassage.files import atomicfile

    data = page.encode()
    if suffix == ".pdf":
        from selfmassage.files.pdf import html_to_pdf

        data = html_to_pdf(page, paper=paper)
    atomicfile.write_text(
        Path(output),
        data,
        force=force,
        private=True,
        hint=_("Choose another name, or add --force to replace it."),
    )
    if as_json:
        from selfmassage.cli.output import emit_json

        emit_json(report_data(built))
    sys.stderr.write(_("wrote {file}").format(file=output) + "\n")


def run_record(
    ctx: "Context",
    *,
    routine: str,
    day: str,
    minutes: float | None,
    pain_before: int | None,
    pain_after: int | None,
    note: str | None,
) -> None:
    """Record a session done from the paper sheet: it counts toward the course and streaks.

    It is marked as from paper (history shows it; export carries it) and its minutes
    never count as timed ones.
    """
    from selfmassage.journal.flow import record_paper_session
    from selfmassage.journal.view import history_lines

    recorded = record_paper_session(
        ctx,
        routine,
        day=day,
        minutes=minutes,
        pain_before=pain_before,
        pain_after=pain_after,
        note=note,
    )
    from selfmassage.i18n import _

    _write(_("Recorded a session from paper:") + "\n" + "\n".join(history_lines([recorded])) + "\n")


COMMANDS = ("report", "record")


def register(app: "typer.Typer") -> None:
    """Declare these commands on the Typer app."""
    import typer

    from selfmassage.cli.declare import ForceOption, JsonOption, calls

    @app.command("report")
    @calls(run_report)
    def report(
        ctx: typer.Context,
        file: Annotated[
            Path | None,
            typer.Argument(
                metavar="[EXPORT.json]",
                help="A patient's export ('selfmassage export'); without it, your own journal.",
                show_default=False,
            ),
        ] = None,
        start: Annotated[
            str | None,
            typer.Option(
                "--from",
                metavar="YYYY-MM-DD",
                help="First day (default: the first session).",
                show_default=False,
            ),
        ] = None,
        end: Annotated[
            str | None,
            typer.Option(
                "--to", metavar="YYYY-MM-DD", help="Last day (default: today).", show_default=False
            ),
        ] = None,
        routine: Annotated[
            str | None,
            typer.Option(
                "--routine",
                "-r",
                metavar="R",
                help="Only sessions of this routine id.",
                show_default=False,
            ),
        ] = None,
        patient: Annotated[
            str | None,
            typer.Option(
                metavar="NAME",
                help="The patient's name (default: the prescription's).",
                show_default=False,
            ),
        ] = None,
        # A plain string, not click's Path: our own checks give the clearer message.
        output: Annotated[
            str | None,
            typer.Option(
                "--output",
                "-o",
                metavar="FILE.html|FILE.pdf",
                help="Write the report here (PDF printed by Chromium); without it, HTML on "
                "standard output.",
                show_default=False,
            ),
        ] = None,
        paper: Annotated[str, typer.Option(metavar="a4|letter", help="The paper of a PDF.")] = "a4",
        force: ForceOption = False,
        as_json: JsonOption = False,
    ) -> None:
        """A progress report a therapist can read: adherence, pain, pain stops, verdicts, notes.

        From your own journal, or from a patient's export (checked as strictly as
        'import'; a bad file writes nothing). It is not a diagnosis.
        """

    @app.command("record")
    @calls(run_record)
    def record(
        ctx: typer.Context,
        routine: Annotated[
            str,
            typer.Argument(
                metavar="ROUTINE", help="The routine id done (see 'selfmassage routines')."
            ),
        ],
        day: Annotated[
            str,
            typer.Option(
                "--date",
                metavar="YYYY-MM-DD",
                help="The day it was done (not in the future).",
                show_default=False,
            ),
        ],
        minutes: Annotated[
            float | None,
            typer.Option(
                metavar="M", help="How many minutes it took, if known.", show_default=False
            ),
        ] = None,
        pain_before: Annotated[
            int | None,
            typer.Option(
                metavar="N", help="Pain before, 0 (none) to 10 (worst).", show_default=False
            ),
        ] = None,
        pain_after: Annotated[
            int | None,
            typer.Option(metavar="N", help="Pain after, 0 to 10.", show_default=False),
        ] = None,
        note: Annotated[
            str | None, typer.Option(metavar="TEXT", help="A note about it.", show_default=False)
        ] = None,
    ) -> None:
        """Record a session done from the paper sheet: it counts toward the course and streaks.

        It is marked as from paper (history shows it; export carries it) and its minutes
        never count as timed ones.
        """
