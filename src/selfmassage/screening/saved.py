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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

from selfmassage import paths
from selfmassage.errors import ExitCode, SelfMassageError
from selfmassage.screening.questions import Question
from selfmassage.screening.verdict import VERDICTS

SCREENING_VERSION = 1

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


def load_saved(path: Path) -> tuple[SavedScreening | None, str | None]:
    """The saved screening, or ``None``; a corrupt file is ignored with a warning returned."""
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
