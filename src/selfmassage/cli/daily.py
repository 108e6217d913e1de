"""The interactive side of screening: asking, the verdict panel, and the gate before a session.

``clear_for_session`` is what ``selfmassage start`` calls; ``daily`` is the path of
``selfmassage`` with no arguments. Everything here reads input through ``Io`` so
tests can feed answers and move the clock.
"""

from __future__ import annotations

from selfmassage.context import Context
from selfmassage.screening.ask import Io
from selfmassage.screening.gate import _show_caution, ensure_screening, gate
from selfmassage.screening.recommend import COMPLAINTS, Recommendation, recommend
from selfmassage.screening.verdict import (
    NOT_ADVICE,
    evaluate,
    refusal,
)
from selfmassage.screening.view import todays_routine_panel, verdict_panel
from selfmassage.view import heading, quiet

COMPLAINT_MENU = (
    ("1", "neck"),
    ("2", "lower-back"),
    ("3", "tension"),
    ("4", "sleep"),
    ("5", "fatigue"),
)


def ask_complaint(io: Io) -> str | None:
    """What the person wants help with today; Enter for nothing in particular."""
    io.out.print(heading("\nWhat would you like help with today?"))
    for key, name in COMPLAINT_MENU:
        io.out.print(f"  {key}  {COMPLAINTS[name].label}")
    io.out.print("  Enter  nothing in particular")
    choices = dict(COMPLAINT_MENU)
    while True:
        reply = io.ask("> ").strip().lower()
        if not reply:
            return None
        if reply in choices:
            return choices[reply]
        if reply in COMPLAINTS:
            return reply
        io.out.print("Please type a number from 1 to 5, or press Enter.")


def daily(ctx: Context, io: Io | None = None) -> None:
    """Screening if due, the complaint, the recommended routine, confirm, then the session."""
    io = io or Io()
    io.out.print(quiet("selfmassage — " + NOT_ADVICE))
    questions, catalog = ctx.questionnaire, ctx.catalog
    verdict = evaluate(ensure_screening(ctx, interactive=True, io=io), questions, catalog)
    if verdict.refused:
        io.out.print(verdict_panel(verdict, catalog))
        raise refusal(verdict)
    if not any(rid in catalog.routines for rid in verdict.allowed):
        # Nothing is allowed, so no complaint can change the answer: say so before asking.
        io.out.print(verdict_panel(verdict, catalog))
        recommend(None, None, verdict, catalog)  # raises SessionRefused, naming each reason
    complaint = ask_complaint(io)
    passed = gate(
        ctx, None, minutes=None, interactive=True, complaint=complaint, io=io, confirm_caution=False
    )
    clearance, advice = passed.clearance, passed.advice
    assert advice is not None
    routine = clearance.routine
    io.out.print(todays_routine_panel(routine, advice))
    if clearance.caution:
        _show_caution(passed.verdict, io)
    prompt = f"Start {routine.id} now"
    if clearance.caution:
        prompt += " with light pressure and no tapping"
    choice = _confirm_routine(io, f"{prompt}? [y/n or another routine id] > ", advice)
    if choice is None:
        io.out.print("No session today. Run 'selfmassage' again when you are ready.")
        return
    if choice != routine.id:
        clearance = gate(
            ctx, choice, minutes=None, interactive=True, io=io, confirm_caution=False
        ).clearance
    from selfmassage.cli import session as cli_session

    cli_session.run_guided(ctx, clearance, minutes=None, plain=None, bell=None)


def _confirm_routine(io: Io, prompt: str, advice: Recommendation) -> str | None:
    while True:
        reply = io.ask(prompt).strip().lower()
        if reply in ("y", "yes"):
            return advice.routine.id
        if reply in ("n", "no"):
            return None
        if reply in advice.alternatives:
            return reply
        io.out.print("Please answer y or n, or type one of: " + ", ".join(advice.alternatives))
