"""Pure arithmetic over the journal: streaks, course progress and pain pictures.

Everything here takes plain data and ``today`` and returns plain data, so it can be
tested with any calendar: month ends, DST changes and time zones never reach it,
because a session's day is the calendar date the user lived it on (the date part
of its ``started_at`` in the offset it was recorded with).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

INTERVAL_DAYS = {"daily": 1, "every-other-day": 2, "weekly": 7}
SPARK = "▁▂▃▄▅▆▇█"


class Course(Protocol):
    """What course arithmetic needs of a routine's ``[course]`` (``routines.Course`` has it)."""

    @property
    def sessions(self) -> int: ...
    @property
    def frequency(self) -> str: ...
    @property
    def break_days(self) -> int: ...


@dataclass(frozen=True)
class Plan:
    """A course as the journal remembers it from a routine's latest session."""

    sessions: int
    frequency: str
    break_days: int


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
    """Where the user stands in a routine's course on ``today``."""

    done: int  # completed sessions in the current course
    sessions: int
    next_due: date  # never before today
    break_until: date | None = None  # on a break: the first day of the next course


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
        return CourseProgress(0, course.sessions, today)
    if count >= course.sessions:
        if course.break_days:
            resume = last + timedelta(days=course.break_days + 1)
            if today < resume:
                return CourseProgress(count, course.sessions, resume, break_until=resume)
            return CourseProgress(0, course.sessions, today)
        count = 0
    return CourseProgress(count, course.sessions, max(last + timedelta(days=interval), today))


def _when(day: date, today: date) -> str:
    if day <= today:
        return "today"
    if day == today + timedelta(days=1):
        return "tomorrow"
    return f"on {day:%a} {day.isoformat()}"


def course_line(routine_id: str, course: Course, progress: CourseProgress, today: date) -> str:
    """One line, e.g. "collar: session 4 of 10, daily — next due today; after session 10, ..."."""
    often = course.frequency.replace("-", " ")
    if progress.break_until is not None:
        return (
            f"{routine_id}: course of {course.sessions} done — {course.break_days}-day break, "
            f"next course starts {_when(progress.break_until, today)}"
        )
    line = (
        f"{routine_id}: session {progress.done + 1} of {course.sessions}, {often} — "
        f"next due {_when(progress.next_due, today)}"
    )
    if course.break_days:
        line += f"; after session {course.sessions}, a {course.break_days}-day break"
    return line


def sparkline(values: Sequence[int | None], top: int = 10) -> str:
    """One block character per value from 0 to ``top``; a missing value is a space."""
    chars = []
    for value in values:
        if value is None:
            chars.append(" ")
        else:
            level = round(max(0, min(value, top)) / top * (len(SPARK) - 1))
            chars.append(SPARK[level])
    return "".join(chars)


def window_start(today: date, days: int) -> date:
    """The first day of the last ``days`` days, today included."""
    return today - timedelta(days=days - 1)
