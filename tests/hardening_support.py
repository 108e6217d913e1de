"""Helpers of the hardening tests: a folder a user cannot read or write, even when root.

Root reads and writes any folder, so a test run as root drops its effective user id
to ``nobody`` for the moment of the command (and takes it back after). The folder
must then be reachable by ``nobody``: ``shared_home`` makes one outside pytest's
private temporary folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

NOBODY = 65534


def shared_home() -> Path:
    """An empty folder the unprivileged user of ``as_unprivileged`` owns (remove it after)."""
    home = Path(tempfile.mkdtemp(prefix="selfmassage-hardening-"))
    home.chmod(0o755)
    if os.geteuid() == 0:
        os.chown(home, NOBODY, NOBODY)
    return home


def remove(home: Path) -> None:
    """Remove a ``shared_home`` and everything in it, whatever its modes."""
    for folder, _, _ in os.walk(home):
        with contextlib.suppress(OSError):
            Path(folder).chmod(0o755)
    shutil.rmtree(home, ignore_errors=True)


def give_to_user(path: Path) -> None:
    """Make what a test built under ``shared_home`` belong to the unprivileged user."""
    if os.geteuid() != 0:
        return
    for folder, folders, files in os.walk(path):
        for name in [*folders, *files]:
            os.chown(Path(folder) / name, NOBODY, NOBODY)
    os.chown(path, NOBODY, NOBODY)


@contextlib.contextmanager
def as_unprivileged() -> Iterator[None]:
    """Run the block as a user whom file permissions bind (``nobody`` if we are root)."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)
