"""The CLI edge: an exception that reaches it becomes one or two lines and an exit code.

Both ways a command runs use it: ``cli.fastpath`` directly, Typer through
``typerapp.EdgeGroup``. It imports neither Typer nor Rich.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable

from selfmassage.errors import ExitCode, SelfMassageError

_DEVICE_FULL_OR_FAILED = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def report_error(message: str, hint: str | None = None) -> None:
    """One or two plain lines on stderr; never markup, never a traceback."""
    from selfmassage.i18n import _
    from selfmassage.text import printable

    lines = printable(message).splitlines() or [""]
    # The program's name stays; the tag and the message are in the run's language.
    sys.stderr.write("selfmassage: " + _("error: {message}").format(message=lines[0]) + "\n")
    rest = lines[1:] + ([printable(hint)] if hint else [])
    for line in rest:
        sys.stderr.write(_wrapped_for_terminal(line) + "\n")


def report_warning(message: str) -> None:
    """One warning line on stderr (a skipped file, a clinical note); the exit code stays."""
    from selfmassage.i18n import _
    from selfmassage.text import printable

    sys.stderr.write(
        "selfmassage: " + _("warning: {message}").format(message=printable(message)) + "\n"
    )


def _wrapped_for_terminal(line: str) -> str:
    """An indented line of an error; on a terminal, wrapped at word boundaries to fit.

    Only for people: a pipe or a log gets each line whole, so it can be searched.
    """
    try:
        on_terminal = sys.stderr.isatty()
    except (AttributeError, ValueError):
        on_terminal = False
    if not on_terminal:
        return f"  {line}"
    from selfmassage.text import terminal_columns, wrap

    width = max(40, terminal_columns() - 1)
    return "\n".join(wrap(line, width, indent="  ", hang="    ", break_long_words=False))


def exit_code_for(exc: BaseException) -> int | None:
    """Report an exception at the edge in one or two lines; its exit code, or None to re-raise.

    Click's own exceptions (usage errors, Exit, Abort) are left to Click; Typer may
    vendor Click, so they are recognised by module rather than by class.
    """
    if isinstance(exc, SelfMassageError):
        report_error(exc.message, exc.hint)
        return int(exc.exit_code)
    if isinstance(exc, KeyboardInterrupt):
        from selfmassage.i18n import _

        sys.stderr.write("\nselfmassage: " + _("interrupted") + "\n")
        return int(ExitCode.INTERRUPTED)
    if isinstance(exc, BrokenPipeError):
        # `selfmassage history | head`: the reader left; that is not an error.
        _silence_stdout()
        return int(ExitCode.OK)
    if isinstance(exc, OSError) and exc.errno in _DEVICE_FULL_OR_FAILED:
        # `selfmassage export > file` on a full disk: the machine's trouble, not a bug.
        from selfmassage.i18n import _

        if exc.filename:
            report_error(
                _("cannot write {file}: {reason}").format(file=exc.filename, reason=exc.strerror)
            )
        else:
            report_error(_("cannot write the output: {reason}").format(reason=exc.strerror))
        _silence_stdout()  # what is still buffered would fail again at exit
        return int(ExitCode.FAILURE)
    if (
        not isinstance(exc, Exception)
        or type(exc).__module__.startswith(("click", "typer"))
        or os.environ.get("SELFMASSAGE_DEBUG")
    ):
        return None
    from selfmassage.i18n import _

    report_error(
        _("internal error: {kind}: {detail}").format(kind=type(exc).__name__, detail=exc),
        _("This is a bug in selfmassage. Run again with SELFMASSAGE_DEBUG=1 for details."),
    )
    return int(ExitCode.INTERNAL)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def code_of_exit(done: SystemExit) -> int:
    """The exit code a ``SystemExit`` asks for; a message instead of a code is printed."""
    if done.code is None:
        return int(ExitCode.OK)
    if isinstance(done.code, int):
        return done.code
    sys.stderr.write(f"{done.code}\n")
    return int(ExitCode.FAILURE)


def run_at_edge(action: Callable[[], object]) -> int:
    """Run ``action`` behind the edge; the run's exit code.

    0 when it returns, what a ``SystemExit`` asks for, or the code ``exit_code_for``
    gives an exception after reporting it (an exception it leaves, such as a bug under
    ``SELFMASSAGE_DEBUG``, goes on up). The one place both paths, the fast path and
    Typer, turn what happened into an exit code.
    """
    try:
        action()
    except SystemExit as done:
        return code_of_exit(done)
    except (Exception, KeyboardInterrupt) as exc:
        code = exit_code_for(exc)
        if code is None:
            raise
        return code
    return int(ExitCode.OK)
