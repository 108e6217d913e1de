"""Helpers shared by the journal tests: record sessions as the session player does."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from selfmassage.context import Context
from selfmassage.journal.records import SessionRecord, StepRecord
from selfmassage.journal.store import Journal
from selfmassage.paths import Paths
from selfmassage.routines.catalog import load_catalog
from selfmassage.routines.model import Routine
from sessionkit import FakeClock

UTC_PLUS_1 = timezone(timedelta(hours=1))
NOVEMBER_21_NOON = datetime(2026, 11, 21, 12, 0, tzinfo=UTC_PLUS_1)


def noon_on_november_21(home: Path) -> Context:
    """The run's context over ``home``, its clock at noon on 21 November 2026 (UTC+1)."""
    return Context(paths=Paths.under(home), clock=FakeClock(wall=NOVEMBER_21_NOON))


def routine(name: str = "collar") -> Routine:
    return load_catalog().routines[name]


def journal_path(home: Path) -> Path:
    return home / "data" / "journal.sqlite3"


def step(index: int, seconds_done: int = 30, *, completed: bool = True) -> StepRecord:
    return StepRecord(
        index=index,
        technique="stroking",
        area="neck-shoulders",
        side="both",
        planned_seconds=30,
        seconds_done=seconds_done,
        completed=completed,
        skipped=False,
    )


def record(
    journal: Journal,
    started_at: datetime,
    *,
    name: str = "collar",
    outcome: str = "completed",
    steps: int = 2,
    pain_before: int | None = 5,
    pain_after: int | None = 3,
    note: str | None = None,
) -> str:
    """One whole session, written the way the session player writes it."""
    chosen = routine(name)
    session = journal.begin_session(
        chosen, started_at=started_at, verdict="go", pain_before=pain_before
    )
    for index in range(steps):
        journal.record_step(session, step(index))
    journal.finish_session(
        session,
        ended_at=started_at + timedelta(minutes=10),
        outcome=outcome,
        actual_seconds=30 * steps,
        paused_seconds=15,
        pain_after=pain_after,
        pain_where=None,
        note=note,
    )
    return session


def day(number: int, hour: int = 8) -> datetime:
    """A morning in November 2026 in UTC+1."""
    return datetime(2026, 11, number, hour, 0, tzinfo=UTC_PLUS_1)


def session_record(**changes: Any) -> SessionRecord:
    """A finished session as the journal lists it, without steps; ``changes`` set fields."""
    finished = SessionRecord(
        id="0b7e3f0e-8c55-4a3e-9a51-1b2f3c4d5e6f",
        routine="collar",
        routine_title="Collar zone",
        content_hash="",
        started_at="2026-11-01T08:00:00+01:00",
        ended_at="2026-11-01T08:01:00+01:00",
        planned_seconds=60,
        actual_seconds=60,
        paused_seconds=0,
        outcome="completed",
        pain_before=None,
        pain_after=None,
        pain_where=None,
        note=None,
        verdict=None,
        source="timer",
        steps=(),
    )
    return replace(finished, **changes)
