"""Routines: the model, strict loading from TOML, and the catalogue of bundled and user files.

A routine file is written by hand by a therapist or a user, so loading is strict
(unknown keys are errors) and reports every problem at once. See
``docs/routine-format.md`` for the format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from selfmassage import paths
from selfmassage.errors import InvalidFile, RoutineNotFound
from selfmassage.files import tomlcheck, translation
from selfmassage.i18n import ENGLISH, _, ngettext
from selfmassage.routines import clinical
from selfmassage.routines.model import (
    AREAS,
    FREQUENCIES,
    FREQUENCY_WORDS,
    ID_PATTERN,
    POSITIONS,
    PRESSURES,
    SIDES,
    TECHNIQUES,
    UNTOUCHED_AREAS,
    Course,
    Prescription,
    Routine,
    Step,
    is_frequency,
)

TOP_KEYS = (
    "id",
    "title",
    "description",
    "area",
    "position",
    "indications",
    "preparation",
    "course",
    "prescription",
    "steps",
)
PRESCRIPTION_KEYS = (
    "patient",
    "therapist",
    "practice",
    "date",
    "start",
    "base",
    "base_hash",
    "version",
    "pressure",
    "notes",
)
HASH_PATTERN = re.compile(r"^sha256:[0-9a-f]{16}$")
COURSE_KEYS = ("sessions", "frequency", "break_days")
STEP_KEYS = (
    "technique",
    "name",
    "area",
    "side",
    "seconds",
    "instruction",
    "tempo",
    "cue",
    "caution",
    "light",
    "optional",
    "min_seconds",
)

# What a translation of a routine (``collar.uk.toml``) may hold: its text, nothing else.
TEXT_SHAPE = translation.Shape(
    texts=("title", "description", "area", "preparation"),
    text_lists=("indications",),
    tables={"steps": translation.Shape(texts=("name", "instruction", "cue", "caution", "light"))},
)


def parse_routine(text: str, path: Path, source: str = "file", language: str = ENGLISH) -> Routine:
    """Build a routine from TOML text, or raise ``InvalidFile`` listing every problem.

    In another ``language`` the text of the translation beside ``path`` (``collar.uk.toml``)
    is laid over the routine, once the routine itself is valid; without one, the routine
    is as written.
    """
    data, check = tomlcheck.parse(text, path)
    routine = _build(data, check, path, source)
    if language == ENGLISH:
        return routine
    overlaid = translation.overlay(data, path, language, TEXT_SHAPE)
    if not overlaid.source_text:
        return routine
    translated = _build(overlaid.data, check, path, source)
    return replace(translated, language=language, source_text=overlaid.source_text)


def _build(data: dict[str, Any], check: tomlcheck.Checker, path: Path, source: str) -> Routine:
    top = tomlcheck.TOP
    check.unknown_keys(data, TOP_KEYS, where=top)

    routine_id = check.text(data, "id", where=top)
    if routine_id is not None and not ID_PATTERN.match(routine_id):
        check.add(
            _(
                "'{key}' must be lowercase letters, digits and hyphens (at most 40), got '{value}'"
            ).format(key="id", value=routine_id),
            where=top,
            key="id",
        )
    title = check.text(data, "title", where=top)
    description = check.text(data, "description", where=top)
    area = check.text(data, "area", where=top)
    position = check.choice(data, "position", POSITIONS, where=top)
    indications = check.text_list(data, "indications", where=top)
    preparation = check.text(data, "preparation", where=top, required=False)
    course = _parse_course(data, check)
    prescription = _parse_prescription(data, check)
    steps = _parse_steps(data, check)
    check.raise_if_any()
    assert routine_id and title and description and area and position and course
    routine = Routine(
        id=routine_id,
        title=title,
        description=description,
        area=area,
        position=position,
        indications=tuple(indications or ()),
        course=course,
        steps=tuple(steps),
        preparation=preparation,
        prescription=prescription,
        source=source,
        path=path,
    )
    for finding in clinical.errors(routine):
        if finding.step is not None:
            where: tomlcheck.Where = ("steps", finding.step)
            check.add(finding.message, where=where, place=step_place(finding.step), key=finding.key)
        elif finding.course:
            check.add(finding.message, where=("course", 0), place="[course]", key=finding.key)
        else:
            check.add(finding.message, key=finding.key)
    check.raise_if_any()
    return routine


def step_place(index: int) -> str:
    """``step 3``: where in a routine file a problem is, for the step at 0-based ``index``."""
    return _("step {number}").format(number=index + 1)


def _parse_course(data: Mapping[str, Any], check: tomlcheck.Checker) -> Course | None:
    where: tomlcheck.Where = ("course", 0)
    table = check.get(data, "course", dict, where=tomlcheck.TOP)
    if table is None:
        return None
    check.unknown_keys(table, COURSE_KEYS, where=where, place="[course]")
    sessions = check.whole_number(table, "sessions", where=where, place="[course]", maximum=100)
    frequency = check.get(table, "frequency", str, where=where, place="[course]")
    if frequency is not None and not is_frequency(frequency):
        check.add(
            _("'{key}' must be one of {options}; got '{value}'").format(
                key="frequency", options=_(FREQUENCY_WORDS), value=frequency
            )
            + tomlcheck.did_you_mean(frequency, FREQUENCIES),
            where=where,
            place="[course]",
            key="frequency",
        )
        frequency = None
    break_days = check.whole_number(
        table, "break_days", where=where, place="[course]", minimum=0, maximum=365
    )
    if sessions is None or frequency is None or break_days is None:
        return None
    return Course(sessions=sessions, frequency=frequency, break_days=break_days)


def _parse_prescription(data: Mapping[str, Any], check: tomlcheck.Checker) -> Prescription | None:
    """The optional ``[prescription]`` table: who a therapist wrote the routine for."""
    if "prescription" not in data:
        return None
    where: tomlcheck.Where = ("prescription", 0)
    place = "[prescription]"
    table = check.get(data, "prescription", dict, where=tomlcheck.TOP)
    if table is None:
        return None
    check.unknown_keys(table, PRESCRIPTION_KEYS, where=where, place=place)
    before = len(check.problems)
    patient = check.text(table, "patient", where=where, place=place)
    therapist = check.text(table, "therapist", where=where, place=place, required=False)
    practice = check.text(table, "practice", where=where, place=place, required=False)
    written = _date(table, "date", check, where=where, place=place)
    start = _date(table, "start", check, where=where, place=place)
    base = check.text(table, "base", where=where, place=place)
    if base is not None and not ID_PATTERN.match(base):
        check.add(
            _("'{key}' must be a routine id, got '{value}'").format(key="base", value=base),
            where=where,
            place=place,
            key="base",
        )
    base_hash = check.text(table, "base_hash", where=where, place=place)
    if base_hash is not None and not HASH_PATTERN.match(base_hash):
        check.add(
            _("'{key}' must be 'sha256:' and 16 hex digits, got '{value}'").format(
                key="base_hash", value=base_hash
            ),
            where=where,
            place=place,
            key="base_hash",
        )
    version = check.whole_number(table, "version", where=where, place=place, maximum=9999)
    pressure = check.choice(
        table, "pressure", PRESSURES, where=where, place=place, required=False, default="usual"
    )
    notes = check.text(table, "notes", where=where, place=place, required=False)
    if written and start and start < written:
        check.add(
            _("'{key}' ({start}) is before the prescription's '{other}' ({date})").format(
                key="start", start=start, other="date", date=written
            ),
            where=where,
            place=place,
            key="start",
        )
    if len(check.problems) != before:
        return None
    assert patient and written and start and base and base_hash and version and pressure
    return Prescription(
        patient=patient,
        written=written,
        start=start,
        base=base,
        base_hash=base_hash,
        version=version,
        therapist=therapist,
        practice=practice,
        pressure=pressure,
        notes=notes,
    )


def _date(
    table: Mapping[str, Any],
    key: str,
    check: tomlcheck.Checker,
    *,
    where: tomlcheck.Where,
    place: str,
) -> date | None:
    """A TOML date (``2026-11-21``, no quotes, no time)."""
    if key not in table:
        check.missing(key, where=where, place=place)
        return None
    value = table[key]
    # A datetime is a date too; a prescription's days are whole days.
    if not isinstance(value, date) or hasattr(value, "hour"):
        check.add(
            _("'{key}' must be a date such as 2026-11-21 (no quotes), got {got}").format(
                key=key, got=tomlcheck.type_name(value)
            ),
            where=where,
            place=place,
            key=key,
        )
        return None
    return value


def _parse_steps(data: Mapping[str, Any], check: tomlcheck.Checker) -> list[Step]:
    if "steps" not in data:
        check.add(_("a routine needs at least one [[steps]] entry"))
        return []
    raw = data["steps"]
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        check.add(_("'steps' must be written as [[steps]] tables"), key="steps")
        return []
    if not raw:
        check.add(_("a routine needs at least one [[steps]] entry"), key="steps")
        return []
    steps = []
    for index, table in enumerate(raw):
        step = _parse_step(table, index, check)
        if step is not None:
            steps.append(step)
    return steps


def _parse_step(table: Mapping[str, Any], index: int, check: tomlcheck.Checker) -> Step | None:
    where: tomlcheck.Where = ("steps", index)
    place = step_place(index)
    check.unknown_keys(table, STEP_KEYS, where=where, place=place)
    before = len(check.problems)
    technique = check.choice(table, "technique", TECHNIQUES, where=where, place=place)
    areas = _parse_areas(table, check, where=where, place=place)
    side = check.choice(
        table, "side", SIDES, where=where, place=place, required=False, default="both"
    )
    seconds = check.whole_number(table, "seconds", where=where, place=place, maximum=3600)
    instruction = check.text(table, "instruction", where=where, place=place)
    name = check.text(table, "name", where=where, place=place, required=False)
    tempo = check.whole_number(
        table, "tempo", where=where, place=place, required=False, maximum=240
    )
    cue = check.text(table, "cue", where=where, place=place, required=False)
    caution = check.text(table, "caution", where=where, place=place, required=False)
    light = check.text(table, "light", where=where, place=place, required=False)
    optional = check.get(table, "optional", bool, where=where, place=place, required=False)
    least = check.whole_number(
        table, "min_seconds", where=where, place=place, required=False, maximum=3600
    )
    if least is not None and seconds is not None and least > seconds:
        check.add(
            _("'{key}' ({least}) is longer than the step's '{other}' ({seconds})").format(
                key="min_seconds", least=least, other="seconds", seconds=seconds
            ),
            where=where,
            place=place,
            key="min_seconds",
        )
    if len(check.problems) != before:
        return None
    assert technique and areas and side and seconds and instruction
    return Step(
        technique=technique,
        area=areas[0],
        more_areas=areas[1:],
        optional=bool(optional),
        min_seconds=least,
        side=side,
        seconds=seconds,
        instruction=instruction,
        name=name,
        tempo=tempo,
        cue=cue,
        caution=caution,
        light=light,
    )


def _parse_areas(
    table: Mapping[str, Any], check: tomlcheck.Checker, *, where: tomlcheck.Where, place: str
) -> tuple[str, ...] | None:
    """``area``: one area, or a list of several (a step on the base of the skull works on
    the head and the neck); ``whole-body`` stands alone."""
    value = table.get("area")
    if not isinstance(value, list):
        area = check.choice(table, "area", AREAS, where=where, place=place)
        return (area,) if area is not None else None
    wrong = [item for item in value if not isinstance(item, str) or item not in AREAS]
    if not value or wrong:
        shown = ", ".join(repr(item) for item in wrong) or _("an empty list")
        check.add(
            _("'{key}' must be one of {options}, or a list of them; got {value}").format(
                key="area", options=", ".join(AREAS), value=shown
            ),
            where=where,
            place=place,
            key="area",
        )
        return None
    if len(set(value)) != len(value):
        check.add(
            _("'{key}' names an area twice").format(key="area"),
            where=where,
            place=place,
            key="area",
        )
        return None
    if len(value) > 1 and set(value) & UNTOUCHED_AREAS:
        check.add(
            _("'{area}' cannot be listed with other areas").format(area="whole-body"),
            where=where,
            place=place,
            key="area",
        )
        return None
    return tuple(value)


def load_routine_file(path: Path, source: str = "file", language: str = ENGLISH) -> Routine:
    """Read and validate one routine file, in ``language`` if it has that translation."""
    return parse_routine(tomlcheck.read_text(path), path, source, language)


@dataclass(frozen=True)
class Catalog:
    """Every routine available, by id, and warnings about user files that were skipped."""

    routines: dict[str, Routine]
    warnings: tuple[str, ...] = ()

    def ids(self) -> list[str]:
        return sorted(self.routines)

    def find(self, name: str) -> Routine:
        """The routine called ``name``, or ``RoutineNotFound`` suggesting the closest id."""
        if name in self.routines:
            return self.routines[name]
        close = tomlcheck.closest(name, self.routines)
        available = ", ".join(self.ids()) or _("none")
        hint = _("available routines: {ids}").format(ids=available)
        if close:
            raise RoutineNotFound(
                _("no routine '{name}' — did you mean '{close}'?").format(name=name, close=close),
                hint=hint,
            )
        raise RoutineNotFound(_("no routine '{name}'").format(name=name), hint=hint)


def routine_files(folder: Path) -> list[Path]:
    """The routine files of a folder: its ``*.toml`` but the translations beside them."""
    try:
        found = folder.glob("*.toml")
        return sorted(p for p in found if p.is_file() and not translation.is_translation(p))
    except OSError:
        return []


def load_catalog(
    bundled_dir: Path | None = None, user_dir: Path | None = None, language: str = ENGLISH
) -> Catalog:
    """Load bundled routines, then the user's, which replace bundled ones with the same id.

    Each in ``language`` where it has that translation. A broken user file (or its
    translation) does not hide the good ones: it becomes a warning. A broken bundled
    file is a bug in the package and is raised.
    """
    bundled_dir = bundled_dir or paths.bundled_routines_dir()
    routines: dict[str, Routine] = {}
    for path in routine_files(bundled_dir):
        routine = load_routine_file(path, "bundled", language)
        routines[routine.id] = routine
    warnings: list[str] = []
    seen_user: dict[str, Path] = {}
    for path in routine_files(user_dir) if user_dir is not None else ():
        try:
            routine = _user_routine(path, language, warnings)
        except InvalidFile as exc:
            warnings.append(
                ngettext(
                    "skipped {path}: {n} problem; first: {first}",
                    "skipped {path}: {n} problems; first: {first}",
                    len(exc.problems),
                ).format(path=path, n=len(exc.problems), first=exc.problems[0])
            )
            continue
        if routine.id in seen_user:
            warnings.append(
                _("skipped {path}: id '{id}' is already used by {other}").format(
                    path=path, id=routine.id, other=seen_user[routine.id]
                )
            )
            continue
        seen_user[routine.id] = path
        routines[routine.id] = routine
    return Catalog(routines=routines, warnings=tuple(warnings))


def _user_routine(path: Path, language: str, warnings: list[str]) -> Routine:
    """A user's routine in ``language``; as written, with a warning, when its translation
    is broken (the routine itself is fine, so it stays usable)."""
    routine = load_routine_file(path, "user")
    if language == ENGLISH:
        return routine
    try:
        return load_routine_file(path, "user", language)
    except InvalidFile as exc:
        sibling = translation.translation_path(path, language)
        warnings.append(
            ngettext(
                "not using {path}: {n} problem; first: {first}",
                "not using {path}: {n} problems; first: {first}",
                len(exc.problems),
            ).format(path=sibling, n=len(exc.problems), first=exc.problems[0])
        )
        return routine


@dataclass(frozen=True)
class FileCheck:
    """What ``routines validate`` found in one file: problems make it invalid; warnings
    (clinical.md §3, the classical order) are printed and change nothing."""

    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def check_files(files: Iterable[Path]) -> dict[Path, FileCheck]:
    """Every problem and every warning in every file.

    Also reports a duplicate id across the files given.
    """
    results: dict[Path, FileCheck] = {}
    ids: dict[str, Path] = {}
    for path in files:
        if path in results:  # the same file named twice is checked once
            continue
        if translation.is_translation(path):
            results[path] = FileCheck(problems=tuple(_translation_problems(path)))
            continue
        try:
            routine = load_routine_file(path)
        except InvalidFile as exc:
            results[path] = FileCheck(problems=tuple(exc.problems))
            continue
        if routine.id in ids:
            line = tomlcheck.LineIndex(tomlcheck.read_text(path)).line(tomlcheck.TOP, "id")
            where = f"{path}:{line}" if line else str(path)
            duplicate = _("{location}: duplicate id '{id}' (also in {other})").format(
                location=where, id=routine.id, other=ids[routine.id]
            )
            results[path] = FileCheck(problems=(duplicate,))
            continue
        ids[routine.id] = path
        results[path] = FileCheck(warnings=tuple(warnings_of(routine)))
    return results


def _translation_problems(path: Path) -> list[str]:
    """A translation (``collar.uk.toml``) is valid when its routine loads with it."""
    source = translation.source_of(path)
    if not source.is_file():
        return [
            _("{path}: a translation needs its routine beside it ({source})").format(
                path=path, source=source.name
            )
        ]
    language = path.name.rsplit(".", 2)[1]
    try:
        load_routine_file(source, "file", language)
    except InvalidFile as exc:
        return list(exc.problems)
    return []


def validate_files(files: Iterable[Path]) -> dict[Path, list[str]]:
    """Every problem in every file (an empty list for a valid file); see ``check_files``."""
    return {path: list(found.problems) for path, found in check_files(files).items()}


def warnings_of(routine: Routine) -> list[str]:
    """The clinical warnings of a valid routine, each naming its file."""
    where = f"{routine.path}: " if routine.path else ""
    return [f"{where}{warning}" for warning in clinical.warnings(routine)]


def names_a_file(name: str) -> bool:
    """Whether a routine name given by the user is a file path rather than an id."""
    return name.endswith(".toml") or "/" in name
