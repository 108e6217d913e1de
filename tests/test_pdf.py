"""The one PDF printer: HTML printed by headless Chromium, or a clear way to get it."""

from __future__ import annotations

import pytest

from selfmassage.errors import ExitCode
from selfmassage.files.pdf import INSTALL_HINT, PdfUnavailable, html_to_pdf, page_css

PAGE = (
    "<!doctype html><html><head><title>t</title></head><body><p>Воротниковая зона</p></body></html>"
)


def test_without_a_browser_the_error_names_the_command_that_installs_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.delenv("SELFMASSAGE_CHROMIUM", raising=False)
    with pytest.raises(PdfUnavailable) as caught:
        html_to_pdf(PAGE, paper="a4")
    assert caught.value.message == "cannot make a PDF: Chromium is not installed"
    assert caught.value.hint == INSTALL_HINT
    assert "apt-get install chromium" in INSTALL_HINT
    assert caught.value.exit_code == ExitCode.FAILURE


@pytest.mark.parametrize(("paper", "size"), [("a4", "A4"), ("letter", "letter")])
def test_the_paper_is_set_by_a_page_rule(paper: str, size: str) -> None:
    assert page_css(paper) == f"@page {{ size: {size}; }}"  # type: ignore[arg-type]


@pytest.mark.browser
def test_a_page_prints_to_a_real_pdf() -> None:
    data = html_to_pdf(PAGE, paper="letter")
    assert data.startswith(b"%PDF-")
    assert b"%%EOF" in data[-1024:]
