"""Shared Rich helpers for the view modules: one console, text shown literally."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from selfmassage.text import printable


def literal(text: str, style: str = "") -> Text:
    """Text from a file or a user, never read as markup and stripped of escapes."""
    return Text(printable(text), style=style)


def console() -> Console:
    # Rich honours NO_COLOR and TERM=dumb itself; we only choose the stream.
    return Console(highlight=False)


def heading(text: str) -> Text:
    """A line that stands out (bold); the text is shown literally."""
    return literal(text, style="bold")


def quiet(text: str) -> Text:
    """A line that stays in the background (dim); the text is shown literally."""
    return literal(text, style="dim")
