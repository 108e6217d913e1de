"""The one way selfmassage reports what is wrong with a file a person gave it.

Every validator (routine and settings TOML, answers, the saved screening, the
handout text, journal imports) collects its problems here and raises them all at
once as one ``InvalidFile``: each problem is a line that names the file, the place
and what is wrong, so a file can be fixed in one pass.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from pathlib import Path

from selfmassage.errors import InvalidFile
from selfmassage.i18n import ENGLISH, N_, _, current, ngettext

# What the system says of a file it cannot read or write, in the run's language: its own
# words (strerror) are English whatever the language. English keeps them as they are;
# a reason not listed here is shown as the system says it.
_OS_REASONS = {
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("operation not permitted"),
    errno.ENOENT: N_("no such file or folder"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.ENOSPC: N_("no space left on the device"),
    errno.EDQUOT: N_("disk quota exceeded"),
    errno.EROFS: N_("the file system is read-only"),
    errno.EIO: N_("input/output error"),
    errno.ENAMETOOLONG: N_("the file name is too long"),
    errno.ELOOP: N_("too many levels of links"),
    errno.EEXIST: N_("the file exists"),
    errno.EBUSY: N_("the device or file is busy"),
    errno.EFBIG: N_("the file is too large"),
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, in a few words of the run's language."""
    said = str(exc.strerror or exc)
    if current() == ENGLISH:
        return said
    known = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    return _(known) if known else said


@dataclass
class Problems:
    """Problems found in one file; past ``limit`` they are counted, not listed."""

    path: Path
    limit: int | None = None
    items: list[str] = field(default_factory=list)
    total: int = 0

    def add(self, message: str, *, location: str | None = None) -> None:
        """Record a problem at ``location`` (``path:line``, ``session 3``...); the path if None."""
        self.total += 1
        if self.limit is None or len(self.items) < self.limit:
            where = location if location is not None else str(self.path)
            self.items.append(f"{where}: {message}")

    def __bool__(self) -> bool:
        return self.total > 0

    def raise_if_any(self, hint: str | None = None) -> None:
        """Raise every problem as one ``InvalidFile``, with ``hint`` under it."""
        if not self.total:
            return
        items = list(self.items)
        if self.total > len(items):
            more = self.total - len(items)
            items.append(
                ngettext("... and {n} more problem", "... and {n} more problems", more).format(
                    n=more
                )
            )
        error = InvalidFile(items)
        error.hint = hint
        raise error
