"""What the journal gives back: frozen records of sessions and of their totals.

The store fills these from SQLite, the flows assemble them, and the views and
``exchange`` (the one place they become JSON and CSV) only read them. Times are
kept as the ISO 8601 text the journal stores, with the offset the session was
lived in, so an export gives back exactly what was recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfmassage.journal.stats import CourseProgress, Streaks
    from selfmassage.routines.model import Course


@dataclass(frozen=True, slots=True)
class StepRecord:
    """One step of a session as it was done."""

    index: int
    technique: str
    area: str
    side: str
    planned_seconds: int
    seconds_done: int
    completed: bool
    skipped: bool


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """One finished session, its fields in the order of the export."""

    id: str
    routine: str
    routine_title: str
    content_hash: str  # "" for sessions imported without one
    started_at: str
    ended_at: str
    planned_seconds: int
    actual_seconds: int
    paused_seconds: int
    outcome: str
    pain_before: int | None
    pain_after: int | None
    pain_where: str | None
    note: str | None
    verdict: str | None
    steps: tuple[StepRecord, ...]


@dataclass(frozen=True)
class CourseDays:
    """The days of completed sessions of one routine, oldest first, for course arithmetic."""

    routine: str
    days: tuple[date, ...]
    course: Course | None  # the routine's course at its latest recorded session, if known


@dataclass(frozen=True)
class Window:
    """Finished sessions in a stretch of days and their minutes, to a tenth."""

    sessions: int
    minutes: float


@dataclass(frozen=True)
class RoutineTotals:
    """One routine's sessions and minutes over the last week, month and all time."""

    routine: str
    last_7_days: Window
    last_30_days: Window
    all_time: Window


@dataclass(frozen=True)
class PainPoint:
    """The pain ratings of one session (either may be missing)."""

    started_at: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class Pain:
    """Pain before and after, averaged over sessions rated both times, and the latest ratings."""

    rated_sessions: int
    average_before: float | None  # to a tenth; None without a rated session
    average_after: float | None
    last_30: tuple[PainPoint, ...]  # oldest first


@dataclass(frozen=True)
class JournalSummary:
    """The journal's totals as the store counts them; ``journal.flow`` adds the arithmetic."""

    sessions: int
    completed: int
    minutes: float  # to a tenth
    routines: tuple[RoutineTotals, ...]  # by routine id
    course_days: tuple[CourseDays, ...]  # by routine id, every routine with a session
    pain: Pain


EMPTY_SUMMARY = JournalSummary(
    sessions=0,
    completed=0,
    minutes=0.0,
    routines=(),
    course_days=(),
    pain=Pain(rated_sessions=0, average_before=None, average_after=None, last_30=()),
)


@dataclass(frozen=True)
class CourseEntry:
    """A routine of the journal and where its course stands; no progress once it is gone."""

    routine: str
    progress: CourseProgress | None  # None: the routine is no longer among the user's


@dataclass(frozen=True)
class Stats:
    """Everything ``stats`` shows, as of ``today``."""

    today: date
    sessions: int
    completed: int
    minutes: float  # to a tenth
    routines: tuple[RoutineTotals, ...]
    streak: Streaks
    courses: tuple[CourseEntry, ...]
    pain: Pain

    @property
    def completion_rate(self) -> float | None:
        """Completed sessions as a share of all, to three places; None without sessions."""
        return round(self.completed / self.sessions, 3) if self.sessions else None


@dataclass(frozen=True)
class Imported:
    """What an import did: sessions added, and sessions skipped as already in the journal."""

    added: int
    skipped: int
