"""The one rule that fits a routine to a time (routines.fit): examples, then properties
over the bundled routines and generated ones."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfmassage import paths
from selfmassage.errors import ExitCode, SelfMassageError
from selfmassage.routines.catalog import load_routine_file
from selfmassage.routines.fit import (
    FitError,
    Fitted,
    check_minutes,
    fit,
    kept_always,
    least_seconds,
    longest_seconds,
    rescale,
    shortest_seconds,
    shrink_floor,
)
from selfmassage.routines.model import AREAS, Course, Routine, Step
from selfmassage.session.state import Session
from sessionkit import FakeClock

BUNDLED = ("collar", "lumbar", "relaxation")
SHORT_TEXT = "Stroke the back of the neck."  # 6 words: read in 3 s, so 15 s is the floor


def bundled(routine_id: str) -> Routine:
    return load_routine_file(paths.bundled_routines_dir() / f"{routine_id}.toml", "bundled")


def step(
    seconds: int,
    technique: str = "kneading",
    *,
    optional: bool = False,
    area: str = "neck-shoulders",
    instruction: str = SHORT_TEXT,
    name: str | None = None,
    min_seconds: int | None = None,
) -> Step:
    return Step(
        technique=technique,
        area=area,
        seconds=seconds,
        instruction=instruction,
        optional=optional,
        name=name,
        min_seconds=min_seconds,
    )


def routine(*steps: Step) -> Routine:
    return Routine(
        id="r",
        title="R",
        description="D",
        area="a",
        position="sitting",
        indications=(),
        course=Course(sessions=10, frequency="daily", break_days=10),
        steps=steps,
    )


def linking(seconds: int = 30) -> Step:
    return step(seconds, "stroking", optional=True, name="Linking stroke")


# A routine of the classical shape: opening stroking, two kneadings with a linking
# stroke between, closing stroking. 300 s in all.
SHAPED = routine(
    step(60, "stroking", name="Opening stroking"),
    step(90),
    linking(),
    step(60),
    step(60, "stroking", name="Closing stroking"),
)


# -- a step's minimum ---------------------------------------------------------------------


def test_a_step_takes_at_least_15_seconds() -> None:
    assert least_seconds(step(60)) == 15


def test_a_long_instruction_takes_the_time_to_read_it_at_150_words_a_minute() -> None:
    assert least_seconds(step(60, instruction=" ".join(["word"] * 100))) == 40


def test_a_file_may_raise_a_steps_minimum() -> None:
    assert least_seconds(step(60, min_seconds=45)) == 45


def test_a_files_minimum_never_goes_below_the_reading_time() -> None:
    assert least_seconds(step(60, min_seconds=5)) == 15


# -- shortening ---------------------------------------------------------------------------


def test_without_minutes_the_routine_is_played_as_written() -> None:
    fitted = fit(SHAPED, None)
    assert fitted.routine is SHAPED
    assert fitted.report is None


def test_the_routines_own_length_changes_nothing() -> None:
    fitted = fit(SHAPED, 5)
    assert fitted.routine is SHAPED
    assert not fitted.changed


def test_shortening_scales_every_step_in_proportion() -> None:
    fitted = fit(SHAPED, 4)
    assert [s.seconds for s in fitted.routine.steps] == [48, 72, 24, 48, 48]
    assert fitted.report == "shortened from 5 to 4 minutes"


def test_shortening_holds_a_step_at_its_minimum_and_shares_the_rest() -> None:
    fitted = fit(routine(step(20, "stroking"), step(280), step(60, "stroking")), 3)
    # In proportion the first step would get 10 s; it keeps 15 s and the others share 165.
    assert [s.seconds for s in fitted.routine.steps] == [15, 136, 29]


def test_shortening_never_lengthens_a_step_written_shorter_than_its_minimum() -> None:
    fitted = fit(routine(step(10, "stroking"), step(290), step(60, "stroking")), 3)
    assert fitted.routine.steps[0].seconds == 10


def test_optional_steps_are_left_out_only_when_the_minimums_do_not_fit() -> None:
    # Minimums: 15 each, 75 in all; 75 s fits without leaving anything out.
    assert fit(SHAPED, 1.25).left_out == ()


def test_optional_steps_are_left_out_last_first() -> None:
    first, last = linking(), replace(linking(), name="Last link")
    shape = routine(step(60, "stroking"), first, step(60), last, step(60, "stroking"))
    fitted = fit(shape, 1)  # 60 s: the three kept steps at 15 s leave room for one link
    assert fitted.left_out == (last,)
    assert [s.name for s in fitted.routine.steps] == [None, "Linking stroke", None, None]
    assert fitted.kept == (0, 1, 2, 4)


def test_the_report_names_what_was_left_out() -> None:
    shape = routine(step(200, "stroking"), linking(), step(200), linking(), step(200, "stroking"))
    fitted = fit(shape, 0.75)
    assert fitted.report == "shortened from 11 to 0.8 minutes: left out 2 linking strokes"


def test_the_report_names_different_steps_left_out_in_one_sentence() -> None:
    extra = step(100, "stretching", optional=True, name="Gentle head tilts")
    shape = routine(step(200, "stroking"), linking(100), step(200, "stroking"), extra)
    fitted = fit(shape, 0.5)
    assert fitted.report == (
        "shortened from 10 to 0.5 minutes: left out linking stroke and gentle head tilts"
    )


def test_the_opening_and_closing_stroking_are_never_left_out() -> None:
    shape = routine(
        step(60, "stroking", optional=True), step(60), step(60, "stroking", optional=True)
    )
    assert kept_always(shape) == {0, 2}
    assert shortest_seconds(shape) == 45


def test_too_short_names_the_shortest_time_that_works() -> None:
    with pytest.raises(FitError) as caught:
        fit(SHAPED, 0.9)
    assert caught.value.message == (
        "'r' cannot be shortened to 0.9 minutes: the shortest time that works is 1 minute, "
        "every step long enough to read and do"
    )
    assert caught.value.hint == "use --minutes 1 or more"
    assert caught.value.exit_code == ExitCode.BAD_INPUT


def test_too_short_for_a_bundled_routine() -> None:
    with pytest.raises(FitError) as caught:
        fit(bundled("collar"), 2)
    assert caught.value.message.startswith(
        "'collar' cannot be shortened to 2 minutes: the shortest time that works is "
    )
    assert caught.value.hint == "use --minutes 3 or more"


# -- stretching ---------------------------------------------------------------------------


def test_stretching_scales_every_step_in_proportion() -> None:
    fitted = fit(SHAPED, 6)
    assert [s.seconds for s in fitted.routine.steps] == [72, 108, 36, 72, 72]
    assert fitted.report == "stretched from 5 to 6 minutes"


def test_stretching_goes_to_one_and_a_half_times_the_routine() -> None:
    assert fit(SHAPED, 7.5).routine.total_seconds == 450
    with pytest.raises(FitError) as caught:
        fit(SHAPED, 8)
    assert caught.value.message == (
        "'r' cannot be stretched to 8 minutes: the longest time that works is 7.5 minutes "
        "(at most 1.5 times the routine and 15 minutes on one area)"
    )
    assert caught.value.hint == "use --minutes 7 or less"


def test_stretching_never_puts_more_than_15_minutes_on_one_area() -> None:
    # 600 s on the neck and 120 s on the hands: the neck reaches 900 s at 1.5 x.
    shape = routine(step(600, "stroking"), step(120, area="hands"))
    assert longest_seconds(shape) == 1080
    shape = routine(step(700, "stroking"), step(20, area="hands"))
    assert longest_seconds(shape) == 925  # 900 s on the neck


def test_the_collar_routine_stretches_to_15_minutes_and_no_further() -> None:
    assert fit(bundled("collar"), 15).routine.total_seconds == 900
    with pytest.raises(FitError) as caught:
        fit(bundled("collar"), 120)
    assert "the longest time that works is 15 minutes" in caught.value.message


def test_minutes_outside_1_to_120_are_refused() -> None:
    for minutes in (0, -5, 121):
        with pytest.raises(SelfMassageError) as caught:
            check_minutes(minutes)
        assert caught.value.message == f"--minutes must be between 1 and 120, got {minutes}"


def test_a_fitted_routine_plays_for_exactly_its_minutes() -> None:
    clock = FakeClock()
    session = Session(fit(SHAPED, 4).routine, clock, ready_seconds=0)
    session.start()
    clock.advance(240)
    session.tick()
    assert session.finished
    assert session.actual_seconds == 240


# -- properties ---------------------------------------------------------------------------


def check_fitted(original: Routine, fitted: Fitted, target: int) -> None:
    """Everything the rule promises for a fit that succeeded."""
    assert fitted.routine.total_seconds == target
    assert fitted.original_seconds == original.total_seconds
    kept = [original.steps[i] for i in fitted.kept]
    assert [replace(s, seconds=0) for s in kept] == [
        replace(s, seconds=0) for s in fitted.routine.steps
    ]
    assert kept_always(original) <= set(fitted.kept)
    dropped = [s for i, s in enumerate(original.steps) if i not in fitted.kept]
    assert dropped == list(fitted.left_out)
    assert all(s.optional for s in dropped)
    for before, after in zip(kept, fitted.routine.steps, strict=True):
        if target <= original.total_seconds:
            # Up to its own length; further only when a long optional step was left out
            # and the rest fill the time within the stretching bounds.
            most = -(-before.seconds * 3 // 2) if dropped else before.seconds
            assert min(before.seconds, least_seconds(before)) <= after.seconds <= most
        else:
            assert before.seconds <= after.seconds <= -(-before.seconds * 3 // 2)
    if target > original.total_seconds:
        assert 2 * target <= 3 * original.total_seconds
    if fitted.routine.total_seconds > sum(s.seconds for s in kept):  # stretched
        for area in AREAS:
            if area != "whole-body":
                on_area = sum(s.seconds for s in fitted.routine.steps if area in s.areas)
                assert on_area <= 900


def fits_or_says_why(original: Routine, target: int) -> None:
    try:
        fitted = fit(original, target / 60)
    except FitError as error:
        if target < original.total_seconds:
            if target < shortest_seconds(original):
                assert "the shortest time that works is" in error.message
            else:  # a gap: too long with an optional step, too short without it
                assert "with its optional steps it needs at least" in error.message
        else:
            assert target > longest_seconds(original)
            assert "the longest time that works is" in error.message
        return
    check_fitted(original, fitted, target)
    assert fitted.routine.steps  # never emptied
    if fitted.left_out:  # nothing is left out that could have stayed: the last one
        kept = [original.steps[i] for i in fitted.kept]  # left out is the earliest
        assert target < sum(map(shrink_floor, kept)) + shrink_floor(fitted.left_out[0])


@pytest.mark.parametrize("routine_id", BUNDLED)
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.integers(min_value=1, max_value=2400))
def test_every_bundled_routine_fits_or_says_why(routine_id: str, target: int) -> None:
    fits_or_says_why(bundled(routine_id), target)


@pytest.mark.parametrize("routine_id", BUNDLED)
def test_every_bundled_routine_fits_from_its_shortest_to_its_longest(routine_id: str) -> None:
    original = bundled(routine_id)
    for target in (shortest_seconds(original), longest_seconds(original)):
        check_fitted(original, fit(original, target / 60), target)


generated_steps = st.builds(
    step,
    st.integers(min_value=1, max_value=600),
    st.sampled_from(["stroking", "rubbing", "kneading", "pressure"]),
    optional=st.booleans(),
    area=st.sampled_from(["neck-shoulders", "lower-back", "hands", "head-face"]),
    instruction=st.integers(min_value=1, max_value=120).map(lambda n: " ".join(["w"] * n)),
    min_seconds=st.none() | st.integers(min_value=1, max_value=120),
)


@settings(max_examples=300)
@given(steps=st.lists(generated_steps, min_size=1, max_size=14), data=st.data())
def test_generated_routines_fit_or_say_why(steps: list[Step], data: st.DataObject) -> None:
    original = routine(*steps)
    total = original.total_seconds
    target = data.draw(st.integers(min_value=1, max_value=2 * total + 60), label="target")
    fits_or_says_why(original, target)


# -- rescale -----------------------------------------------------------------------------


def test_rescale_to_the_same_total_changes_nothing() -> None:
    assert rescale([1, 99], 100) == [1, 99]


def test_rescale_doubles_in_proportion() -> None:
    assert rescale([90, 30, 60], 360) == [180, 60, 120]


def test_rescale_gives_leftover_seconds_to_the_largest_remainders() -> None:
    # Shares 33.3, 66.6, 100: the one second left over goes to the .6 remainder.
    assert rescale([10, 20, 30], 200) == [33, 67, 100]


def test_rescale_breaks_equal_remainders_by_order() -> None:
    assert rescale([1, 1, 1], 10) == [4, 3, 3]


def test_rescale_keeps_every_step_at_least_one_second() -> None:
    assert rescale([1, 1000], 3) == [1, 2]


def test_rescale_to_one_second_per_step() -> None:
    assert rescale([5, 600, 30], 3) == [1, 1, 1]


def test_rescale_refuses_fewer_seconds_than_steps() -> None:
    with pytest.raises(ValueError, match="2 s is too short for 3 steps"):
        rescale([60, 60, 60], 2)


def test_rescale_of_no_steps() -> None:
    assert rescale([], 0) == []


@given(
    st.lists(st.integers(min_value=1, max_value=3600), min_size=1, max_size=30),
    st.integers(min_value=0, max_value=20000),
)
def test_rescale_sums_exactly_and_keeps_every_step(durations: list[int], extra: int) -> None:
    total = len(durations) + extra
    result = rescale(durations, total)
    assert sum(result) == total
    assert len(result) == len(durations)
    assert min(result) >= 1


@given(st.lists(st.integers(min_value=1, max_value=3600), min_size=1, max_size=30))
def test_rescale_to_its_own_total_is_the_identity(durations: list[int]) -> None:
    assert rescale(durations, sum(durations)) == durations
