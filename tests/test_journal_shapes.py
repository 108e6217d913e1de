"""The journal's output shapes, pinned byte for byte: export JSON and CSV, history and stats JSON.

Users keep exports as backups and feed ``--json`` to their own scripts, so these
texts never change shape: the expected texts below were taken from the journal
before its read side became frozen records, and must stay exactly so.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from string import Template

import pytest
from typer.testing import CliRunner

from homekit import home
from journal_support import day, noon_on_november_21, record, routine
from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.journal.records import StepRecord
from selfmassage.journal.store import Journal, content_hash
from selfmassage.journal.view import history_json

runner = CliRunner()
IMPORTED_ID = "0b7e3f0e-8c55-4a3e-9a51-1b2f3c4d5e6f"
RETIRED_ID = "5d1c0f4e-2b7a-4c1e-8f3d-9a0b1c2d3e4f"

# Taken from `selfmassage export` (and `-f csv`); $names stand for ids and content hashes.
EXPORT_JSON = Template(
    '{"format":"selfmassage-journal","version":1,"sessions":[\n'
    '{"id":"5d1c0f4e-2b7a-4c1e-8f3d-9a0b1c2d3e4f","routine":"retired",'
    '"routine_title":"retired","content_hash":"","started_at":"2026-10-02T09:00:00+02:00",'
    '"ended_at":"2026-10-02T09:05:00+02:00","planned_seconds":300,"actual_seconds":300,'
    '"paused_seconds":0,"outcome":"completed","pain_before":2,"pain_after":1,'
    '"pain_where":null,"note":null,"verdict":null,"source":"timer",'
    '"steps":[]},\n'
    '{"id":"0b7e3f0e-8c55-4a3e-9a51-1b2f3c4d5e6f","routine":"relaxation",'
    '"routine_title":"relaxation","content_hash":"",'
    '"started_at":"2026-11-18T21:30:00-05:00","ended_at":"2026-11-18T21:45:00-05:00",'
    '"planned_seconds":900,"actual_seconds":400,"paused_seconds":0,"outcome":"interrupted",'
    '"pain_before":null,"pain_after":null,"pain_where":null,"note":null,"verdict":null,'
    '"source":"timer","steps":[]},\n'
    '{"id":"$collar","routine":"collar","routine_title":"Collar zone",'
    '"content_hash":"$collar_hash","started_at":"2026-11-19T08:00:00+01:00",'
    '"ended_at":"2026-11-19T08:10:00+01:00","planned_seconds":705,"actual_seconds":60,'
    '"paused_seconds":15,"outcome":"completed","pain_before":5,"pain_after":3,'
    '"pain_where":null,"note":"felt \\"good\\" — ok","verdict":"go","source":"timer",'
    '"steps":[{"index":0,'
    '"technique":"stroking","area":"neck-shoulders","side":"both","planned_seconds":30,'
    '"seconds_done":30,"completed":true,"skipped":false},{"index":1,"technique":"stroking",'
    '"area":"neck-shoulders","side":"both","planned_seconds":30,"seconds_done":30,'
    '"completed":true,"skipped":false}]},\n'
    '{"id":"$lumbar","routine":"lumbar","routine_title":"Lower back",'
    '"content_hash":"$lumbar_hash","started_at":"2026-11-20T08:00:00+01:00",'
    '"ended_at":"2026-11-20T08:10:00+01:00","planned_seconds":510,"actual_seconds":60,'
    '"paused_seconds":15,"outcome":"quit","pain_before":5,"pain_after":null,'
    '"pain_where":null,"note":null,"verdict":"go","source":"timer",'
    '"steps":[{"index":0,'
    '"technique":"stroking","area":"neck-shoulders","side":"both","planned_seconds":30,'
    '"seconds_done":30,"completed":true,"skipped":false},{"index":1,"technique":"stroking",'
    '"area":"neck-shoulders","side":"both","planned_seconds":30,"seconds_done":30,'
    '"completed":true,"skipped":false}]},\n'
    '{"id":"$stopped","routine":"collar","routine_title":"Collar zone",'
    '"content_hash":"$collar_hash","started_at":"2026-11-21T07:00:00+01:00",'
    '"ended_at":"2026-11-21T07:03:00+01:00","planned_seconds":705,"actual_seconds":31,'
    '"paused_seconds":0,"outcome":"stopped_for_pain","pain_before":4,"pain_after":7,'
    '"pain_where":"=left shoulder","note":"sharp,\\nthen dull","verdict":"caution",'
    '"source":"timer","steps":[{"index":0,"technique":"stroking","area":"neck-shoulders","side":"both",'
    '"planned_seconds":30,"seconds_done":30,"completed":true,"skipped":false},{"index":1,'
    '"technique":"kneading","area":"neck-shoulders","side":"left","planned_seconds":45,'
    '"seconds_done":0,"completed":false,"skipped":true}]}\n'
    "]}\n"
)
EXPORT_CSV = Template(
    "id,routine,routine_title,content_hash,started_at,ended_at,planned_seconds,"
    "actual_seconds,paused_seconds,outcome,pain_before,pain_after,pain_where,note,verdict,"
    "steps,steps_completed,steps_skipped,source\n"
    "5d1c0f4e-2b7a-4c1e-8f3d-9a0b1c2d3e4f,retired,retired,,2026-10-02T09:00:00+02:00,"
    "2026-10-02T09:05:00+02:00,300,300,0,completed,2,1,,,,0,0,0,timer\n"
    "0b7e3f0e-8c55-4a3e-9a51-1b2f3c4d5e6f,relaxation,relaxation,,2026-11-18T21:30:00-05:00,"
    "2026-11-18T21:45:00-05:00,900,400,0,interrupted,,,,,,0,0,0,timer\n"
    "$collar,collar,Collar zone,$collar_hash,2026-11-19T08:00:00+01:00,"
    '2026-11-19T08:10:00+01:00,705,60,15,completed,5,3,,"felt ""good"" — ok",go,2,2,0,timer\n'
    "$lumbar,lumbar,Lower back,$lumbar_hash,2026-11-20T08:00:00+01:00,"
    "2026-11-20T08:10:00+01:00,510,60,15,quit,5,,,,go,2,2,0,timer\n"
    "$stopped,collar,Collar zone,$collar_hash,2026-11-21T07:00:00+01:00,"
    "2026-11-21T07:03:00+01:00,705,31,0,stopped_for_pain,4,7,'=left shoulder,\"sharp,\n"
    'then dull",caution,2,1,1,timer\n'
)
STATS_TEXT = (
    "Sessions and minutes by routine\n"
    "              last 7 days  last 30 days   all time\n"
    "  collar        2 · 2 min     2 · 2 min  2 · 2 min\n"
    "  lumbar        1 · 1 min     1 · 1 min  1 · 1 min\n"
    "  relaxation    1 · 7 min     1 · 7 min  1 · 7 min\n"
    "  retired       0 · 0 min     0 · 0 min  1 · 5 min\n"
    "\n"
    "Streak: 0 days in a row with a completed session (longest 1)\n"
    "Completed: 2 of 5 sessions (40%)\n"
    "Adherence: 4 of 5 due sessions done in 14 days\n"
    "\n"
    "Courses\n"
    "  collar: session 2 of 10, daily — next due today; after session 10, a 10-day break\n"
    "    break: Mon 2026-11-30 to Wed 2026-12-09, if each session is done when due\n"
    "  lumbar: session 1 of 10, daily — next due today; after session 10, a 10-day break\n"
    "    break: Tue 2026-12-01 to Thu 2026-12-10, if each session is done when due\n"
    "  relaxation: session 1 of 8, weekly — next due today\n"
    "  retired: no longer among your routines\n"
    "\n"
    "Pain 0-10, average over 3 sessions rated before and after: 3.7 before → 3.7 after\n"
    "  last 5 sessions, oldest first (blank: not rated)\n"
    "  before │▂ ▅▅▄│\n"
    "  after  │▂ ▃ ▆│\n"
)
STATS_JSON = {
    "sessions": 5,
    "completed": 2,
    "completion_rate": 0.4,
    "minutes": 14.2,
    "routines": [
        {
            "routine": "collar",
            "last_7_days": {"sessions": 2, "minutes": 1.5},
            "last_30_days": {"sessions": 2, "minutes": 1.5},
            "all_time": {"sessions": 2, "minutes": 1.5},
        },
        {
            "routine": "lumbar",
            "last_7_days": {"sessions": 1, "minutes": 1.0},
            "last_30_days": {"sessions": 1, "minutes": 1.0},
            "all_time": {"sessions": 1, "minutes": 1.0},
        },
        {
            "routine": "relaxation",
            "last_7_days": {"sessions": 1, "minutes": 6.7},
            "last_30_days": {"sessions": 1, "minutes": 6.7},
            "all_time": {"sessions": 1, "minutes": 6.7},
        },
        {
            "routine": "retired",
            "last_7_days": {"sessions": 0, "minutes": 0.0},
            "last_30_days": {"sessions": 0, "minutes": 0.0},
            "all_time": {"sessions": 1, "minutes": 5.0},
        },
    ],
    "streak": {"current": 0, "longest": 1},
    "pain": {
        "rated_sessions": 3,
        "average_before": 3.7,
        "average_after": 3.7,
        "last_30": [
            {"started_at": "2026-10-02T09:00:00+02:00", "before": 2, "after": 1},
            {"started_at": "2026-11-18T21:30:00-05:00", "before": None, "after": None},
            {"started_at": "2026-11-19T08:00:00+01:00", "before": 5, "after": 3},
            {"started_at": "2026-11-20T08:00:00+01:00", "before": 5, "after": None},
            {"started_at": "2026-11-21T07:00:00+01:00", "before": 4, "after": 7},
        ],
    },
    "courses": [
        {
            "routine": "collar",
            "status": (
                "collar: session 2 of 10, daily — next due today; after session 10, a 10-day break"
            ),
            "done": 1,
            "sessions": 10,
            "next_due": "2026-11-21",
            "on_break": False,
            "break": {"start": "2026-11-30", "end": "2026-12-09"},
        },
        {
            "routine": "lumbar",
            "status": (
                "lumbar: session 1 of 10, daily — next due today; after session 10, a 10-day break"
            ),
            "done": 0,
            "sessions": 10,
            "next_due": "2026-11-21",
            "on_break": False,
            "break": {"start": "2026-12-01", "end": "2026-12-10"},
        },
        {
            "routine": "relaxation",
            "status": "relaxation: session 1 of 8, weekly — next due today",
            "done": 0,
            "sessions": 8,
            "next_due": "2026-11-21",
            "on_break": False,
        },
        {"routine": "retired", "status": "retired: no longer among your routines"},
    ],
    # Issue 14: due sessions of the last 14 days (collar missed 20 November).
    "adherence": {"days": 14, "due": 5, "done": 4},
}


@pytest.fixture
def november_21(isolated_home: Path) -> Context:
    """The run's context at noon on 21 November 2026, over the test's home."""
    return noon_on_november_21(isolated_home)


@pytest.fixture
def small_journal(tmp_path: Path, november_21: Context) -> dict[str, str]:
    """Five sessions, recorded and imported, with every kind of value; the texts' placeholders."""
    with Journal.open(home().journal_file) as journal:
        collar = record(journal, day(19), note='felt "good" — ok')
        lumbar = record(journal, day(20), name="lumbar", outcome="quit", pain_after=None)
        stopped = journal.begin_session(
            routine(), started_at=day(21, 7), verdict="caution", pain_before=4
        )
        journal.record_step(
            stopped, StepRecord(0, "stroking", "neck-shoulders", "both", 30, 30, True, False)
        )
        journal.record_step(
            stopped, StepRecord(1, "kneading", "neck-shoulders", "left", 45, 0, False, True)
        )
        journal.finish_session(
            stopped,
            ended_at=day(21, 7) + timedelta(minutes=3),
            outcome="stopped_for_pain",
            actual_seconds=31,
            paused_seconds=0,
            pain_after=7,
            pain_where="=left shoulder",
            note="sharp,\nthen dull",
        )
    backup = tmp_path / "imported.json"
    backup.write_text(
        json.dumps(
            {
                "format": "selfmassage-journal",
                "version": 1,
                "sessions": [
                    {
                        "id": IMPORTED_ID.upper(),
                        "routine": "relaxation",
                        "started_at": "2026-11-18T21:30:00-05:00",
                        "ended_at": "2026-11-18T21:45:00-05:00",
                        "outcome": "interrupted",
                        "planned_seconds": 900,
                        "actual_seconds": 400,
                        "paused_seconds": 0,
                        "pain_before": None,
                        "pain_after": None,
                        "steps": [],
                    },
                    {
                        "id": RETIRED_ID,
                        "routine": "retired",
                        "started_at": "2026-10-02T09:00:00+02:00",
                        "ended_at": "2026-10-02T09:05:00+02:00",
                        "outcome": "completed",
                        "planned_seconds": 300,
                        "actual_seconds": 300,
                        "paused_seconds": 0,
                        "pain_before": 2,
                        "pain_after": 1,
                        "steps": [],
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    _output(["import", str(backup)], november_21)
    return {
        "collar": collar,
        "lumbar": lumbar,
        "stopped": stopped,
        "collar_hash": content_hash(routine("collar")),
        "lumbar_hash": content_hash(routine("lumbar")),
    }


def _output(args: list[str], ctx: Context) -> str:
    result = runner.invoke(app, args, obj=ctx)
    assert result.exit_code == 0, result.output
    return result.output


def test_export_json_is_byte_for_byte_the_pinned_document(
    small_journal: dict[str, str], november_21: Context
) -> None:
    assert _output(["export"], november_21) == EXPORT_JSON.substitute(small_journal)


def test_export_csv_is_byte_for_byte_the_pinned_table(
    small_journal: dict[str, str], november_21: Context
) -> None:
    output = _output(["export", "--format", "csv"], november_21)
    assert output == EXPORT_CSV.substitute(small_journal)


def test_history_json_is_the_export_records_newest_first_one_a_line_off_a_terminal(
    small_journal: dict[str, str], november_21: Context
) -> None:
    exported = EXPORT_JSON.substitute(small_journal).splitlines()[1:-1]
    lines = [line.removesuffix(",") for line in exported][::-1]
    expected = '{"sessions":[\n' + ",\n".join(lines) + "\n]}\n"
    assert _output(["history", "--json"], november_21) == expected


def test_history_json_on_a_terminal_is_the_export_records_newest_first_indented(
    small_journal: dict[str, str],
) -> None:
    exported = EXPORT_JSON.substitute(small_journal).splitlines()[1:-1]
    lines = [line.removesuffix(",") for line in exported][::-1]
    sessions = json.loads(EXPORT_JSON.substitute(small_journal))["sessions"][::-1]
    expected = json.dumps({"sessions": sessions}, ensure_ascii=False, indent=2) + "\n"
    assert "".join(history_json(lines, pretty=True)) == expected


def test_history_json_of_no_session_on_a_terminal_is_indented_as_ever() -> None:
    expected = json.dumps({"sessions": []}, indent=2) + "\n"
    assert "".join(history_json([], pretty=True)) == expected


@pytest.mark.usefixtures("small_journal")
def test_stats_json_is_byte_for_byte_the_pinned_document(november_21: Context) -> None:
    expected = json.dumps(STATS_JSON, ensure_ascii=False, indent=2) + "\n"
    assert _output(["stats", "--json"], november_21) == expected


@pytest.mark.usefixtures("small_journal")
def test_stats_text_is_byte_for_byte_the_pinned_text(november_21: Context) -> None:
    assert _output(["stats"], november_21) == STATS_TEXT
