"""The session said aloud, for hands on the neck and eyes closed: ``--speak``.

``Voice`` speaks through the first speech program it finds (``espeak-ng``,
``spd-say``, or macOS ``say``), in the run's language (``espeak-ng -v ru``,
``spd-say -l uk``, ``say -v Milena``), one utterance at a time, from a background thread:
``say`` only puts the words on a queue, so the session's timer never waits for
speech. A new step cuts short what is still being said about the old one.
``Spoken`` wraps a screen (plain or live) and adds the voice at each step change,
"switch sides", ten seconds before the end of a step, at the end, and with the
pain-stop advice.
"""

from __future__ import annotations

import contextlib
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from selfmassage.i18n import N_, _, current
from selfmassage.routines.model import technique_label
from selfmassage.session.cues import LIGHT_PRESSURE, Cues, first_sentence, switches_sides

if TYPE_CHECKING:
    from selfmassage.clock import Clock
    from selfmassage.routines.model import Routine
    from selfmassage.session.screen import Command, Screen
    from selfmassage.session.state import View

ENGINES = ("espeak-ng", "spd-say", "say")
# How each program is told the language of the words: espeak-ng's voice, speech-dispatcher's
# language, and macOS's own voice of that language (English: each program's default voice).
LANGUAGE_OPTIONS = {
    "espeak-ng": {"ru": ["-v", "ru"], "uk": ["-v", "uk"]},
    "spd-say": {"ru": ["-l", "ru"], "uk": ["-l", "uk"]},
    "say": {"ru": ["-v", "Milena"], "uk": ["-v", "Lesya"]},
}
# Module constants are the English source; ``_()`` where they are said or shown.
INSTALL_HINT = N_(
    "Speech: no speech program found, so the session goes on silently. "
    "Install espeak-ng (e.g. 'sudo apt install espeak-ng') or speech-dispatcher (spd-say) "
    "to hear the steps."
)
ENDINGS = {
    "completed": N_("Routine complete. Well done."),
    "quit": N_("Session ended."),
    "interrupted": N_("Session stopped."),
}
PAIN_STOP_WORDS = N_(
    "Stopped because of pain. Do not massage this area again until you have seen a doctor. "
    "If you feel numbness, tingling, weakness, dizziness, nausea, double vision, or changes "
    "in speech or swallowing, do not restart: get medical help now."
)


def find_engine(platform: str = sys.platform, language: str | None = None) -> list[str] | None:
    """The command to speak with, the words to follow as its last argument; ``None`` if none.

    ``say`` counts only on macOS, where it is the system's own voice. The command speaks
    ``language`` (the run's, by default): Russian words read by an English voice are noise.
    """
    lang = current() if language is None else language
    for name in ENGINES:
        if name == "say" and platform != "darwin":
            continue
        path = shutil.which(name)
        if path is not None:
            return [path, *LANGUAGE_OPTIONS[name].get(lang, [])]
    return None


class Voice:
    """Speaks queued words one after another in a background process, never blocking."""

    def __init__(self, command: Sequence[str]) -> None:
        self.command = list(command)
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._lock = threading.Lock()
        self._speaking: subprocess.Popen[bytes] | None = None
        self._thread = threading.Thread(target=self._run, name="selfmassage-voice", daemon=True)
        self._thread.start()

    def say(self, words: str, *, interrupt: bool = False) -> None:
        """Queue ``words``; with ``interrupt``, first drop what is queued or being said."""
        if interrupt:
            self._drop()
        self._queue.put(" ".join(words.split()))

    def close(self, timeout: float = 0.0) -> None:
        """Stop taking words; let what is queued be said for at most ``timeout`` seconds."""
        self._queue.put(None)
        self._thread.join(timeout)

    def _drop(self) -> None:
        with contextlib.suppress(queue.Empty):
            while True:
                self._queue.get_nowait()
        with self._lock:
            if self._speaking is not None and self._speaking.poll() is None:
                self._speaking.terminate()

    def _run(self) -> None:
        while True:
            words = self._queue.get()
            if words is None:
                return
            try:
                process = subprocess.Popen(
                    [*self.command, words],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            except OSError:
                return  # the program went away: the session goes on silently
            with self._lock:
                self._speaking = process
            process.wait()
            with self._lock:
                self._speaking = None


def step_words(routine: Routine, index: int, *, caution: bool) -> str:
    """What is said as step ``index`` starts: technique, place, the instruction's first sentence."""
    step = routine.steps[index]
    technique = technique_label(step.technique, current())
    words = f"{step.label}. {technique}, {step.place}."
    if switches_sides(routine, index):
        words = _("Switch sides.") + f" {words}"
    if caution:
        words += f" {_(LIGHT_PRESSURE).capitalize()}."
    return f"{words} {first_sentence(step.instruction)}"


class Spoken:
    """A screen that also speaks: the same screen, with a ``Voice`` at the moments that matter."""

    def __init__(self, screen: Screen, voice: Voice) -> None:
        self.screen = screen
        self.voice = voice
        self._cues = Cues()
        self._caution = False

    def ask(self, question: str) -> str | None:
        """The wrapped screen's answer."""
        return self.screen.ask(question)

    def ask_yes_no(self, question: str) -> bool | None:
        """The wrapped screen's y or n."""
        return self.screen.ask_yes_no(question)

    def say(self, line: str) -> None:
        """The wrapped screen's line."""
        self.screen.say(line)

    def tell(self, text: str) -> None:
        """The wrapped screen's prose."""
        self.screen.tell(text)

    @contextlib.contextmanager
    def playing(
        self, routine: Routine, clock: Clock, *, ready_seconds: int, caution: bool
    ) -> Iterator[None]:
        """The wrapped screen's playing time."""
        self._caution = caution
        with self.screen.playing(routine, clock, ready_seconds=ready_seconds, caution=caution):
            yield

    @property
    def can_confirm(self) -> bool:
        """As the wrapped screen."""
        return self.screen.can_confirm

    def step_started(self, routine: Routine, index: int, spent: float) -> None:
        """The step on screen, and said aloud (cutting short the last step's words)."""
        self.screen.step_started(routine, index, spent)
        self._cues.restart()
        self.voice.say(step_words(routine, index, caution=self._caution), interrupt=True)

    def finished(self, view: View, outcome: str) -> None:
        """The end on screen and aloud; after a pain stop, the advice."""
        self.screen.finished(view, outcome)
        words = PAIN_STOP_WORDS if outcome == "stopped_for_pain" else ENDINGS.get(outcome)
        if words:
            self.voice.say(_(words), interrupt=True)

    def show(self, view: View) -> None:
        """The wrapped screen's frame; "10 seconds" when a step has ten seconds left."""
        self.screen.show(view)
        if "ten_left" in self._cues.due(view):
            self.voice.say(_("10 seconds."))

    def wait(self, view: View, to_deadline: float | None) -> Command | None:
        """The wrapped screen's wait, cut short at the ten-seconds mark."""
        mark = self._cues.until_next(view)
        if to_deadline is not None and mark is not None and mark < to_deadline:
            # Wake for the mark; the wrapped screen sees a nearer deadline, nothing more.
            return self.screen.wait(view, mark)
        return self.screen.wait(view, to_deadline)

    def confirm(self, view: View, question: str) -> bool:
        """The wrapped screen's question."""
        return self.screen.confirm(view, question)
