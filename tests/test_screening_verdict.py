"""The verdict of a set of answers, and the recommendation that follows from it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfmassage.errors import ExitCode, SessionRefused
from selfmassage.routines.catalog import Catalog, load_catalog
from selfmassage.screening.complaints import Complaint
from selfmassage.screening.questions import load_questionnaire
from selfmassage.screening.recommend import recommend
from selfmassage.screening.verdict import Verdict, evaluate

QUESTIONS = load_questionnaire()
CATALOG = load_catalog()
IDS = [q.id for q in QUESTIONS]
TIER_OF = {q.id: q.tier for q in QUESTIONS}


def verdict_for(*yes: str) -> Verdict:
    return evaluate({qid: qid in yes for qid in IDS}, QUESTIONS, CATALOG)


def test_no_yes_is_clear_and_allows_every_routine() -> None:
    verdict = verdict_for()
    assert verdict.verdict == "clear"
    assert verdict.allowed == ("collar", "lumbar", "relaxation")
    assert verdict.excluded == {}
    assert verdict.reasons == ()


def test_an_urgent_yes_allows_nothing_and_says_get_help_now() -> None:
    verdict = verdict_for("back-saddle-numbness")
    assert verdict.verdict == "urgent"
    assert verdict.allowed == ()
    assert verdict.advice == (
        "Get medical help now: go to an emergency department or call your local emergency number.",
    )
    assert verdict.excluded["relaxation"] == (
        "no session today: you answered yes to 'back-saddle-numbness', a red flag"
    )


def test_a_stop_yes_allows_nothing_until_a_doctor_clears_it() -> None:
    verdict = verdict_for("clotting")
    assert verdict.verdict == "stop"
    assert verdict.allowed == ()
    assert verdict.reasons == (
        "clotting: Do you have a blood clot now (such as in a leg vein), a bleeding or "
        "clotting disorder, or do you take blood thinners such as aspirin, clopidogrel, "
        "warfarin, apixaban or rivaroxaban? — yes",
    )


def test_a_rash_on_the_neck_excludes_collar_and_relaxation_but_not_lumbar() -> None:
    verdict = verdict_for("skin-neck-shoulders")
    assert verdict.verdict == "local"
    assert verdict.allowed == ("lumbar",)
    assert verdict.excluded["collar"] == (
        "it works on the neck and shoulders, and you answered yes to 'skin-neck-shoulders'"
    )
    assert set(verdict.excluded) == {"collar", "relaxation"}


def test_a_wound_on_the_lower_back_excludes_only_lumbar() -> None:
    verdict = verdict_for("skin-lower-back")
    assert verdict.allowed == ("collar", "relaxation")


def test_a_problem_on_the_upper_back_excludes_no_bundled_routine() -> None:
    verdict = verdict_for("injury-upper-back")
    assert verdict.verdict == "local"
    assert verdict.allowed == ("collar", "lumbar", "relaxation")


def test_a_caution_yes_allows_every_routine_with_care() -> None:
    verdict = verdict_for("diabetes")
    assert verdict.verdict == "caution"
    assert verdict.caution
    assert verdict.allowed == ("collar", "lumbar", "relaxation")


def test_pregnancy_leaves_out_the_lumbar_routine_by_its_area() -> None:
    verdict = verdict_for("pregnancy")
    assert verdict.verdict == "caution"
    assert verdict.excluded == {
        "lumbar": "it works on the lower back, and you answered yes to 'pregnancy'"
    }


def test_the_most_severe_tier_wins_and_caution_still_applies_under_local() -> None:
    verdict = verdict_for("diabetes", "skin-hands")
    assert verdict.verdict == "local"
    assert verdict.caution
    assert verdict_for("diabetes", "skin-hands", "fever").verdict == "stop"
    assert verdict_for("fever", "chest-pain").verdict == "urgent"


def test_reasons_list_the_most_severe_answer_first() -> None:
    verdict = verdict_for("diabetes", "chest-pain")
    assert [r.split(":")[0] for r in verdict.reasons] == ["chest-pain", "diabetes"]


# -- recommend ---------------------------------------------------------------------------


def test_each_complaint_gets_its_own_routine_when_clear() -> None:
    picks = {c.value: recommend(c, None, verdict_for(), CATALOG).routine.id for c in Complaint}
    assert picks == {
        "neck": "collar",
        "lower-back": "lumbar",
        "tension": "collar",
        "sleep": "relaxation",
        "fatigue": "relaxation",
    }


def test_the_reason_says_what_the_routine_is_for() -> None:
    choice = recommend("lower-back", None, verdict_for(), CATALOG)
    assert choice.reason == (
        "Lower back (lumbar) is made for lower-back pain from sitting or static load."
    )
    assert choice.alternatives == ("relaxation", "collar")


def test_an_excluded_complaint_routine_gets_the_best_allowed_alternative_and_says_why() -> None:
    choice = recommend("neck", None, verdict_for("injury-lower-back", "skin-hands"), CATALOG)
    assert choice.routine.id == "collar"
    choice = recommend("neck", None, verdict_for("skin-neck-shoulders"), CATALOG)
    assert choice.routine.id == "lumbar"
    assert choice.reason.startswith(
        "Collar zone is left out today (it works on the neck and shoulders, and you answered "
        "yes to 'skin-neck-shoulders'); Lower back (lumbar) is still allowed"
    )


def test_the_second_routine_for_a_complaint_is_preferred_over_an_unrelated_one() -> None:
    choice = recommend("fatigue", None, verdict_for("skin-hands"), CATALOG)
    assert choice.routine.id == "collar"
    assert choice.reason == (
        "Relaxation is left out today (it works on the hands, and you answered yes to "
        "'skin-hands'), so Collar zone (collar) is the best allowed alternative for tiredness "
        "and stress."
    )


def test_a_problem_on_the_head_excludes_the_collar_routine_that_works_on_the_skull() -> None:
    verdict = verdict_for("skin-head-face")
    assert "collar" in verdict.excluded


def test_minutes_shorten_a_longer_routine_and_say_so() -> None:
    choice = recommend("neck", 5, verdict_for(), CATALOG)
    assert (choice.fits_in, choice.minutes) == (300, 5)
    assert choice.to_dict()["shortened"] is True
    assert "It is shortened from 11.8 to 5 minutes to fit your time." in choice.reason


def test_the_recommendation_is_the_routine_as_written_for_the_session_to_fit_once() -> None:
    choice = recommend("neck", 5, verdict_for(), CATALOG)
    assert choice.routine == CATALOG.routines["collar"]


def test_minutes_stretch_a_routine_by_the_fitting_rule_and_say_so() -> None:
    choice = recommend("neck", 15, verdict_for(), CATALOG)
    assert choice.routine == CATALOG.routines["collar"]
    assert (choice.fits_in, choice.minutes) == (900, 15)
    assert choice.to_dict()["shortened"] is False
    assert "It is stretched from 11.8 to 15 minutes to fit your time." in choice.reason


def test_minutes_beyond_the_fitting_rule_leave_the_routine_as_written_and_say_why() -> None:
    choice = recommend("neck", 60, verdict_for(), CATALOG)
    assert choice.fits_in is None
    assert choice.minutes == CATALOG.routines["collar"].minutes
    assert choice.reason.endswith(
        "'collar' cannot be stretched to 60 minutes: the longest time that works is "
        "15 minutes (at most 1.5 times the routine and 15 minutes on one area)."
    )


def test_too_few_minutes_name_the_shortest_time_that_works() -> None:
    choice = recommend("neck", 1, verdict_for(), CATALOG)
    assert choice.fits_in is None
    assert choice.reason.endswith(
        "'collar' cannot be shortened to 1 minute: the shortest time that works is "
        "2.9 minutes, every step long enough to read and do."
    )


def test_without_a_complaint_a_routine_that_can_be_fitted_to_the_time_comes_first() -> None:
    lumbar = CATALOG.routines["lumbar"]
    short_lumbar = replace(lumbar, steps=lumbar.steps[:1])  # one 60 s stroking
    catalog = Catalog({"relaxation": CATALOG.routines["relaxation"], "lumbar": short_lumbar})
    verdict = evaluate({}, QUESTIONS, catalog)
    assert recommend(None, None, verdict, catalog).routine.id == "relaxation"
    choice = recommend(None, 1, verdict, catalog)  # relaxation needs 2.7 minutes at least
    assert choice.routine.id == "lumbar"
    assert choice.reason == (
        "No complaint given: Lower back (lumbar) is the gentlest allowed routine that fits in "
        "1 minute."
    )


def test_caution_is_mentioned_in_the_reason() -> None:
    choice = recommend("neck", None, verdict_for("epilepsy"), CATALOG)
    assert choice.reason.endswith("Your screening asks for care: light pressure and no tapping.")


def test_recommend_refuses_on_a_stop_verdict_with_the_advice() -> None:
    with pytest.raises(SessionRefused) as caught:
        recommend("neck", None, verdict_for("alcohol-drugs"), CATALOG)
    assert caught.value.exit_code == ExitCode.REFUSED
    assert caught.value.message == (
        "screening verdict 'stop': No session until a doctor has cleared it.\n"
        "because: Have you drunk alcohol or taken recreational drugs in the last few hours? "
        "— yes\n"
        "what to do: Wait until tomorrow."
    )


def test_recommend_refuses_when_every_routine_is_excluded() -> None:
    verdict = verdict_for("skin-neck-shoulders", "skin-lower-back")
    with pytest.raises(SessionRefused) as caught:
        recommend(None, None, verdict, CATALOG)
    assert caught.value.message.startswith("screening leaves no routine allowed today:\n")


# -- properties over every possible set of answers -----------------------------------------

SEVERITY_ORDER = ["urgent", "stop", "local", "caution"]


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    yes=st.sets(st.sampled_from(IDS)),
    complaint=st.sampled_from([None, *(c.value for c in Complaint)]),
    minutes=st.none() | st.integers(min_value=1, max_value=60),
)
def test_recommend_never_returns_an_excluded_routine_and_the_verdict_is_the_worst_yes(
    yes: set[str], complaint: str | None, minutes: int | None
) -> None:
    verdict = evaluate({qid: qid in yes for qid in IDS}, QUESTIONS, CATALOG)
    tiers = {TIER_OF[qid] for qid in yes}
    expected = next((tier for tier in SEVERITY_ORDER if tier in tiers), "clear")
    assert verdict.verdict == expected
    assert set(verdict.allowed).isdisjoint(verdict.excluded)
    try:
        choice = recommend(complaint, minutes, verdict, CATALOG)
    except SessionRefused:
        assert expected in ("urgent", "stop") or not verdict.allowed
        return
    assert choice.routine.id in verdict.allowed
    assert choice.routine.id not in verdict.excluded
    assert choice.routine.id not in choice.alternatives
    for question in QUESTIONS:
        if question.id in yes and question.tier == "local":
            assert not set(question.areas) & choice.routine.areas
