"""Strict reading of the TOML files users write by hand.

Every problem is collected (not just the first) and names the file, the place
(``step 3``, ``[course]``), the key, and the line, so a therapist can fix a file
in one pass. ``tomllib`` gives lines only for syntax errors; for the rest we
locate keys with a small scan of the text.

Anyone can hand us a file (a therapist's routine, an answers file), so reading one
takes time linear in its size: no pattern here can backtrack over a line more than
once, and a file over ``MAX_BYTES`` is refused before it is read.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfmassage.errors import InvalidFile
from selfmassage.files.problems import Problems

# One character class each, followed by what it cannot match: a failed match backtracks
# over the line once. (Lazy groups between optional spaces took cubic time on a line
# of 4,000 spaces: 22 s of CPU for a 4 KB file.) Names are stripped afterwards.
_ARRAY_HEADER = re.compile(r"^\s*\[\[([A-Za-z0-9_.\-\"' \t]+)\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[([A-Za-z0-9_.\-\"' \t]+)\]")
_KEY_LINE = re.compile(r"^\s*(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+)[ \t]*=")
# What opens or closes a multi-line string, or starts a comment.
_STRING_OR_COMMENT = re.compile(r"\"\"\"|'''|#")
# The largest routine, answers or settings file read: the biggest real one is ~10 KB.
MAX_BYTES = 1_000_000

Where = tuple[str, int]  # (table name, index in an array of tables; 0 for plain tables)
TOP: Where = ("", 0)


def type_name(value: object) -> str:
    """A TOML-flavoured name for a value's type, for messages."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


class LineIndex:
    """Maps (table, index, key) to the 1-based line where the key is written."""

    def __init__(self, text: str) -> None:
        self._keys: dict[tuple[Where, str], int] = {}
        self._headers: dict[Where, int] = {}
        counts: dict[str, int] = {}
        where: Where = TOP
        quote: str | None = None  # the delimiter of a multi-line string we are inside
        for number, line in enumerate(text.splitlines(), start=1):
            starts_inside = quote is not None
            quote = _multiline_state(line, quote)
            if starts_inside:
                continue  # text inside a multi-line string is not a key or a header
            if match := _ARRAY_HEADER.match(line):
                name = match.group(1).strip()
                index = counts.get(name, 0)
                counts[name] = index + 1
                where = (name, index)
                self._headers.setdefault(where, number)
            elif match := _TABLE_HEADER.match(line):
                where = (match.group(1).strip(), 0)
                self._headers.setdefault(where, number)
            elif match := _KEY_LINE.match(line):
                key = match.group(1).strip("\"'")
                self._keys.setdefault((where, key), number)

    def line(self, where: Where, key: str | None = None) -> int | None:
        if key is not None and (where, key) in self._keys:
            return self._keys[(where, key)]
        return self._headers.get(where)


def _multiline_state(line: str, quote: str | None) -> str | None:
    """Whether a multi-line string is still open after ``line`` (and with which quotes).

    Each search starts where the last one ended, so a line is scanned once.
    """
    position = 0
    while True:
        if quote is None:
            found = _STRING_OR_COMMENT.search(line, position)
            if found is None or found.group() == "#":
                return None
            quote, position = found.group(), found.end()
        else:
            index = line.find(quote, position)
            if index < 0:
                return quote
            quote, position = None, index + 3


@dataclass
class Checker:
    """Collects problems for one TOML file, each placed at its line; see ``Problems``."""

    path: Path
    lines: LineIndex
    found: Problems = field(init=False)

    def __post_init__(self) -> None:
        self.found = Problems(self.path)

    @property
    def problems(self) -> list[str]:
        return self.found.items

    def add(
        self, message: str, *, where: Where = TOP, place: str = "", key: str | None = None
    ) -> None:
        line = self.lines.line(where, key)
        location = f"{self.path}:{line}" if line is not None else f"{self.path}"
        prefix = f"{place}: " if place else ""
        self.found.add(prefix + message, location=location)

    def raise_if_any(self) -> None:
        self.found.raise_if_any()

    # -- typed getters: each returns the value, or None after recording a problem --

    def unknown_keys(
        self, table: Mapping[str, Any], allowed: Iterable[str], *, where: Where, place: str = ""
    ) -> None:
        allowed = list(allowed)
        for key in table:
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                self.add(f"unknown key '{key}'{hint}", where=where, place=place, key=key)

    def get(
        self,
        table: Mapping[str, Any],
        key: str,
        kind: type,
        *,
        where: Where,
        place: str = "",
        required: bool = True,
    ) -> Any:
        if key not in table:
            if required:
                self.add(f"missing required key '{key}'", where=where, place=place)
            return None
        value = table[key]
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if not ok:
            expected = {
                str: "a string",
                int: "an integer",
                bool: "a boolean",
                list: "an array",
                dict: "a table",
            }
            self.add(
                f"'{key}' must be {expected.get(kind, kind.__name__)}, got {type_name(value)}",
                where=where,
                place=place,
                key=key,
            )
            return None
        return value

    def text(
        self,
        table: Mapping[str, Any],
        key: str,
        *,
        where: Where,
        place: str = "",
        required: bool = True,
    ) -> str | None:
        value = self.get(table, key, str, where=where, place=place, required=required)
        if value is not None and not value.strip():
            self.add(f"'{key}' must not be empty", where=where, place=place, key=key)
            return None
        return value  # type: ignore[no-any-return]

    def choice(
        self,
        table: Mapping[str, Any],
        key: str,
        options: Iterable[str],
        *,
        where: Where,
        place: str = "",
        required: bool = True,
        default: str | None = None,
    ) -> str | None:
        value = self.get(table, key, str, where=where, place=place, required=required)
        if value is None:
            return default if key not in table else None
        options = list(options)
        if value not in options:
            self.add(
                f"'{key}' must be one of {', '.join(options)}; got '{value}'"
                f"{did_you_mean(value, options)}",
                where=where,
                place=place,
                key=key,
            )
            return None
        return value  # type: ignore[no-any-return]

    def whole_number(
        self,
        table: Mapping[str, Any],
        key: str,
        *,
        where: Where,
        place: str = "",
        required: bool = True,
        minimum: int = 1,
        maximum: int | None = None,
    ) -> int | None:
        if key not in table:
            if required:
                self.add(f"missing required key '{key}'", where=where, place=place)
            return None
        value = table[key]
        in_range = (
            isinstance(value, int)
            and not isinstance(value, bool)
            and value >= minimum
            and (maximum is None or value <= maximum)
        )
        if not in_range:
            what = "a positive whole number" if minimum == 1 else f"a whole number ≥ {minimum}"
            if maximum is not None:
                what = f"a whole number from {minimum} to {maximum}"
            if isinstance(value, bool):
                shown = str(value).lower()
            elif isinstance(value, int | float):
                shown = repr(value)
            elif isinstance(value, str):
                shown = f"'{value}'"
            else:
                shown = type_name(value)
            self.add(f"'{key}' must be {what}, got {shown}", where=where, place=place, key=key)
            return None
        return int(value)

    def text_list(
        self,
        table: Mapping[str, Any],
        key: str,
        *,
        where: Where,
        place: str = "",
        required: bool = True,
    ) -> list[str] | None:
        value = self.get(table, key, list, where=where, place=place, required=required)
        if value is None:
            return None
        bad = [item for item in value if not isinstance(item, str) or not item.strip()]
        if bad:
            self.add(
                f"'{key}' must be a list of non-empty strings", where=where, place=place, key=key
            )
            return None
        return list(value)


def closest(word: str, options: Iterable[str]) -> str | None:
    """The option most like ``word``, if any is close enough to be a typo."""
    import difflib

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest option, or an empty string."""
    close = closest(word, options)
    return f" (did you mean '{close}'?)" if close else ""


def parse(text: str, path: Path) -> tuple[dict[str, Any], Checker]:
    """Parse TOML text; a syntax error becomes an ``InvalidFile`` naming file and line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        location = f"{path}:{line}" if line else str(path)
        raise InvalidFile([f"{location}: not valid TOML: {exc}"]) from None
    except RecursionError:  # tomllib parses nested arrays and inline tables recursively
        raise InvalidFile([f"{path}: not valid TOML: nested too deeply"]) from None
    return data, Checker(path, LineIndex(text))


class FileTooLarge(InvalidFile):
    """A routine, answers or settings file over ``MAX_BYTES``: refused unread."""

    def __init__(self, path: Path, limit: int) -> None:
        super().__init__([f"{path}: too large to be a selfmassage file (over {limit:,} bytes)"])
        self.path = path


def read_text(path: Path, *, limit: int = MAX_BYTES) -> str:
    """Read a user file as UTF-8, turning OS and encoding errors into ``InvalidFile``.

    A file over ``limit`` bytes is ``FileTooLarge``; only ``limit + 1`` bytes are read
    to tell (a FIFO or /dev/zero has no size to ask for).
    """
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise InvalidFile([f"{path}: no such file"]) from None
    except IsADirectoryError:
        raise InvalidFile([f"{path}: is a folder, not a file"]) from None
    except OSError as exc:
        raise InvalidFile([f"{path}: cannot be read: {exc.strerror or exc}"]) from None
    if len(raw) > limit:
        raise FileTooLarge(path, limit)
    try:
        # utf-8-sig: editors on Windows may start the file with a byte-order mark.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidFile([f"{path}:{line}: not valid UTF-8 text"]) from None


def _line_from_message(message: str) -> int | None:
    match = re.search(r"at line (\d+)", message)
    return int(match.group(1)) if match else None
