"""The command table and the fast path: every plain command line runs without Typer,
and means exactly what Typer would make of it (issue 15, start-up of every command)."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import typer.main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfmassage.cli.help import render_help
from selfmassage.cli.spec import Command, parse
from selfmassage.cli.table import COMMANDS
from selfmassage.cli.tablegen import build_table, render, table_file
from selfmassage.cli.typerapp import build_app

ROOT = typer.main.get_command(build_app())
LEAVES = [path for path, command in COMMANDS.items() if not command.group]


def typer_params(path: tuple[str, ...], args: list[str]) -> dict[str, Any] | None:
    """What Typer's own parser makes of ``args`` for the command at ``path``; None if it refuses."""
    context = ROOT.make_context("selfmassage", [], resilient_parsing=True)
    command: Any = ROOT
    for word in path:
        command = command.commands[word]
    try:
        return dict(command.make_context(path[-1], list(args), parent=context).params)
    except Exception as refused:  # Click's usage errors: the fast path must have said None
        assert type(refused).__module__.startswith("typer"), refused
        return None


def test_the_committed_table_is_what_the_typer_declarations_say() -> None:
    assert table_file().read_text(encoding="utf-8") == render(build_table())


def test_the_table_names_every_command_of_the_app() -> None:
    def words(group: Any, prefix: tuple[str, ...]) -> set[tuple[str, ...]]:
        found = set()
        for name, command in group.commands.items():
            found.add((*prefix, name))
            if hasattr(command, "commands"):
                found |= words(command, (*prefix, name))
        return found

    assert set(COMMANDS) == words(ROOT, ()) | {()}


@pytest.mark.parametrize(
    "argv",
    [
        ["history", "-n", "5", "--json"],
        ["history", "--routine=collar"],
        ["show", "collar", "--json"],
        ["recommend", "--complaint", "neck", "--minutes", "10"],
        ["prescribe", "collar", "--skip", "1", "--skip", "2", "--seconds", "3=40"],
        ["print", "collar", "--minutes", "7.5", "-o", "out.html"],
        ["routines", "validate", "a.toml", "b.toml"],
        ["routines", "--json"],
        ["record", "collar", "--date", "2026-11-01", "--pain-before", "-1"],
        ["start"],
        [],
    ],
)
def test_a_plain_command_line_takes_the_fast_path_with_typers_values(argv: list[str]) -> None:
    call = parse(argv, COMMANDS)
    assert call is not None
    path = call.command.path
    if call.command.group:
        assert call.params == ({"as_json": True} if argv == ["routines", "--json"] else {})
        return
    assert call.params == typer_params(path, argv[len(path) :])


@pytest.mark.parametrize(
    "argv",
    [
        ["nothing"],
        ["routines", "nothing"],
        ["history", "--limit"],
        ["history", "--limit", "many"],
        ["history", "--limit", "-1"],
        ["history", "-n5"],
        ["history", "--json=yes"],
        ["history", "--", "x"],
        ["history", "extra"],
        ["history", "-n", "1", "-n", "2"],
        ["recommend", "--complaint", "Neck"],
        ["recommend", "--minutes", "121"],
        ["forget", "-y"],
        ["routines", "validate"],
        ["routines", "--json", "list"],
        ["--install-completion"],
    ],
)
def test_anything_unusual_is_left_to_typer(argv: list[str]) -> None:
    assert parse(argv, COMMANDS) is None


def _words(command: Command) -> st.SearchStrategy[list[str]]:
    """Command lines for one command: its options with good and bad values, its arguments,
    and now and then something no command takes."""
    values = st.sampled_from(
        [
            "5",
            "0",
            "-1",
            "120",
            "121",
            "007",
            "1.5",
            "-2.5",
            "x",
            "",
            " 5",
            "1_0",
            "neck",
            "a b",
            "--json",
            "-",
            "2026-11-01",
            "3=40",
            "collar",
        ]
    )
    units: list[st.SearchStrategy[list[str]]] = [
        st.sampled_from([["--"], ["-zz"], ["--nothing"]]),
        values.map(lambda value: [value]),
    ]
    for param in command.params:
        if param.argument:
            continue
        opts = st.sampled_from(param.opts)
        if param.kind == "flag":
            units.append(opts.map(lambda opt: [opt]))
            continue
        units.append(st.tuples(opts, values).map(list))
        long_opts = [opt for opt in param.opts if opt.startswith("--")]
        if long_opts:
            units.append(
                st.tuples(st.sampled_from(long_opts), values).map(lambda pair: ["=".join(pair)])
            )
    arguments = sum(1 for param in command.params if param.argument)
    required = [
        word
        for param in command.params
        if param.required and not param.argument
        for word in (param.opts[0], "2026-11-01")
    ]
    return st.tuples(
        st.lists(values, min_size=arguments, max_size=arguments + 1),
        st.lists(st.one_of(units), max_size=4),
        st.booleans(),
    ).map(lambda t: t[0] + [word for unit in t[1] for word in unit] + (required if t[2] else []))


@pytest.mark.parametrize("path", LEAVES, ids=" ".join)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_whatever_the_fast_path_accepts_typer_reads_the_same(
    path: tuple[str, ...], data: st.DataObject
) -> None:
    args = data.draw(_words(COMMANDS[path]))
    call = parse([*path, *args], COMMANDS)
    if call is not None:
        assert call.command.path == path
        assert call.params == typer_params(path, args)


def test_a_bad_command_line_gets_typers_usage_error(isolated_home: Any) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "selfmassage", "history", "--limit", "many"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert "Invalid value" in done.stderr and "--limit" in done.stderr


@pytest.mark.parametrize("path", list(COMMANDS), ids=lambda p: " ".join(p) or "(root)")
def test_help_shows_each_option_and_the_commands_own_words(path: tuple[str, ...]) -> None:
    page = render_help(path, COMMANDS, 80)
    command = COMMANDS[path]
    assert page.startswith("Usage: " + " ".join(["selfmassage", *path]))
    assert " ".join(command.help.split("\n\n")[0].split()) in " ".join(page.split())
    for param in command.params:
        if not param.argument:
            assert ", ".join(sorted(param.opts, key=len)) in page
    assert "-h, --help" in page
    assert max(map(len, page.splitlines())) <= 80


def test_help_lists_the_subcommands_of_a_group() -> None:
    page = render_help(("routines",), COMMANDS, 80)
    for name in ("list", "validate", "new", "install"):
        assert f"\n  {name} " in page


def test_help_and_h_and_help_anywhere_on_the_line_give_the_same_page(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from selfmassage.cli.fastpath import fast_path

    pages = []
    for argv in (["history", "--help"], ["history", "-h"], ["history", "-n", "5", "--help"]):
        assert fast_path(argv) == 0
        pages.append(capsys.readouterr().out)
    assert pages[0] == pages[1] == pages[2]
    assert pages[0].startswith("Usage: selfmassage history [OPTIONS]")


@pytest.mark.parametrize(
    ("argv", "asked"),
    [
        (["history", "-n", "5", "--help"], True),
        (["routines", "validate", "-h"], True),
        (["prescribe", "collar", "--note", "-h"], False),  # a note, as Typer reads it
        (["prescribe", "collar", "--note=-h"], False),
        (["history", "--", "-h"], False),
    ],
)
def test_help_is_asked_for_only_by_an_option_not_by_an_options_value(
    argv: list[str], asked: bool
) -> None:
    from selfmassage.cli.help import wants_help

    assert wants_help(argv, COMMANDS) is asked
    if not asked and argv[0] == "prescribe":
        params = typer_params(("prescribe",), argv[1:])
        assert params is not None and params["note"] == "-h"
