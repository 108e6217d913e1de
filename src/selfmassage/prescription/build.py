"""A prescription from a routine and the therapist's changes: pure, validated as a routine is.

``prescribe_routine`` applies the changes in one order (steps left out, then the
time fitted by ``routines.fit``, then single steps' seconds, then light pressure, then
the course) and returns the routine with its ``[prescription]`` table. Each option
is checked first, with a message that names it; the result is then written as TOML
and read back by ``routines.catalog.parse_routine``, so a prescription is valid
exactly when a routine file is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from selfmassage.errors import SelfMassageError
from selfmassage.files.tomlcheck import did_you_mean
from selfmassage.i18n import _
from selfmassage.routines import clinical
from selfmassage.routines.catalog import parse_routine
from selfmassage.routines.clinical import MAX_COURSE_SESSIONS
from selfmassage.routines.fit import check_minutes, fit, kept_always, least_seconds
from selfmassage.routines.model import (
    FREQUENCIES,
    FREQUENCY_WORDS,
    PRESSURES,
    Course,
    Prescription,
    Routine,
    is_frequency,
)

MAX_STEP_SECONDS = 10 * 60  # one step of a prescription lasts at most 10 minutes
MAX_BREAK_DAYS = 365  # as a routine file's [course] allows
HEADER = """\
# A prescription: the routine '{base}' made for one patient by their therapist.
# The patient installs it with:  selfmassage routines install {name}
# Fingerprint {fingerprint} (printed on the handout; the journal records it per session).
"""


class PrescriptionError(SelfMassageError):
    """A change the therapist asked for that the routine cannot take; exit code 2."""


@dataclass(frozen=True)
class Changes:
    """What the therapist changes in the base routine; ``None`` keeps the routine's own."""

    sessions: int | None = None
    frequency: str | None = None
    break_days: int | None = None
    minutes: float | None = None
    skip: tuple[int, ...] = ()  # step numbers, from 1, as the handout numbers them
    seconds: tuple[tuple[int, int], ...] = ()  # (step number, seconds)
    pressure: str | None = None  # "light" or "usual"
    notes: str | None = None


def parse_step_seconds(text: str) -> tuple[int, int]:
    """``--seconds STEP=S`` as (step, seconds); a ``PrescriptionError`` if it is not that."""
    step, sep, seconds = text.partition("=")
    if not sep or not step.strip().isdigit() or not seconds.strip().isdigit():
        raise PrescriptionError(
            _("--seconds must be STEP=SECONDS, such as 3=90; got '{text}'").format(text=text),
            hint=_("STEP is the step's number on the handout (selfmassage show ROUTINE)"),
        )
    return int(step), int(seconds)


def prescribe_routine(
    base: Routine,
    changes: Changes,
    *,
    patient: str,
    written: date,
    start: date,
    version: int,
    therapist: str | None,
    practice: str | None,
    origin: Prescription | None = None,
) -> Routine:
    """``base`` with ``changes`` applied and a ``[prescription]`` table; validated.

    ``origin`` is the prescription ``base`` already is (``prescribe --from``): the new
    version keeps naming the routine the first one was made from.
    """
    patient = " ".join(patient.split())
    if not patient:
        raise PrescriptionError(_("--patient must not be empty"))
    if start < written:
        raise PrescriptionError(
            _("--start {start} is before today ({today})").format(
                start=start.isoformat(), today=written.isoformat()
            ),
            hint=_("a course starts today or later"),
        )
    steps = _steps_after(base, changes)
    routine = replace(base, steps=steps)
    if changes.minutes is not None:
        check_minutes(changes.minutes)
        routine = fit(routine, changes.minutes).routine
    routine = _with_seconds(base, routine, changes.seconds, _kept_numbers(base, changes.skip))
    if (changes.pressure or "usual") == "light":
        routine = _light(routine)
    notes = _paragraphs(changes.notes)
    routine = replace(
        routine,
        course=_course(routine, changes),
        prescription=Prescription(
            patient=patient,
            written=written,
            start=start,
            base=origin.base if origin else base.id,
            base_hash=origin.base_hash if origin else base.fingerprint,
            version=version,
            therapist=_line(therapist),
            practice=_line(practice),
            pressure=changes.pressure or (origin.pressure if origin else "usual"),
            notes=notes if notes is not None else (origin.notes if origin else None),
        ),
        source="file",
        path=None,
    )
    # The file is the proof: what we would write must load as a routine file does.
    parse_routine(to_toml(routine, name=f"{routine.id}.toml"), Path(f"{routine.id}.toml"))
    return routine


def to_toml(routine: Routine, *, name: str) -> str:
    """The prescription as a routine file, with a header saying what it is and how to install it."""
    import tomli_w

    assert routine.prescription is not None
    header = HEADER.format(
        base=routine.prescription.base, name=name, fingerprint=routine.fingerprint
    )
    return header + "\n" + tomli_w.dumps(_ordered(routine.to_toml_data()))


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    """The [prescription] table first after the top-level keys, where a reader looks."""
    tables = ("prescription", "course", "steps")
    top = {k: v for k, v in data.items() if k not in tables}
    return top | {k: data[k] for k in tables if k in data}


def _kept_numbers(base: Routine, skip: tuple[int, ...]) -> list[int]:
    return [n for n in range(1, len(base.steps) + 1) if n not in skip]


def _steps_after(base: Routine, changes: Changes) -> tuple[Any, ...]:
    """The base's steps less those skipped; the opening and closing stroking stay."""
    count = len(base.steps)
    always = {i + 1 for i in kept_always(base)}
    for number in changes.skip:
        _check_number(number, count, "--skip")
        if number in always:
            raise PrescriptionError(
                _("--skip {number}: the opening and closing stroking are never left out").format(
                    number=number
                ),
                hint=_("step {number} is '{label}'").format(
                    number=number, label=base.steps[number - 1].label
                ),
            )
    kept = _kept_numbers(base, changes.skip)
    if not kept:
        raise PrescriptionError(_("--skip leaves no step: a routine needs at least one"))
    return tuple(base.steps[n - 1] for n in kept)


def _with_seconds(
    base: Routine, routine: Routine, seconds: tuple[tuple[int, int], ...], kept: list[int]
) -> Routine:
    """Single steps set to the therapist's seconds, within the step minimum and 10 minutes."""
    steps = list(routine.steps)
    for number, value in seconds:
        _check_number(number, len(base.steps), "--seconds")
        if number not in kept:
            raise PrescriptionError(
                _("--seconds {number}={value}: step {number} is skipped").format(
                    number=number, value=value
                )
            )
        step = base.steps[number - 1]
        least = least_seconds(step)
        if not least <= value <= MAX_STEP_SECONDS:
            raise PrescriptionError(
                _(
                    "--seconds {number}={value}: step {number} ('{label}') must last from "
                    "{least} to {most} seconds"
                ).format(
                    number=number, value=value, label=step.label, least=least, most=MAX_STEP_SECONDS
                ),
                hint=_("at least {least} s to read and do it; at most 10 minutes a step").format(
                    least=least
                ),
            )
        index = kept.index(number)
        steps[index] = replace(steps[index], seconds=value)
    return replace(routine, steps=tuple(steps))


def _check_number(number: int, count: int, option: str) -> None:
    if not 1 <= number <= count:
        raise PrescriptionError(
            _("{option} {number}: the routine has steps 1 to {count}").format(
                option=option, number=number, count=count
            ),
            hint=_("see the numbers with: selfmassage show ROUTINE"),
        )


def _light(routine: Routine) -> Routine:
    """Light pressure (clinical.md §6): no percussion, each step's light wording."""
    routine = routine.without_percussion()
    steps = tuple(
        replace(step, instruction=step.light, light=None) if step.light else step
        for step in routine.steps
    )
    return replace(routine, steps=steps)


def _course(routine: Routine, changes: Changes) -> Course:
    course = routine.course
    sessions = course.sessions if changes.sessions is None else changes.sessions
    if not 1 <= sessions <= MAX_COURSE_SESSIONS:
        raise PrescriptionError(
            _("--sessions must be from 1 to {most}, got {sessions}").format(
                most=MAX_COURSE_SESSIONS, sessions=sessions
            ),
            hint=_("a therapeutic course is 5-15 sessions (clinical.md §5)"),
        )
    frequency = changes.frequency or course.frequency
    if not is_frequency(frequency):
        raise PrescriptionError(
            _("--frequency must be {choices}; got '{frequency}'").format(
                choices=FREQUENCY_WORDS, frequency=frequency
            )
            + did_you_mean(frequency, FREQUENCIES)
        )
    break_days = course.break_days if changes.break_days is None else changes.break_days
    if not 0 <= break_days <= MAX_BREAK_DAYS:
        raise PrescriptionError(
            _("--break-days must be from 0 to {most}, got {days}").format(
                most=MAX_BREAK_DAYS, days=break_days
            )
        )
    found = Course(sessions=sessions, frequency=frequency, break_days=break_days)
    problems = [f for f in clinical.errors(replace(routine, course=found)) if f.course]
    if problems:
        raise PrescriptionError(
            _("the course is outside what a routine allows: {problem}").format(
                problem=problems[0].message
            ),
            hint=_("a daily, every-other-day or 3-6-per-week course needs --break-days 10 or more"),
        )
    return found


def _line(text: str | None) -> str | None:
    return " ".join(text.split()) or None if text is not None else None


def _paragraphs(text: str | None) -> str | None:
    if text is None:
        return None
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return "\n".join(lines) or None


def check_pressure(pressure: str | None) -> None:
    """A ``PrescriptionError`` for a ``--pressure`` other than light or usual."""
    if pressure is not None and pressure not in PRESSURES:
        raise PrescriptionError(
            _("--pressure must be light or usual, got '{pressure}'").format(pressure=pressure)
            + did_you_mean(pressure, PRESSURES)
        )
