"""Whatever text a user feeds the loader, it loads or raises the project's own error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routine_text import VALID
from selfmassage.errors import InvalidFile
from selfmassage.routines.catalog import COURSE_KEYS, STEP_KEYS, TOP_KEYS, parse_routine
from selfmassage.routines.model import AREAS, FREQUENCIES, POSITIONS, SIDES, TECHNIQUES, Routine

PATH = Path("r.toml")


def loads_or_refuses(text: str) -> Routine | None:
    try:
        return parse_routine(text, PATH)
    except InvalidFile as exc:
        assert exc.problems
        assert all(p.startswith("r.toml") for p in exc.problems)
        return None


@given(st.text())
def test_any_text_loads_or_is_refused(text: str) -> None:
    loads_or_refuses(text)


@given(st.text(alphabet="[]=.\"'\n #abcdeistx0123456789-_{},tf", max_size=200))
def test_toml_looking_text_loads_or_is_refused(text: str) -> None:
    loads_or_refuses(text)


@given(st.integers(min_value=0, max_value=len(VALID)), st.text(max_size=20))
def test_a_valid_file_with_text_inserted_loads_or_is_refused(at: int, noise: str) -> None:
    loads_or_refuses(VALID[:at] + noise + VALID[at:])


# Structured files: a well-formed routine, then a few mutations (a key set to any
# TOML value, dropped, or an unknown key added) at the top, in [course] or in a
# step, so the checks deep inside steps and the course are reached, not only the parser.
scalars = st.one_of(
    st.text(max_size=10),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
    st.dates(),
)
anything = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
words = st.text(min_size=1, max_size=12).filter(str.strip)
good_step = st.fixed_dictionaries(
    {
        "technique": st.sampled_from(TECHNIQUES),
        "area": st.sampled_from(list(AREAS)),
        "seconds": st.integers(min_value=1, max_value=3600),
        "instruction": words,
    },
    optional={
        "side": st.sampled_from(SIDES),
        "name": words,
        "tempo": st.integers(min_value=1, max_value=240),
        "cue": words,
        "caution": words,
    },
)
good_routine = st.fixed_dictionaries(
    {
        "id": st.from_regex(r"[a-z0-9][a-z0-9-]{0,39}", fullmatch=True),
        "title": words,
        "description": words,
        "area": words,
        "position": st.sampled_from(POSITIONS),
        "indications": st.lists(words, max_size=3),
        "course": st.fixed_dictionaries(
            {
                "sessions": st.integers(min_value=1, max_value=100),
                "frequency": st.sampled_from(FREQUENCIES),
                "break_days": st.integers(min_value=0, max_value=365),
            }
        ),
        "steps": st.lists(good_step, min_size=1, max_size=4),
    },
    optional={"preparation": words},
)
mutation = st.tuples(
    st.sampled_from(["top", "course", "step"]),
    st.integers(min_value=0, max_value=3),
    st.sampled_from([*TOP_KEYS, *COURSE_KEYS, *STEP_KEYS, "extra"]),
    st.one_of(st.none(), anything),  # None: drop the key
)


def mutate(data: dict[str, Any], mutations: list[tuple[str, int, str, Any]]) -> dict[str, Any]:
    for where, index, key, value in mutations:
        target: Any = data
        if where == "course":
            target = data.get("course")
        elif where == "step":
            steps = data.get("steps")
            target = steps[index % len(steps)] if isinstance(steps, list) and steps else None
        if not isinstance(target, dict):
            continue
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value
    return data


routine_files = st.builds(mutate, good_routine, st.lists(mutation, max_size=3))


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300)
@given(routine_files)
def test_any_structured_file_loads_or_is_refused(data: dict[str, Any]) -> None:
    routine = loads_or_refuses(tomli_w.dumps(data))
    if routine is not None:
        assert routine.steps
        assert all(s.seconds >= 1 for s in routine.steps)


def refusals(data: dict[str, Any]) -> list[str]:
    try:
        parse_routine(tomli_w.dumps(data), PATH)
    except InvalidFile as exc:
        return exc.problems
    return []


def test_the_structured_files_reach_valid_routines_and_problems_inside_steps() -> None:
    # Guards the strategy: it must reach both outcomes, not only ever refuse.
    outcomes: list[list[str]] = []

    @settings(max_examples=200, database=None, derandomize=True)
    @given(routine_files)
    def collect(data: dict[str, Any]) -> None:
        outcomes.append(refusals(data))

    collect()
    assert any(not problems for problems in outcomes)
    assert any(": step " in p for problems in outcomes for p in problems)
