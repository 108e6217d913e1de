"""Single key presses without Enter, and a terminal that is always put back as it was.

POSIX terminals use termios/tty and select from the standard library. Where
termios is missing (Windows) or stdin is not a terminal there are no keys: the
reader only waits, and Ctrl-C still works. Leaving the context always restores
echo and canonical mode, shows the cursor and drops unread input, so keys pressed
during a session never reach the shell afterwards.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, Protocol, TextIO

SHOW_CURSOR = "\x1b[?25h"


class KeySource(Protocol):
    """A context that yields single key presses (``KeyReader``, or a test's script)."""

    @property
    def available(self) -> bool: ...

    def __enter__(self) -> KeySource: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def read(self, timeout: float | None) -> str | None: ...


class KeyReader:
    """A context manager that reads one key at a time, waiting at most ``timeout`` seconds."""

    def __init__(
        self,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._stdin = stdin or sys.stdin
        self._stdout = stdout or sys.stdout
        self._sleep = sleep
        self._fd: int | None = None
        self._saved: list[Any] | None = None
        self._pending = ""  # keys read together (typed fast) are handed out one by one

    @property
    def available(self) -> bool:
        """True when key presses can be read (a POSIX terminal on stdin)."""
        return self._saved is not None

    def __enter__(self) -> KeyReader:
        try:
            import termios
            import tty
        except ImportError:  # Windows: no keys, no crash
            return self
        try:
            fd = self._stdin.fileno()
            if not os.isatty(fd):
                return self
            self._saved = termios.tcgetattr(fd)
            self._fd = fd
            # cbreak, not raw: keys arrive one by one, but Ctrl-C still raises SIGINT.
            tty.setcbreak(fd, termios.TCSANOW)
        except (OSError, ValueError, termios.error):
            self._saved = None
            self._fd = None
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.restore()

    def restore(self) -> None:
        """Put the terminal back (idempotent); unread keys are dropped, not left for the shell."""
        if self._fd is None or self._saved is None:
            return
        import termios

        fd, saved = self._fd, self._saved
        self._fd, self._saved, self._pending = None, None, ""
        with contextlib.suppress(OSError, termios.error):
            termios.tcflush(fd, termios.TCIFLUSH)
        with contextlib.suppress(OSError, termios.error):
            termios.tcsetattr(fd, termios.TCSAFLUSH, saved)
        with contextlib.suppress(OSError, ValueError):
            if self._stdout.isatty():
                self._stdout.write(SHOW_CURSOR)
                self._stdout.flush()

    def read(self, timeout: float | None) -> str | None:
        """The next key, or ``None`` when ``timeout`` seconds pass first (``None``: wait)."""
        if self._pending:
            key, self._pending = self._pending[0], self._pending[1:]
            return key
        if self._fd is None:
            # No keys: only wait. An endless wait would hang, so wait a second at most.
            self._sleep(1.0 if timeout is None else max(0.0, timeout))
            return None
        import select

        ready, _, _ = select.select([self._fd], [], [], timeout)
        if not ready:
            return None
        data = os.read(self._fd, 32)
        if not data:
            return None
        text = data.decode("utf-8", errors="replace")
        if text.startswith("\x1b"):
            return "escape"  # arrow keys and the like: one harmless key, not several
        self._pending = text[1:]
        return text[0]


class LineReader:
    """Whole lines typed at a terminal, Enter included, read with a time limit.

    Plain mode's commands: the terminal stays as it is (canonical mode, echo on), so
    a screen reader reads back what was typed. ``read`` gives a line without its
    newline (``""`` for a bare Enter), or ``None`` when ``timeout`` passes first.
    Where stdin is not a terminal there are no lines to read: it only waits.
    """

    def __init__(
        self, stdin: TextIO | None = None, *, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self._stdin = stdin or sys.stdin
        self._sleep = sleep
        self._fd: int | None = None
        self._buffer = ""

    @property
    def available(self) -> bool:
        """True when lines can be read (a terminal on stdin that has not ended)."""
        return self._fd is not None

    def __enter__(self) -> LineReader:
        try:
            fd = self._stdin.fileno()
            if os.isatty(fd):
                self._fd = fd
        except (AttributeError, OSError, ValueError):
            self._fd = None
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._fd, self._buffer = None, ""

    def read(self, timeout: float | None) -> str | None:
        """The next line, or ``None`` when ``timeout`` seconds pass first (``None``: wait)."""
        if "\n" in self._buffer:
            line, self._buffer = self._buffer.split("\n", 1)
            return line.rstrip("\r")
        if self._fd is None:
            self._sleep(1.0 if timeout is None else max(0.0, timeout))
            return None
        import select

        ready, _, _ = select.select([self._fd], [], [], timeout)
        if not ready:
            return None
        data = os.read(self._fd, 1024)
        if not data:  # the end of input (Ctrl-D): no more commands, the session goes on
            self._fd = None
            return None
        self._buffer += data.decode("utf-8", errors="replace")
        if "\n" not in self._buffer:
            return None
        line, self._buffer = self._buffer.split("\n", 1)
        return line.rstrip("\r")
