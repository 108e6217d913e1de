"""One routine in detail for ``show``: a panel of facts, then the steps table. No Rich.

Drawn with ``style`` and ``textable`` (Rich would cost as much as the rest of
``show``'s start-up); only the CLI imports this.
"""

from __future__ import annotations

from selfmassage.routines.model import Routine
from selfmassage.style import Out, Text, bold, dim, stack, styled
from selfmassage.text import duration
from selfmassage.textable import Panel, grid, styled_table

# Tempo counts strokes, except where the hands are still and the count is of breaths.
TEMPO_UNITS = {"breathing": "breaths", "rest": "breaths", "stretching": "movements"}
# Column caps (technique, area), as the Rich table had: the instructions get the room.
STEP_COLUMNS_WIDEST = {1: 18, 2: 12}


class _Facts:
    """The routine's facts as a label grid, laid out at the panel's width."""

    def __init__(self, rows: list[tuple[Text, Text]]) -> None:
        self.rows = rows

    def lines(self, width: int) -> list[Text]:
        return grid(self.rows, width)


class _Steps:
    """The steps table, laid out at the terminal's width."""

    def __init__(self, routine: Routine) -> None:
        self.routine = routine

    def lines(self, width: int) -> list[Text]:
        rows = []
        for number, step in enumerate(self.routine.steps, start=1):
            technique = bold(step.label)
            if step.name:
                technique += dim(f"\n{step.technique}")
            instruction = styled(step.instruction)
            if step.cue:
                instruction += styled(f"\nFeel: {step.cue}", "italic")
            if step.caution:
                instruction += bold(f"\nCaution: {step.caution}")
            if step.tempo:
                unit = TEMPO_UNITS.get(step.technique, "strokes")
                instruction += dim(f"\nTempo: {step.tempo} {unit} a minute")
            rows.append(
                [
                    styled(str(number)),
                    technique,
                    styled(step.area_label),
                    styled(step.side),
                    styled(duration(step.seconds)),
                    instruction,
                ]
            )
        return styled_table(
            ("#", "technique", "area", "side", "time", "instruction"),
            rows,
            width=width,
            title=bold("Steps"),
            right=(0, 4),
            widest=STEP_COLUMNS_WIDEST,
            rules=True,
        )


def routine_detail(routine: Routine, out: Out | None = None) -> None:
    """``show``: the routine's title, description and facts in a panel, then its steps."""
    out = out or Out()
    header = bold(routine.title) + dim(f"  ({routine.id}, {routine.source})")
    facts = [
        (bold("Area"), styled(routine.area)),
        (bold("Position"), styled(routine.position)),
        (bold("Time"), styled(f"{duration(routine.total_seconds)} ({len(routine.steps)} steps)")),
        (bold("Course"), styled(routine.course.describe())),
        (bold("Good for"), styled("\n".join(f"• {i}" for i in routine.indications))),
    ]
    if routine.preparation:
        facts.append((bold("Before you start"), styled(routine.preparation)))
    given = routine.prescription
    if given is not None:
        by = f" by {given.therapist}" if given.therapist else ""
        facts.append(
            (
                bold("Prescription"),
                styled(
                    f"v{given.version} for {given.patient}{by}, {given.written.isoformat()}; "
                    f"course from {given.start.isoformat()}; made from '{given.base}'"
                    + ("; light pressure" if given.pressure == "light" else "")
                ),
            )
        )
        facts.append((bold("Fingerprint"), styled(routine.fingerprint)))
    body = stack(header, styled(routine.description), "", _Facts(facts))
    out.print(Panel(body, fit=True))
    out.print(_Steps(routine))
