"""What choosing a language costs at start-up: the catalog is read only for ru and uk.

    python benchmarks/i18n_load.py [--runs 21]

Each run is a fresh interpreter (nothing cached), timing ``import selfmassage.i18n``
and ``selfmassage.paths`` (every command has both before it chooses a language: the
context needs its ``Paths``), then ``use(lang)`` (the ``.mo`` read and indexed by
``i18n.Catalog``) and a first translated message. Issue 16 asks that a
language other than English costs under 5 ms and that English costs nothing (no catalog
is read, ``gettext`` not imported).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

PROBE = """
import time
start = time.perf_counter()
import selfmassage.i18n as i18n
import selfmassage.paths
imported = time.perf_counter()
i18n.use({lang!r})
i18n.minutes_text(21)
done = time.perf_counter()
import sys
print((imported - start) * 1000, (done - imported) * 1000, "gettext" in sys.modules)
"""


def measure(lang: str, runs: int) -> tuple[float, float, bool]:
    """Median milliseconds of the import and of ``use`` for ``lang``, and whether
    ``gettext`` was imported."""
    imports, uses, loaded = [], [], False
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", PROBE.format(lang=lang)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        imports.append(float(out[0]))
        uses.append(float(out[1]))
        loaded = out[2] == "True"
    return statistics.median(imports), statistics.median(uses), loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    print(f"median of {runs} fresh interpreters, milliseconds")
    print(f"{'lang':<6}{'import i18n':>12}{'use(lang)':>12}{'gettext loaded':>16}")
    for lang in ("en", "ru", "uk"):
        imported, used, loaded = measure(lang, runs)
        print(f"{lang:<6}{imported:>12.2f}{used:>12.2f}{loaded!s:>16}")


if __name__ == "__main__":
    main()
