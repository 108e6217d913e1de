"""Routines: the model, strict loading from TOML, and the catalogue of bundled and user files.

A routine file is written by hand by a therapist or a user, so loading is strict
(unknown keys are errors) and reports every problem at once. See
``docs/routine-format.md`` for the format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from selfmassage import paths, tomlcheck
from selfmassage.errors import InvalidFile, RoutineNotFound, SelfMassageError

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

TOP_KEYS = (
    "id",
    "title",
    "description",
    "area",
    "position",
    "indications",
    "preparation",
    "course",
    "steps",
)
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
)


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
    """How often and how many times: a course, then a break before repeating."""

    sessions: int
    frequency: Literal["daily", "every-other-day", "weekly"]
    break_days: int

    def describe(self) -> str:
        often = self.frequency.replace("-", " ")
        text = f"{self.sessions} sessions, {often}"
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
        """The whole routine as plain data (``show --json``), plus where it came from."""
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "area": self.area,
            "areas": sorted(self.areas),
            "position": self.position,
            "indications": list(self.indications),
            "course": {
                "sessions": self.course.sessions,
                "frequency": self.course.frequency,
                "break_days": self.course.break_days,
            },
            "minutes": round(self.minutes, 1),
            "seconds": self.total_seconds,
            "steps": [step.to_dict() for step in self.steps],
            "source": self.source,
            "path": str(self.path) if self.path else None,
        }
        if self.preparation is not None:
            data["preparation"] = self.preparation
        return data

    def to_toml_data(self) -> dict[str, Any]:
        """The routine as a routine file would hold it (for writing with tomli-w)."""
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
        data["course"] = {
            "sessions": self.course.sessions,
            "frequency": self.course.frequency,
            "break_days": self.course.break_days,
        }
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


def parse_routine(text: str, path: Path, source: str = "file") -> Routine:
    """Build a routine from TOML text, or raise ``InvalidFile`` listing every problem."""
    data, check = tomlcheck.parse(text, path)
    top = tomlcheck.TOP
    check.unknown_keys(data, TOP_KEYS, where=top)

    routine_id = check.text(data, "id", where=top)
    if routine_id is not None and not ID_PATTERN.match(routine_id):
        check.add(
            f"'id' must be lowercase letters, digits and hyphens (at most 40), got '{routine_id}'",
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
    steps = _parse_steps(data, check)
    check.raise_if_any()
    assert routine_id and title and description and area and position and course
    return Routine(
        id=routine_id,
        title=title,
        description=description,
        area=area,
        position=position,
        indications=tuple(indications or ()),
        course=course,
        steps=tuple(steps),
        preparation=preparation,
        source=source,
        path=path,
    )


def _parse_course(data: Mapping[str, Any], check: tomlcheck.Checker) -> Course | None:
    where: tomlcheck.Where = ("course", 0)
    table = check.get(data, "course", dict, where=tomlcheck.TOP)
    if table is None:
        return None
    check.unknown_keys(table, COURSE_KEYS, where=where, place="[course]")
    sessions = check.whole_number(table, "sessions", where=where, place="[course]", maximum=100)
    frequency = check.choice(table, "frequency", FREQUENCIES, where=where, place="[course]")
    break_days = check.whole_number(
        table, "break_days", where=where, place="[course]", minimum=0, maximum=365
    )
    if sessions is None or frequency is None or break_days is None:
        return None
    return Course(sessions=sessions, frequency=frequency, break_days=break_days)  # type: ignore[arg-type]


def _parse_steps(data: Mapping[str, Any], check: tomlcheck.Checker) -> list[Step]:
    if "steps" not in data:
        check.add("a routine needs at least one [[steps]] entry")
        return []
    raw = data["steps"]
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        check.add("'steps' must be written as [[steps]] tables", key="steps")
        return []
    if not raw:
        check.add("a routine needs at least one [[steps]] entry", key="steps")
        return []
    steps = []
    for index, table in enumerate(raw):
        step = _parse_step(table, index, check)
        if step is not None:
            steps.append(step)
    return steps


def _parse_step(table: Mapping[str, Any], index: int, check: tomlcheck.Checker) -> Step | None:
    where: tomlcheck.Where = ("steps", index)
    place = f"step {index + 1}"
    check.unknown_keys(table, STEP_KEYS, where=where, place=place)
    before = len(check.problems)
    technique = check.choice(table, "technique", TECHNIQUES, where=where, place=place)
    area = check.choice(table, "area", AREAS, where=where, place=place)
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
    if len(check.problems) != before:
        return None
    assert technique and area and side and seconds and instruction
    return Step(
        technique=technique,
        area=area,
        side=side,
        seconds=seconds,
        instruction=instruction,
        name=name,
        tempo=tempo,
        cue=cue,
        caution=caution,
    )


def load_routine_file(path: Path, source: str = "file") -> Routine:
    """Read and validate one routine file."""
    return parse_routine(tomlcheck.read_text(path), path, source)


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
        suggestion = f" — did you mean '{close}'?" if close else ""
        available = ", ".join(self.ids()) or "none"
        raise RoutineNotFound(
            f"no routine '{name}'{suggestion}", hint=f"available routines: {available}"
        )


def _toml_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob("*.toml") if p.is_file())
    except OSError:
        return []


def load_catalog(bundled_dir: Path | None = None, user_dir: Path | None = None) -> Catalog:
    """Load bundled routines, then the user's, which replace bundled ones with the same id.

    A broken user file does not hide the good ones: it becomes a warning.
    A broken bundled file is a bug in the package and is raised.
    """
    bundled_dir = bundled_dir or paths.bundled_routines_dir()
    user_dir = user_dir or paths.user_routines_dir()
    routines: dict[str, Routine] = {}
    for path in _toml_files(bundled_dir):
        routine = load_routine_file(path, "bundled")
        routines[routine.id] = routine
    warnings: list[str] = []
    seen_user: dict[str, Path] = {}
    for path in _toml_files(user_dir):
        try:
            routine = load_routine_file(path, "user")
        except InvalidFile as exc:
            warnings.append(
                f"skipped {path}: {len(exc.problems)} problem(s); first: {exc.problems[0]}"
            )
            continue
        if routine.id in seen_user:
            warnings.append(
                f"skipped {path}: id '{routine.id}' is already used by {seen_user[routine.id]}"
            )
            continue
        seen_user[routine.id] = path
        routines[routine.id] = routine
    return Catalog(routines=routines, warnings=tuple(warnings))


def validate_files(files: Iterable[Path]) -> dict[Path, list[str]]:
    """Every problem in every file (an empty list for a valid file).

    Also reports a duplicate id across the files given.
    """
    results: dict[Path, list[str]] = {}
    ids: dict[str, Path] = {}
    for path in files:
        if path in results:  # the same file named twice is checked once
            continue
        try:
            routine = load_routine_file(path)
        except InvalidFile as exc:
            results[path] = exc.problems
            continue
        if routine.id in ids:
            line = tomlcheck.LineIndex(tomlcheck.read_text(path)).line(tomlcheck.TOP, "id")
            where = f"{path}:{line}" if line else str(path)
            results[path] = [f"{where}: duplicate id '{routine.id}' (also in {ids[routine.id]})"]
            continue
        ids[routine.id] = path
        results[path] = []
    return results


def names_a_file(name: str) -> bool:
    """Whether a routine name given by the user is a file path rather than an id."""
    return name.endswith(".toml") or "/" in name


def resolve_routine(name: str, catalog: Catalog | None = None) -> Routine:
    """A routine by id, or from a ``.toml`` file path the user names directly."""
    if names_a_file(name):
        return load_routine_file(Path(name).expanduser(), "file")
    return (catalog or load_catalog()).find(name)
