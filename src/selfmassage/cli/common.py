"""What the command modules share: the run's context, stdout."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from selfmassage.context import Context


def context_of(ctx: Any) -> Context:
    """The one context of this run: the caller's (tests pass ``obj=``) or built here once.

    ``ctx`` is Typer's context; the fast path builds its own ``Context`` and never
    comes here.
    """
    from selfmassage.context import Context

    root = ctx.find_root()
    if not isinstance(root.obj, Context):
        root.obj = Context.from_env()
    return root.obj


def write(text: str) -> None:
    """Text on stdout, flushed: a pipe sees each part as soon as it is ready."""
    sys.stdout.write(text)
    sys.stdout.flush()
