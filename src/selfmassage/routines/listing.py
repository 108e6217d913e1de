"""Plain-text rendering for commands that must start fast (no Rich import)."""

from __future__ import annotations

from collections.abc import Iterable

from selfmassage.routines.model import Routine
from selfmassage.text import printable
from selfmassage.textable import box_table

ROUTINE_COLUMNS = ("id", "title", "area", "position", "minutes", "steps", "source")


def routines_table(routines: Iterable[Routine], width: int) -> str:
    """The ``routines`` listing: one row per routine, text from files shown literally."""
    rows = [
        (
            printable(r.id),
            printable(r.title),
            printable(r.area),
            r.position,
            f"{r.minutes:.1f}",
            str(len(r.steps)),
            r.source,
        )
        for r in routines
    ]
    lines = box_table(ROUTINE_COLUMNS, rows, width=width, title="Routines", right=(4, 5))
    return "\n".join(lines) + "\n"
