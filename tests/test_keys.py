"""Single keys from a real pseudo-terminal, and the terminal put back as it was."""

from __future__ import annotations

import io
import os
import termios
from collections.abc import Iterator

import pytest

from selfmassage.session.keys import KeyReader, LineReader


@pytest.fixture
def terminal() -> Iterator[tuple[int, io.TextIOWrapper]]:
    """The controlling side (to type into) and the terminal side as a text stream."""
    control, tty_fd = os.openpty()
    stream = io.TextIOWrapper(io.FileIO(tty_fd, "r+", closefd=True), encoding="utf-8")
    yield control, stream
    stream.close()
    os.close(control)


def test_a_key_arrives_without_enter(terminal: tuple[int, io.TextIOWrapper]) -> None:
    control, tty = terminal
    with KeyReader(tty, tty) as keys:
        os.write(control, b"n")
        assert keys.read(1.0) == "n"


def test_keys_typed_together_arrive_one_by_one(terminal: tuple[int, io.TextIOWrapper]) -> None:
    control, tty = terminal
    with KeyReader(tty, tty) as keys:
        os.write(control, b"n p")
        assert [keys.read(1.0) for _ in range(3)] == ["n", " ", "p"]


def test_no_key_within_the_timeout_is_none(terminal: tuple[int, io.TextIOWrapper]) -> None:
    _, tty = terminal
    with KeyReader(tty, tty) as keys:
        assert keys.read(0.01) is None


def test_echo_and_canonical_mode_are_off_inside_and_back_after(
    terminal: tuple[int, io.TextIOWrapper],
) -> None:
    _, tty = terminal
    before = termios.tcgetattr(tty.fileno())
    with KeyReader(tty, tty):
        inside = termios.tcgetattr(tty.fileno())[3]
        assert not inside & (termios.ECHO | termios.ICANON)
    assert termios.tcgetattr(tty.fileno()) == before


def test_the_terminal_is_restored_when_an_error_leaves(
    terminal: tuple[int, io.TextIOWrapper],
) -> None:
    _, tty = terminal
    before = termios.tcgetattr(tty.fileno())
    with pytest.raises(RuntimeError), KeyReader(tty, tty):
        raise RuntimeError("boom")
    assert termios.tcgetattr(tty.fileno()) == before


def test_keys_left_unread_do_not_reach_the_shell(terminal: tuple[int, io.TextIOWrapper]) -> None:
    control, tty = terminal
    with KeyReader(tty, tty):
        os.write(control, b"qqq")
    with KeyReader(tty, tty) as keys:
        assert keys.read(0.05) is None


def test_arrow_keys_are_one_harmless_key(terminal: tuple[int, io.TextIOWrapper]) -> None:
    control, tty = terminal
    with KeyReader(tty, tty) as keys:
        os.write(control, b"\x1b[A")
        assert keys.read(1.0) == "escape"


def test_without_a_terminal_there_are_no_keys_and_read_only_waits() -> None:
    waited: list[float] = []
    with KeyReader(io.StringIO(), io.StringIO(), sleep=waited.append) as keys:
        assert not keys.available
        assert keys.read(0.5) is None
    assert waited == [0.5]


def test_plain_mode_reads_a_whole_typed_line(terminal: tuple[int, io.TextIOWrapper]) -> None:
    control, tty = terminal
    with LineReader(tty) as lines:
        assert lines.available
        os.write(control, b"n\n")
        assert lines.read(1.0) == "n"


def test_a_bare_enter_is_an_empty_line(terminal: tuple[int, io.TextIOWrapper]) -> None:
    control, tty = terminal
    with LineReader(tty) as lines:
        os.write(control, b"\n")
        assert lines.read(1.0) == ""


def test_two_lines_typed_together_come_one_by_one(terminal: tuple[int, io.TextIOWrapper]) -> None:
    control, tty = terminal
    with LineReader(tty) as lines:
        os.write(control, b"n\nb\n")
        assert [lines.read(1.0), lines.read(1.0)] == ["n", "b"]


def test_no_line_within_the_timeout_is_none(terminal: tuple[int, io.TextIOWrapper]) -> None:
    _, tty = terminal
    with LineReader(tty) as lines:
        assert lines.read(0.05) is None


def test_without_a_terminal_there_are_no_lines_only_waiting() -> None:
    slept: list[float] = []
    with LineReader(io.StringIO("n\n"), sleep=slept.append) as lines:
        assert not lines.available
        assert lines.read(2.5) is None
    assert slept == [2.5]
