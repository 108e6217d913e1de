"""The handout's content: what build_handout chooses and what each format shows."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from selfmassage import paths
from selfmassage.errors import SelfMassageError
from selfmassage.handout.build import Handout, build_handout, load_safety
from selfmassage.handout.formats import md_escape, render
from selfmassage.routines.catalog import load_catalog, load_routine_file
from selfmassage.routines.model import Course, Routine

DAY = date(2026, 11, 21)
SCRIPT = "<script>alert(1)</script>"


def routine(name: str) -> Routine:
    return load_catalog().find(name)


def handout(name: str = "collar", **options: object) -> Handout:
    return build_handout(routine(name), today=DAY, **options)  # type: ignore[arg-type]


# -- what the handout holds ----------------------------------------------------------


def test_course_plan_defaults_to_the_routines_course() -> None:
    course = handout("collar").course
    assert course == Course(sessions=10, frequency="daily", break_days=10)
    assert course == routine("collar").course


def test_sessions_and_frequency_options_override_the_course() -> None:
    made = handout("collar", sessions=6, frequency="every-other-day")
    assert made.course == Course(sessions=6, frequency="every-other-day", break_days=10)
    text = render(made, "text")
    for line in (
        "Sessions:         6\n",
        "How often:        every other day\n",
        "Each session:     11 min 45 s (12 steps)\n",
        "After the course: a 10-day break before repeating the course\n",
    ):
        assert line in text


def test_minutes_rescales_every_step_to_the_exact_total() -> None:
    result = handout("collar", minutes=5)
    assert result.routine.total_seconds == 300
    assert "Each session:     5 min (12 steps)\n" in render(result, "text")
    assert len(result.routine.steps) == len(routine("collar").steps)
    assert result.fitted == "shortened from 11.8 to 5 minutes"


def test_without_minutes_the_handout_says_nothing_was_fitted() -> None:
    assert handout("collar").fitted is None


def test_too_few_minutes_for_the_steps_is_a_clear_error() -> None:
    with pytest.raises(SelfMassageError) as caught:
        handout("collar", minutes=0.1)
    assert caught.value.message == (
        "'collar' cannot be shortened to 0.1 minutes: the shortest time that works is "
        "2.9 minutes, every step long enough to read and do"
    )
    assert caught.value.hint == "use --minutes 3 or more"


@pytest.mark.parametrize("minutes", [0, -3, 121, float("nan")])
def test_minutes_out_of_range_is_refused(minutes: float) -> None:
    with pytest.raises(SelfMassageError, match=r"^--minutes must be more than 0 and at most 120"):
        handout("collar", minutes=minutes)


@pytest.mark.parametrize("sessions", [0, 101])
def test_sessions_out_of_range_is_refused(sessions: int) -> None:
    with pytest.raises(SelfMassageError) as caught:
        handout("collar", sessions=sessions)
    assert caught.value.message == f"--sessions must be from 1 to 100, got {sessions}"


def test_unknown_frequency_suggests_the_closest() -> None:
    with pytest.raises(SelfMassageError) as caught:
        handout("collar", frequency="dayly")
    assert caught.value.message == (
        "--frequency must be one of daily, every-other-day, weekly, N-per-week (N from 1 to 6),"
        " got 'dayly'"
        " (did you mean 'daily'?)"
    )


def test_unknown_format_is_refused() -> None:
    with pytest.raises(SelfMassageError) as caught:
        render(handout(), "pdf")
    assert caught.value.message == "--format must be one of text, markdown, html, got 'pdf'"


def test_neck_routines_get_the_neck_red_flags() -> None:
    assert [f.name for f in handout("collar").red_flags] == ["neck"]
    assert [f.name for f in handout("relaxation").red_flags] == ["neck"]


def test_the_lumbar_routine_gets_the_lower_back_red_flags() -> None:
    assert [f.name for f in handout("lumbar").red_flags] == ["lower back"]


def test_names_are_kept_on_one_line() -> None:
    assert handout(patient="Anna\n  K.").patient == "Anna K."


def test_blank_options_are_left_out() -> None:
    result = handout(patient="  ", notes="\n\n")
    assert (result.patient, result.notes) == (None, None)


def test_safety_wording_covers_every_contraindication_the_seeds_name() -> None:
    safety = load_safety()
    everything = " ".join((*safety.stop, *safety.local)).lower()
    for seed_term in (
        "cancer",
        "kidney or liver",
        "heart disease",
        "bleeding disorder",
        "blood pressure",
        "infectious disease",
        "dermatitis",
        "folliculitis",
        "fever",
        "acute inflammation",
        "wound",
        "mental disorder",
    ):
        assert seed_term in everything, seed_term


# -- text ----------------------------------------------------------------------------


def test_text_holds_every_part_of_the_handout() -> None:
    text = render(handout(patient="Anna K.", therapist="Dr Weber", notes="Go gently."), "text")
    for part in (
        "SELF-MASSAGE: COLLAR ZONE",
        "Patient:   Anna K.",
        "Therapist: Dr Weber",
        "Date:      2026-11-21",
        "Sessions:         10",
        "How often:        daily",
        "Each session:     11 min 45 s (12 steps)",
        "After the course: a 10-day break before repeating the course",
        "Position: sitting",
        "AREA WORKED: NECK AND SHOULDERS",
        " 1. Opening stroking [1:30]",
        "    stroking - neck and shoulders - both sides",
        "12. Gentle head tilts [0:45]",
        "    Feel: Warmth spreading over the back of the neck; no pulling on the skin.",
        "STOP AND SEE YOUR DOCTOR IF...",
        "* Stop at once if you feel sudden pain or dizziness.",
        "Get medical help now (neck):",
        "See a doctor soon (neck):",
        "DO NOT MASSAGE IF...",
        "NOTES FROM YOUR THERAPIST\n-------------------------\nGo gently.",
        "SESSION LOG",
        "This is not medical advice; see a doctor for a diagnosis.",
    ):
        assert part in text, part


def test_text_prints_every_instruction_in_full() -> None:
    text = " ".join(render(handout(), "text").split())
    for step in routine("collar").steps:
        assert " ".join(step.instruction.split()) in text


def test_text_has_a_log_row_per_planned_session() -> None:
    text = render(handout(sessions=7), "text")
    rows = re.findall(r"^\| (\d+) +\| +\| \[ \] ", text, flags=re.MULTILINE)
    assert rows == [str(n) for n in range(1, 8)]


def test_text_shows_the_worked_area_filled_in_plain_ascii() -> None:
    text = render(handout(), "text")
    assert "   ____)##(____" in text
    assert "▓" not in text


def test_text_fits_78_columns() -> None:
    for name in ("collar", "lumbar", "relaxation"):
        text = render(handout(name, notes="word " * 100), "text")
        assert max(len(line) for line in text.splitlines()) <= 78


def test_text_leaves_blank_patient_and_date_lines_and_no_therapist_or_notes() -> None:
    text = render(handout(), "text")
    assert "Patient: ________________\n" in text
    assert "Date:    ________________\n" in text
    assert "Therapist:" not in text
    assert "NOTES FROM YOUR THERAPIST" not in text


def test_text_shows_a_script_tag_as_typed() -> None:
    assert f"Patient: {SCRIPT}\n" in render(handout(patient=SCRIPT), "text")


def test_text_shows_terminal_escapes_from_a_routine_file_as_visible_codes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "evil.toml"
    source = (paths.bundled_routines_dir() / "collar.toml").read_text(encoding="utf-8")
    path.write_text(source.replace('title = "Collar zone"', 'title = "Red \\u001b[31mX"'))
    evil = build_handout(load_routine_file(path), today=DAY, notes="bell \x07")
    text = render(evil, "text")
    assert "\x1b" not in text
    assert "\x07" not in text
    assert "SELF-MASSAGE: RED \\X1B[31MX" in text
    assert "bell \\x07" in text


# -- Markdown ------------------------------------------------------------------------


def test_markdown_uses_tables_for_plan_steps_and_log() -> None:
    text = render(handout(patient="Anna K."), "markdown")
    assert text.startswith("# Self-massage: Collar zone\n")
    assert "**Patient:** Anna K. \\\n**Date:** 2026-11-21\n" in text
    assert "| Sessions | How often | Each session | After the course |" in text
    assert (
        "| 10 | daily | 11 min 45 s (12 steps) | a 10-day break before repeating the course |"
        in text
    )
    assert "| # | Step | Area | Side | Time | Instruction |" in text
    assert "| 1 | **Opening stroking**<br>stroking | neck and shoulders | both | 1:30 |" in text
    assert "| # | Date | Done | Pain before (0-10) | Pain after (0-10) | Notes |" in text
    assert "| 10 |  | ☐ |  |  |  |" in text
    assert "## Stop and see your doctor if…" in text


def test_markdown_escapes_a_script_tag_and_table_pipes() -> None:
    text = render(handout(patient=SCRIPT, notes="a | b *c*"), "markdown")
    assert "**Patient:** \\<script\\>alert(1)\\</script\\>" in text
    assert "<script>" not in text
    assert "a \\| b \\*c\\*" in text


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list"),
        ("1. not a list", "1\\. not a list"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("`code` _em_ ~del~ &amp;", "\\`code\\` \\_em\\_ \\~del\\~ \\&amp;"),
        ("line\nbreak", "line break"),
    ],
)
def test_markdown_escaping_keeps_user_text_literal(typed: str, escaped: str) -> None:
    assert md_escape(typed) == escaped


def test_markdown_keeps_the_lines_of_the_notes() -> None:
    text = render(handout(notes="First line\nsecond line\n\nNew paragraph"), "markdown")
    assert "First line \\\nsecond line\n\nNew paragraph" in text


# -- HTML ----------------------------------------------------------------------------


def test_html_is_one_self_contained_page() -> None:
    page = render(handout(), "html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<style>" in page
    assert "@media print" in page
    assert "@page { size: auto;" in page
    for external in ("<script", "<link", "<img", "<iframe", "@import", "url(", "href=", "src="):
        assert external not in page.lower(), external


def test_html_shows_a_script_tag_as_text_everywhere() -> None:
    page = render(
        handout(patient=SCRIPT, therapist=SCRIPT, notes=SCRIPT),
        "html",
    )
    assert "<script" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3


def test_html_escapes_text_from_a_routine_file(tmp_path: Path) -> None:
    path = tmp_path / "evil.toml"
    source = (paths.bundled_routines_dir() / "collar.toml").read_text(encoding="utf-8")
    path.write_text(
        source.replace('title = "Collar zone"', 'title = "<img src=x onerror=alert(1)>"')
    )
    page = render(build_handout(load_routine_file(path), today=DAY), "html")
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_html_has_every_step_the_picture_and_a_log_row_per_session() -> None:
    page = render(handout("lumbar", sessions=12), "html")
    assert page.count('<td class="n num">') == len(routine("lumbar").steps) + 12
    assert "▓" in page
    assert "Shaded: lower back" in page
    assert "Get medical help now (lower back):" in page


def test_html_wording_is_plain_black_on_white() -> None:
    page = render(handout(), "html")
    colours = set(re.findall(r"#[0-9a-fA-F]{3,6}\b", page))
    assert colours <= {"#000", "#fff", "#e8e8e8"}


def test_upper_back_routines_get_both_sets_of_red_flags() -> None:
    flags = load_safety().red_flags_for(frozenset({"upper-back"}))
    assert [f.name for f in flags] == ["neck", "lower back"]


def test_a_hands_only_routine_gets_no_area_red_flags_but_keeps_the_stop_rule() -> None:
    hands = routine("relaxation")
    only_hands = replace(hands, steps=tuple(s for s in hands.steps if s.area == "hands"))
    result = build_handout(only_hands, today=DAY)
    assert result.red_flags == ()
    text = render(result, "text")
    assert "Get medical help now" not in text
    assert "* Stop at once if you feel sudden pain or dizziness." in text
