"""Plain mode as a whole session: typed commands, sparse whole lines, the caution, the
preparation, and the real time in every stamp."""

from __future__ import annotations

import io
from dataclasses import replace
from types import TracebackType

import pytest

from homekit import home
from selfmassage.cli.session import plain_wanted
from selfmassage.context import Context
from selfmassage.routines.model import Routine
from selfmassage.session.flow import PAIN_ADVICE, PAIN_SYMPTOMS, Summary, play
from selfmassage.session.view import LINE_HELP, PlainScreen, show_summary
from sessionkit import FakeClock, FakeJournal, make_routine


class ScriptedLines:
    """Lines typed at given seconds after the start, as ``LineReader`` gives them."""

    def __init__(self, clock: FakeClock, script: list[tuple[float, str]]) -> None:
        self.clock = clock
        self.script = [(clock.seconds + at, line) for at, line in script]
        self.available = True

    def __enter__(self) -> ScriptedLines:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        pass

    def read(self, timeout: float | None) -> str | None:
        if self.script:
            at, line = self.script[0]
            if timeout is None or self.clock.seconds + timeout >= at:
                self.clock.seconds = max(self.clock.seconds, at)
                self.script.pop(0)
                return line
        assert timeout is not None, "plain mode waited for a line that never comes"
        self.clock.seconds += timeout
        return None


class TerminalOut(io.StringIO):
    def isatty(self) -> bool:
        return True


def session(
    script: list[tuple[float, str]],
    answers: str = "",
    *,
    routine: Routine | None = None,
    caution: bool = False,
    stdout: io.StringIO | None = None,
) -> tuple[Summary, FakeJournal, str, FakeClock]:
    clock = FakeClock()
    journal = FakeJournal()
    out = stdout or io.StringIO()
    screen = PlainScreen(io.StringIO(answers), out, lines=lambda: ScriptedLines(clock, script))
    run = Context(paths=home(), clock=clock)
    summary = play(
        run, routine or make_routine(30, 30, 30), journal, screen, verdict="clear", caution=caution
    )
    show_summary(screen, summary)
    return summary, journal, out.getvalue(), clock


def test_the_commands_are_told_once_at_the_start() -> None:
    *_, out, _ = session([])
    assert out.count(LINE_HELP) == 1


def test_enter_pauses_and_resumes_and_the_pause_is_not_counted() -> None:
    summary, journal, out, _ = session([(5, ""), (12, "")])
    assert journal.finish["paused_seconds"] == 7
    assert journal.finish["actual_seconds"] == 90
    assert "[00:02] Paused. Press Enter to go on." in out
    assert "[00:02] Going on: step 1, 0:28 left." in out
    assert summary.outcome == "completed"


def test_space_typed_as_a_word_pauses_too() -> None:
    _, journal, _, _ = session([(5, "space"), (6, "space")])
    assert journal.finish["paused_seconds"] == 1


def test_n_skips_and_b_goes_back() -> None:
    _, journal, _, _ = session([(5, "n"), (8, "b")])
    assert [(s.index, s.seconds_done, s.skipped) for s in journal.steps] == [
        (1, 2, True),
        (2, 30, False),
        (3, 30, False),
    ]


def test_p_stops_for_pain_with_the_same_questions_and_advice_as_the_live_display() -> None:
    summary, journal, out, _ = session([(8, "p")], "2\nn\n6\nleft shoulder\n")
    assert summary.outcome == "stopped_for_pain"
    assert summary.symptoms is False
    assert (journal.finish["pain_after"], journal.finish["pain_where"]) == (6, "left shoulder")
    assert "How strong is the pain, 0–10? (Enter skips) 6" in out
    for line in PAIN_ADVICE:
        assert line in out


def test_q_asks_first_and_y_quits() -> None:
    summary, _, out, _ = session([(4, "q"), (6, "y")])
    assert "Quit this session? y = quit, any other key = go on" in out
    assert summary.outcome == "quit"


def test_q_then_no_goes_on() -> None:
    summary, _, _, _ = session([(4, "q"), (6, "n")])
    assert summary.outcome == "completed"


def test_an_unknown_command_says_which_commands_there_are() -> None:
    summary, _, out, _ = session([(4, "x")])
    assert f"Unknown command 'x'. {LINE_HELP}" in out
    assert summary.outcome == "completed"


def test_lines_are_sparse_a_start_a_mark_and_an_end_never_one_a_second() -> None:
    *_, out, _ = session([], routine=make_routine(60))
    steps = [line for line in out.splitlines() if line.startswith("[")]
    assert steps == [
        "[00:00] Test routine: 1 step, 1:00; starting in 3 s",
        "[00:00] step 1/1 · stroking · neck and shoulders · 1:00 — Instruction for step 1. "
        "Working: the neck and shoulders. Feel: Cue 1.",
        "[00:30] half-way; 0:30 left",
        "[00:50] 10 seconds left",
        "[01:00] Routine complete.",
    ]


def test_short_steps_get_no_marks() -> None:
    *_, out, _ = session([], routine=make_routine(15))
    assert "half-way" not in out
    assert "10 seconds left" not in out


def test_after_a_skip_the_stamps_and_the_end_give_the_real_time_not_the_plan() -> None:
    *_, out, _ = session([(5, "n"), (6, "n"), (7, "n")], routine=make_routine(30, 30, 3600))
    assert "[00:02] step 2/3" in out
    assert "[00:03] step 3/3" in out
    assert "[00:04] Session ended early." not in out  # skipping the last step completes it
    assert "[00:04] Routine complete." in out
    assert "[61:" not in out


def test_the_preparation_is_shown_before_the_pain_question_and_the_countdown() -> None:
    routine = replace(make_routine(20), preparation="Sit upright. Wait 1.5-2 hours after a meal.")
    *_, out, _ = session([], routine=routine)
    lines = out.splitlines()
    assert lines[0] == "Before you start: Sit upright. Wait 1.5-2 hours after a meal."
    assert lines[1] == "Always: never massage the front of the neck."
    assert lines[2].startswith("Pain right now")


def test_under_caution_the_line_stays_and_the_light_wording_is_used() -> None:
    routine = make_routine(20, 20)
    firm = replace(routine.steps[1], instruction="Firm circles.", light="Light circles.")
    routine = replace(routine, steps=(routine.steps[0], firm))
    _, journal, out, _ = session([], routine=routine, caution=True)
    assert "Caution today, the whole session: light pressure, no tapping." in out
    assert "· light pressure, no tapping — Light circles." in out
    assert "Firm circles." not in out
    assert journal.steps[1].technique == "rubbing"  # the journal records the step as written


def test_without_caution_the_light_wording_is_not_used() -> None:
    routine = make_routine(20)
    routine = replace(routine, steps=(replace(routine.steps[0], light="Light circles."),))
    *_, out, _ = session([], routine=routine)
    assert "Light circles." not in out


def test_on_a_terminal_lines_wrap_at_word_boundaries_to_its_width(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "41")
    *_, out, _ = session([], stdout=TerminalOut())
    lines = out.splitlines()
    assert max(len(line) for line in lines if not line.startswith(("Pain", "A note"))) <= 40
    assert "Instruction for step 1." in " ".join(lines)


def test_accessible_in_the_environment_chooses_plain_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ACCESSIBLE", "1")
    assert plain_wanted(None)


def test_accessible_as_an_option_chooses_plain_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ACCESSIBLE", raising=False)
    assert plain_wanted(None, accessible=True)


def test_accessible_set_to_zero_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACCESSIBLE", "0")
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr("sys.stdin", TerminalOut())
    monkeypatch.setattr("sys.stdout", TerminalOut())
    assert not plain_wanted(None)


def test_on_a_terminal_a_long_question_wraps_at_word_boundaries_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "41")
    *_, out, _ = session([(1.0, "p")], "n\n4\nneck\n", stdout=TerminalOut())
    question = out[out.index("Did it come with") :].split("?", 1)[0]
    assert max(len(line) for line in question.splitlines()) <= 40
    assert " ".join(question.split()) == PAIN_SYMPTOMS.split("?", 1)[0]
