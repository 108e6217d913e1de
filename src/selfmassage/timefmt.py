"""Durations as people read them, shared by the live display, plain lines and handouts."""

from __future__ import annotations


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
