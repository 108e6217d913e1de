"""The back-view body picture with the worked areas filled in."""

from __future__ import annotations

import pytest

from selfmassage.routines.body import (
    ASCII_FILL,
    FILL,
    HEIGHT,
    WIDTH,
    ZONE_OF_AREA,
    describe,
    figure,
    filled_cells,
)
from selfmassage.routines.model import AREAS

PICTURED = sorted(ZONE_OF_AREA)


def filled(lines: list[str]) -> set[tuple[int, int]]:
    return {(row, col) for row, line in enumerate(lines) for col in filled_cells(line)}


def test_every_area_but_whole_body_has_a_zone() -> None:
    assert set(ZONE_OF_AREA) == set(AREAS) - {"whole-body"}


def test_the_picture_is_a_rectangle() -> None:
    lines = figure([])
    assert len(lines) == HEIGHT
    assert {len(line) for line in lines} == {WIDTH}


def test_no_areas_is_the_bare_outline() -> None:
    assert filled(figure([])) == set()


@pytest.mark.parametrize("area", ["whole-body", "left-knee"])
def test_areas_without_a_zone_fill_nothing(area: str) -> None:
    assert figure([area]) == figure([])


@pytest.mark.parametrize("area", PICTURED)
def test_each_area_fills_some_cells(area: str) -> None:
    assert filled(figure([area]))


def test_areas_fill_separate_cells() -> None:
    cells = [filled(figure([area])) for area in PICTURED]
    assert sum(len(c) for c in cells) == len(set().union(*cells))


def test_several_areas_fill_the_union_of_their_cells() -> None:
    both = filled(figure(["neck-shoulders", "lower-back"]))
    assert both == filled(figure(["neck-shoulders"])) | filled(figure(["lower-back"]))


def test_filling_changes_only_blank_cells() -> None:
    bare = figure([])
    for lines in (figure(PICTURED), figure(PICTURED, ascii_only=True)):
        for row, (before, after) in enumerate(zip(bare, lines, strict=True)):
            for col, (old, new) in enumerate(zip(before, after, strict=True)):
                assert old == new or old == " ", (row, col)


def test_the_neck_is_filled_above_the_lower_back() -> None:
    neck_rows = {row for row, _ in filled(figure(["neck-shoulders"]))}
    back_rows = {row for row, _ in filled(figure(["lower-back"]))}
    assert max(neck_rows) < min(back_rows)


def test_ascii_only_fills_with_hashes() -> None:
    text = "".join(figure(["hands"], ascii_only=True))
    assert ASCII_FILL in text
    assert FILL not in text


def test_the_default_fill_is_a_shaded_block() -> None:
    text = "".join(figure(["hands"]))
    assert FILL in text
    assert ASCII_FILL not in text


def test_the_ascii_picture_is_plain_ascii() -> None:
    assert all(line.isascii() for line in figure(PICTURED, ascii_only=True))


@pytest.mark.parametrize("area", PICTURED)
def test_one_side_fills_only_its_half_of_the_back_view(area: str) -> None:
    # A back view: the person's left is the picture's left.
    left, right = filled(figure([area], side="left")), filled(figure([area], side="right"))
    assert left and right
    assert all(col < WIDTH // 2 for _, col in left)
    assert all(col >= WIDTH // 2 for _, col in right)
    assert left | right == filled(figure([area]))


def test_both_sides_is_the_whole_area() -> None:
    assert figure(["neck-shoulders"], side="both") == figure(["neck-shoulders"])


@pytest.mark.parametrize(
    ("area", "side", "words"),
    [
        ("neck-shoulders", "left", "the left side of the neck and the left shoulder"),
        ("lower-back", "both", "the lower back"),
        ("hands", "right", "the right hand"),
        ("whole-body", "both", "whole body"),
    ],
)
def test_the_picture_in_words_names_the_area_and_the_side(area: str, side: str, words: str) -> None:
    assert describe(area, side) == words
