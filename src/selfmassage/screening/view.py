"""The screening as the person meets it: the questions asked at the terminal, and the panels.

``Io`` is the terminal's ``Asker`` (``screening.ask``): the flows in
``screening.flow`` call it when they need an answer; tests feed it replies.
Everything Rich in screening lives here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from selfmassage.routines.catalog import Catalog
from selfmassage.routines.model import Routine
from selfmassage.screening.ask import AskReason, InputEnded
from selfmassage.screening.complaints import Complaint
from selfmassage.screening.questions import Question
from selfmassage.screening.recommend import Recommendation
from selfmassage.screening.verdict import (
    EVIDENCE,
    NOT_ADVICE,
    VERDICT_SUMMARY,
    Verdict,
)
from selfmassage.view import console, heading, literal, quiet

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


# -- asking at the terminal -------------------------------------------------------------

PREFACES: dict[AskReason, str] = {
    "no-screening": "No screening on file from the last days: the full questions first.",
    "today-only": "Then only today's questions.",
}


@dataclass
class Io:
    """The terminal: where the questions are asked and answered; tests replace each part."""

    out: Console = field(default_factory=lambda: Console(highlight=False))
    err: Console = field(default_factory=lambda: Console(highlight=False, stderr=True))
    read: Callable[[str], str] | None = None

    def ask(self, prompt: str) -> str:
        """One reply to ``prompt``; ``InputEnded`` when input has run out."""
        try:
            if self.read is not None:
                return self.read(prompt)
            return self.out.input(Text(prompt))
        except EOFError:
            self.out.print()
            raise InputEnded("input ended before an answer; no session was started") from None

    def yes(self, prompt: str) -> bool:
        """y or n, asked again until it is one of them."""
        while True:
            reply = self.ask(prompt).strip().lower()
            if reply in ("y", "yes"):
                return True
            if reply in ("n", "no"):
                return False
            self.out.print("Please answer y or n.")

    def warn(self, message: str) -> None:
        """A warning on stderr, in the CLI's words, on one line."""
        self.err.print(literal(f"selfmassage: warning: {message}"), soft_wrap=True)

    # -- the Asker protocol of screening.ask ---------------------------------------------

    def answers(self, questions: Sequence[Question], *, reason: AskReason) -> dict[str, bool]:
        """Each question in turn, after saying why they are asked when that needs saying."""
        if reason in PREFACES:
            self.out.print(Text(PREFACES[reason]))
        return ask_questions(questions, self)

    def changed_since(self, screened: datetime) -> bool:
        """Whether anything lasting changed since the full screening on that day."""
        return self.yes(
            f"Has anything about your health changed since your screening on "
            f"{screened.strftime('%d %B')} "
            "(a new illness, injury, medicine, or a pregnancy)? [y/n] > "
        )

    def go_on_with_care(self, verdict: Verdict) -> bool:
        """The answers that ask for care, then whether to go on with light pressure."""
        show_caution(verdict, self)
        return self.yes("Go on with light pressure and no tapping? [y/n] > ")


def ask_questions(questions: Sequence[Question], io: Io) -> dict[str, bool]:
    """One question at a time: y / n, ``?`` for why we ask, ``b`` to go back."""
    answers: dict[str, bool] = {}
    index = 0
    io.out.print(Text("Answer y or n.  ? = why we ask  ·  b = back", style="dim"))
    try:
        while index < len(questions):
            index = _ask_one(questions, index, answers, io)
    except InputEnded:
        raise InputEnded(
            "input ended before the questions were answered; nothing was saved"
        ) from None
    return answers


def _ask_one(questions: Sequence[Question], index: int, answers: dict[str, bool], io: Io) -> int:
    """Ask question ``index`` until it is answered or the person goes back; the next index."""
    question = questions[index]
    header = Text(f"\n{index + 1}/{len(questions)}  ", style="dim")
    header.append_text(literal(question.text, style="bold"))
    io.out.print(header)
    while True:
        reply = io.ask("[y/n/?/b] > ").strip().lower()
        if reply in ("y", "yes", "n", "no"):
            answers[question.id] = reply.startswith("y")
            return index + 1
        if reply == "?":
            io.out.print(literal("Why we ask: " + question.why, style="italic"))
        elif reply == "b":
            if index > 0:
                return index - 1
            io.out.print("This is the first question.")
        else:
            io.out.print("Please answer y or n (? explains why we ask, b goes back).")


def show_caution(verdict: Verdict, io: Io) -> None:
    """The answers that ask for care, each with what to do."""
    io.out.print(Text("Your screening asks for care:", style="bold"))
    for q in verdict.causes:
        if q.tier == "caution":
            io.out.print(literal(f"• {q.text} — {q.advice}"))


def screening_intro(count: int) -> Text:
    """The first line of ``selfmassage screen``."""
    return Text(f"Screening: {count} yes/no questions about your health today. " + NOT_ADVICE)


# -- the daily path ----------------------------------------------------------------------


def daily_banner() -> Text:
    """The first line of ``selfmassage`` with no command."""
    return quiet("selfmassage — " + NOT_ADVICE)


def ask_complaint(io: Io) -> Complaint | None:
    """What the person wants help with today; Enter for nothing in particular."""
    io.out.print(heading("\nWhat would you like help with today?"))
    menu = {str(number): complaint for number, complaint in enumerate(Complaint, 1)}
    for key, complaint in menu.items():
        io.out.print(f"  {key}  {complaint.label}")
    io.out.print("  Enter  nothing in particular")
    while True:
        reply = io.ask("> ").strip().lower()
        if not reply:
            return None
        chosen = menu.get(reply) or Complaint.named(reply)
        if chosen is not None:
            return chosen
        io.out.print(f"Please type a number from 1 to {len(menu)}, or press Enter.")


def confirm_routine(
    io: Io, routine: Routine, advice: Recommendation, *, caution: bool
) -> str | None:
    """The routine id to start: the recommended one, an alternative typed by id, or ``None``."""
    prompt = f"Start {routine.id} now"
    if caution:
        prompt += " with light pressure and no tapping"
    prompt += "? [y/n or another routine id] > "
    while True:
        reply = io.ask(prompt).strip().lower()
        if reply in ("y", "yes"):
            return routine.id
        if reply in ("n", "no"):
            return None
        if reply in advice.alternatives:
            return reply
        io.out.print("Please answer y or n, or type one of: " + ", ".join(advice.alternatives))


# -- the panels and lists --------------------------------------------------------------


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
    """The ``recommend`` panel: the routine, how long, why, and what else is allowed."""
    routine = choice.routine
    lines = [
        Text(f"{routine.title} ({routine.id}), about {choice.minutes:.0f} minutes", style="bold"),
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
