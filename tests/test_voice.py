"""--speak: what the session says, through which program, and that the timer never waits."""

from __future__ import annotations

import io
import os
import stat
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from homekit import home
from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.paths import Paths
from selfmassage.routines.model import Routine
from selfmassage.screening.saved import SavedScreening, save_screening
from selfmassage.session.cues import first_sentence
from selfmassage.session.flow import play
from selfmassage.session.view import PlainScreen
from selfmassage.session.voice import (
    ENDINGS,
    INSTALL_HINT,
    PAIN_STOP_WORDS,
    Spoken,
    Voice,
    find_engine,
    step_words,
)
from sessionkit import FakeClock, FakeJournal, make_routine
from test_plain_session import ScriptedLines


class HeardVoice:
    """A voice that only notes what it was asked to say."""

    def __init__(self) -> None:
        self.said: list[tuple[str, bool]] = []

    def say(self, words: str, *, interrupt: bool = False) -> None:
        self.said.append((words, interrupt))


def fake_engine(folder: Path, name: str = "espeak-ng", *, pause: float = 0.0) -> Path:
    """A speech program that writes each thing it is asked to say as a line of ``said.txt``."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / name
    program.write_text(
        f"#!{sys.executable}\n"
        "import sys, time\n"
        f"time.sleep({pause})\n"
        f"with open({str(folder / 'said.txt')!r}, 'a') as said:\n"
        "    said.write(sys.argv[-1] + '\\n')\n",
        encoding="utf-8",
    )
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


def spoken_session(
    routine: Routine, script: list[tuple[float, str]] | None = None, answers: str = ""
) -> tuple[HeardVoice, FakeClock]:
    clock = FakeClock()
    voice = HeardVoice()
    plain = PlainScreen(
        io.StringIO(answers), io.StringIO(), lines=lambda: ScriptedLines(clock, script or [])
    )
    screen = Spoken(plain, voice)  # type: ignore[arg-type]
    play(Context(paths=home(), clock=clock), routine, FakeJournal(), screen, verdict="clear")
    return voice, clock


def sided_routine() -> Routine:
    """Three steps: both sides, then the same stroke on the left and on the right."""
    routine = make_routine(30, 30, 30)
    steps = routine.steps
    left = replace(steps[1], name="Shoulder", side="left")
    right = replace(left, side="right", instruction="Now the right. Slowly.")
    return replace(routine, steps=(steps[0], left, right))


def test_each_step_is_said_as_it_starts_cutting_short_the_last_one() -> None:
    routine = sided_routine()
    voice, _ = spoken_session(routine)
    starts = [words for words, interrupt in voice.said if interrupt]
    assert starts[:3] == [step_words(routine, i, caution=False) for i in range(3)]


def test_step_words_are_technique_place_and_the_instructions_first_sentence() -> None:
    routine = sided_routine()
    assert step_words(routine, 1, caution=False) == (
        "Shoulder. rubbing, neck and shoulders, left side. Instruction for step 2."
    )


def test_the_same_stroke_on_the_other_side_is_announced_as_switch_sides() -> None:
    routine = sided_routine()
    assert step_words(routine, 2, caution=False).startswith("Switch sides. Shoulder.")
    assert not step_words(routine, 1, caution=False).startswith("Switch sides")


def test_under_caution_the_step_words_say_light_pressure() -> None:
    assert "Light pressure, no tapping." in step_words(sided_routine(), 0, caution=True)


def test_ten_seconds_before_each_long_step_ends_it_says_so() -> None:
    voice, _ = spoken_session(make_routine(30, 15))
    assert [words for words, _ in voice.said].count("10 seconds.") == 1  # the 15 s step: none


def test_the_end_is_said() -> None:
    voice, _ = spoken_session(make_routine(20))
    assert voice.said[-1] == (ENDINGS["completed"], True)


def test_a_pain_stop_says_the_advice() -> None:
    voice, _ = spoken_session(make_routine(30, 30), [(5, "p")], "2\n5\nneck\n")
    assert voice.said[-1] == (PAIN_STOP_WORDS, True)


def test_speaking_does_not_change_the_timing() -> None:
    routine = make_routine(30, 30, 30)
    clock = FakeClock()
    plain = PlainScreen(io.StringIO(), io.StringIO(), lines=lambda: ScriptedLines(clock, []))
    play(Context(paths=home(), clock=clock), routine, FakeJournal(), plain, verdict="clear")
    _, spoken_clock = spoken_session(routine)
    assert spoken_clock.seconds == pytest.approx(clock.seconds, abs=0.01)
    assert spoken_clock.slept == pytest.approx(clock.slept, abs=0.01)


def test_first_sentence_stops_at_the_first_full_stop() -> None:
    assert first_sentence("Sit up.  Then breathe out slowly.") == "Sit up."
    assert first_sentence("No stop at all") == "No stop at all"


def test_the_first_speech_program_on_the_path_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_engine(tmp_path, "spd-say")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_engine("linux") == [str(tmp_path / "spd-say")]


def test_say_counts_only_on_macos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_engine(tmp_path, "say")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_engine("linux") is None
    assert find_engine("darwin") == [str(tmp_path / "say")]


def test_the_voice_runs_the_program_with_the_words(tmp_path: Path) -> None:
    program = fake_engine(tmp_path)
    voice = Voice([str(program)])
    voice.say("Opening stroking.")
    voice.say("10 seconds.")
    voice.close(timeout=10)
    assert (tmp_path / "said.txt").read_text().splitlines() == ["Opening stroking.", "10 seconds."]


def test_saying_never_waits_for_the_speech(tmp_path: Path) -> None:
    program = fake_engine(tmp_path, pause=1.0)
    voice = Voice([str(program)])
    began = time.perf_counter()
    for _ in range(5):
        voice.say("A long sentence that takes a while to say.")
    assert time.perf_counter() - began < 0.1
    voice.close()


# -- from the command line -----------------------------------------------------------------


@pytest.fixture
def run(isolated_home: Path) -> Context:
    ctx = Context(paths=Paths.under(isolated_home), clock=FakeClock())
    now = ctx.clock.now()
    answers = {q.id: False for q in ctx.questionnaire}
    save_screening(SavedScreening(answers, "clear", now, now), ctx.paths.screening_file)
    return ctx


def test_start_speak_without_a_speech_program_says_what_to_install_and_goes_on(
    run: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = CliRunner().invoke(app, ["start", "collar", "--speak"], input="\n\n\n", obj=run)
    assert result.exit_code == 0, result.output
    assert result.output.count(INSTALL_HINT) == 1
    assert "Collar zone: complete" in result.output


def test_start_speak_says_the_steps_through_the_program_found(
    run: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = tmp_path / "bin"
    fake_engine(engine)
    monkeypatch.setenv("PATH", f"{engine}{os.pathsep}{os.environ['PATH']}")
    result = CliRunner().invoke(app, ["start", "collar", "--speak"], input="\n\n\n", obj=run)
    assert result.exit_code == 0, result.output
    said = engine / "said.txt"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "Routine complete" not in (
        said.read_text() if said.exists() else ""
    ):
        time.sleep(0.05)
    # A fake clock runs the session in no time, so each step cuts the one before short;
    # what is certain is the last step's words and the end.
    assert said.read_text().splitlines()[-1] == ENDINGS["completed"]
