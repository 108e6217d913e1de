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
from selfmassage.files import tomlcheck, translation
from selfmassage.i18n import ENGLISH, N_, Translator, _, ngettext, translator
from selfmassage.routines.model import AREAS, ID_PATTERN, UNTOUCHED_AREAS

# Most severe first: the verdict is the first tier with a "yes".
TIERS = ("urgent", "stop", "local", "caution")
QUESTION_KEYS = (
    "id",
    "text",
    "why",
    "tier",
    "areas",
    "temporary",
    "every_session",
    "clearable",
    "advice",
    "excludes",
    "excludes_areas",
)
# A clearance (clinical.md §1b) turns a lasting "doctor first" answer into caution;
# emergencies and today's conditions are about now and are never clearable.
CLEARABLE_TIERS = ("urgent", "stop")

# The advice of a question that gives none of its own; translated by the catalog.
DEFAULT_ADVICE = {
    "urgent": N_("See a doctor before any massage."),
    "stop": N_("No session until a doctor has checked this and said massage is fine for you."),
    "local": N_("Leave that area alone until it has healed or a doctor has checked it."),
    "caution": N_(
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
    every_session: bool = False  # asked before every session (clinical.md §1a)
    clearable: bool = False  # a doctor's clearance turns a "yes" into caution (§1b)
    excludes_areas: tuple[str, ...] = ()  # a "yes" leaves out routines touching these
    # Not a question asked but a standing fact (a hold, a pain trend, a clearance):
    # it counts as a "yes", and the text says what it is.
    standing: bool = False

    @property
    def general(self) -> bool:
        """Asked before every routine, whatever areas it touches."""
        return not self.areas

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "why": self.why,
            "tier": self.tier,
            "areas": list(self.areas),
            "temporary": self.temporary,
            "every_session": self.every_session,
            "clearable": self.clearable,
            "advice": self.advice,
            "excludes": list(self.excludes),
            "excludes_areas": list(self.excludes_areas),
        }


# What a translation of the questionnaire (``questions.uk.toml``) may hold: the words
# a person reads, each question under its id; never a tier, an area or a flag.
TEXT_SHAPE = translation.Shape(
    tables={"questions": translation.Shape(texts=("text", "why", "advice"), anchors=("id",))}
)


def parse_questionnaire(text: str, path: Path, language: str = ENGLISH) -> tuple[Question, ...]:
    """Questions from TOML text, or ``InvalidFile`` listing every problem.

    In another ``language``, the text of the translation beside ``path``
    (``questions.uk.toml``), once the questionnaire itself is valid.
    """
    data, check = tomlcheck.parse(text, path)
    questions = _questions(data, check, translator(ENGLISH))
    if language == ENGLISH:
        return questions
    overlaid = translation.overlay(data, path, language, TEXT_SHAPE)
    if not overlaid.source_text:
        return questions
    return _questions(overlaid.data, check, translator(language))


def _questions(
    data: dict[str, Any], check: tomlcheck.Checker, words: Translator
) -> tuple[Question, ...]:
    check.unknown_keys(data, ("questions",), where=tomlcheck.TOP)
    raw = data.get("questions")
    if not isinstance(raw, list) or not raw or not all(isinstance(t, dict) for t in raw):
        check.add(_("a questionnaire needs at least one [[questions]] table"))
        check.raise_if_any()
        return ()
    questions: list[Question] = []
    seen: set[str] = set()
    for index, table in enumerate(raw):
        question = _parse_question(table, index, check, seen, words)
        if question is not None:
            questions.append(question)
    check.raise_if_any()
    return tuple(questions)


def _parse_question(
    table: Mapping[str, Any],
    index: int,
    check: tomlcheck.Checker,
    seen: set[str],
    words: Translator,
) -> Question | None:
    where: tomlcheck.Where = ("questions", index)
    place = _("question {number}").format(number=index + 1)
    before = len(check.problems)
    check.unknown_keys(table, QUESTION_KEYS, where=where, place=place)
    qid = check.text(table, "id", where=where, place=place)
    if qid is not None:
        if not ID_PATTERN.match(qid):
            check.add(
                _(
                    "'{key}' must be lowercase letters, digits and hyphens (at most 40), "
                    "got '{value}'"
                ).format(key="id", value=qid),
                where=where,
                place=place,
                key="id",
            )
        elif qid in seen:
            check.add(_("duplicate id '{id}'").format(id=qid), where=where, place=place, key="id")
        seen.add(qid)
    text = check.text(table, "text", where=where, place=place)
    why = check.text(table, "why", where=where, place=place)
    tier = check.choice(table, "tier", TIERS, where=where, place=place)
    temporary = table.get("temporary")
    if "temporary" not in table:
        check.missing("temporary", where=where, place=place)
    elif not isinstance(temporary, bool):
        check.add(
            _("'{key}' must be true or false, got {type}").format(
                key="temporary", type=tomlcheck.type_name(temporary)
            ),
            where=where,
            place=place,
            key="temporary",
        )
    every_session = _flag(table, "every_session", bool(temporary), check, where, place)
    clearable = _flag(table, "clearable", False, check, where, place)
    if temporary is True and not every_session:
        check.add(
            _(
                "a '{temporary}' question is asked before every session: '{key}' cannot be false"
            ).format(temporary="temporary", key="every_session"),
            where=where,
            place=place,
            key="every_session",
        )
    if clearable and (every_session or tier not in CLEARABLE_TIERS):
        check.add(
            _(
                "only a lasting '{urgent}' or '{stop}' question can be '{key}' "
                "(never one asked before every session)"
            ).format(urgent="urgent", stop="stop", key="clearable"),
            where=where,
            place=place,
            key="clearable",
        )
    areas = _areas(table, "areas", check, where, place)
    if tier == "local" and not areas:
        check.add(
            _("a '{tier}' question needs '{key}'").format(tier="local", key="areas"),
            where=where,
            place=place,
        )
    advice = check.text(table, "advice", where=where, place=place, required=tier == "urgent")
    excludes = check.text_list(table, "excludes", where=where, place=place, required=False)
    excludes_areas = _areas(table, "excludes_areas", check, where, place)
    if len(check.problems) != before:
        return None
    assert qid and text and why and tier and temporary is not None
    return Question(
        id=qid,
        text=text,
        why=why,
        tier=tier,
        temporary=bool(temporary),
        areas=areas,
        advice=advice or words.gettext(DEFAULT_ADVICE[tier]),
        excludes=tuple(excludes or ()),
        every_session=every_session,
        clearable=clearable,
        excludes_areas=excludes_areas,
    )


def _flag(
    table: Mapping[str, Any],
    key: str,
    default: bool,
    check: tomlcheck.Checker,
    where: tomlcheck.Where,
    place: str,
) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        check.add(
            _("'{key}' must be true or false, got {type}").format(
                key=key, type=tomlcheck.type_name(value)
            ),
            where=where,
            place=place,
            key=key,
        )
        return default
    return value


def _areas(
    table: Mapping[str, Any],
    key: str,
    check: tomlcheck.Checker,
    where: tomlcheck.Where,
    place: str,
) -> tuple[str, ...]:
    areas = check.text_list(table, key, where=where, place=place, required=False)
    for area in areas or ():
        if area not in AREAS or area in UNTOUCHED_AREAS:
            named = [a for a in AREAS if a not in UNTOUCHED_AREAS]
            check.add(
                _("unknown area '{area}'{suggestion}; areas are {areas}").format(
                    area=area,
                    suggestion=tomlcheck.did_you_mean(area, named),
                    areas=", ".join(named),
                ),
                where=where,
                place=place,
                key=key,
            )
    return tuple(areas or ())


def load_questionnaire(path: Path | None = None, language: str = ENGLISH) -> tuple[Question, ...]:
    """The bundled questionnaire (or the file at ``path``), strictly validated, in
    ``language`` where it has that translation."""
    path = path or questionnaire_file()
    return parse_questionnaire(tomlcheck.read_text(path), path, language)


# -- an answers file (screen --answers) ------------------------------------------------


def parse_answers(
    text: str,
    path: Path,
    questions: Sequence[Question],
    *,
    required: Sequence[str] | None = None,
) -> dict[str, bool]:
    """``question_id = true|false`` lines; anything else is an ``InvalidFile``.

    Every question must be answered, or only those in ``required`` when it is given
    (``start --answers`` while the lasting answers still hold); the answers given
    are returned, and no others.
    """
    data, check = tomlcheck.parse(text, path)
    known = [q.id for q in questions]
    for key, value in data.items():
        if key not in known:
            check.add(
                _("unknown question '{key}'").format(key=key) + tomlcheck.did_you_mean(key, known),
                key=key,
            )
        elif not isinstance(value, bool):
            check.add(
                _("'{key}' must be true or false, got {type}").format(
                    key=key, type=tomlcheck.type_name(value)
                ),
                key=key,
            )
    missing = [qid for qid in (known if required is None else required) if qid not in data]
    if missing:
        check.add(
            ngettext(
                "{n} question not answered: {ids}",
                "{n} questions not answered: {ids}",
                len(missing),
            ).format(n=len(missing), ids=", ".join(missing))
        )
    check.raise_if_any()
    return {qid: bool(data[qid]) for qid in known if qid in data}


def load_answers(
    path: Path, questions: Sequence[Question], *, required: Sequence[str] | None = None
) -> dict[str, bool]:
    """Read and validate an answers file (see ``parse_answers``)."""
    return parse_answers(tomlcheck.read_text(path), path, questions, required=required)
