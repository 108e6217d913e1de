"""Where selfmassage keeps things: an env override first, then platformdirs.

``SELFMASSAGE_HOME`` puts everything (config, routines, data) under one folder;
tests point it at ``tmp_path`` so no test ever touches a real home. ``Paths`` is
built once per run (it is part of the context); the package's own data is found
only here too.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "selfmassage"
HOME_ENV = "SELFMASSAGE_HOME"


def _override() -> Path | None:
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value).expanduser() if value else None


@dataclass(frozen=True)
class Paths:
    """The folders of one run: settings and the user's routines, and the health data."""

    config_dir: Path
    data_dir: Path

    @classmethod
    def from_env(cls) -> Paths:
        """``SELFMASSAGE_HOME`` (config/ and data/ under it) first, then platformdirs."""
        override = _override()
        if override is not None:
            return cls(config_dir=override / "config", data_dir=override / "data")
        import platformdirs

        return cls(
            config_dir=platformdirs.user_config_path(APP_NAME),
            data_dir=platformdirs.user_data_path(APP_NAME),
        )

    @classmethod
    def under(cls, home: Path) -> Paths:
        """Everything under one folder, as ``SELFMASSAGE_HOME`` does."""
        return cls(config_dir=home / "config", data_dir=home / "data")

    @property
    def user_routines_dir(self) -> Path:
        """The user's own routine files: ``*.toml`` here are listed beside the bundled ones."""
        return self.config_dir / "routines"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def journal_file(self) -> Path:
        return self.data_dir / "journal.sqlite3"

    @property
    def screening_file(self) -> Path:
        """The saved screening (answers, clearances, holds): health data, kept private."""
        return self.data_dir / "screening.toml"


def package_data(name: str) -> Path:
    """A file or folder shipped inside the package (``data/``): questions, handout text."""
    return Path(__file__).resolve().parent / "data" / name


def bundled_routines_dir() -> Path:
    """The routines shipped with the package.

    In a wheel they are copied into ``data/routines``; in a source checkout (editable
    install, tests) they are the top-level ``routines/`` folder, the one therapists read.
    """
    packaged = package_data("routines")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "routines"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the owner only: it holds health data."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # e.g. a folder owned by someone else
        path.chmod(0o700)
    return path
