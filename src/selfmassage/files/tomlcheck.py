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
from selfmassage.files.problems import Problems, os_reason
from selfmassage.i18n import ENGLISH, N_, _, current

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


# TOML's types as messages name them; the order matters (a bool is an int too).
_TYPE_NAMES: tuple[tuple[type, str], ...] = (
    (bool, N_("a boolean")),
    (int, N_("an integer")),
    (float, N_("a float")),
    (str, N_("a string")),
    (list, N_("an array")),
    (dict, N_("a table")),
)


def type_name(value: object) -> str:
    """A TOML-flavoured name for a value's type, for messages, in the run's language."""
    for kind, name in _TYPE_NAMES:
        if isinstance(value, kind):
            return _(name)
    return _("a date or time")


def kind_name(kind: type) -> str:
    """What a getter expects, as ``type_name`` says it (``str`` -> ``a string``)."""
    return _(dict(_TYPE_NAMES).get(kind, kind.__name__))


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

    def missing(self, key: str, *, where: Where = TOP, place: str = "") -> None:
        """Record that a required ``key`` is not there."""
        self.add(_("missing required key '{key}'").format(key=key), where=where, place=place)

    # -- typed getters: each returns the value, or None after recording a problem --

    def unknown_keys(
        self, table: Mapping[str, Any], allowed: Iterable[str], *, where: Where, place: str = ""
    ) -> None:
        allowed = list(allowed)
        for key in table:
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                self.add(
                    _("unknown key '{key}'").format(key=key) + hint,
                    where=where,
                    place=place,
                    key=key,
                )

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
                self.missing(key, where=where, place=place)
            return None
        value = table[key]
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if not ok:
            self.add(
                _("'{key}' must be {expected}, got {got}").format(
                    key=key, expected=kind_name(kind), got=type_name(value)
                ),
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
            self.add(
                _("'{key}' must not be empty").format(key=key), where=where, place=place, key=key
            )
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
                _("'{key}' must be one of {options}; got '{value}'").format(
                    key=key, options=", ".join(options), value=value
                )
                + did_you_mean(value, options),
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
                self.missing(key, where=where, place=place)
            return None
        value = table[key]
        in_range = (
            isinstance(value, int)
            and not isinstance(value, bool)
            and value >= minimum
            and (maximum is None or value <= maximum)
        )
        if not in_range:
            if maximum is not None:
                what = _("a whole number from {least} to {most}").format(
                    least=minimum, most=maximum
                )
            elif minimum == 1:
                what = _("a positive whole number")
            else:
                what = _("a whole number ≥ {least}").format(least=minimum)
            if isinstance(value, bool):
                shown = str(value).lower()
            elif isinstance(value, int | float):
                shown = repr(value)
            elif isinstance(value, str):
                shown = f"'{value}'"
            else:
                shown = type_name(value)
            self.add(
                _("'{key}' must be {expected}, got {got}").format(
                    key=key, expected=what, got=shown
                ),
                where=where,
                place=place,
                key=key,
            )
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
                _("'{key}' must be a list of non-empty strings").format(key=key),
                where=where,
                place=place,
                key=key,
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
    return " " + _("(did you mean '{option}'?)").format(option=close) if close else ""


def parse(text: str, path: Path) -> tuple[dict[str, Any], Checker]:
    """Parse TOML text; a syntax error becomes an ``InvalidFile`` naming file and line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        location = f"{path}:{line}" if line else str(path)
        what = syntax(str(exc))
        raise InvalidFile(
            [_("{location}: not valid TOML: {what}").format(location=location, what=what)]
        ) from None
    except RecursionError:  # tomllib parses nested arrays and inline tables recursively
        raise InvalidFile(
            [_("{location}: not valid TOML: nested too deeply").format(location=path)]
        ) from None
    return data, Checker(path, LineIndex(text))


# tomllib's words for a syntax error, as msgids (so English shows them exactly as
# tomllib says them): whole messages first, then those that name what they found.
_SYNTAX_WHOLE = (
    N_("Invalid statement"),
    N_("Expected newline or end of document after a statement"),
    N_("Expected ']' at the end of a table declaration"),
    N_("Expected ']]' at the end of an array declaration"),
    N_("Expected '=' after a key in a key/value pair"),
    N_("Cannot overwrite a value"),
    N_("Invalid initial character for a key part"),
    N_("Unclosed array"),
    N_("Unclosed inline table"),
    N_("Unescaped '\\' in a string"),
    N_("Invalid hex value"),
    N_("Escaped character is not a Unicode scalar value"),
    N_("Unterminated string"),
    N_("Invalid date or datetime"),
    N_("Invalid value"),
)
_SYNTAX_NAMING = tuple(
    (re.compile(re.escape(msgid).replace(r"\{what\}", "(?P<what>.+)"), re.S), msgid)
    for msgid in (
        N_("Expected {what}"),
        N_("Found invalid character {what}"),
        N_("Illegal character {what}"),
        N_("Cannot declare {what} twice"),
        N_("Cannot mutate immutable namespace {what}"),
        N_("Cannot redefine namespace {what}"),
        N_("Duplicate inline table key {what}"),
    )
)
_AT = re.compile(r"at line (?P<line>\d+), column (?P<column>\d+)")


def syntax(message: str) -> str:
    """tomllib's syntax error in the run's language: ``Invalid value (at line 1, column 6)``.

    A message this does not know (a newer Python's) is shown as tomllib gave it.
    """
    what, opened, place = message.rpartition(" (")
    if not opened or not place.endswith(")"):
        return message
    if what in _SYNTAX_WHOLE:
        what = _(what)
    else:
        for pattern, msgid in _SYNTAX_NAMING:
            if found := pattern.fullmatch(what):
                what = _(msgid).format(what=found.group("what"))
                break
    if at := _AT.fullmatch(place[:-1]):
        where = _("(at line {line}, column {column})").format(
            line=at.group("line"), column=at.group("column")
        )
    elif place == "at end of document)":
        where = _("(at end of document)")
    else:
        where = f"({place}"
    return f"{what} {where}"


class FileTooLarge(InvalidFile):
    """A routine, answers or settings file over ``MAX_BYTES``: refused unread."""

    def __init__(self, path: Path, limit: int) -> None:
        super().__init__(
            [
                _("{path}: too large to be a selfmassage file (over {limit} bytes)").format(
                    path=path, limit=_thousands(limit)
                )
            ]
        )
        self.path = path


def _thousands(number: int) -> str:
    """``1,000,000`` in English; ``1 000 000`` (no-break spaces) in Russian and Ukrainian."""
    shown = f"{number:,}"
    return shown if current() == ENGLISH else shown.replace(",", "\u00a0")


def read_text(path: Path, *, limit: int = MAX_BYTES) -> str:
    """Read a user file as UTF-8, turning OS and encoding errors into ``InvalidFile``.

    A file over ``limit`` bytes is ``FileTooLarge``; only ``limit + 1`` bytes are read
    to tell (a FIFO or /dev/zero has no size to ask for).
    """
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise InvalidFile([_("{path}: no such file").format(path=path)]) from None
    except IsADirectoryError:
        raise InvalidFile([_("{path}: is a folder, not a file").format(path=path)]) from None
    except OSError as exc:
        raise InvalidFile(
            [_("{path}: cannot be read: {reason}").format(path=path, reason=os_reason(exc))]
        ) from None
    if len(raw) > limit:
        raise FileTooLarge(path, limit)
    try:
        # utf-8-sig: editors on Windows may start the file with a byte-order mark.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidFile(
            [_("{location}: not valid UTF-8 text").format(location=f"{path}:{line}")]
        ) from None


def _line_from_message(message: str) -> int | None:
    match = re.search(r"at line (\d+)", message)
    return int(match.group(1)) if match else None
