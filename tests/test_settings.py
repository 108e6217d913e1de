"""settings.toml: every key optional, strictly checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from homekit import home
from selfmassage.errors import InvalidFile
from selfmassage.files.settings import Practice, Settings, load_settings


def write(text: str) -> Path:
    path = home().settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def problems(text: str) -> list[str]:
    write(text)
    with pytest.raises(InvalidFile) as caught:
        load_settings(home().settings_file)
    return caught.value.problems


def test_no_file_means_defaults() -> None:
    assert load_settings(home().settings_file) == Settings(screening_valid_days=7, bell=True)


def test_an_empty_file_means_defaults() -> None:
    write("")
    assert load_settings(home().settings_file) == Settings()


def test_values_are_read() -> None:
    write("screening_valid_days = 14\nbell = false\n")
    assert load_settings(home().settings_file) == Settings(screening_valid_days=14, bell=False)


def test_a_missing_key_keeps_its_default() -> None:
    write("bell = false\n")
    assert load_settings(home().settings_file) == Settings(screening_valid_days=7, bell=False)


def test_the_settings_file_is_in_the_config_folder(isolated_home: Path) -> None:
    assert home().settings_file == isolated_home / "config" / "settings.toml"


def test_an_explicit_path_is_read(tmp_path: Path) -> None:
    path = tmp_path / "other.toml"
    path.write_text("screening_valid_days = 3\n")
    assert load_settings(path).screening_valid_days == 3


def test_unknown_key_suggests_the_closest() -> None:
    path = home().settings_file
    assert problems("bel = true\n") == [f"{path}:1: unknown key 'bel' (did you mean 'bell'?)"]


def test_bell_must_be_a_boolean() -> None:
    path = home().settings_file
    assert problems('bell = "yes"\n') == [f"{path}:1: 'bell' must be a boolean, got a string"]


@pytest.mark.parametrize(("written", "shown"), [("0", "0"), ("91", "91"), ("true", "true")])
def test_screening_valid_days_is_1_to_90(written: str, shown: str) -> None:
    path = home().settings_file
    assert problems(f"screening_valid_days = {written}\n") == [
        f"{path}:1: 'screening_valid_days' must be a whole number from 1 to 90, got {shown}"
    ]


def test_a_syntax_error_names_the_line() -> None:
    path = home().settings_file
    assert problems("bell = true\nbell = false\n") == [
        f"{path}:2: not valid TOML: Cannot overwrite a value (at line 2, column 13)"
    ]


def test_every_problem_at_once() -> None:
    path = home().settings_file
    assert problems("bell = 1\nscreening_valid_days = 0\n") == [
        f"{path}:2: 'screening_valid_days' must be a whole number from 1 to 90, got 0",
        f"{path}:1: 'bell' must be a boolean, got an integer",
    ]


def test_speak_is_off_unless_set() -> None:
    assert load_settings(home().settings_file).speak is False
    write("speak = true\n")
    assert load_settings(home().settings_file).speak is True


def test_speak_must_be_a_boolean() -> None:
    assert any("speak" in problem for problem in problems('speak = "yes"\n'))


def test_the_practice_is_read_for_handouts_and_reports() -> None:
    write(
        '[practice]\nname = "Riverside Physiotherapy"\ntherapist = "Dr  Maria\\nWeber"\n'
        'phone = "+1 555 0100"\n'
    )
    practice = load_settings(home().settings_file).practice
    assert practice == Practice(
        name="Riverside Physiotherapy", therapist="Dr Maria Weber", phone="+1 555 0100"
    )
    assert practice.lines == ("Riverside Physiotherapy", "Dr Maria Weber", "+1 555 0100")


def test_without_a_practice_nothing_is_printed_for_it() -> None:
    assert load_settings(home().settings_file).practice.lines == ()


def test_an_unknown_practice_key_is_named_with_its_line() -> None:
    assert problems('[practice]\nname = "A"\nfax = "1"\n') == [
        f"{home().settings_file}:3: [practice]: unknown key 'fax'"
    ]
