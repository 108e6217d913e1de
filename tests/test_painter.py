"""The painter: each frame reaches the screen whole, by writing only the cells that changed.

A small VT emulator (pyte) stands for the terminal: what it shows after the painter's
output is compared with the frame, cell for cell, style included.
"""

from __future__ import annotations

import pyte
from hypothesis import given, settings
from hypothesis import strategies as st

from selfmassage.session.painter import CLEAR, ENTER, LEAVE, Painter, Row


def row(text: str, sgr: str = "") -> Row:
    """``text`` as cells in one style; ``字`` is wide and takes two."""
    cells: list[tuple[str, str]] = []
    for character in text:
        cells.append((character, sgr))
        if character == "字":
            cells.append(("", sgr))
    return tuple(cells)


class Terminal:
    """A pyte screen fed with what the painter writes."""

    def __init__(self, width: int, height: int) -> None:
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.Stream(self.screen)

    def feed(self, output: str) -> str:
        self.stream.feed(output)
        return output

    def resize(self, width: int, height: int) -> None:
        self.screen.resize(height, width)

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def bold_at(self, line: int, column: int) -> bool:
        return bool(self.screen.buffer[line][column].bold)


def text_of(rows: list[Row], height: int) -> list[str]:
    lines = ["".join(cell[0] for cell in r).rstrip() for r in rows]
    return lines + [""] * (height - len(lines))


def test_the_first_frame_clears_the_screen_and_draws_every_row() -> None:
    terminal, painter = Terminal(20, 4), Painter()
    terminal.feed("left over from the shell")
    frame = [row("Bench   0:59"), row(""), row("step ███░░")]
    output = terminal.feed(painter.paint(frame, 20, 4))
    assert output.startswith(CLEAR)
    assert terminal.lines() == text_of(frame, 4)


def test_the_same_frame_again_writes_nothing() -> None:
    painter = Painter()
    frame = [row("Bench   0:59"), row("step ███░░")]
    painter.paint(frame, 20, 4)
    assert painter.paint(list(frame), 20, 4) == ""


def test_a_changed_second_writes_only_the_cells_around_it() -> None:
    terminal, painter = Terminal(80, 3), Painter()
    words = "Stroke the back of the neck and the shoulder, slowly, "
    terminal.feed(painter.paint([row(words + "0:59 left")], 80, 3))
    output = terminal.feed(painter.paint([row(words + "0:58 left")], 80, 3))
    assert "Stroke" not in output
    assert len(output) < 20
    assert terminal.lines()[0] == words + "0:58 left"


def test_changes_far_apart_on_one_row_are_written_as_two_runs() -> None:
    terminal, painter = Terminal(80, 2), Painter()
    before = "1" + " " * 40 + "x" * 20 + "1"
    after = "2" + " " * 40 + "x" * 20 + "2"
    terminal.feed(painter.paint([row(before)], 80, 2))
    output = terminal.feed(painter.paint([row(after)], 80, 2))
    assert "x" not in output
    assert terminal.lines()[0] == after


def test_a_row_that_gets_shorter_is_erased_to_its_end() -> None:
    terminal, painter = Terminal(40, 3), Painter()
    terminal.feed(painter.paint([row("next: Kneading · left shoulder")], 40, 3))
    terminal.feed(painter.paint([row("next: Close")], 40, 3))
    assert terminal.lines()[0] == "next: Close"


def test_rows_that_are_gone_are_erased() -> None:
    terminal, painter = Terminal(20, 4), Painter()
    terminal.feed(painter.paint([row("a"), row("b"), row("c")], 20, 4))
    terminal.feed(painter.paint([row("a")], 20, 4))
    assert terminal.lines() == ["a", "", "", ""]


def test_a_style_is_set_for_its_cells_and_reset_after_them() -> None:
    terminal, painter = Terminal(20, 2), Painter()
    frame = [row("plain ") + row("BOLD", "1") + row(" plain")]
    output = terminal.feed(painter.paint(frame, 20, 2))
    assert "\x1b[0;1mBOLD\x1b[0m" in output
    assert terminal.bold_at(0, 6) and not terminal.bold_at(0, 10)


def test_a_change_of_style_alone_is_written() -> None:
    terminal, painter = Terminal(20, 2), Painter()
    terminal.feed(painter.paint([row("PAUSED")], 20, 2))
    terminal.feed(painter.paint([row("PAUSED", "1")], 20, 2))
    assert terminal.bold_at(0, 0)


def test_a_wide_character_is_never_cut_in_half() -> None:
    terminal, painter = Terminal(20, 2), Painter()
    terminal.feed(painter.paint([row("a字b")], 20, 2))
    terminal.feed(painter.paint([row("a字c")], 20, 2))
    assert terminal.lines()[0] == "a字c"
    terminal.feed(painter.paint([row("axyc")], 20, 2))
    assert terminal.lines()[0] == "axyc"


def test_a_new_size_clears_and_draws_the_frame_whole() -> None:
    terminal, painter = Terminal(30, 4), Painter()
    terminal.feed(painter.paint([row("x" * 30), row("old")], 30, 4))
    terminal.resize(20, 3)
    frame = [row("new frame"), row("at 20")]
    output = terminal.feed(painter.paint(frame, 20, 3))
    assert output.startswith(CLEAR)
    assert terminal.lines() == text_of(frame, 3)


def test_rows_are_cut_to_the_size_given() -> None:
    terminal, painter = Terminal(10, 2), Painter()
    terminal.feed(painter.paint([row("0123456789abc"), row("b"), row("gone")], 10, 2))
    assert terminal.lines() == ["0123456789", "b"]


def test_half_a_wide_character_at_the_edge_is_left_blank() -> None:
    terminal, painter = Terminal(4, 1), Painter()
    terminal.feed(painter.paint([row("abc字")], 4, 1))
    assert terminal.lines() == ["abc"]


def test_after_invalidate_the_next_frame_is_drawn_whole() -> None:
    terminal, painter = Terminal(20, 2), Painter()
    frame = [row("Bench")]
    terminal.feed(painter.paint(frame, 20, 2))
    terminal.feed("\x1b[2J")  # something else wrote on the screen
    painter.invalidate()
    terminal.feed(painter.paint(frame, 20, 2))
    assert terminal.lines()[0] == "Bench"


def test_entering_hides_the_cursor_on_the_alternate_screen_and_leaving_puts_both_back() -> None:
    assert "\x1b[?1049h" in ENTER and "\x1b[?25l" in ENTER
    assert LEAVE.endswith("\x1b[?25h\x1b[?1049l")
    assert "\x1b[?7h" in LEAVE  # autowrap, turned off while the display is up, is on again


CELLS = st.sampled_from([("a", ""), ("b", ""), (" ", ""), ("─", ""), ("a", "1"), (" ", "7")])
WIDE = st.sampled_from([("字", ""), ("字", "1")])


def as_row(cells: list[tuple[str, str]]) -> Row:
    """Cells with each wide character's second cell after it."""
    return tuple(
        part for cell in cells for part in ((cell, ("", cell[1])) if cell[0] == "字" else (cell,))
    )


ROWS = st.lists(st.lists(st.one_of(CELLS, CELLS, CELLS, WIDE), max_size=14).map(as_row), max_size=5)


@settings(max_examples=150, deadline=None)
@given(frames=st.lists(ROWS, min_size=1, max_size=6))
def test_after_any_sequence_of_frames_the_screen_shows_the_last_one(
    frames: list[list[Row]],
) -> None:
    width, height = 12, 4
    terminal, painter = Terminal(width, height), Painter()
    for frame in frames:
        terminal.feed(painter.paint(frame, width, height))
        shown = frame[:height]
        for line, cells in enumerate(shown):
            cut = list(cells[:width]) + [(" ", "")] * (width - len(cells))
            if cut[-1][0] == "字":  # half a wide character does not fit: a blank instead
                cut[-1] = (" ", "")
            for column, (text, sgr) in enumerate(cut):
                char = terminal.screen.buffer[line][column]
                assert (char.data, char.bold, char.reverse) == (text, sgr == "1", sgr == "7")
        for line in range(len(shown), height):
            assert terminal.lines()[line] == ""
