"""Styled terminal text without Rich: bold, dim, italic and colour, as ANSI only on a terminal.

Importing Rich costs about as much as the rest of a command's start-up, so the views
that print at start-up (``show``, ``screen``, ``recommend``, the first questions of
``start``) draw with this module and ``textable`` instead; only the live display of a
session keeps Rich. ``Text`` is runs of text, each in one style; every run goes
through ``text.printable`` when it is made, so text from a file or a person can never
inject a terminal escape. ``Out`` is a stream with a width and a colour choice: it
wraps what it prints to the width and adds ANSI styles only when the stream is a
terminal, ``NO_COLOR`` is empty and ``TERM`` is not ``dumb``.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Protocol, TextIO

from selfmassage.text import printable, terminal_columns

# The styles the views use, as SGR codes; a style is these words joined by spaces.
_CODES = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "green": "32", "yellow": "33"}


def cell_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide East Asian characters count 2, marks 0."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


class Text:
    """Text in runs of one style each (``"bold"``, ``"dim italic"``, ``"red"``, ``""``).

    Made with ``styled``; joined with ``+``. May hold newlines: ``lines`` wraps each
    paragraph on its own. (Plain classes here, not dataclasses: each dataclass costs
    start-up time to build.)
    """

    __slots__ = ("runs",)

    def __init__(self, runs: tuple[tuple[str, str], ...] = ()) -> None:
        self.runs = runs

    def __repr__(self) -> str:
        return f"Text({self.runs!r})"

    @property
    def plain(self) -> str:
        """The text without its styles."""
        return "".join(text for text, _ in self.runs)

    @property
    def cells(self) -> int:
        """Terminal columns the text takes on one line."""
        return cell_width(self.plain)

    def __add__(self, other: Text | str) -> Text:
        return Text(self.runs + (styled(other).runs if isinstance(other, str) else other.runs))

    def __radd__(self, other: str) -> Text:
        return styled(other) + self

    def slice(self, start: int, end: int) -> Text:
        """The characters from ``start`` to ``end`` of ``plain``, keeping their styles."""
        runs = []
        at = 0
        for text, style in self.runs:
            piece = text[max(start - at, 0) : max(end - at, 0)]
            if piece:
                runs.append((piece, style))
            at += len(text)
        return Text(tuple(runs))

    def paragraphs(self) -> list[Text]:
        """The text cut at its newlines."""
        found = []
        start = 0
        plain = self.plain
        while (end := plain.find("\n", start)) != -1:
            found.append(self.slice(start, end))
            start = end + 1
        found.append(self.slice(start, len(plain)))
        return found

    def lines(self, width: int) -> list[Text]:
        """Each paragraph wrapped to ``width`` columns at spaces; a word longer than a line is cut.

        The same greedy rule as ``text.wrap``, counted in terminal cells, so styles can
        follow each character to its line.
        """
        out: list[Text] = []
        for paragraph in self.paragraphs():
            out.extend(paragraph.slice(a, b) for a, b in _breaks(paragraph.plain, max(width, 1)))
        return out

    def pad(self, width: int, *, right: bool = False) -> Text:
        """The text with spaces added (after it, or before it with ``right``) to ``width``."""
        space = Text(((" " * max(width - self.cells, 0), ""),))
        return space + self if right else self + space

    def render(self, colour: bool) -> str:
        """The text for the terminal: with ANSI styles when ``colour``, else plain."""
        if not colour:
            return self.plain
        parts = []
        for text, style in self.runs:
            codes = ";".join(_CODES[word] for word in style.split() if word in _CODES)
            parts.append(f"\x1b[{codes}m{text}\x1b[0m" if codes and text else text)
        return "".join(parts)


def _breaks(plain: str, width: int) -> Iterator[tuple[int, int]]:
    """Where each line of one paragraph starts and ends: breaks at spaces, leading spaces kept."""
    start = end = used = 0  # the line so far is plain[start:end], ``used`` cells wide
    for word_start, word_end in _words(plain):
        gap = cell_width(plain[end:word_start])
        word = cell_width(plain[word_start:word_end])
        if end > start and used + gap + word > width:
            yield start, end
            start = end = word_start
            used = gap = 0
        if used + gap + word <= width:
            end, used = word_end, used + gap + word
            continue
        # A word wider than a line: cut it where the line is full, as many times as it takes.
        used += gap
        for index in range(word_start, word_end):
            char = cell_width(plain[index])
            if used + char > width and index > start:
                yield start, index
                start, used = index, 0
            used += char
        end = word_end
    yield start, end


def _words(plain: str) -> Iterator[tuple[int, int]]:
    start = None
    for index, char in enumerate(plain):
        if char == " ":
            if start is not None:
                yield start, index
                start = None
        elif start is None:
            start = index
    if start is not None:
        yield start, len(plain)


def styled(text: str, style: str = "") -> Text:
    """``text`` in one style, shown literally: control characters become visible escapes."""
    return Text(((printable(text).replace("\t", " "), style),)) if text else Text()


def bold(text: str) -> Text:
    """A line that stands out."""
    return styled(text, "bold")


def dim(text: str) -> Text:
    """A line that stays in the background."""
    return styled(text, "dim")


class Block(Protocol):
    """Anything laid out as lines at a given width: a ``Text``, a panel, a table."""

    def lines(self, width: int) -> list[Text]:
        """The lines at ``width`` columns."""
        ...


class Stack:
    """Blocks one under the other."""

    __slots__ = ("parts",)

    def __init__(self, parts: tuple[Block, ...]) -> None:
        self.parts = parts

    def lines(self, width: int) -> list[Text]:
        """Each part's lines in turn."""
        return [line for part in self.parts for line in part.lines(width)]


def stack(*parts: Block | str) -> Stack:
    """``parts`` one under the other; a string is a plain line."""
    return Stack(tuple(styled(part) if isinstance(part, str) else part for part in parts))


def wants_colour(stream: TextIO) -> bool:
    """ANSI styles only on a terminal, without ``NO_COLOR`` (no-color.org), not ``TERM=dumb``."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Out:
    """Where a view prints: a stream (stdout by default, looked up at each write), a width, colour.

    ``width`` defaults to the terminal's (``text.terminal_columns``), ``colour`` to
    ``wants_colour``; tests pass a buffer and both.
    """

    def __init__(
        self,
        file: TextIO | None = None,
        *,
        width: int | None = None,
        colour: bool | None = None,
        stderr: bool = False,
    ) -> None:
        self._file = file
        self._width = width
        self._colour = colour
        self._stderr = stderr

    @property
    def file(self) -> TextIO:
        """The stream, resolved now: a test runner may swap ``sys.stdout`` after this was made."""
        if self._file is not None:
            return self._file
        return sys.stderr if self._stderr else sys.stdout

    @property
    def width(self) -> int:
        """Columns to lay out in."""
        return self._width if self._width is not None else terminal_columns()

    @property
    def colour(self) -> bool:
        """Whether styles are written as ANSI codes."""
        return self._colour if self._colour is not None else wants_colour(self.file)

    def print(self, *items: Block | str, wrap: bool = True) -> None:
        """Each item laid out to the width (a string is plain text); no items: an empty line.

        ``wrap=False`` keeps each line whole (a warning a script may grep).
        """
        lines: list[Text] = []
        for item in items or ("",):
            block = styled(item) if isinstance(item, str) else item
            if wrap:
                lines.extend(block.lines(self.width))
            elif isinstance(block, Text):
                lines.extend(block.paragraphs())
            else:
                lines.extend(block.lines(sys.maxsize))
        self.write_lines(lines)

    def write_lines(self, lines: Iterable[Text]) -> None:
        """Lines already laid out, each ended by a newline."""
        colour = self.colour
        self.file.write("".join(line.render(colour) + "\n" for line in lines))
        self.file.flush()

    def input(self, prompt: str) -> str:
        """The prompt, then one typed line; ``EOFError`` when input has ended."""
        shown = printable(prompt)
        if self._file is None and not self._stderr:
            # input() itself writes the prompt to stdout, so line editing knows its length.
            return input(shown)
        self.file.write(shown)
        self.file.flush()
        return input()
