"""The progress report: a patient's journal (or an export of it) as the figures a therapist reads.

``build_report`` reads the sessions once, from the user's journal or from an export
file checked exactly as ``import`` checks it, and returns a frozen ``Report``:
who and which prescriptions, the period, adherence per week and the breaks, pain
before and after, every pain stop and every change of the screening verdict, and
the notes. It prints nothing; ``report.view`` lays it out as HTML or JSON.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from selfmassage.errors import SelfMassageError
from selfmassage.i18n import N_, _
from selfmassage.journal.stats import DONE_KINDS, Due, schedule
from selfmassage.text import printable

if TYPE_CHECKING:
    from pathlib import Path

    from selfmassage.context import Context
    from selfmassage.journal.records import SessionRecord
    from selfmassage.routines.model import Course, Routine
    from selfmassage.screening.standing import Hold

NOT_A_DIAGNOSIS = N_(
    "This report shows what the patient recorded; it is not a diagnosis and not medical advice."
)


@dataclass(frozen=True)
class Prescribed:
    """A routine as the patient did it in the period: one fingerprint of its content.

    A routine file edited during the period shows as two, one per fingerprint.
    """

    routine: str
    title: str
    fingerprint: str  # "" when the sessions came without one
    first: date  # its first session in the period
    last: date
    sessions: int
    course: Course | None  # None: the routine is not known here
    patient: str | None = None  # from the routine's [prescription], when it has one
    start: date | None = None  # the prescription's start date, when it has one


@dataclass(frozen=True)
class Week:
    """One calendar week (Monday first) of the period: sessions due and done, by kind."""

    start: date
    due: int
    done: int
    completed: int
    shortened: int
    stopped: int


@dataclass(frozen=True)
class RoutineBreak:
    """A break after a whole course of ``routine``: no session was due."""

    routine: str
    start: date
    end: date

    @property
    def days(self) -> int:
        """How many days the break lasted."""
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Rating:
    """The pain of one session, before and after (0-10)."""

    day: date
    routine: str
    before: int
    after: int


@dataclass(frozen=True)
class PainStop:
    """A session stopped for pain: when, where, how strong, and the advice shown then."""

    day: date
    routine: str
    where: str | None
    strength: int | None  # the pain when it stopped, 0-10
    symptoms: bool | None  # warning symptoms with it; None when not known
    advice: tuple[str, ...]


@dataclass(frozen=True)
class VerdictChange:
    """The screening verdict recorded with a session, where it differs from the one before."""

    day: date
    routine: str
    before: str | None  # None: the first verdict recorded
    after: str


@dataclass(frozen=True)
class Note:
    """A note the patient wrote after a session."""

    day: date
    routine: str
    text: str
    paper: bool


@dataclass(frozen=True)
class Report:
    """Everything a report shows, computed once."""

    made_at: datetime
    command: str  # how it was made, for the footer
    file: str | None  # the export it was made from; None: the user's own journal
    practice: tuple[str, ...]
    patient: str | None
    routine: str | None  # the --routine filter
    start: date
    end: date
    prescriptions: tuple[Prescribed, ...]
    sessions: int
    completed: int
    shortened: int
    stopped: int
    paper: int
    due: int
    done: int
    weeks: tuple[Week, ...]
    breaks: tuple[RoutineBreak, ...]
    no_course: tuple[str, ...]  # routines whose course is not known: nothing counted as due
    ratings: tuple[Rating, ...]
    pain_stops: tuple[PainStop, ...]
    verdict_changes: tuple[VerdictChange, ...]
    notes: tuple[Note, ...]  # newest first
    # The valid doctor clearances, in words (clinical.md §1b); only the user's own:
    # an export does not carry the screening.
    clearances: tuple[str, ...] = ()

    @property
    def days(self) -> int:
        """Days in the period, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def adherence(self) -> float | None:
        """Due sessions done, as a share to three places; None when none was due."""
        return round(self.done / self.due, 3) if self.due else None

    @property
    def mean_before(self) -> float | None:
        """Mean pain before, over the rated sessions, to a tenth."""
        return _mean([r.before for r in self.ratings])

    @property
    def mean_after(self) -> float | None:
        """Mean pain after, over the rated sessions, to a tenth."""
        return _mean([r.after for r in self.ratings])

    @property
    def mean_change(self) -> float | None:
        """Mean of (after - before) over the rated sessions, to a tenth: below 0 is relief."""
        return _mean([r.after - r.before for r in self.ratings])


def _mean(values: Sequence[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _day(session: SessionRecord) -> date:
    """The calendar day the session was lived on (its date where it was recorded)."""
    return date.fromisoformat(session.started_at[:10])


def build_report(
    ctx: Context,
    *,
    file: Path | None = None,
    start: date | None = None,
    end: date | None = None,
    routine: str | None = None,
    patient: str | None = None,
    command: str = "selfmassage report",
) -> Report:
    """The report of the user's journal, or of the export ``file``, over ``start``-``end``.

    A bad export is the ``InvalidFile`` of ``import`` (nothing is read from it); a
    period that ends before it starts, or a routine with no session, is a
    ``SelfMassageError``. Without ``start``, the period starts at the first session;
    without ``end``, it ends today.
    """
    today = ctx.clock.today()
    sessions, courses, holds = _read(ctx, file)
    if routine is not None:
        sessions = [s for s in sessions if s.routine == routine]
        if not sessions:
            raise SelfMassageError(
                _("no sessions of '{routine}' to report").format(routine=printable(routine)),
                hint=_("'selfmassage history' lists the routines of the journal."),
            )
    if not sessions:
        if file is not None:
            raise SelfMassageError(
                _("no sessions to report: the export {file} has none").format(file=file)
            )
        raise SelfMassageError(_("no sessions to report: the journal has none"))
    first = start or min(_day(s) for s in sessions)
    last = end or today
    if last < first:
        raise SelfMassageError(
            _("the period ends ({last}) before it starts ({first})").format(
                last=last.isoformat(), first=first.isoformat()
            )
        )
    inside = [s for s in sessions if first <= _day(s) <= last]
    due, breaks, no_course = _schedules(sessions, courses, first, last, today)
    kinds = [DONE_KINDS.get(s.outcome, "shortened") for s in inside]
    return Report(
        made_at=ctx.clock.now(),
        command=command,
        file=None if file is None else str(file),
        practice=ctx.settings.practice.lines,
        patient=patient or _patient_of(ctx, inside),
        routine=routine,
        start=first,
        end=last,
        prescriptions=_prescriptions(ctx, inside, courses),
        sessions=len(inside),
        completed=kinds.count("completed"),
        shortened=kinds.count("shortened"),
        stopped=kinds.count("stopped"),
        paper=sum(1 for s in inside if s.on_paper),
        due=len(due),
        done=sum(1 for d in due if d.done is not None),
        weeks=_weeks(due, first, last),
        breaks=breaks,
        no_course=no_course,
        ratings=tuple(
            Rating(_day(s), s.routine, s.pain_before, s.pain_after)
            for s in inside
            if s.pain_before is not None and s.pain_after is not None
        ),
        pain_stops=tuple(_pain_stop(s, holds) for s in inside if s.outcome == "stopped_for_pain"),
        verdict_changes=_verdict_changes(sessions, first, last),
        notes=tuple(
            Note(_day(s), s.routine, s.note, s.on_paper) for s in reversed(inside) if s.note
        ),
        clearances=_clearances(ctx) if file is None else (),
    )


def _read(
    ctx: Context, file: Path | None
) -> tuple[list[SessionRecord], dict[str, Course], tuple[Hold, ...]]:
    """The sessions oldest first, the courses known for their routines, and the holds on file.

    An export brings no courses (they come from the routine files here) and no holds.
    """
    catalog = ctx.catalog.routines
    if file is not None:
        from selfmassage.journal.exchange import read_export, session_record

        records = [session_record(r) for r in read_export(file, ctx.clock.now())]
        records.sort(key=lambda s: (datetime.fromisoformat(s.started_at), s.id))
        courses = {r: catalog[r].course for r in {s.routine for s in records} if r in catalog}
        return records, courses, ()
    from selfmassage.journal.flow import list_sessions

    sessions = list(list_sessions(ctx, newest_first=False))
    courses = {}
    journal = ctx.existing_journal()
    if journal is not None:
        with journal:
            courses = journal.courses()
    for routine in {s.routine for s in sessions} - courses.keys():
        if routine in catalog:
            courses[routine] = catalog[routine].course
    return sessions, courses, _holds(ctx)


def _holds(ctx: Context) -> tuple[Hold, ...]:
    if not ctx.paths.screening_file.exists():  # never screened: no holds, nothing to load
        return ()
    from selfmassage.screening.saved import load_saved

    saved, _ = load_saved(ctx.paths.screening_file)
    return saved.holds if saved is not None else ()


def _schedules(
    sessions: Sequence[SessionRecord],
    courses: dict[str, Course],
    first: date,
    last: date,
    today: date,
) -> tuple[list[Due], tuple[RoutineBreak, ...], tuple[str, ...]]:
    """The due sessions of the period over every routine, its breaks, and the routines
    whose course is unknown (none of their sessions is counted as due)."""
    by_routine: dict[str, list[tuple[date, str]]] = {}
    for s in sessions:
        by_routine.setdefault(s.routine, []).append((_day(s), s.outcome))
    due: list[Due] = []
    breaks: list[RoutineBreak] = []
    unknown: list[str] = []
    for routine, done in sorted(by_routine.items()):
        course = courses.get(routine)
        if course is None:
            if any(first <= day <= last for day, _ in done):
                unknown.append(routine)
            continue
        found = schedule(done, course, today)
        due += [d for d in found.due if first <= d.day <= last]
        breaks += [
            RoutineBreak(routine, b.start, b.end)
            for b in found.breaks
            if b.start <= last and b.end >= first
        ]
    breaks.sort(key=lambda b: (b.start, b.routine))
    return due, tuple(breaks), tuple(unknown)


def _weeks(due: Iterable[Due], first: date, last: date) -> tuple[Week, ...]:
    """Calendar weeks from the one holding ``first`` to the one holding ``last``."""
    monday = first - timedelta(days=first.weekday())
    count = (last - monday).days // 7 + 1
    tallies = [[0, 0, 0, 0, 0] for _ in range(count)]  # due, done, completed, shortened, stopped
    places = {"completed": 2, "shortened": 3, "stopped": 4}
    for d in due:
        tally = tallies[(d.day - monday).days // 7]
        tally[0] += 1
        if d.done is not None:
            tally[1] += 1
            tally[places[d.done]] += 1
    return tuple(Week(monday + timedelta(days=7 * n), *tally) for n, tally in enumerate(tallies))


def _pain_stop(session: SessionRecord, holds: Sequence[Hold]) -> PainStop:
    """The pain stop of ``session``; whether it came with warning symptoms is known from
    the hold it left, while that hold is on file (never from an export)."""
    from selfmassage.session.flow import PAIN_ADVICE, SYMPTOMS_ADVICE

    started = datetime.fromisoformat(session.started_at)
    ended = datetime.fromisoformat(session.ended_at)
    symptoms: bool | None = None
    for hold in holds:
        if hold.routine == session.routine and started <= hold.since <= ended + timedelta(hours=2):
            symptoms = hold.everything
    return PainStop(
        _day(session),
        session.routine,
        session.pain_where,
        session.pain_after,
        symptoms,
        SYMPTOMS_ADVICE if symptoms else PAIN_ADVICE,
    )


def _verdict_changes(
    sessions: Sequence[SessionRecord], first: date, last: date
) -> tuple[VerdictChange, ...]:
    """Each session whose verdict differs from the last one recorded before it, in the period."""
    changes = []
    previous: str | None = None
    for s in sessions:
        if s.verdict is None or s.verdict == previous:
            continue
        if first <= _day(s) <= last:
            changes.append(VerdictChange(_day(s), s.routine, previous, s.verdict))
        previous = s.verdict
    return tuple(changes)


def _prescriptions(
    ctx: Context, sessions: Sequence[SessionRecord], courses: dict[str, Course]
) -> tuple[Prescribed, ...]:
    """Each routine and fingerprint the period's sessions were done with, first done first."""
    groups: dict[tuple[str, str], list[SessionRecord]] = {}
    for s in sessions:
        groups.setdefault((s.routine, s.content_hash), []).append(s)
    found = []
    for (routine, fingerprint), done in groups.items():
        patient, start = prescription_details(ctx.catalog.routines.get(routine))
        found.append(
            Prescribed(
                routine=routine,
                title=done[-1].routine_title,
                fingerprint=fingerprint,
                first=_day(done[0]),
                last=_day(done[-1]),
                sessions=len(done),
                course=courses.get(routine),
                patient=patient,
                start=start,
            )
        )
    return tuple(sorted(found, key=lambda p: (p.first, p.routine, p.fingerprint)))


def prescription_details(routine: Routine | None) -> tuple[str | None, date | None]:
    """The patient and start date of ``routine``'s ``[prescription]``, when it has one.

    The one place the report reads a prescription: routines gain the table in
    another change, so it is looked up by name and is simply absent before.
    """
    prescription = getattr(routine, "prescription", None)
    if prescription is None:
        return None, None
    patient = getattr(prescription, "patient", None)
    start = getattr(prescription, "start", None)
    return (
        patient if isinstance(patient, str) else None,
        start if isinstance(start, date) else None,
    )


def _patient_of(ctx: Context, sessions: Sequence[SessionRecord]) -> str | None:
    """The patient named by the prescriptions of the period's routines, if one is."""
    names = {
        prescription_details(ctx.catalog.routines.get(r))[0] for r in {s.routine for s in sessions}
    }
    names.discard(None)
    return names.pop() if len(names) == 1 else None


def _clearances(ctx: Context) -> tuple[str, ...]:
    """The doctor clearances on file, in words; none without a saved screening (and then
    the screening's code is not even loaded)."""
    if not ctx.paths.screening_file.exists():
        return ()
    from selfmassage.screening.flow import clearance_lines

    return clearance_lines(ctx)
