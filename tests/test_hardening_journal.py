"""Issue 11 as a user meets it: the journal's promises (items 2-8).

No exit 70, nothing lost; a damaged journal is never written to; a journal that
cannot be reached is an error, never an empty one, and never called damaged when
it is only read-only or on a full disk.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hardening_support import as_unprivileged, give_to_user, remove, shared_home
from journal_support import day, journal_path, noon_on_november_21, record
from selfmassage.cli.app import app
from selfmassage.cli.fastpath import fast_path
from selfmassage.context import Context
from selfmassage.errors import JournalError
from selfmassage.journal.store import Journal

SRC = str(Path(__file__).resolve().parents[1] / "src")


def session_data(started_at: str, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "routine": "collar",
        "started_at": started_at,
        "ended_at": started_at,
        "outcome": "completed",
        "planned_seconds": 600,
        "actual_seconds": 600,
        "paused_seconds": 0,
        "pain_before": 3,
        "pain_after": 2,
        "steps": [],
    }
    return {**data, **changes}


def export_file(folder: Path, sessions: list[dict[str, Any]], name: str = "in.json") -> Path:
    path = folder / name
    document = {"format": "selfmassage-journal", "version": 1, "sessions": sessions}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def run(isolated_home: Path) -> Context:
    return noon_on_november_21(isolated_home)


def with_a_session(home: Path) -> Path:
    path = journal_path(home)
    with Journal.open(path) as journal:
        record(journal, day(1))
    return path


# -- item 2: a session dated 9999-12-31 --------------------------------------------------


def test_importing_a_session_dated_in_year_9999_is_a_named_error(
    run: Context, tmp_path: Path
) -> None:
    file = export_file(tmp_path, [session_data("9999-12-31T10:00:00+00:00")])
    result = CliRunner().invoke(app, ["import", str(file)], obj=run)
    assert result.exit_code == 2
    assert "'started_at' 9999-12-31T10:00:00+00:00 is out of range" in result.stderr


def test_importing_a_session_from_before_2000_is_a_named_error(
    run: Context, tmp_path: Path
) -> None:
    file = export_file(tmp_path, [session_data("1999-06-01T10:00:00+00:00")])
    result = CliRunner().invoke(app, ["import", str(file)], obj=run)
    assert (result.exit_code, "out of range" in result.stderr) == (2, True)


def test_a_session_a_few_hours_ahead_of_now_imports(run: Context, tmp_path: Path) -> None:
    # Another machine's clock, a time zone ahead: within a day is fine.
    ahead = run.clock.now().replace(hour=20).isoformat()
    file = export_file(tmp_path, [session_data(ahead)])
    assert CliRunner().invoke(app, ["import", str(file)], obj=run).exit_code == 0


def far_future_session(run: Context) -> str:
    """A session dated 9999-12-31 in the journal, as imports before issue 11 let in."""
    data = session_data("9999-12-31T10:00:00+00:00")
    with run.journal() as journal:
        journal.add_sessions([data])
    return str(data["id"])


def test_stats_works_with_a_session_dated_in_year_9999(run: Context) -> None:
    far_future_session(run)
    result = CliRunner().invoke(app, ["stats"], obj=run)
    assert result.exit_code == 0, result.stderr


def test_forget_asks_then_deletes_the_session_for_good(run: Context) -> None:
    session_id = far_future_session(run)
    result = CliRunner().invoke(app, ["forget", session_id], input="y\n", obj=run)
    assert result.exit_code == 0
    assert "Forget this session for good?" in result.stdout
    with run.journal() as journal:
        assert journal.sessions() == ()


def test_forget_shows_the_session_it_asks_about(run: Context) -> None:
    session_id = far_future_session(run)
    result = CliRunner().invoke(app, ["forget", session_id], input="n\n", obj=run)
    assert "9999-12-31 10:00  collar" in result.stdout


def test_forget_keeps_the_session_unless_the_answer_is_yes(run: Context) -> None:
    session_id = far_future_session(run)
    result = CliRunner().invoke(app, ["forget", session_id], input="\n", obj=run)
    assert (result.exit_code, "Nothing was changed." in result.stdout) == (1, True)
    with run.journal() as journal:
        assert [s.id for s in journal.sessions()] == [session_id]


def test_forget_with_yes_does_not_ask(run: Context) -> None:
    session_id = far_future_session(run)
    result = CliRunner().invoke(app, ["forget", session_id, "--yes"], obj=run)
    assert (result.exit_code, result.stdout) == (0, f"Forgot session {session_id}.\n")


def test_forget_of_an_unknown_id_is_a_named_error(run: Context) -> None:
    far_future_session(run)
    missing = str(uuid.uuid4())
    result = CliRunner().invoke(app, ["forget", missing, "--yes"], obj=run)
    assert result.exit_code == 2
    assert f"no finished session {missing} in the journal" in result.stderr


def test_forget_of_something_that_is_not_an_id_is_a_named_error(run: Context) -> None:
    result = CliRunner().invoke(app, ["forget", "yesterday", "--yes"], obj=run)
    assert (result.exit_code, "'yesterday' is not a session id" in result.stderr) == (2, True)


def test_forget_deletes_the_sessions_steps_too(run: Context) -> None:
    with run.journal() as journal:
        session_id = record(journal, day(1), steps=3)
    CliRunner().invoke(app, ["forget", session_id, "--yes"], obj=run)
    with sqlite3.connect(run.paths.journal_file) as db:
        assert db.execute("SELECT COUNT(*) FROM steps").fetchone() == (0,)


# -- item 3: named errors instead of exit 70 ---------------------------------------------

TOO_MANY = "9223372036854775808"  # 2**63: more than SQLite can count


def test_a_history_limit_beyond_64_bits_is_a_usage_error(run: Context) -> None:
    with_a_session(run.paths.data_dir.parent)
    result = CliRunner().invoke(app, ["history", "-n", TOO_MANY], obj=run)
    assert result.exit_code == 2
    assert "Invalid value for '--limit' / '-n'" in result.stderr


def test_the_fast_path_leaves_a_limit_beyond_64_bits_to_typer(run: Context) -> None:
    assert fast_path(["history", "-n", TOO_MANY], run) is None


def test_a_lock_folder_that_is_a_file_is_a_named_error_when_a_session_starts(
    isolated_home: Path,
) -> None:
    path = with_a_session(isolated_home)
    lock_folder = path.with_name(path.name + ".running")
    lock_folder.rmdir()
    lock_folder.write_text("", encoding="utf-8")
    with Journal.open(path) as journal, pytest.raises(JournalError) as error:
        record(journal, day(2))
    assert f"the lock folder {lock_folder} cannot be used" in error.value.message


def test_import_without_home_is_a_named_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("SELFMASSAGE_HOME", "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    file = export_file(tmp_path, [session_data("2026-11-01T08:00:00+01:00")])
    result = CliRunner().invoke(app, ["import", str(file)])
    assert result.exit_code == 1
    assert "HOME is not set" in result.stderr


def test_import_with_a_home_that_does_not_exist_is_a_named_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("SELFMASSAGE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "gone"))
    file = export_file(tmp_path, [session_data("2026-11-01T08:00:00+01:00")])
    result = CliRunner().invoke(app, ["import", str(file)])
    assert (result.exit_code, "does not exist" in result.stderr) == (1, True)
    assert not (tmp_path / "gone").exists()


# -- item 4: damage beyond the first page -------------------------------------------------


def damaged_in_the_middle(home: Path) -> Path:
    """A journal whose first pages are sound and whose middle page is garbage."""
    path = journal_path(home)
    with Journal.open(path) as journal:
        for number in range(1, 29):
            record(journal, day(number), steps=12, note="x" * 400)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size, pages = (
            db.execute("PRAGMA page_size").fetchone()[0],
            db.execute("PRAGMA page_count").fetchone()[0],
        )
    with path.open("r+b") as handle:
        handle.seek(page_size * (pages // 2))
        handle.write(b"\xa5" * page_size)
    return path


def test_import_into_a_journal_damaged_beyond_its_first_page_is_refused(
    run: Context, tmp_path: Path
) -> None:
    path = damaged_in_the_middle(run.paths.data_dir.parent)
    before = path.read_bytes()
    file = export_file(tmp_path, [session_data("2026-11-01T08:00:00+01:00")])
    result = CliRunner().invoke(app, ["import", str(file)], obj=run)
    assert result.exit_code == 1
    assert f"the journal {path} is damaged" in result.stderr
    assert path.read_bytes() == before


def test_a_session_never_starts_in_a_journal_damaged_beyond_its_first_page(
    isolated_home: Path,
) -> None:
    path = damaged_in_the_middle(isolated_home)
    before = path.read_bytes()
    with Journal.open(path) as journal, pytest.raises(JournalError, match="is damaged"):
        record(journal, day(29))
    assert path.read_bytes() == before


def test_reading_commands_still_list_what_a_damaged_journal_holds(run: Context) -> None:
    damaged_in_the_middle(run.paths.data_dir.parent)
    # No write, no check: history reads what it can (and never changes the file).
    result = CliRunner().invoke(app, ["history", "-n", "1"], obj=run)
    assert result.exit_code in (0, 1)
    assert "internal error" not in result.stderr


# -- item 5: read-only and full is not damaged ---------------------------------------------


def test_a_read_only_data_folder_is_reported_as_read_only_not_damaged(tmp_path: Path) -> None:
    home = shared_home()
    try:
        path = with_a_session(home)
        give_to_user(home)
        path.parent.chmod(0o500)
        with (
            as_unprivileged(),
            pytest.raises(JournalError) as error,
            Journal.open(path) as journal,
        ):
            record(journal, day(2))
    finally:
        remove(home)
    assert "damaged" not in error.value.message
    assert "read-only" in error.value.message or "cannot be opened" in error.value.message
    assert "Move" not in (error.value.hint or "")


def test_a_disk_that_fills_during_an_import_is_not_called_damage(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = with_a_session(home)
    sessions = [
        session_data(f"2026-10-{1 + n % 28:02d}T08:00:00+01:00", note="n" * 2000)
        for n in range(2000)
    ]
    file = export_file(tmp_path, sessions)
    size = path.stat().st_size
    limit = size + 64 * 1024

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "SELFMASSAGE_HOME": str(home), "PYTHONPATH": SRC}
    done = subprocess.run(
        [sys.executable, "-m", "selfmassage", "import", str(file)],
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=small_disk,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "damaged" not in done.stderr
    assert "disk" in done.stderr
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


# -- item 6: a journal that cannot be reached is no empty journal -------------------------


@pytest.mark.parametrize("command", [["history"], ["stats"], ["export"], ["history", "--json"]])
def test_a_data_folder_that_is_a_file_is_an_error_not_an_empty_journal(
    run: Context, command: list[str]
) -> None:
    run.paths.data_dir.parent.mkdir(parents=True)
    run.paths.data_dir.write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, command, obj=run)
    assert result.exit_code == 1
    assert "is a file" in result.stderr
    assert result.stdout == ""


def test_the_fast_path_reports_a_data_folder_that_is_a_file(
    run: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    run.paths.data_dir.parent.mkdir(parents=True)
    run.paths.data_dir.write_text("", encoding="utf-8")
    assert fast_path(["stats"], run) == 1
    assert "No sessions" not in capsys.readouterr().out


@pytest.mark.parametrize("command", [["history"], ["stats"], ["export"]])
def test_reading_without_home_is_an_error_not_an_empty_journal(
    command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("SELFMASSAGE_HOME", "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(app, command)
    assert (result.exit_code, result.stdout) == (1, "")


def test_a_missing_journal_is_still_no_sessions_yet(run: Context) -> None:
    result = CliRunner().invoke(app, ["history"], obj=run)
    assert (result.exit_code, result.stdout.startswith("No sessions")) == (0, True)


# -- item 8: leftovers of a journal being created when killed ----------------------------


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftovers_of_a_killed_creation_are_removed_at_the_next_start(
    isolated_home: Path,
) -> None:
    path = journal_path(isolated_home)
    path.parent.mkdir(parents=True)
    stale = path.with_name(f".{path.name}.{dead_pid()}.new")
    leftovers = [stale, stale.with_name(stale.name + "-wal"), stale.with_name(stale.name + "-shm")]
    for leftover in leftovers:
        leftover.write_bytes(b"half")
    Journal.open(path).close()
    assert [p for p in leftovers if p.exists()] == []


def test_a_journal_being_created_by_a_live_process_is_left_alone(isolated_home: Path) -> None:
    path = journal_path(isolated_home)
    path.parent.mkdir(parents=True)
    live = path.with_name(f".{path.name}.{os.getppid()}.new")
    live.write_bytes(b"in progress")
    Journal.open(path).close()
    assert live.exists()


def test_other_files_in_the_data_folder_are_left_alone(isolated_home: Path) -> None:
    path = journal_path(isolated_home)
    path.parent.mkdir(parents=True)
    mine = path.with_name(f".{path.name}.notes")
    mine.write_bytes(b"keep")
    Journal.open(path).close()
    assert mine.exists()


def test_an_import_larger_than_a_batch_adds_every_session_once(isolated_home: Path) -> None:
    sessions = [session_data(f"2026-10-{1 + n % 28:02d}T08:00:00+01:00") for n in range(4500)]
    with Journal.open(journal_path(isolated_home)) as journal:
        added = journal.add_sessions(sessions)
        again = journal.add_sessions(sessions)
        count = journal.count()
    assert (added, again, count) == ((4500, 0), (0, 4500), 4500)


def test_an_import_with_a_null_routine_title_uses_the_routine_id(
    run: Context, tmp_path: Path
) -> None:
    # Found by the fuzz suite: the check allowed null, the column did not (exit 1).
    file = export_file(
        tmp_path, [session_data("2026-11-01T08:00:00+01:00", routine_title=None, content_hash=None)]
    )
    assert CliRunner().invoke(app, ["import", str(file)], obj=run).exit_code == 0
    with run.journal() as journal:
        (session,) = journal.sessions()
    assert (session.routine_title, session.content_hash) == ("collar", "")
