"""Streaks, course progress and pain pictures: calendar arithmetic with an injected today."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from homekit import home
from journal_support import record, routine
from selfmassage.context import Context
from selfmassage.journal.flow import compute_stats
from selfmassage.journal.stats import CourseProgress, course_progress, streaks
from selfmassage.journal.store import Journal
from selfmassage.journal.view import course_line, sparkline
from selfmassage.routines.model import Course
from sessionkit import FakeClock

DAILY = Course(sessions=10, frequency="daily", break_days=10)
EVERY_OTHER_DAY = Course(sessions=10, frequency="every-other-day", break_days=10)
WEEKLY = Course(sessions=8, frequency="weekly", break_days=0)


def days(first: date, count: int, every: int = 1) -> list[date]:
    return [first + timedelta(days=every * n) for n in range(count)]


# -- streaks -----------------------------------------------------------------------------


def test_no_sessions_is_no_streak() -> None:
    result = streaks([], date(2026, 3, 1))
    assert (result.current, result.longest) == (0, 0)


def test_a_streak_runs_across_a_month_end() -> None:
    result = streaks(days(date(2026, 1, 29), 5), today=date(2026, 2, 2))
    assert (result.current, result.longest) == (5, 5)


def test_a_streak_runs_across_february_29_in_a_leap_year() -> None:
    result = streaks(days(date(2028, 2, 27), 4), today=date(2028, 3, 1))
    assert (result.current, result.longest) == (4, 4)


def test_a_streak_runs_across_new_year() -> None:
    result = streaks(days(date(2026, 12, 30), 4), today=date(2027, 1, 2))
    assert (result.current, result.longest) == (4, 4)


def test_the_current_streak_survives_until_today_is_over() -> None:
    result = streaks(days(date(2026, 5, 1), 3), today=date(2026, 5, 4))
    assert result.current == 3


def test_a_missed_day_ends_the_current_streak() -> None:
    result = streaks(days(date(2026, 5, 1), 3), today=date(2026, 5, 5))
    assert (result.current, result.longest) == (0, 3)


def test_the_longest_streak_is_remembered_after_a_gap() -> None:
    history = days(date(2026, 4, 1), 6) + days(date(2026, 4, 20), 2)
    result = streaks(history, today=date(2026, 4, 21))
    assert (result.current, result.longest) == (2, 6)


def test_two_sessions_on_one_day_count_that_day_once() -> None:
    result = streaks([date(2026, 4, 1), date(2026, 4, 1), date(2026, 4, 2)], date(2026, 4, 2))
    assert (result.current, result.longest) == (2, 2)


# -- the day a session belongs to ---------------------------------------------------------


def _streak_of(moments: list[datetime], today: date) -> tuple[int, int]:
    with Journal.open(home().journal_file) as journal:
        for moment in moments:
            record(journal, moment)
    noon = datetime(today.year, today.month, today.day, 12, tzinfo=UTC)
    streak = compute_stats(Context(paths=home(), clock=FakeClock(wall=noon))).streak
    return streak.current, streak.longest


def test_a_streak_runs_across_the_spring_dst_change() -> None:
    london = ZoneInfo("Europe/London")  # clocks go forward on 29 March 2026
    moments = [datetime(2026, 3, d, 23, 30, tzinfo=london) for d in (28, 29, 30)]
    assert _streak_of(moments, date(2026, 3, 30)) == (3, 3)


def test_a_streak_runs_across_the_autumn_dst_change() -> None:
    new_york = ZoneInfo("America/New_York")  # clocks go back on 1 November 2026
    moments = [datetime(2026, 11, d, 0, 30, tzinfo=new_york) for d in (1, 2)]
    moments.insert(0, datetime(2026, 10, 31, 23, 45, tzinfo=new_york))
    assert _streak_of(moments, date(2026, 11, 2)) == (3, 3)


def test_a_session_belongs_to_the_day_the_user_lived_it_in_any_time_zone() -> None:
    # 23:30 in Los Angeles is already the next day in UTC: still three days in a row.
    los_angeles = timezone(timedelta(hours=-8))
    moments = [datetime(2026, 12, d, 23, 30, tzinfo=los_angeles) for d in (1, 2, 3)]
    assert _streak_of(moments, date(2026, 12, 3)) == (3, 3)


def test_travelling_east_keeps_the_streak_by_local_days() -> None:
    moments = [
        datetime(2026, 6, 1, 21, 0, tzinfo=timezone(timedelta(hours=-5))),  # New York
        datetime(2026, 6, 2, 22, 0, tzinfo=timezone(timedelta(hours=9))),  # Tokyo
        datetime(2026, 6, 3, 7, 0, tzinfo=timezone(timedelta(hours=9))),
    ]
    assert _streak_of(moments, date(2026, 6, 3)) == (3, 3)


# -- course progress -----------------------------------------------------------------------


def test_with_no_sessions_the_first_session_is_due_today() -> None:
    today = date(2026, 3, 10)
    assert course_progress([], DAILY, today) == CourseProgress(DAILY, 0, today)


def test_the_example_line_of_the_issue() -> None:
    today = date(2026, 3, 10)
    progress = course_progress(days(date(2026, 3, 7), 3), DAILY, today)
    assert course_line("collar", progress, today) == (
        "collar: session 4 of 10, daily — next due today; after session 10, a 10-day break"
    )


def test_after_todays_daily_session_the_next_is_due_tomorrow() -> None:
    today = date(2026, 3, 31)
    progress = course_progress(days(date(2026, 3, 30), 2), DAILY, today)
    assert progress.next_due == date(2026, 4, 1)
    assert course_line("collar", progress, today) == (
        "collar: session 3 of 10, daily — next due tomorrow; after session 10, a 10-day break"
    )


def test_every_other_day_is_due_two_days_later_across_a_month_end() -> None:
    today = date(2026, 1, 31)
    progress = course_progress([date(2026, 1, 29), date(2026, 1, 31)], EVERY_OTHER_DAY, today)
    assert progress.next_due == date(2026, 2, 2)
    assert course_line("lumbar", progress, today) == (
        "lumbar: session 3 of 10, every other day — next due on Mon 2026-02-02; "
        "after session 10, a 10-day break"
    )


def test_a_session_that_is_overdue_is_due_today() -> None:
    today = date(2026, 3, 20)
    progress = course_progress(days(date(2026, 3, 10), 4, every=2), EVERY_OTHER_DAY, today)
    assert (progress.done, progress.next_due) == (4, today)


def test_a_finished_course_starts_its_break() -> None:
    today = date(2026, 3, 10)
    progress = course_progress(days(date(2026, 3, 1), 10), DAILY, today)
    assert progress == CourseProgress(DAILY, 10, date(2026, 3, 21), break_until=date(2026, 3, 21))
    assert course_line("collar", progress, today) == (
        "collar: course of 10 done — 10-day break, next course starts on Sat 2026-03-21"
    )


def test_after_the_break_a_new_course_begins() -> None:
    today = date(2026, 3, 21)
    progress = course_progress(days(date(2026, 3, 1), 10), DAILY, today)
    assert progress == CourseProgress(DAILY, 0, today)


def test_a_session_after_the_break_is_the_first_of_the_next_course() -> None:
    history = [*days(date(2026, 3, 1), 10), date(2026, 3, 21)]
    progress = course_progress(history, DAILY, date(2026, 3, 21))
    assert (progress.done, progress.next_due) == (1, date(2026, 3, 22))


def test_a_long_pause_starts_the_course_again() -> None:
    history = days(date(2026, 3, 1), 4)
    progress = course_progress(history, DAILY, date(2026, 3, 20))
    assert progress == CourseProgress(DAILY, 0, date(2026, 3, 20))


def test_a_weekly_course_without_a_break_simply_repeats() -> None:
    history = days(date(2026, 1, 5), 8, every=7)
    today = history[-1]
    progress = course_progress(history, WEEKLY, today)
    assert progress == CourseProgress(WEEKLY, 0, today + timedelta(days=7))
    assert course_line("relaxation", progress, today) == (
        "relaxation: session 1 of 8, weekly — next due on Mon 2026-03-02"
    )


def _three_collar_mornings_to(today: date) -> Journal:
    journal = Journal.open(home().journal_file)
    for moment in days(today - timedelta(days=3), 3):
        record(journal, datetime(moment.year, moment.month, moment.day, 9, tzinfo=UTC))
    return journal


def test_the_journal_answers_a_routines_course_progress_as_data() -> None:
    collar = routine("collar")
    today = date(2026, 3, 10)
    with _three_collar_mornings_to(today) as journal:
        progress = journal.course_progress(collar, today=today)
    assert progress == CourseProgress(collar.course, done=3, next_due=today)


def test_a_bundled_routine_course_is_read_from_its_file() -> None:
    today = date(2026, 3, 10)
    with _three_collar_mornings_to(today) as journal:
        line = course_line("collar", journal.course_progress(routine("collar"), today=today), today)
    assert line == (
        "collar: session 4 of 10, daily — next due today; after session 10, a 10-day break"
    )


def test_the_sparkline_draws_0_to_10_with_blanks_for_missing_ratings() -> None:
    assert sparkline([0, 5, 10, None, 3]) == "▁▅█ ▃"
