"""The start-up fast path: plain ``history`` and ``stats`` without Typer's parsing.

``history`` and ``stats`` must start about as fast as ``selfmassage --version``.
Typer imports pydantic to coerce parameters as soon as any command runs, which
alone costs more than that budget, so ``fast_path`` (called from ``cli.main``)
runs these two commands directly when their arguments are plain and well formed.
Anything else (``--help``, a typo, a bad value) falls through to Typer, which
stays the one source of help text and usage errors. Both paths call the same
functions below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from selfmassage.errors import ExitCode

if TYPE_CHECKING:
    from selfmassage.context import Context


def _parse_fast(argv: list[str]) -> dict[str, Any] | None:
    """Options of plain ``history``/``stats`` calls; None when Typer should handle them."""
    if not argv or argv[0] not in ("history", "stats"):
        return None
    from selfmassage.cli.journal import DEFAULT_LIMIT, MAX_LIMIT

    command = argv[0]
    options: dict[str, Any] = {"command": command, "as_json": False}
    if command == "history":
        options.update(limit=DEFAULT_LIMIT, routine=None)
    args = iter(argv[1:])
    for arg in args:
        name, equals, value = arg.partition("=")
        if name == "--json" and not equals:
            options["as_json"] = True
        elif command == "history" and name in ("--limit", "-n", "--routine", "-r"):
            if not equals:
                value = next(args, "")
            if name in ("--limit", "-n"):
                if not value.isascii() or not value.isdigit() or int(value) > MAX_LIMIT:
                    return None  # Typer says what is wrong with it
                options["limit"] = int(value)
            else:
                if not value or value.startswith("-"):
                    return None
                options["routine"] = value
        else:
            return None
    return options


def fast_path(argv: list[str], ctx: Context | None = None) -> int | None:
    """Run plain ``history``/``stats`` without Typer; the exit code, or None to use Typer."""
    options = _parse_fast(argv)
    if options is None:
        return None
    from selfmassage.cli.edge import exit_code_for
    from selfmassage.cli.journal import run_history, run_stats
    from selfmassage.context import Context

    command = options.pop("command")
    try:
        run = ctx or Context.from_env()
        if command == "history":
            run_history(run, **options)
        else:
            run_stats(run, **options)
    except (Exception, KeyboardInterrupt) as exc:
        code = exit_code_for(exc)
        if code is None:
            raise
        return code
    return int(ExitCode.OK)
