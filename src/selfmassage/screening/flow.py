"""The screening's flows: may a session start now, with which routine, and why.

Functions of the run's context and their inputs that return frozen results and
print nothing. What the person must answer goes through an injected ``Asker``
(``screening.ask``); the commands render. Each run reads the saved screening
once (``screening_state``) and hands it along.

Before every session (clinical.md §1a) the every-session questions are answered
again: at a terminal, from an answers file, or from lines on standard input.
Lasting answers hold for days; doctor clearances turn a cleared "yes" into
caution (§1b); holds after a pain stop and a rising pain trend refuse the routines
they touch until they are lifted (§6a, §6b); and the dose rules (§5) ask before a
second session of an area on one day, or a session during a course's break.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from selfmassage.context import Context
from selfmassage.errors import SelfMassageError, SessionRefused
from selfmassage.i18n import N_, _, long_date
from selfmassage.routines.fit import fit
from selfmassage.routines.model import Routine
from selfmassage.screening.ask import Answered, Asker, AskReason, LineAnswers, NewClearance
from selfmassage.screening.gate import (
    Clearance,
    check_allowed,
    cleared,
    declined_caution,
    unanswered,
    unconfirmed_caution,
)
from selfmassage.screening.questions import Question, load_answers
from selfmassage.screening.recommend import Recommendation, no_routine_today, recommend
from selfmassage.screening.saved import (
    Progress,
    SavedScreening,
    Status,
    empty_screening,
    load_saved,
    resumable,
    save_screening,
    status,
    valid_answers,
)
from selfmassage.screening.standing import (
    DoctorClearance,
    Hold,
    cleared_questions,
    next_id,
    standing_questions,
    step_areas,
    valid_clearances,
)
from selfmassage.screening.verdict import Verdict, evaluate, refusal

if TYPE_CHECKING:
    from selfmassage.journal.records import SessionRecord

EVERY_SESSION_UNANSWERED = N_(
    "the questions asked before every session (fever, alcohol, chest pain, numbness...) "
    "are not answered"
)
EVERY_SESSION_HINT = N_(
    "answer them at a terminal, with 'selfmassage start --answers FILE', "
    "or as y/n lines on standard input"
)


@dataclass(frozen=True)
class ScreeningState:
    """The saved screening as it stands now: read once per run, then handed along."""

    saved: SavedScreening | None
    status: Status
    valid: Mapping[str, bool]  # the saved answers that still hold for the next session


@dataclass(frozen=True)
class Screened:
    """Answers that hold now, the standing facts, and their verdict."""

    answers: Mapping[str, bool]
    verdict: Verdict
    saved: SavedScreening | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Advice:
    """What ``recommend`` says: the choice, and the verdict of the answers that still hold."""

    choice: Recommendation
    verdict: Verdict


@dataclass(frozen=True)
class Pick:
    """The daily path's routine: the recommendation and its clearance, caution unconfirmed."""

    advice: Recommendation
    clearance: Clearance


def screening_state(ctx: Context, *, warn: Callable[[str], None]) -> ScreeningState:
    """The saved screening, its status and the answers that still hold, read once.

    A saved file that cannot be read is ignored, and ``warn`` hears why at once,
    before the settings are read (which may fail on their own).
    """
    saved, warning = load_saved(ctx.paths.screening_file)
    if warning is not None:
        warn(warning)
    now = ctx.clock.now()
    days = ctx.settings.screening_valid_days
    return ScreeningState(
        saved=saved,
        status=status(saved, now, days),
        valid=valid_answers(saved, ctx.questionnaire, now, days),
    )


def in_play(
    questions: Sequence[Question], routines: Sequence[Routine] | None
) -> tuple[Question, ...]:
    """The questions for ``routines``: the general ones and those of the areas they touch.

    ``None`` means every routine: the whole questionnaire.
    """
    if routines is None:
        return tuple(questions)
    areas: set[str] = set().union(*(r.areas for r in routines)) if routines else set()
    return tuple(q for q in questions if q.general or set(q.areas) & areas)


# -- settling the answers for a session ------------------------------------------------


def settle(
    ctx: Context,
    state: ScreeningState,
    *,
    asker: Asker | None,
    routines: Sequence[Routine] | None = None,
    answers_file: Path | None = None,
    lines: LineAnswers | None = None,
    follow_up: bool = True,
) -> Screened:
    """Answers that hold for the session about to start, asking only what is due.

    The questions are those of ``routines`` (all when ``None``). At a terminal
    (``asker``) the every-session questions are asked, then any lasting ones that
    are due, then the follow-up of any hold; everything is saved. Without one, an
    ``answers_file`` or ``lines`` must answer the every-session questions, and a
    missing or expired screening is refused unless the file answers everything.
    """
    scope = in_play(ctx.questionnaire, routines)
    today = ctx.clock.today()
    base = state.saved
    answers = dict(state.valid)
    if asker is None:
        return _settle_without_terminal(ctx, state, scope, answers, answers_file, lines)
    progress = dict(resumable(base, ctx.clock.now()))
    full = state.status == "none" or (
        state.status == "lasting"
        and base is not None
        and not progress
        and asker.changed_since(base.time)
    )
    if full:
        answers = {}
    clearances = list(base.clearances if base else ())
    cleared_now = set(valid_clearances(clearances, today))
    # The questions about right now come first: an emergency ends the screening there.
    every = [q for q in scope if q.every_session and q.id not in answers]
    lasting = [q for q in scope if not q.every_session and q.id not in answers]
    answers.update({k: v for k, v in progress.items() if k in {q.id for q in lasting}})
    lasting = [q for q in lasting if q.id not in answers]
    reason = _reason(state, full, bool(progress))
    round_one = Answered({})
    if every:
        round_one = asker.every_session(every, today=today, reason=reason, more=len(lasting))
        reason = "continued"
    answers.update(round_one.answers)
    round_two = Answered({})
    if round_one.urgent is None and lasting:
        so_far = dict(answers)
        try:
            round_two = asker.answers(
                lasting, reason=reason, today=today, cleared=cleared_now, so_far=so_far
            )
        except BaseException:
            _save_progress(ctx, base, so_far)
            raise
        answers.update(round_two.answers)
        clearances += _recorded(round_two.clearances, clearances, today)
    lasting_from = ctx.clock.now() if full else (base.time if base else ctx.clock.now())
    saved = _with(
        ctx,
        base,
        answers=answers,
        time=lasting_from,
        checked=ctx.clock.now(),
        used=False,
        clearances=tuple(clearances),
        progress=None,
    )
    if follow_up and round_one.urgent is None and round_two.urgent is None:
        saved = _follow_up_holds(ctx, saved, asker, today)
        saved = _clear_paused(ctx, saved, asker, routines, today)
    return _judged_and_saved(ctx, saved, answers)


def _reason(state: ScreeningState, full: bool, resumed: bool) -> AskReason:
    if resumed:
        return "resumed"
    if state.status == "none":
        return "no-screening"
    if full:
        return "changed"
    return "areas"


def _settle_without_terminal(
    ctx: Context,
    state: ScreeningState,
    scope: Sequence[Question],
    answers: dict[str, bool],
    answers_file: Path | None,
    lines: LineAnswers | None,
) -> Screened:
    base = state.saved
    every = [q.id for q in scope if q.every_session]
    full = False
    if answers_file is not None:
        # While the lasting answers hold, the every-session ones are enough; a routine on
        # areas not asked about yet needs only those areas' questions as well.
        required = [*every, *(q.id for q in scope if not q.every_session and q.id not in answers)]
        given = load_answers(answers_file, ctx.questionnaire, required=required)
        full = len(given) == len(ctx.questionnaire)
        answers = {} if full else answers
        answers.update(given)
    missing_lasting = [q for q in scope if not q.every_session and q.id not in answers]
    if missing_lasting:
        if state.status == "none":
            refused = unanswered("none", missing=True)
            assert refused is not None
            raise refused
        refused = unanswered("today", missing=True)
        assert refused is not None
        raise refused
    missing_every = [q for q in scope if q.every_session and q.id not in answers]
    if missing_every:
        given_lines = lines(missing_every) if lines is not None else None
        if given_lines is None:
            raise SessionRefused(_(EVERY_SESSION_UNANSWERED), hint=_(EVERY_SESSION_HINT))
        answers.update(given_lines)
    now = ctx.clock.now()
    saved = _with(
        ctx,
        base,
        answers=answers,
        time=now if full or base is None else base.time,
        checked=now,
        used=False,
    )
    return _judged_and_saved(ctx, saved, answers)


def _recorded(
    stated: Sequence[NewClearance], existing: Sequence[DoctorClearance], today: date
) -> list[DoctorClearance]:
    found: list[DoctorClearance] = []
    for new in stated:
        cid = next_id("c", [c.id for c in (*existing, *found)])
        found.append(DoctorClearance(cid, new.question, today, new.until, new.note))
    return found


def _follow_up_holds(
    ctx: Context, saved: SavedScreening, asker: Asker, today: date
) -> SavedScreening:
    """Ask about every hold; lift those that may be lifted (clinical.md §6a)."""
    kept: list[Hold] = []
    lifted: list[Hold] = []
    clearances = list(saved.clearances)
    for hold in saved.holds:
        answer = asker.follow_up(hold, today=today)
        if answer.cleared is not None:
            clearances += _recorded([answer.cleared], clearances, today)
        elif not (hold.everything or hold.doctor) and answer.gone and not answer.came_back:
            lifted.append(hold)
        else:
            kept.append(replace(hold, doctor=True))  # asked once: now only a doctor lifts it
    return replace(saved, holds=tuple(kept), clearances=tuple(clearances), lifted=tuple(lifted))


def _clear_paused(
    ctx: Context,
    saved: SavedScreening,
    asker: Asker,
    routines: Sequence[Routine] | None,
    today: date,
) -> SavedScreening:
    """A paused course of a routine in play may be cleared by a doctor (clinical.md §6b)."""
    if routines is None:
        return saved
    clearances = list(saved.clearances)
    from selfmassage.journal.flow import paused_courses

    for trend in paused_courses(ctx, _trend_clearances(clearances), [r.id for r in routines]):
        what = _("The course of '{routine}' is paused: {reason}.").format(
            routine=trend.routine, reason=trend.reason
        )
        new = asker.doctor_cleared(what, question=trend.id, today=today, announce=True)
        if new is not None:
            clearances += _recorded([new], clearances, today)
    return replace(saved, clearances=tuple(clearances))


def _with(ctx: Context, base: SavedScreening | None, **changes: object) -> SavedScreening:
    start = base or empty_screening(ctx.clock.now())
    return replace(start, **changes)  # type: ignore[arg-type]


def _save_progress(ctx: Context, base: SavedScreening | None, so_far: Mapping[str, bool]) -> None:
    """Keep the answers of an interrupted screening, to resume the same day."""
    if not so_far:
        return
    progress = Progress(ctx.clock.now(), dict(so_far))
    save_screening(_with(ctx, base, progress=progress), ctx.paths.screening_file)


def _judged_and_saved(ctx: Context, saved: SavedScreening, answers: Mapping[str, bool]) -> Screened:
    screened = _judged(ctx, answers, saved)
    written = replace(saved, verdict=screened.verdict.verdict)
    save_screening(written, ctx.paths.screening_file)
    return replace(screened, saved=written)


def _trend_clearances(clearances: Sequence[DoctorClearance]) -> dict[str, date]:
    """The day of the latest clearance of each routine's paused course, by routine."""
    found: dict[str, date] = {}
    for c in clearances:
        if c.question.startswith("pain-trend-"):
            routine = c.question.removeprefix("pain-trend-")
            found[routine] = max(c.given, found.get(routine, c.given))
    return found


def _judged(ctx: Context, answers: Mapping[str, bool], saved: SavedScreening | None) -> Screened:
    today = ctx.clock.today()
    clearances = saved.clearances if saved else ()
    holds = saved.holds if saved else ()
    lifted = saved.lifted if saved else ()
    questions = cleared_questions(ctx.questionnaire, clearances, today)
    from selfmassage.journal.flow import paused_courses

    trends = paused_courses(ctx, _trend_clearances(clearances))
    standing = standing_questions(holds, trends, clearances, today, lifted_today=lifted)
    return Screened(answers, evaluate(answers, questions, ctx.catalog, standing), saved)


def _day_of(started_at: str) -> date:
    """The day a session counts for: the date it was lived on, in its own offset."""
    return date.fromisoformat(started_at[:10])


# -- the commands' flows -----------------------------------------------------------------


def screen_all(ctx: Context, asker: Asker, state: ScreeningState | None = None) -> Verdict:
    """``selfmassage screen``: every question asked, the answers saved, their verdict.

    Answers given earlier today in a screening that was interrupted are kept and
    the questions go on from there. An urgent "yes" ends the questions at once.
    """
    state = state or screening_state(ctx, warn=lambda _: None)
    base = state.saved
    today = ctx.clock.today()
    progress = dict(resumable(base, ctx.clock.now()))
    clearances = list(base.clearances if base else ())
    to_ask = [q for q in ctx.questionnaire if q.id not in progress]
    so_far = dict(progress)
    try:
        answered = asker.answers(
            to_ask,
            reason="resumed" if progress else "screen",
            today=today,
            cleared=set(valid_clearances(clearances, today)),
            so_far=so_far,
        )
    except BaseException:
        _save_progress(ctx, base, so_far)
        raise
    answers = {**progress, **answered.answers}
    clearances += _recorded(answered.clearances, clearances, today)
    now = ctx.clock.now()
    saved = _with(
        ctx,
        base,
        answers=answers,
        time=now,
        checked=now,
        used=False,
        clearances=tuple(clearances),
        progress=None,
    )
    return _judged_and_saved(ctx, saved, answers).verdict


def screen_from_answers(ctx: Context, path: Path) -> Verdict:
    """``selfmassage screen --answers``: the file's answers saved as the screening; the verdict.

    Clearances and holds already on file are kept.
    """
    answers = load_answers(path, ctx.questionnaire)
    base, _warning = load_saved(ctx.paths.screening_file)
    now = ctx.clock.now()
    saved = _with(ctx, base, answers=answers, time=now, checked=now, used=False, progress=None)
    return _judged_and_saved(ctx, saved, answers).verdict


def saved_verdict(ctx: Context) -> Verdict:
    """The verdict of the saved screening's answers as they stand now (``--json`` reads it
    again in English after ``screen_from_answers``)."""
    saved, _warning = load_saved(ctx.paths.screening_file)
    answers = saved.answers if saved else {}
    return _judged(ctx, answers, saved).verdict


def recommend_today(
    ctx: Context, state: ScreeningState, complaint: str | None, minutes: int | None
) -> Advice:
    """``selfmassage recommend``: the choice for the answers that still hold; never asks."""
    verdict = _judged(ctx, state.valid, state.saved).verdict
    return Advice(recommend(complaint, minutes, verdict, ctx.catalog), verdict)


def clear(
    ctx: Context,
    state: ScreeningState,
    routine_name: str | None,
    *,
    minutes: int | None,
    complaint: str | None = None,
    asker: Asker | None = None,
    answers_file: Path | None = None,
    lines: LineAnswers | None = None,
) -> Clearance:
    """Whether a session may start and with which routine; ``SessionRefused`` (exit 3) if not.

    With no ``asker`` nothing is asked: the every-session answers come from
    ``answers_file`` or ``lines`` or the session is refused; a missing or expired
    screening is refused, and so is a caution verdict, a second session of an area
    today and a session during a course's break, because each needs the person's own
    confirmation. A refusing verdict raises a ``verdict.Refusal`` that carries it.
    With ``routine_name`` None the routine is the recommendation for ``complaint``
    and ``minutes``; either way the routine comes as written, and the session's
    plan fits it to ``minutes``.
    """
    named = ctx.routine(routine_name) if routine_name is not None else None
    if named is not None:
        fit(named, minutes)  # a time that cannot fit is said before any question is asked
    screened = settle(
        ctx,
        state,
        asker=asker,
        routines=None if named is None else [named],
        answers_file=answers_file,
        lines=lines,
    )
    verdict = screened.verdict
    if verdict.refused:
        raise refusal(verdict)
    if named is None:
        routine = recommend(complaint, minutes, verdict, ctx.catalog).routine
        fit(routine, minutes)  # before the answers about now are spent on no session
    else:
        check_allowed(verdict, named)
        routine = named
    if verdict.caution:
        if asker is None:
            raise unconfirmed_caution()
        if not asker.go_on_with_care(verdict):
            raise declined_caution()
    check_dose(ctx, routine, asker)
    mark_used(ctx, screened)
    return cleared(verdict, routine)


def mark_used(ctx: Context, screened: Screened) -> None:
    """The every-session answers have served their one session (clinical.md §1a)."""
    if screened.saved is not None:
        save_screening(replace(screened.saved, used=True), ctx.paths.screening_file)


def no_session_today(ctx: Context, screened: Screened) -> SessionRefused | None:
    """Why no routine may be done today whatever the complaint, or ``None``."""
    return no_routine_today(screened.verdict, ctx.catalog)


def routines_for(ctx: Context, complaint: str | None) -> list[Routine]:
    """The routines a complaint brings into play (every routine when there is none)."""
    from selfmassage.screening.complaints import Complaint

    named = Complaint.named(complaint) if complaint is not None else None
    if named is None:
        return list(ctx.catalog.routines.values())
    return [ctx.catalog.routines[r] for r in named.routines if r in ctx.catalog.routines]


def pick_today(ctx: Context, screened: Screened, complaint: str | None) -> Pick:
    """The daily path's routine for ``complaint``; caution is confirmed with the routine."""
    advice = recommend(complaint, None, screened.verdict, ctx.catalog)
    return Pick(advice, cleared(screened.verdict, advice.routine))


def clear_instead(ctx: Context, screened: Screened, routine_name: str) -> Clearance:
    """The clearance for a routine the person picked instead; caution is confirmed with it."""
    return cleared(screened.verdict, _allowed(ctx, screened.verdict, routine_name))


def complete_for(ctx: Context, screened: Screened, routine: Routine, asker: Asker) -> Screened:
    """The answers again when ``routine`` touches areas not asked about yet (the daily path)."""
    missing = [q for q in in_play(ctx.questionnaire, [routine]) if q.id not in screened.answers]
    if not missing:
        return screened
    state = ScreeningState(screened.saved, "today", screened.answers)
    return settle(ctx, state, asker=asker, routines=[routine], follow_up=False)


def _allowed(ctx: Context, verdict: Verdict, routine_name: str) -> Routine:
    routine = ctx.routine(routine_name)
    check_allowed(verdict, routine)
    return routine


# -- dose (clinical.md §5) ---------------------------------------------------------------


@dataclass(frozen=True)
class Dose:
    """What the journal says about a session of ``routine`` today."""

    earlier_today: tuple[str, ...]  # routines done today on the same areas
    break_until: date | None  # the course's break ends the day before this


def dose_today(ctx: Context, routine: Routine) -> Dose:
    """Earlier sessions today on the same areas, and whether the course is on its break."""
    journal = ctx.existing_journal()
    if journal is None:
        return Dose((), None)
    today = ctx.clock.today()
    with journal:
        earlier = [
            record
            for record in journal.sessions(limit=50)
            if record.outcome == "completed"
            and _day_of(record.started_at) == today
            and (record.routine == routine.id or _areas_of(ctx, record) & routine.areas)
        ]
        progress = journal.course_progress(routine, today=today)
    return Dose(
        tuple(dict.fromkeys(r.routine for r in earlier)),
        progress.break_until if progress.on_break else None,
    )


def _areas_of(ctx: Context, record: SessionRecord) -> set[str]:
    """The areas a recorded session worked on: its steps', else its routine's (if known)."""
    if record.steps:
        return {step.area for step in record.steps}
    known = ctx.catalog.routines.get(record.routine)
    return set(known.areas) if known is not None else set()


def check_dose(ctx: Context, routine: Routine, asker: Asker | None) -> None:
    """A second session of an area today, or one during the break, only by the person's choice."""
    dose = dose_today(ctx, routine)
    if dose.earlier_today:
        message = _(
            "You have already done a session on these areas today ({routines}). One session "
            "an area a day is enough; a second one does not count toward your course."
        ).format(routines=", ".join(dose.earlier_today))
        _confirm_or_refuse(asker, message, _("Start a second session anyway?"), _(SECOND_SESSION))
    if dose.break_until is not None:
        last = dose.break_until - timedelta(days=1)
        message = _(
            "Your course of '{routine}' is done and its break lasts until {last}; the next "
            "course starts on {next}. A session during the break does not count toward a course."
        ).format(routine=routine.id, last=long_date(last), next=long_date(dose.break_until))
        _confirm_or_refuse(asker, message, _("Start anyway, during the break?"), _(ON_BREAK))


SECOND_SESSION = N_("a second session on the same areas today needs your confirmation")
ON_BREAK = N_("a session during the break after a course needs your confirmation")


def _confirm_or_refuse(asker: Asker | None, message: str, question: str, refused: str) -> None:
    if asker is None:
        raise SessionRefused(
            refused,
            hint=_("{message} Start it from a terminal to confirm.").format(message=message),
        )
    if not asker.confirm(message, question):
        raise declined_caution()


# -- pain stops (clinical.md §6a) ----------------------------------------------------------


def record_pain_stop(
    ctx: Context, routine: Routine, stopped_at: int, *, symptoms: bool, since: datetime
) -> Hold:
    """Put the areas of step ``stopped_at`` (from 0) on hold; every routine with symptoms."""
    step = routine.steps[min(max(stopped_at, 0), len(routine.steps) - 1)]
    areas = tuple(sorted(step_areas(step) or routine.areas))
    base, _warning = load_saved(ctx.paths.screening_file)
    holds = base.holds if base else ()
    hold = Hold(next_id("h", [h.id for h in holds]), since, routine.id, areas, symptoms)
    save_screening(_with(ctx, base, holds=(*holds, hold)), ctx.paths.screening_file)
    return hold


# -- clearances (clinical.md §1b) ------------------------------------------------------------


def list_clearances(ctx: Context) -> tuple[DoctorClearance, ...]:
    """The doctor clearances on file, valid or not, oldest first."""
    saved, _warning = load_saved(ctx.paths.screening_file)
    return saved.clearances if saved else ()


def clearance_lines(ctx: Context) -> tuple[str, ...]:
    """The valid doctor clearances in words, for the handout: what, since when, until when."""
    today = ctx.clock.today()
    valid = [c for c in list_clearances(ctx) if c.valid(today)]
    if not valid:
        return ()
    texts = {q.id: q.text for q in ctx.questionnaire}
    lines = []
    for c in valid:
        what = texts.get(c.question, c.question)
        line = _(
            "{what} A doctor examined this and said self-massage is fine "
            "({given}, until {until}): light pressure, no tapping."
        ).format(what=what, given=c.given.isoformat(), until=c.until.isoformat())
        if c.note:
            line += " " + _("Note: {note}").format(note=c.note)
        lines.append(line)
    return tuple(lines)


def revoke(ctx: Context, clearance_id: str) -> DoctorClearance:
    """End clearance ``clearance_id`` now; ``SelfMassageError`` (exit 2) if there is none."""
    saved, _warning = load_saved(ctx.paths.screening_file)
    found = [c for c in (saved.clearances if saved else ()) if c.id == clearance_id]
    if saved is None or not found:
        known = ", ".join(c.id for c in (saved.clearances if saved else ())) or _("none")
        raise SelfMassageError(
            _("no clearance '{id}' on file (clearances: {known})").format(
                id=clearance_id, known=known
            ),
            hint=_("'selfmassage screen --clearances' lists them"),
        )
    kept = tuple(c for c in saved.clearances if c.id != clearance_id)
    save_screening(replace(saved, clearances=kept), ctx.paths.screening_file)
    return found[0]
