"""The verdict of a set of answers: the most severe tier answered yes, and the routines it allows.

Pure: no files, no printing, no clock. Content comes from shared/clinical.md §1-2
and the seed articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from selfmassage.errors import SessionRefused
from selfmassage.i18n import N_, _
from selfmassage.routines.catalog import Catalog
from selfmassage.routines.model import Routine, area_words
from selfmassage.screening.questions import TIERS, Question

VERDICTS = (*TIERS, "clear")
SEVERITY = {"urgent": 4, "stop": 3, "local": 2, "caution": 1, "clear": 0}
# Each translated where it is shown: ``_(VERDICT_SUMMARY[verdict])``.
VERDICT_SUMMARY = {
    "urgent": N_("No session: something you reported needs a doctor, and may need one now."),
    "stop": N_("No session until a doctor has cleared it."),
    "local": N_("Some areas must be left alone; routines that touch them are left out."),
    "caution": N_("You may go on with light pressure and no tapping, after you confirm."),
    "clear": N_("Nothing you reported rules out self-massage today."),
}
# Honest wording (clinical.md §7); shown with the verdict, the README and --help.
NOT_ADVICE = N_("This is not medical advice; see a doctor for a diagnosis.")
EVIDENCE = N_(
    "Reviews of massage for back and neck pain found at best short-term relief, with low "
    "certainty, and none studied self-massage. Use it for short-term comfort and relaxation "
    "alongside exercise and medical care; it does not treat or reverse spinal disease."
)


@dataclass(frozen=True)
class Verdict:
    """What the answers allow: the verdict, the routines, and why."""

    verdict: str
    allowed: tuple[str, ...]
    excluded: Mapping[str, str]
    reasons: tuple[str, ...]
    advice: tuple[str, ...]
    causes: tuple[Question, ...] = field(default=(), compare=False)

    @property
    def refused(self) -> bool:
        return self.verdict in ("urgent", "stop")

    @property
    def caution(self) -> bool:
        """A caution answer asks for light pressure and no tapping, whatever else holds."""
        return any(q.tier == "caution" for q in self.causes)

    def left_out(self, routine: Routine) -> str | None:
        """Why these answers leave ``routine`` out, or ``None``.

        A routine from a file is judged exactly as a bundled one, from the causes
        already found, so the answers are not evaluated again.
        """
        return "; ".join(_why_left_out(routine, self.verdict, self.causes)) or None

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "allowed": list(self.allowed),
            "excluded": dict(self.excluded),
            "reasons": list(self.reasons),
            "advice": list(self.advice),
            "caution": self.caution,
        }


def evaluate(
    answers: Mapping[str, bool],
    questions: Sequence[Question],
    catalog: Catalog,
    standing: Sequence[Question] = (),
) -> Verdict:
    """The verdict (most severe tier answered yes), allowed and excluded routines, reasons.

    ``standing`` are holds, paused courses and cleared holds (``screening.standing``):
    they count as a "yes" without being asked.
    """
    causes = tuple(
        sorted(
            (*(q for q in questions if answers.get(q.id) is True), *standing),
            key=lambda q: -SEVERITY[q.tier],
        )
    )
    verdict = causes[0].tier if causes else "clear"
    reasons = tuple(_reason(q) for q in causes)
    advice = tuple(dict.fromkeys(q.advice for q in causes))
    excluded: dict[str, str] = {}
    for rid in catalog.ids():
        why = _why_left_out(catalog.routines[rid], verdict, causes)
        if why:
            excluded[rid] = "; ".join(why)
    allowed = tuple(rid for rid in catalog.ids() if rid not in excluded)
    return Verdict(
        verdict=verdict,
        allowed=allowed,
        excluded=excluded,
        reasons=reasons,
        advice=advice,
        causes=causes,
    )


def _reason(q: Question) -> str:
    if q.standing:
        return f"{q.id}: {q.text}"
    return _("{id}: {question} — yes").format(id=q.id, question=q.text)


def _because(q: Question) -> str:
    """Why a cause counts: the answer given, or the standing fact itself."""
    return q.text if q.standing else _("you answered yes to '{id}'").format(id=q.id)


def _why_left_out(routine: Routine, verdict: str, causes: Sequence[Question]) -> list[str]:
    why: list[str] = []
    if verdict in ("urgent", "stop"):
        first = next(q for q in causes if q.tier == verdict)
        if first.standing:
            why.append(_("no session today: {reason}").format(reason=first.text))
        elif verdict == "urgent":
            why.append(
                _("no session today: you answered yes to '{id}', a red flag").format(id=first.id)
            )
        else:
            why.append(
                _(
                    "no session today: you answered yes to '{id}', a reason to see a doctor first"
                ).format(id=first.id)
            )
    for q in causes:
        touched = set(q.areas) & routine.areas
        if q.tier == "local" and touched:
            why.append(works_on(touched, _because(q)))
        barred = set(q.excludes_areas) & routine.areas
        if barred:
            why.append(works_on(barred, _because(q)))
        if routine.id in q.excludes:
            why.append(_("left out because {reason}").format(reason=_because(q)))
    return why


def works_on(areas: Iterable[str], because: str) -> str:
    """Why a routine is left out for the areas it touches: ``it works on the lower back,
    and you answered yes to 'skin-lower-back'``."""
    return _("it works on {areas}, and {reason}").format(areas=area_words(areas), reason=because)


class Refusal(SessionRefused):
    """A session refused by the verdict itself; the verdict rides along for the panel."""

    def __init__(self, message: str, *, hint: str | None, verdict: Verdict) -> None:
        super().__init__(message, hint=hint)
        self.verdict = verdict


def refusal(verdict: Verdict) -> Refusal:
    """The error that stops a session, with the reasons and what to do."""
    lines = [
        _("screening verdict '{verdict}': {summary}").format(
            verdict=verdict.verdict, summary=_(VERDICT_SUMMARY[verdict.verdict])
        )
    ]
    lines += [
        _("because: {reason}").format(reason=q.text)
        if q.standing
        else _("because: {question} — yes").format(question=q.text)
        for q in verdict.causes
        if q.tier == verdict.verdict
    ]
    lines += [_("what to do: {advice}").format(advice=a) for a in verdict.advice]
    return Refusal("\n".join(lines), hint=_(NOT_ADVICE), verdict=verdict)
