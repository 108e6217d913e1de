"""The `start` command as a user runs it (plain mode, since the test runner is no terminal)."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from selfmassage import cli_session
from selfmassage.cli import app
from sessionkit import FakeClock

TINY = """\
id = "tiny"
title = "Tiny"
description = "Two short steps."
area = "collar zone"
position = "sitting"
indications = ["tests"]

[course]
sessions = 10
frequency = "daily"
break_days = 10

[[steps]]
technique = "stroking"
area = "neck-shoulders"
seconds = 1
instruction = "Stroke the neck."

[[steps]]
technique = "kneading"
area = "neck-shoulders"
side = "right"
seconds = 1
instruction = "Knead the right shoulder."
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.toml"
    path.write_text(TINY, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """The player's clock and sleep, so a session takes no real time."""
    clock = FakeClock()
    monkeypatch.setattr(
        "selfmassage.player.time", SimpleNamespace(monotonic=clock, sleep=clock.sleep)
    )
    return clock


@pytest.fixture(autouse=True)
def cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    """Screening has its own tests: here every routine is cleared without questions."""
    from selfmassage import ui_screening
    from selfmassage.routines import resolve_routine

    def clear(name: str | None, **options: object) -> ui_screening.Clearance:
        return ui_screening.Clearance(
            routine=resolve_routine(name or "collar"), verdict="clear", caution=False, reasons=()
        )

    monkeypatch.setattr(ui_screening, "clear_for_session", clear)


def test_start_runs_a_routine_in_plain_lines_when_output_is_not_a_terminal(tiny: Path) -> None:
    result = CliRunner().invoke(app, ["start", str(tiny)], input="1\n0\n\n")
    assert result.exit_code == 0, result.output
    assert (
        "[00:01] step 2/2 · kneading · neck and shoulders, right side · 0:01 — Knead"
        in result.output
    )
    assert "Tiny: complete" in result.output


def test_minutes_rescales_the_routine(tiny: Path) -> None:
    result = CliRunner().invoke(app, ["start", str(tiny), "--minutes", "1", "--plain"], input="")
    assert result.exit_code == 0, result.output
    assert "[00:00] Tiny: 2 steps, 1:00;" in result.output


def test_too_few_minutes_is_an_error_with_exit_code_2(tmp_path: Path) -> None:
    many = TINY.split("[[steps]]")[0] + "".join(
        '[[steps]]\ntechnique = "rubbing"\narea = "hands"\nseconds = 5\ninstruction = "Rub."\n'
        for _ in range(61)
    )
    path = tmp_path / "many.toml"
    path.write_text(many, encoding="utf-8")
    result = CliRunner().invoke(app, ["start", str(path), "--minutes", "1"])
    assert result.exit_code == 2
    assert result.stderr == (
        "selfmassage: error: --minutes 1 is too short for the 61 steps of 'tiny': "
        "every step needs at least 1 second\n  use --minutes 2 or more\n"
    )


def test_minutes_out_of_range_is_refused_before_screening(tiny: Path) -> None:
    result = CliRunner().invoke(app, ["start", str(tiny), "--minutes", "0"])
    assert result.exit_code == 2
    assert result.stderr == "selfmassage: error: --minutes must be between 1 and 120, got 0\n"


def test_an_unknown_routine_is_an_error(tiny: Path) -> None:
    result = CliRunner().invoke(app, ["start", "colar"])
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


def test_start_has_help_text() -> None:
    result = CliRunner().invoke(app, ["start", "--help"])
    assert result.exit_code == 0
    for option in ("--minutes", "--plain", "--no-bell"):
        assert option in result.output


def test_run_guided_says_when_caution_applies(
    tiny: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from selfmassage.routines import load_routine_file
    from selfmassage.ui_screening import Clearance

    clearance = Clearance(
        routine=load_routine_file(tiny),
        verdict="caution",
        caution=True,
        reasons=("osteoporosis",),
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    cli_session.run_guided(clearance, minutes=None, plain=True, bell=False)
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


def test_screening_is_not_interactive_without_a_terminal(
    tiny: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfmassage import ui_screening

    asked: list[dict[str, object]] = []
    real = ui_screening.clear_for_session

    def spy(name: str | None, **options: object) -> ui_screening.Clearance:
        asked.append({"name": name, **options})
        return real(name, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(ui_screening, "clear_for_session", spy)
    CliRunner().invoke(app, ["start", str(tiny), "--minutes", "2"], input="")
    assert asked == [{"name": str(tiny), "minutes": 2, "interactive": False}]
