"""Start-up of every command against a bare one-command Typer app and against Watson.

All commands run side by side in one process: interleaved in a shuffled order each
round, many rounds, same interpreter, same environment. Reports medians and two
ratios: to the bare Typer app and to Watson (`watson projects`, which reads its
state and prints a list, as our listing commands do). Targets (issue 15): every
command at most 0.8x the bare app and 1.1x Watson; --version and --help at most
0.6x the bare app. `start` runs up to its first question (stdin is empty, so it
stops there), which is what a person waits for.

    python benchmarks/startup.py              # the installed `selfmassage` script
    python benchmarks/startup.py --module     # `python -m selfmassage` instead
    python benchmarks/startup.py --rounds 60
    python benchmarks/startup.py --no-bytecode  # honour PYTHONDONTWRITEBYTECODE
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
from pathlib import Path

TARGET_TYPER = 0.8
TARGET_TYPER_QUICK = 0.6  # --version and --help
TARGET_WATSON = 1.1
QUICK = ("selfmassage --version", "selfmassage --help")

# The baseline: the smallest useful Typer program, one command that prints a line.
BARE_APP = '''\
import typer

app = typer.Typer()


@app.command()
def hello() -> None:
    """Say hello."""
    print("hello")


if __name__ == "__main__":
    app()
'''


PEERS = ("bare Typer app", "watson projects")

# Every command, in a fresh home with three sessions recorded from paper.
COMMANDS = [
    ["--version"],
    ["--help"],
    ["routines"],
    ["show", "collar"],
    ["screen", "--list"],
    ["recommend", "--complaint", "neck"],
    ["start", "collar"],
    ["history"],
    ["stats"],
    ["export"],
    ["print", "collar"],
    ["prescriptions"],
    ["calendar", "collar"],
    ["report", "--json"],
]


def console_script() -> Path:
    """The `selfmassage` script installed beside this interpreter."""
    script = Path(sys.executable).parent / "selfmassage"
    if not script.is_file():
        sys.exit(f"no {script}: install first (python -m pip install -e .) or use --module")
    return script


def watson() -> list[str]:
    """Watson's console script beside this interpreter (pip install td-watson)."""
    script = Path(sys.executable).parent / "watson"
    if not script.is_file():
        sys.exit(f"no {script}: pip install td-watson (the peer this benchmark compares with)")
    return [sys.executable, str(script), "projects"]


EXPECTED_EXIT: dict[str, int] = {}
# `start` is timed in a terminal up to its first question (it would wait there).
FIRST_PROMPT = {"selfmassage start collar": r"\? = why\] > "}


def time_to_prompt(command: list[str], env: dict[str, str], prompt: str) -> float:
    """Seconds from spawning ``command`` in an 80x24 pty until ``prompt`` is on screen."""
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(command[0], command[1:], env=env, dimensions=(24, 80))
    try:
        child.expect(prompt.encode(), timeout=30)
        return time.perf_counter() - start
    finally:
        child.terminate(force=True)


def time_once(command: list[str], env: dict[str, str], expected: int = 0) -> float:
    name = "selfmassage " + " ".join(command[1:])
    if name in FIRST_PROMPT:
        return time_to_prompt(command, env, FIRST_PROMPT[name])
    start = time.perf_counter()
    done = subprocess.run(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != expected:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40, help="timed runs of each command")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs of each first")
    parser.add_argument(
        "--module", action="store_true", help="run `python -m selfmassage` not the script"
    )
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE from the environment (sources compiled every run)",
    )
    parser.add_argument("only", nargs="*", help="measure only commands containing these words")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare_typer_app.py"
        bare.write_text(BARE_APP)
        # An empty home: no user routines or settings change what is measured.
        env = {
            **os.environ,
            "SELFMASSAGE_HOME": str(Path(tmp) / "home"),
            "WATSON_DIR": str(Path(tmp) / "watson"),
            "NO_COLOR": "1",
        }
        env.setdefault("COLUMNS", "100")
        if not args.no_bytecode:
            # Like any installed package (pip byte-compiles on install), the warm-up
            # runs leave .pyc files; without this an editable checkout under
            # PYTHONDONTWRITEBYTECODE=1 recompiles selfmassage's sources on every run.
            env.pop("PYTHONDONTWRITEBYTECODE", None)
        ours = [sys.executable, "-m", "selfmassage"] if args.module else [str(console_script())]
        commands = {
            "bare Typer app": [sys.executable, str(bare)],
            "watson projects": watson(),
        }
        for words in COMMANDS:
            commands[f"selfmassage {' '.join(words)}"] = [*ours, *words]
        if args.only:
            commands = {
                name: command
                for name, command in commands.items()
                if name in PEERS or any(word in name for word in args.only)
            }
        # A few sessions from paper, so history, stats, export and report have some to read.
        for day in ("2026-01-05", "2026-01-06", "2026-01-08"):
            time_once([*ours, "record", "collar", "--date", day, "--pain-before", "4"], env)
        for _ in range(args.warmup):
            for name, command in commands.items():
                time_once(command, env, EXPECTED_EXIT.get(name, 0))
        times: dict[str, list[float]] = {name: [] for name in commands}
        names = list(commands)
        for _ in range(args.rounds):
            random.shuffle(names)
            for name in names:
                times[name].append(time_once(commands[name], env, EXPECTED_EXIT.get(name, 0)))

    base = statistics.median(times["bare Typer app"])
    peer = statistics.median(times["watson projects"])
    print(f"python {sys.version.split()[0]} at {sys.executable}")
    print(f"selfmassage run as: {' '.join(ours)}")
    writes = "off" if args.no_bytecode and os.environ.get("PYTHONDONTWRITEBYTECODE") else "on"
    print(f"{args.rounds} interleaved rounds, {args.warmup} warm-up; .pyc writing {writes}\n")
    print(
        f"{'command':<34} {'median ms':>10} {'p25 ms':>8} {'p75 ms':>8} "
        f"{'/Typer':>7} {'/Watson':>8}  met?"
    )
    missed = False
    for name in commands:
        samples = sorted(times[name])
        median = statistics.median(samples)
        p25, p75 = (q * 1000 for q in statistics.quantiles(samples, n=4)[::2])
        to_typer, to_watson = median / base, median / peer
        if name in PEERS:
            verdict = "(peer)"
        else:
            typer_target = TARGET_TYPER_QUICK if name in QUICK else TARGET_TYPER
            met = to_typer <= typer_target and to_watson <= TARGET_WATSON
            verdict = "ok" if met else "MISSED"
            missed = missed or not met
        print(
            f"{name:<34} {median * 1000:>10.1f} {p25:>8.1f} {p75:>8.1f} "
            f"{to_typer:>6.2f}x {to_watson:>7.2f}x  {verdict}"
        )
    if missed:
        sys.exit(1)


if __name__ == "__main__":
    main()
