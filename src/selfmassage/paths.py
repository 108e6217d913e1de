"""Where selfmassage keeps things: an env override first, then platformdirs.

``SELFMASSAGE_HOME`` puts everything (config, routines, data) under one folder;
tests point it at ``tmp_path`` so no test ever touches a real home.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

APP_NAME = "selfmassage"
HOME_ENV = "SELFMASSAGE_HOME"


def _override() -> Path | None:
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    """The folder for settings and the user's own routines."""
    override = _override()
    if override is not None:
        return override / "config"
    import platformdirs

    return platformdirs.user_config_path(APP_NAME)


def data_dir() -> Path:
    """The folder for the journal and the saved screening (health data)."""
    override = _override()
    if override is not None:
        return override / "data"
    import platformdirs

    return platformdirs.user_data_path(APP_NAME)


def user_routines_dir() -> Path:
    """The user's own routine files: ``*.toml`` here are listed beside the bundled ones."""
    return config_dir() / "routines"


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def journal_file() -> Path:
    return data_dir() / "journal.sqlite3"


def screening_file() -> Path:
    return data_dir() / "screening.toml"


def bundled_routines_dir() -> Path:
    """The routines shipped with the package.

    In a wheel they sit inside the package; in a source checkout (editable
    install, tests) they are the top-level ``routines/`` folder.
    """
    here = Path(__file__).resolve().parent
    packaged = here / "routines"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "routines"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the owner only: it holds health data."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # e.g. a folder owned by someone else
        path.chmod(0o700)
    return path
