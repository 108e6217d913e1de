"""Regenerate docs/live-display.svg: a real frame of the collar routine, mid-step, at 100×32.

python docs/make_live_display_svg.py
"""

from __future__ import annotations

import io
from pathlib import Path

from selfmassage.routines.catalog import load_catalog
from selfmassage.session.live import frame
from selfmassage.session.state import Session


class StoppedClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def main() -> None:
    from rich.console import Console

    routine = load_catalog().find("collar")
    clock = StoppedClock()
    session = Session(routine, clock)
    session.start()
    # 3 s get-ready, then 35.5 s into "Kneading the shoulder muscle" (left), the 7th step.
    clock.now = 3 + sum(step.seconds for step in routine.steps[:6]) + 35.5
    session.tick()
    console = Console(record=True, width=100, height=32, force_terminal=True, file=io.StringIO())
    console.print(frame(session.view(), routine.title, width=100, height=32))
    target = Path(__file__).with_name("live-display.svg")
    console.save_svg(str(target), title="selfmassage start collar")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
