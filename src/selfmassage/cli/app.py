"""The command line's entry point: a plain call runs from the command table, the rest in Typer.

``main`` tries ``cli.fastpath`` first, which needs neither Typer nor Rich to run
a well-formed command; help, usage errors and anything unusual go to the Typer
app (``cli.typerapp``), which is also what tests drive with ``CliRunner``.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer


def __getattr__(name: str) -> typer.Typer:
    """``app``, the whole Typer app, built on first use (tests, docs)."""
    if name == "app":
        from selfmassage.cli.typerapp import build_app

        return build_app()
    raise AttributeError(name)


def main() -> None:
    """Console-script entry point."""
    try:
        _main()
    finally:
        # Everything is written, flushed and closed by now: frozen, the objects of the run
        # are not walked once more by the collector at interpreter shutdown, which made
        # the tail from the last byte to the exit 40-160 ms (benchmarks/recording.py).
        import gc

        gc.freeze()


def _main() -> None:
    from selfmassage.cli.fastpath import fast_path, prepare

    argv, ctx, code = prepare(sys.argv[1:])
    if code is None:
        code = fast_path(argv, ctx)
    if code is None:
        from selfmassage.cli.typerapp import run_typer

        code = run_typer(argv, ctx)
    sys.exit(code)
