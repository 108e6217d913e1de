"""``selfmassage record``: a session done from the paper sheet, marked as such everywhere.

It counts toward the course and the streak, never as timed minutes; export and
import carry the mark; bad input is a named error (exit 2) and nothing is written.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from homekit import home
from journal_support import day, noon_on_november_21, record
from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.journal.store import SCHEMA_VERSION, Journal

runner = CliRunner()


@pytest.fixture
def november_21(isolated_home: Path) -> Context:
    return noon_on_november_21(isolated_home)


def _run(args: list[str], ctx: Context) -> tuple[int, str]:
    result = runner.invoke(app, args, obj=ctx)
    return result.exit_code, result.output


def _paper(ctx: Context, *extra: str) -> tuple[int, str]:
    return _run(["record", "collar", "--date", "2026-11-20", *extra], ctx)


def test_record_writes_a_completed_session_marked_as_from_paper(november_21: Context) -> None:
    code, _ = _paper(
        november_21, "--minutes", "12", "--pain-before", "5", "--pain-after", "3", "--note", "ok"
    )
    with Journal.open(home().journal_file) as journal:
        [session] = journal.sessions()
    assert code == 0
    assert (session.source, session.outcome, session.routine) == ("paper", "completed", "collar")
    assert (session.pain_before, session.pain_after, session.note) == (5, 3, "ok")
    assert session.started_at.startswith("2026-11-20T12:00:00")
    assert (session.actual_seconds, session.steps, session.verdict) == (720, (), None)


def test_record_says_what_it_recorded(november_21: Context) -> None:
    assert _paper(november_21, "--minutes", "12")[1] == (
        "Recorded a session from paper:\n"
        "date        routine  minutes  outcome            pain\n"
        "2026-11-20  collar      12.0  completed (paper)  - → -\n"
    )


def test_history_marks_a_session_from_paper_and_shows_no_minutes_when_none_were_given(
    november_21: Context,
) -> None:
    _paper(november_21)
    assert _run(["history"], november_21)[1].splitlines()[1] == (
        "2026-11-20  collar         -  completed (paper)  - → -"
    )


def test_export_carries_the_paper_mark_and_import_keeps_it(
    november_21: Context, tmp_path: Path
) -> None:
    _paper(november_21)
    exported = json.loads(_run(["export"], november_21)[1])
    assert [s["source"] for s in exported["sessions"]] == ["paper"]
    other = noon_on_november_21(tmp_path / "other")
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(exported), encoding="utf-8")
    assert _run(["import", str(backup)], other)[0] == 0
    assert json.loads(_run(["export"], other)[1]) == exported


def test_csv_export_names_the_source_in_its_last_column(november_21: Context) -> None:
    _paper(november_21)
    lines = _run(["export", "--format", "csv"], november_21)[1].splitlines()
    assert lines[0].endswith(",steps_skipped,source")
    assert lines[1].endswith(",0,0,0,paper")


def test_an_export_without_source_imports_as_timed_sessions(
    november_21: Context, tmp_path: Path
) -> None:
    _paper(november_21)
    exported = json.loads(_run(["export"], november_21)[1])
    del exported["sessions"][0]["source"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(exported), encoding="utf-8")
    other = noon_on_november_21(tmp_path / "other")
    _run(["import", str(old)], other)
    assert json.loads(_run(["export"], other)[1])["sessions"][0]["source"] == "timer"


def test_an_export_with_an_unknown_source_is_refused_whole(
    november_21: Context, tmp_path: Path
) -> None:
    _paper(november_21)
    exported = json.loads(_run(["export"], november_21)[1])
    exported["sessions"][0]["source"] = "fax"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(exported), encoding="utf-8")
    other = noon_on_november_21(tmp_path / "other")
    code, output = _run(["import", str(bad)], other)
    assert code == 2
    assert "'source' must be one of timer, paper, not \"fax\"" in output
    assert not other.paths.journal_file.exists()


def test_a_session_from_paper_counts_toward_the_course_and_the_streak(
    november_21: Context,
) -> None:
    with Journal.open(home().journal_file) as journal:
        record(journal, day(19))
    _paper(november_21)
    stats = json.loads(_run(["stats", "--json"], november_21)[1])
    assert stats["streak"] == {"current": 2, "longest": 2}
    assert stats["courses"][0]["done"] == 2


def test_minutes_from_paper_never_count_as_timed_minutes(november_21: Context) -> None:
    with Journal.open(home().journal_file) as journal:
        record(journal, day(19), steps=2)  # 60 timed seconds
    _paper(november_21, "--minutes", "30")
    stats = json.loads(_run(["stats", "--json"], november_21)[1])
    assert stats["minutes"] == 1.0
    assert stats["routines"][0]["all_time"] == {"sessions": 2, "minutes": 1.0}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2026-11-22"], "--date 2026-11-22 is in the future (today is 2026-11-21)"),
        (["--date", "1999-12-31"], "--date 1999-12-31 is before 2000"),
        (["--date", "yesterday"], "--date must be a date like 2026-11-21, not 'yesterday'"),
        (
            ["--date", "2026-11-20", "--pain-before", "11"],
            "--pain-before must be a whole number from 0 (none) to 10 (worst), not 11",
        ),
        (
            ["--date", "2026-11-20", "--pain-after", "-1"],
            "--pain-after must be a whole number from 0 (none) to 10 (worst), not -1",
        ),
        (
            ["--date", "2026-11-20", "--minutes", "0"],
            "--minutes must be more than 0 and at most 240, not 0",
        ),
    ],
)
def test_bad_input_is_a_named_error_and_writes_nothing(
    november_21: Context, args: list[str], message: str
) -> None:
    code, output = _run(["record", "collar", *args], november_21)
    assert code == 2
    assert output.startswith(f"selfmassage: error: {message}\n")
    assert not november_21.paths.journal_file.exists()


def test_an_unknown_routine_is_a_named_error_and_writes_nothing(november_21: Context) -> None:
    code, output = _run(["record", "colar", "--date", "2026-11-20"], november_21)
    assert code == 2
    assert output.startswith("selfmassage: error: no routine 'colar' — did you mean 'collar'?")
    assert not november_21.paths.journal_file.exists()


def test_a_journal_of_version_1_gains_the_source_and_its_sessions_are_timed(
    november_21: Context,
) -> None:
    path = home().journal_file
    with Journal.open(path) as journal:
        record(journal, day(19))
    db = sqlite3.connect(path)
    # Back to the schema of version 1, as an older selfmassage left it.
    db.executescript(
        "DROP INDEX sessions_pending; ALTER TABLE sessions DROP COLUMN pending; "
        "DROP INDEX sessions_by_outcome; ALTER TABLE sessions DROP COLUMN source; "
        "CREATE INDEX sessions_by_outcome ON sessions(outcome, routine, day, actual_seconds); "
        "PRAGMA user_version = 1;"
    )
    db.close()
    exported = json.loads(_run(["export"], november_21)[1])
    assert [s["source"] for s in exported["sessions"]] == ["timer"]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
