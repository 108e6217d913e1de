"""The clinical checks of a routine file: what it may not ask of a body, and what it
should do in the classical way.

Errors (clinical.md §5, §6) make a file invalid wherever it is read, so a routine that
breaks them is never played: anything on the front of the neck, percussion on the
neck or over the kidneys, more than 15 minutes on one area, more than 15 sessions in a
course, a break under 10 days after a daily or every-other-day course, ``whole-body``
on a step that presses or rubs (§1c).
Warnings (§3) are printed by ``routines validate`` and ``install`` and change
nothing: techniques out of the classical order, no closing stroking.

The text checks read the instruction clause by clause and skip a clause that says
where *not* to go ("never the front of the neck", "well away from the kidneys").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selfmassage.i18n import _, minutes_text, ngettext
from selfmassage.routines.fit import MAX_AREA_SECONDS, area_seconds, kept_always
from selfmassage.routines.model import (
    STILL_TECHNIQUES,
    UNTOUCHED_AREAS,
    Course,
    Routine,
    Step,
    per_week,
)

MAX_COURSE_SESSIONS = 15  # §5: a therapeutic course is 5-15 sessions
LEAST_BREAK_DAYS = 10  # §5: a break of at least 10 days before repeating a course
PREVENTION_PER_WEEK = 2  # §5: prevention is 1-2 times a week, and needs no break

# The classical order (§3): stroking opens, links and closes; then rubbing, kneading
# (steady pressure is kneading's held form), percussion. Breathing, stretching and rest
# sit outside the order.
STAGES = {"rubbing": 1, "kneading": 2, "pressure": 2, "vibration": 3, "tapping": 3}
OUTSIDE_THE_ORDER = frozenset({"breathing", "stretching", "rest"})

FRONT_OF_NECK = re.compile(r"\b(front of (the |your )?neck|throat|windpipe|larynx|adam's apple)")
KIDNEYS = re.compile(r"\b(kidneys?|lower ribs)\b")
AWAY = re.compile(r"\b(never|not|no|avoid|away from|off|without|stay clear)\b")
CLAUSE = re.compile(r"[.;:,!?]|\bthen\b|\bbut\b")


@dataclass(frozen=True)
class Finding:
    """One clinical problem: the message, and where in the file (a step's 0-based index
    and key, or the ``[course]`` key; ``None`` for the routine as a whole)."""

    message: str
    step: int | None = None
    key: str | None = None
    course: bool = False


def errors(routine: Routine) -> list[Finding]:
    """What makes the routine unsafe to play as written (clinical.md §1c, §5, §6)."""
    found: list[Finding] = []
    for index, step in enumerate(routine.steps):
        found += _step_errors(index, step)
    for area, seconds in area_seconds(routine).items():
        if seconds > MAX_AREA_SECONDS:
            spent = _("{minutes} min {seconds} s").format(
                minutes=seconds // 60, seconds=seconds % 60
            )
            found.append(
                Finding(
                    _(
                        "{time} on '{area}' by the end: at most {most} on one area in a session"
                    ).format(time=spent, area=area, most=minutes_text(MAX_AREA_SECONDS // 60)),
                    step=_step_past_the_limit(routine, area),
                    key="seconds",
                )
            )
    found += _course_errors(routine.course)
    for index in sorted(kept_always(routine)):
        if routine.steps[index].optional:
            found.append(
                Finding(
                    _("the opening and closing stroking are never left out: remove '{key}'").format(
                        key="optional"
                    ),
                    step=index,
                    key="optional",
                )
            )
    return found


def warnings(routine: Routine) -> list[str]:
    """What departs from the classical order (clinical.md §3); the routine still plays."""
    found = []
    stage, stage_step = 0, 0
    for number, step in enumerate(routine.steps, start=1):
        here = STAGES.get(step.technique)
        if here is None:
            continue
        if here < stage:
            found.append(
                _(
                    "step {number}: {technique} after {earlier} (step {earlier_number}): the "
                    "classical order is stroking, rubbing, kneading, vibration or tapping, "
                    "then a closing stroking"
                ).format(
                    number=number,
                    technique=step.technique,
                    earlier=routine.steps[stage_step - 1].technique,
                    earlier_number=stage_step,
                )
            )
        elif here > stage:
            stage, stage_step = here, number
    worked = [s for s in routine.steps if s.technique not in OUTSIDE_THE_ORDER]
    if not worked or worked[-1].technique != "stroking":
        found.append(
            _("no closing stroking: end the massage with a light stroking before the rest")
        )
    return found


def _step_errors(index: int, step: Step) -> list[Finding]:
    found = []
    if step.technique not in STILL_TECHNIQUES and set(step.areas) & UNTOUCHED_AREAS:
        found.append(
            Finding(
                _(
                    "'{area}' is only for breathing and rest; name the area a {technique} step "
                    "works on"
                ).format(area="whole-body", technique=step.technique),
                step=index,
                key="area",
            )
        )
    if _says(step.instruction, FRONT_OF_NECK):
        found.append(
            Finding(
                _(
                    "the instruction works on the front of the neck (arteries, thyroid, "
                    "larynx): only the back and sides"
                ),
                step=index,
                key="instruction",
            )
        )
    if step.technique == "tapping" and "neck-shoulders" in step.areas:
        found.append(
            Finding(
                _(
                    "no tapping on the neck: use light fingertip '{vibration}' on the "
                    "shoulders, or stroking"
                ).format(vibration="vibration"),
                step=index,
                key="technique",
            )
        )
    if step.technique in ("tapping", "vibration") and _says(step.instruction, KIDNEYS):
        found.append(
            Finding(
                _("no {technique} over the kidneys or the lower ribs").format(
                    technique=step.technique
                ),
                step=index,
                key="instruction",
            )
        )
    return found


def _step_past_the_limit(routine: Routine, area: str) -> int:
    """The step at which the time on ``area`` first passes 15 minutes."""
    total = 0
    for index, step in enumerate(routine.steps):
        total += step.seconds if area in step.areas else 0
        if total > MAX_AREA_SECONDS:
            return index
    return len(routine.steps) - 1


def _course_errors(course: Course) -> list[Finding]:
    found = []
    if course.sessions > MAX_COURSE_SESSIONS:
        found.append(
            Finding(
                ngettext(
                    "a course of {n} session: at most {most}",
                    "a course of {n} sessions: at most {most}",
                    course.sessions,
                ).format(n=course.sessions, most=MAX_COURSE_SESSIONS),
                key="sessions",
                course=True,
            )
        )
    # The break closes a therapeutic course (daily, every other day, 3 or more times a
    # week); weekly or twice a week is §5's prevention, which goes on without one.
    times = per_week(course.frequency)
    prevention = times is not None and times <= PREVENTION_PER_WEEK
    if not prevention and course.break_days < LEAST_BREAK_DAYS:
        found.append(
            Finding(
                ngettext(
                    "a break of {n} day after the course: at least {least}",
                    "a break of {n} days after the course: at least {least}",
                    course.break_days,
                ).format(n=course.break_days, least=LEAST_BREAK_DAYS),
                key="break_days",
                course=True,
            )
        )
    return found


def _says(text: str, place: re.Pattern[str]) -> bool:
    """Whether a clause of ``text`` names ``place`` without saying to keep away from it."""
    return any(
        place.search(clause) and not AWAY.search(clause) for clause in CLAUSE.split(text.lower())
    )
