"""Routines: the model, strict loading from TOML, and the catalogue of bundled and user files.

A routine file is written by hand by a therapist or a user, so loading is strict
(unknown keys are errors) and reports every problem at once. See
``docs/routine-format.md`` for the format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from selfmassage.errors import SelfMassageError
from selfmassage.i18n import N_, _, current, in_language, pgettext_noop, translator

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
# The techniques' names as people read them (the ids above are the file's words), in
# the seeds' own vocabulary: поглаживание / погладжування, растирание / розтирання...
TECHNIQUE_LABELS = {
    "stroking": pgettext_noop("technique", "stroking"),
    "rubbing": pgettext_noop("technique", "rubbing"),
    "kneading": pgettext_noop("technique", "kneading"),
    "vibration": pgettext_noop("technique", "vibration"),
    "tapping": pgettext_noop("technique", "tapping"),
    "pressure": pgettext_noop("technique", "pressure"),
    "breathing": pgettext_noop("technique", "breathing"),
    "stretching": pgettext_noop("technique", "stretching"),
    "rest": pgettext_noop("technique", "rest"),
}


def technique_label(technique: str, lang: str) -> str:
    """A technique's name in ``lang``, lower case: ``kneading``, ``разминание``, ``розминання``."""
    return translator(lang).pgettext(*TECHNIQUE_LABELS[technique])


# Percussion is what the "caution" screening tier rules out. clinical.md §3 counts
# vibration and tapping as one stage (tapotement), and the collar routine's vibration
# is fingertip tapping whose own caution says to skip it with osteoporosis.
PERCUSSION = frozenset({"tapping", "vibration"})

# Body areas a step can work on. Each has a picture (body.py) and screening
# questions about the skin or injuries there exclude routines that touch it.
# The labels are marked for the catalog: ``area_label`` says them in the run's language.
AREAS = {
    "neck-shoulders": N_("neck and shoulders"),
    "upper-back": N_("upper back"),
    "lower-back": N_("lower back"),
    "head-face": N_("head and face"),
    "hands": N_("hands"),
    "whole-body": N_("whole body"),
}
# "whole-body" is for breathing and rest: it touches no particular area
# (clinical.md §1c), so only these techniques may name it.
UNTOUCHED_AREAS = frozenset({"whole-body"})
STILL_TECHNIQUES = frozenset({"breathing", "rest"})
SIDES = ("both", "left", "right")
POSITIONS = ("sitting", "standing", "lying")
# The ids above are the file's words; these are what people read.
SIDE_LABELS = {
    "both": pgettext_noop("side", "both"),
    "left": pgettext_noop("side", "left"),
    "right": pgettext_noop("side", "right"),
}
POSITION_LABELS = {
    "sitting": pgettext_noop("position", "sitting"),
    "standing": pgettext_noop("position", "standing"),
    "lying": pgettext_noop("position", "lying"),
}
FREQUENCIES = ("daily", "every-other-day", "weekly")
# Besides the named ones, "N-per-week" for N from 1 to 6 (7 a week is "daily"): the
# prevention rhythm of clinical.md §5 ("1-2 times a week") and what lies between.
PER_WEEK = re.compile(r"^([1-6])-per-week$")
FREQUENCY_WORDS = N_("daily, every-other-day, weekly, N-per-week (N from 1 to 6)")

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def area_label(area: str, lang: str | None = None) -> str:
    """An area's name in ``lang`` (default: the run's): ``lower back``, ``поясница``; an
    unknown id as is."""
    return in_language(lang).gettext(AREAS[area]) if area in AREAS else area


def area_words(areas: Iterable[str]) -> str:
    """Areas in a sentence: ``the lower back``, ``the neck and shoulders and the upper back``."""
    words = [_("the {area}").format(area=area_label(a)) for a in sorted(areas)]
    if len(words) == 1:
        return words[0]
    return _("{items} and {last}").format(items=", ".join(words[:-1]), last=words[-1])


def side_label(side: str, lang: str | None = None) -> str:
    """A side in ``lang`` (default: the run's): ``left``, ``слева``; an unknown one as is."""
    return in_language(lang).pgettext(*SIDE_LABELS[side]) if side in SIDE_LABELS else side


def position_label(position: str, lang: str | None = None) -> str:
    """A position in ``lang`` (default: the run's): ``sitting``, ``сидя``; an unknown one
    as is."""
    if position not in POSITION_LABELS:
        return position
    return in_language(lang).pgettext(*POSITION_LABELS[position])


def often_words(frequency: str, lang: str | None = None) -> str:
    """A frequency in words, in ``lang`` (default: the run's): ``daily``, ``every other
    day``, ``weekly``, ``2 times a week``."""
    said = in_language(lang)
    times = per_week(frequency)
    if times is not None and frequency != "weekly":
        return said.ngettext("once a week", "{n} times a week", times).format(n=times)
    words = {
        "daily": N_("daily"),
        "every-other-day": N_("every other day"),
        "weekly": N_("weekly"),
    }
    return said.gettext(words[frequency]) if frequency in words else frequency.replace("-", " ")


def is_frequency(text: str) -> bool:
    """Whether ``text`` is a frequency a ``[course]`` may name."""
    return text in FREQUENCIES or PER_WEEK.match(text) is not None


def per_week(frequency: str) -> int | None:
    """Sessions a week of an ``N-per-week`` frequency (``weekly`` is 1); ``None`` otherwise."""
    if frequency == "weekly":
        return 1
    match = PER_WEEK.match(frequency)
    return int(match.group(1)) if match else None


def interval_days(frequency: str) -> int:
    """The days from one session of a course to the next: 1, 2, or 7 // N for N a week."""
    if frequency == "daily":
        return 1
    if frequency == "every-other-day":
        return 2
    times = per_week(frequency)
    if times is None:
        raise ValueError(f"not a frequency: {frequency!r}")
    return 7 // times


@dataclass(frozen=True)
class Step:
    """One timed stroke of a routine."""

    technique: str
    area: str
    seconds: int
    instruction: str
    side: str = "both"
    # Further areas the step touches besides ``area`` (the occiput is head and neck).
    more_areas: tuple[str, ...] = ()
    optional: bool = False  # a linking stroke or an extra that fitting may leave out
    min_seconds: int | None = None  # the file's own minimum, above the reading time
    name: str | None = None
    tempo: int | None = None
    cue: str | None = None
    caution: str | None = None
    light: str | None = None

    @property
    def label(self) -> str:
        """What the step is called on screen: its name, or the technique (in the run's
        language)."""
        if self.name:
            return self.name
        if self.technique not in TECHNIQUE_LABELS:
            return self.technique.capitalize()
        return technique_label(self.technique, current()).capitalize()

    @property
    def areas(self) -> tuple[str, ...]:
        """Every body area the step names, ``area`` first."""
        return (self.area, *self.more_areas)

    @property
    def area_label(self) -> str:
        """The step's area in the run's language."""
        return area_label(self.area)

    @property
    def side_label(self) -> str:
        """The step's side in the run's language."""
        return side_label(self.side)

    @property
    def place(self) -> str:
        """Where the step works, side included: ``neck and shoulders, left side``, ``left hand``."""
        if self.area == "hands":
            if self.side == "left":
                return _("left hand")
            if self.side == "right":
                return _("right hand")
            return _("both hands")
        if self.side == "left" and self.area not in UNTOUCHED_AREAS:
            return _("{area}, left side").format(area=self.area_label)
        if self.side == "right" and self.area not in UNTOUCHED_AREAS:
            return _("{area}, right side").format(area=self.area_label)
        return self.area_label

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "technique": self.technique,
            "area": list(self.areas) if self.more_areas else self.area,
            "side": self.side,
            "seconds": self.seconds,
            "instruction": self.instruction,
        }
        if self.optional:
            data["optional"] = True
        if self.min_seconds is not None:
            data["min_seconds"] = self.min_seconds
        for key in ("name", "tempo", "cue", "caution", "light"):
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
    frequency: str  # one of FREQUENCIES or "N-per-week" (``is_frequency``)
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
        """The frequency in the run's language (``often_words``)."""
        return often_words(self.frequency)

    def describe(self, lang: str | None = None) -> str:
        """``10 sessions, daily; then a 10-day break before repeating``, in ``lang``
        (default: the run's)."""
        said = in_language(lang)
        sessions = said.ngettext("{n} session", "{n} sessions", self.sessions).format(
            n=self.sessions
        )
        often = often_words(self.frequency, lang)
        if self.break_days:
            return said.ngettext(
                "{sessions}, {often}; then a {days}-day break before repeating",
                "{sessions}, {often}; then a {days}-day break before repeating",
                self.break_days,
            ).format(sessions=sessions, often=often, days=self.break_days)
        return said.gettext("{sessions}, {often}").format(sessions=sessions, often=often)


PRESSURES = ("usual", "light")


@dataclass(frozen=True)
class Prescription:
    """A routine made for one patient by a therapist: the file's ``[prescription]`` table.

    ``base`` and ``base_hash`` name the routine it was made from (its id and its
    ``fingerprint``), so a prescription can be traced to what it changed.
    """

    patient: str
    written: date  # the day the therapist wrote it
    start: date  # the course's first day: the patient's course is counted from here
    base: str
    base_hash: str
    version: int  # 1 for the patient's first prescription, then 2, 3, ...
    therapist: str | None = None
    practice: str | None = None
    pressure: str = "usual"  # "light": percussion left out, the light wording
    notes: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The table as a routine file holds it (dates as TOML dates)."""
        data: dict[str, Any] = {"patient": self.patient}
        for key in ("therapist", "practice"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        data.update(
            {
                "date": self.written,
                "start": self.start,
                "base": self.base,
                "base_hash": self.base_hash,
                "version": self.version,
                "pressure": self.pressure,
            }
        )
        if self.notes is not None:
            data["notes"] = self.notes
        return data


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
    prescription: Prescription | None = None
    source: str = "bundled"
    path: Path | None = field(default=None, compare=False)
    language: str = "en"  # the language of its text: a translation's, or the file's own
    # Translated text -> the file's own (``files.translation``): the fingerprint is of
    # the routine as its file holds it, in whatever language it is shown.
    source_text: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def total_seconds(self) -> int:
        return sum(step.seconds for step in self.steps)

    @property
    def minutes(self) -> float:
        return self.total_seconds / 60

    @property
    def areas(self) -> frozenset[str]:
        """The body areas the routine touches (for screening exclusions)."""
        return frozenset(
            area for s in self.steps for area in s.areas if area not in UNTOUCHED_AREAS
        )

    @property
    def has_percussion(self) -> bool:
        return any(step.technique in PERCUSSION for step in self.steps)

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
        # Machine output in the file's own words, whatever the run's language.
        if self.source_text and self.prescription is None:
            file = _in_source_text(file, self.source_text)
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
        if self.prescription is not None:
            table = self.prescription.to_dict()
            table["date"] = table["date"].isoformat()
            table["start"] = table["start"].isoformat()
            data["prescription"] = table
            data["fingerprint"] = self.fingerprint
        return data

    @property
    def fingerprint(self) -> str:
        """A short fingerprint of the routine's content (``sha256:`` and 16 hex digits).

        The one fingerprint: the journal stores it with each session, and a
        prescription prints it on the handout and in ``show``, so paper, file and
        journal can be matched. Comments and layout of the file do not change it.
        """
        import hashlib
        import json

        data = self.to_toml_data()
        # A prescription made from a translated routine is a file of its own, in the
        # words it holds: its fingerprint is of those words.
        if self.source_text and self.prescription is None:
            data = _in_source_text(data, self.source_text)
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return "sha256:" + hashlib.sha256(text.encode()).hexdigest()[:16]

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
        if self.prescription is not None:
            data["prescription"] = self.prescription.to_dict()
        data["steps"] = [step.to_dict() for step in self.steps]
        return data


def _in_source_text(value: Any, source_text: Mapping[str, str]) -> Any:
    """``value`` with each translated text put back as its source file has it."""
    if isinstance(value, str):
        return source_text.get(value, value)
    if isinstance(value, list):
        return [_in_source_text(item, source_text) for item in value]
    if isinstance(value, dict):
        return {key: _in_source_text(item, source_text) for key, item in value.items()}
    return value
