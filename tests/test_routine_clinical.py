"""What a routine file may ask of a body (clinical.md §1c, §3, §5, §6), and the format
keys that carry it: several areas on a step, optional steps, min_seconds, light."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from routine_text import CLOSING, VALID, routine_text
from selfmassage.cli.app import app
from selfmassage.errors import InvalidFile
from selfmassage.routines import clinical
from selfmassage.routines.catalog import parse_routine

PATH = Path("r.toml")
CLEAN = VALID + CLOSING  # three steps; the third is the closing stroking, from line 26


def problems(text: str) -> list[str]:
    with pytest.raises(InvalidFile) as caught:
        parse_routine(text, PATH)
    return caught.value.problems


def first_step(**lines: str) -> str:
    """``CLEAN`` with keys added to the first step (after its instruction, line 17)."""
    added = "".join(f"{key} = {value}\n" for key, value in lines.items())
    return CLEAN.replace(
        'instruction = "Stroke the back of the neck."\n',
        'instruction = "Stroke the back of the neck."\n' + added,
        1,
    )


# -- the format: areas, optional, min_seconds, light ------------------------------------


def test_a_step_may_name_several_areas_and_the_routine_touches_them_all() -> None:
    text = CLEAN.replace('area = "neck-shoulders"', 'area = ["neck-shoulders", "head-face"]', 1)
    routine = parse_routine(text, PATH)
    assert routine.steps[0].areas == ("neck-shoulders", "head-face")
    assert routine.areas == {"neck-shoulders", "head-face", "upper-back"}


def test_a_list_of_areas_names_only_known_areas() -> None:
    text = CLEAN.replace('area = "neck-shoulders"', 'area = ["neck-shoulders", "neck"]', 1)
    assert problems(text) == [
        "r.toml:15: step 1: 'area' must be one of neck-shoulders, upper-back, lower-back, "
        "head-face, hands, whole-body, or a list of them; got 'neck'"
    ]


def test_whole_body_cannot_be_listed_with_other_areas() -> None:
    text = CLEAN.replace('area = "neck-shoulders"', 'area = ["whole-body", "hands"]', 1)
    assert problems(text) == ["r.toml:15: step 1: 'whole-body' cannot be listed with other areas"]


def test_whole_body_is_only_for_breathing_and_rest() -> None:
    text = CLEAN.replace('area = "upper-back"', 'area = "whole-body"')
    assert problems(text) == [
        "r.toml:21: step 2: 'whole-body' is only for breathing and rest; name the area a "
        "kneading step works on"
    ]


def test_a_breathing_step_may_be_whole_body() -> None:
    text = CLEAN.replace(
        'technique = "kneading"\narea = "upper-back"',
        'technique = "breathing"\narea = "whole-body"',
    )
    assert parse_routine(text, PATH).areas == {"neck-shoulders"}


def test_optional_min_seconds_and_light_load() -> None:
    text = CLEAN.replace(
        'instruction = "Knead the left shoulder blade."\n',
        'instruction = "Knead the left shoulder blade."\noptional = true\nmin_seconds = 20\n'
        'light = "Squeeze the left shoulder blade lightly."\n',
    )
    step = parse_routine(text, PATH).steps[1]
    assert (step.optional, step.min_seconds, step.light) == (
        True,
        20,
        "Squeeze the left shoulder blade lightly.",
    )


def test_min_seconds_may_not_exceed_the_steps_seconds() -> None:
    assert problems(first_step(min_seconds="90")) == [
        "r.toml:18: step 1: 'min_seconds' (90) is longer than the step's 'seconds' (60)"
    ]


def test_the_opening_stroking_may_not_be_optional() -> None:
    assert problems(first_step(optional="true")) == [
        "r.toml:18: step 1: the opening and closing stroking are never left out: remove 'optional'"
    ]


# -- clinical errors --------------------------------------------------------------------


def test_an_instruction_on_the_front_of_the_neck_is_an_error() -> None:
    text = CLEAN.replace("Stroke the back of the neck.", "Stroke the front of your neck.")
    assert problems(text) == [
        "r.toml:17: step 1: the instruction works on the front of the neck (arteries, "
        "thyroid, larynx): only the back and sides"
    ]


def test_an_instruction_that_forbids_the_front_of_the_neck_is_fine() -> None:
    text = CLEAN.replace(
        "Stroke the back of the neck.", "Stroke the back of the neck, never the front of the neck."
    )
    assert parse_routine(text, PATH).steps[0].instruction.endswith("never the front of the neck.")


def test_tapping_on_the_neck_is_an_error() -> None:
    text = CLEAN.replace(
        'technique = "kneading"\narea = "upper-back"',
        'technique = "tapping"\narea = "neck-shoulders"',
    )
    assert problems(text) == [
        "r.toml:20: step 2: no tapping on the neck: use light fingertip 'vibration' on the "
        "shoulders, or stroking"
    ]


def test_percussion_over_the_kidneys_is_an_error() -> None:
    text = CLEAN.replace(
        'technique = "kneading"\narea = "upper-back"', 'technique = "tapping"\narea = "lower-back"'
    ).replace("Knead the left shoulder blade.", "Tap over the kidneys.")
    assert problems(text) == ["r.toml:24: step 2: no tapping over the kidneys or the lower ribs"]


def test_percussion_kept_away_from_the_kidneys_is_fine() -> None:
    text = CLEAN.replace(
        'technique = "kneading"\narea = "upper-back"', 'technique = "tapping"\narea = "lower-back"'
    ).replace("Knead the left shoulder blade.", "Tap the buttocks, well away from the kidneys.")
    assert parse_routine(text, PATH).has_percussion


def test_more_than_15_minutes_on_one_area_is_an_error() -> None:
    text = CLEAN.replace("seconds = 60", "seconds = 900")
    assert problems(text) == [
        "r.toml:29: step 3: 15 min 30 s on 'neck-shoulders' by the end: at most 15 minutes "
        "on one area in a session"
    ]


def test_more_than_15_sessions_in_a_course_is_an_error() -> None:
    assert problems(CLEAN.replace("sessions = 10", "sessions = 16")) == [
        "r.toml:9: [course]: a course of 16 sessions: at most 15"
    ]


def test_a_break_under_10_days_after_a_daily_course_is_an_error() -> None:
    assert problems(CLEAN.replace("break_days = 10", "break_days = 9")) == [
        "r.toml:11: [course]: a break of 9 days after the course: at least 10"
    ]


def test_the_issues_example_lists_every_clinical_problem() -> None:
    # 60 minutes of tapping "on the front of your neck", 100 daily sessions, no break.
    text = (
        CLEAN.replace("sessions = 10", "sessions = 100")
        .replace("break_days = 10", "break_days = 0")
        .replace(
            'technique = "kneading"\narea = "upper-back"',
            'technique = "tapping"\narea = "neck-shoulders"',
        )
        .replace('seconds = 30\ninstruction = "Knead', 'seconds = 3600\ninstruction = "Knead')
        .replace("Knead the left shoulder blade.", "Tap on the front of your neck.")
    )
    assert len(problems(text)) == 5


# -- warnings ---------------------------------------------------------------------------


def test_the_clean_example_draws_no_warning() -> None:
    assert clinical.warnings(parse_routine(CLEAN, PATH)) == []


def test_no_closing_stroking_is_a_warning() -> None:
    assert clinical.warnings(parse_routine(VALID, PATH)) == [
        "no closing stroking: end the massage with a light stroking before the rest"
    ]


def test_rubbing_after_kneading_is_a_warning() -> None:
    text = CLEAN.replace(
        'instruction = "Knead the left shoulder blade."\n',
        'instruction = "Knead the left shoulder blade."\n\n[[steps]]\ntechnique = "rubbing"\n'
        'area = "upper-back"\nseconds = 30\ninstruction = "Rub the shoulder blade."\n',
    )
    assert clinical.warnings(parse_routine(text, PATH)) == [
        "step 3: rubbing after kneading (step 2): the classical order is stroking, rubbing, "
        "kneading, vibration or tapping, then a closing stroking"
    ]


def test_validate_prints_warnings_and_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "open.toml"
    path.write_text(VALID, encoding="utf-8")
    result = CliRunner().invoke(app, ["routines", "validate", str(path)])
    assert result.exit_code == 0
    assert result.stdout == f"{path}: ok\n"
    assert result.stderr == (
        f"selfmassage: warning: {path}: no closing stroking: end the massage with a light "
        "stroking before the rest\n"
    )


def test_install_prints_warnings_and_installs(tmp_path: Path) -> None:
    path = tmp_path / "open.toml"
    path.write_text(VALID, encoding="utf-8")
    result = CliRunner().invoke(app, ["routines", "install", str(path)])
    assert result.exit_code == 0
    assert result.stdout.startswith("installed 'test'")
    assert "selfmassage: warning: " in result.stderr
    assert "no closing stroking" in result.stderr


def test_validate_refuses_a_clinically_unsafe_file_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "long.toml"
    path.write_text(routine_text().replace("sessions = 10", "sessions = 30"), encoding="utf-8")
    result = CliRunner().invoke(app, ["routines", "validate", str(path)])
    assert result.exit_code == 2
    assert "a course of 30 sessions: at most 15" in result.stderr
