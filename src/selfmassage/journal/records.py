"""What the journal gives back of its sessions: frozen records (their totals are in ``stats``).

The store fills these from SQLite, and the views and ``exchange`` (the one place
they become JSON and CSV) only read them. Times are kept as the ISO 8601 text the
journal stores, with the offset the session was lived in, so an export gives back
exactly what was recorded.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StepRecord:
    """One step of a session as it was done."""

    index: int
    technique: str
    area: str
    side: str
    planned_seconds: int
    seconds_done: int
    completed: bool
    skipped: bool


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """One finished session, its fields in the order of the export."""

    id: str
    routine: str
    routine_title: str
    content_hash: str  # "" for sessions imported without one
    started_at: str
    ended_at: str
    planned_seconds: int
    actual_seconds: int
    paused_seconds: int
    outcome: str
    pain_before: int | None
    pain_after: int | None
    pain_where: str | None
    note: str | None
    verdict: str | None
    source: str  # "timer": a guided session; "paper": recorded afterwards from the paper sheet
    steps: tuple[StepRecord, ...]

    @property
    def on_paper(self) -> bool:
        """Done from the paper sheet and recorded afterwards: its minutes were never timed."""
        return self.source == "paper"


@dataclass(frozen=True)
class Imported:
    """What an import did: sessions added, and sessions skipped as already in the journal."""

    added: int
    skipped: int


@dataclass(frozen=True)
class Forgotten:
    """What ``forget`` did: the session it was asked about, and whether it is gone."""

    session: SessionRecord
    forgotten: bool
