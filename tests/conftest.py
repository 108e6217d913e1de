"""Every test runs with its own empty home: no test ever touches a real one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from selfmassage.context import Context
from selfmassage.i18n import ENGLISH, use
from selfmassage.paths import Paths


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Long runs (marked ``slow``) only when ``-m`` names them: the default run stays quick."""
    if "slow" in (config.option.markexpr or ""):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    monkeypatch.setenv("SELFMASSAGE_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("SELFMASSAGE_DEBUG", raising=False)
    # The machine's language must not choose the tests' (issue 16): English unless a
    # test asks for another, and English again after it.
    for name in ("SELFMASSAGE_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    yield home
    use(ENGLISH)


@pytest.fixture
def user_routines(isolated_home: Path) -> Path:
    """The user's routine folder, created."""
    folder = isolated_home / "config" / "routines"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def ctx(isolated_home: Path) -> Context:
    """The run's context as the CLI builds it, over the test's empty home."""
    return Context(paths=Paths.under(isolated_home))
