"""Session timing and CPU, measured side by side in one run.

    python benchmarks/session_timing.py            # 1-minute runs (about 70 s)
    python benchmarks/session_timing.py --speak    # the same with --speak (a fake engine)
    python benchmarks/session_timing.py --long     # also a 10-minute plain run (about 11 min)

What it measures, each in its own process and its own empty SELFMASSAGE_HOME:

* wall-time overrun, plain mode: ``selfmassage start BENCH --minutes 1 --plain`` (and,
  with ``--long``, ``start collar --minutes 10 --plain``); the time from the first
  step's line to the "Routine complete." line, minus the planned M × 60 s. The bar: at
  most 50 ms, at M = 1 and M = 10 alike. (BENCH, because the fitting rule gives every
  collar step the time to read and do it, so collar cannot be cut to one minute.)
* wall-time overrun and CPU, live display in a real pseudo-terminal (80×24):
  ``selfmassage start BENCH``; the overrun from "GET READY" to the
  closing pain question, minus 3 s get-ready and 60 s of steps; CPU from
  ``/proc/<pid>/stat`` (utime + stime) over the steps only (start-up excluded),
  and over the whole process life for honesty. The bar: at most 1% of one core.
* wall-time overrun and CPU, plain mode in a real pseudo-terminal (80×24), where
  plain mode reads typed commands: ``selfmassage start BENCH --plain``; from the
  first step's line to "Routine complete.", and CPU over the steps.
* termdown 60, in its own pseudo-terminal at the same time, if it is installed
  (``pip install termdown``), for comparison (the issue quotes about 1.8%).

With ``--speak`` every selfmassage run gets ``--speak`` and finds a fake
``espeak-ng`` first on its PATH (a script that notes what it is asked to say and
waits 0.3 s as a voice would); the figures should not change. The pty runs use
BENCH, a routine of four 15-second steps (60 s), so they measure the same whatever
``--minutes`` allows.

Linux only (``/proc``). Needs pexpect.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pexpect

TICKS = os.sysconf("SC_CLK_TCK")
PLAIN_DONE = "Routine complete."
SPEAK: list[str] = []  # ["--speak"] with --speak
BENCH = """\
id = "bench"
title = "Bench"
description = "Four 15-second steps."
area = "collar zone"
position = "sitting"
indications = ["benchmarks"]

[course]
sessions = 10
frequency = "daily"
break_days = 10
""" + "".join(
    f"""
[[steps]]
technique = "stroking"
area = "neck-shoulders"
side = "{side}"
seconds = 15
tempo = 30
instruction = "Stroke the back of the neck and the shoulder, slowly."
"""
    for side in ("both", "left", "right", "both")
)
FAKE_ENGINE = """\
import sys, time
time.sleep(0.3)
with open(__file__ + ".said", "a") as said:
    said.write(sys.argv[-1] + "\\n")
"""


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def selfmassage() -> list[str]:
    return [sys.executable, "-m", "selfmassage"]


def env_for(home: str) -> dict[str, str]:
    """The environment of a run in ``home``, with today's screening on file (all clear)."""
    import subprocess

    env = dict(os.environ, SELFMASSAGE_HOME=home, TERM="xterm-256color")
    for name in ("COLUMNS", "LINES", "NO_COLOR", "ACCESSIBLE"):
        env.pop(name, None)
    (Path(home) / "bench.toml").write_text(BENCH)
    if SPEAK:
        engine = Path(home) / "bin" / "espeak-ng"
        engine.parent.mkdir()
        engine.write_text(f"#!{sys.executable}\n{FAKE_ENGINE}")
        engine.chmod(0o755)
        env["PATH"] = f"{engine.parent}{os.pathsep}{env['PATH']}"
    from selfmassage.screening.questions import load_questionnaire

    answers = Path(home) / "answers.toml"
    answers.write_text("".join(f"{q.id} = false\n" for q in load_questionnaire()))
    subprocess.run(
        [*selfmassage(), "screen", "--answers", str(answers)],
        env=env,
        check=True,
        capture_output=True,
    )
    return env


@dataclass
class Result:
    name: str
    figures: dict[str, float] = field(default_factory=dict)
    note: str = ""


def plain_overrun(minutes: int, results: list[Result]) -> None:
    """Wall time of a plain run against its plan, timed at the lines as they arrive."""
    import subprocess

    with tempfile.TemporaryDirectory() as home:
        env = env_for(home)
        routine = str(Path(home) / "bench.toml") if minutes == 1 else "collar"
        process = subprocess.Popen(
            [
                *selfmassage(),
                *("start", routine, "--minutes", str(minutes), "--plain", "--no-bell"),
                *SPEAK,
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert process.stdout is not None
        first = done = None
        for line in process.stdout:
            now = time.perf_counter()
            if first is None and " step 1/" in line:
                first = now
            if PLAIN_DONE in line:
                done = now
        process.wait()
    if first is None or done is None:
        results.append(Result(f"plain --minutes {minutes}", note="did not finish"))
        return
    overrun = done - first - minutes * 60
    results.append(Result(f"plain --minutes {minutes}", {"overrun_ms": overrun * 1000}))


def drain(child: pexpect.spawn, until: float) -> None:
    """Read the child's screen output until ``until`` so it never blocks on a full pty."""
    while time.perf_counter() < until:
        try:
            child.read_nonblocking(65536, timeout=min(0.5, max(0.01, until - time.perf_counter())))
        except pexpect.TIMEOUT:
            continue
        except pexpect.EOF:
            return


def live_cpu(results: list[Result]) -> None:
    """A 1-minute live session in a pseudo-terminal: CPU over the steps, and the overrun."""
    with tempfile.TemporaryDirectory() as home:
        command = selfmassage()
        child = pexpect.spawn(
            command[0],
            [*command[1:], "start", str(Path(home) / "bench.toml"), *SPEAK],
            env=env_for(home),
            dimensions=(24, 80),
            encoding="utf-8",
            timeout=30,
        )
        child.expect_exact("Pain right now")
        child.sendline("")
        child.expect_exact("GET READY")
        shown = time.perf_counter()
        # Steady state: from 1 s into the steps until 1 s before their end.
        drain(child, shown + 4.0)
        cpu_start, wall_start = cpu_seconds(child.pid), time.perf_counter()
        drain(child, shown + 3.0 + 59.0)
        cpu_end, wall_end = cpu_seconds(child.pid), time.perf_counter()
        child.expect_exact("Pain right now", timeout=10)
        ended = time.perf_counter()
        whole = cpu_seconds(child.pid)
        child.sendline("")
        child.sendline("")
        child.expect(pexpect.EOF)
        child.close()
    results.append(
        Result(
            "selfmassage live, 1 min",
            {
                "cpu_percent_steps": 100 * (cpu_end - cpu_start) / (wall_end - wall_start),
                "cpu_seconds_whole_process": whole,
                "overrun_ms": (ended - shown - 63.0) * 1000,
            },
        )
    )


def plain_pty(results: list[Result]) -> None:
    """A 1-minute plain session in a pseudo-terminal, reading typed commands: CPU and overrun."""
    with tempfile.TemporaryDirectory() as home:
        command = selfmassage()
        env = env_for(home)
        child = pexpect.spawn(
            command[0],
            [*command[1:], "start", str(Path(home) / "bench.toml"), "--plain", *SPEAK],
            env=env,
            dimensions=(24, 80),
            encoding="utf-8",
            timeout=30,
        )
        child.expect_exact("Pain right now")
        child.sendline("")
        child.expect_exact(" step 1/")
        first = time.perf_counter()
        drain(child, first + 1.0)
        cpu_start, wall_start = cpu_seconds(child.pid), time.perf_counter()
        drain(child, first + 59.0)
        cpu_end, wall_end = cpu_seconds(child.pid), time.perf_counter()
        child.expect_exact(PLAIN_DONE, timeout=10)
        done = time.perf_counter()
        child.sendline("")
        child.sendline("")
        child.expect(pexpect.EOF)
        child.close()
        said = Path(home) / "bin" / "espeak-ng.said"
        spoken = len(said.read_text().splitlines()) if said.exists() else 0
    results.append(
        Result(
            "plain in a pty, 1 min",
            {
                "cpu_percent_steps": 100 * (cpu_end - cpu_start) / (wall_end - wall_start),
                "overrun_ms": (done - first - 60.0) * 1000,
                "utterances": spoken,
            },
        )
    )


def termdown_cpu(results: list[Result]) -> None:
    """termdown counting down 60 s in its own pseudo-terminal, measured the same way."""
    program = shutil.which("termdown") or str(Path(sys.executable).with_name("termdown"))
    if not Path(program).exists():
        results.append(Result("termdown 60", note="not installed (pip install termdown)"))
        return
    child = pexpect.spawn(
        program, ["60"], env=env_for(tempfile.gettempdir()), dimensions=(24, 80), timeout=30
    )
    started = time.perf_counter()
    drain(child, started + 1.0)
    cpu_start, wall_start = cpu_seconds(child.pid), time.perf_counter()
    drain(child, started + 59.0)
    cpu_end, wall_end = cpu_seconds(child.pid), time.perf_counter()
    child.terminate(force=True)
    results.append(
        Result(
            "termdown 60",
            {"cpu_percent_steps": 100 * (cpu_end - cpu_start) / (wall_end - wall_start)},
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--long", action="store_true", help="also a 10-minute plain run")
    parser.add_argument("--speak", action="store_true", help="every run with --speak (fake)")
    args = parser.parse_args()
    if args.speak:
        SPEAK.append("--speak")

    results: list[Result] = []
    jobs = [
        threading.Thread(target=plain_overrun, args=(1, results)),
        threading.Thread(target=live_cpu, args=(results,)),
        threading.Thread(target=plain_pty, args=(results,)),
        threading.Thread(target=termdown_cpu, args=(results,)),
    ]
    if args.long:
        jobs.append(threading.Thread(target=plain_overrun, args=(10, results)))
    print(f"Running {len(jobs)} measurements side by side; this takes", end=" ")
    print("about 11 minutes." if args.long else "about 70 seconds.", flush=True)
    for job in jobs:
        job.start()
    for job in jobs:
        job.join()

    print(f"\npython {sys.version.split()[0]}, {os.cpu_count()} CPUs, clock ticks {TICKS}/s")
    for result in sorted(results, key=lambda r: r.name):
        figures = ", ".join(f"{key} {value:.2f}" for key, value in result.figures.items())
        print(f"{result.name:28} {figures}{result.note}")


if __name__ == "__main__":
    main()
