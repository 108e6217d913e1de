"""Handouts: a printable sheet of one routine for a patient to take home.

Pure: ``build_handout`` turns a routine and the therapist's options into a
``Handout``; ``handout.formats`` renders it as text, Markdown or HTML; ``write_file``
saves it. Nothing here prints. The safety wording comes from
``data/handout_safety.toml`` (clinical.md §1, §2, §6, §7), never from the routine file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from selfmassage import paths
from selfmassage.errors import SelfMassageError
from selfmassage.files import atomicfile, tomlcheck, translation
from selfmassage.files.settings import Practice
from selfmassage.handout.words import Words
from selfmassage.i18n import ENGLISH, _
from selfmassage.prescription.ical import session_days
from selfmassage.routines.fit import MAX_MINUTES, Fitted, fit
from selfmassage.routines.model import (
    AREAS,
    FREQUENCIES,
    FREQUENCY_WORDS,
    Course,
    Prescription,
    Routine,
    is_frequency,
)

NO_PRACTICE = Practice()
MAX_SESSIONS = 100  # the same ceiling a routine file's [course] allows
SAFETY_FILE = paths.package_data("handout_safety.toml")
SAFETY_KEYS = ("stop_on_pain", "safety_rules", "red_flags", "contraindications", "disclaimer")
# What a translation of the safety wording (``handout_safety.uk.toml``) may hold: the
# words, line for line; never which areas a set of red flags is for.
SAFETY_TEXT = translation.Shape(
    text_lists=("stop_on_pain", "safety_rules"),
    tables={
        "red_flags": translation.Shape(texts=("name",), text_lists=("emergency", "soon")),
        "contraindications": translation.Shape(text_lists=("stop", "local", "caution")),
        "disclaimer": translation.Shape(texts=("text",)),
    },
)


@dataclass(frozen=True)
class RedFlags:
    """The red flags for one body region: get help now, or see a doctor soon."""

    name: str
    areas: tuple[str, ...]
    emergency: tuple[str, ...]
    soon: tuple[str, ...]


@dataclass(frozen=True)
class Safety:
    """Every safety text a handout prints, as held in ``data/handout_safety.toml``."""

    stop_on_pain: tuple[str, ...]
    safety_rules: tuple[str, ...]
    red_flags: tuple[RedFlags, ...]
    stop: tuple[str, ...]
    local: tuple[str, ...]
    caution: tuple[str, ...]
    disclaimer: str

    def red_flags_for(self, areas: frozenset[str]) -> tuple[RedFlags, ...]:
        """The red-flag sets for a routine touching ``areas`` (neck, lower back, or both)."""
        return tuple(flags for flags in self.red_flags if areas & set(flags.areas))


@cache
def load_safety(path: Path = SAFETY_FILE, language: str = ENGLISH) -> Safety:
    """The packaged safety wording, validated like every file we read (``tomlcheck``), in
    ``language`` from the translation beside it (``handout_safety.uk.toml``)."""
    data, check = tomlcheck.parse(tomlcheck.read_text(path), path)
    safety = _safety(data, check)
    if language == ENGLISH:
        return safety
    overlaid = translation.overlay(data, path, language, SAFETY_TEXT)
    return _safety(overlaid.data, check) if overlaid.source_text else safety


def _safety(data: dict[str, Any], check: tomlcheck.Checker) -> Safety:
    top = tomlcheck.TOP
    check.unknown_keys(data, SAFETY_KEYS, where=top)

    def texts(table: Any, key: str, where: tomlcheck.Where) -> tuple[str, ...]:
        return tuple(check.text_list(table, key, where=where) or ())

    flags = []
    entries = check.get(data, "red_flags", list, where=top) or []
    for index, entry in enumerate(entries):
        where = ("red_flags", index)
        if not isinstance(entry, dict):
            check.add("each [[red_flags]] must be a table", where=where)
            continue
        check.unknown_keys(entry, ("name", "areas", "emergency", "soon"), where=where)
        flags.append(
            RedFlags(
                name=check.text(entry, "name", where=where) or "",
                areas=texts(entry, "areas", where),
                emergency=texts(entry, "emergency", where),
                soon=texts(entry, "soon", where),
            )
        )
    contra = check.get(data, "contraindications", dict, where=top) or {}
    disclaimer = check.get(data, "disclaimer", dict, where=top) or {}
    safety = Safety(
        stop_on_pain=texts(data, "stop_on_pain", top),
        safety_rules=texts(data, "safety_rules", top),
        red_flags=tuple(flags),
        stop=texts(contra, "stop", ("contraindications", 0)),
        local=texts(contra, "local", ("contraindications", 0)),
        caution=texts(contra, "caution", ("contraindications", 0)),
        disclaimer=check.text(disclaimer, "text", where=("disclaimer", 0)) or "",
    )
    check.raise_if_any()
    return safety


@dataclass(frozen=True)
class Handout:
    """Everything one handout shows, already chosen; renderers only lay it out."""

    routine: Routine  # already fitted to the minutes asked for (routines.fit)
    day: date
    course: Course  # the routine's own, with the therapist's sessions and frequency
    areas: tuple[str, ...]  # body areas worked, for the picture
    red_flags: tuple[RedFlags, ...]
    safety: Safety
    patient: str | None = None
    therapist: str | None = None
    notes: str | None = None
    fitted: str | None = None  # what fitting to the minutes did, in one line; None if nothing
    # The person's valid doctor clearances (clinical.md §1b), one line each.
    clearances: tuple[str, ...] = ()
    practice: Practice = NO_PRACTICE  # the [practice] of settings: header and footer
    prescription: Prescription | None = None
    start: date | None = None  # the course's first day, when known (a prescription's)
    qr_svg: str | None = None  # the course event as a QR code (``--qr``), an inline SVG
    lang: str = ENGLISH  # the paper's language (``print --lang``), not always the run's
    # A bilingual handout's second language (``--also``): the same handout, its routine
    # and safety wording in that language, step for step the same numbers.
    also: Handout | None = None

    @property
    def words(self) -> Words:
        """The paper's words in its language."""
        return Words(self.lang)

    @property
    def title(self) -> str:
        return self.words._("Self-massage: {title}").format(title=self.routine.title)

    @property
    def fingerprint(self) -> str:
        """The routine's fingerprint as the journal records it (``Routine.fingerprint``)."""
        return self.routine.fingerprint

    @property
    def light(self) -> bool:
        """The therapist asked for light pressure: no tapping, the light wording."""
        return self.prescription is not None and self.prescription.pressure == "light"

    @property
    def dates(self) -> tuple[date, date, date | None] | None:
        """The first and last session days and the day the break ends, given a start."""
        if self.start is None:
            return None
        days = session_days(self.course.frequency, self.course.sessions, self.start)
        after = (
            days[-1] + timedelta(days=self.course.break_days) if self.course.break_days else None
        )
        return days[0], days[-1], after

    @property
    def area_labels(self) -> str:
        return self.words.areas(self.areas)


def build_handout(
    routine: Routine,
    *,
    today: date,
    patient: str | None = None,
    therapist: str | None = None,
    notes: str | None = None,
    minutes: float | None = None,
    sessions: int | None = None,
    frequency: str | None = None,
    safety: Safety | None = None,
    practice: Practice | None = None,
    lang: str = ENGLISH,
) -> Handout:
    """The handout for ``routine``; unset options fall back to the routine's own ``[course]``,
    and for a prescription to its patient, therapist, notes and start date."""
    fitted = _fitted(routine, minutes) if minutes is not None else None
    if fitted is not None:
        routine = fitted.routine
    if sessions is not None and not 1 <= sessions <= MAX_SESSIONS:
        raise SelfMassageError(
            _("--sessions must be from 1 to {most}, got {sessions}").format(
                most=MAX_SESSIONS, sessions=sessions
            )
        )
    if frequency is not None and not is_frequency(frequency):
        raise SelfMassageError(
            _("--frequency must be one of {choices}, got '{frequency}'").format(
                choices=FREQUENCY_WORDS, frequency=frequency
            )
            + tomlcheck.did_you_mean(frequency, FREQUENCIES)
        )
    course = replace(
        routine.course,
        sessions=sessions if sessions is not None else routine.course.sessions,
        frequency=frequency or routine.course.frequency,
    )
    safety = safety or load_safety(SAFETY_FILE, lang)
    practice = practice or Practice()
    given = routine.prescription
    areas = tuple(a for a in AREAS if a in routine.areas)  # in AREAS order, not set order
    return Handout(
        routine=routine,
        day=today,
        course=course,
        areas=areas,
        red_flags=safety.red_flags_for(routine.areas),
        safety=safety,
        patient=_one_line(patient or (given.patient if given else None)),
        therapist=_one_line(
            therapist or (given.therapist if given else None) or practice.therapist
        ),
        notes=_paragraphs(notes or (given.notes if given else None)),
        fitted=fitted.report if fitted is not None else None,
        practice=practice,
        prescription=given,
        start=given.start if given else None,
        lang=lang,
    )


# "Press p" is the pain key of the live session; paper has none.
_PAIN_KEY = re.compile(
    r"\s*\band (press p|use the pain key)\b|\b(press p|use the pain key)\b", re.IGNORECASE
)
# The same in the translated routines: "остановитесь и нажмите p" is "stop and press p".
_PAIN_KEY_TRANSLATED = {
    "ru": (re.compile(r"(?i)\b(о)становитесь и нажмите p\b"), "{o}становитесь сразу"),
    "uk": (re.compile(r"(?i)\b(з)упиніться й натисніть p\b"), "{o}упиніться одразу"),
}


def on_paper(text: str, lang: str = ENGLISH) -> str:
    """A step's words for paper: "stop and press p" becomes "stop at once"."""
    if lang in _PAIN_KEY_TRANSLATED:
        pattern, words = _PAIN_KEY_TRANSLATED[lang]
        return pattern.sub(lambda m: words.format(o=m.group(1)), text)

    def mend(match: re.Match[str]) -> str:
        if match.group(1):
            return " at once"
        return "Stop at once" if match.group(0)[0].isupper() else "stop at once"

    return _PAIN_KEY.sub(mend, text)


def _fitted(routine: Routine, minutes: float) -> Fitted:
    if not minutes > 0 or minutes > MAX_MINUTES:
        raise SelfMassageError(
            _("--minutes must be more than 0 and at most {most}, got {minutes}").format(
                most=MAX_MINUTES, minutes=f"{minutes:g}"
            )
        )
    return fit(routine, minutes)


def _one_line(text: str | None) -> str | None:
    """A name is one line: runs of whitespace (newlines too) become one space."""
    if text is None:
        return None
    return " ".join(text.split()) or None


def _paragraphs(text: str | None) -> str | None:
    if text is None:
        return None
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return "\n".join(lines) or None


def write_file(path: Path, text: str | bytes, *, force: bool = False) -> None:
    """Write ``text`` (or a PDF's bytes) to ``path`` atomically; an existing file only with
    ``force``."""
    atomicfile.write_text(path, text, force=force, hint=_("add --force to replace it"))
