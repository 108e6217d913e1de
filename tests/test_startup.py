"""Start-up stays lean: `--version` imports none of the heavy modules."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("rich", "sqlite3", "tomllib", "tomli_w", "selfmassage.routines.catalog")

# Runs `python -m selfmassage ARGS` in a fresh interpreter and prints what got imported.
PROBE = """
import json, runpy, sys
sys.argv = ["selfmassage", *sys.argv[1:]]
try:
    runpy.run_module("selfmassage", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
sys.stderr.write(json.dumps(sorted(sys.modules)))
"""


def imported_by(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stderr))


def heavy(modules: set[str]) -> set[str]:
    return {m for m in modules for h in HEAVY if m == h or m.startswith(h + ".")}


def test_the_probe_sees_what_a_command_imports() -> None:
    # `show` needs the core and Rich, so the probe must report them.
    assert {"rich", "tomllib", "selfmassage.routines.catalog"} <= heavy(
        imported_by("show", "collar")
    )


def test_the_routines_listing_does_not_import_rich() -> None:
    # Rich costs as much as the rest of start-up; the listing is on the start-up budget.
    modules = imported_by("routines")
    assert "selfmassage.routines" in modules
    assert not any(m == "rich" or m.startswith("rich.") for m in modules)


def test_version_imports_nothing_heavy() -> None:
    assert heavy(imported_by("--version")) == set()


def test_help_imports_nothing_heavy() -> None:
    assert heavy(imported_by("--help")) == set()
