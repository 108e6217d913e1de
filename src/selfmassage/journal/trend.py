"""The pain trend (clinical.md §6b): when a routine's course pauses for rising pain.

Its own small module: the screening asks it before every session, and needs none of
the rest of the journal's arithmetic (``journal.stats``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

TREND_WINDOW = 3  # the last rated sessions of a routine the trend looks at
TREND_WORSE = 2  # ... of which this many with more pain after than before pause the course
PAIN_STOP_DAYS = 14  # two pain stops of a routine within this many days pause it too


@dataclass(frozen=True)
class Trend:
    """A routine's course paused: pain rising after its sessions, or two pain stops."""

    routine: str
    reason: str

    @property
    def id(self) -> str:
        """The id a clearance of this pause names."""
        return f"pain-trend-{self.routine}"


@dataclass(frozen=True)
class Rated:
    """What the trend needs of one finished session of a routine."""

    day: date
    outcome: str
    pain_before: int | None
    pain_after: int | None


def pain_trend(routine: str, sessions: Sequence[Rated], today: date) -> Trend | None:
    """The pause of ``routine``'s course, if its recent sessions call for one (§6b).

    ``sessions`` are the routine's finished sessions since any clearance of its
    trend, newest first.
    """
    rated = [s for s in sessions if s.pain_before is not None and s.pain_after is not None][
        :TREND_WINDOW
    ]
    worse = sum(1 for s in rated if (s.pain_after or 0) > (s.pain_before or 0))
    if worse >= TREND_WORSE:
        from selfmassage.i18n import ngettext

        return Trend(
            routine,
            ngettext(
                "pain was higher after than before in {worse} of its last {rated} rated "
                "session; see a doctor",
                "pain was higher after than before in {worse} of its last {rated} rated "
                "sessions; see a doctor",
                len(rated),
            ).format(worse=worse, rated=len(rated)),
        )
    window = today - timedelta(days=PAIN_STOP_DAYS - 1)
    stops = [s for s in sessions if s.outcome == "stopped_for_pain" and s.day >= window]
    if len(stops) >= 2:
        from selfmassage.i18n import ngettext

        return Trend(
            routine,
            ngettext(
                "pain stopped it {n} time in the last {days} days; see a doctor",
                "pain stopped it {n} times in the last {days} days; see a doctor",
                len(stops),
            ).format(n=len(stops), days=PAIN_STOP_DAYS),
        )
    return None
