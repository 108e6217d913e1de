"""What the journal was when selfmassage last closed it after writing: its seal.

Issue 11 asked that a damaged journal is found before anything writes to it, and
``PRAGMA quick_check`` reads every page: a third of a second at 100,000 sessions,
paid by every run that writes. The seal makes that check cost nothing when nothing
but selfmassage touched the file since a check: a run that wrote (and had checked
the journal, or found it sealed) writes, after closing it, a small file beside it
(``journal.sqlite3.checked``) with the journal's identity, size and modification
time. The next run checks the whole file only when these differ, so a journal
changed behind selfmassage's back (another tool, a copy, a bad disk write that
changed its size or time) is still checked before the first write.

The journal's modification time is moved back by one nanosecond as it is sealed:
file systems stamp times in coarse ticks, and a change in the same tick as the seal
would otherwise keep the sealed time. A time one nanosecond before a tick is one no
later write is stamped with.

The seal also carries the course arithmetic of each routine as far as the journal's
days go (``Mark``), so the end of a session folds in only the days since, whatever
the journal's size. Both are trusted only as far as the fingerprint: a journal that
changed is checked and its marks recomputed.

Losing the seal costs one check, never a write without one: so it is written
without ``fsync``, and a seal that cannot be read or written is as good as none.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Only its type: opening a journal must not load all of the journal's arithmetic.
    from selfmassage.journal.stats import CourseFold

SEAL_SUFFIX = ".checked"
_FORMAT = "selfmassage-journal-seal 1"

# Which course a mark is for: routine id, first day counted (a prescription's start
# date's ordinal, 0 without one), and the course's sessions, frequency and break days.
MarkKey = tuple[str, int, int, str, int]


@dataclass(frozen=True)
class Mark:
    """A routine's course arithmetic over every completed day up to ``through``."""

    through: int  # ordinal of the last day folded in
    count: int
    last: int  # ordinal of the last day counted; 0 for none

    @property
    def fold(self) -> CourseFold:
        """The arithmetic's state to carry on from."""
        from selfmassage.journal.stats import CourseFold

        return CourseFold(self.count, date.fromordinal(self.last) if self.last else None)

    @classmethod
    def of(cls, through: date, fold: CourseFold) -> Mark:
        """The mark of ``fold`` once every completed day up to ``through`` is in it."""
        return cls(through.toordinal(), fold.count, fold.last.toordinal() if fold.last else 0)


@dataclass(frozen=True)
class Seal:
    """The journal file as it was sealed, and the course marks true of it then."""

    fingerprint: str
    marks: dict[MarkKey, Mark]


def seal_path(journal: Path) -> Path:
    """Where the seal of ``journal`` is kept: beside it."""
    return journal.with_name(journal.name + SEAL_SUFFIX)


def fingerprint(journal: Path) -> str | None:
    """The journal file's identity, size and time; None while its WAL holds data.

    Writes waiting in the WAL are not in the file yet (another process is at work,
    or one was killed): such a journal is never taken as sealed. Only ``stat``, never
    a descriptor of the file: closing one would drop the POSIX locks SQLite holds on
    it for this process, and let another process take the journal for unused.
    """
    try:
        wal = journal.with_name(journal.name + "-wal").stat().st_size
    except FileNotFoundError:
        wal = 0
    except OSError:
        return None
    if wal:
        return None
    try:
        found = journal.stat()
    except OSError:
        return None
    return f"{found.st_dev} {found.st_ino} {found.st_size} {found.st_mtime_ns}"


def read_seal(journal: Path) -> Seal | None:
    """The seal beside ``journal``, or None when there is none or it cannot be read."""
    try:
        lines = seal_path(journal).read_text(encoding="utf-8").split("\n")
        if lines[0] != _FORMAT or lines[-1] != "":
            return None
        marks: dict[MarkKey, Mark] = {}
        for line in lines[2:-1]:
            routine, since, sessions, frequency, breaks, through, count, last = line.split("\t")
            key = (routine, int(since), int(sessions), frequency, int(breaks))
            marks[key] = Mark(int(through), int(count), int(last))
        return Seal(lines[1], marks)
    except (OSError, UnicodeDecodeError, ValueError, IndexError):
        return None


def renew_seal(journal: Path, marks: dict[MarkKey, Mark]) -> None:
    """Seal ``journal`` as it is now, just closed after a checked write, with ``marks``.

    Without a fingerprint (its WAL still holds data: another process has it open) the
    old seal is dropped instead, so the next run checks.
    """
    stamped = _stamp(journal)
    found = fingerprint(journal) if stamped else None
    if found is None:
        drop_seal(journal)
        return
    text = "".join(
        [
            f"{_FORMAT}\n{found}\n",
            *(
                "\t".join(map(str, (*key, mark.through, mark.count, mark.last))) + "\n"
                for key, mark in marks.items()
                if "\t" not in key[0] and "\n" not in key[0]
            ),
        ]
    )
    seal = seal_path(journal)
    # The journal's own leftover pattern (.NAME.PID.new...), so a killed run's is removed.
    temp = journal.with_name(f".{journal.name}.{os.getpid()}.new{SEAL_SUFFIX}")
    try:
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(handle, text.encode("utf-8"))
        finally:
            os.close(handle)
        temp.replace(seal)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
        drop_seal(journal)


def drop_seal(journal: Path) -> None:
    """Remove the seal: the next run that writes checks the whole journal first."""
    with contextlib.suppress(OSError):
        seal_path(journal).unlink()


def _stamp(journal: Path) -> bool:
    """Move the journal's modification time back one nanosecond (see the module's doc)."""
    try:
        found = journal.stat()
        os.utime(journal, ns=(found.st_atime_ns, found.st_mtime_ns - 1))
    except OSError:
        return False
    return True
