"""The one writer of files: never half a file, never over one the user did not offer.

Exports, handouts, routine files and the saved screening all go through ``write_text``:
a temp file in the same folder, flushed to disk, then renamed over the target.

A replaced file keeps its mode (``--force`` never makes a 0600 file 0644); health
data (``private``) is always 0600; a link is written through to the file it names,
but a link to nothing is refused rather than followed to create a file elsewhere.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from selfmassage.errors import FileExists, SelfMassageError
from selfmassage.files.problems import os_reason
from selfmassage.i18n import _


class CannotWrite(SelfMassageError):
    """The file could not be written; ``reason`` says why in a few words."""

    def __init__(self, path: Path, reason: str, *, hint: str | None = None) -> None:
        super().__init__(
            _("cannot write {path}: {reason}").format(path=path, reason=reason), hint=hint
        )
        self.path = path
        self.reason = reason


def write_text(
    path: Path,
    text: str | bytes | Iterable[str],
    *,
    force: bool = False,
    hint: str | None = None,
    private: bool = False,
) -> None:
    """Write ``text`` (or bytes: a PDF; or pieces of text, written as they come: an
    export of any size) to ``path`` through a temp file and a rename.

    An existing file is replaced only with ``force`` (else ``FileExists`` with ``hint``);
    a missing folder, a read-only file or an OS error is ``CannotWrite``.
    ``private`` makes the file readable by its owner only (health data), new or replaced;
    otherwise a replaced file keeps its mode and a new one follows the umask.
    """
    if path.is_symlink() and not path.exists():
        raise CannotWrite(
            path,
            _("it is a link to {target}, which does not exist").format(target=path.readlink()),
            hint=_("remove the link, or choose another name"),
        )
    if path.is_dir():
        raise CannotWrite(path, _("it is a folder"))
    if path.exists() and not force:
        raise FileExists(_("{path} already exists").format(path=path), hint=hint)
    if path.exists() and not path.is_file():
        # A device or a pipe (/dev/stdout, a FIFO): write into it. A rename would put a
        # plain file in its place, and as root would replace a device node.
        try:
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                with path.open("w", encoding="utf-8", newline="\n") as out:
                    _write_all(out, text)
        except OSError as exc:
            raise CannotWrite(path, os_reason(exc)) from None
        return
    if path.is_symlink():
        path = path.resolve()  # replace the file the link points to, and keep the link
    folder = path.parent
    if not folder.is_dir():
        why = (
            _("the folder {folder} is not a folder")
            if folder.exists()
            else _("the folder {folder} does not exist")
        )
        raise CannotWrite(
            path,
            why.format(folder=folder),
            hint=_("create the folder first, or choose another place"),
        )
    if path.exists() and not os.access(path, os.W_OK):
        # Replacing by rename would succeed; a read-only file says "leave me alone".
        raise CannotWrite(path, _("the file is read-only"))
    try:
        old_mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        old_mode = None
    temp: Path | None = None
    try:
        # A temp file in the same folder, then a rename: a reader never sees half a file.
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        temp = Path(name)
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as raw:
                raw.write(text)
                raw.flush()
                os.fsync(raw.fileno())
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
                _write_all(out, text)
                out.flush()
                os.fsync(out.fileno())  # on disk before the rename makes it the file
        if not private:  # mkstemp made it 0600, as health data must be
            temp.chmod(0o666 & ~_umask() if old_mode is None else old_mode)
        temp.replace(path)
        temp = None
    except OSError as exc:
        raise CannotWrite(path, os_reason(exc)) from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()


def _write_all(out: TextIO, text: str | Iterable[str]) -> None:
    if isinstance(text, str):
        out.write(text)
    else:
        for piece in text:
            out.write(piece)


def _umask() -> int:
    # mkstemp makes the file 0600; these files are not secret, so honour the user's
    # umask as a plain `open` would. The umask can only be read by setting it.
    mask = os.umask(0)
    os.umask(mask)
    return mask
