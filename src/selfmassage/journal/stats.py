"""What ``stats`` is made of: the journal's totals, and pure arithmetic over its days.

The store counts the totals (``JournalSummary``); the arithmetic here (streaks,
course progress, windows of days) takes plain data and ``today`` and returns
frozen data, so it can be tested with any calendar: month ends, DST changes and
time zones never reach it, because a session's day is the calendar date the user
lived it on (the date part of its ``started_at`` in the offset it was recorded
with). ``journal.flow.compute_stats`` puts both together as ``Stats``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from selfmassage.routines.model import interval_days

if TYPE_CHECKING:
    from selfmassage.routines.model import Course

# clinical.md §6b: the pain trend that pauses a routine's course.
TREND_WINDOW = 3  # the last rated sessions of a routine the trend looks at
TREND_WORSE = 2  # ... of which this many with more pain after than before pause the course
PAIN_STOP_DAYS = 14  # two pain stops of a routine within this many days pause it too


@dataclass(frozen=True)
class Streaks:
    """Runs of consecutive days with at least one completed session."""

    current: int
    longest: int


def streaks(days: Iterable[date], today: date) -> Streaks:
    """Current and longest streak; today not done yet does not break the current one."""
    ordinals = sorted({d.toordinal() for d in days})
    longest = run = 0
    previous: int | None = None
    for ordinal in ordinals:
        run = run + 1 if previous is not None and ordinal == previous + 1 else 1
        longest = max(longest, run)
        previous = ordinal
    current = run if previous is not None and today.toordinal() - previous <= 1 else 0
    return Streaks(current=current, longest=longest)


@dataclass(frozen=True)
class CourseProgress:
    """Where the user stands in a course (the routine's ``[course]``) on a given day."""

    course: Course
    done: int  # completed sessions in the current course
    next_due: date  # never before the day asked about
    break_until: date | None = None  # on a break: the first day of the next course

    @property
    def sessions(self) -> int:
        """Sessions in a whole course."""
        return self.course.sessions

    @property
    def on_break(self) -> bool:
        """The course is done and its break has not ended yet."""
        return self.break_until is not None


def lapse_days(course: Course) -> int:
    """A gap longer than this starts a new course: a pause as long as a break counts as one."""
    return max(course.break_days, 2 * interval_days(course.frequency))


def _plus(day: date, days: int) -> date:
    """``day`` moved ``days`` on, or the last date there is: a session dated in year 9999
    (imported before imports checked dates) must not break every later summary."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max


def course_progress(completed: Sequence[date], course: Course, today: date) -> CourseProgress:
    """Course arithmetic over the days of completed sessions, oldest first (repeats allowed).

    A day counts once however many sessions it had, and a session during the break
    after a course counts toward nothing (clinical.md §5).
    """
    interval = interval_days(course.frequency)
    lapse = lapse_days(course)
    count = 0
    last: date | None = None
    for day in completed:
        if last is not None and day <= last:
            continue  # a second session on one day does not count (clinical.md §5)
        if last is not None and count >= course.sessions and (day - last).days <= course.break_days:
            continue  # nor does a session during the break: the break is kept
        if last is not None and (count >= course.sessions or (day - last).days > lapse):
            count = 0
        count += 1
        last = day
    if last is None or (today - last).days > lapse:
        return CourseProgress(course, 0, today)
    if count >= course.sessions:
        if course.break_days:
            resume = _plus(last, course.break_days + 1)
            if today < resume:
                return CourseProgress(course, count, resume, break_until=resume)
            return CourseProgress(course, 0, today)
        count = 0
    return CourseProgress(course, count, max(_plus(last, interval), today))


def window_start(today: date, days: int) -> date:
    """The first day of the last ``days`` days, today included."""
    return today - timedelta(days=days - 1)


# -- the totals and what stats shows -------------------------------------------------


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
    held: str | None = None  # a hold or a paused course (clinical.md §6): never "due" then


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


# -- the pain trend (clinical.md §6b) ------------------------------------------------


@dataclass(frozen=True)
class Trend:
    """A routine's course paused: pain rising after its sessions, or two pain stops."""

    routine: str
    reason: str

    @property
    def id(self) -> str:
        """The id a clearance of this pause names."""
        return f"pain-trend-{self.routine}"


@dataclass(frozen=True)
class Rated:
    """What the trend needs of one finished session of a routine."""

    day: date
    outcome: str
    pain_before: int | None
    pain_after: int | None


def pain_trend(routine: str, sessions: Sequence[Rated], today: date) -> Trend | None:
    """The pause of ``routine``'s course, if its recent sessions call for one (§6b).

    ``sessions`` are the routine's finished sessions since any clearance of its
    trend, newest first.
    """
    rated = [s for s in sessions if s.pain_before is not None and s.pain_after is not None][
        :TREND_WINDOW
    ]
    worse = sum(1 for s in rated if (s.pain_after or 0) > (s.pain_before or 0))
    if worse >= TREND_WORSE:
        return Trend(
            routine,
            f"pain was higher after than before in {worse} of its last {len(rated)} rated "
            "sessions; see a doctor",
        )
    window = today - timedelta(days=PAIN_STOP_DAYS - 1)
    stops = [s for s in sessions if s.outcome == "stopped_for_pain" and s.day >= window]
    if len(stops) >= 2:
        return Trend(
            routine,
            f"pain stopped it {len(stops)} times in the last {PAIN_STOP_DAYS} days; see a doctor",
        )
    return None
