"""The edge of the command line: version, help, and how errors reach the user."""

from __future__ import annotations

import errno
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import pytest
import typer
from typer.testing import CliRunner

from selfmassage import __version__
from selfmassage.cli.app import app, main
from selfmassage.cli.edge import report_error
from selfmassage.context import Context
from selfmassage.errors import RoutineNotFound
from selfmassage.paths import Paths

runner = CliRunner()


def failing(home: Path, error: BaseException) -> Context:
    """A run whose routine catalog raises ``error`` when it is first needed."""

    class Failing(Context):
        @property
        def catalog(self) -> NoReturn:  # type: ignore[override]
            raise error

    return Failing(paths=Paths.under(home))


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"selfmassage {__version__}\n"


def test_help_names_the_commands_and_the_disclaimer() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "routines" in out
    assert "show" in out
    assert "This is not medical advice; see a doctor for a diagnosis." in out


def test_short_help_option() -> None:
    assert runner.invoke(app, ["-h"]).stdout == runner.invoke(app, ["--help"]).stdout


def test_an_unknown_command_is_a_usage_error() -> None:
    result = runner.invoke(app, ["massage-me"])
    assert result.exit_code == 2
    assert "No such command: 'massage-me'" in result.stderr


def test_a_domain_error_is_one_line_and_its_exit_code(isolated_home: Path) -> None:
    run = failing(isolated_home, RoutineNotFound("no routine 'x'", hint="available routines: none"))
    result = runner.invoke(app, ["routines"], obj=run)
    assert result.exit_code == 2
    assert result.stderr == ("selfmassage: error: no routine 'x'\n  available routines: none\n")


def test_a_bug_is_reported_in_one_line_with_exit_70(isolated_home: Path) -> None:
    run = failing(isolated_home, RuntimeError("boom"))
    result = runner.invoke(app, ["routines"], obj=run)
    assert result.exit_code == 70
    assert result.stderr == (
        "selfmassage: error: internal error: RuntimeError: boom\n"
        "  This is a bug in selfmassage. Run again with SELFMASSAGE_DEBUG=1 for details.\n"
    )
    assert "Traceback" not in result.output


FULL = "selfmassage: error: cannot write the output: No space left on device\n"


def test_a_full_disk_is_a_clear_error_not_a_bug(isolated_home: Path) -> None:
    run = failing(isolated_home, OSError(errno.ENOSPC, "No space left on device"))
    result = runner.invoke(app, ["routines"], obj=run)
    assert result.exit_code == 1
    assert result.stderr == FULL


class FullStdout(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_version_onto_a_full_disk_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "argv", ["selfmassage", "--version"])
    monkeypatch.setattr(sys, "stdout", FullStdout())
    monkeypatch.setattr(sys, "stderr", err)
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    assert (
        err.getvalue() == "selfmassage: error: cannot write the output: No space left on device\n"
    )


def test_debug_mode_lets_a_bug_through(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = failing(isolated_home, RuntimeError("boom"))
    monkeypatch.setenv("SELFMASSAGE_DEBUG", "1")
    result = runner.invoke(app, ["routines"], obj=run)
    assert isinstance(result.exception, RuntimeError)


def test_ctrl_c_exits_130(isolated_home: Path) -> None:
    run = failing(isolated_home, KeyboardInterrupt())
    result = runner.invoke(app, ["routines"], obj=run)
    assert result.exit_code == 130
    assert result.stderr == "\nselfmassage: interrupted\n"


def test_error_messages_show_escapes_visibly(isolated_home: Path) -> None:
    run = failing(isolated_home, RoutineNotFound("no routine '\x1b[2J'"))
    assert runner.invoke(app, ["routines"], obj=run).stderr == (
        "selfmassage: error: no routine '\\x1b[2J'\n"
    )


class TerminalErr(io.StringIO):
    def isatty(self) -> bool:
        return True


HINT = (
    "Nothing was changed. Move the journal aside (keep it: it may be recoverable) "
    "and restore your sessions from an export."
)


def test_on_a_terminal_an_error_hint_wraps_at_word_boundaries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "61")
    err = TerminalErr()
    monkeypatch.setattr(sys, "stderr", err)
    report_error("the journal is damaged", HINT)
    assert err.getvalue().splitlines() == [
        "selfmassage: error: the journal is damaged",
        "  Nothing was changed. Move the journal aside (keep it: it",
        "    may be recoverable) and restore your sessions from an",
        "    export.",
    ]


def test_through_a_pipe_an_error_hint_stays_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "61")
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    report_error("the journal is damaged", HINT)
    assert err.getvalue().splitlines()[1] == f"  {HINT}"


def test_python_dash_m_selfmassage_prints_the_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "selfmassage", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, f"selfmassage {__version__}\n", "")


def test_python_dash_m_selfmassage_lists_routines() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "selfmassage", "routines", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert '"id": "collar"' in done.stdout


def test_every_top_level_command_is_owned_by_exactly_one_command_module() -> None:
    from selfmassage.cli import handout, journal, prescribe, report, screening, session
    from selfmassage.cli import routines as routine_commands

    group = typer.main.get_command(app)
    owned = [
        name
        for module in (routine_commands, screening, session, journal, handout, prescribe, report)
        for name in module.COMMANDS
    ]
    assert sorted(owned) == sorted(group.commands)  # type: ignore[attr-defined]


def test_the_app_knows_which_module_owns_each_command_as_the_modules_say() -> None:
    import importlib

    from selfmassage.cli.typerapp import COMMAND_MODULES

    for name, commands in COMMAND_MODULES.items():
        module = importlib.import_module(f"selfmassage.cli.{name}")
        assert commands == module.COMMANDS, name


def test_a_run_that_names_its_command_imports_no_other_command_module() -> None:
    code = (
        "import sys; sys.argv = ['selfmassage', 'routines']; "
        "from selfmassage.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('selfmassage.cli.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = done.stdout.strip().splitlines()[-1]
    assert "selfmassage.cli.routines" in loaded
    for other in ("journal", "handout", "prescribe", "report", "screening", "session", "daily"):
        assert f"'selfmassage.cli.{other}'" not in loaded, other


def test_a_run_that_names_its_command_builds_only_that_module() -> None:
    from selfmassage.cli.typerapp import build_app

    group = typer.main.get_command(build_app("stats"))
    assert sorted(group.commands) == ["export", "forget", "history", "import", "stats"]  # type: ignore[attr-defined]


def test_the_console_script_runs_a_named_command_and_lists_all_in_help() -> None:
    show = subprocess.run(
        [sys.executable, "-m", "selfmassage", "show", "collar", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert show.returncode == 0
    assert json.loads(show.stdout)["id"] == "collar"
    root_help = subprocess.run(
        [sys.executable, "-m", "selfmassage", "--help"], capture_output=True, text=True
    )
    assert "start" in root_help.stdout and "print" in root_help.stdout
