"""The guided session loop: prompts, the live display or plain lines, keys, bell, journal.

The player owns no timing logic of its own: ``session.Session`` decides what
happens when; the player sleeps until the next thing to show (a deadline, the
next second of the countdown, a beat frame, or a key), reacts to the events, and
writes each step to the journal as it ends. Clock, sleep, streams, console and
key source are parameters, so tests run a ten-minute routine in milliseconds.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from selfmassage.routines.model import Routine
from selfmassage.session.state import READY_SECONDS, Event, Session, StepResult
from selfmassage.text import duration, printable, stamp

if TYPE_CHECKING:
    from rich.console import Console

    from selfmassage.clock import Clock

PAIN_NOW = "Pain right now, 0–10? (Enter skips)"
PAIN_STRENGTH = "How strong is the pain, 0–10? (Enter skips)"
PAIN_WHERE = "Where? (Enter skips)"
NOTE = "A note for the journal? (Enter skips)"
PAIN_RETRY = "Please type a whole number from 0 to 10, or press Enter to skip."
QUIT_PROMPT = " Quit this session? y = quit, any other key = go on "
INTERRUPT_PROMPT = " Stop the session? y = stop, any other key = go on "

# shared/clinical.md §6 and the seeds: pain cancels the procedure until its cause is found.
PAIN_ADVICE = (
    "Session stopped because of pain.",
    "If any pain appears, the procedure is cancelled until its cause is found: do not "
    "massage this area again until you have seen a doctor.",
    "If you feel numbness, tingling or weakness, dizziness or fainting, nausea, double "
    "vision, or changes in speech or swallowing: do not restart. Get medical help now; "
    "if it is sudden or severe, call your emergency number.",
)
OUTCOME_LINES = {
    "completed": "Routine complete.",
    "stopped_for_pain": "Stopped for pain.",
    "quit": "Session ended early.",
    "interrupted": "Session interrupted.",
}
SUMMARY_LINES = {
    "completed": "complete",
    "stopped_for_pain": "stopped for pain",
    "quit": "ended early",
    "interrupted": "interrupted",
}

WAKE_SLACK = 0.002  # wake just after a boundary, not just before it


class JournalWriter(Protocol):
    """The part of ``journal.Journal`` a session writes to."""

    def begin_session(
        self,
        routine: Routine,
        *,
        started_at: datetime,
        verdict: str | None,
        pain_before: int | None,
    ) -> str: ...

    def record_step(self, session_id: str, step: Any) -> None: ...

    def finish_session(
        self,
        session_id: str,
        *,
        ended_at: datetime,
        outcome: str,
        actual_seconds: int,
        paused_seconds: int,
        pain_after: int | None,
        pain_where: str | None,
        note: str | None,
    ) -> None: ...

    def course_status(self, routine: Routine, *, today: date) -> str: ...


class KeySource(Protocol):
    """A context that yields single key presses (``keys.KeyReader`` or a test script)."""

    @property
    def available(self) -> bool: ...

    def __enter__(self) -> KeySource: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def read(self, timeout: float | None) -> str | None: ...


@dataclass(frozen=True)
class Summary:
    """How the session went, as shown at the end and written to the journal."""

    routine: Routine
    outcome: str
    actual_seconds: int
    paused_seconds: int
    steps_completed: int
    steps_total: int
    pain_before: int | None
    pain_after: int | None
    pain_where: str | None
    note: str | None
    course: str | None


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def parse_pain(answer: str) -> int | None:
    """0–10 from an answer; ``ValueError`` for anything else (an empty answer is no answer)."""
    text = answer.strip()
    if not text.isdigit() or not 0 <= int(text) <= 10:
        raise ValueError(answer)
    return int(text)


def plain_step_line(session: Session, index: int) -> str:
    """One line that says everything about a step, for plain output and screen readers."""
    step = session.steps[index]
    at = sum(s.seconds for s in session.steps[:index])
    line = (
        f"[{stamp(at)}] step {index + 1}/{len(session.steps)} · {step.technique} · "
        f"{step.place} · {duration(step.seconds)} — {step.instruction}"
    )
    if step.cue:
        line += f" Feel: {step.cue}"
    if step.caution:
        line += f" Caution: {step.caution}"
    return printable(" ".join(line.split()))


def step_record(result: StepResult) -> Any:
    """The journal's ``StepRecord`` for a step result (steps are numbered from 1)."""
    from selfmassage.journal.store import StepRecord

    step = result.step
    done = step.seconds if result.completed else round(result.seconds_done)
    return StepRecord(
        index=result.index + 1,
        technique=step.technique,
        area=step.area,
        side=step.side,
        planned_seconds=step.seconds,
        seconds_done=min(done, step.seconds),
        completed=result.completed,
        skipped=result.skipped,
    )


class Player:
    """Runs one guided session from the first prompt to the summary."""

    def __init__(
        self,
        routine: Routine,
        journal: JournalWriter,
        *,
        clock: Clock,
        verdict: str | None,
        plain: bool,
        bell: bool,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        console: Console | None = None,
        keys: Callable[[], KeySource] | None = None,
        ready_seconds: int = READY_SECONDS,
        make_step_record: Callable[[StepResult], Any] = step_record,
    ) -> None:
        self.routine = routine
        self.journal = journal
        self.verdict = verdict
        self.plain = plain
        self.bell = bell
        # Wall time (what the journal records) and step timing come from the one clock:
        # local and timezone-aware, so a session counts for the day it was done.
        self.clock: Callable[[], float] = clock.monotonic
        self.sleep = clock.sleep
        self.now = clock.now
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self._console = console
        self._keys = keys
        self.ready_seconds = ready_seconds
        self._make_step_record = make_step_record
        self.session_id = ""
        self._prompt: str | None = None
        self._help = False

    # -- the whole flow ------------------------------------------------------------------

    def run(self) -> Summary:
        """Ask, play, ask, record, summarise. Every exit path records the session."""
        pain_before = self.ask_pain(PAIN_NOW)
        session = Session(self.routine, self.clock, ready_seconds=self.ready_seconds)
        self.session_id = self.journal.begin_session(
            self.routine, started_at=self.now(), verdict=self.verdict, pain_before=pain_before
        )
        try:
            if self.plain:
                self._play_plain(session)
            else:
                self._play_live(session)
        except BaseException:
            # An error or a second Ctrl-C: keep what was done, then let it go on up.
            self._handle(session.stop("interrupted"), session)
            self._finish(session, None, None, None)
            raise
        outcome = session.outcome or "interrupted"
        pain_after: int | None = None
        pain_where: str | None = None
        note: str | None = None
        try:
            if outcome == "completed":
                pain_after = self.ask_pain(PAIN_NOW)
                note = self.ask_text(NOTE)
            elif outcome == "stopped_for_pain":
                pain_after = self.ask_pain(PAIN_STRENGTH)
                pain_where = self.ask_text(PAIN_WHERE)
                self.say("")
                for line in PAIN_ADVICE:
                    self.say(self._wrap(line))
        finally:
            self._finish(session, pain_after, pain_where, note)
        summary = Summary(
            routine=self.routine,
            outcome=outcome,
            actual_seconds=round(session.actual_seconds),
            paused_seconds=round(session.paused_seconds),
            steps_completed=session.completed_steps(),
            steps_total=len(session.steps),
            pain_before=pain_before,
            pain_after=pain_after,
            pain_where=pain_where,
            note=note,
            course=self.journal.course_status(self.routine, today=self.now().date()),
        )
        self.show_summary(summary)
        return summary

    def _finish(
        self,
        session: Session,
        pain_after: int | None,
        pain_where: str | None,
        note: str | None,
    ) -> None:
        self.journal.finish_session(
            self.session_id,
            ended_at=self.now(),
            outcome=session.outcome or "interrupted",
            actual_seconds=round(session.actual_seconds),
            paused_seconds=round(session.paused_seconds),
            pain_after=pain_after,
            pain_where=pain_where,
            note=note,
        )

    def _handle(self, events: list[Event], session: Session) -> None:
        for event in events:
            if event.kind == "step_ended" and event.result is not None:
                self.journal.record_step(self.session_id, self._make_step_record(event.result))
            elif event.kind == "step_started":
                if self.plain:
                    self.say(plain_step_line(session, event.index))
                elif self.bell:
                    self.console.bell()
            elif event.kind == "finished" and self.plain:
                at = session.view().routine_elapsed
                outcome = OUTCOME_LINES.get(session.outcome or "", "")
                self.say(f"[{stamp(at)}] {outcome}")

    # -- prompts and messages ------------------------------------------------------------

    def _wrap(self, text: str) -> str:
        """Long advice wrapped at word boundaries on a terminal; one line for a screen reader."""
        if not _isatty(self.stdout):
            return text
        import shutil
        import textwrap

        width = min(100, shutil.get_terminal_size().columns - 1)
        return textwrap.fill(text, width=max(20, width))

    def say(self, line: str) -> None:
        self.stdout.write(line + "\n")
        self.stdout.flush()

    def ask_text(self, question: str) -> str | None:
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

    def ask_pain(self, question: str) -> int | None:
        """0–10, asked again until valid; Enter or the end of input skips."""
        while True:
            answer = self.ask_text(question)
            if answer is None:
                return None
            try:
                return parse_pain(answer)
            except ValueError:
                self.say(PAIN_RETRY)

    def show_summary(self, summary: Summary) -> None:
        self.say("")
        self.say(f"{printable(summary.routine.title)}: {SUMMARY_LINES[summary.outcome]}")
        time_line = f"Time: {duration(summary.actual_seconds)}"
        if summary.paused_seconds:
            time_line += f" (paused {duration(summary.paused_seconds)})"
        self.say(time_line)
        self.say(f"Steps done: {summary.steps_completed} of {summary.steps_total}")

        def pain(value: int | None) -> str:
            return "-" if value is None else str(value)

        pain_line = f"Pain: {pain(summary.pain_before)} → {pain(summary.pain_after)}"
        if summary.pain_where:
            pain_line += f" ({printable(summary.pain_where)})"
        self.say(self._wrap(pain_line))
        if summary.course:
            self.say(self._wrap(f"Course: {printable(summary.course)}"))

    # -- plain mode ----------------------------------------------------------------------

    def _play_plain(self, session: Session) -> None:
        routine = self.routine
        self.say(
            f"[00:00] {printable(routine.title)}: {len(routine.steps)} steps, "
            f"{duration(routine.total_seconds)}; starting in {self.ready_seconds} s"
        )
        try:
            self._handle(session.start(), session)
            while not session.finished:
                self._handle(session.tick(), session)
                deadline = session.deadline()
                if deadline is not None:
                    self.sleep(max(0.0, deadline - self.clock()) + WAKE_SLACK)
        except KeyboardInterrupt:
            # Plain mode has no display to confirm in: Ctrl-C stops at once.
            self._handle(session.stop("interrupted"), session)

    # -- live mode -----------------------------------------------------------------------

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(file=self.stdout, highlight=False)
        return self._console

    def _key_source(self) -> KeySource:
        if self._keys is not None:
            return self._keys()
        from selfmassage.session.keys import KeyReader

        return KeyReader(self.stdin, self.stdout, sleep=self.sleep)

    def _play_live(self, session: Session) -> None:
        from rich.live import Live

        console = self.console
        with (
            self._key_source() as keys,
            Live(
                console=console,
                auto_refresh=False,
                screen=True,
                redirect_stdout=False,
                redirect_stderr=False,
            ) as live,
        ):
            drawn: tuple[object, ...] | None = None
            self._handle(session.start(), session)
            while not session.finished:
                try:
                    self._handle(session.tick(), session)
                    if session.finished:
                        break
                    shown = self._frame_key(session)
                    if shown != drawn:
                        live.update(self._frame(session), refresh=True)
                        drawn = shown
                    key = keys.read(self._wait(session))
                    if key is not None:
                        self._on_key(key, session, keys, live)
                except KeyboardInterrupt:
                    self._confirm(session, keys, live, INTERRUPT_PROMPT, "interrupted")

    def _frame_key(self, session: Session) -> tuple[object, ...]:
        """Everything a frame shows that can change; a frame is drawn only when it does."""
        from selfmassage.session.live import beat_position, shown_seconds

        view = session.view()
        beat = None
        if view.phase == "step" and view.step.tempo:
            beat = beat_position(view.step_elapsed, view.step.tempo)
        return (
            view.phase,
            view.index,
            view.paused,
            shown_seconds(view.remaining),
            beat,
            view.upcoming is not None,
            self._prompt,
            self._help,
            self.console.size,
        )

    def _frame(self, session: Session) -> Any:
        from selfmassage.session.live import frame

        console = self.console
        return frame(
            session.view(),
            self.routine.title,
            width=console.width,
            height=console.height,
            ascii_only=not console.encoding.lower().startswith("utf"),
            prompt=self._prompt,
            show_help=self._help,
        )

    def _wait(self, session: Session) -> float | None:
        """Seconds until something on screen changes; ``None`` while paused (wait for a key)."""
        from selfmassage.session.live import beat_frame_seconds

        deadline = session.deadline()
        if deadline is None:
            return None
        view = session.view()
        waits = [deadline - self.clock()]
        fraction = view.remaining - math.floor(view.remaining)
        waits.append(fraction if fraction > 1e-6 else 1.0)
        if view.phase == "step" and view.step.tempo:
            every = beat_frame_seconds(view.step.tempo)
            waits.append(every - view.step_elapsed % every)
        return max(0.0, min(waits)) + WAKE_SLACK

    def _on_key(self, key: str, session: Session, keys: KeySource, live: Any) -> None:
        key = key.lower()
        if key == " ":
            self._handle(session.toggle_pause(), session)
        elif key == "n":
            self._handle(session.next(), session)
        elif key == "b":
            self._handle(session.back(), session)
        elif key == "p":
            self._handle(session.stop("stopped_for_pain"), session)
        elif key == "q":
            self._confirm(session, keys, live, QUIT_PROMPT, "quit")
        elif key in ("?", "h"):
            self._help = not self._help

    def _confirm(
        self, session: Session, keys: KeySource, live: Any, prompt: str, outcome: str
    ) -> None:
        """Pause, ask for ``y``, and stop with ``outcome`` or carry on as before."""
        if not keys.available:
            self._handle(session.stop(outcome), session)
            return
        was_paused = session.paused
        self._handle(session.pause(), session)
        self._prompt = prompt
        live.update(self._frame(session), refresh=True)
        try:
            answer = keys.read(None)
        except KeyboardInterrupt:
            answer = "y"  # a second Ctrl-C while asking means stop
            outcome = "interrupted"
        finally:
            self._prompt = None
        if answer is not None and answer.lower() == "y":
            self._handle(session.stop(outcome), session)
        elif not was_paused:
            self._handle(session.resume(), session)
