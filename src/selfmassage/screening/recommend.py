"""Screening: the questionnaire, the verdict, the saved result and the recommendation.

A pure core: no Typer, no printing. Time is a parameter (``now``), so tests can
move the clock; only ``ui_screening`` and the CLI ask the real clock.
Content comes from shared/clinical.md §1-2 and the seed articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from selfmassage.errors import SessionRefused
from selfmassage.routines.catalog import Catalog
from selfmassage.routines.model import RescaleError, Routine
from selfmassage.screening.verdict import NOT_ADVICE, Verdict, _area_words, refusal


@dataclass(frozen=True)
class Complaint:
    label: str
    routines: tuple[str, ...]  # the routines that address it, best first


COMPLAINTS = {
    "neck": Complaint("neck and shoulder pain or stiffness", ("collar", "relaxation")),
    "lower-back": Complaint("lower-back pain from sitting or static load", ("lumbar",)),
    "tension": Complaint("neck and shoulder tension", ("collar", "relaxation")),
    "sleep": Complaint("trouble winding down before sleep", ("relaxation",)),
    "fatigue": Complaint("tiredness and stress", ("relaxation", "collar")),
}
# With no complaint, the gentlest routine first.
DEFAULT_ORDER = ("relaxation", "collar", "lumbar")


@dataclass(frozen=True)
class Recommendation:
    """The routine to do (possibly shortened), why, and the other allowed routines."""

    routine: Routine
    reason: str
    alternatives: tuple[str, ...]
    shortened_from: int | None = None  # seconds, when rescaled to fit the time

    def to_dict(self) -> dict[str, Any]:
        return {
            "routine": self.routine.id,
            "reason": self.reason,
            "alternatives": list(self.alternatives),
            "minutes": round(self.routine.minutes, 1),
            "shortened": self.shortened_from is not None,
        }


def recommend(
    complaint: str | None, minutes: int | None, verdict: Verdict, catalog: Catalog
) -> Recommendation:
    """The allowed routine that best fits the complaint and the time; never an excluded one."""
    if verdict.refused:
        raise refusal(verdict)
    if complaint is not None and complaint not in COMPLAINTS:
        raise SessionRefused(f"unknown complaint '{complaint}'")  # the CLI restricts choices
    allowed = [rid for rid in verdict.allowed if rid in catalog.routines]
    if not allowed:
        raise SessionRefused(
            "screening leaves no routine allowed today:\n"
            + "\n".join(f"{rid}: {why}" for rid, why in verdict.excluded.items()),
            hint=NOT_ADVICE,
        )
    matches = COMPLAINTS[complaint].routines if complaint else ()
    order = list(dict.fromkeys((*matches, *DEFAULT_ORDER, *catalog.ids())))
    ranked = [rid for rid in order if rid in allowed]
    budget = minutes * 60 if minutes else None
    if budget is not None and complaint is None:
        # Without a complaint, time decides: routines that fit come first.
        ranked.sort(key=lambda rid: catalog.routines[rid].total_seconds > budget)
    chosen = catalog.routines[ranked[0]]

    sentences = [_why_chosen(chosen, complaint, matches, verdict, catalog, budget)]
    routine, shortened = chosen, None
    if budget is not None and chosen.total_seconds > budget:
        try:
            routine, shortened = chosen.rescaled(budget), chosen.total_seconds
            sentences.append(
                f"It is shortened from {chosen.minutes:.1f} to {minutes} minutes to fit your time."
            )
        except RescaleError:
            sentences.append(f"It cannot be shortened to {minutes} minutes; it takes longer.")
    if verdict.caution:
        sentences.append("Your screening asks for care: light pressure and no tapping.")
    return Recommendation(
        routine=routine,
        reason=" ".join(sentences),
        alternatives=tuple(ranked[1:]),
        shortened_from=shortened,
    )


def _why_chosen(
    chosen: Routine,
    complaint: str | None,
    matches: Sequence[str],
    verdict: Verdict,
    catalog: Catalog,
    budget: int | None,
) -> str:
    name = f"{chosen.title} ({chosen.id})"
    if complaint is None:
        fits = budget is not None and chosen.total_seconds <= budget
        tail = f" that fits in {(budget or 0) // 60} minutes" if fits else ""
        return f"No complaint given: {name} is the gentlest allowed routine{tail}."
    label = COMPLAINTS[complaint].label
    primary = next((rid for rid in matches if rid in catalog.routines), None)
    if chosen.id == primary:
        return f"{name} is made for {label}."
    if primary is not None and primary in verdict.excluded:
        left_out = f"{catalog.routines[primary].title} is left out today"
        because = f" ({verdict.excluded[primary]})"
        if chosen.id in matches:
            return f"{left_out}{because}, so {name} is the best allowed alternative for {label}."
        return (
            f"{left_out}{because}; {name} is still allowed, though it works on the "
            f"{_area_words(chosen.areas)} rather than on {label}."
        )
    return f"{name} is the closest allowed routine for {label}."
