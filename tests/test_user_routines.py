"""Routines of the user's own: `routines new` and `routines install`."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from homekit import home
from selfmassage import paths
from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.errors import FileExists, InvalidFile, SelfMassageError
from selfmassage.routines.catalog import load_catalog, load_routine_file, validate_files
from selfmassage.routines.user import SKELETON, Installed, install_routine, new_routine


def mine() -> Path:
    """The user's routine folder in the test's home."""
    return home().user_routines_dir


def new(routine_id: str, from_routine: str | None = None) -> Path:
    """``routines new`` without the CLI: the source is found as the CLI finds it."""
    source = None if from_routine is None else Context(paths=home()).routine(from_routine)
    return new_routine(routine_id, folder=mine(), source=source)


def install(file: Path, force: bool = False) -> Installed:
    """``routines install`` without the CLI."""
    return install_routine(file, folder=mine(), force=force)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def bundled(name: str) -> Path:
    return paths.bundled_routines_dir() / f"{name}.toml"


def handed_over(tmp_path: Path, routine_id: str = "anna-neck", **changes: str) -> Path:
    """A routine file as a therapist would hand it over: the collar routine, renamed."""
    text = bundled("collar").read_text(encoding="utf-8")
    text = text.replace('id = "collar"', f'id = "{routine_id}"')
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "from-therapist.toml"
    path.write_text(text, encoding="utf-8")
    return path


# -- routines new --------------------------------------------------------------------


def test_new_writes_a_valid_skeleton_into_the_user_folder_and_prints_its_path() -> None:
    code, out, err = run("routines", "new", "my-neck")
    path = mine() / "my-neck.toml"
    assert code == 0
    assert out == f"{path}\n"
    assert err == f"Edit it, then check it with: selfmassage routines validate {path}\n"
    assert validate_files([path]) == {path: []}
    routine = load_routine_file(path)
    assert routine.id == "my-neck"
    assert routine.title == SKELETON["title"]


def test_new_routine_is_listed_as_the_users_own() -> None:
    run("routines", "new", "my-neck")
    assert load_catalog(user_dir=mine()).find("my-neck").source == "user"


def test_new_file_starts_with_a_comment_pointing_to_the_format() -> None:
    path = new("my-neck")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# A selfmassage routine of your own. Edit it, then check it with\n")
    assert "docs/routine-format.md" in text.splitlines()[2]


def test_new_from_a_routine_copies_it_under_the_new_id() -> None:
    path = new("my-collar", from_routine="collar")
    copy = load_routine_file(path)
    original = load_catalog(user_dir=mine()).find("collar")
    assert copy.id == "my-collar"
    assert copy.steps == original.steps
    assert copy.course == original.course
    assert copy.preparation == original.preparation


def test_new_from_a_file_path_copies_that_file() -> None:
    path = new("calm", from_routine=str(bundled("relaxation")))
    assert load_routine_file(path).steps == load_catalog(user_dir=mine()).find("relaxation").steps


def test_new_creates_the_routines_folder(isolated_home: Path) -> None:
    assert not (isolated_home / "config").exists()
    new("my-neck")
    assert (isolated_home / "config" / "routines" / "my-neck.toml").is_file()


def test_new_refuses_to_replace_an_existing_file(user_routines: Path) -> None:
    (user_routines / "my-neck.toml").write_text("# my own work\n")
    code, _, err = run("routines", "new", "my-neck")
    assert code == 2
    assert err == (
        f"selfmassage: error: {user_routines / 'my-neck.toml'} already exists\n"
        "  edit that file, or choose another id\n"
    )
    assert (user_routines / "my-neck.toml").read_text() == "# my own work\n"


def test_new_refuses_an_id_another_user_file_already_has(user_routines: Path) -> None:
    new("my-neck")
    (user_routines / "my-neck.toml").rename(user_routines / "renamed.toml")
    with pytest.raises(FileExists) as caught:
        new("my-neck")
    assert caught.value.message == (
        f"the id 'my-neck' is already used by {user_routines / 'renamed.toml'}"
    )


@pytest.mark.parametrize("bad_id", ["My Neck", "-neck", "neck_1", "a" * 41, "../escape"])
def test_new_refuses_an_invalid_id(bad_id: str) -> None:
    code, _, err = run("routines", "new", "--", bad_id)
    assert code == 2
    assert err == (
        f"selfmassage: error: '{bad_id}' is not a valid routine id\n"
        "  use lowercase letters, digits and hyphens (at most 40), starting with a letter or "
        "digit, e.g. 'my-collar'\n"
    )
    assert not mine().exists()


def test_new_with_a_bundled_id_says_it_takes_its_place() -> None:
    code, out, err = run("routines", "new", "collar", "--from", "collar")
    path = mine() / "collar.toml"
    assert code == 0
    assert out == f"{path}\n"
    assert err == (
        "note: it takes the place of the bundled routine 'collar'\n"
        f"Edit it, then check it with: selfmassage routines validate {path}\n"
    )
    assert load_catalog(user_dir=mine()).find("collar").source == "user"


def test_new_from_an_unknown_routine_suggests_the_closest() -> None:
    code, _, err = run("routines", "new", "mine", "--from", "colar")
    assert code == 2
    assert err.startswith("selfmassage: error: no routine 'colar' — did you mean 'collar'?\n")


def test_new_file_is_plain_toml_with_the_routine_keys() -> None:
    data = tomllib.loads(new("my-neck").read_text(encoding="utf-8"))
    assert list(data) == [
        "id",
        "title",
        "description",
        "area",
        "position",
        "indications",
        "preparation",
        "course",
        "steps",
    ]


# -- routines install ----------------------------------------------------------------


def test_install_copies_a_valid_file_as_its_id(tmp_path: Path) -> None:
    source = handed_over(tmp_path)
    code, out, err = run("routines", "install", str(source))
    target = mine() / "anna-neck.toml"
    assert code == 0
    assert out == f"installed 'anna-neck' (Collar zone) as {target}\n"
    assert err == ""
    assert target.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")


def test_installed_routine_is_listed_shown_and_printed(tmp_path: Path) -> None:
    run("routines", "install", str(handed_over(tmp_path)))
    assert load_catalog(user_dir=mine()).find("anna-neck").source == "user"
    assert run("show", "anna-neck")[0] == 0
    code, out, _ = run("print", "anna-neck")
    assert code == 0
    assert out.startswith("SELF-MASSAGE: COLLAR ZONE")


def test_install_refuses_an_invalid_file_listing_every_problem(tmp_path: Path) -> None:
    source = handed_over(
        tmp_path,
        routine_id="Anna Neck",
        **{'technique = "kneading"': 'technique = "kneeding"', "seconds = 90": "seconds = -3"},
    )
    code, out, err = run("routines", "install", str(source))
    assert code == 2
    assert out == ""
    assert err.splitlines() == [
        f"selfmassage: error: {source}:7: 'id' must be lowercase letters, digits and hyphens "
        "(at most 40), got 'Anna Neck'",
        f"  {source}:35: step 1: 'seconds' must be a whole number from 1 to 3600, got -3",
        f"  {source}:114: step 7: 'technique' must be one of stroking, rubbing, kneading, "
        "vibration, tapping, pressure, breathing, stretching, rest; got 'kneeding' "
        "(did you mean 'kneading'?)",
        f"  {source}:132: step 8: 'technique' must be one of stroking, rubbing, kneading, "
        "vibration, tapping, pressure, breathing, stretching, rest; got 'kneeding' "
        "(did you mean 'kneading'?)",
        "  nothing was installed; fix 4 problems and try again",
    ]


def test_an_invalid_file_copies_nothing(tmp_path: Path) -> None:
    source = handed_over(tmp_path, **{'position = "sitting"': 'position = "floating"'})
    with pytest.raises(InvalidFile):
        install(source)
    assert not mine().exists()


def test_install_refuses_to_replace_a_routine_with_the_same_id(tmp_path: Path) -> None:
    install(handed_over(tmp_path))
    target = mine() / "anna-neck.toml"
    newer = handed_over(tmp_path, **{"sessions = 10": "sessions = 5"})
    code, _, err = run("routines", "install", str(newer))
    assert code == 2
    assert err == (
        f"selfmassage: error: a routine 'anna-neck' is already installed at {target}\n"
        "  add --force to replace it\n"
    )
    assert load_routine_file(target).course.sessions == 10


def test_install_with_force_replaces_it(tmp_path: Path) -> None:
    install(handed_over(tmp_path))
    newer = handed_over(tmp_path, **{"sessions = 10": "sessions = 5"})
    code, out, _ = run("routines", "install", str(newer), "--force")
    target = mine() / "anna-neck.toml"
    assert code == 0
    assert out == f"replaced 'anna-neck' (Collar zone) as {target}\n"
    assert load_routine_file(target).course.sessions == 5


def test_installing_a_bundled_id_says_it_takes_its_place() -> None:
    code, out, err = run("routines", "install", str(bundled("lumbar")))
    assert code == 0
    assert out.startswith("installed 'lumbar' (Lower back) as ")
    assert err == "note: it takes the place of the bundled routine 'lumbar'\n"
    assert load_catalog(user_dir=mine()).find("lumbar").source == "user"


def test_install_refuses_an_id_another_user_file_already_has(
    tmp_path: Path, user_routines: Path
) -> None:
    (user_routines / "old-name.toml").write_text(
        handed_over(tmp_path).read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(FileExists) as caught:
        install(handed_over(tmp_path), force=True)
    assert caught.value.message == (
        f"the id 'anna-neck' is already used by {user_routines / 'old-name.toml'}"
    )


def test_install_of_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = run("routines", "install", str(tmp_path / "nope.toml"))
    assert code == 2
    assert err == f"selfmassage: error: {tmp_path / 'nope.toml'}: no such file\n"


# -- round trip ----------------------------------------------------------------------


def test_new_then_validate_then_install_elsewhere_round_trips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A therapist makes a routine, checks it, and a patient installs it at home."""
    made = new("anna-neck", from_routine="collar")
    assert run("routines", "validate", str(made))[0] == 0

    monkeypatch.setenv("SELFMASSAGE_HOME", str(tmp_path / "patient-home"))
    done = install(made)
    assert done.path == tmp_path / "patient-home" / "config" / "routines" / "anna-neck.toml"
    assert done.routine.steps == load_routine_file(made).steps
    assert load_catalog(user_dir=mine()).find("anna-neck").source == "user"


def test_core_errors_are_selfmassage_errors() -> None:
    with pytest.raises(SelfMassageError):
        new("Bad Id")
