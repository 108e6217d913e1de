"""The recommendation: which allowed routine suits the complaint and the time, and why.

Pure: no files, no printing. It only chooses, and says what ``routines.fit`` will do
to fit it to the time; the session fits the chosen routine once, by the same rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from selfmassage.errors import SessionRefused
from selfmassage.routines.catalog import Catalog
from selfmassage.routines.fit import FitError, Fitted, fit
from selfmassage.routines.model import Routine
from selfmassage.screening.complaints import Complaint
from selfmassage.screening.verdict import NOT_ADVICE, Verdict, _area_words, refusal

# With no complaint, the gentlest routine first.
DEFAULT_ORDER = ("relaxation", "collar", "lumbar")


@dataclass(frozen=True)
class Recommendation:
    """The routine to do, as written, why, and the other allowed routines.

    ``fits_in`` is the time in seconds the session will be fitted to (shortened or
    stretched, ``routines.fit``) when a time is given; the routine itself stays as written.
    """

    routine: Routine
    reason: str
    alternatives: tuple[str, ...]
    fits_in: int | None = None

    @property
    def minutes(self) -> float:
        """How long the recommended session takes: the time given, or the routine's own."""
        return self.routine.minutes if self.fits_in is None else self.fits_in / 60

    def to_dict(self) -> dict[str, Any]:
        return {
            "routine": self.routine.id,
            "reason": self.reason,
            "alternatives": list(self.alternatives),
            "minutes": round(self.minutes, 1),
            "shortened": self.fits_in is not None and self.fits_in < self.routine.total_seconds,
        }


def no_routine_today(verdict: Verdict, catalog: Catalog) -> SessionRefused | None:
    """Why no routine can be recommended whatever the complaint, or ``None``."""
    if verdict.refused:
        return refusal(verdict)
    if not any(rid in catalog.routines for rid in verdict.allowed):
        return SessionRefused(
            "screening leaves no routine allowed today:\n"
            + "\n".join(f"{rid}: {why}" for rid, why in verdict.excluded.items()),
            hint=NOT_ADVICE,
        )
    return None


def recommend(
    complaint: str | None, minutes: int | None, verdict: Verdict, catalog: Catalog
) -> Recommendation:
    """The allowed routine that best fits the complaint and the time; never an excluded one."""
    refused = no_routine_today(verdict, catalog)
    if refused is not None:
        raise refused
    named = Complaint.named(complaint) if complaint is not None else None
    if complaint is not None and named is None:
        raise SessionRefused(f"unknown complaint '{complaint}'")  # the CLI restricts choices
    matches = named.routines if named else ()
    # The therapist's prescription comes first, unless the person names a complaint
    # it was not made for (then it is the first alternative after the complaint's).
    prescribed = [r.id for r in prescribed_first(catalog) if named is None or _made_for(r, named)]
    order = list(dict.fromkeys((*prescribed, *matches, *DEFAULT_ORDER, *catalog.ids())))
    ranked = [rid for rid in order if rid in verdict.allowed and rid in catalog.routines]
    if minutes is not None and named is None:
        # Without a complaint, time decides: routines that can be fitted to it come first.
        ranked.sort(key=lambda rid: _fitted(catalog.routines[rid], minutes) is None)
    chosen = catalog.routines[ranked[0]]

    fitted, cannot = None, None
    if minutes is not None:
        try:
            fitted = fit(chosen, minutes)
        except FitError as error:
            cannot = error
    sentences = [_why_chosen(chosen, named, verdict, catalog, minutes, fitted is not None)]
    fits_in = None
    if cannot is not None:
        sentences.append(f"{cannot.message[0].upper()}{cannot.message[1:]}.")
    elif fitted is not None and fitted.changed:
        fits_in = fitted.routine.total_seconds
        sentence = f"It is {fitted.how_long} to fit your time"
        if fitted.left_out:
            sentence += f", leaving out {fitted.left_out_words}"
        sentences.append(sentence + ".")
    if verdict.caution:
        sentences.append("Your screening asks for care: light pressure and no tapping.")
    return Recommendation(
        routine=chosen,
        reason=" ".join(sentences),
        alternatives=tuple(ranked[1:]),
        fits_in=fits_in,
    )


def prescribed_first(catalog: Catalog) -> list[Routine]:
    """The installed prescriptions, the latest written first."""
    found = [r for r in catalog.routines.values() if r.prescription is not None]
    return sorted(
        found,
        key=lambda r: (r.prescription.written, r.prescription.version) if r.prescription else (),
        reverse=True,
    )


def _made_for(routine: Routine, complaint: Complaint) -> bool:
    """Whether a prescription's routine (or the routine it was made from) suits ``complaint``."""
    base = routine.prescription.base if routine.prescription else routine.id
    return routine.id in complaint.routines or base in complaint.routines


def _fitted(routine: Routine, minutes: int) -> Fitted | None:
    """``routine`` fitted to ``minutes`` by the one rule, or ``None`` if it cannot be."""
    try:
        return fit(routine, minutes)
    except FitError:
        return None


def _why_chosen(
    chosen: Routine,
    complaint: Complaint | None,
    verdict: Verdict,
    catalog: Catalog,
    minutes: int | None,
    fits: bool,
) -> str:
    name = f"{chosen.title} ({chosen.id})"
    if chosen.prescription is not None:
        given = chosen.prescription
        by = f" by {given.therapist}" if given.therapist else ""
        return f"{name} is the routine prescribed for you{by} on {given.written.isoformat()}."
    if complaint is None:
        plural = "" if minutes == 1 else "s"
        tail = f" that fits in {minutes} minute{plural}" if minutes is not None and fits else ""
        return f"No complaint given: {name} is the gentlest allowed routine{tail}."
    matches: Sequence[str] = complaint.routines
    label = complaint.label
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
