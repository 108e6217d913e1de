"""The screening's flows: may a session start today, with which routine, and why.

Functions of the run's context and their inputs that return frozen results and
print nothing. What the person must answer goes through an injected ``Asker``
(``screening.ask``); the commands render. Each run reads the saved screening
once (``screening_state``) and hands it along, and evaluates the verdict once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from selfmassage.context import Context
from selfmassage.errors import SessionRefused
from selfmassage.routines.model import Routine
from selfmassage.screening.ask import Asker, AskReason
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
    SavedScreening,
    Status,
    load_saved,
    save_screening,
    status,
    valid_answers,
)
from selfmassage.screening.verdict import Verdict, evaluate, refusal


@dataclass(frozen=True)
class ScreeningState:
    """The saved screening as it stands now: read once per run, then handed along."""

    saved: SavedScreening | None
    status: Status
    valid: Mapping[str, bool]  # the saved answers that still hold


@dataclass(frozen=True)
class Screened:
    """Answers that hold now, and their verdict (evaluated once)."""

    answers: Mapping[str, bool]
    verdict: Verdict


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


def settle(ctx: Context, state: ScreeningState, *, asker: Asker | None) -> Screened:
    """Answers that hold now: the saved ones, asking only what is due, then saved.

    With no ``asker`` nothing is asked: a missing, expired or incomplete screening
    is a ``SessionRefused`` naming what is due.
    """
    questions = ctx.questionnaire
    missing = tuple(q for q in questions if q.id not in state.valid)
    if asker is None:
        refused = unanswered(state.status, missing=bool(missing))
        if refused is not None:
            raise refused
        return _judged(ctx, state.valid)
    if state.status == "none":
        return _ask_and_save(ctx, asker, questions, {}, reason="no-screening")
    assert state.saved is not None
    if state.status == "lasting":
        if asker.changed_since(state.saved.time):
            return _ask_and_save(ctx, asker, questions, {}, reason="changed")
        return _ask_and_save(
            ctx, asker, missing, state.valid, reason="today-only", lasting=state.saved.time
        )
    if missing:  # the questionnaire gained questions since the screening
        return _ask_and_save(
            ctx, asker, missing, state.valid, reason="new-questions", lasting=state.saved.time
        )
    return _judged(ctx, state.valid)


def _judged(ctx: Context, answers: Mapping[str, bool]) -> Screened:
    return Screened(answers, evaluate(answers, ctx.questionnaire, ctx.catalog))


def _ask_and_save(
    ctx: Context,
    asker: Asker,
    to_ask: tuple[Question, ...],
    kept: Mapping[str, bool],
    *,
    reason: AskReason,
    lasting: datetime | None = None,
) -> Screened:
    answers = {**kept, **asker.answers(to_ask, reason=reason)}
    now = ctx.clock.now()
    screened = _judged(ctx, answers)
    # Lasting answers keep the date of the full screening they came from.
    saved = SavedScreening(answers, screened.verdict.verdict, lasting or now, now)
    save_screening(saved, ctx.paths.screening_file)
    return screened


def screen_all(ctx: Context, asker: Asker) -> Verdict:
    """``selfmassage screen``: every question asked, the answers saved, their verdict."""
    return _ask_and_save(ctx, asker, ctx.questionnaire, {}, reason="screen").verdict


def screen_from_answers(ctx: Context, path: Path) -> Verdict:
    """``selfmassage screen --answers``: the file's answers saved as the screening; the verdict."""
    answers = load_answers(path, ctx.questionnaire)
    screened = _judged(ctx, answers)
    now = ctx.clock.now()
    save_screening(
        SavedScreening(answers, screened.verdict.verdict, now, now), ctx.paths.screening_file
    )
    return screened.verdict


def recommend_today(
    ctx: Context, state: ScreeningState, complaint: str | None, minutes: int | None
) -> Advice:
    """``selfmassage recommend``: the choice for the answers that still hold; never asks."""
    verdict = _judged(ctx, state.valid).verdict
    return Advice(recommend(complaint, minutes, verdict, ctx.catalog), verdict)


def clear(
    ctx: Context,
    state: ScreeningState,
    routine_name: str | None,
    *,
    minutes: int | None,
    complaint: str | None = None,
    asker: Asker | None = None,
) -> Clearance:
    """Whether a session may start and with which routine; ``SessionRefused`` (exit 3) if not.

    With no ``asker`` nothing is asked: a missing, expired or incomplete screening
    is refused, and so is a caution verdict, because caution needs the person's
    own confirmation (light pressure, no tapping). A refusing verdict raises a
    ``verdict.Refusal`` that carries it. With ``routine_name`` None the routine is
    the recommendation for ``complaint`` and ``minutes``; either way the routine
    comes as written, and the session's plan fits it to ``minutes``.
    """
    verdict = settle(ctx, state, asker=asker).verdict
    if verdict.refused:
        raise refusal(verdict)
    if routine_name is None:
        routine = recommend(complaint, minutes, verdict, ctx.catalog).routine
    else:
        routine = _allowed(ctx, verdict, routine_name)
    if verdict.caution:
        if asker is None:
            raise unconfirmed_caution()
        if not asker.go_on_with_care(verdict):
            raise declined_caution()
    return cleared(verdict, routine)


def no_session_today(ctx: Context, screened: Screened) -> SessionRefused | None:
    """Why no routine may be done today whatever the complaint, or ``None``."""
    return no_routine_today(screened.verdict, ctx.catalog)


def pick_today(ctx: Context, screened: Screened, complaint: str | None) -> Pick:
    """The daily path's routine for ``complaint``; caution is confirmed with the routine."""
    advice = recommend(complaint, None, screened.verdict, ctx.catalog)
    return Pick(advice, cleared(screened.verdict, advice.routine))


def clear_instead(ctx: Context, screened: Screened, routine_name: str) -> Clearance:
    """The clearance for a routine the person picked instead; caution is confirmed with it."""
    return cleared(screened.verdict, _allowed(ctx, screened.verdict, routine_name))


def _allowed(ctx: Context, verdict: Verdict, routine_name: str) -> Routine:
    routine = ctx.routine(routine_name)
    check_allowed(verdict, routine)
    return routine
