"""The one rule that fits a routine to the minutes a person has (``--minutes``).

``start``, ``recommend``, the daily path and ``print`` all call ``fit``; nothing else
changes a step's length. Shorter than the routine: every step shrinks in proportion,
down to the time it takes to read and do it; then optional steps are left out, last
first, never the opening or the closing stroking; shorter than that is a ``FitError``
naming the shortest time that works. Longer than the routine: every step grows in
proportion, to at most 1.5 times the routine and never past 15 minutes on one body
area (clinical.md §3, §5); longer than that is a ``FitError`` naming the longest.
Pure: whole seconds, integer arithmetic, no clock.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace

from selfmassage.errors import SelfMassageError
from selfmassage.i18n import _, current, ngettext, number, pgettext
from selfmassage.routines.model import UNTOUCHED_AREAS, Routine, Step

LEAST_STEP_SECONDS = 15  # time to find the place and begin, however short the text
READING_WORDS_PER_MINUTE = 150  # reading aloud pace: slow enough to read while doing
MAX_AREA_SECONDS = 15 * 60  # clinical.md §3, §5: at most 15 minutes on one area
# At most 1.5 times the routine's own length, as a fraction for integer arithmetic.
STRETCH_NUMERATOR, STRETCH_DENOMINATOR = 3, 2
MAX_MINUTES = 120  # a sanity bound on --minutes, checked before any question is asked


class FitError(SelfMassageError):
    """The routine cannot be fitted to the time asked for; the message names what works."""


@dataclass(frozen=True)
class Fitted:
    """A routine fitted to a time, and what was done to it.

    ``routine`` is the routine to play (its steps are the ``kept`` ones of the routine
    as given, in order, with fitted seconds); ``left_out`` are the optional steps
    dropped to make it fit.
    """

    routine: Routine
    original_seconds: int
    kept: tuple[int, ...]
    left_out: tuple[Step, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether the routine is played other than as written."""
        return self.routine.total_seconds != self.original_seconds or bool(self.left_out)

    @property
    def report(self) -> str | None:
        """One line on what was done (``shortened from 11.8 to 6 minutes: left out 2
        linking strokes``), or ``None`` when the routine is played as written."""
        if not self.changed:
            return None
        if self.left_out:
            return _("{how_long}: left out {steps}").format(
                how_long=self.how_long, steps=self.left_out_words
            )
        return self.how_long

    @property
    def how_long(self) -> str:
        """``shortened from 11.8 to 6 minutes``, ``stretched from 8.6 to 10 minutes``."""
        seconds = self.routine.total_seconds
        before, after = minutes_text(self.original_seconds), minutes_text(seconds)
        if seconds < self.original_seconds:
            return _("shortened from {before} to {after} minutes").format(
                before=before, after=after
            )
        return _("stretched from {before} to {after} minutes").format(before=before, after=after)

    @property
    def left_out_words(self) -> str:
        """``2 linking strokes``, ``gentle head tilts``: what was left out, by name."""
        return _steps_in_words(self.left_out)


def least_seconds(step: Step) -> int:
    """The shortest a step may be made: 15 s, the time to read its instruction at 150
    words a minute, and the file's own ``min_seconds``, whichever is longest."""
    reading = math.ceil(len(step.instruction.split()) * 60 / READING_WORDS_PER_MINUTE)
    return max(LEAST_STEP_SECONDS, reading, step.min_seconds or 0)


def shrink_floor(step: Step) -> int:
    """How far shortening may take a step: its minimum, or its own length if shorter
    (shortening never lengthens a step)."""
    return min(step.seconds, least_seconds(step))


def stretch_ceiling(step: Step) -> int:
    """How far stretching may take a step: 1.5 times its own length, rounded up."""
    return -(-step.seconds * STRETCH_NUMERATOR // STRETCH_DENOMINATOR)


def kept_always(routine: Routine) -> frozenset[int]:
    """The steps never left out: the opening and the closing stroking (the first and
    last ``stroking`` steps; clinical.md §3)."""
    strokes = [i for i, step in enumerate(routine.steps) if step.technique == "stroking"]
    return frozenset({strokes[0], strokes[-1]}) if strokes else frozenset()


def check_minutes(minutes: float | None) -> None:
    """A ``SelfMassageError`` for a ``--minutes`` outside 1..MAX_MINUTES."""
    if minutes is not None and not 1 <= minutes <= MAX_MINUTES:
        raise SelfMassageError(
            _("--minutes must be between 1 and {most}, got {minutes}").format(
                most=MAX_MINUTES, minutes=f"{minutes:g}"
            )
        )


def fit(routine: Routine, minutes: float | None) -> Fitted:
    """``routine`` fitted to ``minutes`` (as written when ``None``), or a ``FitError``."""
    original = routine.total_seconds
    every = tuple(range(len(routine.steps)))
    if minutes is None:
        return Fitted(routine, original, every)
    target = round(minutes * 60)
    if target == original:
        return Fitted(routine, original, every)
    if target < original:
        return _shorten(routine, target, minutes)
    return _stretch(routine, target, minutes)


def shortest_seconds(routine: Routine) -> int:
    """The shortest time ``routine`` can be fitted to: every optional step left out, the
    rest at their minimum."""
    always = kept_always(routine)
    kept = [s for i, s in enumerate(routine.steps) if not s.optional or i in always]
    if not kept:  # every step optional: the first stays, as ``_shorten`` keeps one
        kept = [routine.steps[0]]
    return sum(shrink_floor(step) for step in kept)


def longest_seconds(routine: Routine) -> int:
    """The longest time ``routine`` can be stretched to: 1.5 times its length, and no
    more than 15 minutes on any one area."""
    original = routine.total_seconds
    candidate = original * STRETCH_NUMERATOR // STRETCH_DENOMINATOR
    for seconds in area_seconds(routine).values():
        candidate = min(candidate, MAX_AREA_SECONDS * original // seconds)
    candidate = max(candidate, original)
    # Rounding to whole seconds may put an area a second or two over; step back until not.
    while candidate > original and _over_an_area(routine, candidate):
        candidate -= 1
    return candidate


def minutes_text(seconds: int) -> str:
    """Seconds as minutes to one decimal, without a trailing ``.0``: ``11.8``, ``6``
    (``11,8`` in Russian and Ukrainian)."""
    minutes = round(seconds / 60, 1)
    return number(minutes, 0 if minutes == int(minutes) else 1)


# -- inside ------------------------------------------------------------------------------


def _shorten(routine: Routine, target: int, minutes: float) -> Fitted:
    steps = routine.steps
    always = kept_always(routine)
    kept = list(range(len(steps)))
    left_out: list[int] = []
    # Optional steps go last first, and only while the rest cannot fit at their minimum.
    optional = [i for i in reversed(kept) if steps[i].optional and i not in always]
    # One step always stays: a routine of optional steps is never emptied.
    while sum(shrink_floor(steps[i]) for i in kept) > target and optional and len(kept) > 1:
        drop = optional.pop(0)
        kept.remove(drop)
        left_out.append(drop)
    if sum(shrink_floor(steps[i]) for i in kept) > target:
        shortest = shortest_seconds(routine)
        raise FitError(
            _(
                "'{id}' cannot be shortened to {minutes}: the shortest time that works is "
                "{shortest}, every step long enough to read and do"
            ).format(
                id=routine.id,
                minutes=_minutes(minutes),
                shortest=_minutes(math.ceil(shortest / 6) / 10),
            ),
            hint=_("use --minutes {n} or more").format(n=math.ceil(shortest / 60)),
        )
    rest = replace(routine, steps=tuple(steps[i] for i in kept))
    if rest.total_seconds >= target:
        durations = _shrink(list(rest.steps), target)
    elif target <= longest_seconds(rest) and not _over_an_area(rest, target):
        # Leaving out a long optional step took more than was needed: the rest stretch
        # in proportion to fill the time, within the stretching bounds.
        durations = rescale([s.seconds for s in rest.steps], target)
    else:
        with_it = sum(shrink_floor(steps[i]) for i in kept) + shrink_floor(steps[left_out[-1]])
        without = longest_seconds(rest)
        raise FitError(
            _(
                "'{id}' cannot be fitted to {minutes}: with its optional steps it needs at "
                "least {least}, without them it lasts at most {most}"
            ).format(
                id=routine.id,
                minutes=_minutes(minutes),
                least=_minutes(math.ceil(with_it / 6) / 10),
                most=_minutes(without // 6 / 10),
            ),
            hint=_("use --minutes {n} or more").format(n=math.ceil(with_it / 60)),
        )
    fitted = tuple(replace(steps[i], seconds=d) for i, d in zip(kept, durations, strict=True))
    return Fitted(
        replace(routine, steps=fitted),
        routine.total_seconds,
        tuple(kept),
        tuple(steps[i] for i in sorted(left_out)),
    )


def _shrink(steps: list[Step], target: int) -> list[int]:
    """Durations summing to ``target``, in proportion, none below its floor.

    Steps that proportion would take below their floor are held at it and the rest
    share what is left, until none is below (water-filling).
    """
    floors = [shrink_floor(step) for step in steps]
    held: dict[int, int] = {}
    while True:
        free = [i for i in range(len(steps)) if i not in held]
        left = target - sum(held.values())
        weight = sum(steps[i].seconds for i in free)
        below = [i for i in free if steps[i].seconds * left < floors[i] * weight]
        if not below:
            break
        held.update({i: floors[i] for i in below})
    shared = rescale([steps[i].seconds for i in free], left)
    result = dict(held)
    result.update(zip(free, shared, strict=True))
    return [result[i] for i in range(len(steps))]


def _stretch(routine: Routine, target: int, minutes: float) -> Fitted:
    longest = longest_seconds(routine)
    if target > longest or _over_an_area(routine, target):
        most = longest // 60
        raise FitError(
            _(
                "'{id}' cannot be stretched to {minutes}: the longest time that works is "
                "{longest} (at most 1.5 times the routine and 15 minutes on one area)"
            ).format(id=routine.id, minutes=_minutes(minutes), longest=_minutes(longest // 6 / 10)),
            hint=_("use --minutes {n} or less").format(n=most)
            if most * 60 >= routine.total_seconds
            else _("leave out --minutes to do it as written"),
        )
    durations = rescale([s.seconds for s in routine.steps], target)
    steps = tuple(replace(s, seconds=d) for s, d in zip(routine.steps, durations, strict=True))
    return Fitted(replace(routine, steps=steps), routine.total_seconds, tuple(range(len(steps))))


def _area_seconds(steps: tuple[Step, ...], durations: list[int]) -> dict[str, int]:
    """Seconds on each touched body area (a step on two areas counts for both)."""
    totals: Counter[str] = Counter()
    for step, seconds in zip(steps, durations, strict=True):
        for area in step.areas:
            if area not in UNTOUCHED_AREAS:
                totals[area] += seconds
    return dict(totals)


def area_seconds(routine: Routine) -> dict[str, int]:
    """Seconds the routine spends on each touched body area."""
    return _area_seconds(routine.steps, [s.seconds for s in routine.steps])


def _over_an_area(routine: Routine, total: int) -> bool:
    durations = rescale([s.seconds for s in routine.steps], total)
    return any(s > MAX_AREA_SECONDS for s in _area_seconds(routine.steps, durations).values())


def _minutes(minutes: float) -> str:
    """``1 minute``, ``4.5 minutes``; in Russian ``1 минута``, ``4,5 минуты``."""
    if minutes == int(minutes):
        return ngettext("{n} minute", "{n} minutes", int(minutes)).format(n=int(minutes))
    return pgettext("a fraction of minutes", "{n} minutes").format(n=number(minutes))


def _steps_in_words(steps: tuple[Step, ...]) -> str:
    """``2 linking strokes``, ``fingertip typing``: what was left out, by name."""
    counts = Counter(step.label.lower() for step in steps)
    parts = []
    for label, count in counts.items():
        if count == 1:
            parts.append(label)
        elif label.endswith("stroke") and current() == "en":
            parts.append(f"{count} {label}s")
        else:
            parts.append(
                ngettext("{label} ({n} step)", "{label} ({n} steps)", count).format(
                    label=label, n=count
                )
            )
    if len(parts) > 1:
        return _("{items} and {last}").format(items=", ".join(parts[:-1]), last=parts[-1])
    return parts[0]


def rescale(durations: list[int], total: int) -> list[int]:
    """Scale ``durations`` in proportion to sum to ``total``, in whole seconds.

    Largest-remainder rounding keeps the sum exact; every step keeps at least 1 s.
    The arithmetic under ``fit``, which alone decides the bounds.
    """
    if total < len(durations):
        raise ValueError(f"{total} s is too short for {len(durations)} steps")
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
