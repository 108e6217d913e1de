"""The interactive side of screening: asking, the verdict panel, and the gate before a session.

``clear_for_session`` is what ``selfmassage start`` calls; ``daily`` is the path of
``selfmassage`` with no arguments. Everything here reads input through ``Io`` so
tests can feed answers and move the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rich.console import Console
from rich.text import Text

from selfmassage.context import Context
from selfmassage.errors import ExitCode, SelfMassageError
from selfmassage.screening.questions import Question
from selfmassage.screening.saved import (
    SavedScreening,
    save_screening,
)
from selfmassage.screening.verdict import (
    NOT_ADVICE,
    Verdict,
    evaluate,
)
from selfmassage.screening.view import verdict_panel
from selfmassage.view import literal


class InputEnded(SelfMassageError):
    """Input ran out before the questions were answered (e.g. Ctrl-D); nothing is saved."""

    exit_code = ExitCode.FAILURE


@dataclass
class Io:
    """Where the questions are asked and answered; tests replace each part."""

    out: Console = field(default_factory=lambda: Console(highlight=False))
    err: Console = field(default_factory=lambda: Console(highlight=False, stderr=True))
    read: Callable[[str], str] | None = None

    def ask(self, prompt: str) -> str:
        try:
            if self.read is not None:
                return self.read(prompt)
            return self.out.input(Text(prompt))
        except EOFError:
            self.out.print()
            raise InputEnded("input ended before an answer; no session was started") from None


# -- asking ----------------------------------------------------------------------------


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


def _yes(io: Io, prompt: str) -> bool:
    while True:
        reply = io.ask(prompt).strip().lower()
        if reply in ("y", "yes"):
            return True
        if reply in ("n", "no"):
            return False
        io.out.print("Please answer y or n.")


# -- the verdict panel -----------------------------------------------------------------


def run_screen(ctx: Context, io: Io | None = None) -> Verdict:
    """The full interactive screening (``selfmassage screen``): ask all, save, show the panel."""
    io = io or Io()
    questions = ctx.questionnaire
    catalog = ctx.catalog
    io.out.print(
        Text(
            f"Screening: {len(questions)} yes/no questions about your health today. " + NOT_ADVICE,
        )
    )
    answers = ask_questions(questions, io)
    now = ctx.clock.now()
    verdict = evaluate(answers, questions, catalog)
    save_screening(SavedScreening(answers, verdict.verdict, now, now), ctx.paths.screening_file)
    io.out.print(verdict_panel(verdict, catalog))
    return verdict
