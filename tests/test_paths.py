"""Where things live: SELFMASSAGE_HOME first, then the platform's folders."""

from __future__ import annotations

import stat
from pathlib import Path

import platformdirs
import pytest

from selfmassage import paths
from selfmassage.paths import Paths


def test_home_override_puts_everything_under_one_folder(isolated_home: Path) -> None:
    found = Paths.from_env()
    assert found.config_dir == isolated_home / "config"
    assert found.data_dir == isolated_home / "data"
    assert found.user_routines_dir == isolated_home / "config" / "routines"
    assert found.settings_file == isolated_home / "config" / "settings.toml"
    assert found.journal_file == isolated_home / "data" / "journal.sqlite3"
    assert found.screening_file == isolated_home / "data" / "screening.toml"
    assert found == Paths.under(isolated_home)


def test_without_the_override_the_platform_folders_are_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SELFMASSAGE_HOME")
    found = Paths.from_env()
    assert found.user_routines_dir == platformdirs.user_config_path("selfmassage") / "routines"
    assert found.data_dir == platformdirs.user_data_path("selfmassage")


def test_a_blank_override_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELFMASSAGE_HOME", "  ")
    assert Paths.from_env().config_dir == platformdirs.user_config_path("selfmassage")


def test_the_bundled_routines_are_found() -> None:
    folder = paths.bundled_routines_dir()
    assert sorted(p.name for p in folder.glob("*.toml")) == [
        "collar.ru.toml",
        "collar.toml",
        "collar.uk.toml",
        "lumbar.ru.toml",
        "lumbar.toml",
        "lumbar.uk.toml",
        "relaxation.ru.toml",
        "relaxation.toml",
        "relaxation.uk.toml",
    ]


def test_a_private_folder_is_for_the_owner_only(tmp_path: Path) -> None:
    folder = paths.ensure_private_dir(tmp_path / "a" / "b")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_folders_a_private_folder_needs_are_private_too(tmp_path: Path) -> None:
    paths.ensure_private_dir(tmp_path / "data" / "prescriptions" / "anna-k")
    for folder in ("data", "data/prescriptions", "data/prescriptions/anna-k"):
        assert stat.S_IMODE((tmp_path / folder).stat().st_mode) == 0o700, folder


def test_a_prescription_is_kept_in_private_folders(isolated_home: Path) -> None:
    from typer.testing import CliRunner

    from selfmassage.cli.app import app

    result = CliRunner().invoke(app, ["prescribe", "collar", "--patient", "Anna K."])
    assert result.exit_code == 0, result.output
    data = isolated_home / "data"
    for folder in (data, data / "prescriptions", data / "prescriptions" / "anna-k"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
