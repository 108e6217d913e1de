"""The questionnaire (bundled ``questions.toml``) and an answers file, strictly validated.

Pure parsing: no printing, no clock. Content comes from shared/clinical.md §1-2
and the seed articles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfmassage import paths
from selfmassage.files import tomlcheck
from selfmassage.routines.model import AREAS, ID_PATTERN, UNTOUCHED_AREAS

# Most severe first: the verdict is the first tier with a "yes".
TIERS = ("urgent", "stop", "local", "caution")
QUESTION_KEYS = ("id", "text", "why", "tier", "areas", "temporary", "advice", "excludes")

DEFAULT_ADVICE = {
    "urgent": "See a doctor before any massage.",
    "stop": "No session until a doctor has checked this and said massage is fine for you.",
    "local": "Leave that area alone until it has healed or a doctor has checked it.",
    "caution": (
        "You may go on with light pressure and no tapping; "
        "check with your doctor that massage is fine for you."
    ),
}


def questionnaire_file() -> Path:
    """The bundled questionnaire, shipped inside the package."""
    return paths.package_data("questions.toml")


@dataclass(frozen=True)
class Question:
    """One yes/no screening question; a "yes" has the effect of its tier."""

    id: str
    text: str
    why: str
    tier: str
    temporary: bool
    areas: tuple[str, ...] = ()
    advice: str = ""
    excludes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "why": self.why,
            "tier": self.tier,
            "areas": list(self.areas),
            "temporary": self.temporary,
            "advice": self.advice,
            "excludes": list(self.excludes),
        }


def parse_questionnaire(text: str, path: Path) -> tuple[Question, ...]:
    """Questions from TOML text, or ``InvalidFile`` listing every problem."""
    data, check = tomlcheck.parse(text, path)
    check.unknown_keys(data, ("questions",), where=tomlcheck.TOP)
    raw = data.get("questions")
    if not isinstance(raw, list) or not raw or not all(isinstance(t, dict) for t in raw):
        check.add("a questionnaire needs at least one [[questions]] table")
        check.raise_if_any()
        return ()
    questions: list[Question] = []
    seen: set[str] = set()
    for index, table in enumerate(raw):
        question = _parse_question(table, index, check, seen)
        if question is not None:
            questions.append(question)
    check.raise_if_any()
    return tuple(questions)


def _parse_question(
    table: Mapping[str, Any], index: int, check: tomlcheck.Checker, seen: set[str]
) -> Question | None:
    where: tomlcheck.Where = ("questions", index)
    place = f"question {index + 1}"
    before = len(check.problems)
    check.unknown_keys(table, QUESTION_KEYS, where=where, place=place)
    qid = check.text(table, "id", where=where, place=place)
    if qid is not None:
        if not ID_PATTERN.match(qid):
            check.add(
                f"'id' must be lowercase letters, digits and hyphens (at most 40), got '{qid}'",
                where=where,
                place=place,
                key="id",
            )
        elif qid in seen:
            check.add(f"duplicate id '{qid}'", where=where, place=place, key="id")
        seen.add(qid)
    text = check.text(table, "text", where=where, place=place)
    why = check.text(table, "why", where=where, place=place)
    tier = check.choice(table, "tier", TIERS, where=where, place=place)
    temporary = table.get("temporary")
    if "temporary" not in table:
        check.add("missing required key 'temporary'", where=where, place=place)
    elif not isinstance(temporary, bool):
        check.add(
            f"'temporary' must be true or false, got {tomlcheck.type_name(temporary)}",
            where=where,
            place=place,
            key="temporary",
        )
    areas = check.text_list(table, "areas", where=where, place=place, required=False)
    for area in areas or ():
        if area not in AREAS or area in UNTOUCHED_AREAS:
            named = [a for a in AREAS if a not in UNTOUCHED_AREAS]
            check.add(
                f"unknown area '{area}'{tomlcheck.did_you_mean(area, named)}; "
                f"areas are {', '.join(named)}",
                where=where,
                place=place,
                key="areas",
            )
    if tier == "local" and not areas:
        check.add("a 'local' question needs 'areas'", where=where, place=place)
    advice = check.text(table, "advice", where=where, place=place, required=tier == "urgent")
    excludes = check.text_list(table, "excludes", where=where, place=place, required=False)
    if len(check.problems) != before:
        return None
    assert qid and text and why and tier and temporary is not None
    return Question(
        id=qid,
        text=text,
        why=why,
        tier=tier,
        temporary=bool(temporary),
        areas=tuple(areas or ()),
        advice=advice or DEFAULT_ADVICE[tier],
        excludes=tuple(excludes or ()),
    )


def load_questionnaire(path: Path | None = None) -> tuple[Question, ...]:
    """The bundled questionnaire (or the file at ``path``), strictly validated."""
    path = path or questionnaire_file()
    return parse_questionnaire(tomlcheck.read_text(path), path)


# -- an answers file (screen --answers) ------------------------------------------------


def parse_answers(text: str, path: Path, questions: Sequence[Question]) -> dict[str, bool]:
    """``question_id = true|false`` for every question; anything else is an ``InvalidFile``."""
    data, check = tomlcheck.parse(text, path)
    known = [q.id for q in questions]
    for key, value in data.items():
        if key not in known:
            check.add(f"unknown question '{key}'{tomlcheck.did_you_mean(key, known)}", key=key)
        elif not isinstance(value, bool):
            check.add(f"'{key}' must be true or false, got {tomlcheck.type_name(value)}", key=key)
    missing = [qid for qid in known if qid not in data]
    if missing:
        check.add(f"{len(missing)} question(s) not answered: {', '.join(missing)}")
    check.raise_if_any()
    return {qid: bool(data[qid]) for qid in known}


def load_answers(path: Path, questions: Sequence[Question]) -> dict[str, bool]:
    """Read and validate an answers file."""
    return parse_answers(tomlcheck.read_text(path), path, questions)
