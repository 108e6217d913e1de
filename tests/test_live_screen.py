"""The live screen on a terminal: every frame reaches the screen whole, by the cells that
changed; a new size is drawn whole; the shell's screen and cursor come back on every exit.

A small VT emulator (pyte) stands for the terminal; what it shows is compared with the
frame as Rich draws it on its own (``frame``), row for row.
"""

from __future__ import annotations

import io
from types import TracebackType

import pyte
import pytest
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from selfmassage.routines.model import Routine
from selfmassage.session.live import LiveScreen, _Beside, frame
from selfmassage.session.painter import CLEAR, ENTER, LEAVE
from selfmassage.session.state import Session, View
from sessionkit import FakeClock, make_routine


class Keys:
    """A key source that presses ``answer`` whenever a key is waited for."""

    available = True

    def __init__(self, answer: str | None = None) -> None:
        self.answer = answer

    def __enter__(self) -> Keys:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        pass

    def read(self, timeout: float | None) -> str | None:
        return self.answer


class Display:
    """A live screen writing to a console of a given size, and the terminal it draws on."""

    def __init__(self, routine: Routine, width: int = 80, height: int = 24, **keys: str) -> None:
        self.routine, self.clock = routine, FakeClock()
        self.out = io.StringIO()
        self.console = Console(
            file=self.out, force_terminal=True, width=width, height=height, color_system=None
        )
        self.screen = LiveScreen(
            io.StringIO(),
            io.StringIO(),
            bell=False,
            console=self.console,
            keys=lambda: Keys(**keys),
        )
        self.terminal = pyte.Screen(width, height)
        self.stream = pyte.Stream(self.terminal)
        self.session = Session(routine, self.clock)
        self.session.start()
        self.read = 0

    def view(self, seconds: float = 0.0) -> View:
        self.clock.advance(seconds)
        self.session.tick()
        return self.session.view()

    def written(self) -> str:
        """What was written since last asked, fed to the terminal."""
        text = self.out.getvalue()[self.read :]
        self.read += len(text)
        self.stream.feed(text)
        return text

    def resize(self, width: int, height: int) -> None:
        self.written()
        self.console.size = (width, height)
        self.terminal.resize(height, width)

    def shown(self) -> list[str]:
        self.written()
        return [line.rstrip() for line in self.terminal.display]

    def expected(self, view: View, **options: object) -> list[str]:
        width, height = self.console.size
        console = Console(
            record=True, width=width, height=height, force_terminal=True, color_system=None
        )
        console.print(frame(view, self.routine.title, width=width, height=height, **options))  # type: ignore[arg-type]
        lines = [line.rstrip() for line in console.export_text().splitlines()]
        return lines + [""] * (height - len(lines))


BEAT = make_routine(20, 20, 20, tempo=30)
QUIET = make_routine(20, 20, 20)


def test_each_frame_of_a_session_reaches_the_screen_as_the_frame_draws_it() -> None:
    display = Display(BEAT)
    with display.screen.playing(BEAT, display.clock, ready_seconds=3, caution=False):
        for seconds in (0.0, 1.0, 2.5, 0.5, 4.0, 0.5, 9.0, 17.0, 0.5, 21.0):
            view = display.view(seconds)
            display.screen.show(view)
            assert display.shown() == display.expected(view)


def test_pause_skip_and_back_are_drawn_as_the_frame_draws_them() -> None:
    display = Display(QUIET)
    with display.screen.playing(QUIET, display.clock, ready_seconds=3, caution=False):
        display.screen.show(display.view(5.0))
        for change in (display.session.pause, display.session.resume, display.session.next):
            change()
            view = display.view()
            display.screen.show(view)
            assert display.shown() == display.expected(view)
        display.session.back()
        view = display.view(1.0)
        display.screen.show(view)
        assert display.shown() == display.expected(view)


def test_when_only_the_seconds_change_only_a_few_cells_are_written() -> None:
    display = Display(QUIET)
    with display.screen.playing(QUIET, display.clock, ready_seconds=3, caution=False):
        display.screen.show(display.view(5.0))
        display.written()
        display.screen.show(display.view(1.0))
        second = display.written()
    assert "Instruction for step 1." not in second
    assert len(second.encode()) < 300


def test_the_same_frame_is_not_written_again() -> None:
    display = Display(QUIET)
    with display.screen.playing(QUIET, display.clock, ready_seconds=3, caution=False):
        display.screen.show(display.view(5.1))
        display.written()
        display.screen.show(display.view(0.2))  # still the same second
        assert display.written() == ""


def test_a_new_size_is_drawn_whole_on_a_cleared_screen() -> None:
    display = Display(BEAT)
    with display.screen.playing(BEAT, display.clock, ready_seconds=3, caution=False):
        display.screen.show(display.view(5.0))
        display.resize(60, 15)
        view = display.view()
        display.screen.show(view)
        assert display.written().startswith(CLEAR)
        assert display.shown() == display.expected(view)
        display.resize(100, 32)
        display.screen.show(view)
        assert display.shown() == display.expected(view)


def test_a_question_replaces_the_keys_and_the_keys_come_back_after_it() -> None:
    display = Display(QUIET, answer="n")
    question = "Quit this session? y = quit, any other key = go on"
    with display.screen.playing(QUIET, display.clock, ready_seconds=3, caution=False):
        view = display.view(5.0)
        display.screen.show(view)
        assert display.screen.confirm(view, question) is False
        assert display.shown() == display.expected(view, prompt=question)
        display.screen.show(view)
        assert display.shown() == display.expected(view)


def test_the_display_is_on_the_alternate_screen_with_the_cursor_hidden() -> None:
    display = Display(QUIET)
    with display.screen.playing(QUIET, display.clock, ready_seconds=3, caution=False):
        display.screen.show(display.view())
        assert display.written().startswith(ENTER)
    assert display.written() == LEAVE


@pytest.mark.parametrize("error", [KeyboardInterrupt, RuntimeError, SystemExit])
def test_the_shell_screen_and_cursor_come_back_when_the_display_ends_badly(
    error: type[BaseException],
) -> None:
    display = Display(QUIET)
    with (
        pytest.raises(error),
        display.screen.playing(QUIET, display.clock, ready_seconds=3, caution=False),
    ):
        display.screen.show(display.view())
        raise error
    assert display.written().endswith(LEAVE)


def test_the_display_begins_whole_each_time_it_comes_up() -> None:
    display = Display(QUIET)
    for _ in range(2):
        with display.screen.playing(QUIET, display.clock, ready_seconds=3, caution=False):
            view = display.view(1.0)
            display.screen.show(view)
            assert CLEAR in display.written()
            assert display.shown() == display.expected(view)


@pytest.mark.parametrize("width", [24, 40, 80, 120])
def test_the_picture_beside_the_text_draws_the_rows_a_two_column_grid_draws(width: int) -> None:
    left = Group(Text("  .--.\n /    \\\n \\    /"), Text(), Text("1:25", style="bold cyan"))
    right = Group(
        Text(" S T R O K I N G ", style="bold reverse"),
        Text("Stroke the back of the neck and the shoulder, slowly, " * 3),
        Text("a-very-long-word-that-cannot-wrap-at-any-space-at-all-in-a-narrow-column"),
    )
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(width=18, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(left, right)
    console = Console(width=width, force_terminal=True, color_system="truecolor")
    options = console.options

    def cells(lines: list[list[object]]) -> list[str]:
        return [console._render_buffer(line).rstrip() for line in lines]  # type: ignore[arg-type]

    assert cells(_Beside(left, right, 18, 2).lines(console, options)) == cells(
        console.render_lines(grid, options, pad=False)
    )
