"""The plain box table used where Rich would cost too much start-up time."""

from __future__ import annotations

from selfmassage.style import bold, dim, styled
from selfmassage.textable import Panel, box_table, bullets, cell_width, grid, styled_table


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


# Styled tables, panels, grids and bullets (the views of show, screen and recommend).


def test_a_panel_has_its_title_on_the_top_border_and_takes_the_width() -> None:
    lines = [line.plain for line in Panel(styled("hello"), title="Recommended").lines(24)]
    assert lines == [
        "╭─ Recommended ────────╮",
        "│ hello                │",
        "╰──────────────────────╯",
    ]


def test_a_fitted_panel_is_as_narrow_as_its_body() -> None:
    lines = [line.plain for line in Panel(styled("hi"), fit=True).lines(40)]
    assert lines == ["╭────╮", "│ hi │", "╰────╯"]


def test_a_panels_body_wraps_inside_the_box() -> None:
    lines = [line.plain for line in Panel(styled("one two three")).lines(11)]
    assert lines[1:4] == ["│ one two │", "│ three   │", "╰─────────╯"][:3]


def test_a_panels_border_and_title_take_its_colour() -> None:
    top = Panel(styled("x"), title="Screening: URGENT", border="red").lines(30)[0]
    assert top.render(colour=True).startswith("\x1b[31m╭─\x1b[0m\x1b[31m Screening: URGENT ")


def test_a_capped_column_wraps_and_the_others_get_the_room() -> None:
    rows = [[styled("Circles along the base of the skull"), styled("one two three four")]]
    lines = styled_table(["technique", "instruction"], rows, width=80, widest={0: 18})
    assert lines[3].plain == "│ Circles along the  │ one two three four │"


def test_rules_separate_the_rows_when_asked() -> None:
    rows = [[styled("a")], [styled("b")]]
    lines = [line.plain for line in styled_table(["t"], rows, width=20, rules=True)]
    assert lines[3:6] == ["│ a │", "├───┤", "│ b │"]


def test_headers_are_bold_and_cells_keep_their_styles() -> None:
    lines = styled_table(["t"], [[bold("a") + dim("\nb")]], width=20)
    assert ("t", "bold") in lines[1].runs
    assert ("a", "bold") in lines[3].runs
    assert ("b", "dim") in lines[4].runs


def test_a_grid_wraps_each_value_under_itself() -> None:
    lines = grid([(bold("Area"), styled("neck and shoulders")), (bold("Time"), styled("1:30"))], 16)
    assert [line.plain for line in lines] == ["Area  neck and", "      shoulders", "Time  1:30"]


def test_bullets_indent_their_wrapped_lines() -> None:
    lines = bullets([styled("one two three")], 9)
    assert [line.plain for line in lines] == ["• one two", "  three"]
