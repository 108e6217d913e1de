"""The report printed by the real browser (``report -o FILE.pdf``): at most two pages, with
its charts' axis labels and its figures in the PDF's text (poppler's pdftotext).

Without Chromium and poppler these tests fail: they never skip.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journal_support import noon_on_november_21
from report_support import write_export, write_ten_years
from selfmassage.cli.app import app
from selfmassage.context import Context

pytestmark = pytest.mark.browser
runner = CliRunner()


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed (apt-get install chromium poppler-utils)")
    return path


def _pages(pdf: Path) -> int:
    info = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    assert found is not None, info.stdout
    return int(found.group(1))


def _text(pdf: Path) -> str:
    done = subprocess.run(
        [_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def _print(ctx: Context, export: Path, pdf: Path, *extra: str) -> None:
    result = runner.invoke(app, ["report", str(export), "-o", str(pdf), *extra], obj=ctx)
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str]:
    """The generated journal's report as a PDF: its pages and its text."""
    folder = tmp_path_factory.mktemp("report")
    ctx = noon_on_november_21(folder / "home")
    pdf = folder / "report.pdf"
    _print(ctx, write_export(folder / "patient.json"), pdf, "--patient", "Anna K.")
    return _pages(pdf), _text(pdf)


def test_the_report_prints_on_at_most_two_pages(printed: tuple[int, str]) -> None:
    assert printed[0] <= 2


def test_the_adherence_chart_is_in_the_pdf_with_its_axis_and_figures(
    printed: tuple[int, str],
) -> None:
    text = printed[1]
    assert "sessions due (outlined) and done (solid), one bar a week" in text
    for label in ("28 Sep", "05 Oct", "16 Nov", "5/5", "3/8", "6/7"):
        assert label in text
    assert "30 of 45 due sessions done (67%)" in text


def test_the_pain_chart_is_in_the_pdf_with_its_axis_and_figures(printed: tuple[int, str]) -> None:
    text = printed[1]
    assert "pain 0-10" in text
    assert "pain before" in text
    assert "pain after (0 none, 10 worst)" in text
    assert "2026-10-01" in text and "2026-11-20" in text
    assert "Mean change -1.6" in text


def test_the_pdf_holds_the_pain_stops_the_verdicts_the_notes_and_the_footer(
    printed: tuple[int, str],
) -> None:
    text = " ".join(printed[1].split())
    assert "2026-11-12 collar neck 7/10" in text
    assert "caution → clear" in text
    assert "much better" in text
    assert "it is not a diagnosis" in text


def test_a_ten_year_journal_still_prints_on_two_pages_at_most(tmp_path: Path) -> None:
    ctx = noon_on_november_21(tmp_path / "home")
    export = write_ten_years(tmp_path / "ten.json", ctx.clock.today())
    pdf = tmp_path / "ten.pdf"
    _print(ctx, export, pdf, "--paper", "letter")
    assert _pages(pdf) <= 2
    text = _text(pdf)
    assert re.search(r"one bar every \d+ weeks", text)
    assert re.search(r"each point the mean of \d+ in a row", text)
