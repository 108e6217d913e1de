"""Routines: the model, strict loading from TOML, and the catalogue of bundled and user files.

A routine file is written by hand by a therapist or a user, so loading is strict
(unknown keys are errors) and reports every problem at once. See
``docs/routine-format.md`` for the format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from selfmassage.errors import SelfMassageError

TECHNIQUES = (
    "stroking",
    "rubbing",
    "kneading",
    "vibration",
    "tapping",
    "pressure",
    "breathing",
    "stretching",
    "rest",
)
# Percussion is what the "caution" screening tier rules out. clinical.md §3 counts
# vibration and tapping as one stage (tapotement), and the collar routine's vibration
# is fingertip tapping whose own caution says to skip it with osteoporosis.
PERCUSSION = frozenset({"tapping", "vibration"})

# Body areas a step can work on. Each has a picture (body.py) and screening
# questions about the skin or injuries there exclude routines that touch it.
AREAS = {
    "neck-shoulders": "neck and shoulders",
    "upper-back": "upper back",
    "lower-back": "lower back",
    "head-face": "head and face",
    "hands": "hands",
    "whole-body": "whole body",
}
# "whole-body" is for breathing and rest: it touches no particular area.
UNTOUCHED_AREAS = frozenset({"whole-body"})
SIDES = ("both", "left", "right")
POSITIONS = ("sitting", "standing", "lying")
FREQUENCIES = ("daily", "every-other-day", "weekly")

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


@dataclass(frozen=True)
class Step:
    """One timed stroke of a routine."""

    technique: str
    area: str
    seconds: int
    instruction: str
    side: str = "both"
    name: str | None = None
    tempo: int | None = None
    cue: str | None = None
    caution: str | None = None
    light: str | None = None

    @property
    def label(self) -> str:
        """What the step is called on screen: its name, or the technique."""
        return self.name or self.technique.capitalize()

    @property
    def area_label(self) -> str:
        return AREAS.get(self.area, self.area)

    @property
    def place(self) -> str:
        """Where the step works, side included: ``neck and shoulders, left side``, ``left hand``."""
        if self.area == "hands":
            return "both hands" if self.side == "both" else f"{self.side} hand"
        if self.side == "both" or self.area in UNTOUCHED_AREAS:
            return self.area_label
        return f"{self.area_label}, {self.side} side"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "technique": self.technique,
            "area": self.area,
            "side": self.side,
            "seconds": self.seconds,
            "instruction": self.instruction,
        }
        for key in ("name", "tempo", "cue", "caution"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data


@dataclass(frozen=True)
class Course:
    """How often and how many times: a course, then a break before repeating.

    The one course type: a routine's ``[course]``, the course the journal remembers
    for each routine, and what ``journal.stats.CourseProgress`` measures against.
    """

    sessions: int
    frequency: Literal["daily", "every-other-day", "weekly"]
    break_days: int

    def to_dict(self) -> dict[str, Any]:
        """The course as a routine file's ``[course]`` table holds it."""
        return {
            "sessions": self.sessions,
            "frequency": self.frequency,
            "break_days": self.break_days,
        }

    @property
    def often(self) -> str:
        """The frequency in words: ``daily``, ``every other day``, ``weekly``."""
        return self.frequency.replace("-", " ")

    def describe(self) -> str:
        text = f"{self.sessions} sessions, {self.often}"
        if self.break_days:
            text += f"; then a {self.break_days}-day break before repeating"
        return text


@dataclass(frozen=True)
class Routine:
    """A complete routine as loaded from a file; ``source`` and ``path`` say where from."""

    id: str
    title: str
    description: str
    area: str
    position: str
    indications: tuple[str, ...]
    course: Course
    steps: tuple[Step, ...]
    preparation: str | None = None
    source: str = "bundled"
    path: Path | None = field(default=None, compare=False)

    @property
    def total_seconds(self) -> int:
        return sum(step.seconds for step in self.steps)

    @property
    def minutes(self) -> float:
        return self.total_seconds / 60

    @property
    def areas(self) -> frozenset[str]:
        """The body areas the routine touches (for screening exclusions)."""
        return frozenset(s.area for s in self.steps if s.area not in UNTOUCHED_AREAS)

    @property
    def has_percussion(self) -> bool:
        return any(step.technique in PERCUSSION for step in self.steps)

    def rescaled(self, total_seconds: int) -> Routine:
        """The same routine with step durations scaled to add up to ``total_seconds`` exactly."""
        durations = rescale([s.seconds for s in self.steps], total_seconds)
        steps = tuple(replace(s, seconds=d) for s, d in zip(self.steps, durations, strict=True))
        return replace(self, steps=steps)

    def without_percussion(self) -> Routine:
        """The routine for the "caution" tier: percussion steps dropped (light pressure only)."""
        kept = tuple(s for s in self.steps if s.technique not in PERCUSSION)
        if not kept:
            # Handing back the percussion would break the caution tier's promise.
            raise SelfMassageError(
                f"routine '{self.id}' has only percussion steps, so it cannot be done "
                "with light pressure only"
            )
        return replace(self, steps=kept)

    def to_dict(self) -> dict[str, Any]:
        """The whole routine as plain data (``show --json``): the file's data, what follows
        from it (areas, length), and where it came from; keys in their published order."""
        file = self.to_toml_data()
        data = {key: file[key] for key in ("id", "title", "description", "area")}
        data["areas"] = sorted(self.areas)
        data.update({key: file[key] for key in ("position", "indications", "course")})
        data["minutes"] = round(self.minutes, 1)
        data["seconds"] = self.total_seconds
        data["steps"] = file["steps"]
        data["source"] = self.source
        data["path"] = str(self.path) if self.path else None
        if "preparation" in file:
            data["preparation"] = file["preparation"]
        return data

    def to_toml_data(self) -> dict[str, Any]:
        """The routine as a routine file would hold it: the one serialisation of a routine
        (``routines new``, the journal's content hash, and ``to_dict`` build on it)."""
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "area": self.area,
            "position": self.position,
            "indications": list(self.indications),
        }
        if self.preparation is not None:
            data["preparation"] = self.preparation
        data["course"] = self.course.to_dict()
        data["steps"] = [step.to_dict() for step in self.steps]
        return data


class RescaleError(SelfMassageError, ValueError):
    """Too few seconds to give every step at least one."""


def rescale(durations: list[int], total: int) -> list[int]:
    """Scale ``durations`` in proportion to sum to ``total``, in whole seconds.

    Largest-remainder rounding keeps the sum exact; every step keeps at least 1 s.
    """
    if total < len(durations):
        raise RescaleError(f"{total} s is too short for {len(durations)} steps")
    if not durations:
        return []
    weights = [max(d, 0) for d in durations]
    weight = sum(weights)
    if weight == 0:  # nothing to be proportional to: share equally
        weights, weight = [1] * len(durations), len(durations)
    # Integer arithmetic, so that scaling to the current total changes nothing.
    parts = [divmod(total * w, weight) for w in weights]
    result = [whole for whole, _ in parts]
    leftover = total - sum(result)
    by_remainder = sorted(range(len(parts)), key=lambda i: (-parts[i][1], i))
    for i in by_remainder[:leftover]:
        result[i] += 1
    # A step rounded down to nothing takes its second from the longest step; since
    # total >= len(durations), the longest has at least 2 whenever one is at 0.
    for i, seconds in enumerate(result):
        if seconds == 0:
            longest = max(range(len(result)), key=lambda k: (result[k], -k))
            result[longest] -= 1
            result[i] = 1
    return result


# -- loading ---------------------------------------------------------------------------
