"""Strict loading of routine files: every problem, with file, place, key and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from routine_text import VALID, routine_text
from selfmassage.errors import ExitCode, InvalidFile
from selfmassage.routines.catalog import load_routine_file, parse_routine, validate_files

PATH = Path("r.toml")


def problems(text: str) -> list[str]:
    with pytest.raises(InvalidFile) as caught:
        parse_routine(text, PATH)
    return caught.value.problems


def test_the_valid_example_loads() -> None:
    routine = parse_routine(VALID, PATH)
    assert routine.id == "test"
    assert [s.technique for s in routine.steps] == ["stroking", "kneading"]


def test_an_invalid_file_is_bad_input() -> None:
    assert InvalidFile(["x"]).exit_code == ExitCode.BAD_INPUT


def test_toml_syntax_error_names_file_and_line() -> None:
    text = VALID.replace("seconds = 60", "seconds = ")
    assert problems(text) == ["r.toml:16: not valid TOML: Invalid value (at line 16, column 11)"]


def test_toml_nested_too_deeply_to_parse_is_named_not_a_crash() -> None:
    text = "x = " + "[" * 100_000 + "]" * 100_000
    assert problems(text) == ["r.toml: not valid TOML: nested too deeply"]


def test_unknown_top_level_key_suggests_the_closest_and_names_its_line() -> None:
    text = VALID.replace('title = "Test routine"', 'titel = "Test routine"')
    assert problems(text) == [
        "r.toml:2: unknown key 'titel' (did you mean 'title'?)",
        "r.toml: missing required key 'title'",
    ]


def test_unknown_step_key_names_the_step() -> None:
    text = VALID.replace("seconds = 30", "secods = 30\nseconds = 30")
    assert problems(text) == ["r.toml:23: step 2: unknown key 'secods' (did you mean 'seconds'?)"]


def test_unknown_key_without_a_close_match_has_no_suggestion() -> None:
    text = VALID.replace("[course]", 'language = "red"\n\n[course]')
    assert problems(text) == ["r.toml:8: unknown key 'language'"]


def test_unknown_course_key_names_the_course_table() -> None:
    text = VALID.replace("break_days = 10", "break_days = 10\npause = 3")
    assert problems(text) == ["r.toml:12: [course]: unknown key 'pause'"]


def test_wrong_type_at_the_top_level() -> None:
    text = VALID.replace('description = "A routine for tests."', "description = 5")
    assert problems(text) == ["r.toml:3: 'description' must be a string, got an integer"]


def test_wrong_type_in_a_step() -> None:
    text = VALID.replace('instruction = "Knead the left shoulder blade."', "instruction = [1]")
    assert problems(text) == ["r.toml:24: step 2: 'instruction' must be a string, got an array"]


def test_course_that_is_not_a_table() -> None:
    start = VALID.index("[course]")
    end = VALID.index("[[steps]]")
    text = VALID[:start].replace("indications", 'course = "daily"\nindications') + VALID[end:]
    assert problems(text) == ["r.toml:6: 'course' must be a table, got a string"]


def test_indications_must_be_a_list_of_strings() -> None:
    text = VALID.replace('indications = ["testing"]', 'indications = ["testing", 3]')
    assert problems(text) == ["r.toml:6: 'indications' must be a list of non-empty strings"]


def test_empty_text_is_refused() -> None:
    text = VALID.replace('title = "Test routine"', 'title = "  "')
    assert problems(text) == ["r.toml:2: 'title' must not be empty"]


def test_every_missing_top_level_field_is_reported() -> None:
    text = VALID[VALID.index("[[steps]]") :]
    assert problems(text) == [
        "r.toml: missing required key 'id'",
        "r.toml: missing required key 'title'",
        "r.toml: missing required key 'description'",
        "r.toml: missing required key 'area'",
        "r.toml: missing required key 'position'",
        "r.toml: missing required key 'indications'",
        "r.toml: missing required key 'course'",
    ]


def test_missing_step_field_names_the_step_header_line() -> None:
    text = VALID.replace('instruction = "Stroke the back of the neck."\n', "")
    assert problems(text) == ["r.toml:13: step 1: missing required key 'instruction'"]


def test_missing_course_field() -> None:
    text = VALID.replace('frequency = "daily"\n', "")
    assert problems(text) == ["r.toml:8: [course]: missing required key 'frequency'"]


def test_unknown_technique_suggests_the_closest() -> None:
    text = VALID.replace('technique = "stroking"', 'technique = "strokng"')
    assert problems(text) == [
        "r.toml:14: step 1: 'technique' must be one of stroking, rubbing, kneading, vibration, "
        "tapping, pressure, breathing, stretching, rest; got 'strokng' (did you mean 'stroking'?)"
    ]


def test_unknown_area() -> None:
    text = VALID.replace('area = "upper-back"', 'area = "front-of-neck"')
    assert problems(text) == [
        "r.toml:21: step 2: 'area' must be one of neck-shoulders, upper-back, lower-back, "
        "head-face, hands, whole-body; got 'front-of-neck'"
    ]


def test_unknown_side() -> None:
    text = VALID.replace('side = "left"', 'side = "up"')
    assert problems(text) == [
        "r.toml:22: step 2: 'side' must be one of both, left, right; got 'up'"
    ]


def test_side_defaults_to_both() -> None:
    assert parse_routine(VALID, PATH).steps[0].side == "both"


def test_unknown_position() -> None:
    text = VALID.replace('position = "sitting"', 'position = "sittin"')
    assert problems(text) == [
        "r.toml:5: 'position' must be one of sitting, standing, lying; got 'sittin' "
        "(did you mean 'sitting'?)"
    ]


@pytest.mark.parametrize(
    ("written", "shown"),
    [("0", "0"), ("-1", "-1"), ("1.5", "1.5"), ('"60"', "'60'"), ("true", "true")],
)
def test_seconds_must_be_a_positive_whole_number(written: str, shown: str) -> None:
    text = VALID.replace("seconds = 60", f"seconds = {written}")
    assert problems(text) == [
        f"r.toml:16: step 1: 'seconds' must be a whole number from 1 to 3600, got {shown}"
    ]


def test_seconds_at_most_an_hour() -> None:
    text = VALID.replace("seconds = 60", "seconds = 3601")
    assert problems(text) == [
        "r.toml:16: step 1: 'seconds' must be a whole number from 1 to 3600, got 3601"
    ]


def test_tempo_must_be_a_whole_number_of_strokes_a_minute() -> None:
    text = VALID.replace("seconds = 60", "seconds = 60\ntempo = 0")
    assert problems(text) == [
        "r.toml:17: step 1: 'tempo' must be a whole number from 1 to 240, got 0"
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("sessions = 0", "'sessions' must be a whole number from 1 to 100, got 0"),
        ("sessions = 101", "'sessions' must be a whole number from 1 to 100, got 101"),
        ("break_days = -1", "'break_days' must be a whole number from 0 to 365, got -1"),
        (
            'frequency = "dayly"',
            "'frequency' must be one of daily, every-other-day, weekly, "
            "N-per-week (N from 1 to 6); got 'dayly' "
            "(did you mean 'daily'?)",
        ),
    ],
)
def test_bad_course_values(line: str, message: str) -> None:
    key = line.split(" =")[0]
    start = VALID.index(key + " =")
    end = VALID.index("\n", start)
    number = VALID[:start].count("\n") + 1
    text = VALID[:start] + line + VALID[end:]
    assert problems(text) == [f"r.toml:{number}: [course]: {message}"]


def test_a_weekly_course_may_have_no_break() -> None:
    text = VALID.replace("break_days = 10", "break_days = 0").replace('"daily"', '"weekly"')
    assert parse_routine(text, PATH).course.break_days == 0


@pytest.mark.parametrize("bad_id", ["Collar", "my routine", "-lead", "a" * 41, "über"])
def test_bad_id(bad_id: str) -> None:
    text = VALID.replace('id = "test"', f'id = "{bad_id}"')
    assert problems(text) == [
        f"r.toml:1: 'id' must be lowercase letters, digits and hyphens (at most 40), got '{bad_id}'"
    ]


def test_a_routine_without_steps_is_refused() -> None:
    text = VALID[: VALID.index("[[steps]]")]
    assert problems(text) == ["r.toml: a routine needs at least one [[steps]] entry"]


def test_an_empty_steps_array_is_refused_on_its_line() -> None:
    text = VALID[: VALID.index("[course]")] + "steps = []\n\n" + VALID[VALID.index("[course]") :]
    text = text[: text.index("[[steps]]")]
    assert problems(text) == ["r.toml:8: a routine needs at least one [[steps]] entry"]


def test_steps_must_be_tables() -> None:
    text = (
        VALID[: VALID.index("[course]")] + "steps = [1, 2]\n\n" + VALID[VALID.index("[course]") :]
    )
    text = text[: text.index("[[steps]]")]
    assert problems(text) == ["r.toml:8: 'steps' must be written as [[steps]] tables"]


def test_every_problem_is_reported_at_once() -> None:
    text = (
        VALID.replace('id = "test"', 'id = "Test"')
        .replace('position = "sitting"', 'position = "lying down"')
        .replace("sessions = 10", "sessions = 0")
        .replace('technique = "stroking"', 'technique = "shiatsu"')
        .replace("seconds = 30", "seconds = -30")
    )
    assert problems(text) == [
        "r.toml:1: 'id' must be lowercase letters, digits and hyphens (at most 40), got 'Test'",
        "r.toml:5: 'position' must be one of sitting, standing, lying; got 'lying down' "
        "(did you mean 'lying'?)",
        "r.toml:9: [course]: 'sessions' must be a whole number from 1 to 100, got 0",
        "r.toml:14: step 1: 'technique' must be one of stroking, rubbing, kneading, vibration, "
        "tapping, pressure, breathing, stretching, rest; got 'shiatsu'",
        "r.toml:23: step 2: 'seconds' must be a whole number from 1 to 3600, got -30",
    ]


def test_an_invalid_file_message_lists_every_problem_on_its_own_line() -> None:
    error = InvalidFile(["a.toml:1: one", "a.toml:2: two"])
    assert str(error) == "a.toml:1: one\na.toml:2: two"


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidFile) as caught:
        load_routine_file(tmp_path / "nope.toml")
    assert caught.value.problems == [f"{tmp_path / 'nope.toml'}: no such file"]


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidFile) as caught:
        load_routine_file(tmp_path)
    assert caught.value.problems == [f"{tmp_path}: is a folder, not a file"]


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes(b'id = "x"\ntitle = "caf\xe9"\n')
    with pytest.raises(InvalidFile) as caught:
        load_routine_file(path)
    assert caught.value.problems == [f"{path}:2: not valid UTF-8 text"]


def test_validate_files_reports_valid_files_with_no_problems(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(VALID)
    assert validate_files([path]) == {path: []}


def test_validate_files_reports_a_duplicate_id_across_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text(routine_text("same"))
    second.write_text(routine_text("same", "Another title"))
    assert validate_files([first, second]) == {
        first: [],
        second: [f"{second}:1: duplicate id 'same' (also in {first})"],
    }


def test_validate_files_reports_every_problem_in_every_file(tmp_path: Path) -> None:
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text(VALID.replace("seconds = 60", "seconds = 0"))
    second.write_text(VALID.replace('side = "left"', 'side = "up"').replace("tempo", "x"))
    second.write_text(second.read_text().replace('area = "neck"', "area = 1"))
    assert validate_files([first, second]) == {
        first: [f"{first}:16: step 1: 'seconds' must be a whole number from 1 to 3600, got 0"],
        second: [
            f"{second}:4: 'area' must be a string, got an integer",
            f"{second}:22: step 2: 'side' must be one of both, left, right; got 'up'",
        ],
    }


def test_a_key_written_inside_a_multiline_string_does_not_move_the_line() -> None:
    text = VALID.replace(
        'description = "A routine for tests."',
        'description = """A routine\narea = not a key\nfor tests."""',
    ).replace('area = "neck"', "area = 4")
    assert problems(text) == ["r.toml:6: 'area' must be a string, got an integer"]


def test_a_date_where_seconds_belong_is_named_as_such() -> None:
    text = VALID.replace("seconds = 60", "seconds = 2024-01-01")
    assert problems(text) == [
        "r.toml:16: step 1: 'seconds' must be a whole number from 1 to 3600, got a date or time"
    ]


def test_a_file_starting_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode())
    assert load_routine_file(path).id == "test"


def test_validate_files_checks_a_file_named_twice_once(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(VALID)
    assert validate_files([path, path]) == {path: []}
