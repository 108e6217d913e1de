"""The session in plain words: the questions, the steps one line each, the summary.

``Lines`` asks and tells on the standard streams; both screens use it, since the
questions before and after the steps are the same with or without the live display.
``PlainScreen`` shows the steps as lines that say everything (for screen readers,
pipes and logs): no escape sequence, no bell, no keys; Ctrl-C stops at once.
``show_summary`` draws the flow's ``Summary`` on either screen. No Rich here.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TextIO

from selfmassage.session.screen import WAKE_SLACK, Command
from selfmassage.text import duration, printable, stamp, terminal_columns, wrap

if TYPE_CHECKING:
    from selfmassage.clock import Clock
    from selfmassage.routines.model import Routine
    from selfmassage.session.flow import Summary
    from selfmassage.session.screen import Screen
    from selfmassage.session.state import View

OUTCOME_LINES = {
    "completed": "Routine complete.",
    "stopped_for_pain": "Stopped for pain.",
    "quit": "Session ended early.",
    "interrupted": "Session interrupted.",
}


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def plain_step_line(routine: Routine, index: int) -> str:
    """One line that says everything about a step, for plain output and screen readers."""
    step = routine.steps[index]
    at = sum(s.seconds for s in routine.steps[:index])
    line = (
        f"[{stamp(at)}] step {index + 1}/{len(routine.steps)} · {step.technique} · "
        f"{step.place} · {duration(step.seconds)} — {step.instruction}"
    )
    if step.cue:
        line += f" Feel: {step.cue}"
    if step.caution:
        line += f" Caution: {step.caution}"
    return printable(" ".join(line.split()))


class Lines:
    """Questions and messages as lines on stdin and stdout."""

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout

    def say(self, line: str) -> None:
        """One line, as it is."""
        self.stdout.write(line + "\n")
        self.stdout.flush()

    def tell(self, text: str) -> None:
        """Prose: wrapped at word boundaries on a terminal, one line for a screen reader."""
        if _isatty(self.stdout):
            width = max(20, min(100, terminal_columns() - 1))
            text = "\n".join(wrap(text, width))
        self.say(text)

    def ask(self, question: str) -> str | None:
        """A line from stdin; ``None`` for an empty answer or the end of input."""
        self.stdout.write(question + " ")
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.stdout.write("\n")
            return None
        if not _isatty(self.stdin):
            # The terminal did not echo it: show the answer so the log reads as a dialogue.
            self.stdout.write(printable(line.strip()) + "\n")
        return line.strip() or None


def _not_playing(seconds: float) -> None:
    raise RuntimeError("the screen waits only while the steps are playing")


class PlainScreen(Lines):
    """The steps as plain lines; the only way to stop early is Ctrl-C."""

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None) -> None:
        super().__init__(stdin, stdout)
        self._sleep: Callable[[float], None] = _not_playing

    @contextlib.contextmanager
    def playing(self, routine: Routine, clock: Clock, *, ready_seconds: int) -> Iterator[None]:
        """Announce the routine; wait on ``clock`` until the steps are over."""
        self.say(
            f"[00:00] {printable(routine.title)}: {len(routine.steps)} steps, "
            f"{duration(routine.total_seconds)}; starting in {ready_seconds} s"
        )
        self._sleep = clock.sleep
        try:
            yield
        finally:
            self._sleep = _not_playing

    @property
    def can_confirm(self) -> bool:
        """Never: plain mode has no display to ask in, so Ctrl-C stops at once."""
        return False

    def step_started(self, routine: Routine, index: int) -> None:
        """The step's line."""
        self.say(plain_step_line(routine, index))

    def finished(self, view: View, outcome: str) -> None:
        """How the steps ended, stamped with the routine time."""
        self.say(f"[{stamp(view.routine_elapsed)}] {OUTCOME_LINES.get(outcome, '')}")

    def show(self, view: View) -> None:
        """Nothing: each line is written as its step begins."""

    def wait(self, view: View, to_deadline: float | None) -> Command | None:
        """Sleep past the next deadline; there are no keys to wait for."""
        if to_deadline is not None:
            self._sleep(max(0.0, to_deadline) + WAKE_SLACK)
        return None

    def confirm(self, view: View, question: str) -> bool:
        """Never asked (see ``can_confirm``): the answer is yes."""
        return True


SUMMARY_LINES = {
    "completed": "complete",
    "stopped_for_pain": "stopped for pain",
    "quit": "ended early",
    "interrupted": "interrupted",
}


def show_summary(screen: Screen, summary: Summary) -> None:
    """The closing lines: outcome, time, steps, pain before and after, the course."""
    from selfmassage.journal.view import course_line

    screen.say("")
    screen.say(f"{printable(summary.routine.title)}: {SUMMARY_LINES[summary.outcome]}")
    time_line = f"Time: {duration(summary.actual_seconds)}"
    if summary.paused_seconds:
        time_line += f" (paused {duration(summary.paused_seconds)})"
    screen.say(time_line)
    screen.say(f"Steps done: {summary.steps_completed} of {summary.steps_total}")

    def pain(value: int | None) -> str:
        return "-" if value is None else str(value)

    pain_line = f"Pain: {pain(summary.pain_before)} → {pain(summary.pain_after)}"
    if summary.pain_where:
        pain_line += f" ({printable(summary.pain_where)})"
    screen.tell(pain_line)
    if summary.course is not None:
        line = course_line(summary.routine.id, summary.course, summary.day)
        screen.tell(f"Course: {printable(line)}")
