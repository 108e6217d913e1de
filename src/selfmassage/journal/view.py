"""Plain-text rendering of history and stats.

Plain aligned text rather than Rich: importing Rich alone would cost more than
the whole time budget of ``history`` and ``stats`` (at most 1.2x the start-up of
``selfmassage --version``). All text from the journal goes through ``printable``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from selfmassage.text import printable

EMPTY = "No sessions in the journal yet. Run 'selfmassage' to do your first one."


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def _pain(value: int | None) -> str:
    return "-" if value is None else str(value)


def history_lines(sessions: Sequence[dict[str, Any]]) -> list[str]:
    """The history table: date, routine, minutes, outcome, pain before -> after."""
    rows = [
        [
            s["started_at"][:16].replace("T", " "),
            printable(s["routine"]),
            f"{(s['actual_seconds'] or 0) / 60:.1f}",
            s["outcome"].replace("_", " "),
            f"{_pain(s['pain_before'])} → {_pain(s['pain_after'])}",
        ]
        for s in sessions
    ]
    return _table(["date", "routine", "minutes", "outcome", "pain"], rows, right={2})


WINDOWS = (
    ("last_7_days", "last 7 days"),
    ("last_30_days", "last 30 days"),
    ("all_time", "all time"),
)


def _wrapped(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` columns, continued two spaces further in."""
    return textwrap.wrap(
        text,
        width=max(20, width),
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_on_hyphens=False,
    )


def stats_lines(
    summary: dict[str, Any], courses: Sequence[str], spark: Any, width: int = 80
) -> list[str]:
    """Every section of ``stats`` as lines of text, prose wrapped to ``width`` columns."""
    lines = ["Sessions and minutes by routine"]
    rows = []
    for entry in summary["routines"]:
        rows.append(
            [
                "  " + printable(entry["routine"]),
                *(
                    f"{entry[key]['sessions']} · {entry[key]['minutes']:.0f} min"
                    for key, _ in WINDOWS
                ),
            ]
        )
    lines += _table(["", *(label for _, label in WINDOWS)], rows, right={1, 2, 3})
    lines.append("")
    streak = summary["streak"]
    days = "day" if streak["current"] == 1 else "days"
    lines.append(
        f"Streak: {streak['current']} {days} in a row with a completed session "
        f"(longest {streak['longest']})"
    )
    rate = summary["completion_rate"]
    lines.append(
        f"Completed: {summary['completed']} of {summary['sessions']} sessions ({rate * 100:.0f}%)"
    )
    if courses:
        lines.append("")
        lines.append("Courses")
        for line in courses:
            lines += _wrapped(printable(line), width, indent="  ")
    pain = summary["pain"]
    lines.append("")
    if pain["rated_sessions"]:
        rated = pain["rated_sessions"]
        lines += _wrapped(
            f"Pain 0-10, average over {rated} {'session' if rated == 1 else 'sessions'} "
            f"rated before and after: "
            f"{pain['average_before']:.1f} before → {pain['average_after']:.1f} after",
            width,
        )
    else:
        lines.append("Pain: no session rated before and after yet")
    recent = pain["last_30"]
    if any(p["before"] is not None or p["after"] is not None for p in recent):
        which = "last session" if len(recent) == 1 else f"last {len(recent)} sessions, oldest first"
        lines.append(f"  {which} (blank: not rated)")
        lines.append("  before │" + spark([p["before"] for p in recent]) + "│")
        lines.append("  after  │" + spark([p["after"] for p in recent]) + "│")
    return lines
