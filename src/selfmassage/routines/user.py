"""Routines of the user's own: start one from a skeleton or a copy, install a handed-over file.

Both write into the user's routine folder (``Paths.user_routines_dir``), where the
catalogue finds them, and neither ever replaces a file silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfmassage import paths
from selfmassage.errors import FileExists, InvalidFile, SelfMassageError
from selfmassage.files import atomicfile
from selfmassage.i18n import N_, _, ngettext
from selfmassage.routines.catalog import (
    load_routine_file,
    parse_routine,
    routine_files,
    warnings_of,
)
from selfmassage.routines.model import ID_PATTERN, Routine

# The comment on top of a new routine file, in the language of the run that made it;
# the keys below it stay English (they are the file format).
HEADER = N_(
    "# A selfmassage routine of your own. Edit it, then check it with\n"
    "#   selfmassage routines validate {path}\n"
    "# Every key is described in docs/routine-format.md. {origin}\n"
)

# A short routine that is valid as it stands: the opening and closing stroking every
# routine has (clinical.md §3), for the user to fill in between.
SKELETON: dict[str, Any] = {
    "title": "My routine",
    "description": "Say here what this routine is for and who it suits.",
    "area": "neck and shoulders",
    "position": "sitting",
    "indications": ["neck and shoulder stiffness after a day of sitting"],
    "preparation": (
        "Sit upright with your feet flat on the floor. Wait 1.5-2 hours after a meal. "
        "Never massage the front of the neck, and never press on the bony bumps of the spine."
    ),
    "course": {"sessions": 10, "frequency": "daily", "break_days": 10},
    "steps": [
        {
            "technique": "stroking",
            "name": "Opening stroking",
            "area": "neck-shoulders",
            "side": "both",
            "seconds": 60,
            "instruction": (
                "Put both palms flat on the back of your head at the hairline and slowly "
                "slide them down the back of your neck and out over the tops of your "
                "shoulders; keep the pressure light."
            ),
            "cue": "Warmth spreading over the back of the neck.",
        },
        {
            "technique": "stroking",
            "name": "Closing stroking",
            "area": "neck-shoulders",
            "side": "both",
            "seconds": 60,
            "instruction": (
                "Finish as you began: palms from the hairline down the back of the neck "
                "and out over the shoulders, a little lighter and slower each time."
            ),
            "cue": "Calm, warm and loose.",
        },
    ],
}


def check_id(routine_id: str) -> str:
    """``routine_id`` if it is a valid routine id, else a ``SelfMassageError`` saying why."""
    if not ID_PATTERN.match(routine_id):
        raise SelfMassageError(
            _("'{id}' is not a valid routine id").format(id=routine_id),
            hint=_(
                "use lowercase letters, digits and hyphens (at most 40), "
                "starting with a letter or digit, e.g. 'my-collar'"
            ),
        )
    return routine_id


def new_routine(routine_id: str, *, folder: Path, source: Routine | None = None) -> Path:
    """Write a new routine file for ``routine_id``, copied from ``source`` or the skeleton."""
    import tomli_w

    check_id(routine_id)
    _check_folder(folder)
    path = folder / f"{routine_id}.toml"
    if path.exists():
        raise FileExists(
            _("{path} already exists").format(path=path),
            hint=_("edit that file, or choose another id"),
        )
    _refuse_id_taken_elsewhere(routine_id, path, folder)
    if source is None:
        data = {"id": routine_id, **SKELETON}
        origin = _("It starts from a short skeleton.")
    else:
        data = source.to_toml_data()
        data["id"] = routine_id
        origin = _("It starts as a copy of '{id}'.").format(id=source.id)
    text = _(HEADER).format(path=path, origin=origin) + "\n" + tomli_w.dumps(data)
    # What we write must load: a file that fails its own validation would be our bug.
    parse_routine(text, path, "user")
    _make_folder(folder)
    atomicfile.write_text(path, text, hint=_("edit that file, or choose another id"))
    return path


@dataclass(frozen=True)
class Installed:
    """What ``install_routine`` did: the routine, where it went, what it replaced."""

    routine: Routine
    path: Path
    replaced_user: bool  # an earlier user file with this id was overwritten (--force)
    replaces_bundled: bool  # the id is a bundled routine's: the user's copy now wins
    warnings: tuple[str, ...] = ()  # departures from the classical order (clinical.md §3)


def install_routine(file: Path, *, folder: Path, force: bool = False) -> Installed:
    """Validate ``file`` and copy it, comments and all, to ``<folder>/<id>.toml``.

    An invalid file raises ``InvalidFile`` with every problem and nothing is copied.
    """
    from selfmassage.files import tomlcheck

    text = tomlcheck.read_text(file)
    try:
        routine = parse_routine(text, file, "file")
    except InvalidFile as exc:
        exc.hint = ngettext(
            "nothing was installed; fix {n} problem and try again",
            "nothing was installed; fix {n} problems and try again",
            len(exc.problems),
        ).format(n=len(exc.problems))
        raise
    _check_folder(folder)
    target = folder / f"{routine.id}.toml"
    existed = target.exists()
    if existed and not force:
        raise FileExists(
            _("a routine '{id}' is already installed at {path}").format(id=routine.id, path=target),
            hint=_("add --force to replace it"),
        )
    _refuse_id_taken_elsewhere(routine.id, target, folder)
    _make_folder(folder)
    atomicfile.write_text(target, text, force=force, hint=_("add --force to replace it"))
    return Installed(
        routine=load_routine_file(target, "user"),
        path=target,
        replaced_user=existed,
        replaces_bundled=routine.id in bundled_ids(),
        warnings=tuple(warnings_of(routine)),
    )


def bundled_ids() -> set[str]:
    """The ids of the routines shipped with selfmassage (a user file with one replaces it)."""
    folder = paths.bundled_routines_dir()
    return {load_routine_file(p, "bundled").id for p in routine_files(folder)}


def _refuse_id_taken_elsewhere(routine_id: str, path: Path, folder: Path) -> None:
    """Two user files with one id would hide one of them; refuse instead."""
    for other in routine_files(folder) if folder.is_dir() else ():
        if other == path:
            continue
        try:
            found = load_routine_file(other, "user")
        except InvalidFile:
            continue
        if found.id == routine_id:
            raise FileExists(
                _("the id '{id}' is already used by {other}").format(id=routine_id, other=other),
                hint=_("choose another id, or edit or remove that file"),
            )


def _check_folder(folder: Path) -> None:
    """The routines folder, if there is one, must be a folder we can list and read.

    Otherwise a routine with the same id could hide in it, and every check of a file
    in it would fail half-way.
    """
    try:
        next(folder.iterdir(), None)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise SelfMassageError(
            _("cannot read the routines folder {folder}: {reason}").format(
                folder=folder, reason=exc.strerror or exc
            ),
            hint=_("check that it is a folder you can read and write"),
        ) from None


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SelfMassageError(
            _("cannot create the routines folder {folder}: {reason}").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from None
