"""One prescription in every handout format: the same content, laid out for paper.

The PDF and the HTML printed by the real browser are in ``test_handout_pdf.py``.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.files.settings import Practice
from selfmassage.handout.build import Handout, build_handout, on_paper
from selfmassage.handout.formats import format_for, render
from selfmassage.paths import Paths
from selfmassage.prescription.build import Changes, prescribe_routine
from selfmassage.routines.catalog import load_catalog
from sessionkit import FakeClock

runner = CliRunner()
DAY = date(2026, 11, 21)
PRACTICE = Practice(
    name="Riverside Physiotherapy",
    therapist="Dr Maria Weber",
    address="12 River Street, Springfield",
    phone="+1 555 0100",
    email="desk@riverside.example",
    web="riverside.example",
)


def prescribed() -> Handout:
    routine = prescribe_routine(
        load_catalog().find("collar"),
        Changes(skip=(3,), seconds=((4, 120),), sessions=12, notes="Gently in the first week."),
        patient="Anna Kowalska",
        written=DAY,
        start=date(2026, 11, 23),
        version=2,
        therapist="Dr Maria Weber",
        practice="Riverside Physiotherapy",
    )
    return build_handout(routine, today=DAY, practice=PRACTICE)


def flat(text: str) -> str:
    """The words as a reader sees them: one space between, HTML and Markdown escapes undone."""
    return " ".join(html.unescape(text).replace("\\_", "_").split())


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_shows_the_patient_the_course_dates_and_the_notes(fmt: str) -> None:
    text = flat(render(prescribed(), fmt))
    for part in (
        "Anna Kowalska",
        "Dr Maria Weber",
        "Mon 23 Nov 2026 to Fri 4 Dec 2026",
        "to Mon 14 Dec 2026",
        "Gently in the first week.",
    ):
        assert part in text, (fmt, part)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_prints_the_practice_and_the_fingerprint(fmt: str) -> None:
    handout = prescribed()
    text = flat(render(handout, fmt))
    for line in PRACTICE.lines:
        assert line in text, (fmt, line)
    assert handout.fingerprint in text
    assert "prescription v2 of 'collar', 2026-11-21" in text


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_has_the_prescribed_steps_with_their_times(fmt: str) -> None:
    handout = prescribed()
    text = render(handout, fmt)
    assert len(handout.routine.steps) == 11
    assert "Circles beside the neck" not in text  # step 3, skipped
    assert "2:00" in text  # step 4 set to 120 s


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_has_a_log_row_per_prescribed_session(fmt: str) -> None:
    text = render(prescribed(), fmt)
    rows = {
        "text": r"\| 12 +\| +\| \[ \]",
        "markdown": r"\| 12 \|  \| ☐ \|",
        "html": r'<td class="n num">12</td>',
    }[fmt]
    assert len(re.findall(rows, text)) == 1
    assert not re.search(rows.replace("12", "13"), text)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_paper_says_stop_at_once_and_never_names_the_pain_key(fmt: str) -> None:
    text = flat(render(prescribed(), fmt))
    assert "press p" not in text
    assert "pain key" not in text
    assert "stop at once if it hurts" in text


def test_paper_wording_mends_a_pain_key_sentence() -> None:
    assert on_paper("if it hurts, stop and press p.") == "if it hurts, stop at once."
    assert on_paper("Use the pain key if it hurts.") == "Stop at once if it hurts."


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_without_a_patient_there_are_lines_to_fill_in(fmt: str) -> None:
    handout = build_handout(load_catalog().find("collar"), today=DAY)
    text = flat(render(handout, fmt))
    assert "Patient:" in text
    assert "________________" in text
    assert DAY.isoformat() not in text.split("Session log")[0].split("SESSION LOG")[0]


def test_the_first_page_comes_before_the_safety_page_in_html() -> None:
    page = render(prescribed(), "html")
    order = [
        page.index("Course plan"),
        page.index("Notes from your therapist"),
        page.index("<h2>Steps</h2>"),
        page.index('<div class="page2">'),
        page.index("Stop and see your doctor"),
        page.index("Session log"),
    ]
    assert order == sorted(order)


def test_html_body_text_is_at_least_10_pt_and_cells_never_break_inside_a_word() -> None:
    page = render(prescribed(), "html")
    assert "font: 10pt/" in page
    sizes = [float(size) for size in re.findall(r"font-size: ([\d.]+)pt", page)]
    assert min(sizes) >= 9  # the footer line; all body text is 10 pt or more
    assert "overflow-wrap: normal; word-break: normal" in page
    assert "overflow-wrap: anywhere" in page.split(".notes")[1].split("}")[0]


def test_the_body_picture_is_one_left_aligned_block() -> None:
    page = render(prescribed(), "html")
    assert ".figure pre { display: block; text-align: left; white-space: pre;" in page


def test_light_pressure_is_said_on_the_sheet() -> None:
    handout = prescribed()
    assert handout.prescription is not None
    light = replace(handout, prescription=replace(handout.prescription, pressure="light"))
    assert "Light pressure only, and no tapping" in render(light, "text")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.html", "html"),
        ("a.HTM", "html"),
        ("a.md", "markdown"),
        ("a.txt", "text"),
        ("a.pdf", "pdf"),
        (None, "text"),
    ],
)
def test_the_format_follows_the_output_name(name: str | None, fmt: str) -> None:
    assert format_for(name, None) == fmt


def test_format_overrides_the_extension() -> None:
    assert format_for("notes.txt", "html") == "html"


# -- print through the CLI -------------------------------------------------------------


@pytest.fixture
def run(isolated_home: Path) -> Context:
    return Context(paths=Paths.under(isolated_home), clock=FakeClock())


def test_print_writes_html_when_the_name_says_html(run: Context, tmp_path: Path) -> None:
    target = tmp_path / "handout.html"
    result = runner.invoke(app, ["print", "collar", "-o", str(target)], obj=run)
    assert result.exit_code == 0
    assert target.read_text().startswith("<!DOCTYPE html>")


def test_an_unknown_extension_without_format_exits_2(run: Context, tmp_path: Path) -> None:
    target = tmp_path / "handout.doc"
    result = runner.invoke(app, ["print", "collar", "-o", str(target)], obj=run)
    assert result.exit_code == 2
    assert "'.doc' does not say which format to write" in result.stderr
    assert not target.exists()


def test_an_unknown_extension_with_format_is_written(run: Context, tmp_path: Path) -> None:
    target = tmp_path / "handout.doc"
    result = runner.invoke(
        app, ["print", "collar", "-o", str(target), "--format", "markdown"], obj=run
    )
    assert result.exit_code == 0
    assert target.read_text().startswith("# Self-massage: Collar zone")


def test_the_practice_from_settings_heads_the_handout(run: Context) -> None:
    run.paths.config_dir.mkdir(parents=True)
    run.paths.settings_file.write_text('[practice]\nname = "Riverside Physio"\n')
    result = runner.invoke(app, ["print", "collar"], obj=run)
    assert result.stdout.startswith("Riverside Physio\n")


def test_qr_puts_an_svg_code_in_the_html(run: Context) -> None:
    result = runner.invoke(app, ["print", "collar", "--format", "html", "--qr"], obj=run)
    assert result.exit_code == 0
    assert "<svg" in result.stdout
    assert "Scan to put the course in your calendar" in result.stdout


def test_qr_in_plain_text_is_refused(run: Context) -> None:
    result = runner.invoke(app, ["print", "collar", "--qr"], obj=run)
    assert result.exit_code == 2
    assert "--qr needs an HTML or PDF handout" in result.stderr


def test_an_unknown_paper_is_refused(run: Context) -> None:
    result = runner.invoke(app, ["print", "collar", "-o", "x.pdf", "--paper", "a5"], obj=run)
    assert result.exit_code == 2
    assert "--paper must be a4 or letter, got 'a5'" in result.stderr


def test_without_chromium_a_pdf_names_the_command_that_installs_it(
    run: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.delenv("SELFMASSAGE_CHROMIUM", raising=False)
    target = tmp_path / "x.pdf"
    result = runner.invoke(app, ["print", "collar", "-o", str(target)], obj=run)
    assert result.exit_code == 1
    assert "Chromium is not installed" in result.stderr
    assert "apt-get install chromium" in result.stderr
    assert not target.exists()
