"""The journal's flows: list sessions, compute stats, import an export, forget a session.

Functions of the run's context and their inputs that return frozen results and
print nothing; ``cli.journal`` asks them and renders what they give back. The bulk
ones (the whole history, its JSON, the export) are context managers that give their
sessions as the journal is read, so a journal of any size lists in constant memory.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from selfmassage.i18n import _
from selfmassage.journal.records import Forgotten, Imported

if TYPE_CHECKING:
    from pathlib import Path

    from selfmassage.context import Context
    from selfmassage.journal.records import SessionRecord
    from selfmassage.journal.stats import CourseDays, CourseEntry, Stats
    from selfmassage.journal.store import Journal
    from selfmassage.journal.trend import Trend
    from selfmassage.routines.model import Course
    from selfmassage.screening.standing import Hold


def list_sessions(
    ctx: Context, *, limit: int | None = None, routine: str | None = None, newest_first: bool = True
) -> tuple[SessionRecord, ...]:
    """Finished sessions (at most ``limit``, only ``routine``'s if given), newest first by default.

    A journal that does not exist yet lists nothing and is not created.
    """
    journal = _existing(ctx)
    if journal is None:
        return ()
    with journal:
        return journal.sessions(limit=limit, routine=routine, newest_first=newest_first)


@contextlib.contextmanager
def history_rows(
    ctx: Context, *, limit: int | None = None, routine: str | None = None
) -> Iterator[tuple[tuple[SessionRecord, ...], Iterator[SessionRecord]]]:
    """The history table's sessions, newest first and without their steps, as they are read.

    Gives ``(samples, sessions)``: a few sessions that show every way a row can look
    (``Journal.history_samples``: empty when nothing is listed), and the stream of the
    listed ones, to read inside the ``with``. Constant memory, whatever the journal's size.
    """
    journal = _existing(ctx)
    if journal is None:
        yield (), iter(())
        return
    with journal:
        samples = journal.history_samples(limit=limit, routine=routine)
        yield samples, journal.iter_sessions(limit=limit, routine=routine, steps=False)


@contextlib.contextmanager
def session_lines(
    ctx: Context, *, limit: int | None = None, routine: str | None = None
) -> Iterator[Iterator[str]]:
    """Finished sessions, newest first, each a line of compact JSON in the export's shape.

    Read the lines inside the ``with``: they come from the journal as it is read.
    """
    journal = _existing(ctx)
    if journal is None:
        yield iter(())
        return
    with journal:
        yield journal.session_json(limit=limit, routine=routine)


@dataclass
class Exporting:
    """An export being written: its text in ``pieces``, and how many sessions went out."""

    pieces: Iterator[str]
    sessions: int = 0


@contextlib.contextmanager
def export_journal(ctx: Context, format: str) -> Iterator[Exporting]:
    """Every finished session, oldest first, as the export ``format`` (json or csv) in pieces.

    Written as it is read, so a journal of any size exports in constant memory; the
    pieces are read inside the ``with``, and ``sessions`` counts them once read out.
    """
    from selfmassage.journal.exchange import export_csv_chunks, export_json_chunks

    journal = _existing(ctx)
    with contextlib.ExitStack() as stack:
        rows: Iterator[Any] = iter(())
        if journal is not None:
            stack.enter_context(journal)
            if format == "json":
                rows = journal.session_json(newest_first=False)
            else:
                rows = journal.session_csv_rows()
        exporting = Exporting(iter(()))

        def counted(items: Iterator[Any]) -> Iterator[Any]:
            for item in items:
                exporting.sessions += 1
                yield item

        maker = export_json_chunks if format == "json" else export_csv_chunks
        exporting.pieces = maker(counted(rows))
        yield exporting


def compute_stats(ctx: Context) -> Stats:
    """Totals, windows, streaks, completion, course progress and pain, as of the clock's today."""
    # Imported here, not above: ``history`` starts faster without the stats types.
    from dataclasses import replace

    from selfmassage.journal.stats import EMPTY_SUMMARY, Stats, adherence, streaks

    today = ctx.clock.today()
    journal = _existing(ctx)
    if journal is None:
        summary = EMPTY_SUMMARY
    else:
        with journal:
            summary = journal.summary(today)
    known = _known_courses(ctx, summary.course_days)
    entries = tuple(replace(e, course=known.get(e.routine)) for e in summary.course_days)
    return Stats(
        today=today,
        sessions=summary.sessions,
        completed=summary.completed,
        minutes=summary.minutes,
        routines=summary.routines,
        streak=streaks((day for entry in summary.course_days for day in entry.days), today),
        courses=_courses(ctx, entries, today),
        pain=summary.pain,
        adherence=adherence(entries, today),
    )


def _existing(ctx: Context) -> Journal | None:
    """The journal if there is one; one that cannot be reached is an error, not an empty one."""
    from selfmassage.journal.store import journal_exists

    if not journal_exists(ctx.paths.journal_file):
        return None
    return ctx.existing_journal()


def _known_courses(ctx: Context, entries: Sequence[CourseDays]) -> dict[str, Course]:
    """Each routine's course: as the journal remembers it, else from its routine file."""
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
    return courses


def _courses(ctx: Context, entries: Sequence[CourseDays], today: date) -> tuple[CourseEntry, ...]:
    """Where each routine's course stands (``entries`` carry their known courses)."""
    from selfmassage.journal.stats import CourseEntry, course_progress

    held = _held(ctx, [e.routine for e in entries])
    starts = _prescribed_starts(ctx, [e.routine for e in entries])
    found = []
    for entry in entries:
        course = entry.course
        days = entry.days
        if entry.routine in starts:  # a prescription's course counts from its start date
            days = tuple(day for day in days if day >= starts[entry.routine])
        progress = None if course is None else course_progress(days, course, today)
        found.append(CourseEntry(entry.routine, progress, held.get(entry.routine)))
    return tuple(found)


def _prescribed_starts(ctx: Context, routines: Sequence[str]) -> dict[str, date]:
    """The start dates of the installed prescriptions among ``routines``.

    ``routines install`` names a file after its id, so only those files are read, and
    only when they hold a ``[prescription]`` table: ``stats`` stays quick.
    """
    from selfmassage.errors import SelfMassageError

    starts = {}
    for routine in routines:
        path = ctx.paths.user_routines_dir / f"{routine}.toml"
        try:
            if "[prescription]" not in path.read_text(encoding="utf-8", errors="replace"):
                continue
            from selfmassage.routines.catalog import load_routine_file

            found = load_routine_file(path, "user")
        except (OSError, SelfMassageError):
            continue  # no such file, or a broken one: the catalogue warns about it
        if found.id == routine and found.prescription is not None:
            starts[routine] = found.prescription.start
    return starts


def _held(ctx: Context, routines: Sequence[str]) -> dict[str, str]:
    """Routines on hold after a pain stop, or paused by the pain trend (clinical.md §6).

    A routine's areas are those its latest session worked on. The saved screening is
    loaded only when it holds a hold or a clearance of a paused course, so ``stats``
    stays quick.
    """
    file = ctx.paths.screening_file
    text = file.read_text(encoding="utf-8", errors="replace") if file.is_file() else ""
    holds: tuple[Hold, ...] = ()
    cleared: dict[str, date] = {}
    if "[[holds]]" in text or "pain-trend-" in text:
        from selfmassage.screening.saved import load_saved

        saved, _interrupted = load_saved(file)
        if saved is not None:
            holds = saved.holds
            for c in saved.clearances:
                if c.question.startswith("pain-trend-"):
                    cleared[c.question.removeprefix("pain-trend-")] = c.given
    held: dict[str, str] = {}
    if holds:
        journal = ctx.existing_journal()
        if journal is not None:
            with journal:
                for routine in routines:
                    latest = journal.sessions(limit=1, routine=routine)
                    areas = {step.area for record in latest for step in record.steps}
                    hold = next((h for h in holds if h.everything or set(h.areas) & areas), None)
                    if hold is not None:
                        held[routine] = hold.describe()
    for trend in paused_courses(ctx, cleared, routines):
        held.setdefault(trend.routine, _("course paused: {reason}").format(reason=trend.reason))
    return held


def paused_courses(
    ctx: Context, cleared: Mapping[str, date], routines: Sequence[str] | None = None
) -> tuple[Trend, ...]:
    """The routines whose course a rising pain trend or repeated pain stops paused (§6b).

    Only sessions after the day a doctor cleared a routine's pause (``cleared``) count.
    """
    from selfmassage.journal.trend import Rated, pain_trend

    journal = ctx.existing_journal()
    if journal is None:
        return ()
    today = ctx.clock.today()
    found: list[Trend] = []
    with journal:
        for routine in journal.routine_ids() if routines is None else routines:
            rated = [
                Rated(date.fromisoformat(r.started_at[:10]), r.outcome, r.pain_before, r.pain_after)
                for r in journal.sessions(limit=20, routine=routine)
            ]
            after = cleared.get(routine)
            if after is not None:
                rated = [r for r in rated if r.day > after]
            trend = pain_trend(routine, rated, today)
            if trend is not None:
                found.append(trend)
    return tuple(found)


def import_sessions(ctx: Context, file: Path) -> Imported:
    """Check a whole export file, then add its sessions that the journal does not hold yet."""
    from selfmassage.journal.exchange import checked_export

    # The whole file is checked before the journal is even opened: a bad session
    # anywhere leaves it byte for byte as it was. Then it is read again as it is added.
    with checked_export(file, ctx.clock.now()) as records:
        catalog = ctx.catalog.routines
        with ctx.journal() as journal:
            added, skipped = journal.add_sessions(records)
            journal.remember_courses([catalog[r] for r in journal.routine_ids() if r in catalog])
    return Imported(added, skipped)


def forget_session(
    ctx: Context, session_id: str, confirm: Callable[[SessionRecord], bool]
) -> Forgotten:
    """Delete one finished session for good, once ``confirm`` has seen it and said yes.

    An id that is not a UUID, or names no finished session, is a ``SelfMassageError``.
    """
    import uuid

    from selfmassage.errors import SelfMassageError
    from selfmassage.text import printable

    hint = _("'{command}' shows each session's id.").format(command="selfmassage history --json")
    try:
        canonical = str(uuid.UUID(session_id))
    except ValueError:
        raise SelfMassageError(
            _("'{id}' is not a session id").format(id=printable(session_id)), hint=hint
        ) from None
    journal = _existing(ctx)
    if journal is None:
        raise SelfMassageError(_("no session {id}: the journal is empty").format(id=canonical))
    with journal:
        session = journal.find(canonical)
        if session is None:
            raise SelfMassageError(
                _("no finished session {id} in the journal").format(id=canonical), hint=hint
            )
        if not confirm(session):
            return Forgotten(session, forgotten=False)
        journal.forget(canonical)  # a write: the whole file is checked first
    return Forgotten(session, forgotten=True)


MAX_PAPER_MINUTES = 240  # longer than any routine; more is a typo


def record_paper_session(
    ctx: Context,
    routine: str,
    *,
    day: str,
    minutes: float | None = None,
    pain_before: int | None = None,
    pain_after: int | None = None,
    note: str | None = None,
) -> SessionRecord:
    """Record a completed session done from the paper sheet on ``day`` (YYYY-MM-DD).

    A date in the future or before 2000, a pain outside 0-10, minutes that are not
    more than 0 and at most ``MAX_PAPER_MINUTES``, an unknown routine: a
    ``SelfMassageError`` (exit 2), and nothing is written. The session is dated at
    noon of that day in the clock's time zone: the day is what counts.
    """
    from datetime import datetime, time

    from selfmassage.errors import SelfMassageError
    from selfmassage.journal.store import EARLIEST_SESSION
    from selfmassage.text import parse_day

    when = parse_day(day, "--date")
    today = ctx.clock.today()
    if when > today:
        raise SelfMassageError(
            _("--date {date} is in the future (today is {today})").format(
                date=when.isoformat(), today=today.isoformat()
            ),
            hint=_("Record a session once it is done."),
        )
    if when < EARLIEST_SESSION.date():
        raise SelfMassageError(_("--date {date} is before 2000").format(date=when.isoformat()))
    for name, value in (("--pain-before", pain_before), ("--pain-after", pain_after)):
        if value is not None and not 0 <= value <= 10:
            raise SelfMassageError(
                _(
                    "{option} must be a whole number from 0 (none) to 10 (worst), not {value}"
                ).format(option=name, value=value)
            )
    if minutes is not None and not 0 < minutes <= MAX_PAPER_MINUTES:
        raise SelfMassageError(
            _("--minutes must be more than 0 and at most {most}, not {value}").format(
                most=MAX_PAPER_MINUTES, value=f"{minutes:g}"
            )
        )
    found = ctx.routine(routine)
    zone = ctx.clock.now().tzinfo
    started = datetime.combine(when, time(12), tzinfo=zone)
    with ctx.journal() as journal:
        session_id = journal.record_paper(
            found,
            started_at=started,
            seconds=round((minutes or 0) * 60),
            pain_before=pain_before,
            pain_after=pain_after,
            note=note or None,
        )
        recorded = journal.find(session_id)
    if recorded is None:  # another run forgot it at once
        raise SelfMassageError(
            _("the session from paper {id} is gone from the journal").format(id=session_id)
        )
    return recorded
