"""The `start` command: screening, then a guided session in the live display or plain lines."""

# No `from __future__ import annotations`: register() declares the command with
# annotations that Typer reads at run time and that name `typer`, imported there
# only, so the fast path runs it without importing Typer.

import contextlib
import os
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

if TYPE_CHECKING:
    import typer

    from selfmassage.context import Context
    from selfmassage.journal.store import Journal
    from selfmassage.routines.model import Routine
    from selfmassage.screening.gate import Clearance
    from selfmassage.session.flow import Summary
    from selfmassage.session.screen import Screen
    from selfmassage.session.voice import Voice


def accessible_wanted(accessible: bool | None = None) -> bool:
    """``--accessible``, or ``ACCESSIBLE`` set in the environment (to anything but 0 or empty)."""
    if accessible:
        return True
    return os.environ.get("ACCESSIBLE", "").strip() not in ("", "0")


def plain_wanted(plain: bool | None, accessible: bool | None = None) -> bool:
    """Plain lines when asked, when accessible, when ``TERM=dumb``, or without a terminal.

    With stdin piped (``echo 3 | selfmassage start``) no key can be read, so a live
    display would offer keys that do nothing; plain mode reads the answers from the pipe.
    ``--accessible`` or ``ACCESSIBLE=1`` chooses plain lines even on a capable terminal.
    """
    if plain or accessible_wanted(accessible):
        return True
    if os.environ.get("TERM", "") == "dumb":
        return True
    try:
        return not (sys.stdout.isatty() and sys.stdin.isatty())
    except (AttributeError, ValueError):
        return True


@contextlib.contextmanager
def _hangup_as_interrupt() -> Iterator[None]:
    """``kill`` or a closed terminal unwind the stack: the terminal is restored, steps kept."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)  # not KeyboardInterrupt: nobody is there to confirm

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    try:
        previous = {number: signal.signal(number, interrupt) for number in wanted}
    except ValueError:  # not the main thread (e.g. embedded): leave signals alone
        yield
        return
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def run_guided(
    ctx: "Context",
    clearance: "Clearance",
    *,
    minutes: int | None,
    plain: bool | None,
    bell: bool | None,
    speak: bool | None = None,
    accessible: bool | None = None,
) -> None:
    """Play the cleared routine and record it; Ctrl-C that ended it goes on up as exit 130.

    ``speak`` (default: the ``speak`` setting) says the steps aloud; ``accessible``
    (default: ``ACCESSIBLE`` in the environment) chooses plain lines.
    """
    from selfmassage.routines.fit import fit
    from selfmassage.session.flow import play
    from selfmassage.session.view import show_summary

    fitted = fit(clearance.routine, minutes)
    routine = fitted.routine
    if fitted.report:  # routines/fit.py words it, in the run's language
        sys.stdout.write(f"{fitted.report[0].upper()}{fitted.report[1:]}.\n")
    started = ctx.clock.now()
    if bell is None:
        bell = ctx.settings.bell
    if speak is None:
        speak = ctx.settings.speak
    screen, voice = _screen(plain_wanted(plain, accessible), bell=bell, speak=speak)
    if clearance.caution:
        from selfmassage.i18n import _
        from selfmassage.text import printable

        reasons = "; ".join(printable(r) for r in clearance.reasons)
        if reasons:
            caution = _(
                "Caution today: light pressure only, no tapping ({reasons}). "
                "Check with your doctor."
            ).format(reasons=reasons)
        else:
            caution = _("Caution today: light pressure only, no tapping. Check with your doctor.")
        screen.tell(caution)
    summary = None
    try:
        with _hangup_as_interrupt(), ctx.journal() as journal:
            try:
                summary = play(
                    ctx,
                    routine,
                    journal,
                    screen,
                    verdict=clearance.verdict,
                    caution=clearance.caution,
                )
            finally:
                # Even when the pain questions were cut short, the hold stands (§6a).
                _hold_after_pain(ctx, routine, journal, started, summary)
        show_summary(screen, summary)
    finally:
        if voice is not None:
            voice.close()
    if summary.outcome == "interrupted":
        raise KeyboardInterrupt


def _hold_after_pain(
    ctx: "Context",
    routine: "Routine",
    journal: "Journal",
    started: datetime,
    summary: "Summary | None",
) -> None:
    """Put the areas of the step where pain stopped the session on hold."""
    from selfmassage.screening.flow import record_pain_stop

    latest = journal.sessions(limit=1)
    if not latest or latest[0].outcome != "stopped_for_pain":
        return
    record = latest[0]
    if datetime.fromisoformat(record.started_at) < started.replace(microsecond=0):
        return  # not this session's
    stopped_at = record.steps[-1].index - 1 if record.steps else 0
    symptoms = bool(summary is not None and summary.symptoms)
    record_pain_stop(ctx, routine, stopped_at, symptoms=symptoms, since=ctx.clock.now())


def _screen(plain: bool, *, bell: bool, speak: bool) -> "tuple[Screen, Voice | None]":
    """Plain lines, or the live display (which alone needs Rich) on the standard streams;
    with ``speak``, wrapped in the voice of the first speech program found."""
    screen: Screen
    if plain:
        from selfmassage.session.view import PlainScreen

        screen = PlainScreen(sys.stdin, sys.stdout)
    else:
        from selfmassage.session.live import LiveScreen

        screen = LiveScreen(sys.stdin, sys.stdout, bell=bell)
    if not speak:
        return screen, None
    from selfmassage.session.voice import INSTALL_HINT, Spoken, Voice, find_engine

    engine = find_engine()  # speaking the run's language
    if engine is None:
        from selfmassage.i18n import _

        screen.tell(_(INSTALL_HINT))
        return screen, None
    voice = Voice(engine)
    return Spoken(screen, voice), voice


def run_start(
    ctx: "Context",
    *,
    routine: str | None,
    minutes: int | None,
    plain: bool,
    no_bell: bool,
    answers: Path | None,
    speak: bool,
    accessible: bool,
) -> None:
    """Screen, then play the routine (the recommended one without ``routine``) and record it."""
    from selfmassage.routines.fit import check_minutes
    from selfmassage.screening.flow import clear, screening_state
    from selfmassage.screening.verdict import Refusal
    from selfmassage.screening.view import Io, answers_from_lines, verdict_panel

    check_minutes(minutes)  # before any screening question is asked
    # A terminal on stdin can answer, in the live display or in plain lines alike;
    # an answers file answers instead.
    interactive = answers is None and sys.stdin.isatty()
    run = ctx
    io = Io()
    state = screening_state(run, warn=io.warn)
    lines = (
        None if interactive or answers is not None else answers_from_lines(sys.stdin, sys.stdout)
    )
    try:
        clearance = clear(
            run,
            state,
            routine,
            minutes=minutes,
            asker=io if interactive else None,
            answers_file=answers,
            lines=lines,
        )
    except Refusal as refused:
        if interactive:
            # Shown once, as advice: not again as an error line.
            io.out.print(verdict_panel(refused.verdict, run.catalog))
            raise SystemExit(int(refused.exit_code)) from None
        raise
    run_guided(
        run,
        clearance,
        minutes=minutes,
        plain=plain or None,
        bell=False if no_bell else None,
        speak=speak or None,
        accessible=accessible or None,
    )


COMMANDS = ("start",)


def register(app: "typer.Typer") -> None:
    """Declare ``start`` on the Typer app."""
    import typer

    from selfmassage.cli.declare import calls

    @app.command("start")
    @calls(run_start)
    def start(
        ctx: typer.Context,
        routine: Annotated[
            str | None,
            typer.Argument(
                help="A routine id (see 'selfmassage routines') or a .toml file; "
                "without it, the recommended routine.",
                show_default=False,
            ),
        ] = None,
        minutes: Annotated[
            int | None,
            typer.Option(
                "--minutes",
                "-m",
                help="Fit the steps to this many minutes in all: shorter (down to the time "
                "each step needs, leaving out optional steps), or longer (at most 1.5 times "
                "the routine).",
                show_default=False,
            ),
        ] = None,
        plain: Annotated[
            bool,
            typer.Option(
                "--plain", help="One line per step, no live display and no keys (screen readers)."
            ),
        ] = False,
        no_bell: Annotated[
            bool, typer.Option("--no-bell", help="No terminal bell at each step change.")
        ] = False,
        answers: Annotated[
            Path | None,
            typer.Option(
                "--answers",
                help="Answer the screening from a TOML file of 'question_id = true|false' lines "
                "(as 'screen --answers'); the questions asked before every session are enough "
                "while your lasting answers are valid.",
                show_default=False,
            ),
        ] = None,
        speak: Annotated[
            bool,
            typer.Option(
                "--speak",
                help="Say each step, 'switch sides', '10 seconds' and the end aloud "
                "(espeak-ng, spd-say or macOS say; also the 'speak' setting).",
            ),
        ] = False,
        accessible: Annotated[
            bool,
            typer.Option(
                "--accessible",
                help="Plain lines with typed commands instead of the live display, the body "
                "picture as words (also ACCESSIBLE=1).",
            ),
        ] = False,
    ) -> None:
        """Start a guided session: screening first, then the steps, timed, in a live display.

        The questions about right now (fever, alcohol, chest pain, numbness...) are asked
        before every session: at a terminal, from --answers FILE, or as y/n lines on
        standard input. This is not medical advice; see a doctor for a diagnosis.
        """
