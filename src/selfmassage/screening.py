"""Screening: the questionnaire, the verdict, the saved result and the recommendation.

A pure core: no Typer, no printing. Time is a parameter (``now``), so tests can
move the clock; only ``ui_screening`` and the CLI ask the real clock.
Content comes from shared/clinical.md §1-2 and the seed articles.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from selfmassage import paths, tomlcheck
from selfmassage.errors import ExitCode, SelfMassageError, SessionRefused
from selfmassage.routines import AREAS, ID_PATTERN, UNTOUCHED_AREAS, Catalog, RescaleError, Routine

# Most severe first: the verdict is the first tier with a "yes".
TIERS = ("urgent", "stop", "local", "caution")
VERDICTS = (*TIERS, "clear")
SEVERITY = {"urgent": 4, "stop": 3, "local": 2, "caution": 1, "clear": 0}
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
VERDICT_SUMMARY = {
    "urgent": "No session: something you reported needs a doctor, and may need one now.",
    "stop": "No session until a doctor has cleared it.",
    "local": "Some areas must be left alone; routines that touch them are left out.",
    "caution": "You may go on with light pressure and no tapping, after you confirm.",
    "clear": "Nothing you reported rules out self-massage today.",
}
# Honest wording (clinical.md §7); shown with the verdict, the README and --help.
NOT_ADVICE = "This is not medical advice; see a doctor for a diagnosis."
EVIDENCE = (
    "Reviews of massage for back and neck pain found at best short-term relief, with low "
    "certainty, and none studied self-massage. Use it for short-term comfort and relaxation "
    "alongside exercise and medical care; it does not treat or reverse spinal disease."
)
SCREENING_VERSION = 1

Status = Literal["today", "lasting", "none"]


def questionnaire_file() -> Path:
    """The bundled questionnaire, shipped inside the package."""
    return Path(__file__).parent / "data" / "questions.toml"


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


# -- the verdict -----------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """What the answers allow: the verdict, the routines, and why."""

    verdict: str
    allowed: tuple[str, ...]
    excluded: Mapping[str, str]
    reasons: tuple[str, ...]
    advice: tuple[str, ...]
    causes: tuple[Question, ...] = field(default=(), compare=False)

    @property
    def refused(self) -> bool:
        return self.verdict in ("urgent", "stop")

    @property
    def caution(self) -> bool:
        """A caution answer asks for light pressure and no tapping, whatever else holds."""
        return any(q.tier == "caution" for q in self.causes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "allowed": list(self.allowed),
            "excluded": dict(self.excluded),
            "reasons": list(self.reasons),
            "advice": list(self.advice),
            "caution": self.caution,
        }


def _area_words(areas: Iterable[str]) -> str:
    words = [AREAS.get(a, a) for a in sorted(areas)]
    return words[0] if len(words) == 1 else ", the ".join(words[:-1]) + " and the " + words[-1]


def evaluate(
    answers: Mapping[str, bool], questions: Sequence[Question], catalog: Catalog
) -> Verdict:
    """The verdict (most severe tier answered yes), allowed and excluded routines, reasons."""
    causes = tuple(
        sorted(
            (q for q in questions if answers.get(q.id) is True),
            key=lambda q: -SEVERITY[q.tier],
        )
    )
    verdict = causes[0].tier if causes else "clear"
    reasons = tuple(f"{q.id}: {q.text} — yes" for q in causes)
    advice = tuple(dict.fromkeys(q.advice for q in causes))
    excluded: dict[str, str] = {}
    for rid in catalog.ids():
        routine = catalog.routines[rid]
        why: list[str] = []
        if verdict in ("urgent", "stop"):
            first = next(q.id for q in causes if q.tier == verdict)
            what = "a red flag" if verdict == "urgent" else "a reason to see a doctor first"
            why.append(f"no session today: you answered yes to '{first}', {what}")
        for q in causes:
            if q.tier == "local" and set(q.areas) & routine.areas:
                touched = set(q.areas) & routine.areas
                why.append(
                    f"it works on the {_area_words(touched)}, and you answered yes to '{q.id}'"
                )
            if rid in q.excludes:
                why.append(f"left out because you answered yes to '{q.id}'")
        if why:
            excluded[rid] = "; ".join(why)
    allowed = tuple(rid for rid in catalog.ids() if rid not in excluded)
    return Verdict(
        verdict=verdict,
        allowed=allowed,
        excluded=excluded,
        reasons=reasons,
        advice=advice,
        causes=causes,
    )


def refusal(verdict: Verdict) -> SessionRefused:
    """The error that stops a session, with the reasons and what to do."""
    lines = [f"screening verdict '{verdict.verdict}': {VERDICT_SUMMARY[verdict.verdict]}"]
    lines += [f"because: {q.text} — yes" for q in verdict.causes if q.tier == verdict.verdict]
    lines += [f"what to do: {a}" for a in verdict.advice]
    return SessionRefused("\n".join(lines), hint=NOT_ADVICE)


# -- an answers file (screen --answers) -------------------------------------------------


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


# -- the saved screening ---------------------------------------------------------------


@dataclass(frozen=True)
class SavedScreening:
    """The last screening: answers, verdict, and when.

    ``time`` is when the lasting answers were given (the last full screening);
    ``checked`` is when the temporary ones were last answered.
    """

    answers: Mapping[str, bool]
    verdict: str
    time: datetime
    checked: datetime


class ScreeningNotSaved(SelfMassageError):
    """The screening could not be written (a full disk, a file where a folder should be)."""

    exit_code = ExitCode.FAILURE


def save_screening(saved: SavedScreening, path: Path | None = None) -> Path:
    """Write the screening atomically (temp file, then rename), readable by the owner only."""
    import tomli_w

    path = path or paths.screening_file()
    data = {
        "version": SCREENING_VERSION,
        "verdict": saved.verdict,
        "time": saved.time,
        "checked": saved.checked,
        "answers": dict(sorted(saved.answers.items())),
    }
    try:
        paths.ensure_private_dir(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=".screening-", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ScreeningNotSaved(
            f"cannot save the screening in {path.parent}: {exc.strerror or exc}"
        ) from None
    try:
        with os.fdopen(fd, "wb") as out:
            tomli_w.dump(data, out)
            out.flush()
            os.fsync(out.fileno())
        Path(tmp).replace(path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        if isinstance(exc, OSError):
            raise ScreeningNotSaved(
                f"cannot save the screening to {path}: {exc.strerror or exc}"
            ) from None
        raise
    return path


def load_saved(path: Path | None = None) -> tuple[SavedScreening | None, str | None]:
    """The saved screening, or ``None``; a corrupt file is ignored with a warning returned."""
    path = path or paths.screening_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, _corrupt(path, exc.strerror or str(exc))
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return None, _corrupt(path, str(exc))
    except RecursionError:
        return None, _corrupt(path, "nested too deeply")
    answers = data.get("answers")
    time, checked = data.get("time"), data.get("checked")
    if (
        not isinstance(answers, dict)
        or not all(isinstance(v, bool) for v in answers.values())
        or data.get("verdict") not in VERDICTS
        or not isinstance(time, datetime)
        or not isinstance(checked, datetime)
    ):
        return None, _corrupt(path, "it does not hold answers, verdict, time and checked")
    # A time without an offset is read as local time.
    time, checked = time.astimezone(), checked.astimezone()
    return SavedScreening(dict(answers), str(data["verdict"]), time, checked), None


def _corrupt(path: Path, detail: str) -> str:
    return (
        f"the saved screening {path} cannot be read ({detail}); "
        "it is ignored and the questions will be asked again"
    )


def _aware(now: datetime) -> datetime:
    return now if now.tzinfo is not None else now.astimezone()


def _lasting_ok(saved: SavedScreening, now: datetime, valid_days: int) -> bool:
    age = _aware(now) - saved.time
    return timedelta(0) <= age < timedelta(days=valid_days)


def _same_day(moment: datetime, now: datetime) -> bool:
    now = _aware(now)
    return moment <= now and moment.astimezone(now.tzinfo).date() == now.date()


def status(saved: SavedScreening | None, now: datetime, valid_days: int) -> Status:
    """``today`` (all answers hold), ``lasting`` (re-ask the temporary ones) or ``none``."""
    if saved is None or not _lasting_ok(saved, now, valid_days):
        return "none"
    return "today" if _same_day(saved.checked, now) else "lasting"


def valid_answers(
    saved: SavedScreening | None,
    questions: Sequence[Question],
    now: datetime,
    valid_days: int,
) -> dict[str, bool]:
    """The saved answers that still hold: lasting ones for ``valid_days``, temporary ones today."""
    state = status(saved, now, valid_days)
    if saved is None or state == "none":
        return {}
    return {
        q.id: saved.answers[q.id]
        for q in questions
        if q.id in saved.answers and (state == "today" or not q.temporary)
    }


# -- the recommendation ----------------------------------------------------------------


@dataclass(frozen=True)
class Complaint:
    label: str
    routines: tuple[str, ...]  # the routines that address it, best first


COMPLAINTS = {
    "neck": Complaint("neck and shoulder pain or stiffness", ("collar", "relaxation")),
    "lower-back": Complaint("lower-back pain from sitting or static load", ("lumbar",)),
    "tension": Complaint("neck and shoulder tension", ("collar", "relaxation")),
    "sleep": Complaint("trouble winding down before sleep", ("relaxation",)),
    "fatigue": Complaint("tiredness and stress", ("relaxation", "collar")),
}
# With no complaint, the gentlest routine first.
DEFAULT_ORDER = ("relaxation", "collar", "lumbar")


@dataclass(frozen=True)
class Recommendation:
    """The routine to do (possibly shortened), why, and the other allowed routines."""

    routine: Routine
    reason: str
    alternatives: tuple[str, ...]
    shortened_from: int | None = None  # seconds, when rescaled to fit the time

    def to_dict(self) -> dict[str, Any]:
        return {
            "routine": self.routine.id,
            "reason": self.reason,
            "alternatives": list(self.alternatives),
            "minutes": round(self.routine.minutes, 1),
            "shortened": self.shortened_from is not None,
        }


def recommend(
    complaint: str | None, minutes: int | None, verdict: Verdict, catalog: Catalog
) -> Recommendation:
    """The allowed routine that best fits the complaint and the time; never an excluded one."""
    if verdict.refused:
        raise refusal(verdict)
    if complaint is not None and complaint not in COMPLAINTS:
        raise SessionRefused(f"unknown complaint '{complaint}'")  # the CLI restricts choices
    allowed = [rid for rid in verdict.allowed if rid in catalog.routines]
    if not allowed:
        raise SessionRefused(
            "screening leaves no routine allowed today:\n"
            + "\n".join(f"{rid}: {why}" for rid, why in verdict.excluded.items()),
            hint=NOT_ADVICE,
        )
    matches = COMPLAINTS[complaint].routines if complaint else ()
    order = list(dict.fromkeys((*matches, *DEFAULT_ORDER, *catalog.ids())))
    ranked = [rid for rid in order if rid in allowed]
    budget = minutes * 60 if minutes else None
    if budget is not None and complaint is None:
        # Without a complaint, time decides: routines that fit come first.
        ranked.sort(key=lambda rid: catalog.routines[rid].total_seconds > budget)
    chosen = catalog.routines[ranked[0]]

    sentences = [_why_chosen(chosen, complaint, matches, verdict, catalog, budget)]
    routine, shortened = chosen, None
    if budget is not None and chosen.total_seconds > budget:
        try:
            routine, shortened = chosen.rescaled(budget), chosen.total_seconds
            sentences.append(
                f"It is shortened from {chosen.minutes:.1f} to {minutes} minutes to fit your time."
            )
        except RescaleError:
            sentences.append(f"It cannot be shortened to {minutes} minutes; it takes longer.")
    if verdict.caution:
        sentences.append("Your screening asks for care: light pressure and no tapping.")
    return Recommendation(
        routine=routine,
        reason=" ".join(sentences),
        alternatives=tuple(ranked[1:]),
        shortened_from=shortened,
    )


def _why_chosen(
    chosen: Routine,
    complaint: str | None,
    matches: Sequence[str],
    verdict: Verdict,
    catalog: Catalog,
    budget: int | None,
) -> str:
    name = f"{chosen.title} ({chosen.id})"
    if complaint is None:
        fits = budget is not None and chosen.total_seconds <= budget
        tail = f" that fits in {(budget or 0) // 60} minutes" if fits else ""
        return f"No complaint given: {name} is the gentlest allowed routine{tail}."
    label = COMPLAINTS[complaint].label
    primary = next((rid for rid in matches if rid in catalog.routines), None)
    if chosen.id == primary:
        return f"{name} is made for {label}."
    if primary is not None and primary in verdict.excluded:
        left_out = f"{catalog.routines[primary].title} is left out today"
        because = f" ({verdict.excluded[primary]})"
        if chosen.id in matches:
            return f"{left_out}{because}, so {name} is the best allowed alternative for {label}."
        return (
            f"{left_out}{because}; {name} is still allowed, though it works on the "
            f"{_area_words(chosen.areas)} rather than on {label}."
        )
    return f"{name} is the closest allowed routine for {label}."
