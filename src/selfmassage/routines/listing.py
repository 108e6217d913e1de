"""Plain-text rendering for commands that must start fast (no Rich import)."""

from __future__ import annotations

from collections.abc import Iterable

from selfmassage.i18n import N_, _, number
from selfmassage.routines.model import Routine, position_label
from selfmassage.text import printable
from selfmassage.textable import box_table

# The columns' headings, each translated where the table is drawn.
# Where a routine comes from, as people read it (the ids stay in JSON).
SOURCES = {"bundled": N_("bundled"), "user": N_("user"), "file": N_("file")}
ROUTINE_COLUMNS = (
    N_("id"),
    N_("title"),
    N_("area"),
    N_("position"),
    N_("minutes"),
    N_("steps"),
    N_("source"),
)


def routines_table(routines: Iterable[Routine], width: int) -> str:
    """The ``routines`` listing: one row per routine, text from files shown literally."""
    rows = [
        (
            printable(r.id),
            printable(r.title),
            printable(r.area),
            position_label(r.position),
            number(r.minutes),
            str(len(r.steps)),
            _(SOURCES[r.source]) if r.source in SOURCES else r.source,
        )
        for r in routines
    ]
    headings = tuple(_(column) for column in ROUTINE_COLUMNS)
    lines = box_table(headings, rows, width=width, title=_("Routines"), right=(4, 5))
    return "\n".join(lines) + "\n"
