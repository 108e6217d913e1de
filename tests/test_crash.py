"""Issue 11's crash test: SIGKILL a session and an import at random moments.

After each kill the journal passes ``PRAGMA integrity_check``, holds every session
and step the killed process had committed (it says so on stdout after each commit),
and an import cut short shows none of its sessions (issue 15: all or nothing), its
leftovers go at the next open, and it finishes when run again. The
moments are random but seeded, so a failure can be repeated; `pytest -m slow` kills
many more times.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

import pytest

from selfmassage.journal.store import IMPORT_BATCH, Journal

SRC = str(Path(__file__).resolve().parents[1] / "src")
STEPS = 12

# Records sessions as the session player does, saying what it committed after each write.
SESSION_CHILD = f"""
import sys, time
from datetime import datetime, timezone
from pathlib import Path
from selfmassage.journal.store import Journal, StepRecord
from selfmassage.routines.catalog import load_catalog

routine = load_catalog().routines["collar"]
with Journal.open(Path(sys.argv[1])) as journal:
    print("ready", flush=True)
    while True:
        now = datetime.now(timezone.utc)
        sid = journal.begin_session(routine, started_at=now, verdict="go", pain_before=3)
        print("begin", sid, flush=True)
        for index in range({STEPS}):
            time.sleep(0.003)
            step = StepRecord(index, "stroking", "neck-shoulders", "both", 30, 30, True, False)
            journal.record_step(sid, step)
            print("step", sid, index, flush=True)
        journal.finish_session(sid, ended_at=now, outcome="completed", actual_seconds=360,
            paused_seconds=0, pain_after=1, pain_where=None, note=None)
        print("end", sid, flush=True)
"""


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": SRC}


def kill_a_session_at_random(path: Path, chance: random.Random) -> list[list[str]]:
    with subprocess.Popen(
        [sys.executable, "-c", SESSION_CHILD, str(path)],
        env=env(),
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        time.sleep(chance.uniform(0.0, 0.4))
        child.send_signal(signal.SIGKILL)
        rest = child.stdout.read()
    return [line.split() for line in rest.splitlines()]


def kept(path: Path) -> tuple[dict[str, str | None], dict[str, set[int]]]:
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        outcomes = dict(db.execute("SELECT id, outcome FROM sessions").fetchall())
        steps: dict[str, set[int]] = defaultdict(set)
        for session_id, index in db.execute(
            "SELECT id, idx FROM steps JOIN sessions ON n = session_n"
        ):
            steps[session_id].add(index)
    return outcomes, steps


def check_sessions_survive(tmp_path: Path, kills: int, seed: int) -> None:
    chance = random.Random(seed)
    path = tmp_path / "data" / "journal.sqlite3"
    said: dict[str, set[int]] = defaultdict(set)
    for _ in range(kills):
        for line in kill_a_session_at_random(path, chance):
            said[line[1]]
            if line[0] == "step":
                said[line[1]].add(int(line[2]))
        Journal.open(path).close()  # the next start closes what the kill left open
        outcomes, steps = kept(path)
        # Everything a process said it committed is there...
        assert said.keys() <= outcomes.keys()
        for session_id, indexes in said.items():
            assert indexes <= steps[session_id]
        # ...at most one write more than it said (killed between commit and saying so)...
        assert len(outcomes) - len(said) <= 1
        # ...and no session is left open.
        assert None not in outcomes.values()


def test_a_session_killed_at_random_moments_keeps_every_committed_step(tmp_path: Path) -> None:
    check_sessions_survive(tmp_path, kills=4, seed=11)


@pytest.mark.slow
def test_a_session_killed_at_random_moments_keeps_every_committed_step_long(
    tmp_path: Path,
) -> None:
    check_sessions_survive(tmp_path, kills=40, seed=1111)


def export_of(count: int, path: Path) -> Path:
    sessions = [
        {
            "id": str(uuid.uuid4()),
            "routine": "collar",
            "started_at": f"2026-10-{1 + n % 28:02d}T08:{n % 60:02d}:00+01:00",
            "ended_at": f"2026-10-{1 + n % 28:02d}T08:{n % 60:02d}:30+01:00",
            "outcome": "completed",
            "planned_seconds": 60,
            "actual_seconds": 60,
            "paused_seconds": 0,
            "pain_before": 3,
            "pain_after": 1,
            "steps": [
                {
                    "index": index,
                    "technique": "stroking",
                    "area": "neck-shoulders",
                    "side": "both",
                    "planned_seconds": 30,
                    "seconds_done": 30,
                    "completed": True,
                    "skipped": False,
                }
                for index in range(2)
            ],
        }
        for n in range(count)
    ]
    document = {"format": "selfmassage-journal", "version": 1, "sessions": sessions}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def check_imports_survive(tmp_path: Path, kills: int, seed: int) -> None:
    chance = random.Random(seed)
    total = 4 * IMPORT_BATCH
    file = export_of(total, tmp_path / "big.json")
    for attempt in range(kills):
        home = tmp_path / f"home-{attempt}"
        child = subprocess.Popen(
            [sys.executable, "-m", "selfmassage", "import", str(file)],
            env={**env(), "SELFMASSAGE_HOME": str(home)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(chance.uniform(0.2, 1.5))
        child.send_signal(signal.SIGKILL)
        child.wait()
        path = home / "data" / "journal.sqlite3"
        if not path.exists():
            continue  # killed before it wrote a byte
        outcomes, steps = kept(path)
        # None of the import is visible, or all of it: a killed one left pending rows only.
        shown = [session_id for session_id, outcome in outcomes.items() if outcome is not None]
        assert len(shown) in (0, total)
        assert all(len(steps[session_id]) == 2 for session_id in shown)
        # The next open removes what the killed import left.
        Journal.open(path).close()
        outcomes, _ = kept(path)
        assert len(outcomes) in (0, total)
        assert None not in outcomes.values()
        # Importing again finishes the job.
        again = subprocess.run(
            [sys.executable, "-m", "selfmassage", "import", str(file)],
            env={**env(), "SELFMASSAGE_HOME": str(home)},
            capture_output=True,
            check=False,
        )
        assert again.returncode == 0, again.stderr
        assert len(kept(path)[0]) == total


def test_an_import_killed_at_random_moments_shows_all_of_it_or_none(tmp_path: Path) -> None:
    check_imports_survive(tmp_path, kills=3, seed=12)


@pytest.mark.slow
def test_an_import_killed_at_random_moments_shows_all_of_it_or_none_long(tmp_path: Path) -> None:
    check_imports_survive(tmp_path, kills=25, seed=1212)
