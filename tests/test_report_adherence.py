"""The adherence arithmetic (``journal.stats.schedule``), the stats line and the coming break.

Pure functions over days: a course makes sessions due, the first session of a day
fills its due one, the break after a whole course makes nothing due, a routine left
longer than its lapse stops being due, and today is never missed yet.
"""

from __future__ import annotations

from datetime import date, timedelta

from selfmassage.journal.stats import (
    Break,
    CourseDays,
    CourseProgress,
    adherence,
    coming_break,
    schedule,
)
from selfmassage.routines.model import Course

DAILY = Course(sessions=3, frequency="daily", break_days=2)  # lapse: 2 days
EVERY_OTHER = Course(sessions=10, frequency="every-other-day", break_days=0)  # lapse: 4 days
WEEKLY = Course(sessions=8, frequency="weekly", break_days=0)
TODAY = date(2026, 11, 21)


def d(day: int) -> date:
    return date(2026, 11, day)


def done(*days: int, outcome: str = "completed") -> list[tuple[date, str]]:
    return [(d(day), outcome) for day in days]


def test_nothing_is_due_before_the_first_session() -> None:
    found = schedule(done(18), EVERY_OTHER, TODAY)
    assert [(s.day, s.done) for s in found.due] == [(d(18), "completed"), (d(20), None)]


def test_a_missed_session_is_due_again_an_interval_later() -> None:
    found = schedule(done(10), EVERY_OTHER, d(15))
    assert [s.day for s in found.due] == [d(10), d(12), d(14)]
    assert found.count(d(10), d(15)) == (3, 1)


def test_a_session_done_early_fills_the_next_due_one() -> None:
    found = schedule(done(10, 11), EVERY_OTHER, d(14))
    assert [(s.day, s.done) for s in found.due] == [
        (d(10), "completed"),
        (d(11), "completed"),
        (d(13), None),
    ]


def test_a_second_session_on_a_day_counts_once_as_its_best() -> None:
    sessions = [(d(20), "stopped_for_pain"), (d(20), "completed"), (d(20), "quit")]
    assert [s.done for s in schedule(sessions, EVERY_OTHER, TODAY).due] == ["completed"]


def test_shortened_and_stopped_sessions_are_done_but_do_not_make_up_the_course() -> None:
    sessions = done(10, 11) + done(12, outcome="quit") + done(13, outcome="stopped_for_pain")
    found = schedule([*sessions, *done(14)], DAILY, d(20))
    assert [s.done for s in found.due][:5] == [
        "completed",
        "completed",
        "shortened",
        "stopped",
        "completed",
    ]
    assert found.breaks == (Break(d(15), d(16)),)  # the third completed session was on 14


def test_the_break_after_a_whole_course_makes_nothing_due() -> None:
    found = schedule(done(10, 11, 12, 15), DAILY, d(16))
    assert found.breaks == (Break(d(13), d(14)),)
    assert [s.day for s in found.due] == [d(10), d(11), d(12), d(15)]


def test_a_session_during_the_break_counts_for_nothing() -> None:
    found = schedule(done(10, 11, 12, 13), DAILY, d(14))
    assert [s.day for s in found.due] == [d(10), d(11), d(12)]


def test_a_routine_left_longer_than_its_lapse_stops_being_due_until_its_next_session() -> None:
    found = schedule(done(1, 10), DAILY, d(11))
    # Missed on 2 and 3 (the lapse is 2 days), then nothing until the session of the 10th.
    assert [(s.day, s.done) for s in found.due] == [
        (d(1), "completed"),
        (d(2), None),
        (d(3), None),
        (d(10), "completed"),
    ]
    assert found.breaks == ()


def test_a_session_due_today_is_not_missed_yet() -> None:
    assert [s.day for s in schedule(done(20), DAILY, TODAY).due] == [d(20)]


def test_a_weekly_course_is_due_once_a_week() -> None:
    found = schedule(done(1, 15), WEEKLY, TODAY)
    assert [(s.day, s.done) for s in found.due] == [
        (d(1), "completed"),
        (d(8), None),
        (d(15), "completed"),
    ]


def test_adherence_adds_the_routines_of_the_last_14_days_and_leaves_unknown_courses_out() -> None:
    entries = [
        CourseDays("a", tuple(d(n) for n in (8, 9, 10)), EVERY_OTHER, (d(12),)),
        CourseDays("b", (d(19),), None),
    ]
    found = adherence(entries, TODAY)
    # a: due 8, 9 (early), 10 (early), 12 (shortened), then 14 and 16 missed; from 17 on
    # (more than its 4-day lapse) it is dropped: 4 of 6 done.
    assert (found.due, found.done) == (6, 4)
    assert found.line == "4 of 6 due sessions done in 14 days"


def test_the_coming_break_follows_the_sessions_left_when_each_is_done_when_due() -> None:
    progress = CourseProgress(Course(10, "daily", 10), done=1, next_due=TODAY)
    assert coming_break(progress, TODAY) == Break(d(30), date(2026, 12, 9))


def test_a_break_under_way_ends_the_day_before_the_next_course() -> None:
    progress = CourseProgress(Course(10, "daily", 10), 10, d(25), break_until=d(25))
    assert coming_break(progress, TODAY) == Break(d(15), d(24))
    assert coming_break(progress, TODAY).days == 10  # type: ignore[union-attr]


def test_a_course_without_a_break_has_no_coming_break() -> None:
    assert coming_break(CourseProgress(WEEKLY, 2, TODAY + timedelta(days=3)), TODAY) is None
