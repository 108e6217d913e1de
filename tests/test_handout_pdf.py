"""The Proof of issue 13: a prescription's handout printed by the real browser, and the
whole way from the therapist's desk to the patient's journal.

Chromium prints (``files.pdf``), poppler's ``pdfinfo`` counts the pages and
``pdftotext`` reads the text back: at most 2 pages on A4 and on Letter, the table
headers and the step numbers whole. Without the tools these tests fail; they never skip.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.files.pdf import html_to_pdf
from selfmassage.paths import Paths
from selfmassage.routines.catalog import load_routine_file
from selfmassage.screening.questions import load_questionnaire
from selfmassage.screening.saved import SavedScreening, save_screening
from sessionkit import FakeClock

pytestmark = pytest.mark.browser
runner = CliRunner()
PRACTICE = """\
[practice]
name = "Riverside Physiotherapy"
therapist = "Dr Maria Weber"
address = "12 River Street, Springfield"
phone = "+1 555 0100"
email = "desk@riverside.example"
web = "riverside.example"
"""
PAPER_NAMES = {"a4": "(A4)", "letter": "(letter)"}


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed (apt-get install chromium poppler-utils)")
    return path


def pdf_pages(pdf: Path) -> tuple[int, str]:
    info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True)
    fields = dict(re.findall(r"^([^:]+):\s+(.*)$", info.stdout, flags=re.MULTILINE))
    return int(fields["Pages"]), fields["Page size"]


def pdf_words(pdf: Path) -> list[str]:
    text = subprocess.run(
        [tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split()


def home(root: Path, settings: str = "") -> Context:
    paths = Paths.under(root)
    if settings:
        paths.config_dir.mkdir(parents=True, exist_ok=True)
        paths.settings_file.write_text(settings, encoding="utf-8")
    return Context(paths=paths, clock=FakeClock(wall=datetime.now().astimezone()))


def invoke(run: Context, *args: str, given: str | None = None) -> str:
    result = runner.invoke(app, list(args), obj=run, input=given)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def prescription(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A collar prescription as the therapist writes it: 15 sessions (the longest log),
    every step (12, the longest steps table), notes, a Cyrillic name."""
    root = tmp_path_factory.mktemp("therapist")
    target = root / "anna.toml"
    invoke(
        home(root, PRACTICE),
        "prescribe",
        "collar",
        "--patient",
        "Анна Ковальская",
        "--sessions",
        "15",
        "--note",
        "Start gently; leave out the fingertip typing in the first week. Call me if it hurts.",
        "-o",
        str(target),
    )
    return target


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_pdf_handout_is_at_most_two_pages_with_whole_headers_and_numbers(
    prescription: Path, paper: str, tmp_path: Path
) -> None:
    pdf = tmp_path / "handout.pdf"
    run = home(tmp_path / "h", PRACTICE)
    invoke(run, "print", str(prescription), "-o", str(pdf), "--paper", paper, "--qr")
    pages, size = pdf_pages(pdf)
    assert size.endswith(PAPER_NAMES[paper])
    assert pages <= 2
    words = pdf_words(pdf)
    for whole in ("Time", "Done", "10", "11", "12", "15"):
        assert whole in words, whole
    for broken in ("Tim", "Don", "Tim/e"):
        assert broken not in words


def test_the_pdf_text_is_selectable_in_cyrillic_and_latin(
    prescription: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "handout.pdf"
    invoke(home(tmp_path / "h", PRACTICE), "print", str(prescription), "-o", str(pdf))
    text = " ".join(pdf_words(pdf))
    assert "Анна Ковальская" in text
    assert "Riverside Physiotherapy" in text
    assert load_routine_file(prescription).fingerprint in text
    assert "stop at once" in text
    assert "press p" not in text


def test_the_html_handout_printed_by_the_browser_keeps_two_pages(
    prescription: Path, tmp_path: Path
) -> None:
    page = tmp_path / "handout.html"
    invoke(home(tmp_path / "h", PRACTICE), "print", str(prescription), "-o", str(page))
    pdf = tmp_path / "from-html.pdf"
    pdf.write_bytes(html_to_pdf(page.read_text(encoding="utf-8"), paper="letter"))
    assert pdf_pages(pdf)[0] <= 2
    words = pdf_words(pdf)
    assert {"Time", "Done", "10", "11", "12"} <= set(words)


@pytest.mark.parametrize("routine_id", ["lumbar", "relaxation"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_bundled_routine_prints_on_two_pages(
    routine_id: str, paper: str, tmp_path: Path
) -> None:
    pdf = tmp_path / "handout.pdf"
    run = home(tmp_path / "h", PRACTICE)
    invoke(run, "print", routine_id, "-o", str(pdf), "--paper", paper, "--sessions", "15")
    assert pdf_pages(pdf)[0] <= 2


def test_from_the_therapist_to_the_patients_journal(tmp_path: Path) -> None:
    # The therapist: a step skipped and a time changed, printed to PDF.
    therapist = home(tmp_path / "therapist", PRACTICE)
    file = tmp_path / "anna.toml"
    invoke(
        therapist,
        "prescribe",
        "collar",
        "--patient",
        "Anna Kowalska",
        "--skip",
        "3",
        "--seconds",
        "4=120",
        "-o",
        str(file),
    )
    fingerprint = load_routine_file(file).fingerprint
    pdf = tmp_path / "anna.pdf"
    invoke(therapist, "print", str(file), "-o", str(pdf))
    assert pdf_pages(pdf)[0] <= 2
    assert fingerprint in " ".join(pdf_words(pdf))

    # The patient, on another home: install it; the daily path recommends it.
    patient = home(tmp_path / "patient")
    invoke(patient, "routines", "install", str(file))
    now = patient.clock.now()
    answers = {q.id: False for q in load_questionnaire()}
    save_screening(SavedScreening(answers, "clear", now, now), patient.paths.screening_file)
    out = invoke(patient, given="1\ny\n")
    assert "prescribed for you by Dr Maria Weber" in out

    # The session is in the journal with the prescription's fingerprint.
    sessions = json.loads(invoke(patient, "export"))["sessions"]
    assert [(s["routine"], s["content_hash"], s["outcome"]) for s in sessions] == [
        ("collar", fingerprint, "completed")
    ]
    steps = sessions[0]["steps"]
    assert len(steps) == 11
    assert steps[2]["planned_seconds"] == 120
