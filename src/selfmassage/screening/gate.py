"""The interactive side of screening: asking, the verdict panel, and the gate before a session.

``clear_for_session`` is what ``selfmassage start`` calls; ``daily`` is the path of
``selfmassage`` with no arguments. Everything here reads input through ``Io`` so
tests can feed answers and move the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text

from selfmassage.context import Context
from selfmassage.errors import SessionRefused
from selfmassage.routines.catalog import Catalog
from selfmassage.routines.model import Routine
from selfmassage.screening.ask import Io, _yes, ask_questions
from selfmassage.screening.questions import Question
from selfmassage.screening.recommend import Recommendation, recommend
from selfmassage.screening.saved import (
    SavedScreening,
    load_saved,
    save_screening,
    status,
    valid_answers,
)
from selfmassage.screening.verdict import (
    Verdict,
    evaluate,
    refusal,
)
from selfmassage.screening.view import verdict_panel
from selfmassage.view import literal


@dataclass(frozen=True)
class Clearance:
    """What the gate allows: the routine to run (already adapted) and why."""

    routine: Routine  # already adapted: routine.without_percussion() when caution
    verdict: str  # "clear" | "caution" | "local"
    caution: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Passed:
    """What the gate found: the clearance, the verdict, and the recommendation if one was made."""

    clearance: Clearance
    verdict: Verdict
    advice: Recommendation | None


def ensure_screening(ctx: Context, *, interactive: bool, io: Io) -> dict[str, bool]:
    """Answers that hold now: from the saved screening, asking only what is due."""
    questions, catalog = ctx.questionnaire, ctx.catalog
    saved, warning = load_saved(ctx.paths.screening_file)
    if warning:
        io.err.print(literal(f"selfmassage: warning: {warning}"), soft_wrap=True)
    now = ctx.clock.now()
    days = ctx.settings.screening_valid_days
    state = status(saved, now, days)
    hint = "run 'selfmassage screen' first"
    if state == "none":
        if not interactive:
            raise SessionRefused("no valid screening on file", hint=hint)
        io.out.print(Text("No screening on file from the last days: the full questions first."))
        return _ask_and_save(ctx, questions, questions, {}, catalog, io, full=True)
    assert saved is not None
    valid = valid_answers(saved, questions, now, days)
    missing = [q for q in questions if q.id not in valid]
    if state == "lasting":
        if not interactive:
            raise SessionRefused(
                "today's questions (fever, infection, alcohol, painkillers...) "
                "are not answered yet",
                hint=hint,
            )
        since = saved.time.strftime("%d %B")
        changed = _yes(
            io,
            f"Has anything about your health changed since your screening on {since} "
            "(a new illness, injury, medicine, or a pregnancy)? [y/n] > ",
        )
        if changed:
            return _ask_and_save(ctx, questions, questions, {}, catalog, io, full=True)
        io.out.print(Text("Then only today's questions."))
        return _ask_and_save(ctx, questions, missing, valid, catalog, io, full=False, saved=saved)
    if missing:  # the questionnaire gained questions since the screening
        if not interactive:
            raise SessionRefused("new screening questions are not answered yet", hint=hint)
        return _ask_and_save(ctx, questions, missing, valid, catalog, io, full=False, saved=saved)
    return valid


def _ask_and_save(
    ctx: Context,
    questions: Sequence[Question],
    to_ask: Sequence[Question],
    kept: dict[str, bool],
    catalog: Catalog,
    io: Io,
    *,
    full: bool,
    saved: SavedScreening | None = None,
) -> dict[str, bool]:
    answers = {**kept, **ask_questions(to_ask, io)}
    now = ctx.clock.now()
    verdict = evaluate(answers, questions, catalog)
    # Lasting answers keep the date of the full screening they came from.
    time = now if full or saved is None else saved.time
    save_screening(SavedScreening(answers, verdict.verdict, time, now), ctx.paths.screening_file)
    return answers


# -- the gate before a session ---------------------------------------------------------


def clear_for_session(
    ctx: Context,
    routine_name: str | None,
    *,
    minutes: int | None,
    interactive: bool,
    complaint: str | None = None,
) -> Clearance:
    """Whether a session may start and with which routine; ``SessionRefused`` (exit 3) if not.

    Non-interactive calls never ask: they refuse when the saved screening is
    missing, expired, or lacks today's answers, and also on a caution verdict,
    because caution needs the person's own confirmation (light pressure, no
    tapping). With ``routine_name`` None the routine is the recommendation for
    ``complaint`` and ``minutes`` (possibly shortened to fit); a named routine is
    returned at its own length.
    """
    return gate(
        ctx, routine_name, minutes=minutes, interactive=interactive, complaint=complaint
    ).clearance


def gate(
    ctx: Context,
    routine_name: str | None,
    *,
    minutes: int | None,
    interactive: bool,
    complaint: str | None = None,
    io: Io | None = None,
    confirm_caution: bool = True,
) -> Passed:
    """``clear_for_session`` with its parts exposed: the Io, the verdict, the recommendation."""
    io = io or Io()
    questions, catalog = ctx.questionnaire, ctx.catalog
    answers = ensure_screening(ctx, interactive=interactive, io=io)
    verdict = evaluate(answers, questions, catalog)
    if verdict.refused:
        if interactive:
            io.out.print(verdict_panel(verdict, catalog))
        raise refusal(verdict)
    advice: Recommendation | None = None
    if routine_name is None:
        advice = recommend(complaint, minutes, verdict, catalog)
        routine = advice.routine
    else:
        routine = ctx.routine(routine_name)
        # Judged on its own, so a routine from a file is screened like a bundled one.
        own = evaluate(answers, questions, Catalog({routine.id: routine}))
        if routine.id in own.excluded:
            raise SessionRefused(
                f"routine '{routine.id}' is left out by your screening: {own.excluded[routine.id]}",
                hint="run 'selfmassage recommend' for a routine that is allowed",
            )
    if verdict.caution:
        if not interactive:
            raise SessionRefused(
                "your screening asks for care (light pressure, no tapping), which needs "
                "your confirmation",
                hint="start the session from a terminal to confirm",
            )
        if confirm_caution:
            _show_caution(verdict, io)
            if not _yes(io, "Go on with light pressure and no tapping? [y/n] > "):
                raise SessionRefused("you chose not to go on today")
        routine = routine.without_percussion()
    clearance = Clearance(
        routine=routine,
        verdict=verdict.verdict,  # refusals are raised above: clear, caution or local
        caution=verdict.caution,
        reasons=verdict.reasons,
    )
    return Passed(clearance, verdict, advice)


def _show_caution(verdict: Verdict, io: Io) -> None:
    io.out.print(Text("Your screening asks for care:", style="bold"))
    for q in verdict.causes:
        if q.tier == "caution":
            io.out.print(literal(f"• {q.text} — {q.advice}"))


# -- the daily path (selfmassage with no arguments) ------------------------------------
