"""The complaints a person can name: the one list behind the daily menu and ``--complaint``.

Light enough for the CLI to import at start-up (it only needs the enum for the
option's choices); the routines for each complaint are read by the recommendation.
"""

from __future__ import annotations

from enum import StrEnum

from selfmassage.i18n import N_, _


class Complaint(StrEnum):
    """What a person wants help with; the daily menu numbers them in this order, from 1."""

    words: str  # marked for the catalog; ``label`` says it in the run's language
    routines: tuple[str, ...]  # the routines that address it, best first

    def __new__(cls, value: str, label: str, routines: tuple[str, ...]) -> Complaint:
        member = str.__new__(cls, value)
        member._value_ = value
        member.words = label
        member.routines = routines
        return member

    @property
    def label(self) -> str:
        """What the menu calls it, in the run's language."""
        return _(self.words)

    @classmethod
    def named(cls, name: str) -> Complaint | None:
        """The complaint whose name (its value, as typed) is ``name``; ``None`` if none is."""
        return next((complaint for complaint in cls if complaint.value == name), None)

    NECK = "neck", N_("neck and shoulder pain or stiffness"), ("collar", "relaxation")
    LOWER_BACK = "lower-back", N_("lower-back pain from sitting or static load"), ("lumbar",)
    TENSION = "tension", N_("neck and shoulder tension"), ("collar", "relaxation")
    SLEEP = "sleep", N_("trouble winding down before sleep"), ("relaxation",)
    FATIGUE = "fatigue", N_("tiredness and stress"), ("relaxation", "collar")
