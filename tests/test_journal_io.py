"""Export and import: the user's backup must come back exactly, and bad files change nothing."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from homekit import home
from journal_support import day, record, routine
from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.journal.exchange import export_csv, export_json, parse_export
from selfmassage.journal.records import StepRecord
from selfmassage.journal.store import OUTCOMES, Journal
from selfmassage.paths import Paths

runner = CliRunner()


def _export(tmp_path: Path, name: str, ctx: Context | None = None) -> Path:
    """Export the journal of ``ctx`` (by default the test's home) to ``name``."""
    target = tmp_path / name
    result = runner.invoke(app, ["export", "-o", str(target)], obj=ctx)
    assert result.exit_code == 0, result.output
    return target


def test_export_then_import_then_export_is_identical(tmp_path: Path) -> None:
    with Journal.open(home().journal_file) as journal:
        record(journal, day(1), note="felt good")
        record(journal, day(2), name="lumbar", outcome="quit", pain_after=None)
        record(journal, day(3), name="relaxation", outcome="stopped_for_pain", steps=0)
    first = _export(tmp_path, "first.json")
    new_machine = Context(paths=Paths.under(tmp_path / "new-machine"))
    result = runner.invoke(app, ["import", str(first)], obj=new_machine)
    assert result.exit_code == 0, result.output
    second = _export(tmp_path, "second.json", new_machine)
    assert second.read_bytes() == first.read_bytes()


def test_import_skips_sessions_already_in_the_journal(tmp_path: Path) -> None:
    with Journal.open(home().journal_file) as journal:
        record(journal, day(1))
        record(journal, day(2))
    backup = _export(tmp_path, "backup.json")
    with Journal.open(home().journal_file) as journal:
        record(journal, day(3))
    result = runner.invoke(app, ["import", str(backup)])
    assert result.exit_code == 0
    assert result.output == (
        f"Imported {backup}: 0 session(s) added, 2 skipped (already in the journal).\n"
    )
    with Journal.open(home().journal_file) as journal:
        assert journal.count() == 3


def test_import_reports_counts_added_and_skipped(tmp_path: Path) -> None:
    with Journal.open(home().journal_file) as journal:
        record(journal, day(1))
        record(journal, day(2))
    backup = _export(tmp_path, "backup.json")
    other = Context(paths=Paths.under(tmp_path / "other"))
    with other.journal() as journal:
        journal.add_sessions(parse_export(backup.read_text(), backup)[:1])
    result = runner.invoke(app, ["import", str(backup)], obj=other)
    assert result.output == (
        f"Imported {backup}: 1 session(s) added, 1 skipped (already in the journal).\n"
    )


def _document(*sessions: dict[str, Any]) -> dict[str, Any]:
    return {"format": "selfmassage-journal", "version": 1, "sessions": list(sessions)}


def _session(**changes: Any) -> dict[str, Any]:
    session: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "routine": "collar",
        "started_at": "2026-11-01T08:00:00+01:00",
        "ended_at": "2026-11-01T08:12:00+01:00",
        "outcome": "completed",
        "planned_seconds": 705,
        "actual_seconds": 700,
        "paused_seconds": 0,
        "pain_before": 4,
        "pain_after": 2,
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


def _import(tmp_path: Path, document: Any) -> tuple[Path, Any]:
    path = tmp_path / "import.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path, runner.invoke(app, ["import", str(path)])


def test_a_minimal_session_with_only_the_required_fields_imports(tmp_path: Path) -> None:
    _, result = _import(tmp_path, _document(_session()))
    assert result.exit_code == 0
    with Journal.open(home().journal_file) as journal:
        [saved] = journal.sessions()
    assert (saved.routine_title, saved.content_hash, saved.note) == ("collar", "", None)


def test_one_bad_record_imports_nothing_and_names_the_record_and_field(tmp_path: Path) -> None:
    good = _session()
    bad = _session(id="0b7e3f0e-8c55-4a3e-9a51-1b2f3c4d5e6f", pain_after=11)
    path, result = _import(tmp_path, _document(good, bad))
    assert result.exit_code == 2
    assert result.output == (
        f"selfmassage: error: {path}: session 2 (id 0b7e3f0e-8c55-4a3e-9a51-1b2f3c4d5e6f): "
        "'pain_after' must be a whole number from 0 to 10 or null, not 11\n"
        "  Nothing was imported.\n"
    )
    with Journal.open(home().journal_file) as journal:
        assert journal.count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": "7"}, "'id' must be a UUID, not \"7\""),
        ({"routine": "Bad Name"}, "'routine' must be a routine id, not \"Bad Name\""),
        (
            {"started_at": "2026-11-01T08:00:00"},
            "'started_at' must include a UTC offset (like +01:00), not '2026-11-01T08:00:00'",
        ),
        (
            {"ended_at": "yesterday"},
            "'ended_at' must be an ISO 8601 date and time, not \"yesterday\"",
        ),
        ({"ended_at": "2026-11-01T07:00:00+01:00"}, "'ended_at' is before 'started_at'"),
        (
            {"outcome": "finished"},
            "'outcome' must be one of completed, stopped_for_pain, quit, interrupted, "
            'not "finished"',
        ),
        (
            {"actual_seconds": 12.5},
            "'actual_seconds' must be a whole number of seconds (0 or more), not 12.5",
        ),
        (
            {"planned_seconds": 10**30},
            "'planned_seconds' must be a whole number of seconds (0 or more), "
            "not 1000000000000000000000000000000",
        ),
        (
            {"steps": [{**_session()["steps"][0], "seconds_done": 2**63}]},
            "'steps[0].seconds_done' must be a whole number of seconds (0 or more)",
        ),
        (
            {"pain_before": True},
            "'pain_before' must be a whole number from 0 to 10 or null, not true",
        ),
        ({"note": 5}, "'note' must be text or null, not 5"),
        ({"mood": "fine"}, "'mood' is not a session field"),
        ({"steps": "all"}, "'steps' must be a list, not \"all\""),
        ({"steps": [{"index": 0}]}, "'steps[0].area' is missing"),
        (
            {"steps": [_session()["steps"][0], _session()["steps"][0]]},
            "'steps[1].index' 0 appears twice",
        ),
        (
            {"steps": [{**_session()["steps"][0], "completed": 1}]},
            "'steps[0].completed' must be true or false",
        ),
    ],
)
def test_each_bad_field_is_named(tmp_path: Path, changes: dict[str, Any], message: str) -> None:
    session = _session(**changes)
    path, result = _import(tmp_path, _document(session))
    assert result.exit_code == 2
    first_line = result.output.splitlines()[0]
    assert first_line == f"selfmassage: error: {path}: session 1 (id {session['id']}): {message}"


def test_a_missing_field_is_named(tmp_path: Path) -> None:
    session = _session()
    del session["outcome"]
    path, result = _import(tmp_path, _document(session))
    assert result.output.splitlines()[0] == (
        f"selfmassage: error: {path}: session 1 (id {session['id']}): 'outcome' is missing"
    )


def test_the_same_id_twice_in_one_file_is_refused(tmp_path: Path) -> None:
    session = _session()
    path, result = _import(tmp_path, _document(session, dict(session)))
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == (
        f"selfmassage: error: {path}: session 2 (id {session['id']}): "
        "'id' is the same as session 1's"
    )


def test_a_file_that_is_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": ', encoding="utf-8")
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 2
    assert result.output == (
        f"selfmassage: error: {path}: line 1: not valid JSON: Expecting value\n"
        "  Nothing was imported.\n"
    )


def test_json_nested_too_deeply_to_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 2
    assert result.output == (
        f"selfmassage: error: {path}: top level: not valid JSON: nested too deeply\n"
        "  Nothing was imported.\n"
    )


def test_a_json_file_that_is_not_an_export_is_refused(tmp_path: Path) -> None:
    path, result = _import(tmp_path, [1, 2])
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == (
        f"selfmassage: error: {path}: top level: not a selfmassage journal export "
        '(no "format": "selfmassage-journal")'
    )


def test_an_export_from_a_newer_selfmassage_is_refused(tmp_path: Path) -> None:
    document = _document(_session())
    document["version"] = 2
    path, result = _import(tmp_path, document)
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == (
        f"selfmassage: error: {path}: top level: export version 2 was written by a newer "
        "selfmassage (this one reads version 1)"
    )


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    assert result.output == f"selfmassage: error: no file {tmp_path / 'nope.json'}\n"


def test_many_problems_are_listed_up_to_twenty(tmp_path: Path) -> None:
    sessions = [_session(pain_before=99) for _ in range(25)]
    _, result = _import(tmp_path, _document(*sessions))
    lines = result.output.splitlines()
    assert len(lines) == 22
    assert lines[-2] == "  ... and 5 more problems"


# -- CSV -------------------------------------------------------------------------------------


def test_csv_has_a_header_and_one_row_per_session_with_steps_summarised() -> None:
    with Journal.open(home().journal_file) as journal:
        first = record(journal, day(1), steps=3)
        record(journal, day(2), note='=HYPERLINK("http://x")')
        sessions = journal.sessions(newest_first=False)
    lines = export_csv(sessions).splitlines()
    assert lines[0] == (
        "id,routine,routine_title,content_hash,started_at,ended_at,planned_seconds,"
        "actual_seconds,paused_seconds,outcome,pain_before,pain_after,pain_where,note,verdict,"
        "steps,steps_completed,steps_skipped,source"
    )
    assert len(lines) == 3
    assert lines[1].startswith(f"{first},collar,Collar zone,sha256:")
    assert lines[1].endswith(",completed,5,3,,,go,3,3,0,timer")
    # A note that looks like a formula is not run by a spreadsheet.
    assert ',"\'=HYPERLINK(""http://x"")",go,' in lines[2]


def test_an_empty_journal_exports_an_empty_document() -> None:
    assert json.loads(export_json([])) == {
        "format": "selfmassage-journal",
        "version": 1,
        "sessions": [],
    }


# -- property: anything recorded comes back -----------------------------------------------

step_records = st.builds(
    StepRecord,
    index=st.integers(0, 40),
    technique=st.sampled_from(["stroking", "kneading", "rest"]),
    area=st.sampled_from(["neck-shoulders", "lower-back"]),
    side=st.sampled_from(["both", "left", "right"]),
    planned_seconds=st.integers(0, 600),
    seconds_done=st.integers(0, 600),
    completed=st.booleans(),
    skipped=st.booleans(),
)
pain = st.none() | st.integers(0, 10)
text = st.none() | st.text(max_size=30)
sessions_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "routine": st.sampled_from(["collar", "lumbar", "relaxation"]),
            "start": st.datetimes(
                min_value=datetime(2000, 1, 1),
                max_value=datetime(2099, 1, 1),
                timezones=st.sampled_from(
                    [
                        UTC,
                        timezone(timedelta(hours=5, minutes=30)),
                        timezone(timedelta(hours=-8)),
                    ]
                ),
            ),
            "minutes": st.integers(0, 90),
            "steps": st.lists(step_records, max_size=5, unique_by=lambda s: s.index),
            "outcome": st.sampled_from(OUTCOMES),
            "pain_before": pain,
            "pain_after": pain,
            "pain_where": text,
            "note": text,
            "verdict": st.none() | st.sampled_from(["go", "caution"]),
            "actual": st.integers(0, 5000),
            "paused": st.integers(0, 5000),
        }
    ),
    max_size=6,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(recorded=sessions_strategy)
def test_any_recorded_sessions_export_to_json_that_imports_back_equal(
    recorded: list[dict[str, Any]], tmp_path: Path
) -> None:
    folder = tmp_path / str(uuid.uuid4())
    with Journal.open(folder / "a.sqlite3") as journal:
        for item in recorded:
            session = journal.begin_session(
                routine(item["routine"]),
                started_at=item["start"],
                verdict=item["verdict"],
                pain_before=item["pain_before"],
            )
            for step in item["steps"]:
                journal.record_step(session, step)
            journal.finish_session(
                session,
                ended_at=item["start"] + timedelta(minutes=item["minutes"]),
                outcome=item["outcome"],
                actual_seconds=item["actual"],
                paused_seconds=item["paused"],
                pain_after=item["pain_after"],
                pain_where=item["pain_where"],
                note=item["note"],
            )
        original = journal.sessions(newest_first=False)
    exported = export_json(original)
    with Journal.open(folder / "b.sqlite3") as journal:
        # Recorded up to 2099: the import's "now" is after them all.
        now = datetime(2099, 1, 2, tzinfo=UTC)
        added, skipped = journal.add_sessions(parse_export(exported, folder / "x.json", now))
        restored = journal.sessions(newest_first=False)
    assert (added, skipped) == (len(recorded), 0)
    assert restored == original
    assert export_json(restored) == exported
