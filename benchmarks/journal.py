"""Journal performance at everyday and big sizes, measured side by side in one run.

    python benchmarks/journal.py [--runs 15] [--big 100000] [--import-runs 3]

Builds journals in temporary SELFMASSAGE_HOME folders (10 sessions through the
recording API; 3,650 and 100,000 sessions through `selfmassage import`), then
reports medians and ratios:

- recording one session (open, begin, one write per step, finish, close) with 10
  and with 100,000 sessions already in the journal: the same cost;
- `history` and `stats` (subprocess wall time) with 3,650 sessions: at most 1.1x
  Watson's `watson projects` (issue 15's start-up bar; issue 4 set 1.2x `--version`,
  which now runs at a bare interpreter's speed); with 100,000 sessions: under 1 s;
- `selfmassage import` of 100,000 sessions: for information (issue 15 sets its
  target beside `json.load` and direct inserts: benchmarks/bulk.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from selfmassage.journal.exchange import export_json
from selfmassage.journal.records import SessionRecord, StepRecord
from selfmassage.journal.store import Journal
from selfmassage.routines.catalog import load_catalog
from selfmassage.routines.model import Routine

PYCACHE = Path(tempfile.gettempdir()) / "selfmassage-bench-pycache"
EXE = shutil.which("selfmassage", path=str(Path(sys.executable).parent)) or "selfmassage"


def synthetic_sessions(count: int, routines: list[Routine]) -> list[SessionRecord]:
    """``count`` realistic sessions up to today, cycling the routines.

    One a day back from today while that stays after 2001 (imports refuse sessions
    before 2000); a bigger journal packs several into a day.
    """
    now = datetime.now().astimezone().replace(hour=7, minute=30, second=0, microsecond=0)
    spacing = min(timedelta(days=1), (now - datetime(2001, 1, 1).astimezone()) / count)
    sessions = []
    for i in range(count):
        routine = routines[i % len(routines)]
        started = now - spacing * (count - i) + timedelta(minutes=i % 50)
        outcome = "completed" if i % 10 else "quit"
        steps = tuple(
            StepRecord(n, s.technique, s.area, s.side, s.seconds, s.seconds, True, False)
            for n, s in enumerate(routine.steps)
        )
        sessions.append(
            SessionRecord(
                id=str(uuid.uuid4()),
                routine=routine.id,
                routine_title=routine.title,
                content_hash="sha256:0000000000000000",
                started_at=started.isoformat(),
                ended_at=(started + timedelta(seconds=routine.total_seconds)).isoformat(),
                planned_seconds=routine.total_seconds,
                actual_seconds=routine.total_seconds,
                paused_seconds=0,
                outcome=outcome,
                pain_before=3 + i % 5,
                pain_after=1 + i % 4,
                pain_where=None,
                note=None,
                verdict="go",
                source="timer",
                steps=steps,
            )
        )
    return sessions


def write_export(sessions: list[SessionRecord], path: Path) -> None:
    """The file exactly as `selfmassage export` writes it."""
    path.write_text(export_json(sessions), encoding="utf-8")


# The peer: Watson beside this interpreter (pip install td-watson), or on the PATH.
WATSON = shutil.which("watson", path=str(Path(sys.executable).parent)) or "watson"


def run(args: list[str], home: Path) -> float:
    """Wall time of one CLI run in a fresh process (``["watson", ...]``: the peer's, with
    its state in ``home``); it must succeed."""
    env = {
        **os.environ,
        "SELFMASSAGE_HOME": str(home),
        "WATSON_DIR": str(home / "watson"),
        "PYTHONPYCACHEPREFIX": str(PYCACHE),
    }
    # As installed by pip: modules load from cached bytecode, not compiled every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [WATSON, *args[1:]] if args[:1] == ["watson"] else [EXE, *args]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr.decode()}")
    return elapsed


def record_one(path: Path, routine: Routine) -> float:
    """Time the session player's writes for one whole session."""
    start = time.perf_counter()
    with Journal.open(path) as journal:
        now = datetime.now().astimezone()
        session = journal.begin_session(routine, started_at=now, verdict="go", pain_before=4)
        for n, step in enumerate(routine.steps):
            record = StepRecord(
                n, step.technique, step.area, step.side, step.seconds, step.seconds, True, False
            )
            journal.record_step(session, record)
        journal.finish_session(
            session,
            ended_at=now,
            outcome="completed",
            actual_seconds=routine.total_seconds,
            paused_seconds=0,
            pain_after=2,
            pain_where=None,
            note=None,
        )
    return time.perf_counter() - start


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per median")
    parser.add_argument("--big", type=int, default=100_000, help="sessions in the big journal")
    parser.add_argument("--import-runs", type=int, default=3, help="imports of the big journal")
    options = parser.parse_args()
    runs = options.runs
    catalog = load_catalog()
    routines = [catalog.routines[i] for i in catalog.ids()]

    with tempfile.TemporaryDirectory(prefix="selfmassage-bench-") as tmp:
        root = Path(tmp)
        homes = {name: root / name for name in ("small", "decade", "big")}
        for home in homes.values():
            home.mkdir()
        small_path = homes["small"] / "data" / "journal.sqlite3"
        for _ in range(10):
            record_one(small_path, routines[0])

        decade_file = root / "decade.json"
        write_export(synthetic_sessions(3_650, routines), decade_file)
        run(["import", str(decade_file)], homes["decade"])

        print(f"building a {options.big:,}-session export ...", flush=True)
        big_file = root / "big.json"
        write_export(synthetic_sessions(options.big, routines), big_file)
        size_mb = big_file.stat().st_size / 1e6
        # Each import goes into a new, empty home; the first one is kept for the other runs.
        import_times = [run(["import", str(big_file)], homes["big"])]
        for attempt in range(1, options.import_runs):
            spare = root / f"import-{attempt}"
            spare.mkdir()
            import_times.append(run(["import", str(big_file)], spare))
            shutil.rmtree(spare)
        import_seconds = statistics.median(import_times)
        big_path = homes["big"] / "data" / "journal.sqlite3"

        # Interleave the two journals so drift in machine load hits both alike.
        small_times, big_times = [], []
        for _ in range(max(runs, 30)):
            small_times.append(record_one(small_path, routines[0]))
            big_times.append(record_one(big_path, routines[0]))
        record_small = statistics.median(small_times)
        record_big = statistics.median(big_times)

        commands = {
            "watson projects": (["watson", "projects"], "small"),
            "--version": (["--version"], "small"),
            "history (3,650)": (["history"], "decade"),
            "stats (3,650)": (["stats"], "decade"),
            "history --json (3,650)": (["history", "--json"], "decade"),
            "stats --json (3,650)": (["stats", "--json"], "decade"),
            f"history ({options.big:,})": (["history"], "big"),
            f"stats ({options.big:,})": (["stats"], "big"),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for argv, home in commands.values():
            run(argv, homes[home])  # warm the file cache once
        for _ in range(runs):
            for name, (argv, home) in commands.items():
                times[name].append(run(argv, homes[home]))
        medians = {name: statistics.median(values) for name, values in times.items()}

    peer = medians["watson projects"]
    print()
    print(
        f"selfmassage journal benchmark (medians of {runs} runs; python "
        f"{sys.version.split()[0]}; sqlite {sqlite3.sqlite_version}; {os.cpu_count()} CPUs)"
    )
    print(f"{'measure':32} {'median':>10} {'ratio':>8}  target")
    print(
        f"{'record a session, 10 in journal':32} {record_small * 1000:8.1f}ms {1:8.2f}  same cost"
    )
    verdict = "ok" if record_big <= record_small * 1.2 else "MISSED"
    print(
        f"{f'record a session, {options.big:,} in':32} {record_big * 1000:8.1f}ms "
        f"{record_big / record_small:8.2f}  same cost ({verdict})"
    )
    for name, value in medians.items():
        if name == "watson projects":
            target = "baseline (the peer)"
        elif name == "--version":
            target = "(info)"
        elif "3,650" in name:
            target = "<= 1.1x Watson " + ("(ok)" if value <= 1.1 * peer else "(MISSED)")
        else:
            target = "< 1 s " + ("(ok)" if value < 1 else "(MISSED)")
        print(f"{name:32} {value * 1000:8.1f}ms {value / peer:8.2f}  {target}")
    print(
        f"{f'import {options.big:,} ({size_mb:.0f} MB)':32} {import_seconds:9.2f}s "
        f"{'':8}  (info; its target is set beside json.load in benchmarks/bulk.py; "
        f"median of {options.import_runs})"
    )


if __name__ == "__main__":
    main()
