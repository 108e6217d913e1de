"""The session journal: a durable SQLite record of every session, written as it happens.

Health data that users must never lose (Watson lost months of history by
rewriting its whole file on every change), so:

- every write is its own short transaction in a WAL database; nothing written is
  ever rewritten, except that a session left without an outcome by a killed
  process is later closed as ``interrupted``, keeping its steps;
- a file that is not a journal, is damaged, or was written by a newer
  selfmassage is reported and left byte-for-byte untouched: it is checked through
  a read-only connection before anything opens it for writing, and the whole file
  (``PRAGMA quick_check``) before the first write of a run, unless it is exactly as
  selfmassage left it after its last checked write (``journal.seal``);
- a journal that cannot be reached (a read-only folder, a full disk, a data folder
  that is a file) is reported as what it is, never as damage, never as an empty one;
- text is stored whatever a terminal typed: a byte that is not UTF-8 becomes U+FFFD;
- the folder is 0700 and the database 0600.

A running session holds an advisory lock on a small file beside the database, so
another terminal opening the journal can tell a session that is still going from
one whose process died. A session's writes wait for other writers as long as it
takes (an import writes in batches and pauses between them while a session runs),
so a running session never loses a step to another command. An import's batches
stay pending, seen by no read, until its last commit shows them all at once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import operator
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from selfmassage import paths
from selfmassage.clock import SystemClock
from selfmassage.errors import JournalError
from selfmassage.i18n import N_, _
from selfmassage.journal.records import SessionRecord
from selfmassage.journal.records import StepRecord as StepRecord  # what the player writes
from selfmassage.text import storable

if TYPE_CHECKING:
    from selfmassage.journal.seal import Mark, MarkKey
    from selfmassage.journal.stats import CourseProgress, JournalSummary
    from selfmassage.routines.model import Course, Routine

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; see _owner_alive
    fcntl = None  # type: ignore[assignment]

OUTCOMES = ("completed", "stopped_for_pain", "quit", "interrupted")
# Where a session comes from: the guided timer, or the paper sheet (``record``).
SOURCES = ("timer", "paper")
SCHEMA_VERSION = 3
EXPORT_FORMAT = "selfmassage-journal"
EXPORT_VERSION = 1
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 15.0
# A running session's writes keep trying this long before they give up (its step stays
# in memory meanwhile); far beyond any import or export of a real journal.
SESSION_WAIT_SECONDS = 600.0
# Sessions an import writes in one transaction; between two, a running session writes.
IMPORT_BATCH = 2000
# The pause between two import batches while a session runs: longer than SQLite's
# longest wait between two tries for the lock (100 ms), so the session's try lands.
IMPORT_PAUSE_SECONDS = 0.15
# Imported sessions must start within these bounds: a date in year 9999
# breaks the date arithmetic of stats, and none can be real.
# (2000 begins first at UTC+14, the Line Islands: 1999-12-31 10:00 UTC.)
EARLIEST_SESSION = datetime(2000, 1, 1, tzinfo=timezone(timedelta(hours=14)))
FUTURE_SLACK = timedelta(days=1)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)

# Each entry takes the schema from the version before it to its own number.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE sessions (
            n INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            routine TEXT NOT NULL,
            routine_title TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            started_at TEXT NOT NULL,
            started_us INTEGER NOT NULL,
            day INTEGER NOT NULL,  -- ordinal of the local calendar date of started_at
            ended_at TEXT,
            planned_seconds INTEGER NOT NULL,
            actual_seconds INTEGER,
            paused_seconds INTEGER,
            outcome TEXT CHECK (outcome IN
                ('completed', 'stopped_for_pain', 'quit', 'interrupted')),
            pain_before INTEGER,
            pain_after INTEGER,
            pain_where TEXT,
            note TEXT,
            verdict TEXT,
            last_write_at TEXT NOT NULL
        )""",
        """CREATE TABLE steps (
            session_n INTEGER NOT NULL REFERENCES sessions(n),
            idx INTEGER NOT NULL,
            technique TEXT NOT NULL,
            area TEXT NOT NULL,
            side TEXT NOT NULL,
            planned_seconds INTEGER NOT NULL,
            seconds_done INTEGER NOT NULL,
            completed INTEGER NOT NULL,
            skipped INTEGER NOT NULL,
            PRIMARY KEY (session_n, idx)
        ) WITHOUT ROWID""",
        "CREATE INDEX sessions_by_start ON sessions(started_us)",
        # Covers the sums and day lists of `stats` without touching the table.
        "CREATE INDEX sessions_by_outcome ON sessions(outcome, routine, day, actual_seconds)",
        # Open sessions are few; this keeps the check on every open O(1).
        "CREATE INDEX sessions_open ON sessions(n) WHERE outcome IS NULL",
        # The [course] of each routine at its latest session, so `stats` can show course
        # progress without loading every routine file (which alone costs its time budget).
        """CREATE TABLE courses (
            routine TEXT PRIMARY KEY NOT NULL,
            sessions INTEGER NOT NULL,
            frequency TEXT NOT NULL,
            break_days INTEGER NOT NULL
        ) WITHOUT ROWID""",
    ),
    # Sessions done from the paper sheet, recorded afterwards: never timed.
    2: (
        "ALTER TABLE sessions ADD COLUMN source TEXT NOT NULL DEFAULT 'timer' "
        "CHECK (source IN ('timer', 'paper'))",
        # The covering index of `stats` gains the source: paper minutes are not timed ones.
        "DROP INDEX sessions_by_outcome",
        "CREATE INDEX sessions_by_outcome "
        "ON sessions(outcome, routine, day, actual_seconds, source)",
    ),
    # An import's sessions are written in batches while it runs, each batch its own short
    # transaction, but stay invisible (no outcome: every read asks for one) until one last
    # short commit moves each ``pending`` outcome into place. A killed import leaves only
    # pending rows, which the next open removes: an import shows whole or not at all.
    3: (
        "ALTER TABLE sessions ADD COLUMN pending TEXT",
        "CREATE INDEX sessions_pending ON sessions(n) WHERE pending IS NOT NULL",
    ),
}

# The session's number, then the fields of a ``SessionRecord`` but its steps, in order.
SESSION_COLUMNS = ", ".join(
    ["n", *(field.name for field in dataclasses.fields(SessionRecord) if field.name != "steps")]
)
STEP_KEYS = (
    "index",
    "technique",
    "area",
    "side",
    "planned_seconds",
    "seconds_done",
    "completed",
    "skipped",
)


def content_hash(routine: Routine) -> str:
    """A short fingerprint of a routine's content, to tell later edits of the file apart:
    ``Routine.fingerprint``, the one a prescription's handout prints."""
    return routine.fingerprint


@contextlib.contextmanager
def without_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for bulk work on a million small objects.

    Parsing or importing 100,000 sessions makes over a million dicts and tuples that
    all live to the end; the collector would rescan them again and again for nothing
    (about a third of the import time).
    """
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _whole(seconds: float) -> int:
    """Seconds are stored as whole numbers, whatever the caller measured."""
    return round(seconds)


def _micros(moment: datetime) -> int:
    return (moment - _EPOCH) // _MICROSECOND


def _aware(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")
    return moment


def _restore_hint(path: Path) -> str:
    return _(
        "Nothing was changed. Move {path} aside (keep it: it may be recoverable) and restore "
        "your sessions from an export with '{command}'."
    ).format(path=path, command="selfmassage import FILE.json")


class Journal:
    """An open journal database; use ``Journal.open()`` and close it (or use ``with``)."""

    def __init__(
        self, connection: sqlite3.Connection, path: Path, clock: Callable[[], datetime]
    ) -> None:
        self._db = connection
        self.path = path
        self._clock = clock
        self._locks: dict[str, IO[bytes]] = {}
        self._checked = False  # whole-file integrity, checked (or sealed) before the first write
        self._sealed = False
        self._wrote = False
        self._data_version: int | None = None  # changes when another connection commits
        self._marks: dict[MarkKey, Mark] = {}  # course arithmetic so far, kept in the seal
        self._running: dict[str, tuple[str, int]] = {}  # session id -> (routine, day)

    # -- opening -------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, clock: Callable[[], datetime] | None = None) -> Journal:
        """Open (creating if needed) the journal, migrate it, and close abandoned sessions."""
        clock = clock or SystemClock().now
        _check_existing(path)
        _remove_leftovers(path)
        if not path.exists():
            _create_new(path, clock)
        try:
            connection = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise _journal_error(exc, path, N_("open the journal")) from exc
        journal = cls(connection, path, clock)
        try:
            with _sqlite_errors(path, N_("open the journal")):
                journal._read_seal()
                journal._prepare()
                journal._close_abandoned()
                journal._drop_abandoned_import()
        except BaseException:
            connection.close()
            raise
        with contextlib.suppress(OSError):
            if path.stat().st_mode & 0o077:
                path.chmod(0o600)
        return journal

    def _read_seal(self) -> None:
        """Take the journal as checked when it is exactly as a checked run sealed it.

        The data version is read first: a commit by anyone after it shows at ``close``,
        one before it shows in the fingerprint (the WAL, or the file once checkpointed).
        """
        from selfmassage.journal import seal

        self._data_version = self._db.execute("PRAGMA data_version").fetchone()[0]
        sealed = seal.read_seal(self.path)
        if sealed is not None and sealed.fingerprint == seal.fingerprint(self.path):
            self._checked = self._sealed = True
            self._marks = dict(sealed.marks)

    @property
    def sealed(self) -> bool:
        """True when the journal was found as a checked run sealed it: its first write
        skips the whole-file check."""
        return self._sealed

    def _prepare(self) -> None:
        self._db.execute("PRAGMA foreign_keys = ON")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version < SCHEMA_VERSION:
            self._migrate()
        mode = self._db.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            self._db.execute("PRAGMA journal_mode = WAL")

    def _migrate(self) -> None:
        with self._write():
            # Another process may have migrated while we waited for the write lock.
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[target]:
                    self._db.execute(statement)
            if version < SCHEMA_VERSION:
                self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextlib.contextmanager
    def _write(
        self, *, patient: bool = False, keeps_days: bool = False
    ) -> Iterator[sqlite3.Connection]:
        """One short write transaction; BEGIN IMMEDIATE waits (busy timeout) for other writers.

        The first write of a run checks the whole file first, unless it is sealed. A
        ``patient`` write (a running session's) keeps waiting up to
        ``SESSION_WAIT_SECONDS``. A write that may change which days have a completed
        session drops the course marks, unless it says it ``keeps_days`` (and sees to
        the marks itself).
        """
        if not self._checked:
            self._check_integrity()
        self._wrote = True
        if not keeps_days:
            self._marks.clear()
        if patient:
            self._begin_patiently()
        else:
            self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _begin_patiently(self) -> None:
        deadline = time.monotonic() + SESSION_WAIT_SECONDS
        while True:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if not _busy(exc) or time.monotonic() > deadline:
                    raise
            else:
                return

    def _check_integrity(self) -> None:
        """Refuse to write to a journal damaged anywhere, not only in its first page.

        ``quick_check`` reads every page but skips the index-content checks of
        ``integrity_check``: about a tenth of a second per 100,000 sessions
        (benchmarks/journal.py measures it), paid once, by commands that write.
        """
        try:
            rows = self._db.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as exc:
            raise _journal_error(exc, self.path, N_("check the journal")) from exc
        if rows != [("ok",)]:
            first = str(rows[0][0]) if rows else "no answer"
            raise JournalError(
                _("the journal {path} is damaged ({first})").format(path=self.path, first=first),
                hint=_restore_hint(self.path),
            )
        self._checked = True

    def _guard(self, action: str) -> contextlib.AbstractContextManager[None]:
        return _sqlite_errors(self.path, action)

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database; locks of sessions still running are released.

        A run that wrote seals the journal as it leaves it (``journal.seal``) when it
        was checked and no other connection wrote meanwhile; otherwise the seal goes.
        """
        for handle in self._locks.values():
            handle.close()
        self._locks.clear()
        alone = False
        if self._wrote and self._checked:
            with contextlib.suppress(sqlite3.Error):
                version = self._db.execute("PRAGMA data_version").fetchone()[0]
                alone = version == self._data_version
        self._db.close()
        if self._wrote:
            from selfmassage.journal import seal

            if alone:
                seal.renew_seal(self.path, self._marks)
            else:
                seal.drop_seal(self.path)

    # -- recording (the session player) -------------------------------------------------

    def begin_session(
        self,
        routine: Routine,
        *,
        started_at: datetime,
        verdict: str | None,
        pain_before: int | None,
    ) -> str:
        """Write the session row as the session starts; returns its new id."""
        import uuid

        started_at = _aware(started_at, "started_at")
        session_id = str(uuid.uuid4())
        self._lock(session_id)
        try:
            self._insert_session(session_id, routine, started_at, verdict, pain_before)
        except BaseException:
            self._unlock(session_id)
            raise
        return session_id

    def _insert_session(
        self,
        session_id: str,
        routine: Routine,
        started_at: datetime,
        verdict: str | None,
        pain_before: int | None,
    ) -> None:
        self._running[session_id] = (routine.id, started_at.date().toordinal())
        with (
            self._guard(N_("record the start of a session")),
            self._write(patient=True, keeps_days=True) as db,
        ):
            db.execute(
                "INSERT INTO sessions (id, routine, routine_title, content_hash, started_at, "
                "started_us, day, planned_seconds, pain_before, verdict, last_write_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    storable(routine.id),
                    storable(routine.title),
                    content_hash(routine),
                    started_at.isoformat(),
                    _micros(started_at),
                    started_at.date().toordinal(),
                    routine.total_seconds,
                    pain_before,
                    _storable(verdict),
                    self._clock().isoformat(),
                ),
            )
            _remember_course(db, routine.id, routine.course)

    def record_step(self, session_id: str, step: StepRecord) -> None:
        """Write one step as it ends."""
        with self._guard(N_("record a step")), self._write(patient=True, keeps_days=True) as db:
            try:
                cursor = db.execute(
                    "INSERT INTO steps SELECT n, ?, ?, ?, ?, ?, ?, ?, ? FROM sessions "
                    "WHERE id = ? AND outcome IS NULL",
                    (
                        step.index,
                        storable(step.technique),
                        storable(step.area),
                        storable(step.side),
                        _whole(step.planned_seconds),
                        _whole(step.seconds_done),
                        int(step.completed),
                        int(step.skipped),
                        session_id,
                    ),
                )
            except sqlite3.IntegrityError:
                raise JournalError(
                    _("step {index} of session {session_id} is already recorded").format(
                        index=step.index, session_id=session_id
                    )
                ) from None
            if cursor.rowcount != 1:
                raise JournalError(
                    _("no running session {session_id} in the journal {path}").format(
                        session_id=session_id, path=self.path
                    )
                )
            db.execute(
                "UPDATE sessions SET last_write_at = ? WHERE id = ?",
                (self._clock().isoformat(), session_id),
            )

    def finish_session(
        self,
        session_id: str,
        *,
        ended_at: datetime,
        outcome: str,
        actual_seconds: int,
        paused_seconds: int,
        pain_after: int | None,
        pain_where: str | None,
        note: str | None,
    ) -> None:
        """Write the outcome as the session ends."""
        if outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}, not {outcome!r}")
        ended_at = _aware(ended_at, "ended_at")
        with (
            self._guard(N_("record the end of a session")),
            self._write(patient=True, keeps_days=True) as db,
        ):
            cursor = db.execute(
                "UPDATE sessions SET ended_at = ?, outcome = ?, actual_seconds = ?, "
                "paused_seconds = ?, pain_after = ?, pain_where = ?, note = ?, last_write_at = ? "
                "WHERE id = ? AND outcome IS NULL",
                (
                    ended_at.isoformat(),
                    outcome,
                    _whole(actual_seconds),
                    _whole(paused_seconds),
                    pain_after,
                    _storable(pain_where),
                    _storable(note),
                    self._clock().isoformat(),
                    session_id,
                ),
            )
            if cursor.rowcount != 1:
                raise JournalError(
                    _("no running session {session_id} in the journal {path}").format(
                        session_id=session_id, path=self.path
                    )
                )
            if outcome == "completed":
                self._completed_on(*self._running.get(session_id, ("", 0)))
        self._running.pop(session_id, None)
        self._unlock(session_id)

    def _completed_on(self, routine: str, day: int) -> None:
        """Keep the course marks true: a completed day before a mark's last day voids it.

        (An unknown routine, "" with day 0, voids them all.)
        """
        for key in [k for k, mark in self._marks.items() if mark.through > day]:
            if key[0] == routine or not routine:
                del self._marks[key]

    def record_paper(
        self,
        routine: Routine,
        *,
        started_at: datetime,
        seconds: int,
        pain_before: int | None,
        pain_after: int | None,
        note: str | None,
    ) -> str:
        """Write a session done from the paper sheet, whole and finished; returns its new id.

        It has no steps and no verdict (nothing was timed or screened); ``seconds`` is
        what the person says it took (0: not said).
        """
        import uuid

        started_at = _aware(started_at, "started_at")
        session_id = str(uuid.uuid4())
        with self._guard(N_("record a session from paper")), self._write(keeps_days=True) as db:
            db.execute(
                "INSERT INTO sessions (id, routine, routine_title, content_hash, started_at, "
                "started_us, day, ended_at, planned_seconds, actual_seconds, paused_seconds, "
                "outcome, pain_before, pain_after, note, source, last_write_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'completed', ?, ?, ?, 'paper', ?)",
                (
                    session_id,
                    storable(routine.id),
                    storable(routine.title),
                    content_hash(routine),
                    started_at.isoformat(),
                    _micros(started_at),
                    started_at.date().toordinal(),
                    (started_at + timedelta(seconds=seconds)).isoformat(),
                    routine.total_seconds,
                    _whole(seconds),
                    pain_before,
                    pain_after,
                    _storable(note),
                    self._clock().isoformat(),
                ),
            )
            _remember_course(db, routine.id, routine.course)
            self._completed_on(routine.id, started_at.date().toordinal())
        return session_id

    # -- sessions that outlived their process ---------------------------------------------

    def _lock_dir(self) -> Path:
        return self.path.with_name(self.path.name + ".running")

    def _lock(self, session_id: str) -> None:
        try:
            folder = paths.ensure_private_dir(self._lock_dir())
            handle = (folder / session_id).open("wb")
        except OSError as exc:
            raise JournalError(
                _(
                    "cannot record the start of a session: the lock folder {folder} cannot "
                    "be used ({reason})"
                ).format(folder=self._lock_dir(), reason=exc.strerror or exc),
                hint=_(
                    "It holds only the marks of running sessions: if it is a file, move it "
                    "aside and try again."
                ),
            ) from None
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            handle.write(str(os.getpid()).encode())
            handle.flush()
        self._locks[session_id] = handle

    def _unlock(self, session_id: str) -> None:
        handle = self._locks.pop(session_id, None)
        if handle is not None:
            handle.close()
        with contextlib.suppress(OSError):
            (self._lock_dir() / session_id).unlink()

    def _owner_alive(self, session_id: str) -> bool:
        """True while the process that began ``session_id`` still holds its lock."""
        if session_id in self._locks:
            return True
        lock_file = self._lock_dir() / session_id
        try:
            handle = lock_file.open("rb+")
        except OSError:
            return False
        with handle:
            if fcntl is None:
                return _pid_alive(handle.read().decode(errors="replace"))
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return True
            return False

    def _close_abandoned(self) -> None:
        rows = self._db.execute(
            "SELECT id, started_at, last_write_at FROM sessions "
            "WHERE outcome IS NULL AND pending IS NULL"  # an import's rows are not sessions yet
        ).fetchall()
        for session_id, started_at, last_write_at in rows:
            if self._owner_alive(session_id):
                continue
            started = datetime.fromisoformat(started_at)
            last = datetime.fromisoformat(last_write_at).astimezone(started.tzinfo)
            with self._write(keeps_days=True) as db:  # interrupted: no completed day
                done = db.execute(
                    "SELECT COALESCE(SUM(seconds_done), 0) FROM steps "
                    "JOIN sessions ON n = session_n WHERE id = ?",
                    (session_id,),
                ).fetchone()[0]
                # The last write is the best estimate of when the process died.
                elapsed = max(0, round((last - started).total_seconds()))
                db.execute(
                    "UPDATE sessions SET outcome = 'interrupted', ended_at = ?, "
                    "actual_seconds = ?, paused_seconds = ? WHERE id = ? AND outcome IS NULL",
                    (max(last, started).isoformat(), done, max(0, elapsed - done), session_id),
                )
            with contextlib.suppress(OSError):
                (self._lock_dir() / session_id).unlink()

    # -- reading -----------------------------------------------------------------------

    def sessions(
        self, *, limit: int | None = None, routine: str | None = None, newest_first: bool = True
    ) -> tuple[SessionRecord, ...]:
        """Finished sessions, newest first by default."""
        return tuple(self.iter_sessions(limit=limit, routine=routine, newest_first=newest_first))

    def iter_sessions(
        self,
        *,
        limit: int | None = None,
        routine: str | None = None,
        newest_first: bool = True,
        steps: bool = True,
    ) -> Iterator[SessionRecord]:
        """Finished sessions one at a time, in constant memory, newest first by default.

        ``steps=False`` leaves every session's steps out: the history table prints none,
        and loading them is most of the work. Read the iterator while the journal is open.
        """
        sql, params = _listing(SESSION_COLUMNS, limit, routine, newest_first)
        with self._guard(N_("read sessions")):
            cursor = self._db.execute(sql, params)
            while rows := cursor.fetchmany(_READ_BATCH):
                found = self._steps_for([row[0] for row in rows]) if steps else {}
                # The columns after ``n`` are the record's fields but its steps, in order.
                for row in rows:
                    yield SessionRecord(*(*row[1:], found.get(row[0], ())))

    def history_samples(
        self, *, limit: int | None = None, routine: str | None = None
    ) -> tuple[SessionRecord, ...]:
        """One session (no steps) for each way a row of the history table can look.

        A row's cells depend only on the routine, where it came from, the outcome, the
        pains and the seconds (its date is 10 or 16 characters by its source), so these
        few give the table's column widths before its rows are streamed.
        """
        sql, params = _listing(SESSION_COLUMNS, limit, routine, newest_first=True)
        if limit is None:
            sql = sql[: sql.index(" ORDER BY")]
        else:
            sql = f"SELECT {SESSION_COLUMNS} FROM ({sql})"
        sql += " GROUP BY routine, source, outcome, pain_before, pain_after, actual_seconds"
        with self._guard(N_("read sessions")):
            rows = self._db.execute(sql, params).fetchall()
        return tuple(SessionRecord(*(*row[1:], ())) for row in rows)

    def session_json(
        self, *, limit: int | None = None, routine: str | None = None, newest_first: bool = True
    ) -> Iterator[str]:
        """Each finished session as one line of compact JSON in the export's shape.

        SQLite writes the JSON (``exchange.session_data`` through ``json.dumps`` with
        ``ensure_ascii=False`` and no spaces, byte for byte: a test holds them equal),
        so no Python object is made per step: half the time of building them in Python.
        """
        sql, params = _listing(_SESSION_JSON, limit, routine, newest_first)
        with self._guard(N_("read sessions")):
            for (line,) in self._db.execute(sql, params):
                yield line

    def session_csv_rows(self) -> Iterator[tuple[Any, ...]]:
        """Every finished session, oldest first, as the export's CSV columns (``CSV_FIELDS``).

        The steps are counted by SQLite: the CSV shows how many, not which.
        """
        sql, params = _listing(_CSV_COLUMNS, None, None, newest_first=False)
        with self._guard(N_("read sessions")):
            cursor = self._db.execute(sql, params)
            while rows := cursor.fetchmany(_READ_BATCH):
                yield from rows

    def _steps_for(self, numbers: Sequence[int]) -> dict[int, tuple[StepRecord, ...]]:
        found: dict[int, list[StepRecord]] = {}
        # SQLite limits the number of parameters in one statement.
        for start in range(0, len(numbers), _READ_BATCH):
            batch = numbers[start : start + _READ_BATCH]
            rows = self._db.execute(
                "SELECT session_n, idx, technique, area, side, planned_seconds, seconds_done, "
                f"completed, skipped FROM steps WHERE session_n IN ({','.join('?' * len(batch))}) "
                "ORDER BY session_n, idx",
                tuple(batch),
            )
            for n, index, technique, area, side, planned, done, completed, skipped in rows:
                found.setdefault(n, []).append(
                    StepRecord(
                        index, technique, area, side, planned, done, bool(completed), bool(skipped)
                    )
                )
        return {n: tuple(steps) for n, steps in found.items()}

    def count(self) -> int:
        """How many finished sessions the journal holds."""
        with self._guard(N_("count sessions")):
            value: int = self._db.execute(
                "SELECT COUNT(*) FROM sessions WHERE outcome IS NOT NULL"
            ).fetchone()[0]
        return value

    def completed_days(self, routine: str | None = None) -> list[date]:
        """Days of completed sessions, oldest first (one entry per session)."""
        sql = "SELECT day FROM sessions WHERE outcome = 'completed'"
        params: tuple[str, ...] = ()
        if routine is not None:
            sql += " AND routine = ?"
            params = (routine,)
        with self._guard(N_("read sessions")):
            rows = self._db.execute(sql + " ORDER BY started_us", params).fetchall()
        return [date.fromordinal(day) for (day,) in rows]

    def course_progress(self, routine: Routine, *, today: date) -> CourseProgress:
        """Where the user stands in ``routine``'s course on ``today``; a prescription's
        course is counted from its start date (sessions before it belong to no course).

        The same arithmetic as ``stats`` (``journal.stats.course_progress`` over the
        routine's completed days in date order), carried on from the routine's mark
        (``journal.seal``) over the days since it: the end of a session reads the few
        newest days, not every past session of the routine.
        """
        from selfmassage.journal.seal import Mark
        from selfmassage.journal.stats import CourseFold, fold_days, progress_of

        course = routine.course
        since = 0 if routine.prescription is None else routine.prescription.start.toordinal()
        key = (routine.id, since, course.sessions, course.frequency, course.break_days)
        mark = self._marks.get(key)
        fold, after = (CourseFold(), since - 1) if mark is None else (mark.fold, mark.through)
        with self._guard(N_("read sessions")):
            rows = self._db.execute(
                "SELECT DISTINCT day FROM sessions WHERE outcome = 'completed' AND routine = ? "
                "AND day > ? ORDER BY day",
                (routine.id, after),
            ).fetchall()
        days = [date.fromordinal(day) for (day,) in rows]
        fold = fold_days(fold, days, course)
        if days:
            self._marks[key] = Mark.of(days[-1], fold)
        return progress_of(fold, course, today)

    def remember_courses(self, routines: Sequence[Routine]) -> None:
        """Note the ``[course]`` of routines whose course the journal does not know yet."""
        with self._guard(N_("record courses")), self._write(keeps_days=True) as db:
            for routine in routines:
                db.execute(
                    "INSERT OR IGNORE INTO courses VALUES (?, ?, ?, ?)",
                    (
                        routine.id,
                        routine.course.sessions,
                        routine.course.frequency,
                        routine.course.break_days,
                    ),
                )

    def courses(self) -> dict[str, Course]:
        """The ``[course]`` of each routine at its latest session, as the journal remembers it."""
        from selfmassage.routines.model import Course

        with self._guard(N_("read courses")):
            rows = self._db.execute(
                "SELECT routine, sessions, frequency, break_days FROM courses"
            ).fetchall()
        return {routine: Course(n, frequency, days) for routine, n, frequency, days in rows}

    def routine_ids(self) -> list[str]:
        """Every routine that has a finished session."""
        with self._guard(N_("read sessions")):
            rows = self._db.execute(
                "SELECT DISTINCT routine FROM sessions WHERE outcome IS NOT NULL"
            ).fetchall()
        return sorted(routine for (routine,) in rows)

    def summary(self, today: date) -> JournalSummary:
        """The totals ``stats`` shows on ``today`` (``journal.flow`` adds streaks and courses)."""
        from selfmassage.journal.stats import (
            CourseDays,
            JournalSummary,
            Pain,
            PainPoint,
            RoutineTotals,
            Window,
            window_start,
        )
        from selfmassage.routines.model import Course

        week = window_start(today, 7).toordinal()
        month = window_start(today, 30).toordinal()
        with self._guard(N_("read statistics")):
            db = self._db
            routines = []
            total = completed = seconds = 0
            # One pass over the covering index gives every window of every routine.
            for routine, count, done, secs, count7, secs7, count30, secs30 in db.execute(
                # Minutes are timed ones: a session from paper counts, its minutes do not.
                "SELECT routine, COUNT(*), SUM(outcome = 'completed'), "
                "TOTAL(CASE WHEN source = 'timer' THEN actual_seconds END), SUM(day >= :week), "
                "TOTAL(CASE WHEN day >= :week AND source = 'timer' THEN actual_seconds END), "
                "SUM(day >= :month), "
                "TOTAL(CASE WHEN day >= :month AND source = 'timer' THEN actual_seconds END) "
                "FROM sessions WHERE outcome IS NOT NULL GROUP BY routine ORDER BY routine",
                {"week": week, "month": month},
            ):
                total += count
                completed += done
                seconds += secs
                routines.append(
                    RoutineTotals(
                        routine,
                        last_7_days=Window(count7, _minutes(secs7)),
                        last_30_days=Window(count30, _minutes(secs30)),
                        all_time=Window(count, _minutes(secs)),
                    )
                )
            # One text row per routine: far cheaper than a Python row for every session.
            by_routine = {
                routine: (_days(days), _days(others))
                for routine, days, others in db.execute(
                    "SELECT routine, group_concat(CASE WHEN outcome = 'completed' THEN day END), "
                    "group_concat(CASE WHEN outcome != 'completed' THEN day END) "
                    "FROM sessions WHERE outcome IS NOT NULL GROUP BY routine"
                )
            }
            courses = {
                routine: Course(sessions, frequency, break_days)
                for routine, sessions, frequency, break_days in db.execute(
                    "SELECT routine, sessions, frequency, break_days FROM courses"
                )
            }
            rated, before, after = db.execute(
                "SELECT COUNT(*), AVG(pain_before), AVG(pain_after) FROM sessions "
                "WHERE outcome IS NOT NULL AND pain_before IS NOT NULL AND pain_after IS NOT NULL"
            ).fetchone()
            recent = db.execute(
                "SELECT started_at, pain_before, pain_after FROM sessions "
                "WHERE outcome IS NOT NULL ORDER BY started_us DESC, id DESC LIMIT 30"
            ).fetchall()
        return JournalSummary(
            sessions=total,
            completed=completed,
            minutes=_minutes(seconds),
            routines=tuple(routines),
            course_days=tuple(
                CourseDays(routine, days, courses.get(routine), others)
                for routine, (days, others) in sorted(by_routine.items())
            ),
            pain=Pain(
                rated_sessions=rated,
                average_before=None if before is None else round(before, 1),
                average_after=None if after is None else round(after, 1),
                last_30=tuple(PainPoint(*row) for row in reversed(recent)),
            ),
        )

    # -- forgetting ------------------------------------------------------------------

    def find(self, session_id: str) -> SessionRecord | None:
        """The finished session with this id, or None."""
        with self._guard(N_("read sessions")):
            row = self._db.execute(
                f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ? AND outcome IS NOT NULL",
                (session_id,),
            ).fetchone()
            if row is None:
                return None
            steps = self._steps_for([row[0]])
        return SessionRecord(*(*row[1:], steps.get(row[0], ())))

    def forget(self, session_id: str) -> bool:
        """Delete a finished session and its steps for good; False if there is none."""
        with self._guard(N_("forget a session")), self._write() as db:
            found = db.execute(
                "SELECT n FROM sessions WHERE id = ? AND outcome IS NOT NULL", (session_id,)
            ).fetchone()
            if found is None:
                return False
            db.execute("DELETE FROM steps WHERE session_n = ?", found)
            db.execute("DELETE FROM sessions WHERE n = ?", found)
        return True

    # -- import ------------------------------------------------------------------------

    def add_sessions(self, records: Iterable[dict[str, Any]]) -> tuple[int, int]:
        """Add validated sessions (export shape, read as they come); returns (added, skipped).

        All or nothing, in constant memory. They are written in batches of
        ``IMPORT_BATCH``, each its own short transaction, so a session running in another
        terminal writes its steps between two batches; but they stay pending (invisible
        to every read) until one last short transaction makes them all sessions at once.
        If ``records`` raises, or the process is killed, none of them is ever seen: an
        error removes them here, a kill leaves them to the next open (``_drop_abandoned_import``).
        """
        # A bigger page cache (the id index is written in random order: 8 MiB holds that
        # of 100,000 sessions, and the import stays well under 100 MiB), and no per-step
        # foreign-key lookup: the step rows get their session's number right here. (The
        # pragmas are ignored inside a transaction, so they are set first.)
        self._db.execute("PRAGMA cache_size = -8192")
        self._db.execute("PRAGMA foreign_keys = OFF")
        try:
            with self._guard(N_("import sessions")), self._import_lock(wait=True):
                # Holding the lock, any pending session is a killed import's, even one
                # killed while this one waited for it.
                self._drop_pending()
                try:
                    # Pending batches need no sync to disk of their own: if the power goes
                    # they are lost or not, and either way nobody ever saw them. The last
                    # commit, which shows them, is synced (and with it all before it).
                    self._db.execute("PRAGMA synchronous = NORMAL")
                    with without_gc():
                        added, total = self._add_pending(records)
                    self._db.execute("PRAGMA synchronous = FULL")
                    with self._write() as db:
                        db.execute(
                            "UPDATE sessions SET outcome = pending, pending = NULL "
                            "WHERE pending IS NOT NULL"
                        )
                except BaseException:
                    with contextlib.suppress(sqlite3.Error):
                        self._drop_pending()
                    raise
        finally:
            self._db.execute("PRAGMA synchronous = FULL")
            self._db.execute("PRAGMA foreign_keys = ON")
        return added, total - added

    def _add_pending(self, records: Iterable[dict[str, Any]]) -> tuple[int, int]:
        """Write ``records`` as pending sessions, batch by batch; returns (added, read).

        A session whose id the journal holds (finished, running or pending: written by
        anyone, this import too) is skipped; the index of ids answers, so nothing grows.
        """
        import itertools

        added = total = 0
        stream = iter(records)
        while batch := list(itertools.islice(stream, IMPORT_BATCH)):
            if total:
                self._let_sessions_write()
            total += len(batch)
            with self._write() as db:
                ids = [r["id"] for r in batch]
                held: set[str] = set()
                for start in range(0, len(ids), _READ_BATCH):
                    part = ids[start : start + _READ_BATCH]
                    marks = ",".join("?" * len(part))
                    held.update(
                        session_id
                        for (session_id,) in db.execute(
                            f"SELECT id FROM sessions WHERE id IN ({marks})", part
                        )
                    )
                new = [r for r in batch if r["id"] not in held]
                first = db.execute("SELECT COALESCE(MAX(n), 0) + 1 FROM sessions").fetchone()[0]
                self._insert_records(db, new, first)
                added += len(new)
        return added, total

    def _drop_pending(self) -> None:
        """Remove the pending sessions of an import that did not finish, a batch at a time.

        Nobody can see them, so each batch is its own short transaction.
        """
        pending = "SELECT n FROM sessions WHERE pending IS NOT NULL ORDER BY n LIMIT ?"
        while True:
            with self._write() as db:
                numbers = [n for (n,) in db.execute(pending, (IMPORT_BATCH,))]
                if not numbers:
                    return
                marks = ",".join("?" * len(numbers))
                db.execute(f"DELETE FROM steps WHERE session_n IN ({marks})", numbers)
                db.execute(f"DELETE FROM sessions WHERE n IN ({marks})", numbers)

    def _drop_abandoned_import(self) -> None:
        """Remove what an import killed half-way left: pending sessions nobody is importing."""
        row = self._db.execute("SELECT 1 FROM sessions WHERE pending IS NOT NULL LIMIT 1")
        if row.fetchone() is None:
            return
        with self._import_lock(wait=False) as mine:
            if mine:  # else an import is running right now: they are its sessions
                self._drop_pending()

    @contextlib.contextmanager
    def _import_lock(self, *, wait: bool) -> Iterator[bool]:
        """One import at a time: an advisory lock on a file beside the journal.

        It tells the pending sessions of a running import from those of a killed one.
        Yields whether the lock is held (without ``wait``, False when another holds it).
        """
        lock_file = self.path.with_name(self.path.name + ".import")
        try:
            descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise JournalError(
                _("cannot import: the lock file {lock_file} cannot be used ({reason})").format(
                    lock_file=lock_file, reason=exc.strerror or exc
                )
            ) from None
        with os.fdopen(descriptor, "rb+") as handle:
            if fcntl is None:  # no advisory locks: the importing process's id says it
                other = handle.read().decode(errors="replace")
                if other and other.strip() != str(os.getpid()) and _pid_alive(other):
                    if not wait:
                        yield False
                        return
                    raise JournalError(
                        _("cannot import: another import is running"),
                        hint=_("Try again when it is done."),
                    )
                handle.seek(0)
                handle.truncate()
                handle.write(str(os.getpid()).encode())
                handle.flush()
            else:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
                except OSError:
                    yield False
                    return
            yield True

    def _let_sessions_write(self) -> None:
        """Pause between import batches while a session runs, so its next write gets in."""
        try:
            running = any(self._lock_dir().iterdir())
        except OSError:
            running = False
        if running:
            time.sleep(IMPORT_PAUSE_SECONDS)

    def _insert_records(
        self, db: sqlite3.Connection, records: Sequence[dict[str, Any]], first: int
    ) -> None:
        now = self._clock().isoformat()
        step_values = operator.itemgetter(*STEP_KEYS)
        session_rows: list[tuple[Any, ...]] = []
        step_rows: list[tuple[Any, ...]] = []
        for n, record in enumerate(records, start=first):
            started = datetime.fromisoformat(record["started_at"])
            session_rows.append(
                (
                    n,
                    record["id"],
                    record["routine"],
                    # Both may be null in an export (the check allows it); the columns may not.
                    record.get("routine_title") or record["routine"],
                    record.get("content_hash") or "",
                    record["started_at"],
                    _micros(started),
                    started.date().toordinal(),
                    record["ended_at"],
                    record["planned_seconds"],
                    record["actual_seconds"],
                    record["paused_seconds"],
                    record["outcome"],
                    record["pain_before"],
                    record["pain_after"],
                    record.get("pain_where"),
                    record.get("note"),
                    record.get("verdict"),
                    record.get("source") or "timer",
                    now,
                )
            )
            # sqlite3 stores True and False as 1 and 0.
            step_rows.extend([(n, *step_values(s)) for s in record["steps"]])
        db.executemany(
            "INSERT INTO sessions (n, id, routine, routine_title, content_hash, started_at, "
            "started_us, day, ended_at, planned_seconds, actual_seconds, paused_seconds, "
            "pending, pain_before, pain_after, pain_where, note, verdict, source, last_write_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            session_rows,
        )
        db.executemany("INSERT INTO steps VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", step_rows)


# Sessions read per step query (SQLite limits a statement's parameters) and per fetch.
_READ_BATCH = 500


def _listing(
    columns: str, limit: int | None, routine: str | None, newest_first: bool
) -> tuple[str, list[Any]]:
    """The query of finished sessions (``routine``'s only if given) in time order."""
    where = "outcome IS NOT NULL"
    params: list[Any] = []
    if routine is not None:
        where += " AND routine = ?"
        params.append(routine)
    order = "DESC" if newest_first else "ASC"
    sql = f"SELECT {columns} FROM sessions WHERE {where} ORDER BY started_us {order}, id {order}"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params


def _json_object(pairs: Sequence[tuple[str, str]]) -> str:
    """SQL that writes a JSON object of (key, SQL value that is already JSON) in this order.

    A value that is its key's own column is a whole number never NULL, written as ``%d``.
    """
    template = ",".join(f'"{key}":%d' if value == key else f'"{key}":%s' for key, value in pairs)
    return f"printf('{{{template}}}', {', '.join(value for _, value in pairs)})"


def _bool(column: str) -> str:
    return f"CASE WHEN {column} THEN 'true' ELSE 'false' END"


# ``json_quote`` writes text as ``json.dumps(..., ensure_ascii=False)`` does (the same
# escapes, lower-case hex), numbers as digits and NULL as null.
_STEP_JSON = _json_object(
    [
        ("index", "idx"),
        ("technique", "json_quote(technique)"),
        ("area", "json_quote(area)"),
        ("side", "json_quote(side)"),
        # Whole numbers that are never NULL: %d is quicker than json_quote, a million times.
        ("planned_seconds", "planned_seconds"),
        ("seconds_done", "seconds_done"),
        ("completed", _bool("completed")),
        ("skipped", _bool("skipped")),
    ]
)
_SESSION_JSON = _json_object(
    [
        *(
            (field.name, f"json_quote({field.name})")
            for field in dataclasses.fields(SessionRecord)
            if field.name != "steps"
        ),
        (
            "steps",
            # Steps in their order; group_concat of none is NULL, which %s prints as nothing.
            "'[' || coalesce((SELECT group_concat(step, ',') FROM "
            f"(SELECT {_STEP_JSON} AS step FROM steps WHERE session_n = n ORDER BY idx)), '') "
            "|| ']'",
        ),
    ]
)
# The CSV's columns: the session's fields, how many steps (done, skipped), the source last.
CSV_FIELDS = (
    "id",
    "routine",
    "routine_title",
    "content_hash",
    "started_at",
    "ended_at",
    "planned_seconds",
    "actual_seconds",
    "paused_seconds",
    "outcome",
    "pain_before",
    "pain_after",
    "pain_where",
    "note",
    "verdict",
    "steps",
    "steps_completed",
    "steps_skipped",
    "source",
)
_CSV_COLUMNS = ", ".join(
    [
        *CSV_FIELDS[:-4],
        "(SELECT COUNT(*) FROM steps WHERE session_n = n)",
        "(SELECT COUNT(*) FROM steps WHERE session_n = n AND completed)",
        "(SELECT COUNT(*) FROM steps WHERE session_n = n AND skipped)",
        "source",
    ]
)


def _remember_course(db: sqlite3.Connection, routine: str, course: Course) -> None:
    db.execute(
        "INSERT OR REPLACE INTO courses VALUES (?, ?, ?, ?)",
        (routine, course.sessions, course.frequency, course.break_days),
    )


def _days(ordinals: str | None) -> tuple[date, ...]:
    """The dates of a ``group_concat`` of day ordinals, oldest first."""
    if not ordinals:
        return ()
    return tuple(date.fromordinal(d) for d in sorted(map(int, ordinals.split(","))))


def _minutes(seconds: float) -> float:
    """Minutes to a tenth, as ``stats`` counts them."""
    return round(seconds / 60, 1)


def _storable(text: str | None) -> str | None:
    return None if text is None else storable(text)


# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_NOTADB = 26


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def _busy(exc: sqlite3.Error) -> bool:
    return _code(exc) in (_SQLITE_BUSY, _SQLITE_LOCKED) or (
        _code(exc) is None and ("locked" in str(exc) or "busy" in str(exc))
    )


def _journal_error(exc: sqlite3.Error, path: Path, action: str) -> JournalError:
    """What went wrong, by SQLite's result code: damage only when the file is damaged.

    A read-only folder or a full disk is the machine's state, not the journal's: the
    advice to move the journal aside is only for a file that is really damaged.
    """
    code = _code(exc)
    folder = path.parent
    # Translators: {action} is what was being done, e.g. "read sessions" (an infinitive).
    action = _(action)
    if _busy(exc):
        return JournalError(
            _(
                "cannot {action}: the journal {path} is busy (another selfmassage is writing)"
            ).format(action=action, path=path),
            hint=_("Try again in a moment."),
        )
    if code == _SQLITE_FULL:
        return JournalError(
            _("cannot {action}: the disk holding the journal {path} is full").format(
                action=action, path=path
            ),
            hint=_("Nothing was lost: free some space and try again."),
        )
    if code == _SQLITE_READONLY:
        return JournalError(
            _(
                "cannot {action}: the journal {path} is read-only (the file or its "
                "folder cannot be written)"
            ).format(action=action, path=path),
            hint=_(
                "Nothing was changed. Check the permissions of {folder} and the files in it."
            ).format(folder=folder),
        )
    if code in (_SQLITE_CANTOPEN, _SQLITE_PERM):
        return JournalError(
            _("cannot {action}: the journal {path} cannot be opened ({detail})").format(
                action=action, path=path, detail=exc
            ),
            hint=_("Check that {folder} is a folder you can read and write.").format(folder=folder),
        )
    if code == _SQLITE_IOERR:
        return JournalError(
            _("cannot {action}: the disk failed while using the journal {path} ({detail})").format(
                action=action, path=path, detail=exc
            ),
            hint=_("Nothing was changed. Check the disk (is it full, or gone?) and try again."),
        )
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or (
        code is None and type(exc) is sqlite3.DatabaseError
    ):
        return JournalError(
            _("cannot {action}: the journal {path} is damaged ({detail})").format(
                action=action, path=path, detail=exc
            ),
            hint=_restore_hint(path),
        )
    return JournalError(
        _("cannot {action}: {detail} (the journal {path})").format(
            action=action, detail=exc, path=path
        )
    )


@contextlib.contextmanager
def _sqlite_errors(path: Path, action: str) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        raise _journal_error(exc, path, action) from exc


def _pid_alive(text: str) -> bool:
    try:
        pid = int(text.strip())
    except ValueError:
        return False
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def _create_new(path: Path, clock: Callable[[], datetime]) -> None:
    """Build a new journal under a temporary name, then link it into place.

    The journal file therefore never exists half-made: an empty journal can only
    be damage from outside (Watson's issue #499), and it is refused, not reused.
    """
    temp = path.with_name(f".{path.name}.{os.getpid()}.new")
    try:
        paths.ensure_private_dir(path.parent)
        # 0600 before SQLite writes a byte: it copies these permissions to -wal/-shm.
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        connection = sqlite3.connect(temp, isolation_level=None)
        try:
            new = Journal(connection, temp, clock)
            with _sqlite_errors(path, N_("create the journal")):
                new._prepare()
        finally:
            connection.close()
        try:
            os.link(temp, path)
        except FileExistsError:
            pass  # another process created it first: use theirs
        except OSError:
            # A file system without hard links: a rename, checked first, is the next best.
            if not path.exists():
                temp.replace(path)
    except OSError as exc:
        raise JournalError(
            _("cannot create the journal {path}: {reason}").format(
                path=path, reason=exc.strerror or exc
            ),
            hint=_("Check that {parent} is a folder you can write.").format(parent=path.parent),
        ) from exc
    finally:
        for leftover in (
            temp,
            temp.with_name(temp.name + "-wal"),
            temp.with_name(temp.name + "-shm"),
        ):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _remove_leftovers(path: Path) -> None:
    """Remove what a process killed while creating a journal left behind.

    ``_create_new`` builds under ``.journal.sqlite3.PID.new``; a SIGKILL skips its
    ``finally``. A leftover whose process is gone is removed at the next start.
    """
    prefix = f".{path.name}."
    try:
        names = [entry.name for entry in os.scandir(path.parent) if entry.name.startswith(prefix)]
    except OSError:
        return
    for name in names:
        pid, dot, rest = name[len(prefix) :].partition(".")
        if not dot or not rest.startswith("new") or not pid.isdigit():
            continue
        if int(pid) != os.getpid() and _pid_alive(pid):
            continue  # another process is creating the journal right now
        with contextlib.suppress(OSError):
            (path.parent / name).unlink()


def journal_exists(path: Path) -> bool:
    """Whether there is a journal at ``path``; an error when its folder cannot be reached.

    False only when the journal (or its data folder) is simply not there yet: a data
    folder that is a file, or one that cannot be read, is an error, never an empty journal.
    """
    try:
        path.stat()
    except FileNotFoundError:
        return False
    except NotADirectoryError:
        raise JournalError(
            _("cannot reach the journal {path}: a part of its folder {parent} is a file").format(
                path=path, parent=path.parent
            ),
            hint=_("Move that file aside, or set SELFMASSAGE_HOME to another folder."),
        ) from None
    except OSError as exc:
        raise JournalError(
            _("cannot reach the journal {path}: {reason}").format(
                path=path, reason=exc.strerror or exc
            ),
            hint=_("Check that {parent} is a folder you can read.").format(parent=path.parent),
        ) from None
    return True


def _check_existing(path: Path) -> None:
    """Refuse, without writing a byte, a file that is not a usable journal for this version."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise JournalError(
            _("the journal {path} is a folder, not a file").format(path=path)
        ) from None
    except NotADirectoryError:
        journal_exists(path)  # names the part of the folder that is a file
        raise
    except PermissionError as exc:
        raise JournalError(
            _("cannot read the journal {path}: {reason}").format(path=path, reason=exc.strerror),
            hint=_("Nothing was changed. Check the permissions of {path} and {parent}.").format(
                path=path, parent=path.parent
            ),
        ) from None
    except OSError as exc:
        raise JournalError(
            _("cannot read the journal {path}: {reason}").format(path=path, reason=exc.strerror),
            hint=_restore_hint(path),
        ) from None
    if not header:
        # New journals are linked into place whole, so an empty one lost its sessions.
        raise JournalError(
            _("the journal {path} is empty").format(path=path), hint=_restore_hint(path)
        )
    if header != SQLITE_HEADER:
        raise JournalError(
            _("the journal {path} is damaged or is not a selfmassage journal").format(path=path),
            hint=_restore_hint(path),
        )
    try:
        uri = path.resolve().as_uri() + "?mode=ro"
        probe = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error as exc:
        raise _journal_error(exc, path, N_("read the journal")) from None
    try:
        version = probe.execute("PRAGMA user_version").fetchone()[0]
        # Reading the schema makes SQLite check the file's structure.
        objects = probe.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.Error as exc:
        if _code(exc) in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            raise JournalError(
                _("the journal {path} is damaged ({detail})").format(path=path, detail=exc),
                hint=_restore_hint(path),
            ) from None
        raise _journal_error(exc, path, N_("read the journal")) from None
    finally:
        probe.close()
    if version == 0 and objects:
        # Some other program's database: adding our tables to it would change it.
        raise JournalError(
            _("the journal {path} is damaged or is not a selfmassage journal").format(path=path),
            hint=_restore_hint(path),
        )
    if version > SCHEMA_VERSION:
        from selfmassage import __version__

        raise JournalError(
            _(
                "the journal {path} was written by a newer selfmassage (journal "
                "version {version}; this is selfmassage {program}, which reads up to "
                "version {schema_version})"
            ).format(
                path=path, version=version, program=__version__, schema_version=SCHEMA_VERSION
            ),
            hint=_("Nothing was changed. Upgrade selfmassage to use it."),
        )
