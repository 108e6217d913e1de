"""The therapist's prescriptions on disk: one folder per patient, every version kept.

``<data folder>/prescriptions/<patient>/v0001-<routine>.toml``: the folder is named
after the patient (lowercase letters, digits and hyphens), each version is a new
file, private to its owner (0600: it names a patient), and none is ever written over.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from selfmassage import paths
from selfmassage.errors import InvalidFile, SelfMassageError
from selfmassage.files import atomicfile
from selfmassage.i18n import _
from selfmassage.routines.catalog import load_routine_file
from selfmassage.routines.model import Routine

VERSION_FILE = re.compile(r"^v(\d{4})-[a-z0-9-]+\.toml$")


def folder_of(root: Path) -> Path:
    """Where the prescriptions live under the data folder."""
    return root / "prescriptions"


def slug(patient: str) -> str:
    """A patient's folder name: ``Anna Kowalska-Schmidt`` -> ``anna-kowalska-schmidt``.

    Letters lose their accents; other scripts are kept as they are written.
    """
    plain = unicodedata.normalize("NFKD", patient)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    name = re.sub(r"[^\w]+", "-", plain).strip("-_")
    if not name:
        raise SelfMassageError(
            _("'{patient}' cannot name a patient's folder").format(patient=patient),
            hint=_("use letters"),
        )
    return name[:60]


@dataclass(frozen=True)
class Saved:
    """One stored version of a patient's prescription."""

    path: Path
    version: int
    routine: Routine


def versions(folder: Path) -> list[Saved]:
    """Every readable version in one patient's folder, oldest first; broken files are left out."""
    found = []
    try:
        names = sorted(p for p in folder.iterdir() if VERSION_FILE.match(p.name))
    except OSError:
        return []
    for path in names:
        try:
            routine = load_routine_file(path, "file")
        except (InvalidFile, SelfMassageError):
            continue
        if routine.prescription is not None:
            found.append(Saved(path, routine.prescription.version, routine))
    return sorted(found, key=lambda saved: saved.version)


def patients(root: Path) -> list[Path]:
    """Every patient's folder, by name."""
    base = folder_of(root)
    try:
        return sorted(p for p in base.iterdir() if p.is_dir())
    except OSError:
        return []


def next_version(folder: Path) -> int:
    """The number the next version in ``folder`` takes: one more than any file there."""
    numbers = [0]
    try:
        for path in folder.iterdir():
            match = VERSION_FILE.match(path.name)
            if match:
                numbers.append(int(match.group(1)))
    except OSError:
        pass
    return max(numbers) + 1


def save(folder: Path, routine: Routine, text: str) -> Path:
    """Write a new version's file; never over an existing one (``FileExists``)."""
    assert routine.prescription is not None
    path = folder / f"v{routine.prescription.version:04d}-{routine.id}.toml"
    try:
        # Patients' names and health: every folder on the way is the owner's only.
        paths.ensure_private_dir(folder)
    except OSError as exc:
        raise SelfMassageError(
            _("cannot create the prescriptions folder {folder}: {reason}").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from None
    atomicfile.write_text(
        path, text, private=True, hint=_("every version is kept; prescribe again for a new one")
    )
    return path
