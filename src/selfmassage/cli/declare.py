"""What the Typer declarations in the command modules share: options, and ``calls``.

Imported only inside the command modules' ``register()``, which only
``cli.typerapp`` calls: Typer is loaded only when Typer runs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, Any

import typer

# The options several commands share.
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
TableJsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace the --output file if it exists.")
]

RUN_ATTRIBUTE = "selfmassage_run"


def calls(run: Callable[..., None]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Declare a command whose body is ``run(context, **its parameters)``.

    The decorated function is only a declaration: its signature and docstring are
    the command's options and help. The command table records ``run`` too, so the
    fast path calls the very same function with the same keywords.
    """

    def declare(declaration: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(declaration)
        def command(ctx: typer.Context, **params: Any) -> None:
            from selfmassage.cli.common import context_of

            run(context_of(ctx), **params)

        setattr(command, RUN_ATTRIBUTE, run)
        return command

    return declare
