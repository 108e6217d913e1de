"""The saved screening: the answers kept between runs, and how long they hold.

Pure storage and arithmetic: no printing, and time is a parameter (``now``); the
flows pass the context's clock. Lasting answers hold for a number of days (a
setting). The answers asked before every session (clinical.md §1a) hold for one
session only: the next one started within ``FRESH_MINUTES`` of them. The same
private file keeps the doctor clearances, the holds after a pain stop, and the
answers of a screening that was interrupted, to resume the same day.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Literal

from selfmassage import paths
from selfmassage.errors import ExitCode, InvalidFile, SelfMassageError
from selfmassage.files import atomicfile, tomlcheck
from selfmassage.i18n import _
from selfmassage.routines.model import AREAS, UNTOUCHED_AREAS
from selfmassage.screening.questions import Question
from selfmassage.screening.standing import DoctorClearance, Hold
from selfmassage.screening.verdict import VERDICTS

SCREENING_VERSION = 2
SAVED_KEYS = (
    "version",
    "verdict",
    "time",
    "checked",
    "used",
    "answers",
    "clearances",
    "holds",
    "progress",
)
CLEARANCE_KEYS = ("id", "question", "given", "until", "note")
HOLD_KEYS = ("id", "since", "routine", "areas", "everything", "doctor")
PROGRESS_KEYS = ("time", "answers")
# Answers about right now (clinical.md §1a) that 'screen' gave just before 'start':
# they hold for the one session that follows, and only this soon (judgement: an
# hour-old "no" is not an answer about now).
FRESH_MINUTES = 15

Status = Literal["today", "lasting", "none"]


@dataclass(frozen=True)
class SavedScreening:
    """The last screening: answers, verdict, and when.

    ``time`` is when the lasting answers were given (the last full screening);
    ``checked`` is when the every-session ones were last answered, and ``used``
    whether a session has started on them since. ``progress`` holds the answers
    of a screening that was interrupted, and when.
    """

    answers: Mapping[str, bool]
    verdict: str
    time: datetime
    checked: datetime
    used: bool = False
    clearances: tuple[DoctorClearance, ...] = ()
    holds: tuple[Hold, ...] = ()
    progress: Progress | None = None
    # Holds lifted by this start's follow-up answers (never saved): this one session
    # goes on with light pressure (clinical.md §6a).
    lifted: tuple[Hold, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Progress:
    """Answers given so far in a screening that did not finish."""

    time: datetime
    answers: Mapping[str, bool]


def empty_screening(now: datetime) -> SavedScreening:
    """No answers yet: what clearances and holds are kept in before any screening."""
    return SavedScreening({}, "clear", now - timedelta(days=366 * 100), now - timedelta(days=1))


class ScreeningNotSaved(SelfMassageError):
    """The screening could not be written (a full disk, a file where a folder should be)."""

    exit_code = ExitCode.FAILURE


def save_screening(saved: SavedScreening, path: Path) -> Path:
    """Write the screening atomically (temp file, then rename), readable by the owner only."""
    import tomli_w

    data: dict[str, object] = {
        "version": SCREENING_VERSION,
        "verdict": saved.verdict,
        "time": saved.time,
        "checked": saved.checked,
        "used": saved.used,
        "answers": dict(sorted(saved.answers.items())),
    }
    if saved.clearances:
        data["clearances"] = [
            {
                "id": c.id,
                "question": c.question,
                "given": c.given,
                "until": c.until,
                **({"note": c.note} if c.note else {}),
            }
            for c in saved.clearances
        ]
    if saved.holds:
        data["holds"] = [
            {
                "id": h.id,
                "since": h.since,
                "routine": h.routine,
                "areas": list(h.areas),
                "everything": h.everything,
                **({"doctor": True} if h.doctor else {}),
            }
            for h in saved.holds
        ]
    if saved.progress is not None:
        data["progress"] = {
            "time": saved.progress.time,
            "answers": dict(sorted(saved.progress.answers.items())),
        }
    try:
        paths.ensure_private_dir(path.parent)
    except OSError as exc:
        raise ScreeningNotSaved(
            _("cannot save the screening in {folder}: {reason}").format(
                folder=path.parent, reason=exc.strerror or exc
            )
        ) from None
    try:
        atomicfile.write_text(path, tomli_w.dumps(data), force=True, private=True)
    except atomicfile.CannotWrite as exc:
        raise ScreeningNotSaved(
            _("cannot save the screening to {path}: {reason}").format(path=path, reason=exc.reason)
        ) from None
    return path


def load_saved(path: Path) -> tuple[SavedScreening | None, str | None]:
    """The saved screening, or ``None``; a corrupt file is ignored with a warning returned.

    Validated like every file selfmassage reads (``tomlcheck``), but a problem here is
    not the person's to fix: the questions are simply asked again.
    """
    if not path.exists() and not path.is_symlink():
        return None, None
    try:
        return _read_saved(path), None
    except InvalidFile as exc:
        detail = "; ".join(
            problem.removeprefix(f"{path}").lstrip(":0123456789 ") for problem in exc.problems
        )
        return None, _(
            "the saved screening {path} cannot be read ({problems}); "
            "it is ignored and the questions will be asked again"
        ).format(path=path, problems=detail)


def _read_saved(path: Path) -> SavedScreening:
    data, check = tomlcheck.parse(tomlcheck.read_text(path), path)
    top = tomlcheck.TOP
    check.unknown_keys(data, SAVED_KEYS, where=top)
    check.choice(data, "verdict", VERDICTS, where=top)
    time = check.get(data, "time", datetime, where=top)
    checked = check.get(data, "checked", datetime, where=top)
    used = check.get(data, "used", bool, where=top, required=False)
    answers = _answers(data, "answers", check, ("answers", 0))
    clearances = _tables(data, "clearances", check)
    holds = _tables(data, "holds", check)
    progress = check.get(data, "progress", dict, where=top, required=False)
    found_clearances = [_clearance(t, i, check) for i, t in enumerate(clearances)]
    found_holds = [_hold(t, i, check) for i, t in enumerate(holds)]
    found_progress = None if progress is None else _progress(progress, check)
    check.raise_if_any()
    # A time without an offset is read as local time.
    return SavedScreening(
        dict(answers or {}),
        str(data["verdict"]),
        time.astimezone(),
        checked.astimezone(),
        used=bool(used),
        clearances=tuple(c for c in found_clearances if c is not None),
        holds=tuple(h for h in found_holds if h is not None),
        progress=found_progress,
    )


def _answers(
    table: Mapping[str, object], key: str, check: tomlcheck.Checker, where: tomlcheck.Where
) -> dict[str, bool] | None:
    answers = check.get(table, key, dict, where=where if key != "answers" else tomlcheck.TOP)
    if isinstance(answers, dict) and not all(isinstance(v, bool) for v in answers.values()):
        check.add(_("every answer must be true or false"), where=where)
        return None
    return None if answers is None else dict(answers)


def _tables(
    data: Mapping[str, object], key: str, check: tomlcheck.Checker
) -> list[Mapping[str, object]]:
    value = check.get(data, key, list, where=tomlcheck.TOP, required=False)
    if value is None:
        return []
    if not all(isinstance(t, dict) for t in value):
        check.add(_("'{key}' must be an array of tables").format(key=key), key=key)
        return []
    return list(value)


def _day(
    table: Mapping[str, object], key: str, check: tomlcheck.Checker, where: tomlcheck.Where
) -> date | None:
    value = table.get(key)
    if not isinstance(value, date) or isinstance(value, datetime):
        check.add(_("'{key}' must be a date (YYYY-MM-DD)").format(key=key), where=where, key=key)
        return None
    return value


def _clearance(
    table: Mapping[str, object], index: int, check: tomlcheck.Checker
) -> DoctorClearance | None:
    where: tomlcheck.Where = ("clearances", index)
    before = len(check.problems)
    check.unknown_keys(table, CLEARANCE_KEYS, where=where)
    cid = check.text(table, "id", where=where)
    question = check.text(table, "question", where=where)
    given = _day(table, "given", check, where)
    until = _day(table, "until", check, where)
    note = check.text(table, "note", where=where, required=False)
    if given is not None and until is not None and until < given:
        check.add(_("'until' must not be before 'given'"), where=where, key="until")
    if len(check.problems) != before or not (cid and question and given and until):
        return None
    return DoctorClearance(cid, question, given, until, note)


def _hold(table: Mapping[str, object], index: int, check: tomlcheck.Checker) -> Hold | None:
    where: tomlcheck.Where = ("holds", index)
    before = len(check.problems)
    check.unknown_keys(table, HOLD_KEYS, where=where)
    hid = check.text(table, "id", where=where)
    since = check.get(table, "since", datetime, where=where)
    routine = check.text(table, "routine", where=where)
    areas = check.text_list(table, "areas", where=where)
    everything = check.get(table, "everything", bool, where=where)
    doctor = check.get(table, "doctor", bool, where=where, required=False)
    for area in areas or ():
        if area not in AREAS or area in UNTOUCHED_AREAS:
            check.add(_("unknown area '{area}'").format(area=area), where=where, key="areas")
    if len(check.problems) != before or not (hid and since and routine):
        return None
    return Hold(
        hid, since.astimezone(), routine, tuple(areas or ()), bool(everything), bool(doctor)
    )


def _progress(table: Mapping[str, object], check: tomlcheck.Checker) -> Progress | None:
    where: tomlcheck.Where = ("progress", 0)
    before = len(check.problems)
    check.unknown_keys(table, PROGRESS_KEYS, where=where)
    time = check.get(table, "time", datetime, where=where)
    answers = _answers(table, "answers", check, where)
    if len(check.problems) != before or time is None or answers is None:
        return None
    return Progress(time.astimezone(), answers)


def _aware(now: datetime) -> datetime:
    return now if now.tzinfo is not None else now.astimezone()


def _lasting_ok(saved: SavedScreening, now: datetime, valid_days: int) -> bool:
    age = _aware(now) - saved.time
    return timedelta(0) <= age < timedelta(days=valid_days)


def _same_day(moment: datetime, now: datetime) -> bool:
    now = _aware(now)
    return moment <= now and moment.astimezone(now.tzinfo).date() == now.date()


def fresh(saved: SavedScreening | None, now: datetime) -> bool:
    """Whether the every-session answers may serve the session about to start (§1a)."""
    if saved is None or saved.used:
        return False
    age = _aware(now) - saved.checked
    return timedelta(0) <= age <= timedelta(minutes=FRESH_MINUTES)


def resumable(saved: SavedScreening | None, now: datetime) -> Mapping[str, bool]:
    """The answers of a screening interrupted earlier today, to go on from; else none."""
    if saved is None or saved.progress is None or not _same_day(saved.progress.time, now):
        return {}
    return saved.progress.answers


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
    """The saved answers that still hold for a session about to start.

    Lasting ones hold for ``valid_days``; the every-session ones only while
    ``fresh`` (the one session right after they were given).
    """
    state = status(saved, now, valid_days)
    if saved is None or state == "none":
        return {}
    now_too = fresh(saved, now)
    return {
        q.id: saved.answers[q.id]
        for q in questions
        if q.id in saved.answers and (now_too or not q.every_session)
    }
