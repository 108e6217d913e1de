"""The live frame at the four sizes people use, fixed-size console, no colour: what a person
at arm's length sees, and what a small window keeps (the caution, always)."""

from __future__ import annotations

import math
import re
from dataclasses import replace

import pytest
from rich.console import Console

from selfmassage.routines.catalog import load_catalog
from selfmassage.routines.model import Routine
from selfmassage.session.live import big_digits, block_text, frame
from selfmassage.session.state import Session, View
from sessionkit import FakeClock

SIZES = [(60, 15), (80, 24), (100, 32), (160, 45)]
LEFT_SHOULDER = "/▓▓▓▓▓▓      \\"  # the shoulders' row of the back view, left half filled
BOTH_SHOULDERS = "/▓▓▓▓▓▓▓▓▓▓▓▓\\"
COLLAR = load_catalog().find("collar")
# Step 7 of collar: "Kneading the shoulder muscle", left side, 2:00, with a caution.
KNEADING_LEFT = sum(step.seconds for step in COLLAR.steps[:6]) + 35  # 1:25 left


def render(view: View, width: int, height: int, *, caution: bool = True) -> list[str]:
    console = Console(
        record=True, width=width, height=height, force_terminal=True, color_system=None
    )
    console.print(frame(view, "Collar zone", width=width, height=height, caution=caution))
    return console.export_text().splitlines()


def at(routine: Routine, seconds_in: float) -> View:
    """``routine`` ``seconds_in`` after its get-ready countdown ended."""
    clock = FakeClock()
    session = Session(routine, clock)
    session.start()
    clock.advance(3 + seconds_in)
    session.tick()
    return session.view()


def beside_the_picture(line: str) -> str:
    """The text of a line, without the picture's column when the picture is beside it."""
    if re.fullmatch(r"[ ./\\|()_'▓-]{18}", line[:18]):
        return line[20:]
    return line


def digit_rows(lines: list[str], countdown: str) -> int:
    """How tall the countdown is drawn: block type of the largest scale found, or 3, or 0."""
    text = "\n".join(lines)
    for scale in range(8, 0, -1):
        rows = block_text(countdown, scale)
        if all(row in text for row in rows):
            return len(rows)
    return 3 if all(row in text for row in big_digits(countdown)) else 0


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_frame_fits_the_terminal(width: int, height: int) -> None:
    lines = render(at(COLLAR, KNEADING_LEFT), width, height)
    assert len(lines) <= height
    assert max(len(line) for line in lines) <= width


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_caution_tier_line_is_on_every_size(width: int, height: int) -> None:
    assert "light pressure, no tapping" in "\n".join(
        render(at(COLLAR, KNEADING_LEFT), width, height)
    )


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_without_the_caution_tier_there_is_no_such_line(width: int, height: int) -> None:
    lines = render(at(COLLAR, KNEADING_LEFT), width, height, caution=False)
    assert "light pressure, no tapping" not in "\n".join(lines)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_side_is_named_on_every_size(width: int, height: int) -> None:
    text = "\n".join(render(at(COLLAR, KNEADING_LEFT), width, height))
    assert "neck and shoulders, left side" in text


@pytest.mark.parametrize(("width", "height"), [(80, 24), (100, 32), (160, 45)])
def test_the_picture_highlights_only_the_side_worked(width: int, height: int) -> None:
    text = "\n".join(render(at(COLLAR, KNEADING_LEFT), width, height))
    assert LEFT_SHOULDER in text
    assert BOTH_SHOULDERS not in text


def test_a_step_on_both_sides_highlights_both_shoulders() -> None:
    text = "\n".join(render(at(COLLAR, 10), 80, 24))  # opening stroking, both sides
    assert BOTH_SHOULDERS in text


def test_a_small_terminal_loses_the_picture_first() -> None:
    text = "\n".join(render(at(COLLAR, KNEADING_LEFT), 60, 15))
    assert ".--." not in text  # the head of the picture


@pytest.mark.parametrize(
    ("width", "height", "least"), [(60, 15, 0), (80, 24, 3), (100, 32, 5), (160, 45, 12)]
)
def test_the_countdown_grows_with_the_terminal(width: int, height: int, least: int) -> None:
    rows = digit_rows(render(at(COLLAR, KNEADING_LEFT), width, height), "1:25")
    assert rows >= least
    if height >= 40:
        assert rows >= math.ceil(height / 4)  # a quarter of the height from 40 rows up


def test_on_the_smallest_terminal_the_time_left_is_still_shown() -> None:
    assert any(
        line.rstrip().endswith("1:25 left") for line in render(at(COLLAR, KNEADING_LEFT), 60, 15)
    )


def test_a_big_terminal_shows_the_technique_in_block_type() -> None:
    text = "\n".join(render(at(COLLAR, KNEADING_LEFT), 160, 45))
    assert all(row in text for row in block_text("kneading", 1))


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("routine_id", ["collar", "lumbar", "relaxation"])
def test_every_steps_caution_is_shown_whole_at_every_size(
    routine_id: str, width: int, height: int
) -> None:
    routine = load_catalog().find(routine_id)
    start = 0
    for step in routine.steps:
        lines = render(at(routine, start + 1), width, height)
        assert len(lines) <= height
        if step.caution:
            shown = " ".join(" ".join(beside_the_picture(line).split()) for line in lines)
            assert f"Caution: {' '.join(step.caution.split())}" in shown
        start += step.seconds


def test_below_the_size_that_holds_the_caution_one_line_asks_for_a_bigger_window() -> None:
    lines = render(at(COLLAR, KNEADING_LEFT), 40, 8)
    assert len(lines) == 1
    assert lines[0].startswith("Enlarge the window")
    assert "1:25 left" in lines[0]


def test_a_question_stays_in_view_even_when_the_window_is_too_small() -> None:
    console = Console(record=True, width=40, height=8, force_terminal=True, color_system=None)
    prompt = "Quit this session? y = quit"
    view = at(COLLAR, KNEADING_LEFT)
    console.print(frame(view, "Collar zone", width=40, height=8, caution=True, prompt=prompt))
    assert console.export_text().splitlines()[-1] == prompt


def test_the_light_wording_is_what_the_frame_shows_when_the_flow_gives_it() -> None:
    view = at(COLLAR, KNEADING_LEFT)
    light = replace(view.step, instruction="Lift the muscle gently; light pressure only.")
    text = "\n".join(render(replace(view, step=light), 80, 24))
    assert "Lift the muscle gently; light pressure only." in text
