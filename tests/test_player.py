"""The session flow on its two screens: prompts, plain lines, keys in the live display,
and what reaches the journal."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import TracebackType

import pytest
from rich.console import Console

from homekit import home
from selfmassage.context import Context
from selfmassage.journal.stats import CourseProgress
from selfmassage.journal.store import StepRecord
from selfmassage.routines.model import Course, Routine
from selfmassage.session.flow import PAIN_ADVICE, PAIN_SYMPTOMS, Summary, play
from selfmassage.session.live import LiveScreen
from selfmassage.session.view import PlainScreen, show_summary
from sessionkit import FakeClock, FakeJournal, fixed_now, make_routine


class ScriptedKeys:
    """Keys pressed at given seconds after the start; ``^C`` stands for Ctrl-C."""

    def __init__(self, clock: FakeClock, script: list[tuple[float, str]], available: bool = True):
        self.clock = clock
        self.script = [(clock.seconds + at, key) for at, key in script]
        self.available = available
        self.entered = self.exited = False

    def __enter__(self) -> ScriptedKeys:
        self.entered = True
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.exited = True

    def read(self, timeout: float | None) -> str | None:
        if self.script:
            at, key = self.script[0]
            if timeout is None or self.clock.seconds + timeout >= at:
                self.clock.seconds = max(self.clock.seconds, at)
                self.script.pop(0)
                if key == "^C":
                    raise KeyboardInterrupt
                return key
        assert timeout is not None, "the player waited for a key that never comes"
        self.clock.seconds += timeout
        return None


class StopsAfter(FakeClock):
    """A clock whose sleep raises ``error`` once 13 s have passed (during the second step)."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error

    def sleep(self, seconds: float) -> None:
        if self.seconds - self.start >= 13:
            raise self.error
        super().sleep(seconds)


def plain(
    routine: Routine,
    answers: str = "",
    *,
    clock: FakeClock | None = None,
    journal: FakeJournal | None = None,
    stdout: io.StringIO | None = None,
) -> tuple[Summary, FakeJournal, io.StringIO]:
    """A session in plain lines; what it returned, recorded and wrote."""
    journal = journal if journal is not None else FakeJournal()
    out = stdout or io.StringIO()
    screen = PlainScreen(io.StringIO(answers), out)
    run = Context(paths=home(), clock=clock or FakeClock())
    summary = play(run, routine, journal, screen, verdict="clear")
    show_summary(screen, summary)  # as the command does
    return summary, journal, out


def test_plain_mode_prints_one_line_per_event() -> None:
    routine = make_routine(150, 120)
    _, _, out = plain(routine, "3\n1\nfelt good\n")
    lines = out.getvalue().splitlines()
    assert lines[:12] == [
        "Before you start: never massage the front of the neck; wait 1.5–2 hours after a meal.",
        "Pain right now, 0–10? (Enter skips) 3",
        "[00:00] Test routine: 2 steps, 4:30; starting in 3 s",
        "[00:00] step 1/2 · stroking · neck and shoulders · 2:30 — Instruction for step 1. "
        "Working: the neck and shoulders. Feel: Cue 1.",
        "[01:15] half-way; 1:15 left",
        "[02:20] 10 seconds left",
        "[02:30] step 2/2 · rubbing · neck and shoulders, left side · 2:00 — "
        "Instruction for step 2. Working: the left side of the neck and the left shoulder.",
        "[03:30] half-way; 1:00 left",
        "[04:20] 10 seconds left",
        "[04:30] Routine complete.",
        "Pain right now, 0–10? (Enter skips) 1",
        "A note for the journal? (Enter skips) felt good",
    ]


def test_plain_mode_writes_no_escape_sequences() -> None:
    _, _, out = plain(make_routine(5, 5), "2\n2\n\n")
    assert "\x1b" not in out.getvalue()
    assert "\x07" not in out.getvalue()


def test_the_summary_gives_time_steps_pain_and_course() -> None:
    _, _, out = plain(make_routine(60, 30), "5\n2\n\n")
    assert out.getvalue().splitlines()[-5:] == [
        "Test routine: complete",
        "Time: 1:30",
        "Steps done: 2 of 2",
        "Pain: 5 → 2",
        "Course: test: session 1 of 10, daily — next due today; after session 10, a 10-day break",
    ]


class TerminalOut(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_a_long_course_line_in_the_summary_wraps_at_word_boundaries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    tomorrow = fixed_now().date() + timedelta(days=1)
    journal = FakeJournal(progress=CourseProgress(Course(10, "daily", 10), 2, tomorrow))
    out = TerminalOut()
    plain(make_routine(60, 30), "5\n2\n\n", journal=journal, stdout=out)
    assert out.getvalue().splitlines()[-2:] == [
        "Course: test: session 3 of 10, daily — next due tomorrow;",
        "after session 10, a 10-day break",
    ]


def test_the_journal_gets_the_session_each_step_and_the_outcome() -> None:
    clock = FakeClock()
    _, journal, _ = plain(make_routine(60, 30), "5\n2\nwarm\n", clock=clock)
    assert journal.calls[0][0] == "begin"
    assert journal.calls[0][1]["routine"] == "test"
    assert journal.calls[0][1]["pain_before"] == 5
    assert journal.steps == [
        StepRecord(1, "stroking", "neck-shoulders", "both", 60, 60, True, False),
        StepRecord(2, "rubbing", "neck-shoulders", "left", 30, 30, True, False),
    ]
    assert journal.calls[0][1]["started_at"] == fixed_now()
    assert journal.finish == {
        "ended_at": clock.now(),  # the wall time moves with the session, in its own zone
        "outcome": "completed",
        "actual_seconds": 90,
        "paused_seconds": 0,
        "pain_after": 2,
        "pain_where": None,
        "note": "warm",
    }


def test_the_session_is_recorded_and_its_course_looked_up_in_the_clocks_own_zone() -> None:
    kiritimati = timezone(timedelta(hours=14))
    sunday_morning = datetime(2026, 11, 22, 6, 10, tzinfo=kiritimati)  # Saturday 16:10 in UTC
    clock = FakeClock(wall=sunday_morning)
    _, journal, _ = plain(make_routine(60, 30), clock=clock)
    started_at = journal.calls[0][1]["started_at"]
    assert (started_at, started_at.utcoffset()) == (sunday_morning, timedelta(hours=14))
    assert journal.finish["ended_at"].utcoffset() == timedelta(hours=14)
    assert journal.course_asked_for == [date(2026, 11, 22)]


def test_plain_mode_needs_no_rich() -> None:
    script = (
        "import io, sys\n"
        "from homekit import home\n"
        "from selfmassage.context import Context\n"
        "from selfmassage.session.flow import play\n"
        "from selfmassage.session.view import PlainScreen, show_summary\n"
        "from sessionkit import FakeClock, FakeJournal, make_routine\n"
        "screen = PlainScreen(io.StringIO('2\\n2\\n\\n'), io.StringIO())\n"
        "run = Context(paths=home(), clock=FakeClock())\n"
        "play(run, make_routine(5, 5), FakeJournal(), screen, verdict='clear')\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'rich'], 'rich was imported'\n"
    )
    tests = str(Path(__file__).parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([tests, *sys.path])}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_each_step_is_written_when_it_ends_not_at_the_end() -> None:
    _, journal, _ = plain(make_routine(10, 10))
    assert [kind for kind, _ in journal.calls] == ["begin", "step", "step", "finish"]


def test_a_ten_minute_routine_runs_on_the_fake_clock_without_drift() -> None:
    clock = FakeClock()
    summary, _, _ = plain(make_routine(*[60] * 10), clock=clock)
    assert summary.actual_seconds == 600
    assert clock.seconds - 1000 == pytest.approx(603, abs=0.01)
    # One sleep per deadline (get-ready and each step) and per mark (half-way, 10 s left).
    assert len(clock.slept) == 1 + 10 * 3


def test_an_invalid_pain_answer_is_asked_again() -> None:
    _, journal, out = plain(make_routine(5), "11\nthree\n-1\n4\n\n\n")
    assert out.getvalue().count("Please type a whole number from 0 to 10") == 3
    assert journal.calls[0][1]["pain_before"] == 4


def test_the_end_of_input_skips_every_question() -> None:
    summary, _, _ = plain(make_routine(5), "")
    assert (summary.pain_before, summary.pain_after, summary.note) == (None, None, None)
    assert summary.outcome == "completed"


def test_ctrl_c_in_plain_mode_stops_at_once_and_records_interrupted() -> None:
    clock = StopsAfter(KeyboardInterrupt())  # Ctrl-C during the second step's wait
    summary, journal, _ = plain(make_routine(10, 10, 10), clock=clock)
    assert summary.outcome == "interrupted"
    assert journal.finish["outcome"] == "interrupted"
    assert [(s.index, s.completed) for s in journal.steps] == [(1, True), (2, False)]


def test_an_error_mid_session_still_records_the_steps_done_then_goes_on_up() -> None:
    journal = FakeJournal()
    with pytest.raises(RuntimeError):
        plain(
            make_routine(10, 10, 10),
            clock=StopsAfter(RuntimeError("disk on fire")),
            journal=journal,
        )
    assert journal.finish["outcome"] == "interrupted"
    assert [s.index for s in journal.steps] == [1, 2]


# -- the live display, driven by scripted keys --------------------------------------------


def live(
    script: list[tuple[float, str]], answers: str = "", *, available: bool = True, bell: bool = True
) -> tuple[Summary, FakeJournal, io.StringIO, io.StringIO, ScriptedKeys]:
    clock = FakeClock()
    keys = ScriptedKeys(clock, script, available)
    journal = FakeJournal()
    out = io.StringIO()
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=80, height=24, color_system=None)
    shown = LiveScreen(io.StringIO(answers), out, bell=bell, console=console, keys=lambda: keys)
    run = Context(paths=home(), clock=clock)
    summary = play(run, make_routine(10, 10, 10), journal, shown, verdict="clear")
    return summary, journal, out, screen, keys


def test_space_pauses_and_resumes_and_the_pause_is_not_counted() -> None:
    summary, journal, _, _, _ = live([(5, " "), (12, " ")])
    assert journal.finish["paused_seconds"] == 7
    assert journal.finish["actual_seconds"] == 30
    assert summary.outcome == "completed"


def test_n_skips_and_b_goes_back() -> None:
    _, journal, _, _, _ = live([(5, "n"), (8, "b")])
    assert [(s.index, s.seconds_done, s.skipped) for s in journal.steps] == [
        (1, 2, True),
        (2, 10, False),
        (3, 10, False),
    ]


def test_p_stops_at_once_asks_strength_and_where_and_shows_the_advice() -> None:
    # The warning-symptoms question is one key (no Enter); strength and place are typed.
    summary, journal, out, _, _ = live([(8, "p"), (9, "n")], "2\n6\nleft shoulder\n")
    assert summary.outcome == "stopped_for_pain"
    assert summary.symptoms is False
    assert (journal.finish["pain_after"], journal.finish["pain_where"]) == (6, "left shoulder")
    text = out.getvalue()
    assert "How strong is the pain, 0–10? (Enter skips) 6" in text
    assert "Where? (Enter skips) left shoulder" in text
    for line in PAIN_ADVICE:
        assert line in text
    assert [(s.index, s.seconds_done, s.completed) for s in journal.steps] == [(1, 5, False)]


def test_in_the_live_display_warning_symptoms_are_answered_by_one_key() -> None:
    summary, _, out, _, _ = live([(8, "p"), (9, "x"), (10, "Y")], "\n\n")
    assert summary.symptoms is True
    assert f"{PAIN_SYMPTOMS} y\n" in out.getvalue()  # other keys are ignored, not echoed


def test_q_asks_first_and_y_records_quit() -> None:
    summary, journal, _, screen, _ = live([(4, "q"), (9, "y")])
    assert "Quit this session? y = quit, any other key = go on" in screen.getvalue()
    assert summary.outcome == "quit"
    assert journal.finish["paused_seconds"] == 5  # the question holds the clock
    assert journal.finish["actual_seconds"] == 1


def test_q_then_another_key_goes_on() -> None:
    summary, _, _, _, _ = live([(4, "q"), (6, "x")])
    assert summary.outcome == "completed"


def test_ctrl_c_in_the_live_display_asks_then_records_interrupted() -> None:
    summary, journal, _, screen, _ = live([(4, "^C"), (5, "y")])
    assert "Stop the session? y = stop, any other key = go on" in screen.getvalue()
    assert summary.outcome == "interrupted"
    assert journal.finish["outcome"] == "interrupted"


def test_a_second_ctrl_c_while_asking_stops_at_once() -> None:
    summary, _, _, _, _ = live([(4, "^C"), (5, "^C")])
    assert summary.outcome == "interrupted"


def test_without_keys_ctrl_c_stops_at_once() -> None:
    summary, _, _, _, _ = live([(4, "^C")], available=False)
    assert summary.outcome == "interrupted"


def test_the_key_source_is_left_on_every_exit_path() -> None:
    *_, keys = live([(4, "p"), (5, "n")])
    assert keys.entered and keys.exited


def test_the_bell_rings_at_each_step_start() -> None:
    *_, screen, _ = live([])
    assert screen.getvalue().count("\x07") == 3


def test_no_bell_when_it_is_off() -> None:
    *_, screen, _ = live([], bell=False)
    assert "\x07" not in screen.getvalue()


def test_the_live_display_shows_the_step_and_the_pause() -> None:
    *_, screen, _ = live([(5, " "), (6, " ")])
    assert "S T R O K I N G" in screen.getvalue()
    assert "PAUSED — space to resume" in screen.getvalue()
