"""The live display of a guided session: the Rich frame, and the screen that shows it.

One function, ``frame``, draws a whole screen from a ``session.View``, laid out for
the terminal's size: from arm's length on a big terminal (the countdown and the
technique in block type, from 40 rows up a quarter of the height), down to a small
one, where the picture goes first, then the big digits, then the keys, never the
step's caution; below the size that holds the caution, one line asks for a bigger
window and the session runs on. Everything that moves is derived from the view, so
a paused view draws the same frame every time. Routine text is shown literally
(``text.printable`` as ``Text``), never as markup.

``LiveScreen`` keeps the session flow's ``Screen`` protocol with that frame: it
redraws only when something shown changes, sleeps until then or until a key, and
turns keys into commands.
"""

from __future__ import annotations

import contextlib
import functools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from rich.cells import get_character_cell_size
from rich.console import (
    COLOR_SYSTEMS,
    Console,
    ConsoleOptions,
    Group,
    RenderableType,
    RenderResult,
)
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from selfmassage.i18n import N_, _, current, ngettext, pgettext, pgettext_noop
from selfmassage.routines import body
from selfmassage.routines.model import technique_label
from selfmassage.session.cues import LIGHT_PRESSURE
from selfmassage.session.keys import KeyReader, KeySource
from selfmassage.session.painter import ENTER, LEAVE, Cell, Painter, Row
from selfmassage.session.screen import KEY_COMMANDS, WAKE_SLACK, Command
from selfmassage.session.state import View
from selfmassage.session.view import Lines
from selfmassage.text import duration, printable

if TYPE_CHECKING:
    from selfmassage.clock import Clock
    from selfmassage.routines.model import Routine, Step

# The keys are the same letters in every language (muscle memory, and the keyboard);
# what they do is said in the run's language (``_()`` where shown), and so is "space".
KEYS = (
    ("space", pgettext_noop("keys bar", "pause / resume")),
    ("n", pgettext_noop("keys bar", "next")),
    ("b", pgettext_noop("keys bar", "back")),
    ("p", pgettext_noop("keys bar", "pain — stop")),
    ("q", pgettext_noop("keys bar", "quit")),
    ("?", pgettext_noop("keys bar", "help")),
)
HELP = (
    ("space", N_("pause or resume; while paused nothing moves")),
    ("n", N_("skip to the next step")),
    ("b", N_("go back to the previous step")),
    ("p", N_("pain: stop at once and get advice")),
    ("q", N_("quit (asks first)")),
    ("Ctrl-C", N_("stop (asks first)")),
    ("?", N_("show or hide this help")),
)
SPACE = pgettext_noop("the key", "space")


def key_name(key: str) -> str:
    """A key as the keys bar names it: the letters as they are, "space" in the language."""
    return pgettext(*SPACE) if key == "space" else key


# Big digits, three rows high: box drawing, and a seven-segment style in ASCII.
_DIGITS = {
    "0": ("┏━┓", "┃ ┃", "┗━┛"),
    "1": ("  ┓", "  ┃", "  ╹"),
    "2": ("╺━┓", "┏━┛", "┗━╸"),
    "3": ("╺━┓", " ━┫", "╺━┛"),
    "4": ("╻ ╻", "┗━┫", "  ╹"),
    "5": ("┏━╸", "┗━┓", "╺━┛"),
    "6": ("┏━╸", "┣━┓", "┗━┛"),
    "7": ("╺━┓", "  ┃", "  ╹"),
    "8": ("┏━┓", "┣━┫", "┗━┛"),
    "9": ("┏━┓", "┗━┫", "╺━┛"),
    ":": (" ", "╻", "╹"),
}
_ASCII_DIGITS = {
    "0": (" _ ", "| |", "|_|"),
    "1": ("   ", "  |", "  |"),
    "2": (" _ ", " _|", "|_ "),
    "3": (" _ ", " _|", " _|"),
    "4": ("   ", "|_|", "  |"),
    "5": (" _ ", "|_ ", " _|"),
    "6": (" _ ", "|_ ", "|_|"),
    "7": (" _ ", "  |", "  |"),
    "8": (" _ ", "|_|", "|_|"),
    "9": (" _ ", "|_|", " _|"),
    ":": (" ", ".", "."),
}
FIGURE_FILL_STYLE = "bold red"
BEAT_TRACK = 21
QUARTER_FROM = 40  # from this many rows up, the countdown takes at least a quarter of them
MAX_SCALE = 8

# A 3×5 pixel font for the countdown and the technique name when the terminal is
# big enough: each pixel becomes a block of cells, so the type grows with the screen.
_PIXELS = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    " ": ("..", "..", "..", "..", ".."),
    "-": ("...", "...", "###", "...", "..."),
    "A": (".#.", "#.#", "###", "#.#", "#.#"),
    "B": ("##.", "#.#", "##.", "#.#", "##."),
    "C": (".##", "#..", "#..", "#..", ".##"),
    "D": ("##.", "#.#", "#.#", "#.#", "##."),
    "E": ("###", "#..", "##.", "#..", "###"),
    "F": ("###", "#..", "##.", "#..", "#.."),
    "G": (".##", "#..", "#.#", "#.#", ".##"),
    "H": ("#.#", "#.#", "###", "#.#", "#.#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"),
    "J": ("..#", "..#", "..#", "#.#", ".#."),
    "K": ("#.#", "#.#", "##.", "#.#", "#.#"),
    "L": ("#..", "#..", "#..", "#..", "###"),
    "M": ("#.#", "###", "###", "#.#", "#.#"),
    "N": ("##.", "#.#", "#.#", "#.#", "#.#"),
    "O": (".#.", "#.#", "#.#", "#.#", ".#."),
    "P": ("##.", "#.#", "##.", "#..", "#.."),
    "Q": (".#.", "#.#", "#.#", "##.", ".##"),
    "R": ("##.", "#.#", "##.", "#.#", "#.#"),
    "S": (".##", "#..", ".#.", "..#", "##."),
    "T": ("###", ".#.", ".#.", ".#.", ".#."),
    "U": ("#.#", "#.#", "#.#", "#.#", "###"),
    "V": ("#.#", "#.#", "#.#", "#.#", ".#."),
    "W": ("#.#", "#.#", "###", "###", "#.#"),
    "X": ("#.#", "#.#", ".#.", "#.#", "#.#"),
    "Y": ("#.#", "#.#", ".#.", ".#.", ".#."),
    "Z": ("###", "..#", ".#.", "#..", "###"),
    # Cyrillic, Russian and Ukrainian, for the technique's name in those languages; a
    # letter as wide as it needs to be read (Ж, Ш, Щ, Ы, Ю take more than three pixels).
    "А": (".#.", "#.#", "###", "#.#", "#.#"),
    "Б": ("###", "#..", "##.", "#.#", "##."),
    "В": ("##.", "#.#", "##.", "#.#", "##."),
    "Г": ("###", "#..", "#..", "#..", "#.."),
    "Ґ": ("..#", "###", "#..", "#..", "#.."),
    "Д": (".##.", ".#.#", ".#.#", "####", "#..#"),
    "Е": ("###", "#..", "##.", "#..", "###"),
    "Ё": ("###", "#..", "##.", "#..", "###"),
    "Є": (".##", "#..", "##.", "#..", ".##"),
    "Ж": ("#.#.#", "#.#.#", ".###.", "#.#.#", "#.#.#"),
    "З": ("##.", "..#", ".#.", "..#", "##."),
    "И": ("#..#", "#..#", "#.##", "##.#", "#..#"),
    "Й": (".##.", "#..#", "#.##", "##.#", "#..#"),
    "І": ("###", ".#.", ".#.", ".#.", "###"),
    "Ї": ("#.#", ".#.", ".#.", ".#.", ".#."),
    "К": ("#.#", "#.#", "##.", "#.#", "#.#"),
    "Л": (".##", "#.#", "#.#", "#.#", "#.#"),
    "М": ("#.#", "###", "###", "#.#", "#.#"),
    "Н": ("#.#", "#.#", "###", "#.#", "#.#"),
    "О": (".#.", "#.#", "#.#", "#.#", ".#."),
    "П": ("###", "#.#", "#.#", "#.#", "#.#"),
    "Р": ("##.", "#.#", "##.", "#..", "#.."),
    "С": (".##", "#..", "#..", "#..", ".##"),
    "Т": ("###", ".#.", ".#.", ".#.", ".#."),
    "У": ("#.#", "#.#", ".##", "..#", "##."),
    "Ф": (".#.", "###", "#.#", "###", ".#."),
    "Х": ("#.#", "#.#", ".#.", "#.#", "#.#"),
    "Ц": ("#.#.", "#.#.", "#.#.", "####", "...#"),
    "Ч": ("#.#", "#.#", ".##", "..#", "..#"),
    "Ш": ("#.#.#", "#.#.#", "#.#.#", "#.#.#", "#####"),
    "Щ": ("#.#.#.", "#.#.#.", "#.#.#.", "######", ".....#"),
    "Ъ": ("##..", ".#..", ".##.", ".#.#", ".##."),
    "Ы": ("#...#", "#...#", "##..#", "#.#.#", "##..#"),
    "Ь": ("#..", "#..", "##.", "#.#", "##."),
    "Э": ("##.", "..#", ".##", "..#", "##."),
    "Ю": ("#..#.", "#.#.#", "###.#", "#.#.#", "#..#."),
    "Я": (".##", "#.#", ".##", "#.#", "#.#"),
}
PIXEL_ROWS = 5


def big_digits(text: str, *, ascii_only: bool = False) -> list[str]:
    """``text`` (digits and colons) drawn three rows high."""
    font = _ASCII_DIGITS if ascii_only else _DIGITS
    rows = ["", "", ""]
    for char in text:
        glyph = font.get(char, (" ", " ", " "))
        for row in range(3):
            rows[row] += glyph[row] + " "
    return [row.rstrip() for row in rows]


def block_text(text: str, scale: int, *, ascii_only: bool = False) -> list[str]:
    """``text`` in block type ``5 × scale`` rows high (each pixel two cells wide per scale)."""
    fill = "#" if ascii_only else "█"
    wide, gap = 2 * scale, " " * scale
    rows = []
    for row in range(PIXEL_ROWS):
        cells = []
        for char in text.upper():
            glyph = _PIXELS.get(char, _PIXELS[" "])[row]
            cells.append("".join((fill if px == "#" else " ") * wide for px in glyph))
        line = gap.join(cells).rstrip()
        rows.extend([line] * scale)
    return rows


def has_block_type(text: str) -> bool:
    """True when every letter of ``text`` can be drawn in block type (Latin and Cyrillic)."""
    return all(char in _PIXELS for char in text.upper())


def block_width(text: str, scale: int) -> int:
    """How many columns ``block_text(text, scale)`` takes at most."""
    pixels = sum(len(_PIXELS.get(char, _PIXELS[" "])[0]) for char in text.upper())
    return pixels * 2 * scale + max(0, len(text) - 1) * scale


def spaced_title(text: str) -> str:
    """A title in large type without a font: capitals with a space between letters."""
    return " ".join(printable(text).upper())


def shown_seconds(remaining: float) -> int:
    """The countdown shows whole seconds, rounded up: 0:01 until the very end."""
    return max(0, math.ceil(remaining - 1e-9))


def bar(fraction: float, width: int, *, ascii_only: bool = False) -> str:
    """A progress bar readable without colour: filled and empty cells differ in shape."""
    fraction = min(1.0, max(0.0, fraction))
    filled = round(fraction * width)
    full, empty = ("#", "-") if ascii_only else ("█", "░")
    return full * filled + empty * (width - filled)


def beat_frame_seconds(tempo: int) -> float:
    """How often the beat is redrawn: twice a second shows up to 60 strokes a minute.

    Each redraw costs CPU (about 2.7 ms in a real terminal), so the beat moves no
    more often than it must; faster tempos get the display's limit of 4 a second.
    """
    return 0.5 if tempo <= 60 else 0.25


def beat_position(step_elapsed: float, tempo: int) -> tuple[int, int]:
    """(stroke number from 1, cell of the mark): out to the far end and back once a stroke.

    Time is taken at the start of the current beat frame, so the frame is the same
    however late the display wakes.
    """
    every = beat_frame_seconds(tempo)
    elapsed = math.floor(step_elapsed / every + 1e-9) * every
    period = 60.0 / tempo
    stroke, into = divmod(elapsed, period)
    swing = 1.0 - abs(1.0 - 2.0 * into / period)  # 0 at the stroke's start, 1 halfway
    return int(stroke) + 1, round(swing * (BEAT_TRACK - 1))


@functools.lru_cache(maxsize=16)
def _figure(area: str, side: str, ascii_only: bool) -> Text:
    """The back view with the area worked filled in (shared: never changed once made)."""
    # The picture changes only with the step's area and side: styling it each frame is waste.
    text = Text()
    for number, line in enumerate(body.figure([area], side=side, ascii_only=ascii_only)):
        if number:
            text.append("\n")
        row = Text(line)
        for column in body.filled_cells(line):
            row.stylize(FIGURE_FILL_STYLE, column, column + 1)
        text.append_text(row)
    return text


def _beat(view: View, ascii_only: bool) -> Text | None:
    tempo = view.step.tempo
    if not tempo or view.phase != "step":
        return None
    stroke, cell = beat_position(view.step_elapsed, tempo)
    line, mark = ("-", "o") if ascii_only else ("─", "●")
    track = line * cell + mark + line * (BEAT_TRACK - cell - 1)
    text = Text(pgettext("a beat's count", "stroke") + " ")
    text.append(f"{stroke:>3}", style="bold")
    text.append(f"  {track}  ")
    text.append(_("{tempo}/min").format(tempo=tempo), style="dim")
    return text


def _marks(ascii_only: bool) -> tuple[str, str]:
    """The separator and the dash, in ASCII when the terminal cannot show more."""
    return (" - ", "-") if ascii_only else (" · ", "—")


def technique_name(step: Step) -> str:
    """The step's technique as the title shows it, in the run's language."""
    return technique_label(step.technique, current())


@functools.lru_cache(maxsize=16)
def _title(technique: str, *, big: bool, ascii_only: bool) -> Text:
    """The technique: in block type on a big screen, spaced capitals otherwise (shared)."""
    if big:
        return Text("\n".join(block_text(technique, 1, ascii_only=ascii_only)), style="bold")
    return Text(f" {spaced_title(technique)} ", style="bold reverse")


def _step_text(step: Step, *, show_help: bool, ascii_only: bool) -> Group:
    """The step's name and place, then its caution first (never cut), instruction, cue."""
    sep = _marks(ascii_only)[0]
    heading = Text(printable(step.label), style="bold")
    heading.append(f"{sep}{printable(step.place)}")
    parts: list[RenderableType] = [heading]
    if show_help:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, meaning in HELP:
            table.add_row(key_name(key), _(meaning))
        parts.append(Text(pgettext("keys help", "Keys"), style="bold underline"))
        parts.append(table)
        return Group(*parts)
    if step.caution:
        caution = Text(_("Caution:") + " ", style="bold reverse")
        caution.append(printable(step.caution), style="bold")
        parts.append(caution)
    parts.append(Text(printable(step.instruction)))
    if step.cue:
        cue = Text(_("Feel:") + " ", style="bold")
        cue.append(printable(step.cue), style="italic")
        parts.append(cue)
    return Group(*parts)


def _caution_rows(step: Step, ascii_only: bool) -> Group:
    """What must always show of a step: its name and place, and its caution."""
    sep = _marks(ascii_only)[0]
    heading = Text(printable(step.label))
    heading.append(f"{sep}{printable(step.place)}")
    if not step.caution:
        return Group(heading)
    return Group(heading, Text(_("Caution:") + " " + printable(step.caution)))


def _header(view: View, title: str, width: int, ascii_only: bool) -> Text:
    """The routine, the state (paused, get ready) and where the session stands, in one row.

    When the row is too narrow (a small window, a language with longer words) the longer
    wordings give way to shorter ones, then the title goes: the state is never cut.
    """
    sep, dash = _marks(ascii_only)
    marks: tuple[str, ...] = ("",)
    if view.paused:
        marks = (_("PAUSED — space to resume").replace("—", dash), pgettext("header", "PAUSED"))
    elif view.phase == "ready":
        marks = (_("GET READY"),)
    left_time = _("{time} left").format(time=duration(shown_seconds(view.left)))
    whole = (
        _("step {number} of {count}").format(number=view.index + 1, count=view.count)
        + "   "
        + _("{time} done").format(time=duration(round(view.spent)))
        + sep
        + left_time
    )
    short = _("step {number}/{count}").format(number=view.index + 1, count=view.count)
    short += sep + left_time
    name = printable(title)
    choices = [(name, mark, right) for right in (whole, short) for mark in marks]
    choices += [("", mark, short) for mark in marks]
    for name_shown, mark, right in choices:
        left = Text(name_shown, style="bold")
        if mark:
            left.append(("   " if name_shown else "") + mark, style="bold reverse")
        if left.cell_len + len(right) + 1 <= width:
            break
    else:  # not even the state and the time fit: the time, cut as little as it must be
        left, right = Text(), short
    gap = max(1, width - left.cell_len - len(right))
    left.append(" " * gap)
    left.append(right)
    left.truncate(max(1, width), overflow="ellipsis")
    return left


def _caution_line(ascii_only: bool) -> Text:
    """The caution tier, in view all session long."""
    text = Text(f" {_(LIGHT_PRESSURE)} ", style="bold reverse")
    text.append(f" {_marks(ascii_only)[1]} " + _("today's caution, all session"))
    return text


class _KeysBar:
    """The keys and what they do, wrapped between keys, never inside one: a key is never
    left at the end of a row with its meaning on the next."""

    def __init__(self, items: tuple[Text, ...], sep: Text) -> None:
        self.items, self.sep = items, sep

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        line = Text()
        for item in self.items:
            if line.cell_len and line.cell_len + self.sep.cell_len + item.cell_len > (
                options.max_width
            ):
                yield line
                line = Text()
            if line.cell_len:
                line.append_text(self.sep)
            line.append_text(item)
        yield line


@functools.lru_cache(maxsize=8)
def _footer(prompt: str | None, ascii_only: bool, lang: str) -> RenderableType:
    """The keys bar (or the question asked) in ``lang``, the language in use."""
    if prompt:
        return Text(prompt, style="bold reverse")
    sep, dash = _marks(ascii_only)
    items = []
    for key, meaning in KEYS:
        item = Text(key_name(key), style="bold")
        item.append(f" {pgettext(*meaning).replace('—', dash)}")
        items.append(item)
    return _KeysBar(tuple(items), Text(sep, style="dim"))


@dataclass(frozen=True)
class Layout:
    """What one frame holds; the first of ``_layouts`` that fits the terminal is drawn."""

    keys: bool  # the key footer (a question asked always shows)
    picture: bool
    digits: int  # 0 none, 1 the three-row digits, n > 1 block digits of scale n - 1
    big_title: bool

    @property
    def side(self) -> bool:
        """The picture beside the text (small or no digits under it) rather than above."""
        return self.picture and self.digits <= 1

    @property
    def digit_rows(self) -> int:
        return 0 if self.digits == 0 else 3 if self.digits == 1 else PIXEL_ROWS * (self.digits - 1)


@functools.lru_cache(maxsize=8)
def _layouts(height: int) -> tuple[Layout, ...]:
    """Every layout, best first. What goes first as the terminal shrinks: the picture, then
    the digits, then the keys. Digits grow to a quarter of the height (or ten rows) before
    the title grows, then grow on."""
    quarter = math.ceil(height / 4) if height >= QUARTER_FROM else 0
    enough = max(quarter, 2 * PIXEL_ROWS)  # rows of digits that come before a big title
    options = [
        Layout(keys, picture, digits, big)
        for keys in (True, False)
        for picture in (True, False)
        for digits in range(MAX_SCALE + 1)
        for big in (True, False)
    ]

    def rank(layout: Layout) -> tuple[int, ...]:
        rows = layout.digit_rows
        return (
            layout.keys,
            layout.digits > 0,
            layout.picture,
            min(rows, enough),
            layout.big_title,
            rows,
        )

    return tuple(sorted(options, key=rank, reverse=True))


_MEASURED: dict[tuple[object, ...], int] = {}
_CHOSEN: dict[tuple[object, ...], Layout | None] = {}


def _rows(
    console: Console, options: ConsoleOptions, what: RenderableType, key: tuple[object, ...]
) -> int:
    """Rows ``what`` takes at ``options``' width; remembered by ``key`` (a step's text is fixed)."""
    key = (*key, options.max_width)
    if key not in _MEASURED:
        if len(_MEASURED) > 256:
            _MEASURED.clear()
        _MEASURED[key] = len(console.render_lines(what, options, pad=False))
    return _MEASURED[key]


_RENDERED: dict[tuple[object, ...], list[Segment]] = {}
_MEASURES: dict[tuple[object, ...], Measurement] = {}


class _Memo:
    """A part of the frame fixed all step long (the picture, the title, the step's text),
    rendered once for each set of options it meets and then replayed.

    Rendering the same words again each second (wrapping, measuring) was most of a
    frame's cost; the key names everything the part shows, the options the rest.
    """

    def __init__(self, key: tuple[object, ...], renderable: RenderableType) -> None:
        self.key, self.renderable = key, renderable

    def _options_key(self, options: ConsoleOptions) -> tuple[object, ...]:
        return (
            *self.key,
            options.max_width,
            options.min_width,
            options.height,
            options.justify,
            options.overflow,
            options.no_wrap,
            options.ascii_only,
            options.encoding,
            options.highlight,
            options.markup,
        )

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = self._options_key(options)
        segments = _RENDERED.get(key)
        if segments is None:
            if len(_RENDERED) > 256:
                _RENDERED.clear()
            segments = _RENDERED[key] = list(console.render(self.renderable, options))
        return segments

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        key = self._options_key(options)
        measure = _MEASURES.get(key)
        if measure is None:
            if len(_MEASURES) > 256:
                _MEASURES.clear()
            measure = _MEASURES[key] = Measurement.get(console, options, self.renderable)
        return measure


class _Beside:
    """Two columns: ``left`` in ``left_width`` cells (cut, never wrapped), a gap, ``right``
    wrapped in the rest of the width.

    What a two-column ``Table.grid`` draws, row for row, without the table's measuring of
    every cell each frame (most of the cost of a frame with the picture beside the text).
    """

    def __init__(
        self, left: RenderableType, right: RenderableType, left_width: int, gap: int
    ) -> None:
        self.left, self.right, self.left_width, self.gap = left, right, left_width, gap

    def fits(self, width: int) -> bool:
        """True when both columns fit in ``width``: then each row is exactly that wide."""
        return width > self.left_width + self.gap

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        """The rows, as wide as ``options`` allow, the shorter column padded with blanks."""
        cell = options.update(
            height=None, justify="left", overflow="ellipsis", highlight=False, no_wrap=False
        )
        right_width = max(1, options.max_width - self.left_width - self.gap)
        left = console.render_lines(
            self.left, cell.update(width=self.left_width, no_wrap=True), pad=True
        )
        right = console.render_lines(self.right, cell.update(width=right_width), pad=True)
        blank_left, blank_right = [Segment(" " * self.left_width)], [Segment(" " * right_width)]
        gap = Segment(" " * self.gap)
        return [
            [
                *(left[row] if row < len(left) else blank_left),
                gap,
                *(right[row] if row < len(right) else blank_right),
            ]
            for row in range(max(len(left), len(right)))
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        new_line = Segment.line()
        for line in self.lines(console, options):
            yield from line
            yield new_line


class _Frame:
    """The whole screen, laid out at render time to the terminal's size.

    Rows above (header, the caution tier) and below (bars, the next step, the keys
    or a question) are kept whole; the middle is the best layout that fits, and a
    step's text longer than that is cut at its end, so its caution (shown first)
    stays. Below the size that holds the caution, one line asks for a bigger window.
    """

    def __init__(
        self,
        view: View,
        title: str,
        *,
        width: int,
        height: int,
        ascii_only: bool,
        prompt: str | None,
        show_help: bool,
        caution: bool,
    ) -> None:
        self.view, self.title = view, title
        self.width, self.height = width, height
        self.ascii_only, self.prompt, self.show_help, self.caution = (
            ascii_only,
            prompt,
            show_help,
            caution,
        )

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        new_line = Segment.line()
        for line in self.lines(console, options):
            yield from line
            yield new_line

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        """The frame as rows of segments, each at most ``width`` cells, at most ``height``."""
        options = options.update(width=self.width, height=None).reset_height()
        view, width, ascii_only = self.view, self.width, self.ascii_only
        step = view.step
        # What is remembered between frames is remembered per language too: a test, or
        # a run, may draw the same step in English and then in Ukrainian.
        lang = current()
        technique = technique_name(step)
        top: list[RenderableType] = [_header(view, self.title, width, ascii_only)]
        rule = Text(("-" if ascii_only else "─") * width, style="dim")
        top.append(_Memo(("rule", width, ascii_only), rule))
        if self.caution:
            top.append(_Memo(("caution", ascii_only, lang), _caution_line(ascii_only)))
        top_rows = _rows(
            console,
            options,
            Group(*top),
            ("top", self.caution, self.title, view.paused, view.phase, lang),
        )
        countdown = duration(shown_seconds(view.remaining))
        longest = duration(max(step.seconds, shown_seconds(view.remaining)))
        beat = _beat(view, ascii_only)
        beat_rows = 2 if step.tempo else 0
        footer = _footer(self.prompt, ascii_only, lang)
        footer_rows = _rows(console, options, footer, ("footer", self.prompt, ascii_only, lang))
        text = _step_text(step, show_help=self.show_help, ascii_only=ascii_only)
        text_key = ("text", step, self.show_help, ascii_only, lang)
        narrow = options.update_width(max(10, width - body.WIDTH - 2))

        def fits(layout: Layout) -> int | None:
            """The rows ``layout`` needs, or ``None`` when its type is too wide."""
            bottom = 3 + (footer_rows if layout.keys or self.prompt else 0)
            title_rows = PIXEL_ROWS if layout.big_title else 1
            # The title's column: beside the picture, what the picture leaves.
            column = narrow.max_width if layout.side else width
            if layout.big_title and not (
                has_block_type(technique) and block_width(technique, 1) <= column
            ):
                return None
            if layout.side:
                left = body.HEIGHT + (1 + 3 if layout.digits == 1 else 0)
                right = title_rows + _rows(console, narrow, text, text_key) + beat_rows
                return top_rows + max(left, right) + bottom
            if layout.digits > 1:
                room = width - (body.WIDTH + 4 if layout.picture else 0)
                if block_width(longest, layout.digits - 1) > room:
                    return None
            if layout.digits == 1 and len(big_digits(longest)[0]) > width:
                return None
            art = max(body.HEIGHT if layout.picture else 0, layout.digit_rows)
            middle = title_rows + _rows(console, options, text, text_key) + (1 + art if art else 0)
            return top_rows + middle + beat_rows + bottom

        # The layout depends only on what is fixed during a step: chosen once, not each frame.
        layout_key = (
            "layout",
            step,
            self.height,
            self.show_help,
            self.prompt,
            self.caution,
            ascii_only,
            longest,
            top_rows,
            lang,
        )
        chosen: Layout | None = _CHOSEN.get((*layout_key, width))
        if (*layout_key, width) not in _CHOSEN:
            for layout in _layouts(self.height):
                needed = fits(layout)
                if needed is not None and needed <= self.height:
                    chosen = layout
                    break
            if len(_CHOSEN) > 256:
                _CHOSEN.clear()
            _CHOSEN[(*layout_key, width)] = chosen
        if chosen is None:
            # Nothing fits whole: the smallest layout, with the step's text cut at its end,
            # if its name, place and caution still fit; otherwise ask for a bigger window.
            chosen = Layout(keys=False, picture=False, digits=0, big_title=False)
            beat = None
            least = Group(_caution_rows(step, ascii_only), Text("…"))
            needed_least = (
                top_rows + 1 + _rows(console, options, least, ("least", step, ascii_only, lang)) + 3
            )
            needed_least += footer_rows if self.prompt else 0
            if needed_least > self.height:
                return self._enlarge(console, options, needed_least)

        step_bar, total_bar, notice = self._bars(chosen)
        bottom: list[RenderableType] = [step_bar, total_bar, notice]
        if chosen.keys or self.prompt:
            bottom.append(_Memo(("footer", self.prompt, ascii_only, lang), footer))
        title = _title(technique, big=chosen.big_title, ascii_only=ascii_only)
        paused_style = "bold" if view.paused else "bold cyan"
        middle: list[RenderableType]
        # The parts fixed all step long are rendered once, not each frame (``_Memo``).
        figure = _Memo(
            ("figure", step.area, step.side, ascii_only),
            _figure(step.area, step.side, ascii_only),
        )
        fixed_title = _Memo(("title", technique, chosen.big_title, ascii_only), title)
        fixed_text = _Memo(text_key, text)
        if chosen.side:
            left: RenderableType = figure
            if chosen.digits == 1:
                digits = Text()  # the style on the digits only, not on the padding after them
                digits.append(
                    "\n".join(big_digits(countdown, ascii_only=ascii_only)), style=paused_style
                )
                left = Group(figure, Text(), digits)
            right: list[RenderableType] = [fixed_title, fixed_text]
            if beat is not None:
                right += [Text(), beat]
            beside = _Beside(left, Group(*right), body.WIDTH, 2)
            middle, indent = [beside], body.WIDTH + 2
        else:
            middle, indent = [fixed_title, fixed_text], 0
            art: list[RenderableType] = []
            if chosen.picture:
                art.append(figure)
            if chosen.digits:
                rows = (
                    big_digits(countdown, ascii_only=ascii_only)
                    if chosen.digits == 1
                    else block_text(countdown, chosen.digits - 1, ascii_only=ascii_only)
                )
                art.append(Text("\n".join(rows), style=paused_style))
            if art:
                grid = Table.grid(padding=(0, 4))
                for _part in art:
                    grid.add_column(no_wrap=True)
                grid.add_row(*art)
                middle += [Text(), grid]
            if beat is not None:
                bottom.insert(0, beat)
                bottom.insert(1, Text())
        more = "..." if ascii_only else "…"
        whole = middle[0] if len(middle) == 1 else Group(*middle)
        return _Fitted(top, whole, bottom, self.height, more, indent).lines(console, options)

    def _bars(self, layout: Layout) -> tuple[Text, Text, Text]:
        view, width, ascii_only = self.view, self.width, self.ascii_only
        starts = _("starts in {seconds} s")
        ends = _("{time} left")
        if view.phase == "ready":
            step_fraction = 0.0
            step_label = starts.format(seconds=shown_seconds(view.remaining))
        else:
            seconds = view.step.seconds
            step_fraction = view.step_elapsed / seconds if seconds else 1.0
            step_label = ends.format(time=duration(shown_seconds(view.remaining)))
        names = (pgettext("progress bar", "step"), pgettext("progress bar", "total"))
        label = max(6, *(len(name) + 1 for name in names))
        # The bars leave room for the longest words after them (a step's "10:00 left"),
        # so the line never wraps in a language whose words are longer.
        after = 1 + max(len(starts.format(seconds=9)), len(ends.format(time="10:00")), 4)
        bar_width = max(10, min(width - 22, width - label - after))
        step_bar = Text(names[0].ljust(label))
        step_bar.append(bar(step_fraction, bar_width, ascii_only=ascii_only), style="green")
        step_bar.append(f" {step_label}")
        whole = view.spent + view.left
        total_fraction = view.spent / whole if whole else 1.0
        total_bar = Text(names[1].ljust(label))
        total_bar.append(bar(total_fraction, bar_width, ascii_only=ascii_only), style="blue")
        total_bar.append(f" {round(total_fraction * 100):>3}%")
        notice = Text()
        if view.upcoming is not None:
            notice.append(_("next:") + " ", style="bold")
            notice.append(printable(view.upcoming.label))
            notice.append(f"{_marks(ascii_only)[0]}{printable(view.upcoming.place)}")
        elif view.phase == "ready":
            notice.append(_("first:") + " ", style="bold")
            notice.append(printable(view.step.label))
        elif not layout.keys and not self.prompt:
            notice.append("? " + pgettext("keys bar", "keys"), style="dim")
        return step_bar, total_bar, notice

    def _enlarge(self, console: Console, options: ConsoleOptions, rows: int) -> list[list[Segment]]:
        """One line instead of the step: the window is too small to show its caution."""
        left = _("{time} left").format(time=duration(shown_seconds(self.view.remaining)))
        words = (
            ngettext(
                "Enlarge the window (about {rows} rows) to see the step and its caution",
                "Enlarge the window (about {rows} rows) to see the step and its caution",
                rows,
            ).format(rows=rows)
            + f" · {left}",
            _("Enlarge the window to see the step") + f" · {left}",
            _("Enlarge the window") + f" · {left}",
            _("Enlarge the window"),
        )
        message = next((w for w in words if len(w) <= self.width), words[-1])
        lines = console.render_lines(Text(message, style="bold"), options, pad=False)[:1]
        if self.prompt:
            lines += console.render_lines(
                Text(self.prompt, style="bold reverse"), options, pad=False
            )
        return lines[: max(1, self.height)]


class _Fitted:
    """Rows above and below kept whole; the middle cut to the lines left between them.

    A long instruction or a small terminal must never push the keys, or a question
    such as "Quit this session?", off the bottom of the screen.
    """

    def __init__(
        self,
        top: list[RenderableType],
        middle: RenderableType,
        bottom: list[RenderableType],
        height: int,
        more: str,
        indent: int = 0,
    ) -> None:
        self.top, self.middle, self.bottom, self.height = top, middle, bottom, height
        self.more = more  # marks the last line shown when the middle is cut
        self.indent = indent

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        """The rows: the top, as much of the middle as fits, the bottom."""
        options = options.reset_height()
        top = console.render_lines(Group(*self.top), options, pad=False)
        bottom = console.render_lines(Group(*self.bottom), options, pad=False)
        if isinstance(self.middle, _Beside) and self.middle.fits(options.max_width):
            middle = self.middle.lines(console, options)  # already rows: no splitting again
        else:
            middle = console.render_lines(self.middle, options, pad=False)
        room = max(0, self.height - len(top) - len(bottom))
        if len(middle) > room:
            middle = middle[:room]
            if middle:
                middle[-1] = [Segment(" " * self.indent + self.more)]
        return [*top, *middle, *bottom]


def frame(
    view: View,
    title: str,
    *,
    width: int = 80,
    height: int = 24,
    ascii_only: bool = False,
    prompt: str | None = None,
    show_help: bool = False,
    caution: bool = False,
) -> RenderableType:
    """The whole screen for one instant of the session, laid out for ``width`` × ``height``.

    ``caution``: the caution tier holds, so "light pressure, no tapping" stays in view.
    """
    return _Frame(
        view,
        title,
        width=width,
        height=height,
        ascii_only=ascii_only,
        prompt=prompt,
        show_help=show_help,
        caution=caution,
    )


# The keys of screen.KEY_COMMANDS, and the space bar pauses; help is "?", h, or h in a
# Cyrillic layout (р).
COMMANDS: dict[str, Command] = {" ": "pause", **KEY_COMMANDS}
HELP_KEYS = ("?", "h", "р")
RESIZED = "resized"  # what ``_read`` gives when the terminal changed size instead of a key


class LiveScreen(Lines):
    """The steps in the live display, driven by single keys; a bell at each step.

    Each frame is rendered to rows of cells at the terminal's size and handed to a
    ``Painter``, which writes only the cells that changed; a new size clears the screen
    and draws the frame whole. The display lives on the alternate screen with the
    cursor hidden, and leaving it (normally, on Ctrl-C, an error or ``kill``) puts
    the shell's screen and cursor back.
    """

    def __init__(
        self,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        *,
        bell: bool,
        console: Console | None = None,
        keys: Callable[[], KeySource] | None = None,
    ) -> None:
        super().__init__(stdin, stdout)
        self.bell = bell
        self._console = console
        self._make_keys = keys
        self._keys: KeySource | None = None
        self._painter: Painter | None = None
        self._resizes: int | None = None  # a pipe's read end: a byte for each SIGWINCH
        self._title = ""
        self._drawn: tuple[object, ...] | None = None
        self._rows: tuple[list[list[Segment]], list[Row]] = ([], [])
        self._prompt: str | None = None
        self._help = False
        self._caution = False

    def ask_yes_no(self, question: str) -> bool | None:
        """One key, y or n, with no Enter (the hands are on the neck); Enter or EOF: None.

        Without a terminal to read keys from, a typed line, as in plain mode.
        """
        reader = self._make_keys() if self._make_keys is not None else KeyReader(self.stdin)
        with reader as keys:
            if not keys.available:
                return super().ask_yes_no(question)
            self.stdout.write(self.wrapped(question) + " ")
            self.stdout.flush()
            while True:
                key = keys.read(None)
                if key is None:  # with no timeout, only the end of input returns nothing
                    self.say("")
                    return None
                if key.lower() in ("y", "n"):
                    self.say(key.lower())
                    return key.lower() == "y"
                if key in ("\r", "\n", "\x04"):
                    self.say("")
                    return None

    @property
    def console(self) -> Console:
        """The Rich console the display is drawn on (stdout unless given)."""
        if self._console is None:
            self._console = Console(file=self.stdout, highlight=False)
        return self._console

    @contextlib.contextmanager
    def playing(
        self, routine: Routine, clock: Clock, *, ready_seconds: int, caution: bool
    ) -> Iterator[None]:
        """The display up and keys read one by one; the terminal is put back on every exit."""
        self._title, self._caution = routine.title, caution
        if self._make_keys is not None:
            source = self._make_keys()
        else:
            source = KeyReader(self.stdin, self.stdout, sleep=clock.sleep)
        with source as keys, self._on_screen(), self._resize_signals(keys):
            self._keys, self._drawn = keys, None
            try:
                yield
            finally:
                self._keys = None

    @contextlib.contextmanager
    def _on_screen(self) -> Iterator[None]:
        """The alternate screen, cursor hidden, while the steps run; the shell's screen after."""
        self._painter, self._rows = Painter(), ([], [])
        self._write(ENTER)
        try:
            yield
        finally:
            self._painter = None
            with contextlib.suppress(OSError, ValueError):  # a closed terminal has no screen
                self._write(LEAVE)

    @contextlib.contextmanager
    def _resize_signals(self, keys: KeySource) -> Iterator[None]:
        """A byte in a pipe for each SIGWINCH, so a wait for a key ends at a resize.

        Only for real keys in the main thread, where signals can be caught; elsewhere a
        new size is still drawn, at the next frame.
        """
        import signal

        winch = getattr(signal, "SIGWINCH", None)
        if winch is None or self._make_keys is not None or not keys.available:
            yield
            return
        import os

        read_end, write_end = os.pipe()
        os.set_blocking(read_end, False)
        os.set_blocking(write_end, False)

        def resized(signum: int, frame: object) -> None:
            with contextlib.suppress(OSError):  # a full pipe already says "resized"
                os.write(write_end, b"w")

        try:
            previous = signal.signal(winch, resized)
        except ValueError:  # not the main thread
            os.close(read_end)
            os.close(write_end)
            yield
            return
        self._resizes = read_end
        try:
            yield
        finally:
            signal.signal(winch, previous)
            self._resizes = None
            os.close(read_end)
            os.close(write_end)

    @property
    def can_confirm(self) -> bool:
        """True when keys can be read (a terminal on stdin)."""
        return self._keys is not None and self._keys.available

    def step_started(self, routine: Routine, index: int, spent: float) -> None:
        """The bell, if it is on: the display itself moves on at the next ``show``."""
        if self.bell:
            self.console.bell()

    def finished(self, view: View, outcome: str) -> None:
        """Nothing: the display closes and the questions after the steps follow."""

    def show(self, view: View) -> None:
        """Draw ``view``, unless the frame on screen already shows the same."""
        shown = self._frame_key(view)
        if shown != self._drawn:
            self._paint(view)
            self._drawn = shown

    def wait(self, view: View, to_deadline: float | None) -> Command | None:
        """Wait for a key until the frame must change; the key's command, if any.

        A new terminal size ends the wait too (no command): the next frame is drawn
        whole at the new size.
        """
        key = self._read(self._timeout(view, to_deadline))
        if key is None or key == RESIZED:
            return None
        key = key.lower()
        if key in HELP_KEYS:
            self._help = not self._help
            return None
        return COMMANDS.get(key)

    def confirm(self, view: View, question: str) -> bool:
        """``question`` in place of the keys until a key is pressed: True for ``y``."""
        self._prompt = question
        try:
            self._paint(view)
            answer = self._read(None)
            while answer == RESIZED:
                self._paint(view)
                answer = self._read(None)
        finally:
            # The question is on screen: the next ``show`` draws the keys back, even when
            # nothing else changed (a paused session that goes on being paused).
            self._prompt, self._drawn = None, None
        return answer is not None and answer.lower() == "y"

    def _read(self, timeout: float | None) -> str | None:
        """The next key, ``RESIZED``, or ``None`` when ``timeout`` seconds pass first."""
        keys = self._stage()[0]
        if self._resizes is None:
            return keys.read(timeout)
        import select

        key = keys.read(0)  # keys typed together are handed out one by one
        if key is not None:
            return key
        ready = select.select([self.stdin.fileno(), self._resizes], [], [], timeout)[0]
        if self._resizes in ready:
            import os

            with contextlib.suppress(OSError):
                os.read(self._resizes, 64)
            return RESIZED
        return keys.read(0) if ready else None

    def _stage(self) -> tuple[KeySource, Painter]:
        if self._keys is None or self._painter is None:
            raise RuntimeError("the live screen shows steps only while they are playing")
        return self._keys, self._painter

    def _paint(self, view: View) -> None:
        """The frame for ``view`` at the terminal's size, written as the cells that changed."""
        painter = self._stage()[1]
        console = self.console
        width, height = console.size
        # The frame's own rows: rendering it as a renderable would split them into rows again.
        lines = self._frame(view, width, height).lines(console, console.options)[:height]
        rows = self._cells(lines)
        try:
            self._write(painter.paint(rows, width, height))
        except BaseException:
            painter.invalidate()  # not known what reached the screen: draw it whole next
            raise

    def _cells(self, lines: list[list[Segment]]) -> list[Row]:
        """Each line as the painter's cells; a line that did not change keeps its cells."""
        before_lines, before_rows = self._rows
        rows = [
            before_rows[number]
            if number < len(before_lines) and line == before_lines[number]
            else _row(line, self.console)
            for number, line in enumerate(lines)
        ]
        self._rows = (lines, rows)
        return rows

    def _write(self, text: str) -> None:
        if text:
            file = self.console.file
            file.write(text)
            file.flush()

    def _frame_key(self, view: View) -> tuple[object, ...]:
        """Everything a frame shows that can change; a frame is drawn only when it does."""
        beat = None
        if view.phase == "step" and view.step.tempo:
            beat = beat_position(view.step_elapsed, view.step.tempo)
        return (
            view.phase,
            view.index,
            view.paused,
            shown_seconds(view.remaining),
            beat,
            view.upcoming is not None,
            self._prompt,
            self._help,
            self.console.size,
        )

    def _frame(self, view: View, width: int, height: int) -> _Frame:
        console = self.console
        return _Frame(
            view,
            self._title,
            width=width,
            height=height,
            ascii_only=not console.encoding.lower().startswith("utf"),
            prompt=self._prompt,
            show_help=self._help,
            caution=self._caution,
        )

    @staticmethod
    def _timeout(view: View, to_deadline: float | None) -> float | None:
        """Seconds until something on screen changes; ``None`` while paused (wait for a key)."""
        if to_deadline is None:
            return None
        waits = [to_deadline]
        fraction = view.remaining - math.floor(view.remaining)
        waits.append(fraction if fraction > 1e-6 else 1.0)
        if view.phase == "step" and view.step.tempo:
            every = beat_frame_seconds(view.step.tempo)
            waits.append(every - view.step_elapsed % every)
        return max(0.0, min(waits)) + WAKE_SLACK


def _row(line: list[Segment], console: Console) -> Row:
    """One rendered line as cells: a character each (a wide one takes two), with its SGR."""
    cells: list[Cell] = []
    for text, style, control in line:
        if control:
            continue
        sgr = _sgr(style, console.color_system, console.no_color) if style else ""
        marks, parts = _split_cells(text)
        if marks and cells:  # combining marks at the start join the character before them
            at = len(cells) - 2 if cells[-1][0] == "" and len(cells) > 1 else len(cells) - 1
            cells[at] = (cells[at][0] + marks, cells[at][1])
        cells.extend([(part, sgr) for part in parts])
    return tuple(cells)


@functools.lru_cache(maxsize=1024)
def _split_cells(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` as (combining marks before its first character, what each cell shows).

    A wide character's second cell shows ``""``; a combining mark joins its character.
    """
    marks, cells = "", list[str]()
    for character in text:
        size = get_character_cell_size(character)
        if size == 0:
            if not cells:
                marks += character
            elif cells[-1] == "" and len(cells) > 1:
                cells[-2] += character
            else:
                cells[-1] += character
        else:
            cells.append(character)
            if size == 2:
                cells.append("")
    return marks, tuple(cells)


@functools.lru_cache(maxsize=256)
def _sgr(style: Style, color_system: str | None, no_color: bool) -> str:
    """The SGR parameters Rich would write for ``style`` on this terminal (``"1;36"``)."""
    if color_system is None:
        return ""
    if no_color:
        style = style.without_color
    rendered = style.render("x", color_system=COLOR_SYSTEMS[color_system])
    return rendered[2 : rendered.index("m")] if rendered.startswith("\x1b[") else ""
