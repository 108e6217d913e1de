"""Tables and boxes in text, for views that must start fast: the one home of table drawing.

Importing Rich costs about as much as the rest of start-up together, so the views
draw here: box tables (the same look as a Rich table: heavy header, light body,
cells wrapped to fit the terminal) for ``routines`` and ``show``, panels (a rounded
box with a title, like Rich's) for ``show``, the screening and ``recommend``, a
borderless label grid and bullets, and the lined-up columns of ``history`` and
``stats``. Styled cells are ``style.Text``; plain cells of ``box_table`` must
already be safe to print (``text.printable``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from selfmassage.style import Block, Text, bold, cell_width, styled

__all__ = [
    "Panel",
    "box_table",
    "bullets",
    "cell_width",
    "column_table",
    "grid",
    "styled_table",
]


def _widths(
    headers: Sequence[Text],
    rows: Sequence[Sequence[Text]],
    room: int,
    widest: Mapping[int, int],
) -> list[int]:
    """Natural column widths (at most ``widest``), narrowed widest first until they fit ``room``.

    No column narrows below its header or its longest word: on a very narrow
    terminal the table runs wider rather than cutting ids and words in pieces.
    """
    columns = [[cell.plain for cell in col] for col in zip(headers, *rows, strict=True)]
    floors = [
        max(cell_width(word) for cell in col for word in cell.split() or [""]) for col in columns
    ]
    widths = [
        max(floors[i], min(widest.get(i, room), natural))
        for i, natural in enumerate(
            max(cell_width(line) for cell in col for line in cell.splitlines() or [""])
            for col in columns
        )
    ]
    while sum(widths) > room:
        shrinkable = [i for i, w in enumerate(widths) if w > floors[i]]
        if not shrinkable:
            break
        widest_now = max(shrinkable, key=lambda i: widths[i])
        widths[widest_now] -= 1
    return widths


def styled_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Text]],
    *,
    width: int,
    title: Text | None = None,
    right: Sequence[int] = (),
    widest: Mapping[int, int] | None = None,
    rules: bool = False,
) -> list[Text]:
    """A box table (heavy bold header, light body, like Rich's) in lines at most ``width`` wide.

    Cells are wrapped to their column, keeping their styles; the table is at most
    ``width`` columns when the words fit. ``right`` lists the right-aligned columns
    (numbers); ``widest`` caps a column's width (by index); ``rules`` draws a line
    between rows.
    """
    head = [bold(h) for h in headers]
    room = max(width - (3 * len(headers) + 1), len(headers))  # borders and padding
    widths = _widths(head, rows, room, widest or {})

    def rule(left: str, fill: str, cross: str, end: str) -> Text:
        return styled(left + cross.join(fill * (w + 2) for w in widths) + end)

    def line(cells: Sequence[Text], bar: str) -> list[Text]:
        wrapped = [cell.lines(w) for cell, w in zip(cells, widths, strict=True)]
        height = max(len(w) for w in wrapped)
        out = []
        for n in range(height):
            row = styled(bar)
            for i, (lines, w) in enumerate(zip(wrapped, widths, strict=True)):
                text = lines[n] if n < len(lines) else Text()
                row = row + " " + text.pad(w, right=i in right) + (" " + bar)
            out.append(row)
        return out

    table = [rule("┏", "━", "┳", "┓"), *line(head, "┃"), rule("┡", "━", "╇", "┩")]
    for number, row in enumerate(rows):
        if rules and number:
            table.append(rule("├", "─", "┼", "┤"))
        table.extend(line(row, "│"))
    table.append(rule("└", "─", "┴", "┘"))
    if title is not None:
        table.insert(0, title)
    return table


def box_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    width: int,
    title: str | None = None,
    right: Sequence[int] = (),
) -> list[str]:
    """The table as lines of plain text at most ``width`` columns wide, when the words fit.

    ``right`` lists the columns whose cells are right-aligned (numbers).
    """
    lines = styled_table(
        headers,
        [[styled(cell) for cell in row] for row in rows],
        width=width,
        title=None if title is None else styled(title),
        right=right,
    )
    return [line.plain for line in lines]


def grid(rows: Sequence[tuple[Text, Text]], width: int, *, gap: int = 2) -> list[Text]:
    """Two columns without borders: a label, then its value wrapped under itself.

    The labels' column is as wide as the widest label; ``gap`` spaces follow it.
    """
    label_width = max((label.cells for label, _ in rows), default=0)
    room = max(width - label_width - gap, 1)
    out = []
    for label, value in rows:
        for n, line in enumerate(value.lines(room)):
            first = label if n == 0 else Text()
            out.append(first.pad(label_width + gap) + line)
    return out


def bullets(items: Sequence[Text], width: int) -> list[Text]:
    """Each item after a bullet, its wrapped lines indented under its first."""
    return grid([(styled("•"), item) for item in items], width, gap=1)


class Panel:
    """A body in a rounded box with a title on its top border, like Rich's ``Panel``.

    ``border`` is the style of the box and the title (a colour); ``fit`` makes the
    box as narrow as its body, else it takes the whole width.
    """

    __slots__ = ("body", "border", "fit", "title")

    def __init__(
        self, body: Block, *, title: str | None = None, border: str = "", fit: bool = False
    ) -> None:
        self.body = body
        self.title = title
        self.border = border
        self.fit = fit

    def lines(self, width: int) -> list[Text]:
        """The box at ``width`` columns (wider only if a line of the body cannot wrap)."""
        inner = max(width - 4, 1)
        body = self.body.lines(inner)
        heading = Text() if self.title is None else styled(f" {self.title} ", self.border)
        if self.fit:
            inner = max([line.cells for line in body] + [heading.cells - 1])
        inner = max([inner] + [line.cells for line in body])
        edge = self.border
        top = styled("╭─", edge) + heading + styled("─" * (inner + 1 - heading.cells) + "╮", edge)
        bottom = styled("╰" + "─" * (inner + 2) + "╯", edge)
        middle = [styled("│ ", edge) + line.pad(inner) + styled(" │", edge) for line in body]
        return [top, *middle, bottom]


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
