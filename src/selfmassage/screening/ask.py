"""What the screening flows need to ask a person, as a protocol: the flows stay silent.

The terminal's implementation is ``screening.view.Io``; tests may pass their own.
A flow given no asker never asks: whatever would need an answer is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal, Protocol

from selfmassage.errors import ExitCode, SelfMassageError
from selfmassage.screening.questions import Question
from selfmassage.screening.verdict import Verdict

# Why questions are being asked, so the asker can say so first.
AskReason = Literal["screen", "no-screening", "changed", "today-only", "new-questions"]


class InputEnded(SelfMassageError):
    """Input ran out before the questions were answered (e.g. Ctrl-D); nothing is saved."""

    exit_code = ExitCode.FAILURE


class Asker(Protocol):
    """The person, as the flows reach them."""

    def answers(self, questions: Sequence[Question], *, reason: AskReason) -> dict[str, bool]:
        """A yes or no to each question; ``InputEnded`` if input runs out first."""
        ...

    def changed_since(self, screened: datetime) -> bool:
        """Whether their health changed since the full screening at ``screened``."""
        ...

    def go_on_with_care(self, verdict: Verdict) -> bool:
        """Whether they go on with light pressure and no tapping, as ``verdict`` asks."""
        ...
