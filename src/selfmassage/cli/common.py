"""What the command modules share: the run's context, stdout."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from selfmassage.context import Context


def run_context(cli_language: str | None = None) -> Context:
    """The run's one ``Context``, from the environment, in the language the run asks for.

    The language: ``--lang``, then ``SELFMASSAGE_LANG``, then ``language`` in the
    settings, then the locale (``i18n.choose_language``). A settings file that cannot be
    read does not stop a run here: the commands that use the settings report it.
    """
    import contextlib
    import os

    from selfmassage.context import Context
    from selfmassage.errors import InvalidFile
    from selfmassage.i18n import LANG_ENV, choose_language, use
    from selfmassage.paths import NoHome

    try:
        ctx = Context.from_env()
    except NoHome:
        # No home, so no settings: the language is --lang's, the environment's or the
        # locale's, and the folders are asked for again to say so in it.
        speaking_in = choose_language(cli_language, os.environ, None)
        use(speaking_in)
        ctx = Context.from_env(language=speaking_in)
    settings_language = None
    if (
        cli_language is None
        and not os.environ.get(LANG_ENV, "").strip()
        and ctx.paths.settings_file.is_file()  # no settings: not even the TOML reader
    ):
        # A bad settings file is not cached: a command that uses the settings reads it
        # again, and says what is wrong with it.
        with contextlib.suppress(InvalidFile):
            settings_language = ctx.settings.language
    ctx.language = choose_language(cli_language, os.environ, settings_language)
    return speaking(ctx)


def speaking(ctx: Context) -> Context:
    """``ctx``, with its language made the language of every message from now on."""
    from selfmassage.i18n import use

    use(ctx.language)
    return ctx


def context_of(ctx: Any) -> Context:
    """The one context of this run: the caller's (``main`` and tests pass ``obj=``), or
    built here once. ``ctx`` is Typer's context."""
    from selfmassage.context import Context

    root = ctx.find_root()
    if not isinstance(root.obj, Context):
        root.obj = run_context()
    return speaking(root.obj)


def write(text: str) -> None:
    """Text on stdout, flushed: a pipe sees each part as soon as it is ready."""
    sys.stdout.write(text)
    sys.stdout.flush()
