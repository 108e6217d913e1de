"""How the screening looks at a terminal: the verdict's colour, bold headings, plain in a pipe."""

from __future__ import annotations

import io

import pytest

from selfmassage.routines.catalog import load_catalog
from selfmassage.screening.questions import load_questionnaire
from selfmassage.screening.verdict import Verdict, evaluate
from selfmassage.screening.view import questions_table, verdict_panel
from selfmassage.style import Out

QUESTIONS = load_questionnaire()
IDS = [q.id for q in QUESTIONS]
CATALOG = load_catalog()


def verdict_for(*yes: str) -> Verdict:
    return evaluate({qid: qid in yes for qid in IDS}, QUESTIONS, CATALOG)


def drawn(verdict: Verdict, *, colour: bool) -> str:
    buffer = io.StringIO()
    Out(buffer, width=80, colour=colour).print(verdict_panel(verdict, CATALOG))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("yes", "code"),
    [
        ((), "32"),  # green: clear
        (("diabetes",), "33"),  # yellow: take care
        (("skin-neck-shoulders",), "33"),  # yellow: an area left out
        (("high-blood-pressure",), "31"),  # red: a doctor first
        (("chest-pain",), "31"),  # red: urgent
    ],
)
def test_the_verdict_panel_takes_the_verdicts_colour(yes: tuple[str, ...], code: str) -> None:
    assert drawn(verdict_for(*yes), colour=True).startswith(f"\x1b[{code}m╭─")


def test_the_verdict_panel_in_a_pipe_has_no_escape_codes() -> None:
    text = drawn(verdict_for("chest-pain"), colour=False)
    assert "\x1b" not in text
    assert text.startswith("╭─ Screening: URGENT ─")


def test_the_questions_list_shows_ids_in_bold_on_a_terminal() -> None:
    buffer = io.StringIO()
    questions_table(QUESTIONS[:1], Out(buffer, width=80, colour=True))
    assert f"\x1b[1m{QUESTIONS[0].id}\x1b[0m\x1b[2m  urgent" in buffer.getvalue()
