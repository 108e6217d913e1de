"""Text from files and users is shown literally: no markup, no terminal escapes."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls (which include CSI).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Replace control characters (e.g. ESC of an ANSI sequence) with a visible ``\\xNN``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def duration(seconds: int) -> str:
    """``1:30`` for 90 seconds; ``12:05`` for 725."""
    minutes, secs = divmod(seconds, 60)
    return f"{minutes}:{secs:02d}"


def stamp(seconds: float) -> str:
    """``02:30``: the zero-padded elapsed time at the start of a plain line."""
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes:02d}:{secs:02d}"


def minutes_and_seconds(seconds: int) -> str:
    """``11 min 45 s``, ``10 min``, ``45 s``."""
    minutes, secs = divmod(seconds, 60)
    if minutes and secs:
        return f"{minutes} min {secs} s"
    return f"{minutes} min" if minutes else f"{secs} s"


def wrap(
    text: str,
    width: int,
    *,
    indent: str = "",
    first: str | None = None,
    hang: str | None = None,
    break_long_words: bool = True,
) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken at spaces, never at hyphens.

    ``first`` starts the first line (default ``indent``), ``hang`` the others (default
    ``indent``). The one wrapping rule of every plain-text output: errors, plain session
    lines, history and stats, handouts and tables. An empty text is one empty line.
    """
    import textwrap

    return textwrap.wrap(
        text,
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent if hang is None else hang,
        break_on_hyphens=False,
        break_long_words=break_long_words,
    ) or [""]


def terminal_columns(default: int = 80) -> int:
    """The terminal's width: ``COLUMNS`` first, then the terminal, then ``default``."""
    import shutil

    return shutil.get_terminal_size((default, 24)).columns
