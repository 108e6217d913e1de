"""Issue 15's bulk commands: history, its JSON, the export and the import, streamed.

They now write as the journal is read (and import in two passes over the file), so
these tests hold the streamed output to what the old code made from every session
in memory (``history_lines``, ``history_data``, ``export_json``, ``export_csv`` of
``Journal.sessions()``), and the import to all or nothing. Time and memory are
measured by ``benchmarks/bulk.py``, not here.
"""

from __future__ import annotations

import fcntl
import itertools
import json
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from homekit import home
from journal_support import day, noon_on_november_21, record, routine
from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.errors import InvalidFile, SelfMassageError
from selfmassage.journal.exchange import (
    check_export_stream,
    checked_export,
    export_csv,
    export_json,
    session_data,
)
from selfmassage.journal.store import IMPORT_BATCH, Journal
from selfmassage.journal.view import history_data, history_lines

runner = CliRunner()
NOW = datetime(2026, 11, 21, 12, tzinfo=UTC)
# Text that JSON, CSV and a terminal each treat in their own way.
AWKWARD = 'say "hi"\\ \n\t\x01 \x7f \x9b é — 🙂 \u2028 =cmd'


def varied_journal(ctx: Context) -> None:
    """Sessions of every look: outcomes, pains, paper, notes, steps done and skipped."""
    with ctx.journal() as journal:
        record(journal, day(1), note=AWKWARD)
        record(journal, day(2), name="lumbar", outcome="quit", pain_after=None, steps=0)
        record(journal, day(3), name="relaxation", outcome="stopped_for_pain", pain_before=10)
        record(journal, day(4, 21), steps=5, pain_before=None, pain_after=None, note="-1")
        journal.record_paper(
            routine("lumbar"),
            started_at=day(5),
            seconds=0,
            pain_before=2,
            pain_after=10,
            note="from paper",
        )
        journal.record_paper(
            routine("collar"), started_at=day(6), seconds=5400, pain_before=None,
            pain_after=None, note=None,
        )  # fmt: skip
        session = journal.begin_session(
            routine("collar"), started_at=day(7), verdict=None, pain_before=3
        )
        journal.finish_session(
            session, ended_at=day(7), outcome="interrupted", actual_seconds=36_000,
            paused_seconds=0, pain_after=None, pain_where="left\nside", note=None,
        )  # fmt: skip


@pytest.fixture
def varied(tmp_path: Path) -> Context:
    ctx = noon_on_november_21(tmp_path / "varied")
    varied_journal(ctx)
    return ctx


def output(args: list[str], ctx: Context) -> str:
    result = runner.invoke(app, args, obj=ctx)
    assert result.exit_code == 0, result.output
    return result.stdout


def listed(ctx: Context, **options: Any) -> tuple[Any, ...]:
    with ctx.journal() as journal:
        return journal.sessions(**options)


# -- what is printed is what the old code printed -------------------------------------------


@pytest.mark.parametrize(
    ("args", "options"),
    [
        (["-n", "0"], {}),
        (["-n", "3"], {"limit": 3}),
        (["-n", "0", "--routine", "lumbar"], {"routine": "lumbar"}),
        ([], {"limit": 20}),
    ],
)
def test_streamed_history_is_the_table_of_every_session_in_memory(
    varied: Context, args: list[str], options: dict[str, Any]
) -> None:
    expected = "\n".join(history_lines(listed(varied, **options))) + "\n"
    assert output(["history", *args], varied) == expected


@pytest.mark.parametrize(
    ("args", "options"),
    [
        (["-n", "0"], {}),
        (["-n", "2"], {"limit": 2}),
        (["-n", "0", "-r", "collar"], {"routine": "collar"}),
    ],
)
def test_streamed_history_json_parses_to_the_old_document(
    varied: Context, args: list[str], options: dict[str, Any]
) -> None:
    printed = output(["history", "--json", *args], varied)
    assert json.loads(printed) == history_data(listed(varied, **options))


def test_history_json_off_a_terminal_is_one_session_a_line(varied: Context) -> None:
    lines = output(["history", "--json", "-n", "0"], varied).removesuffix("\n").split("\n")
    assert (lines[0], lines[-1], len(lines)) == ('{"sessions":[', "]}", 7 + 2)


def test_streamed_export_json_is_byte_for_byte_the_old_export(varied: Context) -> None:
    expected = export_json(listed(varied, newest_first=False))
    assert output(["export"], varied) == expected


def test_streamed_export_csv_is_byte_for_byte_the_old_csv(varied: Context) -> None:
    expected = export_csv(listed(varied, newest_first=False))
    assert output(["export", "--format", "csv"], varied) == expected


def test_an_export_to_a_file_is_the_export_on_stdout(varied: Context, tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    result = runner.invoke(app, ["export", "-o", str(target)], obj=varied)
    assert result.stderr == f"Exported 7 session(s) to {target}\n"
    assert target.read_text(encoding="utf-8") == output(["export"], varied)


def test_an_empty_journal_exports_and_lists_as_before(tmp_path: Path) -> None:
    ctx = noon_on_november_21(tmp_path / "empty")
    assert output(["export"], ctx) == export_json([])
    assert output(["export", "-f", "csv"], ctx) == export_csv([])
    assert json.loads(output(["history", "--json", "-n", "0"], ctx)) == {"sessions": []}


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(note=st.text(), where=st.none() | st.text(max_size=5))
def test_the_journal_writes_each_session_line_as_json_dumps_would(
    tmp_path_factory: pytest.TempPathFactory, note: str, where: str | None
) -> None:
    path = tmp_path_factory.mktemp("line") / "journal.sqlite3"
    with Journal.open(path) as journal:
        session = journal.begin_session(
            routine(), started_at=day(1), verdict="go", pain_before=None
        )
        journal.finish_session(
            session, ended_at=day(1), outcome="quit", actual_seconds=0, paused_seconds=0,
            pain_after=None, pain_where=where, note=note,
        )  # fmt: skip
        [line] = journal.session_json()
        [kept] = journal.sessions()
    assert line == json.dumps(session_data(kept), ensure_ascii=False, separators=(",", ":"))


# -- reading an export in pieces ------------------------------------------------------------


def pieces(text: str, sizes: list[int]) -> Iterator[str]:
    """``text`` cut into pieces of these sizes, over and over (the reader's ``read``)."""
    place = 0
    for size in itertools.cycle(sizes):
        yield text[place : place + size]
        if place >= len(text):
            return
        place += size


def read_in_pieces(text: str, sizes: list[int]) -> list[dict[str, Any]]:
    cut = pieces(text, sizes)
    kept: list[dict[str, Any]] = []
    check_export_stream(lambda _size: next(cut, ""), Path("x.json"), NOW, kept.append)
    return kept


def a_session(note: Any = None, **changes: Any) -> dict[str, Any]:
    session = {
        "id": str(uuid.uuid4()),
        "routine": "collar",
        "started_at": "2026-11-01T08:00:00+01:00",
        "ended_at": "2026-11-01T08:12:00+01:00",
        "outcome": "completed",
        "planned_seconds": 705,
        "actual_seconds": 1234567,
        "paused_seconds": 0,
        "pain_before": 10,
        "pain_after": None,
        "note": note,
        "steps": [
            {
                "index": 0,
                "technique": "stroking",
                "area": "neck-shoulders",
                "side": "both",
                "planned_seconds": 90,
                "seconds_done": 90,
                "completed": True,
                "skipped": False,
            }
        ],
    }
    session.update(changes)
    return session


@settings(max_examples=60, deadline=None)
@given(
    notes=st.lists(st.none() | st.text(), max_size=4),
    sizes=st.lists(st.integers(1, 40), min_size=1, max_size=5),
    indent=st.none() | st.integers(0, 3),
    ascii_only=st.booleans(),
)
def test_an_export_read_in_pieces_of_any_size_reads_as_json_loads_reads_it(
    notes: list[str | None], sizes: list[int], indent: int | None, ascii_only: bool
) -> None:
    sessions = [a_session(note) for note in notes]
    document = {"version": 1, "sessions": sessions, "format": "selfmassage-journal"}
    text = json.dumps(document, indent=indent, ensure_ascii=ascii_only)
    if any(n is not None and any("\ud800" <= c <= "\udfff" for c in n) for n in notes):
        with pytest.raises(InvalidFile):
            read_in_pieces(text, sizes)
        return
    assert read_in_pieces(text, sizes) == json.loads(text)["sessions"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n  ",
        '{"format": ',
        '{"format": "selfmassage-journal", "version": 1, "sessions": [{"id": 1},]}',
        '{"format": "selfmassage-journal", "version": 1, "sessions": [{"id": 1} {"id": 2}]}',
        '{"format": "selfmassage-journal"\n "version": 1}',
        '{"format" "selfmassage-journal"}',
        "{'format': 1}",
        '{"format": "selfmassage-journal", "version": 1, "sessions": []} []',
        '{"sessions": [\n{"note": "unterminated\n"}]}',
        '{"sessions": [\n\n{"pain_before": tru}]}',
        '{"sessions": [1, 2',
        "\ufeff{}",
        "[1, 2,]",
    ],
)
def test_bad_json_is_named_as_json_loads_names_it_at_its_line(text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    for sizes in ([1], [3, 7], [10_000]):
        with pytest.raises(InvalidFile) as found:
            read_in_pieces(text, sizes)
        assert found.value.problems[0] == (
            f"x.json: line {expected.value.lineno}: not valid JSON: {expected.value.msg}"
        )


def test_the_problems_of_a_file_come_in_the_order_json_loads_gave_them() -> None:
    text = json.dumps(
        {
            "sessions": [a_session(pain_before=99)],
            "extra": 1,
            "version": 1,
            "format": "selfmassage-journal",
        }
    )
    with pytest.raises(InvalidFile) as found:
        read_in_pieces(text, [5])
    assert [problem.split(": ", 2)[-1] for problem in found.value.problems] == [
        "'extra' is not an export field",
        "'pain_before' must be a whole number from 0 to 10 or null, not 99",
    ]


def test_sessions_that_are_not_a_list_are_named_whatever_came_before() -> None:
    text = (
        json.dumps(
            {"format": "selfmassage-journal", "version": 1, "sessions": [a_session(pain_before=99)]}
        )[:-1]
        + ', "sessions": 5}'
    )
    with pytest.raises(InvalidFile) as found:
        read_in_pieces(text, [64])
    assert found.value.problems == ["x.json: top level: 'sessions' must be a list, not 5"]


# -- importing: all or nothing ---------------------------------------------------------------


def export_file(path: Path, sessions: list[dict[str, Any]]) -> Path:
    document = {"format": "selfmassage-journal", "version": 1, "sessions": sessions}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def visible(path: Path) -> int:
    with sqlite3.connect(path) as db:
        count: int = db.execute(
            "SELECT COUNT(*) FROM sessions WHERE outcome IS NOT NULL"
        ).fetchone()[0]
    return count


def pending(path: Path) -> int:
    with sqlite3.connect(path) as db:
        count: int = db.execute(
            "SELECT COUNT(*) FROM sessions WHERE pending IS NOT NULL"
        ).fetchone()[0]
    return count


def test_a_bad_last_record_leaves_the_journal_byte_identical_and_unopened(tmp_path: Path) -> None:
    with Journal.open(home().journal_file) as journal:
        record(journal, day(1))
    sessions = [a_session() for _ in range(IMPORT_BATCH + 10)]
    sessions[-1]["outcome"] = "finished"
    file = export_file(tmp_path / "in.json", sessions)
    journal_file = home().journal_file
    before = (journal_file.read_bytes(), journal_file.stat().st_mtime_ns)
    result = runner.invoke(app, ["import", str(file)])
    assert result.exit_code == 2
    assert f"session {IMPORT_BATCH + 10} " in result.stderr
    assert (journal_file.read_bytes(), journal_file.stat().st_mtime_ns) == before
    # Not even opened for writing: SQLite leaves no -wal or -shm beside it.
    beside = {p.name for p in journal_file.parent.iterdir()}
    assert not beside & {"journal.sqlite3-wal", "journal.sqlite3-shm", "journal.sqlite3.import"}


def test_a_bad_import_into_no_journal_creates_none(tmp_path: Path) -> None:
    file = export_file(tmp_path / "in.json", [a_session(), a_session(outcome="finished")])
    result = runner.invoke(app, ["import", str(file)])
    assert result.exit_code == 2
    assert not home().journal_file.exists()


def test_an_import_shows_none_of_its_sessions_until_it_has_written_them_all(
    tmp_path: Path,
) -> None:
    path = home().journal_file
    seen_midway: list[int] = []

    def sessions() -> Iterator[dict[str, Any]]:
        for number in range(2 * IMPORT_BATCH + 5):
            if number == IMPORT_BATCH + 1:  # the first batch is committed by now
                with Journal.open(path) as other:
                    seen_midway.append(other.count())
                seen_midway.append(visible(path))
            yield a_session()

    with Journal.open(path) as journal:
        assert journal.add_sessions(sessions()) == (2 * IMPORT_BATCH + 5, 0)
    assert seen_midway == [0, 0]
    assert (visible(path), pending(path)) == (2 * IMPORT_BATCH + 5, 0)


def test_an_import_that_fails_midway_leaves_no_session_behind() -> None:
    path = home().journal_file

    def sessions() -> Iterator[dict[str, Any]]:
        for _ in range(IMPORT_BATCH + 5):
            yield a_session()
        raise SelfMassageError("the file changed")

    with Journal.open(path) as journal:
        record(journal, day(1))
        with pytest.raises(SelfMassageError):
            journal.add_sessions(sessions())
    assert (visible(path), pending(path)) == (1, 0)


def leave_pending(path: Path, count: int) -> None:
    """What a killed import leaves: sessions with a pending outcome, and their steps."""
    with sqlite3.connect(path) as db:
        for n in range(1000, 1000 + count):
            db.execute(
                "INSERT INTO sessions (n, id, routine, routine_title, content_hash, started_at, "
                "started_us, day, planned_seconds, pending, last_write_at) "
                "VALUES (?, ?, 'collar', 'Collar', '', '2026-11-01T08:00:00+01:00', 0, 0, 60, "
                "'completed', '2026-11-01T08:00:00+01:00')",
                (n, str(uuid.uuid4())),
            )
            db.execute(
                "INSERT INTO steps VALUES (?, 0, 'stroking', 'neck', 'both', 1, 1, 1, 0)", (n,)
            )


def test_the_next_open_removes_what_a_killed_import_left() -> None:
    path = home().journal_file
    with Journal.open(path) as journal:
        record(journal, day(1))
    leave_pending(path, IMPORT_BATCH + 3)
    Journal.open(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*), COUNT(outcome) FROM sessions").fetchone() == (1, 1)
        assert db.execute("SELECT COUNT(*) FROM steps").fetchone() == (2,)


def test_the_sessions_of_an_import_still_running_are_left_alone() -> None:
    path = home().journal_file
    Journal.open(path).close()
    leave_pending(path, 3)
    with (path.parent / "journal.sqlite3.import").open("wb") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)  # as the importing process holds it
        Journal.open(path).close()
        assert pending(path) == 3
    Journal.open(path).close()
    assert pending(path) == 0


def test_a_file_changed_after_the_check_adds_what_was_checked(tmp_path: Path) -> None:
    file = export_file(tmp_path / "in.json", [a_session(), a_session()])
    path = home().journal_file
    with checked_export(file, NOW) as records, Journal.open(path) as journal:
        with file.open("r+b") as handle:  # the same file, rewritten in place
            text = handle.read().replace(b'"pain_before": 10', b'"pain_before": 11')
            handle.seek(0)
            handle.write(text)
        assert journal.add_sessions(records) == (2, 0)
    with Journal.open(path) as journal:
        assert [s.pain_before for s in journal.sessions()] == [10, 10]


def test_a_file_broken_after_the_check_adds_what_was_checked(tmp_path: Path) -> None:
    file = export_file(tmp_path / "in.json", [a_session(), a_session()])
    path = home().journal_file
    with checked_export(file, NOW) as records, Journal.open(path) as journal:
        with file.open("r+b") as handle:
            handle.seek(-3, 2)
            handle.write(b"  ]")
        assert journal.add_sessions(records) == (2, 0)
    assert (visible(path), pending(path)) == (2, 0)


def test_an_import_again_after_a_failed_one_adds_everything(tmp_path: Path) -> None:
    sessions = [a_session() for _ in range(5)]
    path = home().journal_file
    with Journal.open(path) as journal:
        journal.add_sessions(sessions[:2])
    leave_pending(path, 2)  # and a killed import's leftovers
    file = export_file(tmp_path / "in.json", sessions)
    result = runner.invoke(app, ["import", str(file)])
    assert (
        result.stdout
        == f"Imported {file}: 3 session(s) added, 2 skipped (already in the journal).\n"
    )
    assert (visible(path), pending(path)) == (5, 0)


def test_imported_sessions_read_back_as_they_were_exported(tmp_path: Path) -> None:
    earlier = datetime(2026, 11, 1, 6, tzinfo=UTC) + timedelta(minutes=1)
    sessions = [a_session(note=AWKWARD, started_at=earlier.isoformat()), a_session()]
    file = export_file(tmp_path / "in.json", sessions)
    assert runner.invoke(app, ["import", str(file)]).exit_code == 0
    with Journal.open(home().journal_file) as journal:
        back = {s.id: session_data(s) for s in journal.sessions()}
    assert back[sessions[0]["id"]]["note"] == AWKWARD
    assert back[sessions[1]["id"]]["actual_seconds"] == 1234567


def test_ids_and_times_not_in_canonical_form_are_imported_in_it(tmp_path: Path) -> None:
    given = a_session(started_at="2026-11-01T07:00+00:00", ended_at="2026-11-01T07:12:00Z")
    given["id"] = given["id"].upper()
    file = export_file(tmp_path / "in.json", [a_session(), given])
    assert runner.invoke(app, ["import", str(file)]).exit_code == 0
    with Journal.open(home().journal_file) as journal:
        kept = journal.find(given["id"].lower())
    assert kept is not None
    assert (kept.started_at, kept.ended_at) == (
        "2026-11-01T07:00:00+00:00",
        "2026-11-01T07:12:00+00:00",
    )
