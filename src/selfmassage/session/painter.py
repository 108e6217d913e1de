"""Only what changed: a screen of cells kept as the terminal shows it, and the least output
that brings it up to the next frame.

The live display redraws once a second (twice or four times for a beat), while a few
cells change each time: the seconds, a bar's end, the beat's mark. ``Painter`` keeps the
rows it last wrote and, for a new frame, writes only the runs of cells that differ, each
after a cursor move, so a session sends about as many bytes as a terminal countdown.
It knows nothing of Rich: the live display hands it rows of cells, each cell the text it
shows and the SGR parameters of its style (``"1;36"``; ``""`` for the plain style), and a
wide character's second cell as ``""`` text. A new size, or ``invalidate``, clears the
screen and draws the whole frame again.

The escape sequences are the common VT100/xterm ones (cursor position, erase in line,
erase in display, the alternate screen, cursor visibility, autowrap).
"""

from __future__ import annotations

from collections.abc import Sequence

Cell = tuple[str, str]  # (the text the cell shows, the SGR parameters of its style)
Row = tuple[Cell, ...]
BLANK: Cell = (" ", "")

# The alternate screen (the shell's screen comes back as it was), the cursor hidden, and
# autowrap off: a row that ever meets a narrower terminal is cut, never scrolls the screen.
ENTER = "\x1b[?1049h\x1b[?25l\x1b[?7l"
LEAVE = "\x1b[0m\x1b[?7h\x1b[?25h\x1b[?1049l"
CLEAR = "\x1b[0m\x1b[H\x1b[2J"
ERASE_TO_END = "\x1b[K"
RESET = "\x1b[0m"
# Unchanged cells between two changed ones are written over rather than jumped when there
# are fewer than this many: a cursor move costs about as many bytes.
GAP = 8


class Painter:
    """The screen as last written, and the output that changes it to a new frame."""

    def __init__(self) -> None:
        self._rows: list[Row] = []
        self._size: tuple[int, int] | None = None

    def invalidate(self) -> None:
        """Forget what is on screen: the next frame is drawn whole, on a cleared screen."""
        self._size = None

    def paint(self, rows: Sequence[Row], width: int, height: int) -> str:
        """The output that turns the screen into ``rows`` (cut to ``width`` × ``height``)."""
        out: list[str] = []
        if self._size != (width, height):
            out.append(CLEAR)
            self._rows, self._size = [], (width, height)
        new = [_cut(row, width) for row in rows[:height]]
        old = self._rows
        for number in range(max(len(new), len(old))):
            before = old[number] if number < len(old) else ()
            after = new[number] if number < len(new) else ()
            if before != after:
                _row_output(number, before, after, out)
        self._rows = new
        return "".join(out)


def _row_output(number: int, before: Row, after: Row, out: list[str]) -> None:
    """Appends to ``out`` what rewrites row ``number`` from ``before`` to ``after``."""
    length = _trimmed(after)
    span = max(_trimmed(before), length)
    spans: list[list[int]] = []
    for column in range(span):
        old = before[column] if column < len(before) else BLANK
        new = after[column] if column < length else BLANK
        if old != new:
            if spans and column - spans[-1][1] <= GAP:
                spans[-1][1] = column
            else:
                spans.append([column, column])
    for start, end in spans:
        # Never start or end in the middle of a wide character, old or new.
        while start > 0 and (_continues(before, start) or _continues(after, start)):
            start -= 1
        while _continues(before, end + 1) or _continues(after, end + 1):
            end += 1
        out.append(f"\x1b[{number + 1};{start + 1}H")
        style = ""
        for column in range(start, min(end + 1, length)):
            text, sgr = after[column]
            if sgr != style:
                out.append(f"\x1b[0;{sgr}m" if sgr else RESET)
                style = sgr
            out.append(text)
        if style:
            out.append(RESET)
        if end >= length:  # the rest of the row is blank now: erase it (plain style)
            out.append(ERASE_TO_END)
            return


def _cut(row: Row, width: int) -> Row:
    """``row`` in at most ``width`` cells; half a wide character left at the edge is a blank."""
    if len(row) <= width:
        return row
    cut = row[:width]
    if row[width][0] == "" and cut[-1][0]:
        return (*cut[:-1], BLANK)
    return cut


def _trimmed(row: Row) -> int:
    """The length of ``row`` without its trailing blank cells."""
    length = len(row)
    while length and row[length - 1] == BLANK:
        length -= 1
    return length


def _continues(row: Row, column: int) -> bool:
    """True when ``column`` of ``row`` is the second cell of a wide character."""
    return 0 <= column < len(row) and row[column][0] == ""
