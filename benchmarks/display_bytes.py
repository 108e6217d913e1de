"""The live display's bytes and CPU beside termdown's, side by side in one run.

    python benchmarks/display_bytes.py              # one round, about 70 s
    python benchmarks/display_bytes.py --rounds 3   # medians of three rounds

Each round runs, at the same time and each in its own 80×24 pseudo-terminal:

* ``selfmassage start BENCH`` (BENCH: four 15-second steps with a beat, the routine of
  ``session_timing.py``; 3 s get-ready, then 60 s of steps), in its own empty
  ``SELFMASSAGE_HOME`` with today's screening on file;
* ``termdown 60``.

Figures, per round, medians over rounds:

* bytes: everything read from the pty master while the display is up: for selfmassage
  from entering the alternate screen to leaving it (63 s: get-ready and the steps), for
  termdown its whole run (60 s). The target: selfmassage at most 3× termdown.
* CPU over the steps: user + system time of the child (``/proc/<pid>/stat``) over the
  same 58 s of each, from 1 s into the countdown to 1 s before its end. The target: at
  most 0.5× termdown's.
* CPU, whole process: from start to the end of the display, start-up included, for
  honesty (selfmassage starts a bigger program and asks a question first).

Linux only (``/proc``). Needs pexpect and termdown (``pip install termdown``).
"""

from __future__ import annotations

import argparse
import os
import select
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pexpect

sys.path.insert(0, str(Path(__file__).parent))
from session_timing import cpu_seconds, env_for, selfmassage

ENTER = b"\x1b[?1049h"
LEAVE = b"\x1b[?1049l"
SIZE = (24, 80)
STEADY = (1.0, 59.0)  # seconds into the 60 s countdown between which CPU is compared


@dataclass
class Run:
    """One program's figures in one round."""

    bytes: int = 0
    cpu_steps: float = 0.0
    cpu_whole: float = 0.0
    samples: dict[str, float] = field(default_factory=dict)


def pump(child: pexpect.spawn, until: float, into: bytearray, marks: dict[float, float]) -> bool:
    """Read the pty into ``into`` until ``until`` or the end; CPU noted at each time in ``marks``.

    False at the end of output.
    """
    fd = child.child_fd
    while True:
        now = time.perf_counter()
        for at in [at for at, cpu in marks.items() if cpu < 0 and now >= at]:
            marks[at] = cpu_seconds(child.pid)
        if now >= until:
            return True
        pending = [at - now for at, cpu in marks.items() if cpu < 0] + [until - now]
        ready, _, _ = select.select([fd], [], [], max(0.0, min(pending)))
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return False
            if not data:
                return False
            into.extend(data)


def ours(run: Run) -> None:
    """selfmassage: the pain question, then the display, read and counted."""
    with tempfile.TemporaryDirectory() as home:
        command = selfmassage()
        child = pexpect.spawn(
            command[0],
            [*command[1:], "start", str(Path(home) / "bench.toml"), "--no-bell"],
            env=env_for(home),
            dimensions=SIZE,
            timeout=30,
        )
        child.expect_exact("Pain right now")
        child.sendline("")
        child.expect_exact(ENTER)
        shown = time.perf_counter()
        seen = bytearray(ENTER)
        seen.extend(child.buffer)  # what came with it
        child.buffer = b""
        counting = shown + 3.0  # the countdown of the steps starts after the get-ready
        marks = {counting + STEADY[0]: -1.0, counting + STEADY[1]: -1.0}
        pump(child, counting + 62.0, seen, marks)
        end = seen.find(LEAVE)
        run.bytes = (end + len(LEAVE)) if end >= 0 else len(seen)
        run.cpu_steps = marks[counting + STEADY[1]] - marks[counting + STEADY[0]]
        run.cpu_whole = cpu_seconds(child.pid)
        child.sendline("")
        child.sendline("")
        child.expect(pexpect.EOF, timeout=20)
        child.close()


def termdown(run: Run, program: str) -> None:
    """termdown 60 in its own pty, read and counted until it ends."""
    child = pexpect.spawn(
        program, ["60"], env=env_for(tempfile.mkdtemp()), dimensions=SIZE, timeout=30
    )
    started = time.perf_counter()
    seen = bytearray()
    marks = {started + STEADY[0]: -1.0, started + STEADY[1]: -1.0}
    pump(child, started + 59.5, seen, marks)
    run.cpu_whole = cpu_seconds(child.pid)
    pump(child, started + 65.0, seen, {})  # to its end: the last frame and the reset
    run.bytes = len(seen)
    run.cpu_steps = marks[started + STEADY[1]] - marks[started + STEADY[0]]
    child.close(force=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=1, help="rounds, each about 70 s")
    args = parser.parse_args()
    program = shutil.which("termdown") or str(Path(sys.executable).with_name("termdown"))
    if not Path(program).exists():
        sys.exit("termdown is not installed (pip install termdown)")
    print(f"{args.rounds} round(s) of about 70 s, selfmassage and termdown side by side")
    rounds: list[tuple[Run, Run]] = []
    for number in range(args.rounds):
        mine, theirs = Run(), Run()
        jobs = [
            threading.Thread(target=ours, args=(mine,)),
            threading.Thread(target=termdown, args=(theirs, program)),
        ]
        for job in jobs:
            job.start()
        for job in jobs:
            job.join()
        rounds.append((mine, theirs))
        print(
            f"  round {number + 1}: bytes {mine.bytes} / {theirs.bytes}, "
            f"CPU over the steps {mine.cpu_steps:.3f} s / {theirs.cpu_steps:.3f} s",
            flush=True,
        )

    def median(pick: str, which: int) -> float:
        return statistics.median(float(getattr(pair[which], pick)) for pair in rounds)

    print(f"\npython {sys.version.split()[0]}, {os.cpu_count()} CPUs, an 80×24 pty each")
    print(f"{'figure':34} {'selfmassage':>12} {'termdown':>10} {'ratio':>7}  target   met?")
    rows = [
        ("bytes while the display is up", "bytes", "{:.0f}", 3.0),
        ("CPU s over 58 s of countdown", "cpu_steps", "{:.3f}", 0.5),
        ("CPU s, whole process", "cpu_whole", "{:.3f}", None),
    ]
    for label, pick, shape, target in rows:
        mine, theirs = median(pick, 0), median(pick, 1)
        ratio = mine / theirs if theirs else float("inf")
        goal = f"<= {target:g}x" if target is not None else "(info)"
        met = "" if target is None else "yes" if ratio <= target else "NO"
        print(
            f"{label:34} {shape.format(mine):>12} {shape.format(theirs):>10} "
            f"{ratio:>6.2f}x  {goal:7}  {met}"
        )


if __name__ == "__main__":
    main()
