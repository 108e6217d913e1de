"""Where selfmassage keeps things: an env override first, then platformdirs.

``SELFMASSAGE_HOME`` puts everything (config, routines, data) under one folder;
tests point it at ``tmp_path`` so no test ever touches a real home. ``Paths`` is
built once per run (it is part of the context); the package's own data is found
only here too.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from selfmassage.errors import ExitCode, SelfMassageError

APP_NAME = "selfmassage"
HOME_ENV = "SELFMASSAGE_HOME"


class NoHome(SelfMassageError):
    """Neither ``SELFMASSAGE_HOME`` nor a usable home folder says where the data lives."""

    exit_code = ExitCode.FAILURE


def _override() -> Path | None:
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value).expanduser() if value else None


@dataclass(frozen=True)
class Paths:
    """The folders of one run: settings and the user's routines, and the health data."""

    config_dir: Path
    data_dir: Path

    @classmethod
    def from_env(cls, translate: Callable[[str], str] = str) -> Paths:
        """``SELFMASSAGE_HOME`` (config/ and data/ under it) first, then platformdirs.

        ``translate`` says a ``NoHome`` in the run's language (the context passes ``i18n._``).
        """
        override = _override()
        if override is not None:
            return cls(config_dir=override / "config", data_dir=override / "data")
        import platformdirs

        found = cls(
            config_dir=platformdirs.user_config_path(APP_NAME),
            data_dir=platformdirs.user_data_path(APP_NAME),
        )
        _check_home(found, translate)
        return found

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


def _check_home(found: Paths, _: Callable[[str], str]) -> None:
    """Refuse folders guessed without a home: they would hide the real journal.

    ``_`` says the refusal in the run's language (``i18n._``; the ground below it cannot
    import it: the catalog is found through this module).

    Without ``HOME`` (and without XDG folders) platformdirs falls back to the password
    database or to a relative ``~``; a journal there is not the user's, so reading
    commands would say "no sessions yet" and writing ones would start a second journal.
    """
    if os.name != "posix":
        return
    home = os.environ.get("HOME", "")
    relative = not (found.config_dir.is_absolute() and found.data_dir.is_absolute())
    needs_home = not (os.environ.get("XDG_DATA_HOME") and os.environ.get("XDG_CONFIG_HOME"))
    hint = _("Set {home} to your home folder, or {env} to the folder selfmassage should use.")
    hint = hint.format(home="HOME", env=HOME_ENV)
    if relative or (needs_home and not home):
        raise NoHome(
            _("{home} is not set, so selfmassage cannot tell where your data is").format(
                home="HOME"
            ),
            hint=hint,
        )
    if needs_home and not Path(home).is_dir():
        raise NoHome(
            _("your home folder {folder} ({home}) does not exist").format(folder=home, home="HOME"),
            hint=hint,
        )


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
    """Create ``path`` readable by the owner only: it holds health data.

    Every folder this creates on the way is private too (``mkdir(parents=True)`` would
    give the parents the umask's mode); folders that were already there are left as
    they are, except ``path`` itself.
    """
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir(exist_ok=True, mode=0o700)
        with contextlib.suppress(OSError):
            folder.chmod(0o700)  # mkdir's mode is masked by the umask
    with contextlib.suppress(OSError):  # e.g. a folder owned by someone else
        path.chmod(0o700)
    return path
