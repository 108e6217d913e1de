"""The course in the patient's calendar: an RFC 5545 file, read back by a real parser."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.paths import Paths
from selfmassage.prescription.ical import fold, rrule, session_days
from sessionkit import FakeClock

runner = CliRunner()


@pytest.fixture
def run(isolated_home: Path) -> Context:
    return Context(paths=Paths.under(isolated_home), clock=FakeClock())


def calendar_of(run: Context, *args: str) -> icalendar.Calendar:
    result = runner.invoke(app, ["calendar", *args], obj=run)
    assert result.exit_code == 0, result.stderr
    return icalendar.Calendar.from_ical(result.stdout)


def event_of(run: Context, *args: str) -> icalendar.Event:
    events = calendar_of(run, *args).walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_the_course_is_one_recurring_event_with_the_sessions_as_its_count(run: Context) -> None:
    event = event_of(run, "collar", "--start", "2026-12-01")
    assert event.decoded("DTSTART") == datetime(2026, 12, 1, 18, 0)
    assert dict(event["RRULE"]) == {"FREQ": ["DAILY"], "COUNT": [10]}


def test_the_summary_names_the_routine_and_its_minutes(run: Context) -> None:
    assert str(event_of(run, "collar")["SUMMARY"]) == "Self-massage: Collar zone (12 min)"


def test_the_event_lasts_the_routines_minutes(run: Context) -> None:
    event = event_of(run, "lumbar", "--time", "07:30")
    assert event.decoded("DTSTART").time() == time(7, 30)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=9)


def test_a_reminder_fifteen_minutes_before(run: Context) -> None:
    alarms = event_of(run, "collar").walk("VALARM")
    assert len(alarms) == 1
    assert alarms[0].decoded("TRIGGER") == timedelta(minutes=-15)
    assert str(alarms[0]["ACTION"]) == "DISPLAY"


def test_the_description_carries_the_stop_if_pain_rule(run: Context) -> None:
    text = str(event_of(run, "collar")["DESCRIPTION"])
    assert text.startswith("Stop at once if you feel sudden pain or dizziness.")
    assert "Course: 10 sessions, daily; then a 10-day break before repeating." in text


def test_a_prescriptions_calendar_starts_on_its_start_date(run: Context, tmp_path: Path) -> None:
    target = tmp_path / "rx.toml"
    args = ["prescribe", "relaxation", "--patient", "Anna", "--start", "2026-11-23"]
    made = runner.invoke(app, [*args, "-o", str(target)], obj=run)
    assert made.exit_code == 0, made.stderr
    event = event_of(run, str(target))
    assert event.decoded("DTSTART").date() == date(2026, 11, 23)
    assert "Prescribed for Anna" in str(event["DESCRIPTION"])


def test_the_file_is_written_with_crlf_and_said(run: Context, tmp_path: Path) -> None:
    target = tmp_path / "course.ics"
    result = runner.invoke(app, ["calendar", "collar", "-o", str(target)], obj=run)
    assert result.exit_code == 0
    assert result.stderr == f"wrote {target}\n"
    data = target.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))


@pytest.mark.parametrize(
    ("frequency", "start", "expected"),
    [
        ("daily", date(2026, 11, 23), "FREQ=DAILY;COUNT=8"),
        ("every-other-day", date(2026, 11, 23), "FREQ=DAILY;INTERVAL=2;COUNT=8"),
        ("weekly", date(2026, 11, 23), "FREQ=WEEKLY;COUNT=8"),
        ("1-per-week", date(2026, 11, 23), "FREQ=WEEKLY;COUNT=8"),
        ("2-per-week", date(2026, 11, 23), "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8"),
        ("3-per-week", date(2026, 11, 25), "FREQ=WEEKLY;BYDAY=WE,FR,SU;COUNT=8"),
    ],
)
def test_the_recurrence_follows_the_frequency(frequency: str, start: date, expected: str) -> None:
    assert rrule(frequency, 8, start) == expected


@pytest.mark.parametrize("frequency", ["daily", "every-other-day", "weekly", "2-per-week"])
def test_the_handouts_dates_are_the_calendars_dates(frequency: str) -> None:
    start = date(2026, 11, 26)
    rule = icalendar.vRecur.from_ical(rrule(frequency, 7, start))
    from dateutil.rrule import rrulestr

    parsed = rrulestr(rule.to_ical().decode(), dtstart=datetime.combine(start, time(18)))
    assert [moment.date() for moment in parsed] == session_days(frequency, 7, start)


def test_long_lines_fold_without_splitting_a_character() -> None:
    line = "DESCRIPTION:" + "Воротниковая зона " * 10
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_text_is_escaped_so_a_comma_or_semicolon_reads_back_as_written(
    run: Context, tmp_path: Path
) -> None:
    target = tmp_path / "rx.toml"
    runner.invoke(
        app, ["prescribe", "collar", "--patient", "Kim, Lee; Jr", "-o", str(target)], obj=run
    )
    assert "Prescribed for Kim, Lee; Jr" in str(event_of(run, str(target))["DESCRIPTION"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("collar", "--time", "late"), "--time must be HH:MM"),
        (("collar", "--start", "tomorrow"), "--start must be a date"),
        (("nope",), "no routine 'nope'"),
    ],
)
def test_bad_calendar_options_exit_2(run: Context, args: tuple[str, ...], message: str) -> None:
    result = runner.invoke(app, ["calendar", *args], obj=run)
    assert result.exit_code == 2
    assert message in result.stderr
