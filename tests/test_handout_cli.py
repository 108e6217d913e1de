"""`selfmassage print`: where the handout goes, and the rules for writing a file."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from selfmassage.cli.app import app


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_text_goes_to_stdout_by_default() -> None:
    code, out, err = run("print", "collar", "--patient", "Anna K.")
    assert code == 0
    assert out.startswith("SELF-MASSAGE: COLLAR ZONE\n")
    assert "Patient: Anna K." in out
    assert f"Date:    {date.today().isoformat()}" in out
    assert err == ""


def test_text_has_no_terminal_escapes() -> None:
    _, out, _ = run("print", "collar")
    assert "\x1b" not in out


def test_each_format_is_chosen_with_format() -> None:
    assert run("print", "lumbar", "--format", "markdown")[1].startswith(
        "# Self-massage: Lower back"
    )
    assert run("print", "lumbar", "--format", "html")[1].startswith("<!DOCTYPE html>")


def test_a_user_routine_file_can_be_printed_by_path() -> None:
    from selfmassage.paths import bundled_routines_dir

    code, out, _ = run("print", str(bundled_routines_dir() / "relaxation.toml"))
    assert code == 0
    assert out.startswith("SELF-MASSAGE: RELAXATION")


def test_unknown_routine_exits_2_with_a_suggestion() -> None:
    code, out, err = run("print", "colar")
    assert code == 2
    assert out == ""
    assert err.startswith("selfmassage: error: no routine 'colar' — did you mean 'collar'?\n")


def test_output_writes_the_file_and_says_so(tmp_path: Path) -> None:
    target = tmp_path / "anna.html"
    code, out, err = run("print", "collar", "--format", "html", "-o", str(target))
    assert code == 0
    assert out == ""
    assert err == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_output_does_not_overwrite_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "anna.txt"
    target.write_text("the therapist's own notes")
    code, _, err = run("print", "collar", "-o", str(target))
    assert code == 2
    assert err == (f"selfmassage: error: {target} already exists\n  add --force to replace it\n")
    assert target.read_text() == "the therapist's own notes"


def test_force_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "anna.txt"
    target.write_text("old")
    code, _, _ = run("print", "collar", "-o", str(target), "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("SELF-MASSAGE: COLLAR ZONE")


def test_output_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "anna.txt"
    code, _, err = run("print", "collar", "-o", str(target))
    assert code == 2
    assert err == (
        f"selfmassage: error: cannot write {target}: the folder {target.parent} does not exist\n"
        "  create the folder first, or choose another place\n"
    )


def test_output_to_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = run("print", "collar", "--format", "text", "-o", str(tmp_path))
    assert code == 2
    assert err == f"selfmassage: error: cannot write {tmp_path}: it is a folder\n"


def test_output_to_a_read_only_file_is_refused_even_with_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "locked.txt"
    target.write_text("keep")
    target.chmod(0o444)
    # Root may write anything; ask the question the way an ordinary user's system answers.
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda path, mode: (
            real_access(path, mode) and not (Path(path) == target and mode & os.W_OK)
        ),
    )
    code, _, err = run("print", "collar", "-o", str(target), "--force")
    assert code == 2
    assert err == f"selfmassage: error: cannot write {target}: the file is read-only\n"
    assert target.read_text() == "keep"


def test_an_unwritable_folder_is_a_clear_error_and_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    target = tmp_path / "anna.txt"
    code, _, err = run("print", "collar", "-o", str(target))
    assert code == 2
    assert err == f"selfmassage: error: cannot write {target}: Permission denied\n"
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_removes_its_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_replace(self: Path, target: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", broken_replace)
    target = tmp_path / "anna.txt"
    code, _, err = run("print", "collar", "-o", str(target))
    assert code == 2
    assert err == f"selfmassage: error: cannot write {target}: No space left on device\n"
    assert list(tmp_path.iterdir()) == []


def test_the_written_file_is_not_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "anna.txt"
        run("print", "collar", "-o", str(target))
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


def test_bad_options_exit_2_with_the_reason() -> None:
    code, _, err = run("print", "collar", "--sessions", "0")
    assert code == 2
    assert err == "selfmassage: error: --sessions must be from 1 to 100, got 0\n"


def test_help_lists_every_option() -> None:
    code, out, _ = run("print", "--help")
    assert code == 0
    for option in (
        "--patient",
        "--therapist",
        "--notes",
        "--minutes",
        "--sessions",
        "--frequency",
        "--format",
        "--output",
        "-o",
        "--force",
    ):
        assert option in out, option
