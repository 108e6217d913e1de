"""Styled terminal text: shown literally, wrapped keeping styles, ANSI only on a terminal."""

from __future__ import annotations

import io

import pytest

from selfmassage.style import Out, bold, dim, stack, styled, wants_colour


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_text_from_a_file_cannot_inject_an_escape() -> None:
    assert styled("a\x1b[2Jb").plain == "a\\x1b[2Jb"


def test_a_tab_is_one_space_so_wrapping_counts_it_right() -> None:
    assert styled("a\tb").plain == "a b"


def test_text_wraps_at_spaces_and_each_word_keeps_its_style() -> None:
    lines = (bold("Collar zone") + dim("  (collar, bundled)")).lines(12)
    assert [line.plain for line in lines] == ["Collar zone", "(collar,", "bundled)"]
    assert [line.runs for line in lines[1:]] == [(("(collar,", "dim"),), (("bundled)", "dim"),)]


def test_a_paragraph_keeps_its_indent_and_newlines_start_new_lines() -> None:
    lines = styled("  note: one two\n\nthree").lines(11)
    assert [line.plain for line in lines] == ["  note: one", "two", "", "three"]


def test_a_word_longer_than_a_line_is_cut_not_lost() -> None:
    lines = styled("ab abcdefghij").lines(4)
    assert [line.plain for line in lines] == ["ab", "abcd", "efgh", "ij"]


def test_wide_characters_take_two_columns_when_wrapping() -> None:
    assert [line.plain for line in styled("首首首 首").lines(6)] == ["首首首", "首"]


def test_styles_become_ansi_codes_only_when_asked() -> None:
    text = bold("a") + "b" + styled("c", "bold red")
    assert text.render(colour=False) == "abc"
    assert text.render(colour=True) == "\x1b[1ma\x1b[0mb\x1b[1;31mc\x1b[0m"


def test_colour_needs_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert wants_colour(Terminal())
    assert not wants_colour(io.StringIO())


def test_no_color_turns_styles_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm")
    assert not wants_colour(Terminal())


def test_a_dumb_terminal_gets_no_styles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "dumb")
    assert not wants_colour(Terminal())


def test_out_wraps_what_it_prints_to_its_width() -> None:
    buffer = io.StringIO()
    Out(buffer, width=10, colour=False).print("one two three", bold("four"))
    assert buffer.getvalue() == "one two\nthree\nfour\n"


def test_out_with_nothing_prints_an_empty_line() -> None:
    buffer = io.StringIO()
    Out(buffer, width=10, colour=False).print()
    assert buffer.getvalue() == "\n"


def test_out_keeps_a_line_whole_when_told_not_to_wrap() -> None:
    buffer = io.StringIO()
    Out(buffer, width=10, colour=False).print("selfmassage: warning: a long one", wrap=False)
    assert buffer.getvalue() == "selfmassage: warning: a long one\n"


def test_out_writes_styles_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    terminal = Terminal()
    Out(terminal, width=20).print(bold("Steps"))
    assert terminal.getvalue() == "\x1b[1mSteps\x1b[0m\n"


def test_a_stack_lays_out_its_parts_one_under_the_other() -> None:
    assert [line.plain for line in stack("a b", "", bold("c")).lines(1)] == ["a", "b", "", "c"]
