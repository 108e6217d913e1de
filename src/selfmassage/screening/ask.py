"""What the screening flows need to ask a person, as a protocol: the flows stay silent.

The terminal's implementation is ``screening.view.Io``; tests may pass their own.
A flow given no asker never asks: whatever would need an answer is refused, except
the questions asked before every session, which lines on standard input may answer
(``LineAnswers``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, Protocol

from selfmassage.errors import ExitCode, SelfMassageError
from selfmassage.screening.questions import Question
from selfmassage.screening.standing import Hold
from selfmassage.screening.verdict import Verdict

# Why questions are being asked, so the asker can say so first.
AskReason = Literal[
    "screen",
    "no-screening",
    "changed",
    "today-only",
    "new-questions",
    "areas",
    "resumed",
    "continued",
]


class InputEnded(SelfMassageError):
    """Input ran out before the questions were answered (e.g. Ctrl-D)."""

    exit_code = ExitCode.FAILURE


@dataclass(frozen=True)
class NewClearance:
    """A doctor clearance the person has just stated: until when, and an optional note."""

    question: str
    until: date
    note: str | None = None


@dataclass(frozen=True)
class Answered:
    """What a round of questions gave: the answers, clearances stated on the way, and
    whether an urgent "yes" ended the round early."""

    answers: Mapping[str, bool]
    clearances: tuple[NewClearance, ...] = ()
    urgent: Question | None = None


@dataclass(frozen=True)
class FollowUp:
    """The answers about a pain hold at the next start (clinical.md §6a)."""

    gone: bool  # the pain has gone completely
    came_back: bool  # ... but came back when moving normally
    cleared: NewClearance | None = field(default=None)


class Asker(Protocol):
    """The person at a terminal, as the flows reach them."""

    def answers(
        self,
        questions: Sequence[Question],
        *,
        reason: AskReason,
        today: date,
        cleared: Collection[str] = (),
        so_far: MutableMapping[str, bool] | None = None,
    ) -> Answered:
        """A yes or no to each question, in turn; ``InputEnded`` if input runs out first.

        A "yes" to a clearable question not in ``cleared`` is followed at once by the
        doctor-clearance question; an urgent "yes" ends the round. Each answer is
        written into ``so_far`` as it is given, so an interrupted round keeps them.
        """
        ...

    def every_session(
        self,
        questions: Sequence[Question],
        *,
        today: date,
        reason: AskReason | None = None,
        more: int = 0,
    ) -> Answered:
        """The questions asked before every session, on one screen where they fit.

        With a ``reason``, it first says why questions are asked, and how many in all
        with the ``more`` that follow.
        """
        ...

    def changed_since(self, screened: datetime) -> bool:
        """Whether their health changed since the full screening at ``screened``."""
        ...

    def go_on_with_care(self, verdict: Verdict) -> bool:
        """Whether they go on with light pressure and no tapping, as ``verdict`` asks."""
        ...

    def follow_up(self, hold: Hold, *, today: date) -> FollowUp:
        """How the pain behind ``hold`` is now; a doctor clearance when it has not gone."""
        ...

    def doctor_cleared(
        self, what: str, *, question: str, today: date, announce: bool = False
    ) -> NewClearance | None:
        """Whether a doctor examined them for ``what`` and said self-massage is fine.

        With ``announce``, ``what`` is shown first (it was not just asked about).
        """
        ...

    def confirm(self, message: str, question: str) -> bool:
        """``message``, then a yes or no to ``question``."""
        ...


class LineAnswers(Protocol):
    """Answers to the every-session questions from lines on standard input (no terminal)."""

    def __call__(self, questions: Sequence[Question]) -> dict[str, bool] | None:
        """A yes or no to each question, or ``None`` when input ends first."""
        ...
