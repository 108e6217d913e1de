"""What a guided session is shown on: the small protocol the session flow drives.

Two screens keep it: ``view.PlainScreen`` (sparse whole lines and line commands, for
screen readers, pipes and logs) and ``live.LiveScreen`` (the Rich display with single
keys); ``voice.Spoken`` wraps either and says the steps aloud. The
flow owns the session, the journal and every decision; a screen only asks, shows,
waits and turns key presses into commands. A screen has no clock of its own: the
flow hands it the context's clock when the steps begin.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from selfmassage.clock import Clock
    from selfmassage.routines.model import Routine
    from selfmassage.session.state import View

# What a key press asks of the session; "pause" pauses or resumes.
Command = Literal["pause", "next", "back", "pain", "quit"]

# The keys of a guided session's commands, the same letters in every language; the
# same keys pressed in a Cyrillic layout (ЙЦУКЕН: n is т, b is и, p is з, q is й) do
# the same, so "p" stops for pain whichever layout is on. y (a yes) is not mapped: its
# key is "н" there, the first letter of "нет" and "ні". Pausing is a space in the live
# display and an empty line in plain mode (each screen adds its own).
KEY_COMMANDS: dict[str, Command] = {
    "n": "next",
    "b": "back",
    "p": "pain",
    "q": "quit",
    "т": "next",
    "и": "back",
    "з": "pain",
    "й": "quit",
}

WAKE_SLACK = 0.002  # wake just after a boundary, not just before it


class Screen(Protocol):
    """Questions, messages and the steps as they run, in one kind of output."""

    def ask(self, question: str) -> str | None:
        """The answer typed to ``question``; ``None`` for an empty answer or the end of input."""
        ...

    def ask_yes_no(self, question: str) -> bool | None:
        """y or n, asked again until it is one; ``None`` for Enter or the end of input.

        A single key where keys can be read (the live display); a typed line otherwise.
        """
        ...

    def say(self, line: str) -> None:
        """One line, as it is."""
        ...

    def tell(self, text: str) -> None:
        """Prose: wrapped at word boundaries on a terminal, one line for a screen reader."""
        ...

    def playing(
        self, routine: Routine, clock: Clock, *, ready_seconds: int, caution: bool
    ) -> AbstractContextManager[None]:
        """The time the steps run in (the live display is up, keys are read).

        ``caution``: the caution tier holds, so "light pressure, no tapping" stays in view.
        """
        ...

    @property
    def can_confirm(self) -> bool:
        """True when a question such as "Quit this session?" can be answered by a key."""
        ...

    def step_started(self, routine: Routine, index: int, spent: float) -> None:
        """Step ``index`` (from 0) of ``routine`` has begun, ``spent`` active seconds in."""
        ...

    def finished(self, view: View, outcome: str) -> None:
        """The steps are over, with ``outcome``."""
        ...

    def show(self, view: View) -> None:
        """Bring what is on screen up to ``view``."""
        ...

    def wait(self, view: View, to_deadline: float | None) -> Command | None:
        """Wait until something changes: the deadline ``to_deadline`` seconds away, or a key.

        ``to_deadline`` is ``None`` while paused: then only a key ends the wait.
        """
        ...

    def confirm(self, view: View, question: str) -> bool:
        """Ask ``question`` over ``view`` and wait for a key: True for ``y``."""
        ...
