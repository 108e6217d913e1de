"""``selfmassage print``: a handout of one routine for a patient to take home."""

# No `from __future__ import annotations`: register() declares the commands with
# annotations that Typer reads at run time and that name `typer`, imported there
# only, so the fast path runs these commands without importing Typer.

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

if TYPE_CHECKING:
    import typer

    from selfmassage.context import Context


def run_print(
    ctx: "Context",
    *,
    routine: str,
    patient: str | None,
    therapist: str | None,
    notes: str | None,
    minutes: float | None,
    sessions: int | None,
    frequency: str | None,
    fmt: str | None,
    paper: str,
    qr: bool,
    output: str | None,
    force: bool,
    lang: str | None = None,
    also: str | None = None,
) -> None:
    """The handout of one routine, on stdout or in the --output file."""
    from selfmassage.handout.flow import handout_for
    from selfmassage.i18n import _

    made = handout_for(
        ctx,
        routine,
        patient=patient,
        therapist=therapist,
        notes=notes,
        minutes=minutes,
        sessions=sessions,
        frequency=frequency,
        fmt=fmt,
        output=output,
        paper=paper,
        qr=qr,
        lang=lang,
        also=also,
    )
    if made.fitted:
        sys.stderr.write(f"{made.fitted[0].upper()}{made.fitted[1:]}.\n")
    if output is None:
        if isinstance(made.content, bytes):
            sys.stdout.buffer.write(made.content)
            sys.stdout.flush()
            return
        sys.stdout.write(made.content)
        sys.stdout.flush()
        return
    from selfmassage.handout.build import write_file

    write_file(Path(output), made.content, force=force)
    sys.stderr.write(_("wrote {file}").format(file=output) + "\n")


COMMANDS = ("print",)


def register(app: "typer.Typer") -> None:
    """Declare these commands on the Typer app."""
    import typer

    from selfmassage.cli.declare import ForceOption, calls

    @app.command("print")
    @calls(run_print)
    def print_handout(
        ctx: typer.Context,
        routine: Annotated[
            str,
            typer.Argument(
                metavar="ROUTINE", help="A routine id (see 'selfmassage routines') or a .toml file."
            ),
        ],
        patient: Annotated[
            str | None, typer.Option(metavar="NAME", help="The patient's name.")
        ] = None,
        therapist: Annotated[
            str | None, typer.Option(metavar="NAME", help="Your name, as the therapist.")
        ] = None,
        notes: Annotated[
            str | None, typer.Option(metavar="TEXT", help="Your notes for the patient.")
        ] = None,
        minutes: Annotated[
            float | None,
            typer.Option(
                metavar="M",
                help="Minutes per session: the steps are fitted to it (shorter, or at most 1.5 "
                "times the routine).",
                show_default=False,
            ),
        ] = None,
        sessions: Annotated[
            int | None,
            typer.Option(
                metavar="N",
                help="Sessions in the course (default: the routine's).",
                show_default=False,
            ),
        ] = None,
        frequency: Annotated[
            str | None,
            typer.Option(
                metavar="daily|every-other-day|weekly|N-per-week",
                help="How often (default: the routine's).",
                show_default=False,
            ),
        ] = None,
        fmt: Annotated[
            str | None,
            typer.Option(
                "--format",
                metavar="text|markdown|html|pdf",
                help="The handout's format (default: from the --output name's extension, "
                ".txt .md .html .htm .pdf; text on standard output).",
                show_default=False,
            ),
        ] = None,
        paper: Annotated[
            str,
            typer.Option("--paper", metavar="a4|letter", help="The paper a PDF is printed on."),
        ] = "a4",
        qr: Annotated[
            bool,
            typer.Option(
                "--qr", help="Add a QR code of the course for a phone's calendar (HTML and PDF)."
            ),
        ] = False,
        # A plain string, not click's Path: our own checks give the clearer message.
        output: Annotated[
            str | None,
            typer.Option(
                "--output",
                "-o",
                metavar="FILE",
                help="Write to this file instead of standard output.",
                show_default=False,
            ),
        ] = None,
        force: ForceOption = False,
        lang: Annotated[
            str | None,
            typer.Option(
                "--lang",
                metavar="en|ru|uk",
                help="The handout's language (default: the interface's).",
                show_default=False,
            ),
        ] = None,
        also: Annotated[
            str | None,
            typer.Option(
                "--also",
                metavar="en|ru|uk",
                help="A second language: a bilingual handout, every text in both.",
                show_default=False,
            ),
        ] = None,
    ) -> None:
        """Print a handout: the plan, every step, the body picture, when to stop, a log to fill in."""  # noqa: E501
