"""The test's home, as the CLI finds it: ``SELFMASSAGE_HOME`` points at ``tmp_path``."""

from __future__ import annotations

from selfmassage.paths import Paths


def home() -> Paths:
    """The folders of the isolated home the autouse fixture set up."""
    return Paths.from_env()
