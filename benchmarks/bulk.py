"""Bulk journal commands at 100,000 sessions against their peers (issue 15), side by side.

    python benchmarks/bulk.py [--sessions 100000] [--runs 3] [--import-runs 3]

Builds, in temporary folders, a selfmassage journal of N realistic sessions (the
export of ``benchmarks/journal.py``'s generator, imported) and a Watson frames file
of N frames (``WATSON_DIR``), then runs each pair alternately, each command in its
own process with its output to /dev/null, and prints medians of wall time and of
peak memory (``/usr/bin/time``'s maximum resident set size):

- ``history -n 0`` against ``watson log -a``;
- ``history --json -n 0`` and ``export --format json`` against ``watson log -a --json``;
- ``export --format csv`` against ``watson log -a --csv``;
- ``import`` of the N-session export into an empty journal against a baseline that
  does the least any import must: ``json.load`` of the file, then the same rows
  (sessions and steps, as ``Journal._insert_records`` makes them) inserted directly
  with ``executemany`` into an empty journal of the same schema, in one transaction.

Targets: each bulk command at most 1.0x its Watson peer and under 3 s on an idle
machine; import at most 1.5x the baseline; peak memory under 100 MiB for all.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from journal import EXE, PYCACHE, synthetic_sessions, write_export

from selfmassage.journal.store import Journal
from selfmassage.routines.catalog import load_catalog

WATSON = shutil.which("watson") or "watson"
TIME = "/usr/bin/time"
MIB = 1024 * 1024

# The baseline import: the least any import of the file must do, in one process.
BASELINE = """
import json, operator, sqlite3, sys
from datetime import UTC, datetime, timedelta
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
US = timedelta(microseconds=1)
KEYS = ("index", "technique", "area", "side", "planned_seconds", "seconds_done",
        "completed", "skipped")
with open(sys.argv[1], encoding="utf-8") as handle:
    sessions = json.load(handle)["sessions"]
db = sqlite3.connect(sys.argv[2], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
now = datetime.now(UTC).isoformat()
steps = operator.itemgetter(*KEYS)
session_rows, step_rows = [], []
for n, r in enumerate(sessions, start=1):
    started = datetime.fromisoformat(r["started_at"])
    session_rows.append((n, r["id"], r["routine"], r["routine_title"], r["content_hash"],
        r["started_at"], (started - EPOCH) // US, started.date().toordinal(), r["ended_at"],
        r["planned_seconds"], r["actual_seconds"], r["paused_seconds"], r["outcome"],
        r["pain_before"], r["pain_after"], r["pain_where"], r["note"], r["verdict"],
        r["source"], now))
    step_rows.extend([(n, *steps(s)) for s in r["steps"]])
db.executemany(
    "INSERT INTO sessions (n, id, routine, routine_title, content_hash, started_at, "
    "started_us, day, ended_at, planned_seconds, actual_seconds, paused_seconds, "
    "outcome, pain_before, pain_after, pain_where, note, verdict, source, last_write_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", session_rows)
db.executemany("INSERT INTO steps VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", step_rows)
db.execute("COMMIT")
"""


# Takes the journal's write lock every 20 ms, as a session's step write does, while an
# import runs beside it; prints the longest wait for the lock.
PROBE = """
import os, sqlite3, sys, time
path, stop = sys.argv[1], sys.argv[2]
while not os.path.exists(path):
    time.sleep(0.01)
db = sqlite3.connect(path, timeout=600, isolation_level=None)
longest = 0.0
while not os.path.exists(stop):
    start = time.perf_counter()
    db.execute("BEGIN IMMEDIATE")
    db.execute("COMMIT")
    longest = max(longest, time.perf_counter() - start)
    time.sleep(0.02)
print(longest)
"""


def longest_wait_beside_import(exe: str, export: Path, home: Path, env: dict[str, str]) -> float:
    """The longest a write waits for the lock while ``export`` is imported into ``home``."""
    stop = home / "stop"
    probe = subprocess.Popen(
        [sys.executable, "-c", PROBE, str(home / "data" / "journal.sqlite3"), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    subprocess.run(
        [exe, "import", str(export)],
        env={**env, "SELFMASSAGE_HOME": str(home)},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    stop.touch()
    out, _ = probe.communicate(timeout=60)
    return float(out)


def watson_frames(count: int, folder: Path) -> None:
    """``count`` Watson frames (start, stop, project, id, tags, updated), an hour apart."""
    chance = random.Random(15)
    now = int(time.time())
    first = now - count * 3600
    frames = []
    for i in range(count):
        start = first + i * 3600
        tags = chance.choice([[], ["neck"], ["neck", "evening"]])
        frames.append([start, start + 1800, f"project-{i % 7}", uuid.uuid4().hex, tags, start])
    (folder / "frames").write_text(json.dumps(frames), encoding="utf-8")


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB) of one run; it must succeed.

    ``/usr/bin/time`` reports the peak: a child forked from this process would count
    this process's own memory (the journal built above) as its peak.
    """
    start = time.perf_counter()
    done = subprocess.run(
        [TIME, "-f", "%M", *argv], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    elapsed = time.perf_counter() - start
    errors = done.stderr.decode()
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {errors}")
    return elapsed, int(errors.split()[-1]) / 1024  # %M is in KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100_000, help="sessions and frames")
    parser.add_argument("--runs", type=int, default=3, help="runs per median")
    parser.add_argument("--import-runs", type=int, default=3, help="imports per median")
    options = parser.parse_args()
    count = options.sessions
    catalog = load_catalog()
    routines = [catalog.routines[i] for i in catalog.ids()]

    with tempfile.TemporaryDirectory(prefix="selfmassage-bulk-") as tmp:
        root = Path(tmp)
        home, watson_dir = root / "home", root / "watson"
        home.mkdir()
        watson_dir.mkdir()
        print(f"building {count:,} sessions and {count:,} Watson frames ...", flush=True)
        export = root / "sessions.json"
        write_export(synthetic_sessions(count, routines), export)
        watson_frames(count, watson_dir)
        ours = {**os.environ, "SELFMASSAGE_HOME": str(home), "PYTHONPYCACHEPREFIX": str(PYCACHE)}
        ours.pop("PYTHONDONTWRITEBYTECODE", None)
        peer = {**os.environ, "WATSON_DIR": str(watson_dir)}
        measure([EXE, "import", str(export)], ours)

        pairs = {
            "history -n 0": (["history", "-n", "0"], ["log", "-a"]),
            "history --json -n 0": (["history", "--json", "-n", "0"], ["log", "-a", "--json"]),
            "export --format json": (["export", "--format", "json"], ["log", "-a", "--json"]),
            "export --format csv": (["export", "--format", "csv"], ["log", "-a", "--csv"]),
        }
        results: dict[str, tuple[list[tuple[float, float]], list[tuple[float, float]]]] = {
            name: ([], []) for name in pairs
        }
        for argv, peer_argv in pairs.values():  # warm the file cache once
            measure([EXE, *argv], ours)
            measure([WATSON, *peer_argv], peer)
        for _ in range(options.runs):
            for name, (argv, peer_argv) in pairs.items():
                results[name][0].append(measure([EXE, *argv], ours))
                results[name][1].append(measure([WATSON, *peer_argv], peer))

        imports: list[tuple[float, float]] = []
        baselines: list[tuple[float, float]] = []
        for attempt in range(options.import_runs):
            fresh = root / f"import-{attempt}"
            fresh.mkdir()
            imports.append(
                measure([EXE, "import", str(export)], {**ours, "SELFMASSAGE_HOME": str(fresh)})
            )
            direct = root / f"direct-{attempt}.sqlite3"
            Journal.open(direct).close()  # the same schema, empty
            baselines.append(
                measure([sys.executable, "-c", BASELINE, str(export), str(direct)], ours)
            )
            shutil.rmtree(fresh)
            direct.unlink()
        beside = root / "beside"
        beside.mkdir()
        waited = longest_wait_beside_import(EXE, export, beside, ours)

    def medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
        return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)

    print()
    print(
        f"bulk journal commands at {count:,} sessions (medians of {options.runs} runs, "
        f"imports of {options.import_runs}; python {sys.version.split()[0]}; "
        f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f})"
    )
    print(
        f"{'figure':24} {'ours s':>8} {'peer s':>8} {'ratio':>6} {'ours MiB':>9} "
        f"{'peer MiB':>9}  target  met?"
    )
    for name in pairs:
        (wall, rss), (peer_wall, peer_rss) = medians(results[name][0]), medians(results[name][1])
        met = wall <= peer_wall and wall < 3 and rss < 100
        print(
            f"{name:24} {wall:8.2f} {peer_wall:8.2f} {wall / peer_wall:5.2f}x {rss:9.1f} "
            f"{peer_rss:9.1f}  <= 1.0x Watson, < 3 s, < 100 MiB  {'yes' if met else 'NO'}"
        )
    (wall, rss), (base_wall, base_rss) = medians(imports), medians(baselines)
    met = wall <= 1.5 * base_wall and rss < 100
    print(
        f"{'import':24} {wall:8.2f} {base_wall:8.2f} {wall / base_wall:5.2f}x {rss:9.1f} "
        f"{base_rss:9.1f}  <= 1.5x json.load + inserts, < 100 MiB  {'yes' if met else 'NO'}"
    )
    print("peer: watson log -a (--json, --csv) at as many frames; import: the baseline above")
    print(
        f"a write beside the import waits at most {waited:.2f} s for the lock "
        "(the last commit, which shows the imported sessions)"
    )


if __name__ == "__main__":
    main()
