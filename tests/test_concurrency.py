"""Issue 11's concurrency test: sessions run while a large import and an export run,
and every step of every session is recorded (item 7).

A session used to die with "journal is busy" after 2-3 of its 12 steps while a
100,000-session import held the write lock; now the import writes in batches and
pauses between them while a session runs, and a session's writes wait as long as
it takes. `pytest -m slow` runs it with 100,000 sessions and five sessions at once.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_crash import export_of

SRC = str(Path(__file__).resolve().parents[1] / "src")
STEPS = 12

# One whole session as the session player writes it, a step every ``pause`` seconds.
SESSION = f"""
import sys, time
from datetime import datetime, timezone
from pathlib import Path
from selfmassage.journal import store
from selfmassage.journal.store import Journal, StepRecord
from selfmassage.routines.catalog import load_catalog

# As on a slower machine, where the import's writing outlasts one wait for the lock:
# a session must keep its steps all the same.
store.BUSY_TIMEOUT_SECONDS = 0.05
routine = load_catalog().routines["collar"]
pause = float(sys.argv[2])
with Journal.open(Path(sys.argv[1])) as journal:
    now = datetime.now(timezone.utc)
    sid = journal.begin_session(routine, started_at=now, verdict="go", pain_before=3)
    for index in range({STEPS}):
        time.sleep(pause)
        step = StepRecord(index, "stroking", "neck-shoulders", "both", 30, 30, True, False)
        journal.record_step(sid, step)
    journal.finish_session(sid, ended_at=now, outcome="completed", actual_seconds=360,
        paused_seconds=0, pain_after=1, pain_where=None, note=None)
print(sid)
"""


def check_sessions_beside_import_and_export(
    tmp_path: Path, imported: int, sessions: int, pause: float
) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "PYTHONPATH": SRC, "SELFMASSAGE_HOME": str(home)}
    selfmassage = [sys.executable, "-m", "selfmassage"]
    file = export_of(imported, tmp_path / "big.json")
    path = home / "data" / "journal.sqlite3"
    # A journal with a session in it, so the export has work from the start.
    subprocess.run([sys.executable, "-c", SESSION, str(path), "0"], env=env, check=True)

    importing = subprocess.Popen(
        [*selfmassage, "import", str(file)], env=env, stdout=subprocess.PIPE, text=True
    )
    time.sleep(0.2)
    running = [
        subprocess.Popen(
            [sys.executable, "-c", SESSION, str(path), str(pause)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(sessions)
    ]
    exporting = subprocess.Popen(
        [*selfmassage, "export"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    _, export_errors = exporting.communicate(timeout=300)
    finished = [child.communicate(timeout=300) for child in running]
    import_out, _ = importing.communicate(timeout=300)

    assert exporting.returncode == 0, export_errors
    assert importing.returncode == 0
    assert f"{imported} session(s) added" in import_out
    for child, (_, errors) in zip(running, finished, strict=True):
        assert child.returncode == 0, errors
    ids = [out.strip() for out, _ in finished]
    with sqlite3.connect(path) as db:
        for session_id in ids:
            outcome, steps = db.execute(
                "SELECT outcome, (SELECT COUNT(*) FROM steps WHERE session_n = n) "
                "FROM sessions WHERE id = ?",
                (session_id,),
            ).fetchone()
            assert (outcome, steps) == ("completed", STEPS)
        total = db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
    assert total == imported + sessions + 1


def test_sessions_lose_no_step_beside_an_import_and_an_export(tmp_path: Path) -> None:
    check_sessions_beside_import_and_export(tmp_path, imported=20_000, sessions=3, pause=0.1)


@pytest.mark.slow
def test_five_sessions_lose_no_step_beside_a_100000_session_import(tmp_path: Path) -> None:
    check_sessions_beside_import_and_export(tmp_path, imported=100_000, sessions=5, pause=0.3)
