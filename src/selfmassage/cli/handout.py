"""``selfmassage print``: a handout of one routine for a patient to take home."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from selfmassage.cli.common import ForceOption, context_of


def print_handout(
    ctx: typer.Context,
    routine: Annotated[
        str,
        typer.Argument(
            metavar="ROUTINE", help="A routine id (see 'selfmassage routines') or a .toml file."
        ),
    ],
    patient: Annotated[str | None, typer.Option(metavar="NAME", help="The patient's name.")] = None,
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
) -> None:
    """Print a handout: the plan, every step, the body picture, when to stop, a log to fill in."""
    from selfmassage.handout.flow import handout_for

    made = handout_for(
        context_of(ctx),
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
    sys.stderr.write(f"wrote {output}\n")


COMMANDS = ("print",)


def register(app: typer.Typer) -> None:
    app.command("print")(print_handout)
