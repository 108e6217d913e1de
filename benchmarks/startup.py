"""Start-up time of `selfmassage --version` and `selfmassage routines` against a bare Typer app.

All commands run side by side in one process: interleaved in a shuffled order each
round, many rounds, same interpreter, same environment. Reports medians and the
ratio to the bare app; the target is at most 1.15x for both.

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

TARGET = 1.15

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


def console_script() -> Path:
    """The `selfmassage` script installed beside this interpreter."""
    script = Path(sys.executable).parent / "selfmassage"
    if not script.is_file():
        sys.exit(f"no {script}: install first (python -m pip install -e .) or use --module")
    return script


def time_once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
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
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare_typer_app.py"
        bare.write_text(BARE_APP)
        # An empty home: no user routines or settings change what is measured.
        env = {**os.environ, "SELFMASSAGE_HOME": str(Path(tmp) / "home"), "NO_COLOR": "1"}
        env.setdefault("COLUMNS", "100")
        if not args.no_bytecode:
            # Like any installed package (pip byte-compiles on install), the warm-up
            # runs leave .pyc files; without this an editable checkout under
            # PYTHONDONTWRITEBYTECODE=1 recompiles selfmassage's sources on every run.
            env.pop("PYTHONDONTWRITEBYTECODE", None)
        ours = [sys.executable, "-m", "selfmassage"] if args.module else [str(console_script())]
        commands = {
            "bare Typer app": [sys.executable, str(bare)],
            "selfmassage --version": [*ours, "--version"],
            "selfmassage routines": [*ours, "routines"],
        }
        for _ in range(args.warmup):
            for command in commands.values():
                time_once(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        names = list(commands)
        for _ in range(args.rounds):
            random.shuffle(names)
            for name in names:
                times[name].append(time_once(commands[name], env))

    base = statistics.median(times["bare Typer app"])
    print(f"python {sys.version.split()[0]} at {sys.executable}")
    print(f"selfmassage run as: {' '.join(ours)}")
    writes = "off" if args.no_bytecode and os.environ.get("PYTHONDONTWRITEBYTECODE") else "on"
    print(f"{args.rounds} interleaved rounds, {args.warmup} warm-up; .pyc writing {writes}\n")
    print(f"{'command':<24} {'median ms':>10} {'p25 ms':>8} {'p75 ms':>8} {'ratio':>7}  target")
    missed = False
    for name in commands:
        samples = sorted(times[name])
        median = statistics.median(samples)
        p25, p75 = (q * 1000 for q in statistics.quantiles(samples, n=4)[::2])
        ratio = median / base
        verdict = "" if name == "bare Typer app" else ("ok" if ratio <= TARGET else "MISSED")
        missed = missed or verdict == "MISSED"
        print(
            f"{name:<24} {median * 1000:>10.1f} {p25:>8.1f} {p75:>8.1f} {ratio:>6.2f}x  {verdict}"
        )
    if missed:
        sys.exit(1)


if __name__ == "__main__":
    main()
