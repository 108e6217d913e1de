"""``print``'s flow: a routine to a handout in the format asked for, a PDF printed from the HTML.

Returns the content and prints nothing; ``cli.handout`` writes it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import time
from typing import TYPE_CHECKING

from selfmassage.handout.build import Handout, build_handout, load_safety
from selfmassage.handout.formats import format_for, render

if TYPE_CHECKING:
    from selfmassage.context import Context

PAPERS = ("a4", "letter")
QR_TIME = time(18, 0)  # the calendar event's hour when the QR code carries it


@dataclass(frozen=True)
class Made:
    """A handout rendered: the text (or a PDF's bytes), the format, what fitting did."""

    handout: Handout
    fmt: str
    content: str | bytes

    @property
    def fitted(self) -> str | None:
        return self.handout.fitted


def handout_for(
    ctx: Context,
    routine_name: str,
    *,
    patient: str | None = None,
    therapist: str | None = None,
    notes: str | None = None,
    minutes: float | None = None,
    sessions: int | None = None,
    frequency: str | None = None,
    fmt: str | None = None,
    output: str | None = None,
    paper: str = "a4",
    qr: bool = False,
) -> Made:
    """The handout of a routine (id or file) for ``print``, in the format ``-o``/``--format`` ask.

    The format and the paper are checked before anything is built, so a wrong option
    costs nothing; ``--qr`` holds the course's calendar event (``prescription.ical``).
    """
    from selfmassage.errors import SelfMassageError
    from selfmassage.files.tomlcheck import did_you_mean
    from selfmassage.screening.flow import clearance_lines

    chosen = format_for(output, fmt)
    if paper not in PAPERS:
        raise SelfMassageError(
            f"--paper must be a4 or letter, got '{paper}'" + did_you_mean(paper, PAPERS)
        )
    if qr and chosen not in ("html", "pdf"):
        raise SelfMassageError(
            f"--qr needs an HTML or PDF handout, not {chosen}",
            hint="write -o handout.pdf or -o handout.html",
        )
    handout = build_handout(
        ctx.routine(routine_name),
        today=ctx.clock.today(),
        patient=patient,
        therapist=therapist,
        notes=notes,
        minutes=minutes,
        sessions=sessions,
        frequency=frequency,
        practice=ctx.settings.practice,
    )
    handout = replace(handout, clearances=clearance_lines(ctx))
    if qr:
        handout = replace(handout, qr_svg=_qr(ctx, handout))
    if chosen != "pdf":
        return Made(handout, chosen, render(handout, chosen))
    from selfmassage.files.pdf import html_to_pdf

    page = render(handout, "html")
    return Made(handout, chosen, html_to_pdf(page, paper="letter" if paper == "letter" else "a4"))


def _qr(ctx: Context, handout: Handout) -> str:
    """The course event as a QR code: from the course's start, or today."""
    from selfmassage.handout.qr import qr_svg
    from selfmassage.prescription.ical import course_event

    routine = replace(handout.routine, course=handout.course)
    event = course_event(
        routine,
        start=handout.start or handout.day,
        at=QR_TIME,
        stop_rule=load_safety().stop_on_pain[0],
        now=ctx.clock.now(),
    )
    return qr_svg(event.to_vevent())
