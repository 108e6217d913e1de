"""The therapist's commands: ``prescribe``, ``prescriptions`` and ``calendar``."""

# No `from __future__ import annotations`: register() declares the commands with
# annotations that Typer reads at run time and that name `typer`, imported there
# only, so the fast path runs these commands without importing Typer.

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

if TYPE_CHECKING:
    import typer

    from selfmassage.context import Context


def _date(text: str | None, option: str) -> object:
    """A ``YYYY-MM-DD`` option as a date (``None`` if not given), or a clear error (exit 2)."""
    from selfmassage.text import parse_day

    return None if text is None else parse_day(text, option)


def run_prescribe(
    ctx: "Context",
    *,
    routine: str | None,
    patient: str | None,
    from_patient: str | None,
    sessions: int | None,
    frequency: str | None,
    break_days: int | None,
    start: str | None,
    minutes: float | None,
    skip: list[int] | None,
    seconds: list[str] | None,
    pressure: str | None,
    note: str | None,
    output: str | None,
    force: bool,
    as_json: bool,
) -> None:
    """Write (and keep) a new version of a patient's prescription, from the changes given."""
    from datetime import date

    from selfmassage.cli.common import write
    from selfmassage.prescription.build import Changes, check_pressure, parse_step_seconds
    from selfmassage.prescription.flow import prescribe
    from selfmassage.prescription.view import prescribed_lines

    check_pressure(pressure)
    first = _date(start, "--start")
    assert first is None or isinstance(first, date)
    changes = Changes(
        sessions=sessions,
        frequency=frequency,
        break_days=break_days,
        minutes=minutes,
        skip=tuple(skip or ()),
        seconds=tuple(parse_step_seconds(item) for item in seconds or ()),
        pressure=pressure,
        notes=note,
    )
    done = prescribe(
        ctx,
        routine,
        changes,
        patient=patient,
        from_patient=from_patient,
        start=first,
        output=Path(output) if output else None,
        force=force,
    )
    if as_json:
        from selfmassage.cli.output import emit_json

        emit_json(done.to_dict())
        return
    write(prescribed_lines(done))


def run_prescriptions(ctx: "Context", *, as_json: bool) -> None:
    """Every patient with their latest prescription, as a table or JSON."""
    from selfmassage.prescription.flow import list_prescriptions

    entries = list_prescriptions(ctx)
    if as_json:
        from selfmassage.cli.output import emit_json

        emit_json([entry.to_dict() for entry in entries])
        return
    import shutil

    from selfmassage.cli.common import write
    from selfmassage.prescription.view import patients_table

    write(patients_table(entries, shutil.get_terminal_size((100, 24)).columns))


def run_calendar(
    ctx: "Context", *, routine: str, start: str | None, at: str, output: str | None, force: bool
) -> None:
    """The course as an iCalendar file, on stdout or in the --output file."""
    from datetime import date, time

    from selfmassage.errors import SelfMassageError
    from selfmassage.files import atomicfile
    from selfmassage.i18n import _
    from selfmassage.prescription.flow import calendar as course_calendar

    first = _date(start, "--start")
    assert first is None or isinstance(first, date)
    try:
        hour = time.fromisoformat(at)
    except ValueError:
        raise SelfMassageError(
            _("--time must be HH:MM, such as 18:30, got '{value}'").format(value=at)
        ) from None
    event = course_calendar(ctx, routine, start=first, at=hour.replace(second=0))
    text = event.to_ics()
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    atomicfile.write_text(Path(output), text, force=force, hint=_("add --force to replace it"))
    sys.stderr.write(_("wrote {file}").format(file=output) + "\n")


COMMANDS = ("prescribe", "prescriptions", "calendar")


def register(app: "typer.Typer") -> None:
    """Declare these commands on the Typer app."""
    import typer

    from selfmassage.cli.declare import ForceOption, JsonOption, TableJsonOption, calls

    @app.command("prescribe")
    @calls(run_prescribe)
    def prescribe(
        ctx: typer.Context,
        routine: Annotated[
            str | None,
            typer.Argument(
                metavar="[ROUTINE]",
                help="A routine id or .toml file to start from (or --from PATIENT).",
                show_default=False,
            ),
        ] = None,
        patient: Annotated[
            str | None, typer.Option(metavar="NAME", help="The patient it is for.")
        ] = None,
        from_patient: Annotated[
            str | None,
            typer.Option(
                "--from", metavar="PATIENT", help="Start from this patient's latest prescription."
            ),
        ] = None,
        sessions: Annotated[
            int | None,
            typer.Option(metavar="N", help="Sessions in the course (1-15).", show_default=False),
        ] = None,
        frequency: Annotated[
            str | None,
            typer.Option(
                metavar="daily|every-other-day|N-per-week",
                help="How often (weekly is 1-per-week).",
                show_default=False,
            ),
        ] = None,
        break_days: Annotated[
            int | None,
            typer.Option(
                "--break-days",
                metavar="D",
                help="Days of rest after the course.",
                show_default=False,
            ),
        ] = None,
        start: Annotated[
            str | None,
            typer.Option(metavar="YYYY-MM-DD", help="The course's first day (default: today)."),
        ] = None,
        minutes: Annotated[
            float | None,
            typer.Option(
                metavar="M",
                help="Minutes per session, fitted by the usual rule.",
                show_default=False,
            ),
        ] = None,
        skip: Annotated[
            list[int] | None,
            typer.Option(metavar="STEP", help="Leave out this step (its number; repeat for more)."),
        ] = None,
        seconds: Annotated[
            list[str] | None,
            typer.Option(metavar="STEP=S", help="Give step STEP S seconds (15 s to 10 min)."),
        ] = None,
        pressure: Annotated[
            str | None,
            typer.Option(
                metavar="light|usual", help="light: no tapping, the light wording of each step."
            ),
        ] = None,
        note: Annotated[
            str | None, typer.Option(metavar="TEXT", help="Your notes for the patient.")
        ] = None,
        output: Annotated[
            str | None,
            typer.Option(
                "--output",
                "-o",
                metavar="FILE.toml",
                help="Also write the prescription here, for the patient to install.",
                show_default=False,
            ),
        ] = None,
        force: ForceOption = False,
        as_json: JsonOption = False,
    ) -> None:
        """Write a routine for one patient: steps left out, times, the course; every version kept."""  # noqa: E501

    @app.command("prescriptions")
    @calls(run_prescriptions)
    def prescriptions(ctx: typer.Context, as_json: TableJsonOption = False) -> None:
        """List your patients with their latest prescription (date, routine, course, fingerprint)."""  # noqa: E501

    @app.command("calendar")
    @calls(run_calendar)
    def calendar(
        ctx: typer.Context,
        routine: Annotated[
            str, typer.Argument(metavar="ROUTINE-or-FILE", help="A routine id or a .toml file.")
        ],
        start: Annotated[
            str | None,
            typer.Option(
                metavar="YYYY-MM-DD",
                help="The first session (default: the prescription's, or today).",
            ),
        ] = None,
        at: Annotated[
            str, typer.Option("--time", metavar="HH:MM", help="The hour of each session.")
        ] = "18:00",
        output: Annotated[
            str | None,
            typer.Option(
                "--output",
                "-o",
                metavar="FILE.ics",
                help="Write here instead of standard output.",
                show_default=False,
            ),
        ] = None,
        force: ForceOption = False,
    ) -> None:
        """Write the course as an iCalendar file: one recurring event, a reminder 15 minutes before."""  # noqa: E501
