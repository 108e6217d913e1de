"""Issue 11, item 1: a byte that is not UTF-8 typed at the note prompt loses nothing.

`printf '3\\n1\\ncaf\\xe9\\n' | selfmassage start R --plain` used to exit 70 and record
the completed session as `interrupted`, its pain-after and note lost.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from journal_support import day, record
from routine_text import routine_file, step
from selfmassage.context import Context
from selfmassage.journal.store import Journal
from selfmassage.paths import Paths
from selfmassage.screening.saved import SavedScreening, save_screening

SRC = str(Path(__file__).resolve().parents[1] / "src")

TINY = routine_file(step("stroking", 1, "Stroke the neck."), description="One short step.")


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, object]]:
    """The issue's reproducer, run for real: a subprocess reading those bytes on stdin.

    (CliRunner decodes its input strictly; a real stdin hands Python's undecodable
    bytes on as lone surrogates, which is what reached the journal.)
    """
    home = tmp_path_factory.mktemp("home")
    tiny = home / "tiny.toml"
    tiny.write_text(TINY, encoding="utf-8")
    ctx = Context(paths=Paths.under(home))
    now = ctx.clock.now()
    answers = {q.id: False for q in ctx.questionnaire}
    save_screening(SavedScreening(answers, "clear", now, now), ctx.paths.screening_file)
    env = {**os.environ, "SELFMASSAGE_HOME": str(home), "PYTHONPATH": SRC, "LC_ALL": "C.UTF-8"}
    command = [sys.executable, "-m", "selfmassage"]
    started = subprocess.run(
        [*command, "start", str(tiny), "--plain"],
        input=b"3\n1\ncaf\xe9\n",
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    listed = subprocess.run(
        [*command, "history", "--json"], env=env, capture_output=True, timeout=60, check=True
    )
    return started.returncode, json.loads(listed.stdout)["sessions"][0]


def test_a_note_with_a_byte_that_is_not_utf8_completes_the_session(
    session: tuple[int, dict[str, object]],
) -> None:
    code, recorded = session
    assert (code, recorded["outcome"]) == (0, "completed")


def test_the_pain_after_score_is_kept_beside_such_a_note(
    session: tuple[int, dict[str, object]],
) -> None:
    _, recorded = session
    assert (recorded["pain_before"], recorded["pain_after"]) == (3, 1)


def test_the_undecodable_byte_is_kept_as_a_replacement_character(
    session: tuple[int, dict[str, object]],
) -> None:
    _, recorded = session
    assert recorded["note"] == "caf\ufffd"


def test_the_journal_stores_a_lone_surrogate_in_any_text_field_as_a_replacement(
    isolated_home: Path,
) -> None:
    with Journal.open(isolated_home / "data" / "journal.sqlite3") as journal:
        record(journal, day(1), note="half an emoji \ud83d")
        (kept,) = journal.sessions()
    assert kept.note == "half an emoji \ufffd"
