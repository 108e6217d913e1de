"""Rich rendering of routines for the terminal. Only the CLI imports this."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from selfmassage.routines.model import Routine
from selfmassage.text import duration, printable
from selfmassage.view import console, literal

# Tempo counts strokes, except where the hands are still and the count is of breaths.
TEMPO_UNITS = {"breathing": "breaths", "rest": "breaths", "stretching": "movements"}


def routine_detail(routine: Routine, out: Console | None = None) -> None:
    out = out or console()
    header = Text()
    header.append(printable(routine.title), style="bold")
    header.append(f"  ({routine.id}, {routine.source})", style="dim")
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("Area", literal(routine.area))
    facts.add_row("Position", routine.position)
    facts.add_row("Time", f"{duration(routine.total_seconds)} ({len(routine.steps)} steps)")
    facts.add_row("Course", routine.course.describe())
    facts.add_row("Good for", literal("\n".join(f"• {i}" for i in routine.indications)))
    if routine.preparation:
        facts.add_row("Before you start", literal(routine.preparation))
    given = routine.prescription
    if given is not None:
        by = f" by {given.therapist}" if given.therapist else ""
        facts.add_row(
            "Prescription",
            literal(
                f"v{given.version} for {given.patient}{by}, {given.written.isoformat()}; "
                f"course from {given.start.isoformat()}; made from '{given.base}'"
                + ("; light pressure" if given.pressure == "light" else "")
            ),
        )
        facts.add_row("Fingerprint", routine.fingerprint)
    out.print(Panel(Group(header, literal(routine.description), Text(), facts), expand=False))

    steps = Table(title="Steps", title_justify="left", show_lines=True)
    steps.add_column("#", justify="right")
    steps.add_column("technique", min_width=10, max_width=18)
    steps.add_column("area", min_width=8, max_width=12)
    steps.add_column("side", no_wrap=True)
    steps.add_column("time", justify="right", no_wrap=True)
    # No ratio or min_width here: with a ratio column Rich sizes the others at their widest
    # and crops the table's right side on an 80-column terminal instead of wrapping.
    steps.add_column("instruction")
    for number, step in enumerate(routine.steps, start=1):
        technique = Text(printable(step.label), style="bold")
        if step.name:
            technique.append(f"\n{step.technique}", style="dim")
        instruction = literal(step.instruction)
        if step.cue:
            instruction.append(f"\nFeel: {printable(step.cue)}", style="italic")
        if step.caution:
            instruction.append(f"\nCaution: {printable(step.caution)}", style="bold")
        if step.tempo:
            unit = TEMPO_UNITS.get(step.technique, "strokes")
            instruction.append(f"\nTempo: {step.tempo} {unit} a minute", style="dim")
        steps.add_row(
            str(number),
            technique,
            step.area_label,
            step.side,
            duration(step.seconds),
            instruction,
        )
    out.print(steps)
