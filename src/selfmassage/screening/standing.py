"""What stands between screenings: doctor clearances, holds after a pain stop, the pain trend.

Pure: no files, no printing, no clock (the day or time is a parameter). Each
standing fact becomes a question that counts as a "yes" (``Question.standing``),
so the verdict, the refusals and the panels treat it like any answer, and a
cleared answer becomes a caution answer. Content: shared/clinical.md §1b, §6a, §6b.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from selfmassage.i18n import N_, _, day_month, ngettext
from selfmassage.routines.model import UNTOUCHED_AREAS, Step, area_words
from selfmassage.screening.questions import Question

if TYPE_CHECKING:
    from selfmassage.journal.trend import Trend

# PAR-Q+ asks again after 12 months: a clearance lasts at most this long.
CLEARANCE_MAX_DAYS = 365
# Each translated where it is used.
SEE_A_DOCTOR = N_("See a doctor about this pain before any more massage of that area.")
CLEARED_ADVICE = N_(
    "A doctor has said self-massage is fine for you: light pressure only, no tapping; "
    "stop at once if anything hurts."
)
HOLD_ADVICE = N_(
    "Start from a terminal to answer whether the pain has gone; if it has not, see a "
    "doctor before any more massage of that area."
)
SYMPTOMS_ADVICE = N_(
    "Numbness, tingling, weakness, dizziness, double vision, nausea, or speech or "
    "swallowing changes with pain need a doctor: get medical help now if they are sudden "
    "or severe. Every routine stays on hold until a doctor has examined you."
)


def _words(areas: Iterable[str]) -> str:
    areas = tuple(areas)
    return area_words(areas) if areas else _("the whole body")


def _day(moment: date) -> str:
    """``21 November 2026``: the date in words, in the run's language."""
    return _("{day_month} {year}").format(day_month=day_month(moment), year=moment.year)


@dataclass(frozen=True)
class DoctorClearance:
    """The person's statement that a doctor examined them for ``question`` and said fine.

    ``question`` is a question id, a hold's id, or a paused routine's trend id.
    """

    id: str
    question: str
    given: date
    until: date
    note: str | None = None

    def valid(self, today: date) -> bool:
        """Given no later than ``today`` and not yet ended."""
        return self.given <= today <= self.until


@dataclass(frozen=True)
class Hold:
    """Areas on hold after a pain stop, or every routine when it came with red-flag symptoms."""

    id: str
    since: datetime
    routine: str
    areas: tuple[str, ...]
    everything: bool = False
    # The follow-up found the pain not gone (or back): only a doctor lifts it now (§6a).
    doctor: bool = False

    def describe(self) -> str:
        """What is on hold, and since when, in the words of a refusal."""
        when = _day(self.since.date())
        if self.everything:
            return _(
                "every routine is on hold since pain with warning symptoms stopped "
                "'{routine}' on {day}, until a doctor has examined you"
            ).format(routine=self.routine, day=when)
        if self.doctor:
            text = ngettext(
                "{areas} is on hold since pain stopped '{routine}' on {day}, "
                "until a doctor has examined you",
                "{areas} are on hold since pain stopped '{routine}' on {day}, "
                "until a doctor has examined you",
                len(self.areas),
            )
        else:
            text = ngettext(
                "{areas} is on hold since pain stopped '{routine}' on {day}, "
                "until you answer how it is now",
                "{areas} are on hold since pain stopped '{routine}' on {day}, "
                "until you answer how it is now",
                len(self.areas),
            )
        return text.format(areas=_words(self.areas), routine=self.routine, day=when)


def step_areas(step: Step) -> set[str]:
    """The body areas a step touches (breathing and rest touch none)."""
    # ``Step.areas`` where a step names several areas (the occiput: head and neck).
    areas: tuple[str, ...] = getattr(step, "areas", (step.area,))
    return set(areas) - UNTOUCHED_AREAS


def is_pain_id(name: str) -> bool:
    """Whether ``name`` is a hold's id (``h3``) or a paused course's (``pain-trend-collar``)."""
    return name.startswith("pain-trend-") or (name[:1] == "h" and name[1:].isdigit())


def next_id(prefix: str, taken: Iterable[str]) -> str:
    """``prefix`` and the next number not yet among ``taken`` (``c1``, ``c2``, ...)."""
    numbers = [int(t[len(prefix) :]) for t in taken if t[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


def latest_until(today: date) -> date:
    """The last day a clearance given ``today`` may run to."""
    return today + timedelta(days=CLEARANCE_MAX_DAYS)


def valid_clearances(
    clearances: Sequence[DoctorClearance], today: date
) -> dict[str, DoctorClearance]:
    """The clearances that hold on ``today``, by the question they clear."""
    return {c.question: c for c in clearances if c.valid(today)}


def cleared_questions(
    questions: Sequence[Question], clearances: Sequence[DoctorClearance], today: date
) -> tuple[Question, ...]:
    """The questionnaire with every validly cleared question turned into caution (§1b).

    Only a clearable question can be cleared; its "yes" then asks for light
    pressure and no tapping, never for nothing.
    """
    valid = valid_clearances(clearances, today)
    return tuple(
        replace(
            q,
            tier="caution",
            text=_("{question} (cleared by a doctor until {day})").format(
                question=q.text, day=_day(valid[q.id].until)
            ),
            advice=_(CLEARED_ADVICE),
            excludes=(),
        )
        if q.clearable and q.id in valid
        else q
        for q in questions
    )


def standing_questions(
    holds: Sequence[Hold],
    trends: Sequence[Trend],
    clearances: Sequence[DoctorClearance],
    today: date,
    *,
    lifted_today: Sequence[Hold] = (),
) -> tuple[Question, ...]:
    """Holds, paused courses, and cleared holds or pauses, as answers that count as "yes"."""
    valid = valid_clearances(clearances, today)
    found: list[Question] = []
    for hold in holds:
        if hold.everything:
            found.append(_standing(hold.id, hold.describe(), "stop", _(SYMPTOMS_ADVICE)))
        else:
            found.append(
                _standing(
                    hold.id,
                    hold.describe(),
                    "local",
                    _(HOLD_ADVICE),
                    areas=hold.areas,
                )
            )
    for trend in trends:
        if trend.id in valid:
            continue
        found.append(
            _standing(
                trend.id,
                _("the course of '{routine}' is paused: {reason}").format(
                    routine=trend.routine, reason=trend.reason
                ),
                "local",
                _(SEE_A_DOCTOR),
                excludes=(trend.routine,),
            )
        )
    for hold in lifted_today:
        found.append(
            _standing(
                f"{hold.id}-lifted",
                _("the pain that stopped '{routine}' has gone: light pressure today").format(
                    routine=hold.routine
                ),
                "caution",
                _("Light pressure only, no tapping; stop at once and press p if it comes back."),
            )
        )
    for clearance in valid.values():
        if is_pain_id(clearance.question):
            found.append(
                _standing(
                    clearance.id,
                    _("a doctor cleared the pain hold '{hold}' until {day}").format(
                        hold=clearance.question, day=_day(clearance.until)
                    ),
                    "caution",
                    _(CLEARED_ADVICE),
                )
            )
    return tuple(found)


def _standing(
    qid: str,
    text: str,
    tier: str,
    advice: str,
    *,
    areas: tuple[str, ...] = (),
    excludes: tuple[str, ...] = (),
) -> Question:
    return Question(
        id=qid,
        text=text,
        why=_("It stands until it is lifted."),
        tier=tier,
        temporary=False,
        areas=areas,
        advice=advice,
        excludes=excludes,
        standing=True,
    )
