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


@dataclass(frozen=True)
class CourseFold:
    """The course arithmetic part-way through a routine's days: what ``fold_days`` carries.

    ``count`` completed sessions in the current course, the ``last`` day counted. The
    journal keeps one per routine beside itself, so the end of a session folds in only
    the days since, whatever the size of the journal.
    """

    count: int = 0
    last: date | None = None


def fold_days(state: CourseFold, completed: Iterable[date], course: Course) -> CourseFold:
    """``state`` carried over more days of completed sessions, oldest first (repeats allowed).

    A day counts once however many sessions it had, and a session during the break
    after a course counts toward nothing (clinical.md §5).
    """
    lapse = lapse_days(course)
    count, last = state.count, state.last
    for day in completed:
        if last is not None and day <= last:
            continue  # a second session on one day does not count (clinical.md §5)
        if last is not None and count >= course.sessions and (day - last).days <= course.break_days:
            continue  # nor does a session during the break: the break is kept
        if last is not None and (count >= course.sessions or (day - last).days > lapse):
            count = 0
        count += 1
        last = day
    return CourseFold(count, last)


def progress_of(state: CourseFold, course: Course, today: date) -> CourseProgress:
    """Where the course stands on ``today`` once every completed day is in ``state``."""
    count, last = state.count, state.last
    if last is None or (today - last).days > lapse_days(course):
        return CourseProgress(course, 0, today)
    if count >= course.sessions:
        if course.break_days:
            resume = _plus(last, course.break_days + 1)
            if today < resume:
                return CourseProgress(course, count, resume, break_until=resume)
            return CourseProgress(course, 0, today)
        count = 0
    return CourseProgress(course, count, max(_plus(last, interval_days(course.frequency)), today))


def course_progress(completed: Sequence[date], course: Course, today: date) -> CourseProgress:
    """Course arithmetic over the days of completed sessions, oldest first (repeats allowed).

    A day counts once however many sessions it had, and a session during the break
    after a course counts toward nothing (clinical.md §5).
    """
    return progress_of(fold_days(CourseFold(), completed, course), course, today)


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
    other_days: tuple[date, ...] = ()  # days of its sessions shortened or stopped, oldest first


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
    adherence: Adherence

    @property
    def completion_rate(self) -> float | None:
        """Completed sessions as a share of all, to three places; None without sessions."""
        return round(self.completed / self.sessions, 3) if self.sessions else None


# -- adherence: sessions due by the course against sessions done --------------------------

ADHERENCE_DAYS = 14  # the window of the adherence line in ``stats``
# What a finished session counts as, for adherence.
DONE_KINDS = {
    "completed": "completed",
    "quit": "shortened",
    "interrupted": "shortened",
    "stopped_for_pain": "stopped",
}
_KIND_ORDER = ("completed", "stopped", "shortened")  # a day with several: the first that holds


def _interval(course: Course) -> int:
    """Days from one session of ``course`` to the next (the one place adherence asks)."""
    return interval_days(course.frequency)


@dataclass(frozen=True)
class Due:
    """One session a course made due, on ``day``; ``done`` says how it was done, or None."""

    day: date
    done: str | None  # "completed", "shortened", "stopped", or None when missed


@dataclass(frozen=True)
class Break:
    """The break after a whole course: no session is due from ``start`` to ``end``."""

    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        """How many days the break lasts."""
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Schedule:
    """A routine's due sessions and breaks, day by day, as its course lays them out."""

    due: tuple[Due, ...]
    breaks: tuple[Break, ...]

    def count(self, start: date, end: date) -> tuple[int, int]:
        """(due, done) from ``start`` to ``end``, both included."""
        inside = [d for d in self.due if start <= d.day <= end]
        return len(inside), sum(1 for d in inside if d.done is not None)


def schedule(sessions: Iterable[tuple[date, str]], course: Course, today: date) -> Schedule:
    """The sessions ``course`` made due from the routine's first session up to ``today``.

    ``sessions`` are (day, outcome) of the routine's finished sessions. The first
    session of a day fills that day's due session (a second one counts for nothing);
    a session done early fills the next one, and the next is due a whole interval
    after it. A missed session is due again an interval later. Only completed
    sessions make up a course (clinical.md §5): after the last one comes the break,
    when nothing is due and a session counts for nothing. A routine left longer than
    its lapse (``lapse_days``) is dropped: what was missed until then stays missed,
    nothing more is due until its next session, which starts a new course. A session
    due today and not done yet is not missed.
    """
    kinds: dict[date, str] = {}
    for day, outcome in sessions:
        kind = DONE_KINDS.get(outcome)
        if kind is None or day > today:
            continue
        old = kinds.get(day)
        if old is None or _KIND_ORDER.index(kind) < _KIND_ORDER.index(old):
            kinds[day] = kind
    if not kinds:
        return Schedule((), ())
    days = sorted(kinds)
    interval = _interval(course)
    lapse = lapse_days(course)
    one = timedelta(days=1)
    due: list[Due] = []
    breaks: list[Break] = []
    count = 0  # completed sessions of the current course
    last = days[0]  # the last day a session was done, or the last day of a break
    next_due = days[0]
    resume: date | None = None  # the first day after a break
    later = iter(days)
    day = next(later)
    while day <= today:
        kind = kinds.get(day)
        if resume is not None:
            if day < resume:
                day += one
                continue  # the break: nothing is due, a session counts for nothing
            resume, count, next_due, last = None, 0, day, day - one
        if kind is None and (day - last).days > lapse:
            # Dropped: nothing is due until the routine's next session.
            following = next((d for d in later if d > day), None)
            if following is None:
                break
            day, count, next_due = following, 0, following
            continue
        if kind is not None:
            if (day - last).days > lapse:
                count = 0
            due.append(Due(day, kind))
            last, next_due = day, day + timedelta(days=interval)
            if kind == "completed":
                count += 1
            if count >= course.sessions:
                count = 0
                if course.break_days:
                    resume = day + timedelta(days=course.break_days + 1)
                    breaks.append(Break(day + one, resume - one))
        elif day >= next_due:
            if day < today:
                due.append(Due(day, None))
            next_due = day + timedelta(days=interval)
        day += one
    return Schedule(tuple(due), tuple(breaks))


@dataclass(frozen=True)
class Adherence:
    """Due sessions done in the last ``days`` days, today included, over every course."""

    days: int
    due: int
    done: int

    @property
    def line(self) -> str:
        """e.g. "7 of 10 due sessions done in 14 days"."""
        from selfmassage.i18n import ngettext

        return ngettext(
            "{done} of {due} due sessions done in {days} day",
            "{done} of {due} due sessions done in {days} days",
            self.days,
        ).format(done=self.done, due=self.due, days=self.days)


def adherence(entries: Iterable[CourseDays], today: date, days: int = ADHERENCE_DAYS) -> Adherence:
    """The adherence line of ``stats``: routines without a known course count for nothing."""
    start = window_start(today, days)
    due = done = 0
    for entry in entries:
        if entry.course is None:
            continue
        sessions = [(d, "completed") for d in entry.days]
        sessions += [(d, "quit") for d in entry.other_days]
        found = schedule(sessions, entry.course, today)
        more, finished = found.count(start, today)
        due += more
        done += finished
    return Adherence(days, due, done)


def coming_break(progress: CourseProgress, today: date) -> Break | None:
    """The break after the current course: under way, or when it would come if every
    session is done when due; None for a course without a break."""
    course = progress.course
    if not course.break_days:
        return None
    if progress.break_until is not None:
        until = progress.break_until
        return Break(until - timedelta(days=course.break_days), until - timedelta(days=1))
    interval = _interval(course)
    last = _plus(max(progress.next_due, today), (course.sessions - progress.done - 1) * interval)
    return Break(_plus(last, 1), _plus(last, course.break_days))
