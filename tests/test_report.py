"""``selfmassage report``: every figure of the generated journal (``report_support``), its
HTML page, the period and routine filters, and the named errors that write nothing."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from journal_support import noon_on_november_21
from report_support import COLLAR_HASH, RELAX_HASH, write_export
from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.session.flow import PAIN_ADVICE

runner = CliRunner()

WEEKS = [
    # week, due, done, completed, shortened, stopped (report_support's docstring adds them up)
    ("2026-09-28", 5, 5, 5, 0, 0),
    ("2026-10-05", 7, 7, 7, 0, 0),
    ("2026-10-12", 1, 0, 0, 0, 0),
    ("2026-10-19", 6, 4, 3, 0, 1),
    ("2026-10-26", 8, 3, 1, 2, 0),
    ("2026-11-02", 6, 0, 0, 0, 0),
    ("2026-11-09", 7, 6, 5, 0, 1),
    ("2026-11-16", 5, 5, 5, 0, 0),
]
KEYS = ("week", "due", "done", "completed", "shortened", "stopped")


@pytest.fixture
def november_21(isolated_home: Path) -> Context:
    return noon_on_november_21(isolated_home)


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return write_export(tmp_path / "patient.json")


def _run(args: list[str], ctx: Context) -> tuple[int, str]:
    result = runner.invoke(app, args, obj=ctx)
    return result.exit_code, result.output


def _json(args: list[str], ctx: Context) -> dict[str, Any]:
    code, output = _run(["report", *args, "--json"], ctx)
    assert code == 0, output
    data: dict[str, Any] = json.loads(output)
    return data


def test_the_period_is_the_first_session_to_today(november_21: Context, export: Path) -> None:
    data = _json([str(export)], november_21)
    assert data["period"] == {"from": "2026-10-01", "to": "2026-11-21", "days": 52}
    assert (data["file"], data["patient"], data["routine"]) == (str(export), None, None)
    assert data["made_at"] == "2026-11-21T12:00:00+01:00"
    assert data["command"] == f"selfmassage report {export} --json"


def test_each_routine_and_fingerprint_is_a_prescription(november_21: Context, export: Path) -> None:
    assert _json([str(export)], november_21)["prescriptions"] == [
        {
            "routine": "collar",
            "title": "Collar zone",
            "fingerprint": COLLAR_HASH,
            "patient": None,
            "start": None,
            "first": "2026-10-01",
            "last": "2026-11-20",
            "sessions": 25,
            "course": {"sessions": 10, "frequency": "daily", "break_days": 10},
        },
        {
            "routine": "relaxation",
            "title": "Relaxation",
            "fingerprint": RELAX_HASH,
            "patient": None,
            "start": None,
            "first": "2026-10-04",
            "last": "2026-11-15",
            "sessions": 5,
            "course": {"sessions": 8, "frequency": "weekly", "break_days": 0},
        },
    ]


def test_sessions_are_counted_by_how_they_ended_and_paper_apart(
    november_21: Context, export: Path
) -> None:
    assert _json([str(export)], november_21)["sessions"] == {
        "total": 30,
        "completed": 26,
        "shortened": 2,
        "stopped": 2,
        "paper": 3,
    }


def test_adherence_counts_due_and_done_sessions_per_week(
    november_21: Context, export: Path
) -> None:
    adherence = _json([str(export)], november_21)["adherence"]
    assert (adherence["due"], adherence["done"], adherence["rate"]) == (45, 30, 0.667)
    assert adherence["weeks"] == [dict(zip(KEYS, week, strict=True)) for week in WEEKS]
    assert adherence["no_course"] == []


def test_the_break_after_a_whole_course_is_reported(november_21: Context, export: Path) -> None:
    assert _json([str(export)], november_21)["adherence"]["breaks"] == [
        {"routine": "collar", "from": "2026-10-11", "to": "2026-10-20", "days": 10}
    ]


def test_pain_counts_the_sessions_rated_before_and_after_and_their_means(
    november_21: Context, export: Path
) -> None:
    pain = _json([str(export)], november_21)["pain"]
    # 115 before and 77 after over 24 rated sessions.
    assert (pain["rated"], pain["mean_before"], pain["mean_after"], pain["mean_change"]) == (
        24,
        4.8,
        3.2,
        -1.6,
    )
    assert len(pain["sessions"]) == 24
    assert pain["sessions"][-1] == {
        "date": "2026-11-20",
        "routine": "collar",
        "before": 3,
        "after": 1,
    }
    assert pain["sessions"][-2] == {
        "date": "2026-11-19",
        "routine": "collar",
        "before": 5,
        "after": 3,
    }


def test_every_pain_stop_has_its_date_place_strength_and_advice(
    november_21: Context, export: Path
) -> None:
    assert _json([str(export)], november_21)["pain_stops"] == [
        {
            "date": "2026-10-22",
            "routine": "collar",
            "where": "left shoulder",
            "strength": 6,
            "symptoms": None,
            "advice": list(PAIN_ADVICE),
        },
        {
            "date": "2026-11-12",
            "routine": "collar",
            "where": "neck",
            "strength": 7,
            "symptoms": None,
            "advice": list(PAIN_ADVICE),
        },
    ]


def test_every_change_of_the_screening_verdict_is_reported(
    november_21: Context, export: Path
) -> None:
    assert _json([str(export)], november_21)["verdict_changes"] == [
        {"date": "2026-10-01", "routine": "collar", "from": None, "to": "clear"},
        {"date": "2026-10-11", "routine": "relaxation", "from": "clear", "to": "caution"},
        {"date": "2026-11-10", "routine": "collar", "from": "caution", "to": "clear"},
    ]


def test_notes_come_newest_first_with_their_paper_mark(november_21: Context, export: Path) -> None:
    assert _json([str(export)], november_21)["notes"] == [
        {"date": "2026-11-20", "routine": "collar", "paper": False, "note": "much better"},
        {"date": "2026-11-12", "routine": "collar", "paper": False, "note": "neck hurt"},
        {"date": "2026-10-25", "routine": "collar", "paper": True, "note": "did it from the sheet"},
        {
            "date": "2026-10-22",
            "routine": "collar",
            "paper": False,
            "note": "sharp pain at the shoulder",
        },
    ]


def test_the_own_journal_gives_the_same_figures_as_its_export(
    november_21: Context, export: Path
) -> None:
    assert _run(["import", str(export)], november_21)[0] == 0
    own = _json([], november_21)
    theirs = _json([str(export)], november_21)
    for data in (own, theirs):
        del data["file"], data["command"]
    assert own == theirs


def test_the_practice_header_comes_from_the_settings(november_21: Context, export: Path) -> None:
    november_21.paths.settings_file.parent.mkdir(parents=True)
    november_21.paths.settings_file.write_text(
        '[practice]\nname = "Riverside Physiotherapy"\nphone = "+1 555 0100"\n', encoding="utf-8"
    )
    data = _json([str(export)], november_21)
    assert data["practice"] == ["Riverside Physiotherapy", "+1 555 0100"]


def test_the_period_filter_keeps_the_figures_of_its_days(
    november_21: Context, export: Path
) -> None:
    data = _json([str(export), "--from", "2026-11-09", "--to", "2026-11-15"], november_21)
    assert data["period"] == {"from": "2026-11-09", "to": "2026-11-15", "days": 7}
    assert (data["adherence"]["due"], data["adherence"]["done"]) == (7, 6)
    assert data["adherence"]["weeks"] == [dict(zip(KEYS, WEEKS[6], strict=True))]
    assert data["sessions"]["total"] == 6
    assert [s["date"] for s in data["pain_stops"]] == ["2026-11-12"]
    assert data["verdict_changes"] == [
        {"date": "2026-11-10", "routine": "collar", "from": "caution", "to": "clear"}
    ]
    assert [n["note"] for n in data["notes"]] == ["neck hurt"]


def test_the_routine_filter_keeps_only_its_sessions(november_21: Context, export: Path) -> None:
    data = _json([str(export), "--routine", "relaxation"], november_21)
    assert data["period"]["from"] == "2026-10-04"
    assert [p["routine"] for p in data["prescriptions"]] == ["relaxation"]
    assert (data["adherence"]["due"], data["adherence"]["done"]) == (7, 5)
    assert data["sessions"] == {
        "total": 5,
        "completed": 4,
        "shortened": 1,
        "stopped": 0,
        "paper": 0,
    }
    assert data["pain"]["rated"] == 1
    assert data["pain_stops"] == []


def test_the_patient_option_names_the_patient(november_21: Context, export: Path) -> None:
    assert _json([str(export), "--patient", "Anna K."], november_21)["patient"] == "Anna K."


# -- the HTML page ---------------------------------------------------------------------------


@pytest.fixture
def page(november_21: Context, export: Path, tmp_path: Path) -> str:
    target = tmp_path / "report.html"
    code, output = _run(
        ["report", str(export), "--patient", "Anna <K.>", "-o", str(target)], november_21
    )
    assert code == 0, output
    return target.read_text(encoding="utf-8")


def _text(page: str) -> str:
    """The page's visible words, tags dropped and entities read."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_page_is_self_contained_without_scripts_or_links(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    for forbidden in ("<script", "http://", "https://", "<link", "<img", "@import", "url(http"):
        assert forbidden not in page


def test_the_page_names_the_patient_escaped_and_the_period(page: str) -> None:
    assert "Anna &lt;K.&gt;" in page
    assert "Period: 2026-10-01 to 2026-11-21" in _text(page)


def test_the_page_shows_the_prescriptions_with_title_fingerprint_and_start(page: str) -> None:
    text = _text(page)
    assert f"Collar zone (collar) {COLLAR_HASH} 2026-10-01 (first session)" in text
    assert f"Relaxation (relaxation) {RELAX_HASH} 2026-10-04 (first session)" in text


def test_the_page_gives_adherence_in_numbers_and_as_a_chart(page: str) -> None:
    text = _text(page)
    assert "30 of 45 due sessions done (67%) in 52 days" in text
    assert "26 completed, 2 shortened, 2 stopped for pain; 3 recorded from paper" in text
    assert "Due 5 7 1 6 8 6 7 5" in text
    assert "Done 5 7 0 4 3 0 6 5" in text
    assert "Breaks: collar: 2026-10-11 to 2026-10-20 (10 days)" in text
    assert 'aria-label="Sessions due and done per week"' in page
    assert page.count('fill="#000"/>') >= 6  # a solid bar for each week with a session done


def test_the_page_gives_the_pain_chart_and_the_mean_change(page: str) -> None:
    text = _text(page)
    assert "Mean change -1.6" in text
    assert "over 24 sessions rated before and after: 4.8 before, 3.2 after" in text
    assert 'aria-label="Pain before and after each rated session"' in page
    assert page.count("<polyline") == 2
    assert 'stroke-dasharray="5 3"' in page  # after is dashed: it reads in black and white


def test_the_page_lists_every_pain_stop_and_the_advice_shown(page: str) -> None:
    text = _text(page)
    assert "2026-11-12 collar neck 7/10 not known A" in text
    assert "2026-10-22 collar left shoulder 6/10 not known A" in text
    assert "Advice A: " + " ".join(PAIN_ADVICE) in text


def test_the_page_lists_the_verdict_changes_and_the_notes_newest_first(page: str) -> None:
    text = _text(page)
    assert "2026-11-10 (collar): caution → clear" in text
    assert "2026-10-01 (collar): first recorded → clear" in text
    notes = [text.index(n) for n in ("much better", "neck hurt", "did it from the sheet")]
    assert notes == sorted(notes)
    assert "2026-10-25 (collar, paper): did it from the sheet" in text


def test_the_footer_says_how_and_when_it_was_made_and_that_it_is_no_diagnosis(
    page: str, export: Path
) -> None:
    text = _text(page)
    assert f"Made with selfmassage report {export} --patient 'Anna <K.>' -o" in text
    assert "on 2026-11-21 at 12:00" in text
    assert "it is not a diagnosis" in text


def test_without_output_the_page_goes_to_standard_output(
    november_21: Context, export: Path
) -> None:
    code, output = _run(["report", str(export)], november_21)
    assert code == 0
    assert output.startswith("<!DOCTYPE html>")


def test_the_written_report_is_readable_by_its_owner_only(
    november_21: Context, export: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    _run(["report", str(export), "-o", str(target)], november_21)
    assert target.stat().st_mode & 0o777 == 0o600


# -- errors: named, exit 2, nothing written ---------------------------------------------------


def test_a_bad_export_is_the_import_error_and_writes_nothing(
    november_21: Context, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    document = json.loads(write_export(tmp_path / "good.json").read_text(encoding="utf-8"))
    document["sessions"][3]["pain_after"] = 12
    bad.write_text(json.dumps(document), encoding="utf-8")
    target = tmp_path / "report.html"
    code, output = _run(["report", str(bad), "-o", str(target)], november_21)
    assert code == 2
    assert "session 4" in output
    assert "'pain_after' must be a whole number from 0 to 10 or null, not 12" in output
    assert "Nothing was imported." in output
    assert not target.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-11-10", "--to", "2026-11-01"], "the period ends (2026-11-01) before"),
        (["--from", "last week"], "--from must be a date like 2026-11-21, not 'last week'"),
        (["--routine", "lumbar"], "no sessions of 'lumbar' to report"),
        (["-o", "report.txt"], "--output must end in .html or .pdf, not 'report.txt'"),
        (["--paper", "a5"], "--paper must be one of a4, letter, not 'a5'"),
    ],
)
def test_bad_options_are_named_errors(
    november_21: Context, export: Path, args: list[str], message: str
) -> None:
    code, output = _run(["report", str(export), *args], november_21)
    assert code == 2
    assert output.startswith(f"selfmassage: error: {message}")


def test_an_empty_journal_has_nothing_to_report(november_21: Context) -> None:
    code, output = _run(["report"], november_21)
    assert (code, output) == (
        2,
        "selfmassage: error: no sessions to report: the journal has none\n",
    )


def test_an_existing_report_is_not_replaced_without_force(
    november_21: Context, export: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    target.write_text("keep", encoding="utf-8")
    code, _ = _run(["report", str(export), "-o", str(target)], november_21)
    assert (code, target.read_text(encoding="utf-8")) == (2, "keep")
    assert _run(["report", str(export), "-o", str(target), "--force"], november_21)[0] == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_stats_gives_the_adherence_line_of_the_last_14_days(
    november_21: Context, export: Path
) -> None:
    _run(["import", str(export)], november_21)
    lines = _run(["stats"], november_21)[1].splitlines()
    # 8-21 November: collar 11 due (10-20), 10 done; relaxation 2 due (8, 15), 1 done.
    assert "Adherence: 11 of 13 due sessions done in 14 days" in lines


def test_the_own_report_shows_the_doctor_clearances_an_export_cannot(
    november_21: Context, export: Path
) -> None:
    # clinical.md §1b: a clearance counts as caution; the therapist should see it.
    from datetime import date, datetime

    from selfmassage.screening.saved import DoctorClearance, SavedScreening, save_screening

    now = datetime(2026, 11, 21, 9, 0).astimezone()
    clearance = DoctorClearance("c1", "night-pain", date(2026, 11, 16), date(2027, 5, 1), "Dr K")
    save_screening(
        SavedScreening({}, "caution", now, now, clearances=(clearance,)),
        november_21.paths.screening_file,
    )
    assert _run(["import", str(export)], november_21)[0] == 0
    own = _json([], november_21)
    (line,) = own["clearances"]
    assert "(2026-11-16, until 2027-05-01)" in line
    assert "Note: Dr K" in line
    assert _json([str(export)], november_21)["clearances"] == []
    code, page = _run(["report"], november_21)
    assert code == 0
    assert "<h2>Doctor clearances</h2>" in page
    assert "until 2027-05-01" in page
