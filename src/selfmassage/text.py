"""Text from files and users is shown literally: no markup, no terminal escapes.

The one control-character policy of every text output (terminal lines, errors,
CSV cells): C0 controls but tab and newline, DEL, the C1 controls (U+0080-U+009F,
which include CSI, and which a UTF-8 terminal may obey) and lone surrogates (what
Python makes of bytes that are not UTF-8) are shown as visible escapes such as
``\\x1b``. JSON output keeps them, escaped as JSON does (``json_safe``).
"""

from __future__ import annotations

import re
from datetime import date

# C0 controls except tab and newline, DEL, C1 controls (which include CSI), and lone
# surrogates (undecodable bytes under surrogateescape, or a bare \ud83d from JSON).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# What JSON leaves raw with ensure_ascii=False but a terminal may obey or cannot encode.
_JSON_RAW = re.compile(r"[\x7f-\x9f\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LINE_BREAK = re.compile(r"\r\n?")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Replace control characters (e.g. ESC of an ANSI sequence) with a visible ``\\xNN``."""
    return _CONTROL.sub(_escape, text)


def printable_lines(text: str) -> str:
    """``printable``, with every line break (CR LF, a lone CR) made one newline first."""
    return printable(_LINE_BREAK.sub("\n", text))


def html_literal(text: str) -> str:
    """Text from a user or a file, shown literally in HTML (``printable``, then escaped)."""
    import html

    return html.escape(printable(text), quote=True)


def json_safe(text: str) -> str:
    """JSON text (``ensure_ascii=False``) with DEL, C1 and lone surrogates as ``\\u`` escapes.

    Those characters can only stand inside JSON strings, where an escape means the same.
    """
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def has_lone_surrogate(text: str) -> bool:
    """True when ``text`` holds a surrogate code point, which no UTF-8 file can store."""
    return _SURROGATE.search(text) is not None


def storable(text: str) -> str:
    """``text`` with each lone surrogate (an undecodable byte typed at a prompt) as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def duration(seconds: int) -> str:
    """``1:30`` for 90 seconds; ``12:05`` for 725."""
    minutes, secs = divmod(seconds, 60)
    return f"{minutes}:{secs:02d}"


def stamp(seconds: float) -> str:
    """``02:30``: the zero-padded elapsed time at the start of a plain line."""
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes:02d}:{secs:02d}"


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


def parse_day(text: str, option: str) -> date:
    """A ``YYYY-MM-DD`` day given to ``option`` (``--date``, ``--from``...); else exit 2."""
    from selfmassage.errors import SelfMassageError
    from selfmassage.i18n import _

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SelfMassageError(
            _("{option} must be a date like 2026-11-21, not '{text}'").format(
                option=option, text=printable(text)
            )
        ) from None
