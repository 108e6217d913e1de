"""One run of the daily path, or of ``start``, reads each data file once and judges once.

Reads are counted with an audit hook (every ``open`` for reading the interpreter
makes, whatever reads the file), so the proof holds however the loaders are written.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from selfmassage import paths
from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.paths import Paths
from selfmassage.routines.catalog import load_catalog, routine_files
from selfmassage.screening import flow
from selfmassage.screening.questions import load_questionnaire
from selfmassage.screening.saved import SavedScreening, save_screening
from sessionkit import FakeClock

QUESTIONS = load_questionnaire()
LUMBAR_AREAS = load_catalog().routines["lumbar"].areas
# The lower-back complaint's questions: those about now on one screen, then the lasting ones.
LUMBAR_LASTING = [
    q for q in QUESTIONS if not q.every_session and (not q.areas or set(q.areas) & LUMBAR_AREAS)
]
ALL_NO_FOR_LUMBAR = "n\n" + "n\n" * len(LUMBAR_LASTING)

_recorders: list[Counter[str]] = []


def _reading(mode: str | None, flags: int) -> bool:
    if mode is not None:  # io.open and everything built on it
        return not set(mode) & set("wax+")
    return flags & os.O_ACCMODE == os.O_RDONLY  # os.open


def _count_reads(event: str, args: tuple[Any, ...]) -> None:
    if event != "open" or not _recorders:
        return
    path, mode, flags = args
    if isinstance(path, str | bytes | os.PathLike) and _reading(mode, flags):
        _recorders[-1][os.path.realpath(os.fsdecode(path))] += 1


# An audit hook cannot be removed: it stays, and counts only inside `opened()`.
sys.addaudithook(_count_reads)


@contextmanager
def opened() -> Iterator[Counter[str]]:
    """How often each file is opened for reading inside the block, by real path."""
    counts: Counter[str] = Counter()
    _recorders.append(counts)
    try:
        yield counts
    finally:
        _recorders.pop()


def data_files(run: Context) -> list[Path]:
    """Every file the daily path and ``start`` read: questions, routines, settings, screening."""
    bundled = routine_files(paths.bundled_routines_dir())
    questions = paths.package_data("questions.toml")
    return [questions, *bundled, run.paths.settings_file, run.paths.screening_file]


def opens_of(counts: Counter[str], files: list[Path]) -> dict[str, int]:
    return {file.name: counts[os.path.realpath(file)] for file in files}


@pytest.fixture
def run(isolated_home: Path) -> Context:
    """A context on a fake clock, with settings on file so that they are read too."""
    context = Context(
        paths=Paths.under(isolated_home), clock=FakeClock(wall=datetime.now().astimezone())
    )
    context.paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    context.paths.settings_file.write_text("screening_valid_days = 7\n", encoding="utf-8")
    return context


@pytest.fixture
def evaluations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each time the flows evaluate a set of answers, recorded (the verdict still computed)."""
    calls: list[int] = []
    real = flow.evaluate

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(flow, "evaluate", counted)
    return calls


def save_today(run: Context) -> None:
    now = run.clock.now()
    answers = {q.id: False for q in QUESTIONS}
    save_screening(SavedScreening(answers, "clear", now, now), run.paths.screening_file)


def sessions(run: Context) -> list[str]:
    exported = json.loads(CliRunner().invoke(app, ["export"], obj=run).stdout)
    return [session["routine"] for session in exported["sessions"]]


def invoke(run: Context, args: list[str], input: str) -> None:
    result = CliRunner().invoke(app, args, input=input, obj=run)
    assert result.exit_code == 0, result.output


def test_the_daily_path_with_todays_screening_reads_each_data_file_once(
    run: Context, evaluations: list[int]
) -> None:
    save_today(run)
    with opened() as counts:
        invoke(run, [], "1\nrelaxation\n")  # an alternative routine: once more through the gate
    assert sessions(run) == ["relaxation"]
    files = data_files(run)
    assert opens_of(counts, files) == {file.name: 1 for file in files}
    assert len(evaluations) == 1


def test_the_daily_path_that_asks_the_questions_reads_each_data_file_once(
    run: Context, evaluations: list[int]
) -> None:
    with opened() as counts:
        invoke(run, [], "2\n" + ALL_NO_FOR_LUMBAR + "y\n")
    assert sessions(run) == ["lumbar"]
    reads = opens_of(counts, data_files(run))
    # There was no screening yet: looked for at most once, then written, never read back.
    assert reads.pop("screening.toml") <= 1
    assert reads == dict.fromkeys(reads, 1)
    assert len(evaluations) == 1


def test_start_with_a_routine_in_plain_mode_reads_each_data_file_once(
    run: Context, evaluations: list[int]
) -> None:
    save_today(run)
    with opened() as counts:
        invoke(run, ["start", "collar", "--plain"], "")
    assert sessions(run) == ["collar"]
    files = data_files(run)
    assert opens_of(counts, files) == {file.name: 1 for file in files}
    assert len(evaluations) == 1
