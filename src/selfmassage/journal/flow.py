"""The journal's flows: list sessions, compute stats, import an export.

Functions of the run's context and their inputs that return frozen results and
print nothing; ``cli.journal`` asks them and renders what they give back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from selfmassage.journal.records import Imported

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from selfmassage.context import Context
    from selfmassage.journal.records import SessionRecord
    from selfmassage.journal.stats import CourseDays, CourseEntry, Stats
    from selfmassage.routines.model import Course


def list_sessions(
    ctx: Context, *, limit: int | None = None, routine: str | None = None, newest_first: bool = True
) -> tuple[SessionRecord, ...]:
    """Finished sessions (at most ``limit``, only ``routine``'s if given), newest first by default.

    A journal that does not exist yet lists nothing and is not created.
    """
    journal = ctx.existing_journal()
    if journal is None:
        return ()
    with journal:
        return journal.sessions(limit=limit, routine=routine, newest_first=newest_first)


def compute_stats(ctx: Context) -> Stats:
    """Totals, windows, streaks, completion, course progress and pain, as of the clock's today."""
    # Imported here, not above: ``history`` starts faster without the stats types.
    from selfmassage.journal.stats import EMPTY_SUMMARY, Stats, streaks

    today = ctx.clock.today()
    journal = ctx.existing_journal()
    if journal is None:
        summary = EMPTY_SUMMARY
    else:
        with journal:
            summary = journal.summary(today)
    return Stats(
        today=today,
        sessions=summary.sessions,
        completed=summary.completed,
        minutes=summary.minutes,
        routines=summary.routines,
        streak=streaks((day for entry in summary.course_days for day in entry.days), today),
        courses=_courses(ctx, summary.course_days, today),
        pain=summary.pain,
    )


def _courses(ctx: Context, entries: Sequence[CourseDays], today: date) -> tuple[CourseEntry, ...]:
    from selfmassage.journal.stats import CourseEntry, course_progress

    courses: dict[str, Course] = {e.routine: e.course for e in entries if e.course is not None}
    if len(courses) < len(entries):
        # Only sessions imported from elsewhere: their routines' courses come from the files.
        # (Loading every routine file costs more than all of ``stats``, so only then.)
        catalog = ctx.catalog.routines
        courses.update(
            {
                e.routine: catalog[e.routine].course
                for e in entries
                if e.routine in catalog and e.routine not in courses
            }
        )
    found = []
    for entry in entries:
        course = courses.get(entry.routine)
        progress = None if course is None else course_progress(entry.days, course, today)
        found.append(CourseEntry(entry.routine, progress))
    return tuple(found)


def import_sessions(ctx: Context, file: Path) -> Imported:
    """Check a whole export file, then add its sessions that the journal does not hold yet."""
    from selfmassage.journal.exchange import read_export

    records = read_export(file)
    catalog = ctx.catalog.routines
    with ctx.journal() as journal:
        added, skipped = journal.add_sessions(records)
        journal.remember_courses([catalog[r] for r in journal.routine_ids() if r in catalog])
    return Imported(added, skipped)
