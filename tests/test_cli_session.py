"""The `start` command as a user runs it (plain mode, since the test runner is no terminal)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from routine_text import routine_file, step
from selfmassage.cli import session as cli_session
from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.paths import Paths
from selfmassage.screening.saved import SavedScreening, save_screening
from sessionkit import FakeClock

TINY = routine_file(
    step("stroking", 1, "Stroke the neck."),
    step("kneading", 1, "Knead the right shoulder.", side="right"),
    description="Two short steps.",
)


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.toml"
    path.write_text(TINY, encoding="utf-8")
    return path


@pytest.fixture
def run(isolated_home: Path) -> Context:
    """The run's context on a fake clock, so a session takes no real time."""
    return Context(paths=Paths.under(isolated_home), clock=FakeClock())


@pytest.fixture(autouse=True)
def cleared(run: Context) -> None:
    """Screening has its own tests: here a clear screening from today is on file."""
    now = run.clock.now()
    answers = {q.id: False for q in run.questionnaire}
    save_screening(SavedScreening(answers, "clear", now, now), run.paths.screening_file)


def test_start_runs_a_routine_in_plain_lines_when_output_is_not_a_terminal(
    run: Context, tiny: Path
) -> None:
    result = CliRunner().invoke(app, ["start", str(tiny)], input="1\n0\n\n", obj=run)
    assert result.exit_code == 0, result.output
    assert (
        "[00:01] step 2/2 · kneading · neck and shoulders, right side · 0:01 — Knead"
        in result.output
    )
    assert "Tiny: complete" in result.output


def test_minutes_fit_the_routine_and_say_what_was_done(run: Context, tmp_path: Path) -> None:
    path = tmp_path / "minute.toml"
    path.write_text(TINY.replace("seconds = 1\n", "seconds = 60\n"), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["start", str(path), "--minutes", "1", "--plain"], input="", obj=run
    )
    assert result.exit_code == 0, result.output
    assert "Shortened from 2 to 1 minutes.\n" in result.output
    assert "[00:00] Tiny: 2 steps, 1:00;" in result.output


def test_minutes_beyond_one_and_a_half_times_the_routine_are_refused(run: Context) -> None:
    result = CliRunner().invoke(app, ["start", "collar", "--minutes", "120"], obj=run)
    assert result.exit_code == 2
    assert result.stderr == (
        "selfmassage: error: 'collar' cannot be stretched to 120 minutes: the longest time "
        "that works is 15 minutes (at most 1.5 times the routine and 15 minutes on one area)\n"
        "  use --minutes 15 or less\n"
    )


def test_too_few_minutes_is_an_error_with_exit_code_2(run: Context, tmp_path: Path) -> None:
    many = TINY.split("[[steps]]")[0] + "".join(
        '[[steps]]\ntechnique = "rubbing"\narea = "hands"\nseconds = 5\ninstruction = "Rub."\n'
        for _ in range(61)
    )
    path = tmp_path / "many.toml"
    path.write_text(many, encoding="utf-8")
    result = CliRunner().invoke(app, ["start", str(path), "--minutes", "1"], obj=run)
    assert result.exit_code == 2
    assert result.stderr == (
        "selfmassage: error: 'tiny' cannot be shortened to 1 minute: the shortest time that "
        "works is 5.1 minutes, every step long enough to read and do\n"
        "  use --minutes 6 or more\n"
    )


def test_minutes_out_of_range_is_refused_before_screening(run: Context, tiny: Path) -> None:
    result = CliRunner().invoke(app, ["start", str(tiny), "--minutes", "0"], obj=run)
    assert result.exit_code == 2
    assert result.stderr == "selfmassage: error: --minutes must be between 1 and 120, got 0\n"


def test_an_unknown_routine_is_an_error(run: Context, tiny: Path) -> None:
    result = CliRunner().invoke(app, ["start", "colar"], obj=run)
    assert result.exit_code == 2
    assert "no routine 'colar' — did you mean 'collar'?" in result.stderr


def test_plain_is_chosen_for_term_dumb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    assert cli_session.plain_wanted(None)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_is_chosen_when_stdin_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.setattr(sys, "stdout", _Terminal())
    monkeypatch.setattr(sys, "stdin", io.StringIO("3\n"))
    assert cli_session.plain_wanted(None)


def test_live_is_chosen_when_both_ends_are_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr(sys, "stdout", _Terminal())
    monkeypatch.setattr(sys, "stdin", _Terminal())
    assert not cli_session.plain_wanted(None)


def test_plain_is_chosen_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli_session.plain_wanted(True)


def test_start_has_help_text(run: Context) -> None:
    result = CliRunner().invoke(app, ["start", "--help"], obj=run)
    assert result.exit_code == 0
    for option in ("--minutes", "--plain", "--no-bell"):
        assert option in result.output


def test_run_guided_says_when_caution_applies(
    run: Context, tiny: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from selfmassage.routines.catalog import load_routine_file
    from selfmassage.screening.gate import Clearance

    clearance = Clearance(
        routine=load_routine_file(tiny),
        verdict="caution",
        caution=True,
        reasons=("osteoporosis",),
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    cli_session.run_guided(run, clearance, minutes=None, plain=True, bell=False)
    assert capsys.readouterr().out.startswith(
        "Caution today: light pressure only, no tapping (osteoporosis). Check with your doctor.\n"
    )


def test_kill_during_a_session_unwinds_so_the_terminal_is_restored() -> None:
    import os
    import signal

    with pytest.raises(SystemExit) as caught, cli_session._hangup_as_interrupt():
        os.kill(os.getpid(), signal.SIGTERM)
    assert caught.value.code == 128 + signal.SIGTERM


def test_the_signal_handlers_are_put_back_afterwards() -> None:
    import signal

    before = signal.getsignal(signal.SIGTERM)
    with cli_session._hangup_as_interrupt():
        pass
    assert signal.getsignal(signal.SIGTERM) == before


def test_without_a_terminal_screening_never_asks_it_refuses(run: Context, tiny: Path) -> None:
    run.paths.screening_file.unlink()
    result = CliRunner().invoke(app, ["start", str(tiny)], input="y\n", obj=run)
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == (
        "selfmassage: error: no valid screening on file\n  run 'selfmassage screen' first\n"
    )
