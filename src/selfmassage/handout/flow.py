"""``print``'s flow: a routine to a handout in the format asked for, a PDF printed from the HTML.

Returns the content and prints nothing; ``cli.handout`` writes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import time
from typing import TYPE_CHECKING

from selfmassage import i18n
from selfmassage.handout.build import Handout, build_handout
from selfmassage.handout.formats import format_for, render
from selfmassage.i18n import _

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
    lang: str | None = None,
    also: str | None = None,
) -> Made:
    """The handout of a routine (id or file) for ``print``, in the format ``-o``/``--format`` ask.

    The format and the paper are checked before anything is built, so a wrong option
    costs nothing; ``--qr`` holds the course's calendar event (``prescription.ical``).
    The handout is in ``lang`` (the run's language when not given); with ``also``, it
    is bilingual: every text again in that second language, the same steps and times.
    """
    from selfmassage.errors import SelfMassageError
    from selfmassage.files.tomlcheck import did_you_mean

    chosen = format_for(output, fmt)
    if paper not in PAPERS:
        raise SelfMassageError(
            _("--paper must be a4 or letter, got '{paper}'").format(paper=paper)
            + did_you_mean(paper, PAPERS)
        )
    if qr and chosen not in ("html", "pdf"):
        raise SelfMassageError(
            _("--qr needs an HTML or PDF handout, not {format}").format(format=chosen),
            hint=_("write -o handout.pdf or -o handout.html"),
        )
    first = ctx.language if lang is None else i18n.choose_language(lang, {}, None)
    second = None
    if also is not None:
        second = i18n.choose_language(also, {}, None)
        if second == first:
            raise SelfMassageError(
                _("--also {also}: the handout is in that language already").format(also=also),
                hint=_("a bilingual handout needs two languages, e.g. --lang uk --also en"),
            )

    def one(language: str) -> Handout:
        paper_ctx = ctx if language == ctx.language else replace(ctx, language=language)
        built = build_handout(
            paper_ctx.routine(routine_name),
            today=ctx.clock.today(),
            patient=patient,
            therapist=therapist,
            notes=notes,
            minutes=minutes,
            sessions=sessions,
            frequency=frequency,
            safety=paper_ctx.safety(language),
            practice=ctx.settings.practice,
            lang=language,
        )
        return replace(built, clearances=_clearances(paper_ctx, language))

    handout = one(first)
    if second is not None:
        handout = replace(handout, also=_same_steps(handout, one(second)))
    if qr:
        handout = replace(handout, qr_svg=_qr(ctx, handout))
    if chosen != "pdf":
        return Made(handout, chosen, render(handout, chosen))
    from selfmassage.files.pdf import html_to_pdf

    page = render(handout, "html")
    return Made(handout, chosen, html_to_pdf(page, paper="letter" if paper == "letter" else "a4"))


def _qr(ctx: Context, handout: Handout) -> str:
    """The course event as a QR code: from the course's start, or today; in the paper's
    language."""
    from selfmassage.handout.qr import qr_svg
    from selfmassage.prescription.ical import course_event

    routine = replace(handout.routine, course=handout.course)
    event = course_event(
        routine,
        start=handout.start or handout.day,
        at=QR_TIME,
        stop_rule=handout.safety.stop_on_pain[0],
        now=ctx.clock.now(),
        lang=handout.lang,
    )
    return qr_svg(event.to_vevent())


@contextmanager
def _speaking(lang: str) -> Iterator[None]:
    """The run's language set to ``lang`` for a while, and put back whatever happens."""
    before = i18n.current()
    i18n.use(lang)
    try:
        yield
    finally:
        i18n.use(before)


def _clearances(ctx: Context, lang: str) -> tuple[str, ...]:
    """The doctor clearances in the paper's language (the screening words them in the
    run's, so the run's language is the paper's while they are worded)."""
    from selfmassage.screening.flow import clearance_lines

    if lang == i18n.current():
        return clearance_lines(ctx)
    with _speaking(lang):
        return clearance_lines(ctx)


def _same_steps(first: Handout, second: Handout) -> Handout:
    """``second``, checked to have ``first``'s steps, one for one: the same technique,
    area, side and seconds (a translation never changes a dose; this says so here too)."""
    from selfmassage.errors import SelfMassageError

    def dose(handout: Handout) -> list[tuple[str, str, str, int]]:
        return [(s.technique, s.area, s.side, s.seconds) for s in handout.routine.steps]

    if dose(first) != dose(second) or first.course != second.course:
        raise SelfMassageError(
            _("the routine's {lang} translation has other steps than its {first} text").format(
                lang=second.lang, first=first.lang
            )
        )
    return second
