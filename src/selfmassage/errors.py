"""The one error family a user can cause, and the exit codes the CLI maps it to.

Core modules raise these; only ``cli.py`` turns them into a message on stderr and
an exit code, so a traceback never reaches the user for anything they did.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes are part of the contract other tools rely on."""

    OK = 0
    FAILURE = 1  # an operation failed (e.g. the journal cannot be read)
    BAD_INPUT = 2  # the user named something that does not exist or is invalid
    REFUSED = 3  # screening says no session today
    INTERNAL = 70  # a bug: reported in one line, never as a traceback
    INTERRUPTED = 130  # Ctrl-C


class SelfMassageError(Exception):
    """Anything a user can cause; printed in one or two lines at the CLI edge."""

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class RoutineNotFound(SelfMassageError):
    """A routine id that matches no bundled or user routine."""


class InvalidFile(SelfMassageError):
    """A user-editable file (routine, questionnaire, answers) failed validation.

    ``problems`` holds every problem found, each already naming file, step, key
    and line, so the user can fix them all in one pass.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class FileExists(SelfMassageError):
    """Refusing to overwrite a file the user did not ask to replace."""


class JournalError(SelfMassageError):
    """The journal database cannot be opened, read or written safely."""

    exit_code = ExitCode.FAILURE


class SessionRefused(SelfMassageError):
    """Screening does not allow this session today."""

    exit_code = ExitCode.REFUSED
