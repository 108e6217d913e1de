"""The three bundled routines: valid, the right length, classical order, safe for the neck."""

from __future__ import annotations

import re

import pytest

from selfmassage import paths
from selfmassage.routines.catalog import (
    FileCheck,
    check_files,
    load_routine_file,
    routine_files,
    validate_files,
)
from selfmassage.routines.model import PERCUSSION, Routine

BUNDLED = ("collar", "lumbar", "relaxation")
# Steps where the hands do not massage: they may open or follow the massage.
NOT_MASSAGE = {"breathing", "rest", "stretching"}
# Classical order (clinical.md §3): rubbing, then kneading (static pressure is a
# kind of kneading), then vibration or tapping; stroking may come between any two.
RANK = {"rubbing": 1, "kneading": 2, "pressure": 2, "vibration": 3, "tapping": 3}


def bundled(routine_id: str) -> Routine:
    return load_routine_file(paths.bundled_routines_dir() / f"{routine_id}.toml", "bundled")


def massage_steps(routine: Routine) -> list[str]:
    return [s.technique for s in routine.steps if s.technique not in NOT_MASSAGE]


def texts(routine: Routine) -> list[str]:
    found = [routine.description, routine.preparation or ""]
    for s in routine.steps:
        found += [s.instruction, s.cue or "", s.caution or "", s.light or ""]
    return [" ".join(t.split()) for t in found if t]


def test_the_bundled_folder_holds_exactly_the_three_routines() -> None:
    files = [p.stem for p in routine_files(paths.bundled_routines_dir())]
    assert files == list(BUNDLED)


def test_every_bundled_routine_is_valid() -> None:
    files = [paths.bundled_routines_dir() / f"{r}.toml" for r in BUNDLED]
    assert validate_files(files) == {f: [] for f in files}


def test_every_bundled_routine_passes_the_clinical_checks_without_a_warning() -> None:
    files = [paths.bundled_routines_dir() / f"{r}.toml" for r in BUNDLED]
    assert check_files(files) == {f: FileCheck() for f in files}


@pytest.mark.parametrize("routine_id", BUNDLED)
def test_every_firm_deep_or_percussion_step_has_a_light_wording(routine_id: str) -> None:
    for s in bundled(routine_id).steps:
        said = " ".join([s.instruction, s.cue or ""])
        if re.search(r"\b(firm|firmly|deep|briskly)\b", said) or s.technique in PERCUSSION:
            assert s.light, s.label
    for s in bundled(routine_id).steps:
        if s.light:
            assert not re.search(r"\b(firm|firmly|deep|briskly)\b", s.light), s.light
            assert not re.search(r"(?<!without )\btap(ping)?\b", s.light), s.light
            assert re.search(r"\blight(ly)?\b", s.light), s.light


@pytest.mark.parametrize("routine_id", BUNDLED)
def test_cautions_say_stop_never_ease_off(routine_id: str) -> None:
    # clinical.md §6, §8: pain, sharp pain or tingling mean stop and press p.
    for text in texts(bundled(routine_id)):
        assert not re.search(r"\bease off\b", text, re.IGNORECASE), text
    for s in bundled(routine_id).steps:
        said = " ".join((s.caution or "").split())
        if re.search(r"\b(hurts|sharp|tingling|pain shoots)\b", said):
            assert re.search(r"\bstop\b", said, re.IGNORECASE), said


@pytest.mark.parametrize("routine_id", BUNDLED)
def test_no_cue_names_tingling_as_expected(routine_id: str) -> None:
    for s in bundled(routine_id).steps:
        assert not re.search(r"tingl", s.cue or "", re.IGNORECASE), s.cue


@pytest.mark.parametrize("routine_id", BUNDLED)
def test_fingers_stay_off_the_lymph_nodes_by_the_ears_and_the_sides_of_the_neck(
    routine_id: str,
) -> None:
    for s in bundled(routine_id).steps:
        for text in (s.instruction, s.light or ""):
            flat = " ".join(text.split())
            assert not re.search(r"\b(behind|in front of) the ears?\b", flat), flat
            assert not re.search(r"\bsides? of (the|your) neck\b", flat), flat


@pytest.mark.parametrize("routine_id", BUNDLED)
def test_only_linking_strokes_and_extras_after_the_closing_stroking_are_optional(
    routine_id: str,
) -> None:
    routine = bundled(routine_id)
    strokes = [i for i, s in enumerate(routine.steps) if s.technique == "stroking"]
    for i, s in enumerate(routine.steps):
        if s.optional:
            assert s.name == "Linking stroke" or i > strokes[-1], s.label


@pytest.mark.parametrize("routine_id", BUNDLED)
def test_file_name_is_the_id(routine_id: str) -> None:
    assert bundled(routine_id).id == routine_id


@pytest.mark.parametrize(
    ("routine_id", "low", "high"), [("collar", 10, 12), ("lumbar", 8, 10), ("relaxation", 8, 10)]
)
def test_routine_length_in_minutes(routine_id: str, low: int, high: int) -> None:
    assert low <= bundled(routine_id).minutes <= high


def test_collar_is_done_sitting() -> None:
    assert bundled("collar").position == "sitting"


def test_collar_works_on_the_neck_and_shoulders_and_the_back_of_the_head() -> None:
    assert bundled("collar").areas == {"neck-shoulders", "head-face"}


def test_collar_steps_on_the_hairline_or_the_skull_name_the_head_as_well() -> None:
    # clinical.md §1c: the base of the skull and the hairline are the head.
    for s in bundled("collar").steps:
        if re.search(r"\b(skull|hairline)\b", s.instruction) and s.technique != "stretching":
            assert s.areas[:1] == ("neck-shoulders",) and "head-face" in s.areas, s.label


def test_lumbar_works_on_the_lower_back_only() -> None:
    assert bundled("lumbar").areas == {"lower-back"}


def test_relaxation_has_no_percussion() -> None:
    routine = bundled("relaxation")
    assert not routine.has_percussion
    assert not {"tapping", "vibration"} & {s.technique for s in routine.steps}


@pytest.mark.parametrize("routine_id", BUNDLED)
def test_massage_opens_with_stroking(routine_id: str) -> None:
    assert massage_steps(bundled(routine_id))[0] == "stroking"


@pytest.mark.parametrize("routine_id", BUNDLED)
def test_massage_closes_with_stroking(routine_id: str) -> None:
    # Only rest, breathing or a gentle stretch may follow the closing stroking.
    assert massage_steps(bundled(routine_id))[-1] == "stroking"


@pytest.mark.parametrize("routine_id", BUNDLED)
def test_techniques_follow_the_classical_order(routine_id: str) -> None:
    ranks = [RANK[t] for t in massage_steps(bundled(routine_id)) if t in RANK]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize("routine_id", ["collar", "lumbar"])
def test_therapeutic_routines_use_every_classical_technique(routine_id: str) -> None:
    used = set(massage_steps(bundled(routine_id)))
    assert {"stroking", "rubbing", "kneading"} <= used
    assert used & {"vibration", "tapping"}


@pytest.mark.parametrize("routine_id", BUNDLED)
def test_nothing_says_to_work_on_the_front_of_the_neck(routine_id: str) -> None:
    # The front of the neck (arteries, thyroid, larynx) may only be named to forbid it.
    for text in texts(bundled(routine_id)):
        for clause in re.split(r"[.;:]", text):
            if re.search(r"\bfront\b|\bthroat\b", clause) and re.search(
                r"\bneck\b|\bthroat\b", clause
            ):
                assert re.search(r"\b(never|not|avoid|only)\b", clause, re.IGNORECASE), clause


@pytest.mark.parametrize("routine_id", BUNDLED)
def test_neck_steps_say_back_or_sides(routine_id: str) -> None:
    for s in bundled(routine_id).steps:
        if re.search(r"\bneck\b", s.instruction) and s.technique != "stretching":
            assert re.search(r"\b(back|sides?|base|nape) of (the|your) neck\b", s.instruction), (
                s.instruction
            )


@pytest.mark.parametrize("routine_id", BUNDLED)
def test_hands_stay_beside_the_spine(routine_id: str) -> None:
    # Any instruction naming the spine keeps the hands beside it, never on it.
    for s in bundled(routine_id).steps:
        if re.search(r"\bspine\b", s.instruction):
            assert re.search(r"\b(beside|either side of|on either side)\b", s.instruction), (
                s.instruction
            )


@pytest.mark.parametrize("routine_id", BUNDLED)
def test_every_instruction_is_a_full_sentence(routine_id: str) -> None:
    for s in bundled(routine_id).steps:
        text = " ".join(s.instruction.split())
        assert text[0].isupper() and text.endswith("."), text
        assert len(text.split()) >= 12, text


@pytest.mark.parametrize("routine_id", BUNDLED)
def test_description_promises_comfort_not_a_cure(routine_id: str) -> None:
    description = " ".join(bundled(routine_id).description.split())
    assert re.search(r"\bnot\b", description)
    assert not re.search(r"\b(cures?|heals?)\b", description)
