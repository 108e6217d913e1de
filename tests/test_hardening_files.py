"""Issue 11 as a user meets it: files anyone can hand us are read in linear time, with a
size limit (item 11), and an unreadable routines folder is a named error (item 3)."""

from __future__ import annotations

import importlib
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hardening_support import as_unprivileged, give_to_user, remove, shared_home
from routine_text import routine_file, step
from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.errors import InvalidFile
from selfmassage.files import tomlcheck
from selfmassage.paths import Paths

# The issue's file: `printf 'x = [\n[%4000s1, 2],\n]\n' ''`, 22 s of CPU before.
CUBIC = "x = [\n[" + " " * 4000 + "1, 2],\n]\n"


def test_the_issues_4_kb_file_is_validated_in_well_under_a_second(tmp_path: Path) -> None:
    path = tmp_path / "slow.toml"
    path.write_text(CUBIC, encoding="utf-8")
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["routines", "validate", str(path)])
    assert result.exit_code == 2
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    "line",
    [
        "[[" + " " * 20_000 + "x",
        "[" + " " * 20_000 + "x",
        " " * 20_000 + "=",
        "'''" * 20_000,
        '"""a' * 20_000,
        "[[" + "a " * 10_000 + "]",
    ],
)
def test_the_line_index_takes_linear_time_on_a_long_line(line: str) -> None:
    started = time.perf_counter()
    tomlcheck.LineIndex(line + "\n")
    assert time.perf_counter() - started < 0.5


def test_the_line_index_still_finds_headers_with_spaces_inside() -> None:
    index = tomlcheck.LineIndex("a = 1\n[[ steps ]]\nb = 2\n[\tcourse ]\nc = 3\n")
    assert (index.line(("steps", 0), "b"), index.line(("course", 0), "c")) == (3, 5)


def test_a_routine_file_over_a_megabyte_is_a_named_error(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_text("# padding\n" * 110_000, encoding="utf-8")
    result = CliRunner().invoke(app, ["routines", "validate", str(path)])
    assert result.exit_code == 2
    assert "too large to be a selfmassage file (over 1,000,000 bytes)" in result.stdout + (
        result.stderr
    )


def test_an_answers_file_over_a_megabyte_is_a_named_error(tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    path.write_text("# padding\n" * 110_000, encoding="utf-8")
    result = CliRunner().invoke(app, ["screen", "--answers", str(path)])
    assert result.exit_code == 2
    assert "too large" in result.stderr


def test_a_settings_file_over_a_megabyte_is_a_named_error(isolated_home: Path) -> None:
    settings = Paths.under(isolated_home).settings_file
    settings.parent.mkdir(parents=True)
    settings.write_text("# padding\n" * 110_000, encoding="utf-8")
    with pytest.raises(tomlcheck.FileTooLarge):
        _ = Context(paths=Paths.under(isolated_home)).settings


def test_a_file_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "edge.toml"
    path.write_bytes(b"#" * (tomlcheck.MAX_BYTES - 1) + b"\n")
    assert len(tomlcheck.read_text(path)) == tomlcheck.MAX_BYTES


def test_an_endless_file_is_refused_after_the_limit() -> None:
    with pytest.raises(InvalidFile, match="too large"):
        tomlcheck.read_text(Path("/dev/zero"))


# -- item 3: an unreadable routines folder ---------------------------------------------------

ROUTINE = routine_file(
    step("stroking", 60, "Stroke the neck."),
    routine_id="mine",
    title="Mine",
    description="One step.",
)


@pytest.fixture
def unreadable_routines() -> object:
    """A home whose routines folder its user cannot read; yields the home."""
    home = shared_home()
    folder = Paths.under(home).user_routines_dir
    folder.mkdir(parents=True)
    (home / "mine.toml").write_text(ROUTINE, encoding="utf-8")
    give_to_user(home)
    folder.chmod(0)
    yield home
    remove(home)


@pytest.mark.parametrize("command", [["routines", "new", "fresh"], ["routines", "install"]])
def test_an_unreadable_routines_folder_is_a_named_error(
    unreadable_routines: Path, command: list[str]
) -> None:
    home = unreadable_routines
    if command[1] == "install":
        command = [*command, str(home / "mine.toml")]
    ctx = Context(paths=Paths.under(home))
    # Root's own modules are loaded before the test becomes another user, who could
    # not read them (a non-root run needs none of this).
    importlib.import_module("tomli_w")
    with as_unprivileged():
        result = CliRunner().invoke(app, command, obj=ctx)
    assert result.exit_code == 2, result.stderr
    assert f"cannot read the routines folder {Paths.under(home).user_routines_dir}" in (
        result.stderr
    )
