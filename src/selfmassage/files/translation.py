"""Translations of data files: a sibling file holding only the source's text.

``collar.uk.toml`` beside ``collar.toml`` (``questions.ru.toml`` beside
``questions.toml``) mirrors its source's shape, steps for steps and questions for
questions, but may hold nothing except the source's text keys: a translation cannot
change a dose, a step, a side or a tier, because it cannot say them at all. It must
give every text its source has (nothing left in English by accident) and no text its
source lacks (a translation adds no advice). ``overlay`` checks all that strictly,
every problem at once with its line, and lays the text over the source's data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfmassage.files import tomlcheck
from selfmassage.i18n import ENGLISH, LANGUAGES, _, ngettext

_TRANSLATION_NAME = re.compile(r"\.(" + "|".join(LANGUAGES) + r")\.toml$")


@dataclass(frozen=True)
class Shape:
    """The text of one table: what a translation gives, and the tables it mirrors."""

    texts: tuple[str, ...] = ()  # strings
    text_lists: tuple[str, ...] = ()  # lists of strings, item for item
    # Keys a translation may repeat, equal to the source's, so a translator can see
    # which question is which; they translate nothing.
    anchors: tuple[str, ...] = ()
    tables: Mapping[str, Shape] = field(default_factory=dict)  # a table or [[tables]]


def translation_path(source: Path, language: str) -> Path:
    """The sibling translation of ``source``: ``collar.toml`` -> ``collar.uk.toml``."""
    return source.with_name(f"{source.stem}.{language}.toml")


def is_translation(path: Path) -> bool:
    """Whether a file is named as a translation (``*.ru.toml``, ``*.uk.toml``, ...)."""
    return _TRANSLATION_NAME.search(path.name) is not None


def source_of(path: Path) -> Path:
    """The source a translation file translates: ``collar.uk.toml`` -> ``collar.toml``."""
    return path.with_name(_TRANSLATION_NAME.sub(".toml", path.name))


@dataclass(frozen=True)
class Overlaid:
    """The source's data with the translation's text in place, and where each text came
    from: translated text -> the source's, so a fingerprint can be of the source."""

    data: dict[str, Any]
    source_text: dict[str, str]


def overlay(source: Mapping[str, Any], source_path: Path, language: str, shape: Shape) -> Overlaid:
    """``source`` (the parsed source file) in ``language``.

    English, or a file without a translation beside it, is the source as it is; a
    translation that is not exactly the source's text is an ``InvalidFile``.
    """
    path = translation_path(source_path, language)
    if language == ENGLISH or not path.is_file():
        return Overlaid(dict(source), {})
    data, check = tomlcheck.parse(tomlcheck.read_text(path), path)
    mapping: dict[str, str] = {}
    merged = _table(source, data, shape, check, tomlcheck.TOP, "", source_path.name, mapping)
    check.raise_if_any()
    return Overlaid(merged, mapping)


def _table(
    source: Mapping[str, Any],
    given: Mapping[str, Any],
    shape: Shape,
    check: tomlcheck.Checker,
    where: tomlcheck.Where,
    place: str,
    origin: str,
    mapping: dict[str, str],
) -> dict[str, Any]:
    merged = dict(source)
    allowed = (*shape.texts, *shape.text_lists, *shape.anchors, *shape.tables)
    for key in given:
        if key not in allowed:
            # A [table] of its own is found by its header, not as a key.
            header = where == tomlcheck.TOP and isinstance(given[key], dict | list)
            check.add(
                _(
                    "'{key}' cannot be translated: a translation holds only text "
                    "({keys}); the rest comes from {source}"
                ).format(key=key, keys=", ".join(allowed), source=origin),
                where=(key, 0) if header else where,
                place=place,
                key=None if header else key,
            )
        elif key not in source:
            check.add(
                _("'{key}' is not in {source} here: a translation adds no text").format(
                    key=key, source=origin
                ),
                where=where,
                place=place,
                key=key,
            )
    for key in shape.anchors:
        if key in given and given[key] != source.get(key):
            check.add(
                _("'{key}' must be {value} as in {source}, got {given}").format(
                    key=key, value=repr(source.get(key)), source=origin, given=repr(given[key])
                ),
                where=where,
                place=place,
                key=key,
            )
    for key in shape.texts:
        if key not in source:
            continue
        text = check.text(given, key, where=where, place=place)
        if text is not None:
            merged[key] = text
            mapping[text] = source[key]
    for key in shape.text_lists:
        if key not in source:
            continue
        texts = check.text_list(given, key, where=where, place=place)
        if texts is not None and len(texts) != len(source[key]):
            check.add(
                ngettext(
                    "'{key}' must have {n} item as in {source}, got {given}",
                    "'{key}' must have {n} items as in {source}, got {given}",
                    len(source[key]),
                ).format(key=key, n=len(source[key]), source=origin, given=len(texts)),
                where=where,
                place=place,
                key=key,
            )
        elif texts is not None:
            merged[key] = texts
            mapping.update(zip(texts, source[key], strict=True))
    for key, inner in shape.tables.items():
        if key in source:
            merged[key] = _nested(source[key], given, key, inner, check, place, origin, mapping)
    return merged


def _nested(
    source: Any,
    given: Mapping[str, Any],
    key: str,
    shape: Shape,
    check: tomlcheck.Checker,
    place: str,
    origin: str,
    mapping: dict[str, str],
) -> Any:
    """A table (``[disclaimer]``) or an array of tables (``[[steps]]``), mirrored."""
    if isinstance(source, dict):
        table = check.get(given, key, dict, where=tomlcheck.TOP, place=place)
        if table is None:
            return source
        where: tomlcheck.Where = (key, 0)
        return _table(source, table, shape, check, where, f"[{key}]", origin, mapping)
    tables = check.get(given, key, list, where=tomlcheck.TOP, place=place)
    if tables is None:
        return source
    if len(tables) != len(source) or not all(isinstance(t, dict) for t in tables):
        check.add(
            ngettext(
                "'{key}' must be {n} [[{key}]] table as in {source}, got {given}",
                "'{key}' must be {n} [[{key}]] tables as in {source}, got {given}",
                len(source),
            ).format(key=key, n=len(source), source=origin, given=len(tables)),
            where=(key, 0),
        )
        return source
    return [
        _table(item, table, shape, check, (key, index), _place(key, index), origin, mapping)
        for index, (item, table) in enumerate(zip(source, tables, strict=True))
    ]


def _place(key: str, index: int) -> str:
    """``step 3``, ``question 2``: the place of one of a file's ``[[steps]]`` or
    ``[[questions]]``, as the source's own problems name it."""
    if key == "steps":
        return _("step {number}").format(number=index + 1)
    if key == "questions":
        return _("question {number}").format(number=index + 1)
    return f"{key[:-1]} {index + 1}"
