"""The journal's data shapes: export JSON and CSV, ``--json`` of history and stats, imports.

Every shape a user or a script reads is made here from the journal's frozen
records, and nowhere else. An import is how a user restores a backup or moves to
a new machine, so the whole file is checked before anything is written, and every
problem names the session (its place in the file and its id) and the field.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfmassage.errors import InvalidFile
from selfmassage.journal.store import (
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
NOT_IMPORTED = "Nothing was imported."
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
CSV_COLUMNS = (
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
    "source",  # last: scripts that read the columns by place keep working
)
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
    lines = [
        json.dumps(session_data(session), ensure_ascii=False, separators=(",", ":"))
        for session in sessions
    ]
    body = ",\n".join(lines)
    head = f'{{"format":"{EXPORT_FORMAT}","version":{EXPORT_VERSION},"sessions":['
    # DEL and C1 controls would reach a terminal raw; escaped, they read back the same.
    return json_safe(head + ("\n" + body + "\n" if lines else "") + "]}\n")


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
    import csv
    import io

    out = io.StringIO()
    # Quote every cell holding a line break, whatever the line terminator.
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for session in sessions:
        steps = session.steps
        row = [getattr(session, column) for column in CSV_COLUMNS[:-4]]
        row += [
            len(steps),
            sum(1 for step in steps if step.completed),
            sum(1 for step in steps if step.skipped),
            session.source,
        ]
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


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
            f"'{key}' must be an ISO 8601 date and time, not {_describe(value)}", location=where
        )
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        problems.add(
            f"'{key}' must be an ISO 8601 date and time, not {_describe(value)}", location=where
        )
        return None
    if moment.utcoffset() is None:
        problems.add(
            f"'{key}' must include a UTC offset (like +01:00), not {value!r}", location=where
        )
        return None
    if not EARLIEST_SESSION <= moment <= latest:
        problems.add(
            f"'{key}' {value} is out of range: a session is from 2000 on and at most a day "
            "ahead of now",
            location=where,
        )
        return None
    return moment


def _check_seconds(record: dict[str, Any], key: str, where: str, problems: Problems) -> None:
    value = record[key]
    if not _is_count(value):
        problems.add(
            f"'{key}' must be a whole number of seconds (0 or more), not {_describe(value)}",
            location=where,
        )


def _check_text(
    record: dict[str, Any], key: str, where: str, problems: Problems, *, optional: bool
) -> None:
    value = record.get(key)
    if value is None and optional:
        return
    if not isinstance(value, str) or (not optional and not value):
        need = "text or null" if optional else "non-empty text"
        problems.add(f"'{key}' must be {need}, not {_describe(value)}", location=where)


_STEP_VALUES = operator.itemgetter(*STEP_KEYS)
_STEP_TYPES = (int, str, str, str, int, int, bool, bool)
_STEP_INDEX = operator.itemgetter("index")


def _valid_step(step: object) -> bool:
    """The common case, checked fast: a 100,000-session import has a million steps."""
    if type(step) is not dict or step.keys() != STEP_KEY_SET:
        return False
    index, technique, area, side, planned, done, _, _ = values = _STEP_VALUES(step)
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
        problems.add(f"'steps' must be a list, not {_describe(steps)}", location=where)
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
            problems.add(f"'{here}' must be an object, not {_describe(step)}", location=where)
            continue
        keys = step.keys()
        if keys != STEP_KEY_SET:
            for key in sorted(keys - STEP_KEY_SET):
                problems.add(f"'{here}.{key}' is not a step field", location=where)
            for key in sorted(STEP_KEY_SET - keys):
                problems.add(f"'{here}.{key}' is missing", location=where)
            continue
        index = step["index"]
        if not _is_count(index):
            problems.add(f"'{here}.index' must be a whole number (0 or more)", location=where)
        elif index in seen:
            problems.add(f"'{here}.index' {index} appears twice", location=where)
        else:
            seen.add(index)
        for key in ("technique", "area"):
            if not (isinstance(step[key], str) and step[key]):
                problems.add(f"'{here}.{key}' must be non-empty text", location=where)
        if step["side"] not in SIDES:
            problems.add(
                f"'{here}.side' must be one of {', '.join(SIDES)}, not {_describe(step['side'])}",
                location=where,
            )
        for key in ("planned_seconds", "seconds_done"):
            if not _is_count(step[key]):
                problems.add(
                    f"'{here}.{key}' must be a whole number of seconds (0 or more)", location=where
                )
        for key in ("completed", "skipped"):
            if type(step[key]) is not bool:
                problems.add(f"'{here}.{key}' must be true or false", location=where)


def _check_session(record: object, number: int, problems: Problems, latest: datetime) -> None:
    where = f"{problems.path}: session {number}"
    if not isinstance(record, dict):
        problems.add(f"must be an object, not {_describe(record)}", location=where)
        return
    raw_id = record.get("id")
    if isinstance(raw_id, str):
        where += f" (id {raw_id[:40]})"
    keys = record.keys()
    if not (REQUIRED_KEYS <= keys <= SESSION_KEYS):
        for key in sorted(keys - SESSION_KEYS):
            problems.add(f"'{key}' is not a session field", location=where)
        for key in sorted(REQUIRED_KEYS - keys):
            problems.add(f"'{key}' is missing", location=where)
        return
    # Ids and times are stored in canonical form, so an import exports exactly as the
    # journal would; a bad record stops the whole import, so rewriting them here is safe.
    import uuid  # here: the --json of history and stats need none of it

    try:
        record["id"] = str(uuid.UUID(raw_id))
    except (TypeError, ValueError, AttributeError):
        problems.add(f"'id' must be a UUID, not {_describe(raw_id)}", location=where)
    routine = record["routine"]
    if not (isinstance(routine, str) and ID_PATTERN.match(routine)):
        problems.add(f"'routine' must be a routine id, not {_describe(routine)}", location=where)
    started = _check_time(record["started_at"], "started_at", where, problems, latest)
    ended = _check_time(record["ended_at"], "ended_at", where, problems, latest)
    if started is not None and ended is not None:
        if ended < started:
            problems.add("'ended_at' is before 'started_at'", location=where)
        record["started_at"] = started.isoformat()
        record["ended_at"] = ended.isoformat()
    if record["outcome"] not in OUTCOMES:
        problems.add(
            f"'outcome' must be one of {', '.join(OUTCOMES)}, not {_describe(record['outcome'])}",
            location=where,
        )
    for key in ("planned_seconds", "actual_seconds", "paused_seconds"):
        _check_seconds(record, key, where, problems)
    for key in ("pain_before", "pain_after"):
        value = record[key]
        if value is not None and not (_is_int(value) and 0 <= value <= 10):
            problems.add(
                f"'{key}' must be a whole number from 0 to 10 or null, not {_describe(value)}",
                location=where,
            )
    _check_text(record, "routine_title", where, problems, optional=True)
    _check_text(record, "content_hash", where, problems, optional=True)
    for key in ("pain_where", "note", "verdict"):
        _check_text(record, key, where, problems, optional=True)
    source = record.get("source", "timer")
    if source not in SOURCES:
        problems.add(
            f"'source' must be one of {', '.join(SOURCES)}, not {_describe(source)}",
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
                f"'{key}' holds a lone surrogate (half of an emoji?), which is not text",
                location=where,
            )
    steps = record.get("steps")
    for number, step in enumerate(steps if isinstance(steps, list) else ()):
        for key, value in step.items() if isinstance(step, dict) else ():
            if isinstance(value, str) and has_lone_surrogate(value):
                problems.add(
                    f"'steps[{number}].{key}' holds a lone surrogate, which is not text",
                    location=where,
                )


def parse_export(text: str, path: Path, now: datetime | None = None) -> list[dict[str, Any]]:
    """The sessions of an export document, or ``InvalidFile`` naming every bad record and field.

    ``now`` (the system's time if not given) bounds the sessions' dates: none may
    start more than a day after it.
    """
    from selfmassage.files.problems import Problems

    problems = Problems(path, limit=MAX_PROBLEMS)
    top = f"{path}: top level"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.add(f"not valid JSON: {exc.msg}", location=f"{path}: line {exc.lineno}")
        problems.raise_if_any(NOT_IMPORTED)
    except RecursionError:
        problems.add("not valid JSON: nested too deeply", location=top)
        problems.raise_if_any(NOT_IMPORTED)
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        problems.add(
            f'not a selfmassage journal export (no "format": "{EXPORT_FORMAT}")', location=top
        )
        problems.raise_if_any(NOT_IMPORTED)
    version = data.get("version")
    if not _is_int(version) or version < 1:
        problems.add(f"'version' must be a whole number, not {_describe(version)}", location=top)
    elif version > EXPORT_VERSION:
        problems.add(
            f"export version {version} was written by a newer selfmassage "
            f"(this one reads version {EXPORT_VERSION})",
            location=top,
        )
    for key in sorted(data.keys() - {"format", "version", "sessions"}):
        problems.add(f"'{key}' is not an export field", location=top)
    sessions = data.get("sessions")
    if not isinstance(sessions, list):
        problems.add(f"'sessions' must be a list, not {_describe(sessions)}", location=top)
        problems.raise_if_any(NOT_IMPORTED)
    first_place: dict[str, int] = {}
    latest = (now or datetime.now(UTC)) + FUTURE_SLACK
    # Only a \ud800-\udfff escape puts a lone surrogate in parsed JSON; most files have none.
    surrogates = _SURROGATE_ESCAPE.search(text) is not None
    for number, record in enumerate(sessions, start=1):
        if surrogates:
            _check_surrogates(record, f"{path}: session {number}", problems)
        _check_session(record, number, problems, latest)
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            earlier = first_place.setdefault(record["id"], number)
            if earlier != number:
                problems.add(
                    f"'id' is the same as session {earlier}'s",
                    location=f"{path}: session {number} (id {record['id'][:40]})",
                )
    problems.raise_if_any(NOT_IMPORTED)
    return list(sessions)


def read_export(path: Path, now: datetime) -> list[dict[str, Any]]:
    """Read and check an export file; ``now`` bounds the sessions' dates."""
    from selfmassage.errors import SelfMassageError

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SelfMassageError(f"no file {path}") from None
    except UnicodeDecodeError:
        raise InvalidFile([f"{path}: not a UTF-8 text file"]) from None
    except OSError as exc:
        raise SelfMassageError(f"cannot read {path}: {exc.strerror}") from None
    with without_gc():
        return parse_export(text, path, now)
