"""The journal store: what a session record holds, durability, and refusing bad files."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from homekit import home
from journal_support import UTC_PLUS_1, day, journal_path, record, routine, step
from selfmassage.errors import JournalError
from selfmassage.journal.records import SessionRecord, StepRecord
from selfmassage.journal.store import SCHEMA_VERSION, Journal, content_hash
from selfmassage.routines.fit import fit


def test_a_session_is_recorded_with_every_field_of_the_record() -> None:
    with Journal.open(home().journal_file) as journal:
        session = journal.begin_session(
            routine(), started_at=day(3), verdict="caution", pain_before=6
        )
        journal.record_step(session, step(0, 29.6))  # type: ignore[arg-type]
        journal.record_step(
            session, StepRecord(1, "kneading", "neck-shoulders", "left", 120, 0, False, True)
        )
        journal.finish_session(
            session,
            ended_at=day(3) + timedelta(minutes=12),
            outcome="stopped_for_pain",
            actual_seconds=29.6,  # type: ignore[arg-type]
            paused_seconds=40.4,  # type: ignore[arg-type]
            pain_after=7,
            pain_where="left shoulder",
            note="sharp pain",
        )
        [saved] = journal.sessions()
    assert saved == SessionRecord(
        id=session,
        routine="collar",
        routine_title="Collar zone",
        content_hash=content_hash(routine()),
        started_at="2026-11-03T08:00:00+01:00",
        ended_at="2026-11-03T08:12:00+01:00",
        planned_seconds=routine().total_seconds,
        actual_seconds=30,
        paused_seconds=40,
        outcome="stopped_for_pain",
        pain_before=6,
        pain_after=7,
        pain_where="left shoulder",
        note="sharp pain",
        verdict="caution",
        source="timer",
        steps=(
            StepRecord(0, "stroking", "neck-shoulders", "both", 30, 30, True, False),
            StepRecord(1, "kneading", "neck-shoulders", "left", 120, 0, False, True),
        ),
    )


def test_the_content_hash_changes_when_the_routine_changes() -> None:
    collar = routine()
    assert content_hash(collar).startswith("sha256:")
    assert content_hash(collar) != content_hash(fit(collar, 10).routine)
    assert content_hash(collar) == content_hash(routine())


def test_the_folder_is_private_and_the_database_owner_only(isolated_home: Path) -> None:
    Journal.open(home().journal_file).close()
    assert (isolated_home / "data").stat().st_mode & 0o777 == 0o700
    assert journal_path(isolated_home).stat().st_mode & 0o777 == 0o600


def test_the_database_is_in_wal_mode_with_the_schema_version(isolated_home: Path) -> None:
    Journal.open(home().journal_file).close()
    db = sqlite3.connect(journal_path(isolated_home))
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_a_database_left_at_version_0_is_migrated(isolated_home: Path) -> None:
    path = journal_path(isolated_home)
    path.parent.mkdir(parents=True)
    blank = sqlite3.connect(path)  # a database with a header but no tables yet
    blank.execute("CREATE TABLE scratch (x)")
    blank.execute("DROP TABLE scratch")
    blank.close()
    with Journal.open(home().journal_file) as journal:
        record(journal, day(1))
        assert journal.count() == 1


def test_a_running_session_is_not_listed() -> None:
    with Journal.open(home().journal_file) as journal:
        journal.begin_session(routine(), started_at=day(1), verdict=None, pain_before=None)
        assert journal.sessions() == ()


def test_a_naive_start_time_is_a_programming_error() -> None:
    with (
        Journal.open(home().journal_file) as journal,
        pytest.raises(ValueError, match="timezone-aware"),
    ):
        journal.begin_session(
            routine(), started_at=datetime(2026, 11, 1, 8), verdict=None, pain_before=None
        )


def test_an_unknown_outcome_is_a_programming_error() -> None:
    with Journal.open(home().journal_file) as journal:
        session = journal.begin_session(
            routine(), started_at=day(1), verdict=None, pain_before=None
        )
        with pytest.raises(ValueError, match="outcome must be one of"):
            journal.finish_session(
                session,
                ended_at=day(1),
                outcome="done",
                actual_seconds=0,
                paused_seconds=0,
                pain_after=None,
                pain_where=None,
                note=None,
            )


def test_a_finished_session_is_never_rewritten() -> None:
    with Journal.open(home().journal_file) as journal:
        session = record(journal, day(1))
        with pytest.raises(JournalError) as error:
            journal.record_step(session, step(5))
        assert str(error.value) == f"no running session {session} in the journal {journal.path}"


def test_a_step_is_recorded_only_once() -> None:
    with Journal.open(home().journal_file) as journal:
        session = journal.begin_session(
            routine(), started_at=day(1), verdict=None, pain_before=None
        )
        journal.record_step(session, step(0))
        with pytest.raises(JournalError) as error:
            journal.record_step(session, step(0, 10))
    assert str(error.value) == f"step 0 of session {session} is already recorded"


# -- sessions whose process died -------------------------------------------------------------


def test_a_session_left_open_is_closed_as_interrupted_keeping_its_steps() -> None:
    times = iter([day(2, 8), day(2, 8) + timedelta(seconds=95), day(2, 8) + timedelta(seconds=200)])
    journal = Journal.open(home().journal_file, clock=lambda: next(times))
    session = journal.begin_session(routine(), started_at=day(2, 8), verdict="go", pain_before=4)
    journal.record_step(session, step(0, 60))
    journal.record_step(session, step(1, 90))
    journal.close()  # the process ends without an outcome

    with Journal.open(home().journal_file) as reopened:
        [saved] = reopened.sessions()
    assert saved.outcome == "interrupted"
    assert [s.seconds_done for s in saved.steps] == [60, 90]
    assert saved.ended_at == "2026-11-02T08:03:20+01:00"  # the last write
    assert saved.actual_seconds == 150
    assert saved.paused_seconds == 50
    assert saved.pain_before == 4


def test_a_session_running_in_another_process_is_left_running(isolated_home: Path) -> None:
    with _python(
        """
        import sys
        from datetime import datetime, timezone
        from selfmassage.journal.store import Journal
        from selfmassage.paths import Paths
        from selfmassage.routines.catalog import load_catalog
        journal = Journal.open(Paths.from_env().journal_file)
        session = journal.begin_session(load_catalog().routines["collar"],
            started_at=datetime.now(timezone.utc), verdict=None, pain_before=None)
        print("started", flush=True)
        sys.stdin.readline()
        journal.finish_session(session, ended_at=datetime.now(timezone.utc), outcome="quit",
            actual_seconds=1, paused_seconds=0, pain_after=None, pain_where=None, note=None)
        """,
        stdin=subprocess.PIPE,
    ) as child:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline() == "started\n"
        with Journal.open(home().journal_file) as journal:
            assert journal.sessions() == ()
        child.stdin.write("\n")
        child.stdin.close()
        assert child.wait(timeout=30) == 0
    with Journal.open(home().journal_file) as journal:
        assert [s.outcome for s in journal.sessions()] == ["quit"]


def test_a_process_killed_while_writing_leaves_an_interrupted_session(isolated_home: Path) -> None:
    with _python(
        """
        from datetime import datetime, timezone
        from selfmassage.journal.store import Journal, StepRecord
        from selfmassage.paths import Paths
        from selfmassage.routines.catalog import load_catalog
        journal = Journal.open(Paths.from_env().journal_file)
        session = journal.begin_session(load_catalog().routines["collar"],
            started_at=datetime.now(timezone.utc), verdict="go", pain_before=3)
        index = 0
        while True:
            journal.record_step(session, StepRecord(index, "rubbing", "neck-shoulders",
                "both", 30, 30, True, False))
            print(index, flush=True)
            index += 1
        """
    ) as child:
        assert child.stdout is not None
        for _ in range(20):
            last_reported = int(child.stdout.readline())
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)

    with Journal.open(home().journal_file) as journal:
        [saved] = journal.sessions()
    assert saved.outcome == "interrupted"
    indexes = [s.index for s in saved.steps]
    assert indexes == list(range(len(indexes)))
    assert len(indexes) > last_reported
    assert saved.actual_seconds == 30 * len(indexes)


def test_two_processes_writing_at_once_both_succeed(isolated_home: Path) -> None:
    Journal.open(home().journal_file).close()
    script = """
        import sys
        from datetime import datetime, timedelta, timezone
        from selfmassage.journal.store import Journal, StepRecord
        from selfmassage.paths import Paths
        from selfmassage.routines.catalog import load_catalog
        collar = load_catalog().routines["collar"]
        sys.stdin.readline()  # start together
        for n in range(15):
            with Journal.open(Paths.from_env().journal_file) as journal:
                now = datetime.now(timezone.utc)
                session = journal.begin_session(collar, started_at=now, verdict=None,
                    pain_before=None)
                for index in range(12):
                    journal.record_step(session, StepRecord(index, "rubbing",
                        "neck-shoulders", "both", 30, 30, True, False))
                journal.finish_session(session, ended_at=now, outcome="completed",
                    actual_seconds=360, paused_seconds=0, pain_after=None, pain_where=None,
                    note=None)
        """
    with (
        _python(script, stdin=subprocess.PIPE) as one,
        _python(script, stdin=subprocess.PIPE) as two,
    ):
        for child in (one, two):
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.close()
        for child in (one, two):
            assert child.wait(timeout=120) == 0, child.stderr.read() if child.stderr else ""
    with Journal.open(home().journal_file) as journal:
        sessions = journal.sessions(limit=None)
    assert len(sessions) == 30
    assert all(len(s.steps) == 12 for s in sessions)


def _python(code: str, stdin: int | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


# -- files that are not a journal we can use -------------------------------------------------

RESTORE_HINT = (
    "Nothing was changed. Move {path} aside (keep it: it may be recoverable) and restore "
    "your sessions from an export with 'selfmassage import FILE.json'."
)


def _journal_file_with(home: Path, content: bytes) -> Path:
    path = journal_path(home)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    return path


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(isolated_home: Path) -> None:
    content = b"these are my notes, not a database\n" * 100
    path = _journal_file_with(isolated_home, content)
    with pytest.raises(JournalError) as error:
        Journal.open(home().journal_file)
    assert error.value.message == (f"the journal {path} is damaged or is not a selfmassage journal")
    assert error.value.hint == RESTORE_HINT.format(path=path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in path.parent.iterdir()) == ["journal.sqlite3"]


def test_a_damaged_database_is_refused_and_left_alone(isolated_home: Path) -> None:
    with Journal.open(home().journal_file) as journal:
        for number in range(1, 20):
            record(journal, day(number), note="x" * 500)
    path = journal_path(isolated_home)
    content = bytearray(path.read_bytes())
    content[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    path.write_bytes(bytes(content))
    for leftover in path.parent.glob("journal.sqlite3-*"):
        leftover.unlink()
    with pytest.raises(JournalError) as error:
        Journal.open(home().journal_file)
    assert error.value.message.startswith(f"the journal {path} is damaged (")
    assert error.value.hint == RESTORE_HINT.format(path=path)
    assert path.read_bytes() == bytes(content)


def test_a_database_from_a_newer_selfmassage_is_refused_and_left_alone(
    isolated_home: Path,
) -> None:
    path = journal_path(isolated_home)
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE sessions (id TEXT)")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    content = path.read_bytes()
    with pytest.raises(JournalError) as error:
        Journal.open(home().journal_file)
    assert error.value.message == (
        f"the journal {path} was written by a newer selfmassage (journal version "
        f"{SCHEMA_VERSION + 1}; this is selfmassage 0.1.0, which reads up to version "
        f"{SCHEMA_VERSION})"
    )
    assert error.value.hint == "Nothing was changed. Upgrade selfmassage to use it."
    assert path.read_bytes() == content


def test_another_programs_database_is_refused_and_left_alone(isolated_home: Path) -> None:
    path = journal_path(isolated_home)
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE recipes (name TEXT)")
    db.commit()
    db.close()
    content = path.read_bytes()
    with pytest.raises(JournalError) as error:
        Journal.open(home().journal_file)
    assert error.value.message == (f"the journal {path} is damaged or is not a selfmassage journal")
    assert path.read_bytes() == content


def test_an_empty_journal_file_is_refused_and_left_alone(isolated_home: Path) -> None:
    # Watson's issue #499: an emptied file read as "no sessions yet" hides the loss.
    path = _journal_file_with(isolated_home, b"")
    with pytest.raises(JournalError) as error:
        Journal.open(home().journal_file)
    assert error.value.message == f"the journal {path} is empty"
    assert error.value.hint == RESTORE_HINT.format(path=path)
    assert path.read_bytes() == b""


def test_a_new_journal_appears_whole_and_leaves_no_temporary_files(isolated_home: Path) -> None:
    with Journal.open(home().journal_file) as journal:
        assert journal.count() == 0
    path = journal_path(isolated_home)
    assert path.read_bytes().startswith(b"SQLite format 3\x00")
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["journal.sqlite3"]


def test_a_folder_in_place_of_the_journal_is_refused(isolated_home: Path) -> None:
    path = journal_path(isolated_home)
    path.mkdir(parents=True)
    with pytest.raises(JournalError) as error:
        Journal.open(home().journal_file)
    assert error.value.message == f"the journal {path} is a folder, not a file"


def test_sessions_are_listed_newest_first_by_instant_across_time_zones() -> None:
    from datetime import timezone

    with Journal.open(home().journal_file) as journal:
        # 09:00 in New York is after 10:00 in Paris on the same morning.
        new_york = record(journal, datetime(2026, 11, 3, 9, tzinfo=timezone(timedelta(hours=-5))))
        paris = record(journal, datetime(2026, 11, 3, 10, tzinfo=UTC_PLUS_1))
        assert [s.id for s in journal.sessions()] == [new_york, paris]
        assert [s.id for s in journal.sessions(newest_first=False)] == [paris, new_york]


def test_a_journal_busy_for_longer_than_the_timeout_is_a_clear_error(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import selfmassage.journal.store

    monkeypatch.setattr(selfmassage.journal.store, "BUSY_TIMEOUT_SECONDS", 0.05)
    # A running session waits this long (far longer for real) before it gives up.
    monkeypatch.setattr(selfmassage.journal.store, "SESSION_WAIT_SECONDS", 0.2)
    Journal.open(home().journal_file).close()
    path = journal_path(isolated_home)
    other_writer = sqlite3.connect(path, isolation_level=None)
    other_writer.execute("BEGIN IMMEDIATE")
    try:
        with Journal.open(home().journal_file) as journal, pytest.raises(JournalError) as error:
            record(journal, day(1))
    finally:
        other_writer.execute("ROLLBACK")
        other_writer.close()
    assert error.value.message == (
        f"cannot record the start of a session: the journal {path} is busy "
        "(another selfmassage is writing)"
    )
    assert error.value.hint == "Try again in a moment."
    assert list((path.parent / "journal.sqlite3.running").iterdir()) == []
