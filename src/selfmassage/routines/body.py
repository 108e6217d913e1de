"""A small back-view picture of the body with the worked area filled in.

Pure text, so the live display, plain output and handouts all share it. The
outline is drawn once; a parallel map names the zone each blank cell belongs to,
and the blanks of the highlighted zones are filled: on both sides, or only on the
side worked. The picture is a back view, so the person's left is the picture's left.
The fill is visible without colour (a screen printed in black and white, NO_COLOR), not just a tint.
"""

from __future__ import annotations

from collections.abc import Iterable

from selfmassage.i18n import N_, _

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
# Columns of each half of the back view; the spine runs between them.
_HALF = {"left": range(0, WIDTH // 2), "right": range(WIDTH // 2, WIDTH)}
# Where each area is, in words, for a screen reader ("working: the left shoulder").
# Both sides, the left, the right: whole phrases, as each language words them.
_PLACE_WORDS = {
    "head-face": (
        N_("the head and face"),
        N_("the left side of the head and face"),
        N_("the right side of the head and face"),
    ),
    "neck-shoulders": (
        N_("the neck and shoulders"),
        N_("the left side of the neck and the left shoulder"),
        N_("the right side of the neck and the right shoulder"),
    ),
    "upper-back": (
        N_("the upper back"),
        N_("the left side of the upper back"),
        N_("the right side of the upper back"),
    ),
    "lower-back": (
        N_("the lower back"),
        N_("the left side of the lower back"),
        N_("the right side of the lower back"),
    ),
    "hands": (N_("both hands"), N_("the left hand"), N_("the right hand")),
}


def figure(areas: Iterable[str], *, side: str = "both", ascii_only: bool = False) -> list[str]:
    """The outline with every blank cell of the given areas filled, on ``side`` only.

    ``side`` is ``both``, ``left`` or ``right`` (the person's side, which is the
    picture's side in a back view). Unknown areas (and ``whole-body``) highlight
    nothing: the outline alone.
    """
    zones = {ZONE_OF_AREA[a] for a in areas if a in ZONE_OF_AREA}
    columns = _HALF.get(side, range(WIDTH))
    fill = ASCII_FILL if ascii_only else FILL
    lines = []
    for outline, zone_row in zip(_OUTLINE, _ZONES, strict=True):
        cells = [
            fill if char == " " and zone in zones and column in columns else char
            for column, (char, zone) in enumerate(zip(outline, zone_row, strict=True))
        ]
        lines.append("".join(cells))
    return lines


def describe(area: str, side: str = "both") -> str:
    """The worked place as words, in place of the picture: ``the left hand``.

    Areas without a picture (``whole-body``) are named as they are.
    """
    words = _PLACE_WORDS.get(area)
    if words is None:
        return _("whole body") if area == "whole-body" else area.replace("-", " ")
    both, left, right = words
    chosen = left if side == "left" else right if side == "right" else both
    return _(chosen)


def filled_cells(line: str) -> list[int]:
    """Columns of a figure line that are fill (for renderers that colour them)."""
    return [i for i, char in enumerate(line) if char in (FILL, ASCII_FILL)]
