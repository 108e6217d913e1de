"""Start-up stays lean: `--version` imports none of the heavy modules, and no plain
command line imports Typer (it runs from the command table, tests/test_command_table.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("rich", "sqlite3", "tomllib", "tomli_w", "selfmassage.routines.catalog")

# Runs `python -m selfmassage ARGS` in a fresh interpreter and prints what got imported.
PROBE = """
import json, runpy, sys
sys.argv = ["selfmassage", *sys.argv[1:]]
try:
    runpy.run_module("selfmassage", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
sys.stderr.write("\\n" + json.dumps(sorted(sys.modules)))
"""


def imported_by(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    # The last line: a command may have warned on stderr before it.
    return set(json.loads(done.stderr.splitlines()[-1]))


def heavy(modules: set[str]) -> set[str]:
    return {m for m in modules for h in HEAVY if m == h or m.startswith(h + ".")}


def test_the_probe_sees_what_a_command_imports() -> None:
    # `show` needs the routine files, so the probe must report their parser.
    assert {"tomllib", "selfmassage.routines.catalog"} <= heavy(imported_by("show", "collar"))


def rich_in(modules: set[str]) -> set[str]:
    return {m for m in modules if m == "rich" or m.startswith("rich.")}


@pytest.mark.parametrize(
    "args",
    [
        ("routines",),
        ("show", "collar"),
        ("screen", "--list"),
        ("recommend", "--complaint", "neck"),
        # stdin is not a terminal here: `start` asks its first questions as lines.
        ("start", "collar"),
    ],
)
def test_commands_on_the_start_up_budget_do_not_import_rich(args: tuple[str, ...]) -> None:
    # Rich costs as much as the rest of start-up; only the live display of a session uses it.
    modules = imported_by(*args)
    assert "selfmassage.routines" in modules
    assert rich_in(modules) == set()


def test_version_imports_nothing_heavy() -> None:
    assert heavy(imported_by("--version")) == set()


def test_help_imports_nothing_heavy() -> None:
    assert heavy(imported_by("--help")) == set()


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["--help"],
        ["history", "--help"],
        ["routines"],
        ["history"],
        ["stats"],
        ["prescriptions"],
        ["export", "--format", "csv"],
    ],
)
def test_a_plain_command_line_imports_no_typer_click_or_pydantic(argv: list[str]) -> None:
    modules = imported_by(*argv)
    assert "selfmassage.cli.fastpath" in modules
    assert not {m for m in modules if m.split(".")[0] in ("typer", "click", "pydantic")}


def test_a_line_the_fast_path_leaves_to_typer_does_import_it() -> None:
    # The probe would see Typer: the test above is not vacuous.
    assert "typer" in imported_by("history", "--limit", "many")
