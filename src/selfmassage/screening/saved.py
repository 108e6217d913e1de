"""The saved screening: the answers kept between runs, and how long they hold.

Pure storage and arithmetic: no printing, and time is a parameter (``now``); the
flows pass the context's clock. Lasting answers hold for a number of days (a
setting), temporary ones for the day they were given (clinical.md §1).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

from selfmassage import paths
from selfmassage.errors import ExitCode, InvalidFile, SelfMassageError
from selfmassage.files import atomicfile, tomlcheck
from selfmassage.screening.questions import Question
from selfmassage.screening.verdict import VERDICTS

SCREENING_VERSION = 1
SAVED_KEYS = ("version", "verdict", "time", "checked", "answers")

Status = Literal["today", "lasting", "none"]


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


def save_screening(saved: SavedScreening, path: Path) -> Path:
    """Write the screening atomically (temp file, then rename), readable by the owner only."""
    import tomli_w

    data = {
        "version": SCREENING_VERSION,
        "verdict": saved.verdict,
        "time": saved.time,
        "checked": saved.checked,
        "answers": dict(sorted(saved.answers.items())),
    }
    try:
        paths.ensure_private_dir(path.parent)
    except OSError as exc:
        raise ScreeningNotSaved(
            f"cannot save the screening in {path.parent}: {exc.strerror or exc}"
        ) from None
    try:
        atomicfile.write_text(path, tomli_w.dumps(data), force=True, private=True)
    except atomicfile.CannotWrite as exc:
        raise ScreeningNotSaved(f"cannot save the screening to {path}: {exc.reason}") from None
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
        return None, (
            f"the saved screening {path} cannot be read ({detail}); "
            "it is ignored and the questions will be asked again"
        )


def _read_saved(path: Path) -> SavedScreening:
    data, check = tomlcheck.parse(tomlcheck.read_text(path), path)
    top = tomlcheck.TOP
    check.unknown_keys(data, SAVED_KEYS, where=top)
    check.choice(data, "verdict", VERDICTS, where=top)
    time = check.get(data, "time", datetime, where=top)
    checked = check.get(data, "checked", datetime, where=top)
    answers = check.get(data, "answers", dict, where=top)
    if isinstance(answers, dict) and not all(isinstance(v, bool) for v in answers.values()):
        check.add("every answer must be true or false", where=("answers", 0))
    check.raise_if_any()
    # A time without an offset is read as local time.
    return SavedScreening(
        dict(answers), str(data["verdict"]), time.astimezone(), checked.astimezone()
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
