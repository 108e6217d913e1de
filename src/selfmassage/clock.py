"""The one clock: local, timezone-aware wall time for what people read, monotonic time for timing.

Every "now" in selfmassage comes from a ``Clock`` held by the run's context, so the
journal, the screening, the course and the session player agree on the day (a session
at 06:10 on Sunday in Kiritimati is Sunday's session), and tests replace it whole.
"""

from __future__ import annotations

import time
from datetime import date, datetime
from typing import Protocol


class Clock(Protocol):
    """What selfmassage asks of time."""

    def now(self) -> datetime:
        """The local wall time, timezone-aware: what the journal records and people read."""
        ...

    def today(self) -> date:
        """The local date: the day a session counts for."""
        ...

    def monotonic(self) -> float:
        """Seconds from an arbitrary start that never jump: step deadlines and pauses."""
        ...

    def sleep(self, seconds: float) -> None:
        """Wait; a fake clock moves its monotonic time instead."""
        ...


class SystemClock:
    """The machine's clock in the machine's time zone."""

    def now(self) -> datetime:
        return datetime.now().astimezone()

    def today(self) -> date:
        return self.now().date()

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)
