"""The journal's export formats (JSON and CSV) and strict reading of an export to import.

An import is how a user restores a backup or moves to a new machine, so the
whole file is checked before anything is written, and every problem names the
session (its place in the file and its id) and the field.
"""

from __future__ import annotations

import csv
import io
import json
import operator
import uuid
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from selfmassage.errors import InvalidFile
from selfmassage.journal.store import EXPORT_FORMAT, EXPORT_VERSION, OUTCOMES, STEP_KEYS, without_gc
from selfmassage.routines.model import ID_PATTERN, SIDES

MAX_PROBLEMS = 20
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
OPTIONAL_KEYS = frozenset({"routine_title", "content_hash", "pain_where", "note", "verdict"})
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
)
# Free text a spreadsheet would run as a formula if it starts with one of these.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_json(sessions: Iterable[dict[str, Any]]) -> str:
    """The export document: one session a line, so it stays readable and diffs well."""
    lines = [json.dumps(session, ensure_ascii=False, separators=(",", ":")) for session in sessions]
    body = ",\n".join(lines)
    head = f'{{"format":"{EXPORT_FORMAT}","version":{EXPORT_VERSION},"sessions":['
    return head + ("\n" + body + "\n" if lines else "") + "]}\n"


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def export_csv(sessions: Iterable[dict[str, Any]]) -> str:
    """One row per session under a header row; steps summarised as counts."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for session in sessions:
        steps = session["steps"]
        row = [session.get(column) for column in CSV_COLUMNS[:-3]]
        row += [
            len(steps),
            sum(1 for s in steps if s["completed"]),
            sum(1 for s in steps if s["skipped"]),
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


class _Problems:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[str] = []
        self.total = 0

    def add(self, where: str, message: str) -> None:
        self.total += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(f"{self.path}: {where}: {message}")

    def raise_if_any(self) -> None:
        if not self.total:
            return
        items = list(self.items)
        if self.total > len(items):
            items.append(f"... and {self.total - len(items)} more problem(s)")
        error = InvalidFile(items)
        error.hint = "Nothing was imported."
        raise error


def _check_time(value: object, key: str, where: str, problems: _Problems) -> datetime | None:
    if not isinstance(value, str):
        problems.add(where, f"'{key}' must be an ISO 8601 date and time, not {_describe(value)}")
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        problems.add(where, f"'{key}' must be an ISO 8601 date and time, not {_describe(value)}")
        return None
    if moment.utcoffset() is None:
        problems.add(where, f"'{key}' must include a UTC offset (like +01:00), not {value!r}")
        return None
    return moment


def _check_seconds(record: dict[str, Any], key: str, where: str, problems: _Problems) -> None:
    value = record[key]
    if not _is_count(value):
        problems.add(
            where, f"'{key}' must be a whole number of seconds (0 or more), not {_describe(value)}"
        )


def _check_text(
    record: dict[str, Any], key: str, where: str, problems: _Problems, *, optional: bool
) -> None:
    value = record.get(key)
    if value is None and optional:
        return
    if not isinstance(value, str) or (not optional and not value):
        need = "text or null" if optional else "non-empty text"
        problems.add(where, f"'{key}' must be {need}, not {_describe(value)}")


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


def _check_steps(steps: object, where: str, problems: _Problems) -> None:
    if not isinstance(steps, list):
        problems.add(where, f"'steps' must be a list, not {_describe(steps)}")
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
            problems.add(where, f"'{here}' must be an object, not {_describe(step)}")
            continue
        keys = step.keys()
        if keys != STEP_KEY_SET:
            for key in sorted(keys - STEP_KEY_SET):
                problems.add(where, f"'{here}.{key}' is not a step field")
            for key in sorted(STEP_KEY_SET - keys):
                problems.add(where, f"'{here}.{key}' is missing")
            continue
        index = step["index"]
        if not _is_count(index):
            problems.add(where, f"'{here}.index' must be a whole number (0 or more)")
        elif index in seen:
            problems.add(where, f"'{here}.index' {index} appears twice")
        else:
            seen.add(index)
        for key in ("technique", "area"):
            if not (isinstance(step[key], str) and step[key]):
                problems.add(where, f"'{here}.{key}' must be non-empty text")
        if step["side"] not in SIDES:
            problems.add(
                where,
                f"'{here}.side' must be one of {', '.join(SIDES)}, not {_describe(step['side'])}",
            )
        for key in ("planned_seconds", "seconds_done"):
            if not _is_count(step[key]):
                problems.add(where, f"'{here}.{key}' must be a whole number of seconds (0 or more)")
        for key in ("completed", "skipped"):
            if type(step[key]) is not bool:
                problems.add(where, f"'{here}.{key}' must be true or false")


def _check_session(record: object, number: int, problems: _Problems) -> None:
    where = f"session {number}"
    if not isinstance(record, dict):
        problems.add(where, f"must be an object, not {_describe(record)}")
        return
    raw_id = record.get("id")
    if isinstance(raw_id, str):
        where += f" (id {raw_id[:40]})"
    keys = record.keys()
    if not (REQUIRED_KEYS <= keys <= SESSION_KEYS):
        for key in sorted(keys - SESSION_KEYS):
            problems.add(where, f"'{key}' is not a session field")
        for key in sorted(REQUIRED_KEYS - keys):
            problems.add(where, f"'{key}' is missing")
        return
    # Ids and times are stored in canonical form, so an import exports exactly as the
    # journal would; a bad record stops the whole import, so rewriting them here is safe.
    try:
        record["id"] = str(uuid.UUID(raw_id))
    except (TypeError, ValueError, AttributeError):
        problems.add(where, f"'id' must be a UUID, not {_describe(raw_id)}")
    routine = record["routine"]
    if not (isinstance(routine, str) and ID_PATTERN.match(routine)):
        problems.add(where, f"'routine' must be a routine id, not {_describe(routine)}")
    started = _check_time(record["started_at"], "started_at", where, problems)
    ended = _check_time(record["ended_at"], "ended_at", where, problems)
    if started is not None and ended is not None:
        if ended < started:
            problems.add(where, "'ended_at' is before 'started_at'")
        record["started_at"] = started.isoformat()
        record["ended_at"] = ended.isoformat()
    if record["outcome"] not in OUTCOMES:
        problems.add(
            where,
            f"'outcome' must be one of {', '.join(OUTCOMES)}, not {_describe(record['outcome'])}",
        )
    for key in ("planned_seconds", "actual_seconds", "paused_seconds"):
        _check_seconds(record, key, where, problems)
    for key in ("pain_before", "pain_after"):
        value = record[key]
        if value is not None and not (_is_int(value) and 0 <= value <= 10):
            problems.add(
                where,
                f"'{key}' must be a whole number from 0 to 10 or null, not {_describe(value)}",
            )
    _check_text(record, "routine_title", where, problems, optional=True)
    _check_text(record, "content_hash", where, problems, optional=True)
    for key in ("pain_where", "note", "verdict"):
        _check_text(record, key, where, problems, optional=True)
    _check_steps(record["steps"], where, problems)


def parse_export(text: str, path: Path) -> list[dict[str, Any]]:
    """The sessions of an export document, or ``InvalidFile`` naming every bad record and field."""
    problems = _Problems(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.add(f"line {exc.lineno}", f"not valid JSON: {exc.msg}")
        problems.raise_if_any()
    except RecursionError:
        problems.add("top level", "not valid JSON: nested too deeply")
        problems.raise_if_any()
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        problems.add(
            "top level", f'not a selfmassage journal export (no "format": "{EXPORT_FORMAT}")'
        )
        problems.raise_if_any()
    version = data.get("version")
    if not _is_int(version) or version < 1:
        problems.add("top level", f"'version' must be a whole number, not {_describe(version)}")
    elif version > EXPORT_VERSION:
        problems.add(
            "top level",
            f"export version {version} was written by a newer selfmassage "
            f"(this one reads version {EXPORT_VERSION})",
        )
    for key in sorted(data.keys() - {"format", "version", "sessions"}):
        problems.add("top level", f"'{key}' is not an export field")
    sessions = data.get("sessions")
    if not isinstance(sessions, list):
        problems.add("top level", f"'sessions' must be a list, not {_describe(sessions)}")
        problems.raise_if_any()
    first_place: dict[str, int] = {}
    for number, record in enumerate(sessions, start=1):
        _check_session(record, number, problems)
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            earlier = first_place.setdefault(record["id"], number)
            if earlier != number:
                problems.add(
                    f"session {number} (id {record['id'][:40]})",
                    f"'id' is the same as session {earlier}'s",
                )
    problems.raise_if_any()
    return list(sessions)


def read_export(path: Path) -> list[dict[str, Any]]:
    """Read and check an export file."""
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
        return parse_export(text, path)
