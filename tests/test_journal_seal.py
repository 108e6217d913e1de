"""The journal's seal: a journal exactly as a checked run left it is not checked again;
one changed behind selfmassage's back still is. And the course line it carries is the
same as counting every completed day.
"""

from __future__ import annotations

import os
import random
import sqlite3
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from homekit import home
from journal_support import UTC_PLUS_1, day, record, routine
from selfmassage.errors import JournalError
from selfmassage.journal.seal import renew_seal, seal_path
from selfmassage.journal.stats import CourseProgress, course_progress
from selfmassage.journal.store import Journal
from selfmassage.routines.model import Course, Prescription, Routine


def recorded(count: int = 3) -> Path:
    """A journal with ``count`` sessions, written (and so sealed) by selfmassage."""
    with Journal.open(home().journal_file) as journal:
        for number in range(1, count + 1):
            record(journal, day(number))
    return home().journal_file


def damage_a_middle_page(path: Path) -> None:
    """Garbage over a page in the middle of the file, as a bad disk or tool would write."""
    with sqlite3.connect(path) as db:
        page_size, pages = (
            db.execute("PRAGMA page_size").fetchone()[0],
            db.execute("PRAGMA page_count").fetchone()[0],
        )
    with path.open("r+b") as handle:
        handle.seek(page_size * (pages // 2))
        handle.write(b"\xa5" * page_size)


def test_a_journal_untouched_since_a_checked_write_is_sealed(isolated_home: Path) -> None:
    path = recorded()
    with Journal.open(path) as journal:
        assert journal.sealed


def test_the_seal_is_beside_the_journal_and_owner_only(isolated_home: Path) -> None:
    path = recorded()
    assert seal_path(path) == path.with_name("journal.sqlite3.checked")
    assert seal_path(path).stat().st_mode & 0o777 == 0o600


def test_a_reading_run_leaves_the_seal_good(isolated_home: Path) -> None:
    path = recorded()
    with Journal.open(path) as journal:
        journal.sessions()
        journal.summary(date(2026, 11, 21))
    with Journal.open(path) as journal:
        assert journal.sealed


def test_a_journal_changed_by_another_tool_is_not_sealed(isolated_home: Path) -> None:
    path = recorded()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE sessions SET note = 'edited' WHERE rowid = 1")
    with Journal.open(path) as journal:
        assert not journal.sealed


def test_a_journal_damaged_by_another_tool_is_checked_and_refused(isolated_home: Path) -> None:
    path = recorded(28)
    damage_a_middle_page(path)
    before = path.read_bytes()
    with pytest.raises(JournalError, match="is damaged"), Journal.open(path) as journal:
        record(journal, day(29))
    assert path.read_bytes() == before


def test_a_change_in_the_same_clock_tick_as_the_seal_is_still_found(
    isolated_home: Path,
) -> None:
    # File systems stamp times in coarse ticks: a write just after the seal, in the same
    # tick, gets the very time the sealed file had. The seal keeps a time one before it.
    path = recorded()
    tick = 1_800_000_000_000_000_000
    os.utime(path, ns=(tick, tick))  # the time of the run's last write ...
    renew_seal(path, {})  # ... and the seal its close makes
    os.utime(path, ns=(tick, tick))  # what a write in that same tick is stamped with
    with Journal.open(path) as journal:
        assert not journal.sealed


def test_a_journal_whose_seal_is_gone_is_checked(isolated_home: Path) -> None:
    path = recorded()
    seal_path(path).unlink()
    with Journal.open(path) as journal:
        assert not journal.sealed


def test_a_seal_that_cannot_be_read_counts_as_none(isolated_home: Path) -> None:
    path = recorded()
    seal_path(path).write_bytes(b"\xff\xfe not a seal")
    with Journal.open(path) as journal:
        assert not journal.sealed


def test_two_runs_writing_at_once_leave_no_seal(isolated_home: Path) -> None:
    path = recorded()
    with Journal.open(path) as first, Journal.open(path) as second:
        record(first, day(10))
        record(second, day(11))
    assert not seal_path(path).exists()
    with Journal.open(path) as journal:
        assert not journal.sealed


def test_a_checked_write_seals_the_journal_again(isolated_home: Path) -> None:
    path = recorded()
    seal_path(path).unlink()
    with Journal.open(path) as journal:
        record(journal, day(12))
    with Journal.open(path) as journal:
        assert journal.sealed


# -- the course line: carried on from the seal, equal to counting every day ---------------


def old_course_line(journal: Journal, chosen: Routine, today: date) -> CourseProgress:
    """The course line as it was computed before: every completed day of the routine."""
    return course_progress(journal.completed_days(chosen.id), chosen.course, today)


def test_the_course_line_equals_counting_every_completed_day(isolated_home: Path) -> None:
    # A seeded year of sessions with gaps, breaks, repeats and other outcomes, in runs
    # of a few sessions each as `start` records them: the line carried on from the seal
    # never drifts from counting every day.
    rng = random.Random(15)
    moment = datetime(2025, 1, 1, 8, 0, tzinfo=UTC_PLUS_1)
    routines = [routine("collar"), routine("lumbar")]
    for _ in range(12):
        with Journal.open(home().journal_file) as journal:
            for _ in range(5):
                moment += timedelta(days=rng.choice((0, 1, 1, 1, 2, 3, 5, 12, 30)), minutes=7)
                name = rng.choice(("collar", "collar", "lumbar"))
                outcome = rng.choice(("completed",) * 6 + ("quit", "stopped_for_pain"))
                record(journal, moment, name=name, outcome=outcome, steps=0)
                for other in routines:
                    for later in (0, 1, 4, 20):
                        today = moment.date() + timedelta(days=later)
                        assert journal.course_progress(other, today=today) == (
                            old_course_line(journal, other, today)
                        )


def marked_through_day_20() -> Path:
    """Sessions on 1 to 20 November, the course line worked out (and sealed) on the 20th."""
    path = recorded(20)
    with Journal.open(path) as journal:
        record(journal, day(20, hour=18))
        journal.course_progress(routine(), today=date(2026, 11, 20))
    return path


def course_line_matches_every_day(path: Path) -> None:
    with Journal.open(path) as journal:
        today = date(2026, 11, 21)
        assert journal.course_progress(routine(), today=today) == old_course_line(
            journal, routine(), today
        )


def test_a_session_from_paper_dated_before_the_mark_counts(isolated_home: Path) -> None:
    path = marked_through_day_20()
    with Journal.open(path) as journal:
        journal.record_paper(
            routine(),
            started_at=datetime(2026, 10, 30, 18, 0, tzinfo=UTC_PLUS_1),
            seconds=0,
            pain_before=None,
            pain_after=None,
            note=None,
        )
    course_line_matches_every_day(path)


def test_a_forgotten_session_before_the_mark_no_longer_counts(isolated_home: Path) -> None:
    path = marked_through_day_20()
    with Journal.open(path) as journal:
        tenth = [s for s in journal.sessions() if s.started_at.startswith("2026-11-10")]
        assert journal.forget(tenth[0].id)
    course_line_matches_every_day(path)


def test_a_session_finished_today_carries_the_mark_on(isolated_home: Path) -> None:
    path = marked_through_day_20()
    with Journal.open(path) as journal:
        record(journal, day(21))
    course_line_matches_every_day(path)


def test_a_prescription_course_counts_from_its_start_with_the_seal(isolated_home: Path) -> None:
    path = recorded(20)
    prescribed = replace(
        routine(),
        course=Course(sessions=5, frequency="daily", break_days=3),
        prescription=Prescription(
            patient="A. Patient",
            written=date(2026, 11, 8),
            start=date(2026, 11, 9),
            base="collar",
            base_hash=routine().fingerprint,
            version=1,
        ),
    )
    for today in (date(2026, 11, 21), date(2026, 11, 22)):
        with Journal.open(path) as journal:
            got = journal.course_progress(prescribed, today=today)
            days = [d for d in journal.completed_days("collar") if d >= date(2026, 11, 9)]
            assert got == course_progress(days, prescribed.course, today)


def test_the_seal_keeps_no_course_line_after_a_change_by_another_tool(
    isolated_home: Path,
) -> None:
    path = recorded(10)
    with Journal.open(path) as journal:
        record(journal, day(11))
        journal.course_progress(routine(), today=date(2026, 11, 11))
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM steps")
        db.execute("UPDATE sessions SET outcome = 'quit' WHERE day % 2 = 0")
    os.sync()
    with Journal.open(path) as journal:
        today = date(2026, 11, 12)
        assert journal.course_progress(routine(), today=today) == old_course_line(
            journal, routine(), today
        )
