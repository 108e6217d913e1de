"""The one PDF printer: an HTML page laid out by the system's headless Chromium.

Handouts and reports are designed once, as self-contained HTML; a PDF is that page
printed by a real browser, so the two never drift apart and text stays selectable
with the fonts the machine has for Latin and Cyrillic. Chromium is a system
program, not a Python dependency: nothing is imported at start-up, and without it
the error names the one command that installs it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Literal

from selfmassage.errors import ExitCode, SelfMassageError
from selfmassage.i18n import ENGLISH, N_, _, current

Paper = Literal["a4", "letter"]
PAPERS: tuple[Paper, ...] = ("a4", "letter")
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = N_(
    "PDF output is printed by Chromium. Install it (Debian/Ubuntu: "
    "sudo apt-get install chromium; macOS: brew install --cask chromium), "
    "or write HTML (-o FILE.html) and print it from any browser."
)
# Chromium prints a page of a few kilobytes in about a second; more means it is stuck.
TIMEOUT_SECONDS = 120


class PdfUnavailable(SelfMassageError):
    """No browser to print with."""

    exit_code = ExitCode.FAILURE


class PdfFailed(SelfMassageError):
    """The browser ran but made no PDF."""

    exit_code = ExitCode.FAILURE


def find_browser() -> str | None:
    """The first Chromium-family browser on PATH (``SELFMASSAGE_CHROMIUM`` first)."""
    named = os.environ.get("SELFMASSAGE_CHROMIUM", "").strip()
    for name in ((named,) if named else ()) + BROWSERS:
        path = shutil.which(name)
        if path is not None:
            return path
    return None


def page_css(paper: Paper) -> str:
    """The ``@page`` rule that sets the paper: put it last in the page's CSS."""
    size = "A4" if paper == "a4" else "letter"
    return f"@page {{ size: {size}; }}"


def html_to_pdf(html: str, *, paper: Paper) -> bytes:
    """``html`` (a whole, self-contained page) printed on ``paper``; the PDF's bytes.

    The page's own CSS decides the layout; the paper size is added last, so it wins.
    Raises ``PdfUnavailable`` without a browser and ``PdfFailed`` when printing fails.
    """
    browser = find_browser()
    if browser is None:
        raise PdfUnavailable(
            _("cannot make a PDF: Chromium is not installed"), hint=_(INSTALL_HINT)
        )
    sized = html.replace("</head>", f"<style>{page_css(paper)}</style></head>", 1)
    with tempfile.TemporaryDirectory(prefix="selfmassage-pdf-") as folder:
        work = Path(folder)
        page, pdf = work / "page.html", work / "page.pdf"
        page.write_text(sized, encoding="utf-8")
        command = [
            browser,
            "--headless",
            "--no-sandbox",  # root in containers; the page is our own, with no scripts
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={work / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfFailed(
                _("Chromium could not print the PDF: {reason}").format(reason=_failure(exc))
            ) from None
        with contextlib.suppress(OSError):
            data = pdf.read_bytes()
            if done.returncode == 0 and data.startswith(b"%PDF"):
                return data
        detail = (done.stderr or "").strip().splitlines()[-1:] or [_("no output")]
        raise PdfFailed(
            _("Chromium could not print the PDF (exit {code}): {detail}").format(
                code=done.returncode, detail=detail[0]
            )
        )


def _failure(exc: OSError | subprocess.TimeoutExpired) -> str:
    """Why the browser did not run to the end, in the run's language (English keeps
    Python's own words, as it always has)."""
    if current() == ENGLISH:
        return str(exc)
    if isinstance(exc, subprocess.TimeoutExpired):
        return _("it did not finish in {seconds} s").format(seconds=TIMEOUT_SECONDS)
    from selfmassage.files.problems import os_reason

    return os_reason(exc)
