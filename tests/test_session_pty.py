"""End to end in a real pseudo-terminal: keys without Enter, prompts, journal, terminal restored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pexpect

from routine_text import routine_file, step

TINY = routine_file(
    step("stroking", 3, "Stroke the back of the neck.", tempo=30),
    step("kneading", 3, "Knead the left shoulder.", side="left"),
    step("stroking", 3, "Close with stroking.", area="upper-back"),
    description="Three short steps.",
)


def child_env() -> dict[str, str]:
    env = dict(os.environ, TERM="xterm-256color")
    for name in ("COLUMNS", "LINES"):  # the pty's own size must rule
        env.pop(name, None)
    return env


def screen_all_clear(tmp_path: Path) -> None:
    """Today's screening on file, every answer no, as `selfmassage screen --answers` saves it."""
    from selfmassage.screening.questions import load_questionnaire

    answers = tmp_path / "answers.toml"
    answers.write_text("".join(f"{q.id} = false\n" for q in load_questionnaire()), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "selfmassage", "screen", "--answers", str(answers)],
        check=True,
        capture_output=True,
    )


def test_a_session_in_a_real_terminal_pauses_skips_stops_for_pain_and_restores_it(
    tmp_path: Path,
) -> None:
    screen_all_clear(tmp_path)
    routine = tmp_path / "tiny.toml"
    routine.write_text(TINY, encoding="utf-8")
    before, after = tmp_path / "before", tmp_path / "after"
    command = (
        f"stty -g > {before}; {sys.executable} -m selfmassage start {routine}; "
        f'echo "exit=$?"; stty -g > {after}'
    )
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", command],
        env=child_env(),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=20,
    )
    try:
        child.expect_exact("Pain right now, 0–10?")
        child.sendline("2")
        child.expect_exact("GET READY")
        child.expect_exact("stroke ")  # the beat: the first step has begun
        child.send(" ")
        child.expect_exact("PAUSED — space to resume")
        time.sleep(1.2)
        child.send(" ")
        child.send("n")
        child.expect_exact("K N E A D I N G")
        child.send("p")
        child.expect_exact("Did it come with numbness")
        child.sendline("n")
        child.expect_exact("How strong is the pain, 0–10?")
        child.sendline("4")
        child.expect_exact("Where?")
        child.sendline("neck")
        child.expect_exact("Session stopped because of pain.")
        child.expect_exact("Pain: 2 → 4 (neck)")
        child.expect_exact("exit=0")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)

    assert before.read_text() == after.read_text()  # echo, canonical mode and all the rest

    shown = subprocess.run(
        [sys.executable, "-m", "selfmassage", "history", "--json"],
        env=child_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    (record,) = json.loads(shown.stdout)["sessions"]
    assert record["routine"] == "tiny"
    assert record["outcome"] == "stopped_for_pain"
    assert (record["pain_before"], record["pain_after"]) == (2, 4)
    assert record["pain_where"] == "neck"
    assert record["paused_seconds"] >= 1
    assert [(s["index"], s["completed"], s["skipped"]) for s in record["steps"]] == [
        (1, False, True),
        (2, False, False),
    ]


def test_plain_mode_in_a_real_terminal_pauses_skips_and_stops_for_pain_by_typed_lines(
    tmp_path: Path,
) -> None:
    screen_all_clear(tmp_path)
    routine = tmp_path / "tiny.toml"
    routine.write_text(TINY.replace("seconds = 3", "seconds = 30"), encoding="utf-8")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "selfmassage", "start", str(routine), "--plain"],
        env=child_env(),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=20,
    )
    try:
        child.expect_exact("Pain right now, 0–10?")
        child.sendline("2")
        child.expect_exact("Commands (type, then Enter)")
        child.expect_exact("step 1/3")
        child.sendline("")  # Enter pauses
        child.expect_exact("Paused. Press Enter to go on.")
        time.sleep(1.2)
        child.sendline("")
        child.expect_exact("Going on: step 1")
        child.sendline("n")
        child.expect_exact("step 2/3 · kneading · neck and shoulders, left side")
        child.sendline("p")
        child.expect_exact("Did it come with numbness")
        child.sendline("n")
        child.expect_exact("How strong is the pain, 0–10?")
        child.sendline("4")
        child.expect_exact("Where?")
        child.sendline("neck")
        child.expect_exact("Session stopped because of pain.")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert "\x1b[?1049h" not in (child.before or "")  # never the alternate screen

    shown = subprocess.run(
        [sys.executable, "-m", "selfmassage", "history", "--json"],
        env=child_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    (record,) = json.loads(shown.stdout)["sessions"]
    assert record["outcome"] == "stopped_for_pain"
    assert record["paused_seconds"] >= 1
    assert [(s["index"], s["skipped"]) for s in record["steps"]] == [(1, True), (2, False)]


def test_accessible_replaces_the_live_display_with_plain_lines_in_a_real_terminal(
    tmp_path: Path,
) -> None:
    screen_all_clear(tmp_path)
    routine = tmp_path / "tiny.toml"
    routine.write_text(TINY, encoding="utf-8")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "selfmassage", "start", str(routine)],
        env={**child_env(), "ACCESSIBLE": "1"},
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=20,
    )
    try:
        child.expect_exact("Pain right now, 0–10?")
        child.sendline("")
        child.expect_exact("step 1/3")
        child.sendline("n")  # typed commands work here too: skip to the end
        child.expect_exact("Working: the left side of the neck and the left shoulder.")
        child.sendline("n")
        child.sendline("n")
        child.expect_exact("Routine complete.")
        seen = child.before or ""
        child.sendline("")
        child.sendline("")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert "GET READY" not in seen


def test_a_caution_screening_is_confirmed_in_plain_mode_and_the_caution_stays_in_view(
    tmp_path: Path,
) -> None:
    from selfmassage.screening.questions import load_questionnaire

    answers = tmp_path / "answers.toml"
    answers.write_text(
        "".join(
            f"{q.id} = {'true' if q.id == 'osteoporosis-steroids' else 'false'}\n"
            for q in load_questionnaire()
        ),
        encoding="utf-8",
    )
    subprocess.run(
        [sys.executable, "-m", "selfmassage", "screen", "--answers", str(answers)],
        check=True,
        capture_output=True,
    )
    routine = tmp_path / "tiny.toml"
    routine.write_text(TINY, encoding="utf-8")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "selfmassage", "start", str(routine), "--plain"],
        env=child_env(),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=20,
    )
    try:
        child.expect(r"light pressure and no tapping\?")  # screening's confirmation
        child.sendline("y")
        child.expect_exact("Pain right now, 0–10?")
        child.sendline("")
        child.expect_exact("Caution today, the whole session: light pressure, no tapping.")
        child.expect_exact("step 1/3 · stroking · neck and shoulders · 0:03 · light pressure")
        child.sendline("q")
        child.expect_exact("Quit this session?")
        child.sendline("y")
        child.expect_exact("Session ended early.")
        child.sendline("")
        child.sendline("")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)


LONG = routine_file(
    step("stroking", 30, "Stroke the back of the neck."),
    step("kneading", 30, "Knead the left shoulder.", side="left"),
    description="Two half-minute steps.",
)


class Seen:
    """What a terminal of the pty's size shows of the child's output (pyte stands for it)."""

    def __init__(self, child: pexpect.spawn, width: int, height: int) -> None:
        import pyte

        self.child, self.raw = child, ""
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.Stream(self.screen)

    def take(self, seconds: float) -> None:
        """Reads the child's output for ``seconds``."""
        self.until(lambda: False, seconds)

    def until(self, shown: Callable[[], bool], seconds: float = 3.0) -> bool:
        """Reads the child's output until ``shown()`` holds (True) or ``seconds`` pass."""
        limit = time.monotonic() + seconds
        while not shown():
            left = limit - time.monotonic()
            if left <= 0:
                return False
            try:
                text = self.child.read_nonblocking(65536, timeout=min(0.05, left))
            except pexpect.TIMEOUT:
                continue
            self.raw += text
            self.stream.feed(text)
        return True

    def resize(self, width: int, height: int) -> None:
        """The terminal window made ``width`` × ``height``, as a person drags it."""
        self.take(0.05)
        self.child.setwinsize(height, width)
        self.screen.resize(height, width)

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def last(self) -> str:
        """The lowest row with something on it."""
        return next((line for line in reversed(self.lines()) if line), "")


def test_a_resized_terminal_gets_the_whole_frame_at_its_new_size_even_while_paused(
    tmp_path: Path,
) -> None:
    screen_all_clear(tmp_path)
    routine = tmp_path / "long.toml"
    routine.write_text(LONG, encoding="utf-8")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "selfmassage", "start", str(routine), "--no-bell"],
        env=child_env(),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=20,
    )
    seen = Seen(child, 80, 24)
    try:
        child.expect_exact("Pain right now, 0–10?")
        child.sendline("")
        assert seen.until(lambda: "GET READY" in seen.lines()[0] and "? help" in seen.last())
        assert seen.lines()[1] == "─" * 80

        seen.resize(60, 15)
        assert seen.until(lambda: seen.lines()[1] == "─" * 60 and "? help" in seen.last())
        header = seen.lines()[0]
        assert header.endswith(" left") and len(header) == 60  # right-aligned at the new edge

        child.send(" ")
        assert seen.until(lambda: "PAUSED" in seen.lines()[0])
        seen.resize(100, 30)  # while paused nothing else would redraw: the resize must
        assert seen.until(lambda: seen.lines()[1] == "─" * 100 and "? help" in seen.last(), 2.0)
        assert "PAUSED" in seen.lines()[0] and len(seen.lines()[0]) == 100

        child.send("q")
        assert seen.until(lambda: "Quit this session?" in seen.last())
        child.send("y")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)


def test_kill_during_the_live_display_gives_back_the_shell_screen_and_cursor(
    tmp_path: Path,
) -> None:
    import signal

    screen_all_clear(tmp_path)
    routine = tmp_path / "long.toml"
    routine.write_text(LONG, encoding="utf-8")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "selfmassage", "start", str(routine), "--no-bell"],
        env=child_env(),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=20,
    )
    try:
        child.expect_exact("Pain right now, 0–10?")
        child.sendline("")
        child.expect_exact("GET READY")
        time.sleep(0.5)
        child.kill(signal.SIGTERM)
        child.expect(pexpect.EOF)
        after = child.before or ""
    finally:
        child.close(force=True)
    assert "\x1b[?25h\x1b[?1049l" in after  # cursor shown, the alternate screen left
    assert "\x1b[?7h" in after  # autowrap back on
    assert child.exitstatus == 128 + signal.SIGTERM
