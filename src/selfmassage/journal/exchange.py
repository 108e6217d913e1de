"""The journal's data shapes: export JSON and CSV, ``--json`` of history and stats, imports.

Every shape a user or a script reads is made here from the journal's frozen
records, and nowhere else. An import is how a user restores a backup or moves to
a new machine, so the whole file is checked before anything is written, and every
problem names the session (its place in the file and its id) and the field.
"""

from __future__ import annotations

import contextlib
import json
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NoReturn

from selfmassage.errors import InvalidFile
from selfmassage.i18n import N_, _
from selfmassage.journal.store import (
    CSV_FIELDS,
    EARLIEST_SESSION,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    FUTURE_SLACK,
    OUTCOMES,
    SOURCES,
    STEP_KEYS,
    without_gc,
)
from selfmassage.routines.model import ID_PATTERN, SIDES
from selfmassage.text import has_lone_surrogate, json_safe, printable_lines

if TYPE_CHECKING:
    from selfmassage.files.problems import Problems
    from selfmassage.journal.records import SessionRecord, StepRecord

MAX_PROBLEMS = 20
NOT_IMPORTED = N_("Nothing was imported.")
REQUIRED_KEYS = frozenset(
    {
        "id",
        "routine",
        "started_at",
        "ended_at",
        "outcome",
        "planned_seconds",
        "actual_seconds",
        "paused_seconds",
        "pain_before",
        "pain_after",
        "steps",
    }
)
# ``source`` came with version 2 of the journal: exports without it are timed sessions.
OPTIONAL_KEYS = frozenset(
    {"routine_title", "content_hash", "pain_where", "note", "verdict", "source"}
)
SESSION_KEYS = REQUIRED_KEYS | OPTIONAL_KEYS
STEP_KEY_SET = frozenset(STEP_KEYS)
CSV_COLUMNS = CSV_FIELDS
# Free text a spreadsheet would run as a formula if it starts with one of these.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A line of a cell that starts like a formula (a spreadsheet may split the cell there).
_FORMULA_LINE = re.compile(r"(?<=\n)(?=[=+\-@\t])")
# A JSON \u escape of a surrogate: the only way a lone surrogate gets into parsed JSON.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")


def step_data(step: StepRecord) -> dict[str, Any]:
    """A step as the export and ``history --json`` show it."""
    return {
        "index": step.index,
        "technique": step.technique,
        "area": step.area,
        "side": step.side,
        "planned_seconds": step.planned_seconds,
        "seconds_done": step.seconds_done,
        "completed": step.completed,
        "skipped": step.skipped,
    }


def session_data(session: SessionRecord) -> dict[str, Any]:
    """A session as the export and ``history --json`` show it, and as ``import`` reads it."""
    return {
        "id": session.id,
        "routine": session.routine,
        "routine_title": session.routine_title,
        "content_hash": session.content_hash,
        "started_at": session.started_at,
        "ended_at": session.ended_at,
        "planned_seconds": session.planned_seconds,
        "actual_seconds": session.actual_seconds,
        "paused_seconds": session.paused_seconds,
        "outcome": session.outcome,
        "pain_before": session.pain_before,
        "pain_after": session.pain_after,
        "pain_where": session.pain_where,
        "note": session.note,
        "verdict": session.verdict,
        "source": session.source,
        "steps": [step_data(step) for step in session.steps],
    }


def session_record(data: dict[str, Any]) -> SessionRecord:
    """A checked export record (``parse_export``) as the journal would list it."""
    from selfmassage.journal.records import SessionRecord, StepRecord

    return SessionRecord(
        id=data["id"],
        routine=data["routine"],
        routine_title=data.get("routine_title") or data["routine"],
        content_hash=data.get("content_hash") or "",
        started_at=data["started_at"],
        ended_at=data["ended_at"],
        planned_seconds=data["planned_seconds"],
        actual_seconds=data["actual_seconds"],
        paused_seconds=data["paused_seconds"],
        outcome=data["outcome"],
        pain_before=data["pain_before"],
        pain_after=data["pain_after"],
        pain_where=data.get("pain_where"),
        note=data.get("note"),
        verdict=data.get("verdict"),
        source=data.get("source") or "timer",
        steps=tuple(StepRecord(*_STEP_VALUES(step)) for step in data["steps"]),
    )


def export_json(sessions: Iterable[SessionRecord]) -> str:
    """The export document: one session a line, so it stays readable and diffs well."""
    lines = (
        json.dumps(session_data(session), ensure_ascii=False, separators=(",", ":"))
        for session in sessions
    )
    return "".join(export_json_chunks(lines))


def export_json_chunks(lines: Iterable[str]) -> Iterator[str]:
    """The export document in pieces, from each session's line of compact JSON.

    Written as it is read: a journal of any size is exported in constant memory.
    """
    head = f'{{"format":"{EXPORT_FORMAT}","version":{EXPORT_VERSION},"sessions":['
    yield from session_list_chunks(head, lines, "]}\n")


def session_list_chunks(head: str, lines: Iterable[str], tail: str) -> Iterator[str]:
    """``head``, the JSON ``lines`` one a line with commas between them, ``tail``.

    DEL and C1 controls would reach a terminal raw; escaped, they read back the same.
    """
    import itertools

    stream = iter(lines)
    first = list(itertools.islice(stream, _CHUNK_LINES))
    if not first:
        yield head + tail
        return
    yield _json_safe(head + "\n" + ",\n".join(first))
    while batch := list(itertools.islice(stream, _CHUNK_LINES)):
        yield _json_safe(",\n" + ",\n".join(batch))
    yield "\n" + tail


def _json_safe(text: str) -> str:
    """``json_safe``, with the common case (ASCII but DEL: nothing to escape) found at C speed."""
    if text.isascii() and "\x7f" not in text:
        return text
    return json_safe(text)


# Lines joined into one write: few system calls, and little held at once.
_CHUNK_LINES = 256


def _cell(value: Any) -> Any:
    """A CSV cell: control characters shown as escapes, no line starting like a formula.

    Every line break is one newline (the csv writer quotes a cell holding one), and a
    line that starts with a formula character, the first or one after a break, gets
    the apostrophe that tells a spreadsheet it is text.
    """
    if not isinstance(value, str):
        return "" if value is None else value
    text = printable_lines(value)
    if text.startswith(_FORMULA_START):
        text = "'" + text
    if "\n" in text:
        text = _FORMULA_LINE.sub("'", text)
    return text


def export_csv(sessions: Iterable[SessionRecord]) -> str:
    """One row per session under a header row; steps summarised as counts."""
    rows = (
        (
            *(getattr(session, column) for column in CSV_COLUMNS[:-4]),
            len(session.steps),
            sum(1 for step in session.steps if step.completed),
            sum(1 for step in session.steps if step.skipped),
            session.source,
        )
        for session in sessions
    )
    return "".join(export_csv_chunks(rows))


def export_csv_chunks(rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The CSV in pieces: the header row, then ``rows`` (values in ``CSV_COLUMNS`` order).

    Every cell goes through ``_cell``; the columns that hold only ids, times and words
    of ours (never a formula, never a control character) are left as they are.
    """
    import csv
    import io
    import itertools

    out = io.StringIO()
    # Quote every cell holding a line break, whatever the line terminator.
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    yield out.getvalue()
    free = [i for i, column in enumerate(CSV_COLUMNS) if column not in _PLAIN_CSV]
    stream = iter(rows)
    while batch := list(itertools.islice(stream, _CHUNK_LINES)):
        out.seek(0)
        out.truncate()
        for row in batch:
            cells = list(row)
            for i in free:
                cells[i] = _cell(cells[i])
            writer.writerow(cells)
        yield out.getvalue()


# Columns the journal fills itself (a UUID, ISO times, counts, one of our words): _cell
# would give each back unchanged, and skipping it is a third of the CSV's time.
_PLAIN_CSV = frozenset(
    {
        "id",
        "started_at",
        "ended_at",
        "planned_seconds",
        "actual_seconds",
        "paused_seconds",
        "outcome",
        "pain_before",
        "pain_after",
        "steps",
        "steps_completed",
        "steps_skipped",
        "source",
    }
)


# -- reading an export -------------------------------------------------------------------


# SQLite stores integers in 64 bits; anything larger would fail half-way through an import.
_SQLITE_MAX_INT = 2**63 - 1


def _is_int(value: object) -> bool:
    return type(value) is int


def _is_count(value: object) -> bool:
    """A whole number from 0 that the journal can store."""
    return type(value) is int and 0 <= value <= _SQLITE_MAX_INT


def _describe(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_time(
    value: object, key: str, where: str, problems: Problems, latest: datetime
) -> datetime | None:
    if not isinstance(value, str):
        problems.add(
            _("'{key}' must be an ISO 8601 date and time, not {value}").format(
                key=key, value=_describe(value)
            ),
            location=where,
        )
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        problems.add(
            _("'{key}' must be an ISO 8601 date and time, not {value}").format(
                key=key, value=_describe(value)
            ),
            location=where,
        )
        return None
    if moment.utcoffset() is None:
        problems.add(
            _("'{key}' must include a UTC offset (like +01:00), not {value!r}").format(
                key=key, value=value
            ),
            location=where,
        )
        return None
    if not EARLIEST_SESSION <= moment <= latest:
        problems.add(
            _(
                "'{key}' {value} is out of range: a session is from 2000 on and at "
                "most a day ahead of now"
            ).format(key=key, value=value),
            location=where,
        )
        return None
    return moment


def _check_seconds(record: dict[str, Any], key: str, where: str, problems: Problems) -> None:
    value = record[key]
    if not _is_count(value):
        problems.add(
            _("'{key}' must be a whole number of seconds (0 or more), not {value}").format(
                key=key, value=_describe(value)
            ),
            location=where,
        )


def _check_text(
    record: dict[str, Any], key: str, where: str, problems: Problems, *, optional: bool
) -> None:
    value = record.get(key)
    if value is None and optional:
        return
    if not isinstance(value, str) or (not optional and not value):
        need = (
            _("'{key}' must be text or null, not {value}")
            if optional
            else _("'{key}' must be non-empty text, not {value}")
        )
        problems.add(need.format(key=key, value=_describe(value)), location=where)


_STEP_VALUES = operator.itemgetter(*STEP_KEYS)
_STEP_TYPES = (int, str, str, str, int, int, bool, bool)
_STEP_INDEX = operator.itemgetter("index")


def _valid_step(step: object) -> bool:
    """The common case, checked fast: a 100,000-session import has a million steps."""
    if type(step) is not dict or step.keys() != STEP_KEY_SET:
        return False
    index, technique, area, side, planned, done, _x, _y = values = _STEP_VALUES(step)
    return (
        tuple(map(type, values)) == _STEP_TYPES
        and 0 <= index <= _SQLITE_MAX_INT
        and 0 <= planned <= _SQLITE_MAX_INT
        and 0 <= done <= _SQLITE_MAX_INT
        and side in SIDES
        and technique != ""
        and area != ""
    )


def _check_steps(steps: object, where: str, problems: Problems) -> None:
    if not isinstance(steps, list):
        problems.add(
            _("'steps' must be a list, not {value}").format(value=_describe(steps)), location=where
        )
        return
    if all(map(_valid_step, steps)) and len(set(map(_STEP_INDEX, steps))) == len(steps):
        return
    seen: set[int] = set()
    for number, step in enumerate(steps):
        if _valid_step(step) and step["index"] not in seen:
            seen.add(step["index"])
            continue
        here = f"steps[{number}]"
        if not isinstance(step, dict):
            problems.add(
                _("'{here}' must be an object, not {value}").format(
                    here=here, value=_describe(step)
                ),
                location=where,
            )
            continue
        keys = step.keys()
        if keys != STEP_KEY_SET:
            for key in sorted(keys - STEP_KEY_SET):
                problems.add(
                    _("'{here}.{key}' is not a step field").format(here=here, key=key),
                    location=where,
                )
            for key in sorted(STEP_KEY_SET - keys):
                problems.add(
                    _("'{here}.{key}' is missing").format(here=here, key=key), location=where
                )
            continue
        index = step["index"]
        if not _is_count(index):
            problems.add(
                _("'{here}.index' must be a whole number (0 or more)").format(here=here),
                location=where,
            )
        elif index in seen:
            problems.add(
                _("'{here}.index' {index} appears twice").format(here=here, index=index),
                location=where,
            )
        else:
            seen.add(index)
        for key in ("technique", "area"):
            if not (isinstance(step[key], str) and step[key]):
                problems.add(
                    _("'{here}.{key}' must be non-empty text").format(here=here, key=key),
                    location=where,
                )
        if step["side"] not in SIDES:
            problems.add(
                _("'{here}.side' must be one of {choices}, not {value}").format(
                    here=here, choices=", ".join(SIDES), value=_describe(step["side"])
                ),
                location=where,
            )
        for key in ("planned_seconds", "seconds_done"):
            if not _is_count(step[key]):
                problems.add(
                    _("'{here}.{key}' must be a whole number of seconds (0 or more)").format(
                        here=here, key=key
                    ),
                    location=where,
                )
        for key in ("completed", "skipped"):
            if type(step[key]) is not bool:
                problems.add(
                    _("'{here}.{key}' must be true or false").format(here=here, key=key),
                    location=where,
                )


def _check_session(record: object, number: int, problems: Problems, latest: datetime) -> None:
    where = _("{file}: session {n}").format(file=problems.path, n=number)
    if not isinstance(record, dict):
        problems.add(
            _("must be an object, not {value}").format(value=_describe(record)), location=where
        )
        return
    raw_id = record.get("id")
    if isinstance(raw_id, str):
        where = _("{file}: session {n} (id {id})").format(
            file=problems.path, n=number, id=raw_id[:40]
        )
    keys = record.keys()
    if not (REQUIRED_KEYS <= keys <= SESSION_KEYS):
        for key in sorted(keys - SESSION_KEYS):
            problems.add(_("'{key}' is not a session field").format(key=key), location=where)
        for key in sorted(REQUIRED_KEYS - keys):
            problems.add(_("'{key}' is missing").format(key=key), location=where)
        return
    # Ids and times are stored in canonical form, so an import exports exactly as the
    # journal would; a bad record stops the whole import, so rewriting them here is safe.
    import uuid  # here: the --json of history and stats need none of it

    try:
        record["id"] = str(uuid.UUID(raw_id))
    except (TypeError, ValueError, AttributeError):
        problems.add(
            _("'id' must be a UUID, not {value}").format(value=_describe(raw_id)), location=where
        )
    routine = record["routine"]
    if not (isinstance(routine, str) and ID_PATTERN.match(routine)):
        problems.add(
            _("'routine' must be a routine id, not {value}").format(value=_describe(routine)),
            location=where,
        )
    started = _check_time(record["started_at"], "started_at", where, problems, latest)
    ended = _check_time(record["ended_at"], "ended_at", where, problems, latest)
    if started is not None and ended is not None:
        if ended < started:
            problems.add(_("'ended_at' is before 'started_at'"), location=where)
        record["started_at"] = started.isoformat()
        record["ended_at"] = ended.isoformat()
    if record["outcome"] not in OUTCOMES:
        problems.add(
            _("'outcome' must be one of {choices}, not {value}").format(
                choices=", ".join(OUTCOMES), value=_describe(record["outcome"])
            ),
            location=where,
        )
    for key in ("planned_seconds", "actual_seconds", "paused_seconds"):
        _check_seconds(record, key, where, problems)
    for key in ("pain_before", "pain_after"):
        value = record[key]
        if value is not None and not (_is_int(value) and 0 <= value <= 10):
            problems.add(
                _("'{key}' must be a whole number from 0 to 10 or null, not {value}").format(
                    key=key, value=_describe(value)
                ),
                location=where,
            )
    _check_text(record, "routine_title", where, problems, optional=True)
    _check_text(record, "content_hash", where, problems, optional=True)
    for key in ("pain_where", "note", "verdict"):
        _check_text(record, key, where, problems, optional=True)
    source = record.get("source", "timer")
    if source not in SOURCES:
        problems.add(
            _("'source' must be one of {choices}, not {value}").format(
                choices=", ".join(SOURCES), value=_describe(source)
            ),
            location=where,
        )
    _check_steps(record["steps"], where, problems)


def _check_surrogates(record: object, where: str, problems: Problems) -> None:
    """Name every field holding a lone surrogate (``"\\ud83d"``): no UTF-8 can store it."""
    if not isinstance(record, dict):
        return
    for key, value in record.items():
        if isinstance(value, str) and has_lone_surrogate(value):
            problems.add(
                _("'{key}' holds a lone surrogate (half of an emoji?), which is not text").format(
                    key=key
                ),
                location=where,
            )
    steps = record.get("steps")
    for number, step in enumerate(steps if isinstance(steps, list) else ()):
        for key, value in step.items() if isinstance(step, dict) else ():
            if isinstance(value, str) and has_lone_surrogate(value):
                problems.add(
                    _("'steps[{number}].{key}' holds a lone surrogate, which is not text").format(
                        number=number, key=key
                    ),
                    location=where,
                )


# Text read from an export at a time; a buffer holds at most a piece and one value.
_READ_CHARS = 1 << 20
# The largest value one session (or any other value of the file) may take: a bound on
# memory whatever the file holds. A real session takes about 2 KB.
MAX_VALUE_CHARS = 64 << 20
_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class _BadJson(Exception):
    """The file is not JSON; ``line`` 0: no line to name (too deep, too large)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _Source:
    """A file's text, read a piece at a time."""

    def __init__(self, handle: BinaryIO) -> None:
        import codecs

        self._handle = handle
        self._decoder = codecs.getincrementaldecoder("utf-8")()

    def read(self, size: int) -> str:
        raw = self._handle.read(size)
        return self._decoder.decode(raw, final=not raw)


class _Reader:
    """JSON values one at a time from text read in pieces: an export of any size is read
    in constant memory, and every error is the one ``json.loads`` gives, at its line."""

    def __init__(self, read: Callable[[int], str]) -> None:
        self._read = read
        self.text = ""
        self.pos = 0
        self.eof = False
        self._line = 1  # the line ``text`` starts on

    def _more(self) -> None:
        """Drop what was read, and read a piece more (twice the rest, for a long value)."""
        self._line += self.text.count("\n", 0, self.pos)
        piece = self._read(max(_READ_CHARS, 2 * (len(self.text) - self.pos)))
        self.text = self.text[self.pos :] + piece
        self.pos = 0
        self.eof = not piece

    def line(self, pos: int) -> int:
        return self._line + self.text.count("\n", 0, pos)

    def fail(self, message: str, pos: int | None = None) -> NoReturn:
        raise _BadJson(message, self.line(self.pos if pos is None else pos))

    def peek(self) -> str:
        """The next character that is not white space ("" at the end), not taken."""
        while True:
            self.pos = _SPACE.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if self.eof:
                return ""
            self._more()

    def take(self, char: str, message: str) -> None:
        if self.peek() != char:
            self.fail(message)
        self.pos += 1

    def value(self) -> tuple[Any, int]:
        """The next JSON value, and where it starts in ``text`` (until the next read)."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as exc:
                # Cut off by the end of the piece read: a string, or a few characters
                # (a number, true, an escape) before the end. Anything else is bad JSON.
                cut = exc.pos >= len(self.text) - 16 or exc.msg.startswith("Unterminated")
                if self.eof or not cut:
                    self.fail(exc.msg, exc.pos)
            except RecursionError:
                raise _BadJson(_("nested too deeply"), 0) from None
            else:
                # A number at the very end of the piece may go on in the next one.
                if end < len(self.text) or self.eof or isinstance(value, dict | list | str):
                    start, self.pos = self.pos, end
                    return value, start
            if len(self.text) - self.pos > MAX_VALUE_CHARS:
                raise _BadJson(
                    _("a value is longer than {value} MiB").format(value=MAX_VALUE_CHARS >> 20), 0
                )
            self._more()


class _Export:
    """An export file read as it goes: its top-level fields, and its sessions one by one."""

    def __init__(self, read: Callable[[int], str]) -> None:
        self._reader = _Reader(read)
        self.top: dict[str, Any] = {}  # every top-level field but the sessions
        self.sessions_seen = 0  # how many times a "sessions" list was read
        self.object = True  # the top level is an object

    def sessions(self) -> Iterator[tuple[Any, bool]]:
        """Each session's value, and whether its text holds a surrogate's \\u escape.

        Raises ``_BadJson`` where the file stops being JSON; the top-level fields are
        in ``top`` once the sessions are all read.
        """
        reader = self._reader
        first = reader.peek()
        if first == "\ufeff":
            reader.fail("Unexpected UTF-8 BOM (decode using utf-8-sig)")
        if first != "{":
            self.object = False
            reader.value()  # bad JSON is named before "not an export"
            self._end()
            return
        reader.pos += 1
        if reader.peek() == "}":
            reader.pos += 1
            self._end()
            return
        while True:
            if reader.peek() != '"':
                reader.fail("Expecting property name enclosed in double quotes")
            key, _value = reader.value()
            reader.take(":", "Expecting ':' delimiter")
            if key == "sessions" and reader.peek() == "[":
                self.sessions_seen += 1
                self.top.pop("sessions", None)
                yield from self._list()
            else:
                self.top[key], _value = reader.value()
            following = reader.peek()
            reader.pos += 1
            if following == "}":
                break
            if following != ",":
                reader.fail("Expecting ',' delimiter", reader.pos - 1)
        self._end()

    def _list(self) -> Iterator[tuple[Any, bool]]:
        reader = self._reader
        reader.pos += 1  # the [
        if reader.peek() == "]":
            reader.pos += 1
            return
        while True:
            value, start = reader.value()
            yield value, _SURROGATE_ESCAPE.search(reader.text, start, reader.pos) is not None
            following = reader.peek()
            reader.pos += 1
            if following == "]":
                return
            if following != ",":
                reader.fail("Expecting ',' delimiter", reader.pos - 1)

    def _end(self) -> None:
        if self._reader.peek() != "":
            self._reader.fail("Extra data")


def _check_top(export: _Export, path: Path, problems: Problems) -> None:
    """The export's own fields, as ``json.loads`` would have left them (the last wins)."""
    top = _("{file}: top level").format(file=path)
    data = export.top
    if not export.object or data.get("format") != EXPORT_FORMAT:
        problems.add(
            _('not a selfmassage journal export (no "format": "{export_format}")').format(
                export_format=EXPORT_FORMAT
            ),
            location=top,
        )
        problems.raise_if_any(_(NOT_IMPORTED))
    version: Any = data.get("version")
    if not _is_int(version) or version < 1:
        problems.add(
            _("'version' must be a whole number, not {value}").format(value=_describe(version)),
            location=top,
        )
    elif version > EXPORT_VERSION:
        problems.add(
            _(
                "export version {version} was written by a newer selfmassage (this one "
                "reads version {export_version})"
            ).format(version=version, export_version=EXPORT_VERSION),
            location=top,
        )
    for key in sorted(data.keys() - {"format", "version", "sessions"}):
        problems.add(_("'{key}' is not an export field").format(key=key), location=top)
    if "sessions" in data or not export.sessions_seen:  # the last "sessions" is no list
        problems.add(
            _("'sessions' must be a list, not {value}").format(
                value=_describe(data.get("sessions"))
            ),
            location=top,
        )
        problems.raise_if_any(_(NOT_IMPORTED))
    if export.sessions_seen > 1:
        # json.loads would keep the last list; which one was meant is anyone's guess.
        problems.add(_("'sessions' appears more than once"), location=top)


def check_export_stream(
    read: Callable[[int], str],
    path: Path,
    now: datetime | None,
    keep: Callable[[Any], object] | None,
) -> None:
    """Check a whole export read through ``read``.

    ``InvalidFile`` names every bad record and field (the first ``MAX_PROBLEMS``);
    ``keep`` is given each session as it is checked (ids and times made canonical), if
    given; they count only once no problem is raised. Only the ids are held meanwhile.
    """
    from selfmassage.files.problems import Problems

    top_problems = Problems(path, limit=MAX_PROBLEMS)
    problems = Problems(path, limit=MAX_PROBLEMS)
    export = _Export(read)
    first_place: dict[str, int] = {}
    latest = (now or datetime.now(UTC)) + FUTURE_SLACK
    try:
        for number, (record, surrogates) in enumerate(export.sessions(), start=1):
            if surrogates:
                _check_surrogates(
                    record, _("{file}: session {n}").format(file=path, n=number), problems
                )
            _check_session(record, number, problems, latest)
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                earlier = first_place.setdefault(record["id"], number)
                if earlier != number:
                    problems.add(
                        _("'id' is the same as session {earlier}'s").format(earlier=earlier),
                        location=_("{file}: session {n} (id {id})").format(
                            file=path, n=number, id=record["id"][:40]
                        ),
                    )
            if keep is not None:
                keep(record)
    except _BadJson as exc:
        where = (
            _("{file}: line {n}").format(file=path, n=exc.line)
            if exc.line
            else _("{file}: top level").format(file=path)
        )
        top_problems.add(_("not valid JSON: {message}").format(message=exc.message), location=where)
        top_problems.raise_if_any(_(NOT_IMPORTED))
    except UnicodeDecodeError:
        raise InvalidFile([_("{path}: not a UTF-8 text file").format(path=path)]) from None
    _check_top(export, path, top_problems)
    # The file's own fields first, then the sessions': one list, as long as ever.
    top_problems.items = (top_problems.items + problems.items)[:MAX_PROBLEMS]
    top_problems.total += problems.total
    top_problems.raise_if_any(_(NOT_IMPORTED))


def parse_export(text: str, path: Path, now: datetime | None = None) -> list[dict[str, Any]]:
    """The sessions of an export document, or ``InvalidFile`` naming every bad record and field.

    ``now`` (the system's time if not given) bounds the sessions' dates: none may
    start more than a day after it.
    """
    import io

    sessions: list[dict[str, Any]] = []
    with without_gc():
        check_export_stream(io.StringIO(text).read, path, now, sessions.append)
    return sessions


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[BinaryIO]:
    from selfmassage.errors import SelfMassageError

    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise SelfMassageError(_("no file {path}").format(path=path)) from None
    except OSError as exc:
        raise SelfMassageError(
            _("cannot read {path}: {reason}").format(path=path, reason=exc.strerror)
        ) from None
    with handle:
        try:
            yield handle
        except OSError as exc:
            if isinstance(exc, BrokenPipeError):
                raise
            raise SelfMassageError(
                _("cannot read {path}: {reason}").format(path=path, reason=exc.strerror)
            ) from None


def read_export(path: Path, now: datetime) -> list[dict[str, Any]]:
    """Read and check an export file; ``now`` bounds the sessions' dates."""
    sessions: list[dict[str, Any]] = []
    with _opened(path) as handle, without_gc():
        check_export_stream(_Source(handle).read, path, now, sessions.append)
    return sessions


@contextlib.contextmanager
def checked_export(path: Path, now: datetime) -> Iterator[Iterator[dict[str, Any]]]:
    """An export file checked whole; then the sessions that were checked, one at a time.

    The first pass checks every session (``InvalidFile`` naming each problem) and
    spools each, as checked (canonical ids and times), to a private temporary file;
    the context then reads them back from there. So what is added is exactly what was
    checked, whatever happens to the file meanwhile, in constant memory, and the JSON
    is parsed once (``pickle`` reads the spool back four times faster; the spool is
    ours alone, written a moment before).
    """
    import pickle
    import tempfile

    from selfmassage.errors import JournalError

    def no_room(exc: OSError) -> JournalError:
        # Not the export's fault: the disk has no room for the checked copy.
        return JournalError(
            _("cannot import {path}: no room on the disk for its checked copy ({reason})").format(
                path=path, reason=exc.strerror
            ),
            hint=_("Nothing was imported. Free some space and import it again."),
        )

    spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed below, its error ignored)
    try:
        with _opened(path) as handle:

            def keep(record: Any) -> None:
                try:
                    pickle.dump(record, spool, protocol=pickle.HIGHEST_PROTOCOL)
                except OSError as exc:
                    raise no_room(exc) from None

            with without_gc():
                check_export_stream(_Source(handle).read, path, now, keep)
            try:
                spool.seek(0)  # writes out what is still buffered
            except OSError as exc:
                raise no_room(exc) from None

            def sessions() -> Iterator[dict[str, Any]]:
                while True:
                    try:
                        yield pickle.load(spool)
                    except EOFError:
                        return

            yield sessions()
    finally:
        # Closing writes out a full buffer: after "no room" it would fail again.
        with contextlib.suppress(OSError):
            spool.close()
