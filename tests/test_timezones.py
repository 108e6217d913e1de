"""A session counts for the day it was done where the user lives, far from UTC either way.

Each test runs real sessions (``start ... --plain``) through the CLI under a time zone
set as a user sets it (``TZ``), on a clock that reads the machine's own local time in
that zone at a chosen instant, and reads them back with ``history``, ``stats`` and the
course. The instants are chosen so that the local date differs from the UTC date: a
session recorded in UTC would show the wrong time, fall on the wrong day and make the
course due on the wrong day.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from routine_text import routine_text
from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.paths import Paths
from selfmassage.screening.saved import SavedScreening, save_screening
from sessionkit import FakeClock


@dataclass(frozen=True)
class Zone:
    """A time zone, and two sessions on consecutive local days whose UTC dates say otherwise."""

    name: str
    day_before: datetime  # a session on the local day before
    session: datetime  # the session under test
    shown: str  # its local date and time, as history shows it
    next_due: date  # the local day after it


# A weekend in the past: a session stamped with the machine's real time rather than the
# clock's can never pass by falling on the same days.
ZONES = (
    # UTC+14: Sunday 06:10 is still Saturday 16:10 in UTC.
    Zone(
        name="Pacific/Kiritimati",
        day_before=datetime(2024, 11, 23, 6, 0, tzinfo=UTC),  # Saturday 20:00
        session=datetime(2024, 11, 23, 16, 10, tzinfo=UTC),
        shown="2024-11-24 06:10",
        next_due=date(2024, 11, 25),
    ),
    # UTC-8 in November: Saturday 17:30 is already Sunday 01:30 in UTC.
    Zone(
        name="America/Los_Angeles",
        day_before=datetime(2024, 11, 22, 17, 0, tzinfo=UTC),  # Friday 09:00
        session=datetime(2024, 11, 24, 1, 30, tzinfo=UTC),
        shown="2024-11-23 17:30",
        next_due=date(2024, 11, 24),
    ),
)


class LocalClock(FakeClock):
    """The machine's local time in whatever zone ``TZ`` names; the session takes no real time."""

    def now(self) -> datetime:
        return super().now().astimezone()

    def set(self, instant: datetime) -> None:
        """Make it ``instant`` on the wall; monotonic time goes on without a jump."""
        self.wall = instant - timedelta(seconds=self.seconds - self.start)


@pytest.fixture(params=ZONES, ids=[zone.name for zone in ZONES])
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Zone]:
    """The machine's time zone set to the zone's, and put back afterwards."""
    chosen: Zone = request.param
    with monkeypatch.context() as patch:
        patch.setenv("TZ", chosen.name)
        time.tzset()
        offset = chosen.session.astimezone().utcoffset()
        if offset == timedelta(0):
            pytest.fail(f"no time zone data for {chosen.name} on this machine (tzdata)")
        yield chosen
    time.tzset()


@pytest.fixture
def daily(tmp_path: Path) -> Path:
    path = tmp_path / "daily.toml"
    path.write_text(routine_text("daily", "Daily"), encoding="utf-8")
    return path


@pytest.fixture
def clock() -> LocalClock:
    return LocalClock()


def run(clock: LocalClock, home: Path, args: list[str], answers: str = "") -> Result:
    """One run of the CLI with its own context, as each command line gets one."""
    ctx = Context(paths=Paths.under(home), clock=clock)
    result = CliRunner().invoke(app, args, input=answers, obj=ctx)
    assert result.exit_code == 0, result.output
    return result


def session_at(instant: datetime, clock: LocalClock, home: Path, routine: Path) -> Result:
    """A whole session at ``instant``, after a clear screening that same moment."""
    clock.set(instant)
    paths = Paths.under(home)
    now = clock.now()
    answers = {q.id: False for q in Context(paths=paths, clock=clock).questionnaire}
    save_screening(SavedScreening(answers, "clear", now, now), paths.screening_file)
    return run(clock, home, ["start", str(routine), "--plain"], "1\n0\n\n")


def test_history_shows_the_local_date_and_time_of_a_session(
    zone: Zone, clock: LocalClock, isolated_home: Path, daily: Path
) -> None:
    session_at(zone.session, clock, isolated_home, daily)
    rows = run(clock, isolated_home, ["history"]).output.splitlines()
    assert rows[1].startswith(f"{zone.shown}  daily")


def test_stats_count_sessions_on_consecutive_local_days_as_a_streak(
    zone: Zone, clock: LocalClock, isolated_home: Path, daily: Path
) -> None:
    session_at(zone.day_before, clock, isolated_home, daily)
    session_at(zone.session, clock, isolated_home, daily)
    stats = json.loads(run(clock, isolated_home, ["stats", "--json"]).output)
    assert stats["streak"] == {"current": 2, "longest": 2}


def test_the_course_is_next_due_the_local_day_after_a_session(
    zone: Zone, clock: LocalClock, isolated_home: Path, daily: Path
) -> None:
    session_at(zone.session, clock, isolated_home, daily)
    stats = json.loads(run(clock, isolated_home, ["stats", "--json"]).output)
    (course,) = stats["courses"]
    assert course["next_due"] == zone.next_due.isoformat()
    assert "next due tomorrow" in course["status"]


def test_the_session_summary_says_the_next_one_is_due_tomorrow(
    zone: Zone, clock: LocalClock, isolated_home: Path, daily: Path
) -> None:
    result = session_at(zone.session, clock, isolated_home, daily)
    assert result.output.splitlines()[-1] == (
        "Course: daily: session 2 of 10, daily — next due tomorrow; "
        "after session 10, a 10-day break"
    )
