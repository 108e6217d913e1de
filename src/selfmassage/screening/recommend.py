"""The recommendation: which allowed routine suits the complaint and the time, and why.

Pure: no files, no printing. It only chooses, and says what ``routines.fit`` will do
to fit it to the time; the session fits the chosen routine once, by the same rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from selfmassage.errors import SessionRefused
from selfmassage.i18n import _, ngettext
from selfmassage.routines.catalog import Catalog
from selfmassage.routines.fit import FitError, Fitted, fit
from selfmassage.routines.model import Routine, area_words
from selfmassage.screening.complaints import Complaint
from selfmassage.screening.verdict import NOT_ADVICE, Verdict, refusal

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
            _("screening leaves no routine allowed today:")
            + "\n"
            + "\n".join(f"{rid}: {why}" for rid, why in verdict.excluded.items()),
            hint=_(NOT_ADVICE),
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
        raise SessionRefused(
            _("unknown complaint '{name}'").format(name=complaint)
        )  # the CLI restricts choices
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
        if fitted.left_out:
            sentence = _("It is {how_long} to fit your time, leaving out {steps}.").format(
                how_long=fitted.how_long, steps=fitted.left_out_words
            )
        else:
            sentence = _("It is {how_long} to fit your time.").format(how_long=fitted.how_long)
        sentences.append(sentence)
    if verdict.caution:
        sentences.append(_("Your screening asks for care: light pressure and no tapping."))
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
        day = given.written.isoformat()
        if given.therapist:
            return _("{routine} is the routine prescribed for you by {therapist} on {day}.").format(
                routine=name, therapist=given.therapist, day=day
            )
        return _("{routine} is the routine prescribed for you on {day}.").format(
            routine=name, day=day
        )
    if complaint is None:
        if minutes is not None and fits:
            return ngettext(
                "No complaint given: {routine} is the gentlest allowed routine that fits in "
                "{n} minute.",
                "No complaint given: {routine} is the gentlest allowed routine that fits in "
                "{n} minutes.",
                minutes,
            ).format(routine=name, n=minutes)
        return _("No complaint given: {routine} is the gentlest allowed routine.").format(
            routine=name
        )
    matches: Sequence[str] = complaint.routines
    label = complaint.label
    primary = next((rid for rid in matches if rid in catalog.routines), None)
    if chosen.id == primary:
        return _("{routine} is made for {complaint}.").format(routine=name, complaint=label)
    if primary is not None and primary in verdict.excluded:
        left_out = catalog.routines[primary].title
        because = verdict.excluded[primary]
        if chosen.id in matches:
            return _(
                "{left_out} is left out today ({reason}), so {routine} is the best allowed "
                "alternative for {complaint}."
            ).format(left_out=left_out, reason=because, routine=name, complaint=label)
        return _(
            "{left_out} is left out today ({reason}); {routine} is still allowed, though it "
            "works on {areas} rather than on {complaint}."
        ).format(
            left_out=left_out,
            reason=because,
            routine=name,
            areas=area_words(chosen.areas),
            complaint=label,
        )
    return _("{routine} is the closest allowed routine for {complaint}.").format(
        routine=name, complaint=label
    )
