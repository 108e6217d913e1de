"""The interactive side of screening: asking, the verdict panel, and the gate before a session.

``clear_for_session`` is what ``selfmassage start`` calls; ``daily`` is the path of
``selfmassage`` with no arguments. Everything here reads input through ``Io`` so
tests can feed answers and move the clock.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from selfmassage.routines.catalog import Catalog
from selfmassage.routines.model import Routine
from selfmassage.screening.questions import Question
from selfmassage.screening.recommend import Recommendation
from selfmassage.screening.verdict import (
    EVIDENCE,
    NOT_ADVICE,
    VERDICT_SUMMARY,
    Verdict,
)
from selfmassage.view import console, literal

TIER_WORDS = {
    "urgent": "red flag",
    "stop": "doctor first",
    "local": "area",
    "caution": "take care",
}


def _bullets(items: Sequence[Text]) -> Table:
    # A grid keeps wrapped lines indented under their bullet.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for item in items:
        grid.add_row("•", item)
    return grid


def verdict_panel(verdict: Verdict, catalog: Catalog) -> Panel:
    """The verdict, the answers that caused it, what to do, and which routines remain."""
    parts: list[RenderableType] = [Text(VERDICT_SUMMARY[verdict.verdict], style="bold")]
    if verdict.causes:
        parts.append(Text("\nBecause you answered yes to:", style="bold"))
        causes = []
        for q in verdict.causes:
            line = Text(f"[{TIER_WORDS[q.tier]}] ", style="bold")
            line.append_text(literal(q.text))
            causes.append(line)
        parts.append(_bullets(causes))
        parts.append(Text("\nWhat to do:", style="bold"))
        parts.append(_bullets([literal(advice) for advice in verdict.advice]))
    if verdict.allowed:
        parts.append(Text("\nRoutines you may do:", style="bold"))
        extra = " — light pressure, no tapping" if verdict.caution else ""
        parts.append(
            _bullets(
                [
                    literal(f"{rid} ({catalog.routines[rid].title}){extra}")
                    for rid in verdict.allowed
                ]
            )
        )
    else:
        parts.append(Text("\nNo routine may be done today.", style="bold"))
    if verdict.excluded and not verdict.refused:
        parts.append(Text("\nLeft out:", style="bold"))
        parts.append(_bullets([literal(f"{rid}: {why}") for rid, why in verdict.excluded.items()]))
    parts.append(Text("\n" + NOT_ADVICE, style="bold"))
    parts.append(Text(EVIDENCE, style="dim"))
    style = {"urgent": "red", "stop": "red", "local": "yellow", "caution": "yellow"}
    return Panel(
        Group(*parts),
        title=f"Screening: {verdict.verdict.upper()}",
        title_align="left",
        border_style=style.get(verdict.verdict, "green"),
    )


# -- the screening itself --------------------------------------------------------------


def questions_table(questions: Sequence[Question], out: Console | None = None) -> None:
    """Every question: id, tier, areas, how often it is asked, and the text."""
    out = out or console()
    out.print(Text(f"Screening questions ({len(questions)})", style="bold"))
    for q in questions:
        head = Text("\n")
        head.append_text(literal(q.id, style="bold"))
        areas = ", ".join(q.areas) or "any area"
        often = "asked every day" if q.temporary else "kept for some days"
        head.append_text(literal(f"  {q.tier} · {areas} · {often}", style="dim"))
        out.print(head)
        out.print(literal(q.text), overflow="fold")
    out.print(Text("\n" + NOT_ADVICE, style="bold"))


def recommendation(choice: Recommendation, out: Console | None = None) -> None:
    routine = choice.routine
    lines = [
        Text(f"{routine.title} ({routine.id}), about {routine.minutes:.0f} minutes", style="bold"),
        literal(choice.reason),
    ]
    if choice.alternatives:
        lines.append(literal("Also allowed: " + ", ".join(choice.alternatives)))
    lines.append(Text(NOT_ADVICE, style="dim"))
    (out or console()).print(Panel(Group(*lines), title="Recommended", title_align="left"))


def todays_routine_panel(routine: Routine, advice: Recommendation) -> Panel:
    """The daily path's pick: the routine, why it was chosen, and what else is allowed."""
    lines = [
        Text(f"{routine.title} ({routine.id}), about {routine.minutes:.0f} minutes", style="bold"),
        literal(advice.reason),
    ]
    if advice.alternatives:
        lines.append(literal("Also allowed: " + ", ".join(advice.alternatives)))
    return Panel(Group(*lines), title="Today's routine", title_align="left")
