"""A small back-view picture of the body with the worked area filled in.

Pure text, so the live display, plain output and handouts all share it. The
outline is drawn once; a parallel map names the zone each blank cell belongs to,
and the blanks of the highlighted zones are filled. The fill is visible without
colour (a screen printed in black and white, NO_COLOR), not just a tint.
"""

from __future__ import annotations

from collections.abc import Iterable

# Outline (back view) and zone map, cell for cell. Zone letters:
# h head and face, n neck and shoulders, u upper back, l lower back, a hands.
_OUTLINE = (
    "       .--.       ",
    "      /    \\      ",
    "      \\    /      ",
    "   ____)  (____   ",
    "  /            \\  ",
    " / /|        |\\ \\ ",
    "/ / |        | \\ \\",
    "\\ \\ |        | / /",
    " \\ \\|        |/ / ",
    " (  )        (  ) ",
    "    |        |    ",
    "    |        |    ",
    "    '--------'    ",
)
_ZONES = (
    "       ....       ",
    "      .hhhh.      ",
    "      .hhhh.      ",
    "   .....nn.....   ",
    "  .nnnnnnnnnnnn.  ",
    " ....uuuuuuuu.... ",
    ".....uuuuuuuu.....",
    ".....uuuuuuuu.....",
    ".....uuuuuuuu.....",
    " .aa.llllllll.aa. ",
    "    .llllllll.    ",
    "    .llllllll.    ",
    "    ..........    ",
)
ZONE_OF_AREA = {
    "head-face": "h",
    "neck-shoulders": "n",
    "upper-back": "u",
    "lower-back": "l",
    "hands": "a",
}
FILL = "▓"
ASCII_FILL = "#"
WIDTH = len(_OUTLINE[0])
HEIGHT = len(_OUTLINE)


def figure(areas: Iterable[str], *, ascii_only: bool = False) -> list[str]:
    """The outline with every blank cell of the given areas filled.

    Unknown areas (and ``whole-body``) highlight nothing: the outline alone.
    """
    zones = {ZONE_OF_AREA[a] for a in areas if a in ZONE_OF_AREA}
    fill = ASCII_FILL if ascii_only else FILL
    lines = []
    for outline, zone_row in zip(_OUTLINE, _ZONES, strict=True):
        cells = [
            fill if char == " " and zone in zones else char
            for char, zone in zip(outline, zone_row, strict=True)
        ]
        lines.append("".join(cells))
    return lines


def filled_cells(line: str) -> list[int]:
    """Columns of a figure line that are fill (for renderers that colour them)."""
    return [i for i, char in enumerate(line) if char in (FILL, ASCII_FILL)]
