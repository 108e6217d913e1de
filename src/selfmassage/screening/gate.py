"""The gate's rules: what a session needs from the screening, and which routine it may play.

Pure: the flows (``screening.flow``) read the files, ask, and call these in order.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfmassage.errors import SessionRefused
from selfmassage.i18n import N_, _
from selfmassage.routines.model import Routine
from selfmassage.screening.saved import Status
from selfmassage.screening.verdict import Verdict

SCREEN_FIRST = N_("run 'selfmassage screen' first")


@dataclass(frozen=True)
class Clearance:
    """What the gate allows: the routine to run (already adapted) and why."""

    routine: Routine  # already adapted: routine.without_percussion() when caution
    verdict: str  # "clear" | "caution" | "local"
    caution: bool
    reasons: tuple[str, ...]


def unanswered(status: Status, *, missing: bool) -> SessionRefused | None:
    """Why a session cannot start when nobody is there to answer, or ``None`` if nothing is due.

    ``missing`` says whether questions that the saved screening lacks remain
    (the questionnaire may have gained some since).
    """
    if status == "none":
        return SessionRefused(_("no valid screening on file"), hint=_(SCREEN_FIRST))
    if status == "lasting":
        return SessionRefused(
            _("today's questions (fever, infection, alcohol, painkillers...) are not answered yet"),
            hint=_(SCREEN_FIRST),
        )
    if missing:
        return SessionRefused(
            _("new screening questions are not answered yet"), hint=_(SCREEN_FIRST)
        )
    return None


def check_allowed(verdict: Verdict, routine: Routine) -> None:
    """``SessionRefused`` naming the reason when the screening leaves ``routine`` out."""
    why = verdict.left_out(routine)
    if why is not None:
        raise SessionRefused(
            _("routine '{id}' is left out by your screening: {reason}").format(
                id=routine.id, reason=why
            ),
            hint=_("run 'selfmassage recommend' for a routine that is allowed"),
        )


def unconfirmed_caution() -> SessionRefused:
    """Caution needs the person's own yes, which nobody can give without a terminal."""
    return SessionRefused(
        _(
            "your screening asks for care (light pressure, no tapping), "
            "which needs your confirmation"
        ),
        hint=_("start the session from a terminal to confirm"),
    )


def declined_caution() -> SessionRefused:
    """The person chose not to go on with light pressure and no tapping."""
    return SessionRefused(_("you chose not to go on today"))


def cleared(verdict: Verdict, routine: Routine) -> Clearance:
    """The clearance for an allowed routine: without percussion when the screening asks for care."""
    return Clearance(
        routine=routine.without_percussion() if verdict.caution else routine,
        verdict=verdict.verdict,  # refusals are raised before: clear, caution or local
        caution=verdict.caution,
        reasons=verdict.reasons,
    )
