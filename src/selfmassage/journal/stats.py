"""Pure arithmetic over the journal: streaks, course progress and windows of days.

Everything here takes plain data and ``today`` and returns frozen data, so it can be
tested with any calendar: month ends, DST changes and time zones never reach it,
because a session's day is the calendar date the user lived it on (the date part
of its ``started_at`` in the offset it was recorded with).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfmassage.routines.model import Course

INTERVAL_DAYS = {"daily": 1, "every-other-day": 2, "weekly": 7}


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
    return max(course.break_days, 2 * INTERVAL_DAYS[course.frequency])


def course_progress(completed: Sequence[date], course: Course, today: date) -> CourseProgress:
    """Course arithmetic over the days of completed sessions, oldest first (repeats allowed)."""
    interval = INTERVAL_DAYS[course.frequency]
    lapse = lapse_days(course)
    count = 0
    last: date | None = None
    for day in completed:
        if last is not None and (count >= course.sessions or (day - last).days > lapse):
            count = 0
        count += 1
        last = day
    if last is None or (today - last).days > lapse:
        return CourseProgress(course, 0, today)
    if count >= course.sessions:
        if course.break_days:
            resume = last + timedelta(days=course.break_days + 1)
            if today < resume:
                return CourseProgress(course, count, resume, break_until=resume)
            return CourseProgress(course, 0, today)
        count = 0
    return CourseProgress(course, count, max(last + timedelta(days=interval), today))


def window_start(today: date, days: int) -> date:
    """The first day of the last ``days`` days, today included."""
    return today - timedelta(days=days - 1)
