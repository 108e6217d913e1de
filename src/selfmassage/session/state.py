"""The guided session as a pure state machine: steps, deadlines, pauses and time accounting.

Nothing here sleeps, prints or reads keys. Every method takes the time from the
injected monotonic ``clock`` and works from absolute deadlines, so a step ends at
exactly ``start + planned`` however late the caller wakes, and time spent paused is
excluded exactly. The session flow (``flow.play``) drives it and reacts to the events
it returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from selfmassage.errors import SelfMassageError
from selfmassage.routines.model import Routine, Step

READY_SECONDS = 3  # the get-ready countdown before the first step
NEXT_NOTICE_SECONDS = 5  # "next: …" shows in the last seconds of a step

Clock = Callable[[], float]
Phase = Literal["idle", "ready", "step", "finished"]
EventKind = Literal["step_started", "step_ended", "finished"]


@dataclass(frozen=True)
class StepResult:
    """How one step went: the time actually spent on it (pauses excluded)."""

    index: int  # 0-based position in the routine
    step: Step
    seconds_done: float
    completed: bool
    skipped: bool


@dataclass(frozen=True)
class Event:
    """Something the session flow reacts to: a bell, a journal write, the end."""

    kind: EventKind
    index: int = 0
    result: StepResult | None = None


@dataclass(frozen=True)
class View:
    """What a display needs to draw one frame, all computed at one instant."""

    phase: Phase
    paused: bool
    index: int  # 0-based current step (the first step during get-ready)
    count: int
    step: Step
    remaining: float  # of the step, or of the get-ready countdown
    step_elapsed: float  # active time in the current step
    routine_elapsed: float  # planned time before this step plus time into it
    routine_total: int
    upcoming: Step | None  # the next step, in the last NEXT_NOTICE_SECONDS of this one
    spent: float = 0.0  # real active time so far, every visit, pauses excluded
    left: float = 0.0  # time left as planned from here: this step's rest and the steps after


class Session:
    """One run through a routine. Call ``start`` then ``tick`` whenever time may have passed."""

    def __init__(self, routine: Routine, clock: Clock, *, ready_seconds: int = READY_SECONDS):
        if not routine.steps:
            raise SelfMassageError(f"routine '{routine.id}' has no steps")
        self.routine = routine
        self.steps = routine.steps
        self._clock = clock
        self._ready_seconds = ready_seconds
        self.phase: Phase = "idle"
        self.index = 0
        self.outcome: str | None = None
        # The running segment: it began at _segment_start with _remaining seconds left.
        self._segment_start = 0.0
        self._remaining = 0.0
        self._visit = 0.0  # active seconds of the current visit to the step, closed segments
        self._paused_at: float | None = None
        self.paused_seconds = 0.0
        self.actual_seconds = 0.0  # active time in steps, every visit, pauses excluded
        self.results: dict[int, StepResult] = {}  # first ending of each step

    # -- queries -------------------------------------------------------------------------

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    @property
    def finished(self) -> bool:
        return self.phase == "finished"

    @property
    def step(self) -> Step:
        return self.steps[self.index]

    def deadline(self) -> float | None:
        """When the running countdown reaches zero; ``None`` while paused or not running."""
        if self.phase not in ("ready", "step") or self.paused:
            return None
        return self._segment_start + self._remaining

    def view(self) -> View:
        """A snapshot for the display at the clock's current time (does not advance)."""
        now = self._clock()
        remaining, running = self._remaining, 0.0
        if self.phase in ("ready", "step") and not self.paused:
            running = max(0.0, now - self._segment_start)
            remaining = max(0.0, self._remaining - running)
        if self.phase == "finished":
            remaining = 0.0
        in_step = self.phase == "step"
        step_elapsed = self._visit + running if in_step else 0.0
        before = sum(s.seconds for s in self.steps[: self.index])
        upcoming = None
        if in_step and remaining <= NEXT_NOTICE_SECONDS and self.index + 1 < len(self.steps):
            upcoming = self.steps[self.index + 1]
        return View(
            phase=self.phase,
            paused=self.paused,
            index=self.index,
            count=len(self.steps),
            step=self.step,
            remaining=remaining,
            step_elapsed=step_elapsed,
            routine_elapsed=float(before) + step_elapsed
            if self.phase != "finished"
            else float(self.routine.total_seconds),
            routine_total=self.routine.total_seconds,
            upcoming=upcoming,
            spent=self.actual_seconds + step_elapsed,
            left=self._left(remaining),
        )

    def _left(self, remaining: float) -> float:
        """This step's remaining time (or all of it during get-ready) and the steps after."""
        if self.phase == "finished":
            return 0.0
        after = sum(s.seconds for s in self.steps[self.index + 1 :])
        if self.phase == "step":
            return remaining + after
        return float(self.step.seconds + after)

    def completed_steps(self) -> int:
        return sum(1 for r in self.results.values() if r.completed)

    # -- commands ------------------------------------------------------------------------

    def start(self) -> list[Event]:
        """Begin the get-ready countdown (or the first step when there is none)."""
        if self.phase != "idle":
            return []
        now = self._clock()
        if self._ready_seconds <= 0:
            return self._begin_step(0, now)
        self.phase = "ready"
        self._segment_start, self._remaining = now, float(self._ready_seconds)
        return []

    def tick(self) -> list[Event]:
        """Advance past every deadline the clock has reached; return what happened."""
        return self._advance(self._clock())

    def pause(self) -> list[Event]:
        events = self.tick()
        if self.phase in ("ready", "step") and not self.paused:
            now = self._clock()
            self._close_segment(now)
            self._paused_at = now
        return events

    def resume(self) -> list[Event]:
        if self._paused_at is not None:
            now = self._clock()
            self.paused_seconds += now - self._paused_at
            self._paused_at = None
            self._segment_start = now
        return self.tick()

    def toggle_pause(self) -> list[Event]:
        return self.resume() if self.paused else self.pause()

    def next(self) -> list[Event]:
        """Skip the rest of the step (or of the get-ready countdown)."""
        events = self.resume()
        now = self._clock()
        if self.phase == "ready":
            return [*events, *self._begin_step(0, now)]
        if self.phase == "step":
            events += self._end_step(now, completed=False, skipped=True)
            events += self._begin_next(now)
        return events

    def back(self) -> list[Event]:
        """Start the previous step again (the first step restarts itself).

        The interrupted visit is not recorded: the step is recorded when it next ends.
        """
        events = self.resume()
        if self.phase != "step":
            return events
        now = self._clock()
        self._close_segment(now)
        self.actual_seconds += self._visit
        return [*events, *self._begin_step(max(0, self.index - 1), now)]

    def stop(self, outcome: str) -> list[Event]:
        """End the session now: the current step is recorded as far as it went."""
        if self.phase == "finished":
            return []
        events = self.resume()
        if self.finished:  # the last deadline passed while paused or unnoticed
            return events
        now = self._clock()
        if self.phase == "step":
            events += self._end_step(now, completed=False, skipped=False)
        return [*events, *self._finish(outcome)]

    # -- internals -----------------------------------------------------------------------

    def _advance(self, now: float) -> list[Event]:
        events: list[Event] = []
        while not self.paused and self.phase in ("ready", "step"):
            deadline = self._segment_start + self._remaining
            if now < deadline:
                break
            # The next phase starts at the deadline, not at "now": no drift from late wakes.
            if self.phase == "ready":
                events += self._begin_step(0, deadline)
            else:
                events += self._end_step(deadline, completed=True, skipped=False)
                events += self._begin_next(deadline)
        return events

    def _close_segment(self, now: float) -> None:
        spent = min(max(0.0, now - self._segment_start), self._remaining)
        self._remaining -= spent
        if self.phase == "step":
            self._visit += spent
        self._segment_start = now

    def _begin_step(self, index: int, at: float) -> list[Event]:
        self.phase = "step"
        self.index = index
        self._visit = 0.0
        self._segment_start, self._remaining = at, float(self.steps[index].seconds)
        return [Event("step_started", index)]

    def _begin_next(self, at: float) -> list[Event]:
        if self.index + 1 < len(self.steps):
            return self._begin_step(self.index + 1, at)
        return self._finish("completed")

    def _end_step(self, at: float, *, completed: bool, skipped: bool) -> list[Event]:
        self._close_segment(at)
        self.actual_seconds += self._visit
        step = self.step
        done = float(step.seconds) if completed else self._visit
        result = StepResult(self.index, step, done, completed, skipped)
        self._visit = 0.0
        if self.index in self.results:  # a step played again after "back"
            return []
        self.results[self.index] = result
        return [Event("step_ended", self.index, result)]

    def _finish(self, outcome: str) -> list[Event]:
        self.phase = "finished"
        self.outcome = outcome
        self._remaining = 0.0
        return [Event("finished", self.index)]
