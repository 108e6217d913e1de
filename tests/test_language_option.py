"""Choosing the run's language at the command line (issue 16): `--lang` before the
command, or after one that has no `--lang` of its own; then SELFMASSAGE_LANG, the
settings' `language`, the locale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from selfmassage.cli.spec import Command, Param, take_language
from selfmassage.cli.table import COMMANDS

# A table where `print` has a --lang of its own (the handout's language).
TABLE = {
    **COMMANDS,
    ("print",): Command(
        path=("print",),
        module="m",
        run="r",
        help="",
        params=(Param(name="lang", opts=("--lang",), kind="str"),),
    ),
}


@pytest.mark.parametrize(
    ("argv", "rest", "language"),
    [
        (["--lang", "uk", "stats"], ["stats"], "uk"),
        (["--lang=ru", "history", "-n", "3"], ["history", "-n", "3"], "ru"),
        (["stats", "--lang", "uk", "--json"], ["stats", "--json"], "uk"),
        (
            ["--lang", "uk", "print", "collar", "--lang", "en"],
            ["print", "collar", "--lang", "en"],
            "uk",
        ),
        (["print", "collar", "--lang", "en"], ["print", "collar", "--lang", "en"], None),
        (["history", "--", "--lang", "uk"], ["history", "--", "--lang", "uk"], None),
        (["stats", "--lang"], ["stats"], ""),
        (["stats"], ["stats"], None),
    ],
)
def test_the_runs_language_is_taken_out_of_the_command_line(
    argv: list[str], rest: list[str], language: str | None
) -> None:
    assert take_language(argv, TABLE) == (rest, language)


def run(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "SELFMASSAGE_LANG")
    }
    return subprocess.run(
        [sys.executable, "-m", "selfmassage", *args],
        capture_output=True,
        text=True,
        env={**clean, "SELFMASSAGE_HOME": str(home), **env},
        stdin=subprocess.DEVNULL,
    )


def titles(done: subprocess.CompletedProcess[str]) -> dict[str, str]:
    """The title ``show collar`` gives, by id (its JSON is English in every language)."""
    assert done.returncode == 0, done.stderr
    heading = next(line for line in done.stdout.splitlines() if "(collar, " in line)
    return {"collar": heading.strip("│ ").split("  (collar, ")[0]}


def test_lang_before_the_command_chooses_the_language(tmp_path: Path) -> None:
    assert (
        titles(run("--lang", "uk", "show", "collar", home=tmp_path))["collar"] == "Комірцева зона"
    )


def test_lang_beats_the_environment_which_beats_the_settings_which_beat_the_locale(
    tmp_path: Path,
) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text('language = "ru"\n')
    assert titles(run("show", "collar", home=tmp_path, LANG="uk_UA.UTF-8"))["collar"].startswith(
        "Воротник"
    )
    assert (
        titles(run("show", "collar", home=tmp_path, SELFMASSAGE_LANG="uk"))["collar"]
        == "Комірцева зона"
    )
    assert (
        titles(run("--lang", "en", "show", "collar", home=tmp_path, SELFMASSAGE_LANG="uk"))[
            "collar"
        ]
        == "Collar zone"
    )


def test_the_locale_chooses_when_nothing_else_does(tmp_path: Path) -> None:
    assert (
        titles(run("show", "collar", home=tmp_path, LANG="uk_UA.UTF-8"))["collar"]
        == "Комірцева зона"
    )
    assert titles(run("show", "collar", home=tmp_path, LANG="C.UTF-8"))["collar"] == "Collar zone"


def test_an_unknown_language_is_a_usage_error_naming_the_choices(tmp_path: Path) -> None:
    done = run("--lang", "de", "stats", home=tmp_path)
    assert done.returncode == 2
    assert "unknown language 'de'" in done.stderr and "uk (українська)" in done.stderr


def test_a_broken_settings_file_does_not_stop_a_command_that_does_not_use_it(
    tmp_path: Path,
) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text("language = [oops\n")
    assert run("history", home=tmp_path).returncode == 0
