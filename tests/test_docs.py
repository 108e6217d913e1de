"""Every command has help text and is shown in the README; the format doc's example is valid."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.main import get_command

from selfmassage.cli.app import app
from selfmassage.routines.catalog import parse_routine

ROOT = Path(__file__).resolve().parent.parent


def command_paths() -> Iterator[tuple[str, object]]:
    """Every command and subcommand as ('routines validate', click command)."""

    def walk(command: object, path: list[str]) -> Iterator[tuple[str, object]]:
        if path:
            yield " ".join(path), command
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, [*path, name])

    yield from walk(get_command(app), [])


COMMANDS = dict(command_paths())


def test_the_command_tree_is_walked() -> None:
    assert {"routines", "routines list", "routines validate", "show"} <= set(COMMANDS)


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_command_has_help_text(path: str) -> None:
    command = COMMANDS[path]
    assert (getattr(command, "help", None) or "").strip(), path


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_command_help_runs(path: str) -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, [*path.split(), "--help"])
    assert result.exit_code == 0
    assert f"Usage: selfmassage {path}" in result.stdout


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_command_appears_in_the_readme(path: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"selfmassage {re.escape(path)}\b", readme), f"selfmassage {path}"


def toml_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```toml\n(.*?)^```", markdown, flags=re.MULTILINE | re.DOTALL)


def test_the_routine_format_doc_has_a_complete_example_that_validates() -> None:
    doc = ROOT / "docs" / "routine-format.md"
    blocks = toml_blocks(doc.read_text(encoding="utf-8"))
    assert blocks, "docs/routine-format.md has no ```toml block"
    example = max(blocks, key=len)
    routine = parse_routine(example, doc)
    steps = [s.to_dict() for s in routine.steps]
    # Complete: every optional field is shown somewhere in the example.
    assert routine.preparation
    keys = {key for step in steps for key in step}
    assert {"name", "tempo", "cue", "caution", "light", "optional", "min_seconds"} <= keys
    assert any(isinstance(step["area"], list) for step in steps)
    assert {s.side for s in routine.steps} >= {"left", "right"}


def test_the_routine_format_doc_names_every_vocabulary_word() -> None:
    from selfmassage.routines.model import AREAS, FREQUENCIES, POSITIONS, SIDES, TECHNIQUES

    doc = (ROOT / "docs" / "routine-format.md").read_text(encoding="utf-8")
    for word in (*TECHNIQUES, *AREAS, *SIDES, *POSITIONS, *FREQUENCIES):
        assert f"`{word}`" in doc, word
