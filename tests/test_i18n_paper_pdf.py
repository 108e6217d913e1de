"""Issue 16's layouts on paper, printed by the real browser: the handout in Russian and
Ukrainian on at most two pages, the bilingual handout on at most three (every text twice:
two do not hold it at a readable size), the report in ru and uk on at most two.

Chromium prints (``files.pdf``), poppler's ``pdfinfo`` counts the pages and ``pdftotext``
reads the words back. Without the tools these tests fail; they never skip.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journal_support import noon_on_november_21
from report_support import write_export
from selfmassage import i18n
from selfmassage.cli.app import app

pytestmark = pytest.mark.browser
runner = CliRunner()


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed (apt-get install chromium poppler-utils)")
    return path


def pages(pdf: Path) -> int:
    info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    assert found is not None, info.stdout
    return int(found.group(1))


def words(pdf: Path) -> str:
    done = subprocess.run(
        [tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(done.stdout.split())


def handout(tmp_path: Path, name: str, *args: str) -> Path:
    pdf = tmp_path / name
    ctx = noon_on_november_21(tmp_path / "home")
    result = runner.invoke(
        app, ["print", "collar", "--patient", "Анна К.", "--qr", "-o", str(pdf), *args], obj=ctx
    )
    assert result.exit_code == 0, result.output
    return pdf


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_the_handout_in_the_language_prints_on_two_pages(tmp_path: Path, lang: str) -> None:
    pdf = handout(tmp_path, f"{lang}.pdf", "--lang", lang)
    assert pages(pdf) == 2
    assert ("План курса" if lang == "ru" else "План курсу") in words(pdf)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_bilingual_handout_prints_on_at_most_three_pages(tmp_path: Path, paper: str) -> None:
    pdf = handout(tmp_path, f"uk-en-{paper}.pdf", "--lang", "uk", "--also", "en", "--paper", paper)
    assert pages(pdf) <= 3
    text = words(pdf)
    assert "План курсу" in text and "Course plan" in text
    assert "Щоденник сеансів" in text and "Session log" in text


@pytest.mark.parametrize(("lang", "heading"), [("ru", "Отчёт о ходе занятий"), ("uk", "Звіт")])
def test_the_report_in_the_language_prints_on_at_most_two_pages(
    tmp_path: Path, lang: str, heading: str
) -> None:
    ctx = noon_on_november_21(tmp_path / "home")
    ctx.language = lang
    i18n.use(lang)  # as the face does (conftest puts English back)
    pdf = tmp_path / "report.pdf"
    export = write_export(tmp_path / "patient.json")
    result = runner.invoke(app, ["report", str(export), "-o", str(pdf)], obj=ctx)
    assert result.exit_code == 0, result.output
    assert pages(pdf) <= 2
    assert heading in words(pdf)
