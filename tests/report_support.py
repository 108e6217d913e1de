"""A generated journal for the report's tests: seven weeks with a whole course, its break,
gaps, a routine dropped and taken up again, pain stops, sessions from paper and notes.

Today is Saturday 21 November 2026 (``noon_on_november_21``). Two routines:

collar (daily, 10 sessions, then a 10-day break; a lapse after 10 days):
  1-10 Oct    every day, completed (3 and 5 Oct from paper): 10 due, 10 done; the course
              is whole, so 11-20 Oct is its break
  21-27 Oct   21 completed, 22 stopped for pain, 23 and 24 missed, 25 completed (paper),
              26 shortened (quit), 27 completed: 7 due, 5 done
  28 Oct-6 Nov  nothing: 10 due, missed; from 7 Nov the routine is dropped (lapse)
  10-20 Nov   10, 11 completed, 12 stopped for pain, 13 missed, 14-20 completed:
              11 due, 10 done; today (21 Nov) is due and not done yet: not counted
relaxation (weekly, 8 sessions, no break):
  Sundays 4, 11 Oct completed, 18 Oct missed, 25 Oct completed, 1 Nov interrupted,
  8 Nov missed, 15 Nov completed: 7 due, 5 done

So 45 due, 30 done; in the last 14 days (8-21 Nov) 13 due, 11 done.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from journal_support import UTC_PLUS_1

COLLAR_HASH = "sha256:00000000c011a400"
RELAX_HASH = "sha256:00000000be1a0000"


def _session(
    routine: str,
    day: date,
    outcome: str = "completed",
    *,
    source: str = "timer",
    before: int | None = 5,
    after: int | None = 3,
    where: str | None = None,
    note: str | None = None,
    verdict: str | None = None,
) -> dict[str, Any]:
    started = datetime(day.year, day.month, day.day, 8, 0, tzinfo=UTC_PLUS_1)
    seconds = 600 if outcome == "completed" else 120
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{routine}/{day}")),
        "routine": routine,
        "routine_title": "Collar zone" if routine == "collar" else "Relaxation",
        "content_hash": COLLAR_HASH if routine == "collar" else RELAX_HASH,
        "started_at": started.isoformat(),
        "ended_at": (started + timedelta(seconds=seconds)).isoformat(),
        "planned_seconds": 705,
        "actual_seconds": seconds,
        "paused_seconds": 0,
        "outcome": outcome,
        "pain_before": before,
        "pain_after": after,
        "pain_where": where,
        "note": note,
        "verdict": None if source == "paper" else verdict,
        "source": source,
        "steps": [],
    }


def _verdict(day: date) -> str:
    if day <= date(2026, 10, 10):
        return "clear"
    if day <= date(2026, 11, 1):
        return "caution"
    return "clear"


def generated_sessions() -> list[dict[str, Any]]:
    """The sessions described above, in the export's shape, oldest first."""
    collar: list[dict[str, Any]] = []
    for n in range(1, 11):
        day = date(2026, 10, n)
        paper = n in (3, 5)
        collar.append(
            _session(
                "collar",
                day,
                source="paper" if paper else "timer",
                before=None if n == 5 else 5,
                after=None if n == 5 else 3,
                verdict=_verdict(day),
            )
        )
    october = {
        21: {},
        22: {
            "outcome": "stopped_for_pain",
            "before": 4,
            "after": 6,
            "where": "left shoulder",
            "note": "sharp pain at the shoulder",
        },
        25: {"source": "paper", "before": 6, "after": 4, "note": "did it from the sheet"},
        26: {"outcome": "quit", "after": None},
        27: {},
    }
    for n, extra in october.items():
        day = date(2026, 10, n)
        collar.append(_session("collar", day, verdict=_verdict(day), **extra))
    november: dict[int, dict[str, Any]] = {
        10: {},
        11: {},
        12: {
            "outcome": "stopped_for_pain",
            "before": 3,
            "after": 7,
            "where": "neck",
            "note": "neck hurt",
        },
        **{n: {} for n in range(14, 20)},
        20: {"before": 3, "after": 1, "note": "much better"},
    }
    for n, extra in november.items():
        day = date(2026, 11, n)
        collar.append(_session("collar", day, verdict=_verdict(day), **extra))
    relaxation = [
        _session("relaxation", date(2026, 10, 4), before=None, after=None, verdict="clear"),
        _session("relaxation", date(2026, 10, 11), before=None, after=None, verdict="caution"),
        _session("relaxation", date(2026, 10, 25), before=None, after=None, verdict="caution"),
        _session(
            "relaxation",
            date(2026, 11, 1),
            "interrupted",
            before=None,
            after=None,
            verdict="caution",
        ),
        _session("relaxation", date(2026, 11, 15), before=4, after=2, verdict="clear"),
    ]
    return sorted(collar + relaxation, key=lambda s: s["started_at"])


def write_export(path: Path) -> Path:
    """The generated sessions as an export file at ``path``."""
    document = {"format": "selfmassage-journal", "version": 1, "sessions": generated_sessions()}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def ten_years(today: date, count: int = 3650) -> list[dict[str, Any]]:
    """``count`` daily sessions ending yesterday (a 10-year journal by default): collar,
    with a quit every 9th day, a pain stop every 97th, a session from paper every 5th
    and a note every 30th."""
    sessions = []
    for n in range(count):
        day = today - timedelta(days=count - n)
        outcome = "stopped_for_pain" if n % 97 == 96 else "quit" if n % 9 == 8 else "completed"
        sessions.append(
            _session(
                "collar",
                day,
                outcome,
                source="paper" if n % 5 == 4 and outcome == "completed" else "timer",
                before=3 + n % 5,
                after=1 + n % 4,
                where="neck" if outcome == "stopped_for_pain" else None,
                note=f"note {n}" if n % 30 == 0 else None,
                verdict="clear" if (n // 400) % 2 else "caution",
            )
        )
    return sessions


def write_ten_years(path: Path, today: date, count: int = 3650) -> Path:
    """A long journal's export at ``path``."""
    document = {"format": "selfmassage-journal", "version": 1, "sessions": ten_years(today, count)}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path
