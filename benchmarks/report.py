"""The report of a 10-year journal (3,650 sessions): under 1 s, and as a ratio to `--version`.

A generated journal (one session a day for ten years, with quits, pain stops, sessions
from paper and notes) is imported into an empty home; then `report --json`,
`report -o FILE.html` (the user's own journal) and `report EXPORT.json -o FILE.html`
(a patient's export, checked as strictly as `import`) run interleaved with
`selfmassage --version`, each as a whole process, in a shuffled order each round.
Prints medians, seconds and the ratio to `--version`; the target is under 1 s.
The PDF is left out: Chromium's own printing takes about a second whatever the report.

    python benchmarks/report.py
    python benchmarks/report.py --rounds 20 --sessions 3650
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "src")]

from report_support import write_ten_years  # noqa: E402

TARGET_SECONDS = 1.0


def time_once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="timed runs of each command")
    parser.add_argument("--sessions", type=int, default=3650, help="days of the journal")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {
            **os.environ,
            "SELFMASSAGE_HOME": str(folder / "home"),
            "PYTHONPATH": str(ROOT / "src"),
            "NO_COLOR": "1",
        }
        export = write_ten_years(folder / "ten.json", date.today(), args.sessions)
        selfmassage = [sys.executable, "-m", "selfmassage"]
        subprocess.run([*selfmassage, "import", str(export)], env=env, check=True)
        page = str(folder / "report.html")
        commands = {
            "selfmassage --version": [*selfmassage, "--version"],
            "report --json": [*selfmassage, "report", "--json"],
            "report -o FILE.html": [*selfmassage, "report", "-o", page, "--force"],
            "report EXPORT.json -o FILE.html": [
                *selfmassage,
                "report",
                str(export),
                "-o",
                page,
                "--force",
            ],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():
            time_once(command, env)  # warm-up: .pyc files, the page cache
        for _ in range(args.rounds):
            order = list(commands)
            random.shuffle(order)
            for name in order:
                times[name].append(time_once(commands[name], env))
    version = statistics.median(times["selfmassage --version"])
    print(
        f"python {sys.version.split()[0]}; a journal of {args.sessions} sessions, one a day; "
        f"{args.rounds} interleaved rounds"
    )
    print(f"\n{'command':34} {'median s':>9} {'ratio':>7}  target")
    for name, found in times.items():
        median = statistics.median(found)
        verdict = (
            "" if name.endswith("--version") else ("ok" if median < TARGET_SECONDS else "SLOW")
        )
        print(f"{name:34} {median:9.3f} {median / version:6.1f}x  {verdict}")


if __name__ == "__main__":
    main()
