"""Plain-text tables, for listings that must start fast: the one home of table drawing.

Importing Rich costs about as much as the rest of start-up together, so the
``routines`` listing draws its box table here (same look as a Rich table: heavy
header, light body, cells wrapped to fit the terminal), and ``history`` and ``stats``
their lined-up columns. Cell text must already be safe to print (``text.printable``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from selfmassage.text import wrap


def cell_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide East Asian characters count 2, marks 0."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(wrap(paragraph, width))
    # textwrap counts characters; a wide character may still overflow, so cut by cells.
    return [_cut(line, width) for line in lines]


def _cut(line: str, width: int) -> str:
    while cell_width(line) > width:
        line = line[:-1]
    return line


def _widths(headers: Sequence[str], rows: Sequence[Sequence[str]], room: int) -> list[int]:
    """Natural column widths, narrowed (widest first) until the table fits ``room``.

    No column narrows below its header or its longest word: on a very narrow
    terminal the table runs wider rather than cutting ids and words in pieces.
    """
    columns = list(zip(headers, *rows, strict=True))
    widths = [
        max(cell_width(line) for cell in col for line in cell.splitlines() or [""])
        for col in columns
    ]
    floors = [
        max(cell_width(word) for cell in col for word in cell.split() or [""]) for col in columns
    ]
    while sum(widths) > room:
        shrinkable = [i for i, w in enumerate(widths) if w > floors[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def box_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    width: int,
    title: str | None = None,
    right: Sequence[int] = (),
) -> list[str]:
    """The table as lines of text at most ``width`` columns wide, when the words fit.

    ``right`` lists the columns whose cells are right-aligned (numbers).
    """
    room = max(width - (3 * len(headers) + 1), len(headers))  # borders and padding
    widths = _widths(headers, rows, room)

    def rule(left: str, fill: str, cross: str, end: str) -> str:
        return left + cross.join(fill * (w + 2) for w in widths) + end

    def line(cells: Sequence[str], bar: str) -> list[str]:
        wrapped = [_wrap(cell, w) for cell, w in zip(cells, widths, strict=True)]
        height = max(len(w) for w in wrapped)
        out = []
        for n in range(height):
            parts = []
            for i, (lines, w) in enumerate(zip(wrapped, widths, strict=True)):
                text = lines[n] if n < len(lines) else ""
                pad = " " * (w - cell_width(text))
                parts.append(f" {pad}{text} " if i in right else f" {text}{pad} ")
            out.append(bar + bar.join(parts) + bar)
        return out

    table = [rule("┏", "━", "┳", "┓"), *line(headers, "┃"), rule("┡", "━", "╇", "┩")]
    for row in rows:
        table.extend(line(row, "│"))
    table.append(rule("└", "─", "┴", "┘"))
    if title is not None:
        table.insert(0, title)
    return table


def column_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, right: Iterable[int] = ()
) -> list[str]:
    """Columns lined up under a header, two spaces apart, no box: ``history`` and ``stats``.

    Cells are counted in characters, not terminal cells: these tables hold dates,
    numbers and routine ids. ``right`` names the columns aligned to the right.
    """
    right = set(right)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines
