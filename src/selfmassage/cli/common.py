"""What the command modules share: the run's context, the ``--json`` option, stdout."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from selfmassage.context import Context

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace the --output file if it exists.")
]
TableJsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def context_of(ctx: typer.Context) -> Context:
    """The one context of this run: the caller's (tests pass ``obj=``) or built here once."""
    from selfmassage.context import Context

    root = ctx.find_root()
    if not isinstance(root.obj, Context):
        root.obj = Context.from_env()
    return root.obj


def write(text: str) -> None:
    """Text on stdout, flushed: a pipe sees each part as soon as it is ready."""
    sys.stdout.write(text)
    sys.stdout.flush()
