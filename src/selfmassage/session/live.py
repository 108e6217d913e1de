"""The live display of a guided session: the Rich frame, and the screen that shows it.

One function, ``frame``, draws a whole screen from a ``session.View``. It fits
80×24 and spreads out when the terminal is bigger. Everything that moves is
derived from the view, so a paused view draws the same frame every time. Routine
text is shown literally (``text.printable`` as ``Text``), never as markup.

``LiveScreen`` keeps the session flow's ``Screen`` protocol with that frame: it
redraws only when something shown changes, sleeps until then or until a key, and
turns keys into commands.
"""

from __future__ import annotations

import contextlib
import functools
import math
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TextIO

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.live import Live
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from selfmassage.routines import body
from selfmassage.session.keys import KeyReader, KeySource
from selfmassage.session.screen import WAKE_SLACK, Command
from selfmassage.session.state import View
from selfmassage.session.view import Lines
from selfmassage.text import duration, printable

if TYPE_CHECKING:
    from selfmassage.clock import Clock
    from selfmassage.routines.model import Routine

KEYS = (
    ("space", "pause / resume"),
    ("n", "next"),
    ("b", "back"),
    ("p", "pain — stop"),
    ("q", "quit"),
    ("?", "help"),
)
HELP = (
    ("space", "pause or resume; while paused nothing moves"),
    ("n", "skip to the next step"),
    ("b", "go back to the previous step"),
    ("p", "pain: stop at once and get advice"),
    ("q", "quit (asks first)"),
    ("Ctrl-C", "stop (asks first)"),
    ("?", "show or hide this help"),
)

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


def big_digits(text: str, *, ascii_only: bool = False) -> list[str]:
    """``text`` (digits and colons) drawn three rows high."""
    font = _ASCII_DIGITS if ascii_only else _DIGITS
    rows = ["", "", ""]
    for char in text:
        glyph = font.get(char, (" ", " ", " "))
        for row in range(3):
            rows[row] += glyph[row] + " "
    return [row.rstrip() for row in rows]


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


def _figure(area: str, ascii_only: bool) -> Text:
    return _figure_cached(area, ascii_only).copy()


@functools.lru_cache(maxsize=16)
def _figure_cached(area: str, ascii_only: bool) -> Text:
    # The picture changes only with the step's area: styling it each frame would be waste.
    text = Text()
    for number, line in enumerate(body.figure([area], ascii_only=ascii_only)):
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
    text = Text("stroke ")
    text.append(f"{stroke:>3}", style="bold")
    text.append(f"  {track}  ")
    text.append(f"{tempo}/min", style="dim")
    return text


def _marks(ascii_only: bool) -> tuple[str, str]:
    """The separator and the dash, in ASCII when the terminal cannot show more."""
    return (" - ", "-") if ascii_only else (" · ", "—")


def _step_text(view: View, *, show_help: bool, roomy: bool, ascii_only: bool) -> Group:
    step = view.step
    parts: list[RenderableType] = []
    title = Text(f" {spaced_title(step.technique)} ", style="bold reverse")
    parts.append(title)
    sep, _ = _marks(ascii_only)
    heading = Text(printable(step.label), style="bold")
    heading.append(f"{sep}{printable(step.place)}")
    parts.append(heading)
    if roomy:
        parts.append(Text())
    if show_help:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, meaning in HELP:
            table.add_row(key, meaning)
        parts.append(Text("Keys", style="bold underline"))
        parts.append(table)
        return Group(*parts)
    parts.append(Text(printable(step.instruction)))
    if step.cue:
        cue = Text("Feel: ", style="bold")
        cue.append(printable(step.cue), style="italic")
        parts.append(cue)
    if step.caution:
        caution = Text("Caution: ", style="bold")
        caution.append(printable(step.caution))
        parts.append(caution)
    return Group(*parts)


def _header(view: View, title: str, width: int, ascii_only: bool) -> Text:
    left = Text(printable(title), style="bold")
    if view.paused:
        left.append(f"   PAUSED {_marks(ascii_only)[1]} space to resume", style="bold reverse")
    elif view.phase == "ready":
        left.append("   GET READY", style="bold reverse")
    right = (
        f"step {view.index + 1} of {view.count}   "
        f"{duration(int(view.routine_elapsed))} / {duration(view.routine_total)}"
    )
    gap = max(1, width - left.cell_len - len(right))
    if left.cell_len + len(right) + 1 > width:
        left.truncate(max(1, width - len(right) - 2), overflow="ellipsis")
        gap = max(1, width - left.cell_len - len(right))
    left.append(" " * gap)
    left.append(right)
    return left


@functools.lru_cache(maxsize=8)
def _footer(prompt: str | None, ascii_only: bool) -> Text:
    if prompt:
        return Text(prompt, style="bold reverse")
    sep, dash = _marks(ascii_only)
    text = Text()
    for number, (key, meaning) in enumerate(KEYS):
        if number:
            text.append(sep, style="dim")
        text.append(key, style="bold")
        text.append(f" {meaning.replace('—', dash)}")
    return text


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
    ) -> None:
        self.top, self.middle, self.bottom, self.height = top, middle, bottom, height
        self.more = more  # marks the last line shown when the middle is cut

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        options = options.reset_height()
        top = console.render_lines(Group(*self.top), options, pad=False)
        bottom = console.render_lines(Group(*self.bottom), options, pad=False)
        middle = console.render_lines(self.middle, options, pad=False)
        room = max(0, self.height - len(top) - len(bottom))
        if len(middle) > room:
            middle = middle[:room]
            if middle:
                middle[-1] = [Segment(" " * (body.WIDTH + 2) + self.more)]
        new_line = Segment.line()
        for line in (*top, *middle, *bottom):
            yield from line
            yield new_line


def frame(
    view: View,
    title: str,
    *,
    width: int = 80,
    height: int = 24,
    ascii_only: bool = False,
    prompt: str | None = None,
    show_help: bool = False,
) -> RenderableType:
    """The whole screen for one instant of the session."""
    roomy = height >= 30 and width >= 90
    if roomy:
        width -= 6  # the panel's border and padding
    step = view.step
    countdown = duration(shown_seconds(view.remaining))
    left = Text()
    left.append_text(_figure(step.area, ascii_only))
    if height >= 24:  # below that the big digits go; the step bar still counts down
        left.append("\n\n")
        digits_style = "bold" if view.paused else "bold cyan"
        left.append("\n".join(big_digits(countdown, ascii_only=ascii_only)), style=digits_style)

    right = _step_text(view, show_help=show_help, roomy=roomy, ascii_only=ascii_only)
    beat = _beat(view, ascii_only)
    main = Table.grid(padding=(0, 2), expand=True)
    main.add_column(width=body.WIDTH, no_wrap=True)
    main.add_column(ratio=1)
    main.add_row(left, Group(right, Text(), beat) if beat else right)

    bar_width = max(10, width - 22)
    if view.phase == "ready":
        step_fraction = 0.0
        step_label = f"starts in {shown_seconds(view.remaining)} s"
    else:
        step_fraction = view.step_elapsed / step.seconds if step.seconds else 1.0
        step_label = f"{duration(shown_seconds(view.remaining))} left"
    step_bar = Text("step  ")
    step_bar.append(bar(step_fraction, bar_width, ascii_only=ascii_only), style="green")
    step_bar.append(f" {step_label}")
    total_fraction = view.routine_elapsed / view.routine_total if view.routine_total else 1.0
    total_bar = Text("total ")
    total_bar.append(bar(total_fraction, bar_width, ascii_only=ascii_only), style="blue")
    total_bar.append(f" {round(total_fraction * 100):>3}%")

    notice = Text()
    if view.upcoming is not None:
        notice.append("next: ", style="bold")
        notice.append(printable(view.upcoming.label))
        upcoming = view.upcoming.place
        notice.append(f"{_marks(ascii_only)[0]}{printable(upcoming)}")
    elif view.phase == "ready":
        notice.append("first: ", style="bold")
        notice.append(printable(step.label))

    rule = Text(("-" if ascii_only else "─") * width, style="dim")
    top: list[RenderableType] = [_header(view, title, width, ascii_only), rule]
    bottom: list[RenderableType] = [Text()] if height > 24 else []
    bottom += [step_bar, total_bar, notice, _footer(prompt, ascii_only)]
    more = "..." if ascii_only else "…"
    if roomy:  # the panel's border and padding take four rows
        return Panel(_Fitted(top, main, bottom, height - 4, more), padding=(1, 2))
    return _Fitted(top, main, bottom, height, more)


COMMANDS: dict[str, Command] = {" ": "pause", "n": "next", "b": "back", "p": "pain", "q": "quit"}


class LiveScreen(Lines):
    """The steps in the live display, driven by single keys; a bell at each step."""

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
        self._live: Live | None = None
        self._title = ""
        self._drawn: tuple[object, ...] | None = None
        self._prompt: str | None = None
        self._help = False

    @property
    def console(self) -> Console:
        """The Rich console the display is drawn on (stdout unless given)."""
        if self._console is None:
            self._console = Console(file=self.stdout, highlight=False)
        return self._console

    @contextlib.contextmanager
    def playing(self, routine: Routine, clock: Clock, *, ready_seconds: int) -> Iterator[None]:
        """The display up and keys read one by one; the terminal is put back on every exit."""
        self._title = routine.title
        if self._make_keys is not None:
            source = self._make_keys()
        else:
            source = KeyReader(self.stdin, self.stdout, sleep=clock.sleep)
        with (
            source as keys,
            Live(
                console=self.console,
                auto_refresh=False,
                screen=True,
                redirect_stdout=False,
                redirect_stderr=False,
            ) as live,
        ):
            self._keys, self._live, self._drawn = keys, live, None
            try:
                yield
            finally:
                self._keys = self._live = None

    @property
    def can_confirm(self) -> bool:
        """True when keys can be read (a terminal on stdin)."""
        return self._keys is not None and self._keys.available

    def step_started(self, routine: Routine, index: int) -> None:
        """The bell, if it is on: the display itself moves on at the next ``show``."""
        if self.bell:
            self.console.bell()

    def finished(self, view: View, outcome: str) -> None:
        """Nothing: the display closes and the questions after the steps follow."""

    def show(self, view: View) -> None:
        """Draw ``view``, unless the frame on screen already shows the same."""
        shown = self._frame_key(view)
        if shown != self._drawn:
            self._stage()[1].update(self._frame(view), refresh=True)
            self._drawn = shown

    def wait(self, view: View, to_deadline: float | None) -> Command | None:
        """Wait for a key until the frame must change; the key's command, if any."""
        key = self._stage()[0].read(self._timeout(view, to_deadline))
        if key is None:
            return None
        key = key.lower()
        if key in ("?", "h"):
            self._help = not self._help
            return None
        return COMMANDS.get(key)

    def confirm(self, view: View, question: str) -> bool:
        """``question`` in place of the keys until a key is pressed: True for ``y``."""
        keys, live = self._stage()
        self._prompt = question
        live.update(self._frame(view), refresh=True)
        try:
            answer = keys.read(None)
        finally:
            self._prompt = None
        return answer is not None and answer.lower() == "y"

    def _stage(self) -> tuple[KeySource, Live]:
        if self._keys is None or self._live is None:
            raise RuntimeError("the live screen shows steps only while they are playing")
        return self._keys, self._live

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

    def _frame(self, view: View) -> RenderableType:
        console = self.console
        return frame(
            view,
            self._title,
            width=console.width,
            height=console.height,
            ascii_only=not console.encoding.lower().startswith("utf"),
            prompt=self._prompt,
            show_help=self._help,
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
