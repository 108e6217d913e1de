"""The HTML handout printed by a real browser: a bundled routine fits two pages.

Debian's headless chromium prints the page to PDF and poppler's pdfinfo counts the
pages. The handout's CSS leaves the paper size to the printer (``size: auto``); here
it is forced to A4 and to Letter in turn, so both papers are checked. Without the
browser this test fails: it never skips.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from selfmassage.handout.build import build_handout
from selfmassage.handout.formats import render
from selfmassage.routines.catalog import load_catalog

AUTO_PAGE = "@page { size: auto;"
# pdfinfo names the paper after the page size in points ("... pts (A4)").
PAPERS = {"A4": "(A4)", "Letter": "(letter)"}

# Chromium takes most of the suite's time: `pytest -m "not browser"` leaves these out.
pytestmark = pytest.mark.browser


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed (apt-get install chromium poppler-utils)")
    return path


def print_to_pdf(html_file: Path, pdf_file: Path, profile: Path) -> None:
    result = subprocess.run(
        [
            tool("chromium"),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf_file}",
            html_file.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if result.returncode != 0 or not pdf_file.exists():
        pytest.fail(f"chromium could not print (exit {result.returncode}):\n{result.stderr}")


def pdf_info(pdf_file: Path) -> dict[str, str]:
    result = subprocess.run(
        [tool("pdfinfo"), str(pdf_file)], capture_output=True, text=True, check=True
    )
    return dict(re.findall(r"^([^:]+):\s+(.*)$", result.stdout, flags=re.MULTILINE))


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("routine_id", ["collar", "lumbar", "relaxation"])
def test_a_bundled_routines_handout_prints_on_at_most_two_pages(
    routine_id: str, paper: str, tmp_path: Path
) -> None:
    handout = build_handout(
        load_catalog().find(routine_id),
        today=date(2026, 11, 21),
        patient="Anna Kowalska-Schmidt",
        therapist="Dr. Maria Weber, physiotherapist",
        notes="Start gently; skip the tapping in the first week. Call me if it hurts.",
    )
    page = render(handout, "html")
    assert AUTO_PAGE in page
    html_file = tmp_path / f"{routine_id}.html"
    html_file.write_text(page.replace(AUTO_PAGE, f"@page {{ size: {paper};"), encoding="utf-8")
    pdf_file = tmp_path / f"{routine_id}.pdf"

    print_to_pdf(html_file, pdf_file, tmp_path / "profile")

    info = pdf_info(pdf_file)
    assert info["Page size"].endswith(PAPERS[paper])
    assert 1 <= int(info["Pages"]) <= 2


def test_a_long_unbroken_word_in_the_notes_wraps_instead_of_running_off_the_paper(
    tmp_path: Path,
) -> None:
    link = "https://example.org/videos/" + "a" * 200 + "/END"
    handout = build_handout(
        load_catalog().find("collar"), today=date(2026, 11, 21), notes=f"Watch {link} first."
    )
    html_file = tmp_path / "handout.html"
    html_file.write_text(render(handout, "html"), encoding="utf-8")
    pdf_file = tmp_path / "handout.pdf"

    print_to_pdf(html_file, pdf_file, tmp_path / "profile")

    result = subprocess.run(
        [tool("pdftotext"), str(pdf_file), "-"], capture_output=True, text=True, check=True
    )
    # Every character is on the paper, however the link was broken across lines.
    assert link in result.stdout.replace("\n", "")
