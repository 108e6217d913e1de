"""Rich rendering for the screening questions and the recommendation. Only the CLI imports this."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from selfmassage.render import console, literal
from selfmassage.screening import NOT_ADVICE, Question, Recommendation


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
