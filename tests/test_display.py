"""The live frame, rendered at a fixed size without colour, as a user would see it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rich.console import Console

from selfmassage.routines.catalog import load_catalog
from selfmassage.session.live import KEYS, beat_position, big_digits, block_text, frame
from selfmassage.session.state import Session, View
from sessionkit import FakeClock

FOOTER = "space pause / resume · n next · b back · p pain — stop · q quit · ? help"


def render(view: View, *, width: int = 80, height: int = 24, **options: object) -> str:
    console = Console(record=True, width=width, height=height, force_terminal=True)
    console.print(frame(view, "Collar zone", width=width, height=height, **options))  # type: ignore[arg-type]
    return console.export_text()


def collar_at(seconds_in: float, *, pause: bool = False) -> View:
    """The collar routine ``seconds_in`` after the get-ready countdown ended."""
    clock = FakeClock()
    session = Session(load_catalog().find("collar"), clock)
    session.start()
    clock.advance(3 + seconds_in)
    session.tick()
    if pause:
        session.pause()
    return session.view()


def test_a_frame_shows_the_technique_countdown_body_picture_and_keys() -> None:
    text = render(collar_at(90 + 60 + 60 + 30 + 30 + 15 + 35))  # kneading, 85 s left
    assert all(row in text for row in block_text("kneading", 1))
    assert "Kneading the shoulder muscle · neck and shoulders, left side" in text
    for row in big_digits("1:25"):
        assert row in text
    assert "/▓▓▓▓▓▓      \\" in text  # the left shoulder filled in the picture
    assert FOOTER in text


def test_a_frame_shows_the_whole_instruction_cue_and_caution() -> None:
    lines = render(collar_at(200)).splitlines()[2:18]
    text = " ".join(" ".join(line[20:].split()) for line in lines)  # the column beside the body
    assert "make small circles as you move slowly down from the skull to the base of" in text
    assert "Feel: The muscles feel warmer and softer under the fingers." in text
    assert "Caution: Only the back of the neck: never the front" in text


def test_a_frame_shows_the_step_the_time_spent_and_the_time_left_in_the_header() -> None:
    first_line = render(collar_at(100)).splitlines()[0]
    assert first_line.startswith("Collar zone")
    assert first_line.endswith("step 2 of 12   1:40 done · 10:05 left")


def test_after_a_skip_the_header_counts_real_time_not_the_place_in_the_routine() -> None:
    clock = FakeClock()
    session = Session(load_catalog().find("collar"), clock)
    session.start()
    clock.advance(3 + 12)
    session.next()  # 12 s into the 90 s opening stroking
    first_line = render(session.view()).splitlines()[0]
    assert first_line.endswith("step 2 of 12   0:12 done · 10:15 left")


@pytest.mark.parametrize("routine_id", ["collar", "lumbar", "relaxation"])
def test_every_step_of_every_bundled_routine_fits_80_by_24(routine_id: str) -> None:
    routine = load_catalog().find(routine_id)
    clock = FakeClock()
    session = Session(routine, clock, ready_seconds=0)
    session.start()
    for step in routine.steps:
        clock.advance(step.seconds - 1)
        session.tick()
        lines = render(session.view()).splitlines()
        assert len(lines) <= 24
        assert max(len(line) for line in lines) <= 80
        assert lines[-1].strip() == FOOTER
        clock.advance(1)
        session.tick()


def test_paused_frame_says_so_and_how_to_resume() -> None:
    assert "PAUSED — space to resume" in render(collar_at(20, pause=True))


def test_the_next_step_is_named_in_the_last_five_seconds() -> None:
    assert "next: Circles along the base of the skull" not in render(collar_at(84))
    assert "next: Circles along the base of the skull · neck and shoulders" in render(collar_at(86))


def test_get_ready_shows_the_countdown_and_the_first_step() -> None:
    clock = FakeClock()
    session = Session(load_catalog().find("collar"), clock)
    session.start()
    clock.advance(1.5)
    text = render(session.view())
    assert "GET READY" in text
    assert "starts in 2 s" in text
    assert "first: Opening stroking" in text


def test_a_step_with_a_tempo_shows_the_beat() -> None:
    text = render(collar_at(90 + 30.5))  # rubbing at 60 a minute: stroke 31, halfway through
    assert "stroke  31  ────────────────────●  60/min" in text


def test_the_beat_mark_swings_out_and_back_once_a_stroke() -> None:
    assert beat_position(0.0, 60) == (1, 0)
    assert beat_position(0.5, 60) == (1, 20)
    assert beat_position(1.0, 60) == (2, 0)
    assert beat_position(1.5, 10) == (1, 10)  # 6 s a stroke: a quarter of the way is halfway out


def test_a_step_without_a_tempo_shows_no_beat() -> None:
    assert "/min" not in render(collar_at(90 + 60 + 60 + 30 + 30 + 15 + 120 + 120 + 15 + 10))


def test_ascii_only_uses_plain_characters() -> None:
    text = render(collar_at(20), ascii_only=True)
    assert "/############\\" in text
    assert " _ " in text
    assert all(ord(char) < 128 for char in text)


def test_help_lists_every_key() -> None:
    text = render(collar_at(20), show_help=True)
    assert "skip to the next step" in text
    assert "pain: stop at once and get advice" in text


def test_a_prompt_replaces_the_key_footer() -> None:
    text = render(collar_at(20), prompt="Quit this session? y = quit, any other key = go on")
    assert text.splitlines()[-1] == "Quit this session? y = quit, any other key = go on"


def test_routine_text_is_shown_literally_never_as_markup_or_escapes() -> None:
    view = collar_at(20)
    tricky = replace(view.step, instruction="[bold]press[/bold] \x1b[31mhere")
    text = render(replace(view, step=tricky))
    assert "[bold]press[/bold] \\x1b[31mhere" in text


def test_the_footer_names_every_key() -> None:
    assert [key for key, _ in KEYS] == ["space", "n", "b", "p", "q", "?"]


def test_the_whole_body_has_no_side() -> None:
    view = collar_at(20)
    breathing = replace(view.step, area="whole-body", technique="breathing", name="Breathe")
    lines = render(replace(view, step=breathing)).splitlines()
    assert any(line.rstrip().endswith("Breathe · whole body") for line in lines)


def test_a_smaller_terminal_drops_the_big_digits_but_keeps_the_keys() -> None:
    lines = render(collar_at(200), height=20).splitlines()
    assert len(lines) <= 20
    assert lines[-1].strip() == FOOTER
    assert "0:10 left" in lines[-4]


def test_a_narrow_short_terminal_still_shows_every_key() -> None:
    lines = render(collar_at(0), width=60, height=20).splitlines()
    assert len(lines) <= 20
    # Wrapped between keys, never inside one: each row starts with a key.
    assert " · ".join(line.strip() for line in lines[-2:]) == FOOTER


def test_a_step_too_long_for_the_screen_is_cut_and_the_question_stays_in_view() -> None:
    view = collar_at(0)
    wordy = replace(view.step, instruction="Slowly stroke the neck. " * 60)
    prompt = "Quit this session? y = quit, any other key = go on"
    lines = render(replace(view, step=wordy), prompt=prompt).splitlines()
    assert len(lines) <= 24
    assert lines[-1].strip() == prompt
    assert lines[-5].strip() == "…"


def test_a_step_too_long_for_a_big_terminal_is_cut_after_the_keys_give_way() -> None:
    view = collar_at(0)
    wordy = replace(view.step, instruction="Slowly stroke the neck. " * 200)
    lines = render(replace(view, step=wordy), width=120, height=40).splitlines()
    assert len(lines) <= 40
    assert lines[-4].strip() == "…"
    assert lines[-1].strip() == "? keys"  # the key list gave way to the step's text
