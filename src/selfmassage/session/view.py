"""The session in plain words: the questions, the steps as sparse whole lines, the summary.

``Lines`` asks and tells on the standard streams; both screens use it, since the
questions before and after the steps are the same with or without the live display.
``PlainScreen`` is a whole session for screen readers, pipes and logs: a line when a
step starts (technique, place, the body picture as a sentence, the instruction), at
half-way, ten seconds before the end and at the end, never a line per second; no
escape sequence, no bell. With a terminal on stdin it reads commands as lines
(Enter pauses and resumes; n, b, p, q); without one, Ctrl-C stops at once.
``show_summary`` draws the flow's ``Summary`` on either screen. No Rich here.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TextIO

from selfmassage.i18n import N_, _, current, ngettext, pgettext, pgettext_noop
from selfmassage.routines.model import technique_label
from selfmassage.session.cues import LIGHT_PRESSURE, Cues, working
from selfmassage.session.keys import KeySource, LineReader
from selfmassage.session.screen import KEY_COMMANDS, WAKE_SLACK, Command
from selfmassage.text import duration, printable, stamp, terminal_columns, wrap

if TYPE_CHECKING:
    from selfmassage.clock import Clock
    from selfmassage.routines.model import Routine
    from selfmassage.session.flow import Summary
    from selfmassage.session.screen import Screen
    from selfmassage.session.state import View

# Module constants are the English source; ``_()`` where they are shown.
YES_NO_RETRY = N_("Please answer y or n.")
# y and n are the keys in every language; typed, the language's own words count too.
YES_WORDS = ("y", "yes")
NO_WORDS = ("n", "no")
OUTCOME_LINES = {
    "completed": N_("Routine complete."),
    "stopped_for_pain": N_("Stopped for pain."),
    "quit": N_("Session ended early."),
    "interrupted": N_("Session interrupted."),
}
# Plain mode's commands, one a line: those of screen.KEY_COMMANDS, and an empty line
# (Enter) or "space" pauses or resumes.
LINE_COMMANDS: dict[str, Command] = {"": "pause", "space": "pause", **KEY_COMMANDS}
LINE_HELP = N_(
    "Commands (type, then Enter): Enter or space = pause or resume, n = next step, "
    "b = back, p = pain: stop at once, q = quit, ? = these commands."
)
MARK_LINES = {"halfway": N_("half-way; {left} left"), "ten_left": N_("10 seconds left")}


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def plain_step_line(routine: Routine, index: int, spent: float, *, caution: bool = False) -> str:
    """One line that says everything about a step, for plain output and screen readers.

    Stamped with the real time spent so far, not the step's place in the plan.
    """
    step = routine.steps[index]
    fields = [
        _("step {number}/{count}").format(number=index + 1, count=len(routine.steps)),
        technique_label(step.technique, current()),
        step.place,
        duration(step.seconds),
    ]
    if caution:
        fields.append(_(LIGHT_PRESSURE))
    line = f"[{stamp(spent)}] {' · '.join(fields)}"
    line += f" — {step.instruction} {working(step).capitalize()}."
    if step.cue:
        line += " " + _("Feel: {cue}").format(cue=step.cue)
    if step.caution:
        line += " " + _("Caution: {caution}").format(caution=step.caution)
    return printable(" ".join(line.split()))


def answered_yes(answer: str) -> bool | None:
    """True for y or yes (or the language's own word), False for n or no; ``None`` otherwise."""
    word = answer.strip().lower()
    if word in YES_WORDS or word == pgettext("a typed answer", "yes").lower():
        return True
    if word in NO_WORDS or word == pgettext("a typed answer", "no").lower():
        return False
    return None


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
        self.say(self.wrapped(text))

    def wrapped(self, text: str) -> str:
        """``text`` wrapped at word boundaries on a terminal; as it is anywhere else."""
        if not _isatty(self.stdout):
            return text
        width = max(20, min(100, terminal_columns() - 1))
        return "\n".join(wrap(text, width))

    def ask_yes_no(self, question: str) -> bool | None:
        """y or n as a typed line, asked again until it is one; ``None`` for Enter or EOF."""
        while True:
            answer = self.ask(question)
            if answer is None:
                return None
            yes = answered_yes(answer)
            if yes is not None:
                return yes
            self.say(_(YES_NO_RETRY))

    def ask(self, question: str) -> str | None:
        """A line from stdin; ``None`` for an empty answer or the end of input."""
        # Wrapped as prose is, so a long question never breaks mid-word at the edge.
        self.stdout.write(self.wrapped(question) + " ")
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
    """The steps as sparse plain lines, with line commands when stdin is a terminal."""

    def __init__(
        self,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        *,
        lines: Callable[[], KeySource] | None = None,
    ) -> None:
        super().__init__(stdin, stdout)
        self._sleep: Callable[[float], None] = _not_playing
        self._make_lines = lines
        self._lines: KeySource | None = None
        self._cues = Cues()
        self._caution = False
        self._was_paused = False

    @contextlib.contextmanager
    def playing(
        self, routine: Routine, clock: Clock, *, ready_seconds: int, caution: bool
    ) -> Iterator[None]:
        """Announce the routine; wait on ``clock`` (or for a command) until the steps are over."""
        self._caution, self._was_paused, self._cues = caution, False, Cues()
        source = (
            self._make_lines() if self._make_lines else LineReader(self.stdin, sleep=clock.sleep)
        )
        with source as lines:
            self._lines, self._sleep = lines, clock.sleep
            try:
                count = len(routine.steps)
                opening = ngettext(
                    "{title}: {count} step, {time}; starting in {ready} s",
                    "{title}: {count} steps, {time}; starting in {ready} s",
                    count,
                ).format(
                    title=printable(routine.title),
                    count=count,
                    time=duration(routine.total_seconds),
                    ready=ready_seconds,
                )
                self.tell(f"[00:00] {opening}")
                if caution:
                    self.tell(
                        _("Caution today, the whole session: {light}.").format(
                            light=_(LIGHT_PRESSURE)
                        )
                    )
                if lines.available:
                    self.tell(_(LINE_HELP))
                yield
            finally:
                self._lines, self._sleep = None, _not_playing

    @property
    def can_confirm(self) -> bool:
        """True when commands are read from a terminal: "Quit?" is asked as a line."""
        return self._lines is not None and self._lines.available

    def step_started(self, routine: Routine, index: int, spent: float) -> None:
        """The step's line."""
        self._cues.restart()
        self.tell(plain_step_line(routine, index, spent, caution=self._caution))

    def finished(self, view: View, outcome: str) -> None:
        """How the steps ended, stamped with the real time spent."""
        ending = OUTCOME_LINES.get(outcome)
        self.say(f"[{stamp(view.spent)}] {_(ending) if ending else ''}")

    def show(self, view: View) -> None:
        """A line for a pause, a resume, half-way and ten seconds left; nothing else."""
        if view.paused != self._was_paused:
            self._was_paused = view.paused
            if view.paused:
                self.tell(f"[{stamp(view.spent)}] " + _("Paused. Press Enter to go on."))
            elif view.phase == "step":
                left = duration(round(view.remaining))
                going_on = _("Going on: step {number}, {left} left.")
                self.tell(
                    f"[{stamp(view.spent)}] " + going_on.format(number=view.index + 1, left=left)
                )
        for mark in self._cues.due(view):
            left = duration(round(view.remaining))
            self.tell(f"[{stamp(view.spent)}] " + _(MARK_LINES[mark]).format(left=left))

    def wait(self, view: View, to_deadline: float | None) -> Command | None:
        """Until the next deadline or mark, or a command typed on its line."""
        timeout = to_deadline
        if timeout is not None:
            mark = self._cues.until_next(view)
            timeout = max(0.0, timeout if mark is None else min(timeout, mark)) + WAKE_SLACK
        lines = self._lines
        if lines is None or not lines.available:
            if timeout is not None:
                self._sleep(timeout)
            return None
        line = lines.read(timeout)
        if line is None:
            return None
        word = line.strip().lower()
        if word in ("?", "h", "help", "р", pgettext("a typed command", "help").lower()):
            self.tell(_(LINE_HELP))
            return None
        if word not in LINE_COMMANDS:
            unknown = _("Unknown command '{command}'.").format(command=printable(line.strip()))
            self.tell(f"{unknown} {_(LINE_HELP)}")
            return None
        return LINE_COMMANDS[word]

    def confirm(self, view: View, question: str) -> bool:
        """``question`` as a line; True for an answer starting with ``y``."""
        lines = self._lines
        if lines is None or not lines.available:
            return True
        self.say(question.strip())
        answer = lines.read(None)
        return answer is not None and (
            answer.strip().lower().startswith("y") or answered_yes(answer) is True
        )


SUMMARY_LINES = {
    "completed": pgettext_noop("session outcome", "complete"),
    "stopped_for_pain": pgettext_noop("session outcome", "stopped for pain"),
    "quit": pgettext_noop("session outcome", "ended early"),
    "interrupted": pgettext_noop("session outcome", "interrupted"),
}


def show_summary(screen: Screen, summary: Summary) -> None:
    """The closing lines: outcome, time, steps, pain before and after, the course."""
    from selfmassage.journal.view import course_line

    screen.say("")
    outcome = pgettext(*SUMMARY_LINES[summary.outcome])
    screen.say(
        _("{title}: {outcome}").format(title=printable(summary.routine.title), outcome=outcome)
    )
    spent = duration(summary.actual_seconds)
    if summary.paused_seconds:
        paused = duration(summary.paused_seconds)
        screen.say(_("Time: {time} (paused {paused})").format(time=spent, paused=paused))
    else:
        screen.say(_("Time: {time}").format(time=spent))
    # Counted by the steps in all: "из 5 шагов", "из 21 шага" (the English is one form).
    steps_done = ngettext(
        "Steps done: {done} of {total}", "Steps done: {done} of {total}", summary.steps_total
    )
    screen.say(steps_done.format(done=summary.steps_completed, total=summary.steps_total))

    def pain(value: int | None) -> str:
        return "-" if value is None else str(value)

    before, after = pain(summary.pain_before), pain(summary.pain_after)
    if summary.pain_where:
        pain_line = _("Pain: {before} → {after} ({where})").format(
            before=before, after=after, where=printable(summary.pain_where)
        )
    else:
        pain_line = _("Pain: {before} → {after}").format(before=before, after=after)
    screen.tell(pain_line)
    if summary.course is not None:
        line = course_line(summary.routine.id, summary.course, summary.day)
        screen.tell(_("Course: {course}").format(course=printable(line)))
