"""The journal's flows: what history, stats and import get back, as frozen data."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from journal_support import day, noon_on_november_21, record, routine
from selfmassage.context import Context
from selfmassage.journal.exchange import export_json
from selfmassage.journal.flow import compute_stats, import_sessions, list_sessions
from selfmassage.journal.records import Imported
from selfmassage.journal.stats import CourseEntry, CourseProgress, Streaks


@pytest.fixture
def november_21(isolated_home: Path) -> Context:
    """The run's context at noon on 21 November 2026, over the test's home."""
    return noon_on_november_21(isolated_home)


def test_without_a_journal_nothing_is_listed_and_no_journal_is_created(
    november_21: Context,
) -> None:
    assert list_sessions(november_21) == ()
    assert not november_21.paths.journal_file.exists()


def test_without_a_journal_stats_are_all_zero_and_no_journal_is_created(
    november_21: Context,
) -> None:
    stats = compute_stats(november_21)
    assert (stats.sessions, stats.completion_rate, stats.courses) == (0, None, ())
    assert stats.streak == Streaks(current=0, longest=0)
    assert not november_21.paths.journal_file.exists()


def test_listed_sessions_are_frozen_records_with_their_steps(november_21: Context) -> None:
    with november_21.journal() as journal:
        first = record(journal, day(19), steps=3)
        second = record(journal, day(20))
    older, newer = list_sessions(november_21, newest_first=False)
    assert (older.id, newer.id) == (first, second)
    assert [step.index for step in older.steps] == [0, 1, 2]
    with pytest.raises(dataclasses.FrozenInstanceError):
        older.note = "changed"  # type: ignore[misc]


def test_stats_give_each_routines_course_progress_as_data(november_21: Context) -> None:
    with november_21.journal() as journal:
        record(journal, day(20))
        record(journal, day(21, 7))
    stats = compute_stats(november_21)
    collar = routine("collar").course
    assert stats.today == date(2026, 11, 21)
    assert stats.courses == (
        CourseEntry("collar", CourseProgress(collar, done=2, next_due=date(2026, 11, 22))),
    )
    assert stats.streak == Streaks(current=2, longest=2)


def _completed_on_november_20(routine_id: str) -> dict[str, Any]:
    """A completed session in the shape of an export, as another machine recorded it."""
    return {
        "id": "5d1c0f4e-2b7a-4c1e-8f3d-9a0b1c2d3e4f",
        "routine": routine_id,
        "started_at": "2026-11-20T09:00:00+01:00",
        "ended_at": "2026-11-20T09:05:00+01:00",
        "outcome": "completed",
        "planned_seconds": 300,
        "actual_seconds": 300,
        "paused_seconds": 0,
        "pain_before": None,
        "pain_after": None,
        "steps": [],
    }


def test_a_routine_no_longer_among_yours_has_no_course_progress(
    november_21: Context, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.json"
    document = {
        "format": "selfmassage-journal",
        "version": 1,
        "sessions": [_completed_on_november_20("retired")],
    }
    backup.write_text(json.dumps(document), encoding="utf-8")
    assert import_sessions(november_21, backup) == Imported(added=1, skipped=0)
    assert compute_stats(november_21).courses == (CourseEntry("retired", None),)


def test_a_course_the_journal_does_not_know_is_read_from_the_routines_file(
    november_21: Context,
) -> None:
    with november_21.journal() as journal:
        journal.add_sessions([_completed_on_november_20("collar")])
    collar = routine("collar").course
    assert compute_stats(november_21).courses == (
        CourseEntry("collar", CourseProgress(collar, done=1, next_due=date(2026, 11, 21))),
    )


def test_importing_the_same_export_again_skips_every_session(
    november_21: Context, tmp_path: Path
) -> None:
    with november_21.journal() as journal:
        record(journal, day(19))
        record(journal, day(20))
    backup = tmp_path / "backup.json"
    backup.write_text(export_json(list_sessions(november_21)), encoding="utf-8")
    assert import_sessions(november_21, backup) == Imported(added=0, skipped=2)
