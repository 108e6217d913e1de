"""What issue 11's hardening costs, and what it saves, measured side by side.

    python benchmarks/hardening.py [--big 100000] [--runs 7]

- the integrity check (``PRAGMA quick_check``) the first write of a run now pays:
  recording one whole session in a journal of 3,650 and of ``--big`` sessions, with
  the check and without it, and the check alone;
- the TOML line indexer on the issue's file (``x = [`` then a line of N spaces), with
  the old lazy-group patterns and the new linear ones;
- ``import`` of ``--big`` sessions in one transaction (as before) and in batches;
- the longest wait of a session's step write while that import runs beside it.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import journal as bench

from selfmassage.files import tomlcheck
from selfmassage.journal import store
from selfmassage.journal.exchange import parse_export
from selfmassage.journal.store import Journal, StepRecord
from selfmassage.routines.catalog import load_catalog

OLD_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]")
OLD_TABLE_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]")


def seconds(measure: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        measure()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def build(path: Path, count: int) -> list[dict[str, object]]:
    catalog = load_catalog()
    routines = [catalog.routines[i] for i in catalog.ids()]
    text = bench.export_json(bench.synthetic_sessions(count, routines))
    records = parse_export(text, Path("bench.json"), datetime.now(UTC))
    with Journal.open(path) as journal:
        journal.add_sessions(records)
    return records


def record_one(path: Path, *, check: bool) -> float:
    routine = load_catalog().routines["collar"]
    start = time.perf_counter()
    with Journal.open(path) as journal:
        journal._checked = not check  # the benchmark's switch: skip the check to compare
        bench_session(journal, routine)
    return time.perf_counter() - start


def bench_session(journal: Journal, routine: object) -> None:
    now = datetime.now(UTC)
    session = journal.begin_session(routine, started_at=now, verdict="go", pain_before=4)  # type: ignore[arg-type]
    for n in range(12):
        journal.record_step(
            session, StepRecord(n, "stroking", "neck-shoulders", "both", 30, 30, True, False)
        )
    journal.finish_session(
        session,
        ended_at=now,
        outcome="completed",
        actual_seconds=360,
        paused_seconds=0,
        pain_after=2,
        pain_where=None,
        note=None,
    )


def longest_step_beside_import(path: Path, records: list[dict[str, object]]) -> float:
    """The longest a session's step write waits while ``records`` are imported beside it."""
    Journal.open(path).close()
    waits: list[float] = []
    done = threading.Event()

    def session() -> None:
        routine = load_catalog().routines["collar"]
        with Journal.open(path) as journal:
            now = datetime.now(UTC)
            sid = journal.begin_session(routine, started_at=now, verdict="go", pain_before=1)
            index = 0
            while not done.is_set():
                step = StepRecord(index, "stroking", "neck-shoulders", "both", 1, 1, True, False)
                start = time.perf_counter()
                journal.record_step(sid, step)
                waits.append(time.perf_counter() - start)
                index += 1
                time.sleep(0.05)

    worker = threading.Thread(target=session)
    worker.start()
    time.sleep(0.2)
    with Journal.open(path) as journal:
        journal.add_sessions(records)
    done.set()
    worker.join()
    return max(waits)


def line_index_old(text: str) -> None:
    for line in text.splitlines():
        OLD_ARRAY_HEADER.match(line) or OLD_TABLE_HEADER.match(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    runs = options.runs
    rows: list[tuple[str, float, str]] = []

    with tempfile.TemporaryDirectory(prefix="selfmassage-hardening-") as tmp:
        root = Path(tmp)
        for count in (3_650, options.big):
            path = root / f"j{count}" / "journal.sqlite3"
            records = build(path, count)
            without = statistics.median(record_one(path, check=False) for _ in range(runs))
            with_check = statistics.median(record_one(path, check=True) for _ in range(runs))
            with Journal.open(path) as journal:
                alone = seconds(journal._check_integrity, runs)
            rows += [
                (f"record a session, {count:,} in, no check", without, "baseline"),
                (
                    f"record a session, {count:,} in, checked",
                    with_check,
                    f"{with_check / without:.2f}x",
                ),
                (f"quick_check alone, {count:,} sessions", alone, ""),
            ]

        # Import: one transaction (the old way) against batches, into empty journals.
        for label, batch in (
            ("one transaction", 10**9),
            (f"batches of {store.IMPORT_BATCH}", store.IMPORT_BATCH),
        ):
            store.IMPORT_BATCH = batch
            target = root / f"import-{batch}" / "journal.sqlite3"
            start = time.perf_counter()
            with Journal.open(target) as journal:
                journal.add_sessions(records)
            rows.append((f"import {options.big:,}, {label}", time.perf_counter() - start, ""))

            fresh = root / f"beside-{batch}" / "journal.sqlite3"
            longest = longest_step_beside_import(fresh, records)
            rows.append((f"longest step write beside it ({label})", longest, ""))

        text = "x = [\n[" + " " * 4000 + "1, 2],\n]\n"
        for spaces in (500, 1000, 2000):
            small = "x = [\n[" + " " * spaces + "1, 2],\n]\n"
            old = seconds(lambda text=small: line_index_old(text), 1)  # type: ignore[misc]
            rows.append((f"old line index, {spaces} spaces", old, "before issue 11"))
        new = seconds(lambda: tomlcheck.LineIndex(text), runs)
        rows.append(("new line index, 4000 spaces (the issue's)", new, ""))

    print(f"{'measure':48} {'median':>10}  note")
    for name, value, note in rows:
        if value < 0.001:
            shown = f"{value * 1e6:8.1f}µs"
        else:
            shown = f"{value * 1000:8.1f}ms" if value < 10 else f"{value:8.2f}s "
        print(f"{name:48} {shown:>10}  {note}")


if __name__ == "__main__":
    main()
