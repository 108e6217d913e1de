"""The daily path, ``selfmassage`` with no command: complaint, screening, pick, confirm, massage.

The complaint comes first, so the screening asks only the questions for the
routines in play: the general ones and those of the areas they touch; another
area's questions are asked when a routine touching it is first picked. Each step
is a flow of ``screening.flow`` or a question of ``screening.view``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from selfmassage.i18n import _

if TYPE_CHECKING:
    from selfmassage.context import Context
    from selfmassage.screening.flow import Screened
    from selfmassage.screening.view import Io


def run_daily(ctx: Context, io: Io | None = None) -> None:
    """The complaint, the screening that is due, the recommended routine, confirm, the session."""
    from selfmassage.cli.session import run_guided
    from selfmassage.screening import flow
    from selfmassage.screening import view as screen

    io = io or screen.Io()
    io.out.print(screen.daily_banner())
    state = flow.screening_state(ctx, warn=io.warn)
    complaint = screen.ask_complaint(io)
    screened = flow.settle(ctx, state, asker=io, routines=flow.routines_for(ctx, complaint))
    _stop_if_refused(ctx, io, screened)
    # The pick may work on an area not asked about yet: ask, and pick again if it changes.
    for _round in range(len(ctx.catalog.routines) + 1):
        pick = flow.pick_today(ctx, screened, complaint)
        more = flow.complete_for(ctx, screened, pick.advice.routine, io)
        if more is screened:
            break
        screened = more
        _stop_if_refused(ctx, io, screened)
    clearance = pick.clearance
    io.out.print(screen.todays_routine_panel(clearance.routine, pick.advice))
    if clearance.caution:
        screen.show_caution(screened.verdict, io)
    choice = screen.confirm_routine(io, clearance.routine, pick.advice, caution=clearance.caution)
    if choice is None:
        io.out.print(_("No session today. Run 'selfmassage' again when you are ready."))
        return
    if choice != clearance.routine.id:
        screened = flow.complete_for(ctx, screened, ctx.routine(choice), io)
        _stop_if_refused(ctx, io, screened)
        clearance = flow.clear_instead(ctx, screened, choice)
    flow.check_dose(ctx, clearance.routine, io)
    flow.mark_used(ctx, screened)
    run_guided(ctx, clearance, minutes=None, plain=None, bell=None)


def _stop_if_refused(ctx: Context, io: Io, screened: Screened) -> None:
    """No routine today: the panel says why, once; a refusing verdict is not an error."""
    from selfmassage.errors import ExitCode
    from selfmassage.screening import flow
    from selfmassage.screening import view as screen
    from selfmassage.screening.verdict import Refusal

    refused = flow.no_session_today(ctx, screened)
    if refused is None:
        return
    io.out.print(screen.verdict_panel(screened.verdict, ctx.catalog))
    if isinstance(refused, Refusal):
        raise SystemExit(int(ExitCode.REFUSED))
    raise refused
