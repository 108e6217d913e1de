"""The daily path, ``selfmassage`` with no command: screen if due, pick, confirm, massage.

Each step is a flow of ``screening.flow`` or a question of ``screening.view``; the
saved screening is read once and its verdict evaluated once for the whole path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfmassage.context import Context
    from selfmassage.screening.view import Io


def daily(ctx: Context, io: Io | None = None) -> None:
    """Screening if due, the complaint, the recommended routine, confirm, then the session."""
    from selfmassage.cli.session import run_guided
    from selfmassage.screening import flow
    from selfmassage.screening import view as screen

    io = io or screen.Io()
    io.out.print(screen.daily_banner())
    state = flow.screening_state(ctx, warn=io.warn)
    screened = flow.settle(ctx, state, asker=io)
    refused = flow.no_session_today(ctx, screened)
    if refused is not None:
        # Nothing is allowed, so no complaint can change the answer: say so before asking.
        io.out.print(screen.verdict_panel(screened.verdict, ctx.catalog))
        raise refused
    complaint = screen.ask_complaint(io)
    pick = flow.pick_today(ctx, screened, complaint)
    clearance = pick.clearance
    io.out.print(screen.todays_routine_panel(clearance.routine, pick.advice))
    if clearance.caution:
        screen.show_caution(screened.verdict, io)
    choice = screen.confirm_routine(io, clearance.routine, pick.advice, caution=clearance.caution)
    if choice is None:
        io.out.print("No session today. Run 'selfmassage' again when you are ready.")
        return
    if choice != clearance.routine.id:
        clearance = flow.clear_instead(ctx, screened, choice)
    run_guided(ctx, clearance, minutes=None, plain=None, bell=None)
