"""The plain box table used where Rich would cost too much start-up time."""

from __future__ import annotations

from selfmassage.textable import box_table, cell_width


def test_a_table_that_fits_is_drawn_at_its_natural_width() -> None:
    assert box_table(["id", "n"], [["collar", "12"], ["lumbar", "8"]], width=80, right=(1,)) == [
        "┏━━━━━━━━┳━━━━┓",
        "┃ id     ┃  n ┃",
        "┡━━━━━━━━╇━━━━┩",
        "│ collar │ 12 │",
        "│ lumbar │  8 │",
        "└────────┴────┘",
    ]


def test_the_title_comes_first() -> None:
    assert box_table(["a"], [["b"]], width=80, title="Routines")[0] == "Routines"


def test_the_widest_column_wraps_to_fit_the_width() -> None:
    lines = box_table(["id", "area"], [["x", "head, face, shoulders and hands"]], width=20)
    assert {cell_width(line) for line in lines} == {20}
    assert lines[3:6] == [
        "│ x  │ head, face, │",
        "│    │ shoulders   │",
        "│    │ and hands   │",
    ]


def test_words_are_never_cut_even_if_the_table_runs_wider() -> None:
    lines = box_table(["id"], [["relaxation"]], width=5)
    assert "│ relaxation │" in lines


def test_wide_characters_take_two_columns() -> None:
    assert cell_width("首") == 2
    assert cell_width("e\u0301") == 1
    lines = box_table(["t"], [["首首"], ["abcd"]], width=80)
    assert {cell_width(line) for line in lines} == {8}


def test_cells_with_several_lines_keep_them() -> None:
    lines = box_table(["t"], [["one\ntwo"]], width=80)
    assert lines[3:5] == ["│ one │", "│ two │"]
