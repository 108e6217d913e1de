"""``selfmassage print``: a handout of one routine for a patient to take home."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from selfmassage.cli.common import context_of


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
            metavar="daily|every-other-day|weekly",
            help="How often (default: the routine's).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option("--format", metavar="text|markdown|html", help="The handout's format."),
    ] = "text",
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
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --output file if it exists.")
    ] = False,
) -> None:
    """Print a handout: the plan, every step, the body picture, when to stop, a log to fill in."""
    from selfmassage.handout.build import build_handout, write_file
    from selfmassage.handout.formats import render

    run = context_of(ctx)
    found = run.routine(routine)
    handout = build_handout(
        found,
        today=run.clock.today(),
        patient=patient,
        therapist=therapist,
        notes=notes,
        minutes=minutes,
        sessions=sessions,
        frequency=frequency,
    )
    from dataclasses import replace

    from selfmassage.screening.flow import clearance_lines

    handout = replace(handout, clearances=clearance_lines(run))
    text = render(handout, fmt)
    if handout.fitted:
        sys.stderr.write(f"{handout.fitted[0].upper()}{handout.fitted[1:]}.\n")
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_file(Path(output), text, force=force)
    sys.stderr.write(f"wrote {output}\n")


COMMANDS = ("print",)


def register(app: typer.Typer) -> None:
    app.command("print")(print_handout)
