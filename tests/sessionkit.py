"""Shared helpers for the session tests: a fake clock, small routines, a fake journal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from selfmassage.journal.stats import CourseProgress
from selfmassage.routines.model import Course, Routine, Step


class FakeClock:
    """A ``Clock`` that moves only when told; ``sleep`` moves it.

    ``seconds`` is its monotonic time; its wall time starts at ``wall`` (any time
    zone) and moves with it, so a session's start and end are where they should be.
    """

    def __init__(self, start: float = 1000.0, wall: datetime | None = None) -> None:
        self.seconds = start
        self.start = start
        self.wall = wall or fixed_now()
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.seconds

    def monotonic(self) -> float:
        return self.seconds

    def now(self) -> datetime:
        return self.wall + timedelta(seconds=self.seconds - self.start)

    def today(self) -> date:
        return self.now().date()

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.seconds += seconds

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


def make_routine(*seconds: int, tempo: int | None = None) -> Routine:
    """A routine whose steps last ``seconds``, alternating techniques and sides."""
    techniques = ("stroking", "rubbing", "kneading", "vibration")
    sides = ("both", "left", "right")
    steps = tuple(
        Step(
            technique=techniques[i % len(techniques)],
            area="neck-shoulders",
            side=sides[i % len(sides)],
            seconds=s,
            instruction=f"Instruction for step {i + 1}.",
            name=f"Step {i + 1}",
            tempo=tempo,
            cue=f"Cue {i + 1}." if i == 0 else None,
        )
        for i, s in enumerate(seconds)
    )
    return Routine(
        id="test",
        title="Test routine",
        description="For tests.",
        area="collar zone",
        position="sitting",
        indications=("tests",),
        course=Course(sessions=10, frequency="daily", break_days=10),
        steps=steps,
    )


@dataclass
class FakeJournal:
    """Records every call a session makes, in order."""

    calls: list[tuple[str, Any]] = field(default_factory=list)
    course_asked_for: list[date] = field(default_factory=list)
    progress: CourseProgress | None = None  # what course_progress answers; the start if None

    def begin_session(
        self,
        routine: Routine,
        *,
        started_at: datetime,
        verdict: str | None,
        pain_before: int | None,
    ) -> str:
        self.calls.append(
            ("begin", {"routine": routine.id, "pain_before": pain_before, "started_at": started_at})
        )
        return "s1"

    def record_step(self, session_id: str, step: Any) -> None:
        self.calls.append(("step", step))

    def finish_session(self, session_id: str, **fields: Any) -> None:
        self.calls.append(("finish", fields))

    def course_progress(self, routine: Routine, *, today: date) -> CourseProgress:
        self.course_asked_for.append(today)
        return self.progress or CourseProgress(routine.course, done=0, next_due=today)

    @property
    def steps(self) -> list[Any]:
        return [value for kind, value in self.calls if kind == "step"]

    @property
    def finish(self) -> dict[str, Any]:
        finished = [value for kind, value in self.calls if kind == "finish"]
        assert len(finished) == 1
        return finished[0]


def fixed_now() -> datetime:
    return datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
