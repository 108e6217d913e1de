"""Recording a session at any journal size, and how promptly each process ends (issue 15).

    python benchmarks/recording.py [--runs 31] [--big 100000] [--tail-runs 9]

1. Record a session: open the journal, begin, one write per step, finish, the course
   line of the summary, close: ``session.flow.play`` on the journal ``ctx.journal()``
   opens, as ``start`` runs it (the screen answers nothing and the clock jumps to each
   deadline, so only the recording is timed). With 10 and with 100,000 sessions
   already in the journal, alternated; the ratio of the medians must be at most 1.1.
   Each run is its own process's first write, as in ``start``: the journal's seal
   (``journal.seal``) decides whether the whole-file check runs.
   For scale, the two costs it no longer pays at 100,000 sessions: ``quick_check``
   and the old course line (every completed day of the routine).
2. The tail: from the last byte a process writes to its exit, for ``start`` (plain, a
   one-second routine, a fresh home each run), ``history``, ``stats`` and ``report``
   (a 3,650-session journal), beside a bare ``python -c "print('x')"``. A reader
   thread timestamps every chunk of the pipe; the main thread the exit.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from journal import synthetic_sessions

from selfmassage.context import Context
from selfmassage.journal.exchange import export_json
from selfmassage.journal.seal import drop_seal
from selfmassage.journal.stats import course_progress
from selfmassage.journal.store import Journal
from selfmassage.paths import Paths
from selfmassage.routines.catalog import load_catalog
from selfmassage.routines.model import Routine
from selfmassage.session.flow import play

TINY = """\
id = "tiny"
title = "Tiny"
description = "One one-second step."
area = "collar zone"
position = "sitting"
indications = ["benchmarks"]

[course]
sessions = 10
frequency = "daily"
break_days = 10

[[steps]]
technique = "stroking"
area = "neck-shoulders"
side = "both"
seconds = 1
instruction = "Stroke the back of the neck, slowly."
"""


class JumpingClock:
    """The wall clock's day, but time jumps to each deadline: only the writes are timed."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.wall = datetime.now().astimezone()

    def monotonic(self) -> float:
        return self.seconds

    def now(self) -> datetime:
        return self.wall + timedelta(seconds=self.seconds)

    def today(self) -> date:
        return self.now().date()

    def sleep(self, seconds: float) -> None:
        self.seconds += seconds


class SilentScreen:
    """A screen that answers nothing and waits no real time."""

    can_confirm = False

    def __init__(self, clock: JumpingClock) -> None:
        self.clock = clock

    def ask(self, question: str) -> str | None:
        return None

    def ask_yes_no(self, question: str) -> bool | None:
        return None

    def say(self, line: str) -> None:
        pass

    def tell(self, text: str) -> None:
        pass

    @contextlib.contextmanager
    def playing(self, *args: Any, **kwargs: Any) -> Iterator[None]:
        yield

    def step_started(self, *args: Any) -> None:
        pass

    def finished(self, *args: Any) -> None:
        pass

    def show(self, view: Any) -> None:
        pass

    def wait(self, view: Any, to_deadline: float | None) -> None:
        self.clock.sleep(max(to_deadline or 0.0, 0.0) + 0.001)


def record_session(home: Path, routine: Routine) -> float:
    """Seconds to record one whole session as ``start`` does, course line included."""
    clock = JumpingClock()
    ctx = Context(paths=Paths.under(home), clock=clock)
    start = time.perf_counter()
    with ctx.journal() as journal:
        summary = play(ctx, routine, journal, SilentScreen(clock), verdict="go")
        journal.sessions(limit=1)  # what ``start`` reads after it (the pain-stop hold)
    elapsed = time.perf_counter() - start
    assert summary.course is not None
    return elapsed


def unsealed(home: Path, routine: Routine) -> float:
    """``record_session`` on a journal whose seal is gone: the whole file is checked first."""
    drop_seal(Paths.under(home).journal_file)
    return record_session(home, routine)


def build(home: Path, count: int, routines: list[Routine]) -> None:
    """A journal of ``count`` sessions (the journal benchmark's), written directly."""
    records = json.loads(export_json(synthetic_sessions(count, routines)))["sessions"]
    with Journal.open(Paths.under(home).journal_file) as journal:
        journal.add_sessions(records)


def old_costs(home: Path, routine: Routine) -> tuple[float, float]:
    """What recording paid at this size before: quick_check, and the old course line."""
    with Journal.open(Paths.under(home).journal_file) as journal:
        start = time.perf_counter()
        journal._db.execute("PRAGMA quick_check").fetchall()
        check = time.perf_counter() - start
        start = time.perf_counter()
        course_progress(journal.completed_days(routine.id), routine.course, date.today())
        course = time.perf_counter() - start
    return check, course


def tail(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from the last byte the process wrote to its exit."""
    process = subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert process.stdout is not None
    last = [time.perf_counter()]

    def read() -> None:
        assert process.stdout is not None
        descriptor = process.stdout.fileno()
        while os.read(descriptor, 1 << 16):
            last[0] = time.perf_counter()

    reader = threading.Thread(target=read)
    reader.start()
    process.wait()
    ended = time.perf_counter()
    reader.join()
    errors = process.stderr.read() if process.stderr else b""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {errors.decode()}")
    return ended - last[0]


# The change proposed for ``cli.app.main`` (see the README): freeze every object into
# the collector's permanent generation on the way out, so interpreter shutdown does
# not traverse the whole module graph (Typer, Click, Rich) once more.
FROZEN_EXIT = """\
import gc, sys
from selfmassage.cli.app import main
sys.argv[0] = "selfmassage"
try:
    main()
finally:
    gc.freeze()
"""


def tails(runs: int, routines: list[Routine]) -> dict[str, list[float]]:
    """Exit tails of each command, as it is and with the frozen exit, alternated."""
    from selfmassage.screening.questions import load_questionnaire

    found: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="selfmassage-tail-") as tmp:
        root = Path(tmp)
        decade = root / "decade"
        build(decade, 3_650, routines)
        env = {**os.environ, "SELFMASSAGE_HOME": str(decade)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        answers = root / "answers.toml"
        answers.write_text("".join(f"{q.id} = false\n" for q in load_questionnaire()))
        (root / "tiny.toml").write_text(TINY)
        found['python -c "print(1)"'] = [
            tail([sys.executable, "-c", "print('x')"], env) for _ in range(runs)
        ]
        for run in range(runs):
            for label, selfmassage in (
                ("", [sys.executable, "-m", "selfmassage"]),
                (", frozen exit", [sys.executable, "-c", FROZEN_EXIT]),
            ):
                commands = {
                    "history (3,650)": [*selfmassage, "history"],
                    "stats (3,650)": [*selfmassage, "stats"],
                    "report (3,650)": [
                        *selfmassage,
                        *("report", "--from", str(date.today() - timedelta(60))),
                    ],
                }
                for name, argv in commands.items():
                    found.setdefault(name + label, []).append(tail(argv, env))
                # A fresh home each time: a second session on the same areas asks first.
                fresh = {**env, "SELFMASSAGE_HOME": str(root / f"start-{run}{label}")}
                subprocess.run(
                    [*selfmassage, "screen", "--answers", str(answers)],
                    env=fresh,
                    check=True,
                    capture_output=True,
                )
                argv = [*selfmassage, "start", str(root / "tiny.toml"), "--plain", "--no-bell"]
                found.setdefault("start --plain (tiny)" + label, []).append(tail(argv, fresh))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31, help="recordings per journal")
    parser.add_argument("--big", type=int, default=100_000, help="sessions in the big journal")
    parser.add_argument("--tail-runs", type=int, default=9, help="runs per exit tail")
    options = parser.parse_args()
    catalog = load_catalog()
    routines = [catalog.routines[i] for i in catalog.ids()]
    routine = catalog.routines["collar"]

    with tempfile.TemporaryDirectory(prefix="selfmassage-record-") as tmp:
        small, big = Path(tmp) / "small", Path(tmp) / "big"
        build(small, 10, routines)
        print(f"building a {options.big:,}-session journal ...", flush=True)
        build(big, options.big, routines)
        # A journal changed behind selfmassage's back (here: its seal gone) is checked first.
        first_small, first_big = unsealed(small, routine), unsealed(big, routine)
        small_times, big_times = [], []
        for _ in range(options.runs):
            small_times.append(record_session(small, routine))
            big_times.append(record_session(big, routine))
        check, course = old_costs(big, routine)
    tail_times = tails(options.tail_runs, routines)

    record_small = statistics.median(small_times)
    record_big = statistics.median(big_times)
    print()
    print(
        f"recording a session (medians of {options.runs}; python {sys.version.split()[0]}; "
        f"{os.cpu_count()} CPUs)"
    )
    print(f"{'figure':44} {'value':>10} {'peer':>10} {'ratio':>6}  target   met?")
    ratio = record_big / record_small
    print(
        f"{f'record a session, {options.big:,} vs 10':44} {record_big * 1000:8.1f}ms "
        f"{record_small * 1000:8.1f}ms {ratio:6.2f}  <= 1.10   {'yes' if ratio <= 1.1 else 'NO'}"
    )
    print(f"{'  first write after a change (checked), big':44} {first_big * 1000:8.1f}ms")
    print(f"{'  first write after a change (checked), small':44} {first_small * 1000:8.1f}ms")
    print(f"{f'  quick_check alone, {options.big:,} (no longer paid)':44} {check * 1000:8.1f}ms")
    print(f"{f'  old course line, {options.big:,} (no longer paid)':44} {course * 1000:8.1f}ms")
    print()
    print(f"exit tail: last byte to exit (medians of {options.tail_runs})")
    bare = statistics.median(tail_times.pop('python -c "print(1)"'))
    print(f"{'figure':44} {'value':>10} {'peer':>10} {'ratio':>6}  (peer: a bare python)")
    for name, values in tail_times.items():
        value = statistics.median(values)
        print(f"{name:44} {value * 1000:8.1f}ms {bare * 1000:8.1f}ms {value / bare:6.2f}")


if __name__ == "__main__":
    main()
