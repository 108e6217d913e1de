"""What is announced when, in plain lines and by the voice: sparse, whole sentences.

A step is announced as it starts (technique, place, instruction); inside it only
two marks are worth a word: half-way (in long steps) and ten seconds left. Never
a line per second: a screen reader reads every line, and a voice that talks all
the time is noise. Pure functions of the routine and the ``View``; no output here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from selfmassage.i18n import N_, _, pgettext, pgettext_noop
from selfmassage.routines import body

if TYPE_CHECKING:
    from selfmassage.routines.model import Routine, Step
    from selfmassage.session.state import View

Mark = Literal["halfway", "ten_left"]
TEN_LEFT = 10  # seconds before a step's end
HALFWAY_FROM = 40  # steps at least this long get a half-way mark
TEN_LEFT_FROM = 25  # steps at least this long get a ten-seconds mark
# Module constants are the English source; ``_()`` where they are shown.
LIGHT_PRESSURE = N_("light pressure, no tapping")
# clinical.md §6: shown before every session, whatever the routine's own preparation says.
# Each rule with the words that show the routine's preparation already says it, in the
# routine's language (a translated preparation says "переднюю поверхность шеи").
ALWAYS_BEFORE = (
    (
        pgettext_noop("found in a routine's preparation", "front of the neck"),
        N_("never massage the front of the neck"),
    ),
    (
        pgettext_noop("found in a routine's preparation", "after a meal"),
        N_("wait 1.5–2 hours after a meal"),
    ),
)


def step_marks(seconds: int) -> tuple[tuple[float, Mark], ...]:
    """The marks of a step ``seconds`` long, as (active seconds into the step, mark)."""
    marks: list[tuple[float, Mark]] = []
    if seconds >= HALFWAY_FROM:
        marks.append((seconds / 2, "halfway"))
    if seconds >= TEN_LEFT_FROM:
        marks.append((float(seconds - TEN_LEFT), "ten_left"))
    return tuple(marks)


class Cues:
    """The marks of the running step that have passed; each is announced once a visit."""

    def __init__(self) -> None:
        self._said: set[Mark] = set()

    def restart(self) -> None:
        """A step (or the same step again, after ``back``) has begun."""
        self._said = set()

    def due(self, view: View) -> list[Mark]:
        """Marks reached since the last call, in order; nothing during get-ready or a pause."""
        if view.phase != "step" or view.paused:
            return []
        due: list[Mark] = []
        for at, mark in step_marks(view.step.seconds):
            if view.step_elapsed + 1e-6 >= at and mark not in self._said:
                self._said.add(mark)
                due.append(mark)
        return due

    def until_next(self, view: View) -> float | None:
        """Active seconds until the next mark of this step not yet said; ``None`` if none."""
        if view.phase != "step":
            return None
        ahead = [
            at - view.step_elapsed
            for at, mark in step_marks(view.step.seconds)
            if mark not in self._said
        ]
        return max(0.0, min(ahead)) if ahead else None


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (up to the first full stop, question or exclamation mark)."""
    match = re.match(r"\s*(.+?[.!?])(\s|$)", text, flags=re.DOTALL)
    sentence = match.group(1) if match else text.strip()
    return " ".join(sentence.split())


def switches_sides(routine: Routine, index: int) -> bool:
    """True when step ``index`` is the step before it done on the other side."""
    if index == 0:
        return False
    step, before = routine.steps[index], routine.steps[index - 1]
    return (
        {step.side, before.side} == {"left", "right"}
        and step.area == before.area
        and step.label == before.label
    )


def working(step: Step) -> str:
    """The body picture as a sentence: ``working: the left side of the lower back``."""
    return _("working: {place}").format(place=body.describe(step.area, step.side))


def preparation(routine: Routine) -> list[str]:
    """What to do before the session starts: the routine's preparation, and what §6 always says.

    The routine is in the run's language (``ctx.routine``), so its preparation is searched
    for the rules' words in that language (and in English, for a routine not translated).
    """
    lines: list[str] = []
    text = routine.preparation or ""
    if text:
        lines.append(_("Before you start: {text}").format(text=" ".join(text.split())))
    said = text.lower()
    # An untranslated (user's) routine says it in English: either language counts.
    missing = [
        _(rule)
        for key, rule in ALWAYS_BEFORE
        if key[1] not in said and pgettext(*key).lower() not in said
    ]
    if missing:
        rules = "; ".join(missing)
        if text:
            lines.append(_("Always: {rules}.").format(rules=rules))
        else:
            lines.append(_("Before you start: {text}").format(text=f"{rules}."))
    return lines
