"""Usage errors in our words (issue 16): Typer finds what is wrong with a command line,
`cli.usage` says it, with the usage line from the command table, in the run's language."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from selfmassage.cli.app import app
from selfmassage.cli.usage import plain_message
from selfmassage.context import Context

runner = CliRunner()


@pytest.mark.parametrize(
    ("argv", "usage", "error"),
    [
        (
            ["history", "--limit", "many"],
            "selfmassage history [OPTIONS]",
            "Invalid value for '--limit' / '-n': must be a whole number",
        ),
        (
            ["history", "--limit", "-5"],
            "selfmassage history [OPTIONS]",
            "Invalid value for '--limit' / '-n': must be at least 0",
        ),
        (
            ["history", "--limit"],
            "selfmassage history [OPTIONS]",
            "Option '--limit' needs a value.",
        ),
        (
            ["history", "--jsn"],
            "selfmassage history [OPTIONS]",
            "No such option: '--jsn' (did you mean --json?)",
        ),
        (
            ["history", "--json=1"],
            "selfmassage history [OPTIONS]",
            "Option '--json' takes no value.",
        ),
        (
            ["history", "extra"],
            "selfmassage history [OPTIONS]",
            "Unexpected words at the end: extra",
        ),
        (
            ["recommend", "--minutes", "500"],
            "selfmassage recommend [OPTIONS]",
            "Invalid value for '--minutes': must be at most 120",
        ),
        (
            ["recommend", "--complaint", "foo"],
            "selfmassage recommend [OPTIONS]",
            "Invalid value for '--complaint': 'foo' is not one of "
            "'neck', 'lower-back', 'tension', 'sleep', 'fatigue'",
        ),
        (
            ["print", "collar", "--minutes", "x"],
            "selfmassage print [OPTIONS] ROUTINE",
            "Invalid value for '--minutes': must be a number",
        ),
        (["record", "collar"], "selfmassage record [OPTIONS] ROUTINE", "Missing option '--date'."),
        (["record"], "selfmassage record [OPTIONS] ROUTINE", "Missing argument 'ROUTINE'."),
        (
            ["routines", "validate"],
            "selfmassage routines validate [OPTIONS] FILE...",
            "Missing argument 'FILE'.",
        ),
        (
            ["massage-me"],
            "selfmassage [OPTIONS] COMMAND [ARGS]...",
            "No such command: 'massage-me'.",
        ),
        (
            ["routines", "zzz"],
            "selfmassage routines [OPTIONS] COMMAND [ARGS]...",
            "No such command: 'zzz'.",
        ),
    ],
)
def test_a_usage_error_says_how_the_command_is_written_and_what_is_wrong(
    ctx: Context, argv: list[str], usage: str, error: str
) -> None:
    result = runner.invoke(app, argv, obj=ctx)
    assert result.exit_code == 2
    command = usage.split(" [")[0]
    assert result.stderr == (f"Usage: {usage}\nTry '{command} -h' for help.\n\nError: {error}\n")


def test_a_message_we_do_not_know_is_shown_as_typer_wrote_it() -> None:
    assert plain_message("Something new happened.") == "Something new happened."
