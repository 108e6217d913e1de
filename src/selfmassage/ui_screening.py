"""The interactive side of screening: asking, the verdict panel, and the gate before a session.

``clear_for_session`` is what ``selfmassage start`` calls; ``daily`` is the path of
``selfmassage`` with no arguments. Everything here reads input through ``Io`` so
tests can feed answers and move the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from selfmassage.errors import ExitCode, SelfMassageError, SessionRefused
from selfmassage.render import literal
from selfmassage.routines import Catalog, Routine, load_catalog, resolve_routine
from selfmassage.screening import (
    COMPLAINTS,
    EVIDENCE,
    NOT_ADVICE,
    VERDICT_SUMMARY,
    Question,
    Recommendation,
    SavedScreening,
    Verdict,
    evaluate,
    load_questionnaire,
    load_saved,
    recommend,
    refusal,
    save_screening,
    status,
    valid_answers,
)
from selfmassage.settings import load_settings

TIER_WORDS = {
    "urgent": "red flag",
    "stop": "doctor first",
    "local": "area",
    "caution": "take care",
}


class InputEnded(SelfMassageError):
    """Input ran out before the questions were answered (e.g. Ctrl-D); nothing is saved."""

    exit_code = ExitCode.FAILURE


@dataclass(frozen=True)
class Clearance:
    """What the gate allows: the routine to run (already adapted) and why."""

    routine: Routine  # already adapted: routine.without_percussion() when caution
    verdict: str  # "clear" | "caution" | "local"
    caution: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Passed:
    """What the gate found: the clearance, the verdict, and the recommendation if one was made."""

    clearance: Clearance
    verdict: Verdict
    advice: Recommendation | None


def _now() -> datetime:
    return datetime.now().astimezone()


@dataclass
class Io:
    """Where the gate reads, writes and tells the time; tests replace each part."""

    out: Console = field(default_factory=lambda: Console(highlight=False))
    err: Console = field(default_factory=lambda: Console(highlight=False, stderr=True))
    read: Callable[[str], str] | None = None
    clock: Callable[[], datetime] = _now
    screening_file: Path | None = None

    def ask(self, prompt: str) -> str:
        try:
            if self.read is not None:
                return self.read(prompt)
            return self.out.input(Text(prompt))
        except EOFError:
            self.out.print()
            raise InputEnded("input ended before an answer; no session was started") from None


# -- asking ----------------------------------------------------------------------------


def ask_questions(questions: Sequence[Question], io: Io) -> dict[str, bool]:
    """One question at a time: y / n, ``?`` for why we ask, ``b`` to go back."""
    answers: dict[str, bool] = {}
    index = 0
    io.out.print(Text("Answer y or n.  ? = why we ask  ·  b = back", style="dim"))
    try:
        while index < len(questions):
            index = _ask_one(questions, index, answers, io)
    except InputEnded:
        raise InputEnded(
            "input ended before the questions were answered; nothing was saved"
        ) from None
    return answers


def _ask_one(questions: Sequence[Question], index: int, answers: dict[str, bool], io: Io) -> int:
    """Ask question ``index`` until it is answered or the person goes back; the next index."""
    question = questions[index]
    header = Text(f"\n{index + 1}/{len(questions)}  ", style="dim")
    header.append_text(literal(question.text, style="bold"))
    io.out.print(header)
    while True:
        reply = io.ask("[y/n/?/b] > ").strip().lower()
        if reply in ("y", "yes", "n", "no"):
            answers[question.id] = reply.startswith("y")
            return index + 1
        if reply == "?":
            io.out.print(literal("Why we ask: " + question.why, style="italic"))
        elif reply == "b":
            if index > 0:
                return index - 1
            io.out.print("This is the first question.")
        else:
            io.out.print("Please answer y or n (? explains why we ask, b goes back).")


def _yes(io: Io, prompt: str) -> bool:
    while True:
        reply = io.ask(prompt).strip().lower()
        if reply in ("y", "yes"):
            return True
        if reply in ("n", "no"):
            return False
        io.out.print("Please answer y or n.")


# -- the verdict panel -----------------------------------------------------------------


def _bullets(items: Sequence[Text]) -> Table:
    # A grid keeps wrapped lines indented under their bullet.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for item in items:
        grid.add_row("•", item)
    return grid


def verdict_panel(verdict: Verdict, catalog: Catalog) -> Panel:
    """The verdict, the answers that caused it, what to do, and which routines remain."""
    parts: list[RenderableType] = [Text(VERDICT_SUMMARY[verdict.verdict], style="bold")]
    if verdict.causes:
        parts.append(Text("\nBecause you answered yes to:", style="bold"))
        causes = []
        for q in verdict.causes:
            line = Text(f"[{TIER_WORDS[q.tier]}] ", style="bold")
            line.append_text(literal(q.text))
            causes.append(line)
        parts.append(_bullets(causes))
        parts.append(Text("\nWhat to do:", style="bold"))
        parts.append(_bullets([literal(advice) for advice in verdict.advice]))
    if verdict.allowed:
        parts.append(Text("\nRoutines you may do:", style="bold"))
        extra = " — light pressure, no tapping" if verdict.caution else ""
        parts.append(
            _bullets(
                [
                    literal(f"{rid} ({catalog.routines[rid].title}){extra}")
                    for rid in verdict.allowed
                ]
            )
        )
    else:
        parts.append(Text("\nNo routine may be done today.", style="bold"))
    if verdict.excluded and not verdict.refused:
        parts.append(Text("\nLeft out:", style="bold"))
        parts.append(_bullets([literal(f"{rid}: {why}") for rid, why in verdict.excluded.items()]))
    parts.append(Text("\n" + NOT_ADVICE, style="bold"))
    parts.append(Text(EVIDENCE, style="dim"))
    style = {"urgent": "red", "stop": "red", "local": "yellow", "caution": "yellow"}
    return Panel(
        Group(*parts),
        title=f"Screening: {verdict.verdict.upper()}",
        title_align="left",
        border_style=style.get(verdict.verdict, "green"),
    )


# -- the screening itself --------------------------------------------------------------


def run_screen(io: Io | None = None) -> Verdict:
    """The full interactive screening (``selfmassage screen``): ask all, save, show the panel."""
    io = io or Io()
    questions = load_questionnaire()
    catalog = load_catalog()
    io.out.print(
        Text(
            f"Screening: {len(questions)} yes/no questions about your health today. " + NOT_ADVICE,
        )
    )
    answers = ask_questions(questions, io)
    now = io.clock()
    verdict = evaluate(answers, questions, catalog)
    save_screening(SavedScreening(answers, verdict.verdict, now, now), io.screening_file)
    io.out.print(verdict_panel(verdict, catalog))
    return verdict


def ensure_screening(
    questions: Sequence[Question], catalog: Catalog, *, interactive: bool, io: Io
) -> dict[str, bool]:
    """Answers that hold now: from the saved screening, asking only what is due."""
    saved, warning = load_saved(io.screening_file)
    if warning:
        io.err.print(literal(f"selfmassage: warning: {warning}"), soft_wrap=True)
    now = io.clock()
    days = load_settings().screening_valid_days
    state = status(saved, now, days)
    hint = "run 'selfmassage screen' first"
    if state == "none":
        if not interactive:
            raise SessionRefused("no valid screening on file", hint=hint)
        io.out.print(Text("No screening on file from the last days: the full questions first."))
        return _ask_and_save(questions, questions, {}, catalog, io, full=True)
    assert saved is not None
    valid = valid_answers(saved, questions, now, days)
    missing = [q for q in questions if q.id not in valid]
    if state == "lasting":
        if not interactive:
            raise SessionRefused(
                "today's questions (fever, infection, alcohol, painkillers...) "
                "are not answered yet",
                hint=hint,
            )
        since = saved.time.strftime("%d %B")
        changed = _yes(
            io,
            f"Has anything about your health changed since your screening on {since} "
            "(a new illness, injury, medicine, or a pregnancy)? [y/n] > ",
        )
        if changed:
            return _ask_and_save(questions, questions, {}, catalog, io, full=True)
        io.out.print(Text("Then only today's questions."))
        return _ask_and_save(questions, missing, valid, catalog, io, full=False, saved=saved)
    if missing:  # the questionnaire gained questions since the screening
        if not interactive:
            raise SessionRefused("new screening questions are not answered yet", hint=hint)
        return _ask_and_save(questions, missing, valid, catalog, io, full=False, saved=saved)
    return valid


def _ask_and_save(
    questions: Sequence[Question],
    to_ask: Sequence[Question],
    kept: dict[str, bool],
    catalog: Catalog,
    io: Io,
    *,
    full: bool,
    saved: SavedScreening | None = None,
) -> dict[str, bool]:
    answers = {**kept, **ask_questions(to_ask, io)}
    now = io.clock()
    verdict = evaluate(answers, questions, catalog)
    # Lasting answers keep the date of the full screening they came from.
    time = now if full or saved is None else saved.time
    save_screening(SavedScreening(answers, verdict.verdict, time, now), io.screening_file)
    return answers


# -- the gate before a session ---------------------------------------------------------


def clear_for_session(
    routine_name: str | None,
    *,
    minutes: int | None,
    interactive: bool,
    complaint: str | None = None,
) -> Clearance:
    """Whether a session may start and with which routine; ``SessionRefused`` (exit 3) if not.

    Non-interactive calls never ask: they refuse when the saved screening is
    missing, expired, or lacks today's answers, and also on a caution verdict,
    because caution needs the person's own confirmation (light pressure, no
    tapping). With ``routine_name`` None the routine is the recommendation for
    ``complaint`` and ``minutes`` (possibly shortened to fit); a named routine is
    returned at its own length.
    """
    return gate(
        routine_name, minutes=minutes, interactive=interactive, complaint=complaint
    ).clearance


def gate(
    routine_name: str | None,
    *,
    minutes: int | None,
    interactive: bool,
    complaint: str | None = None,
    io: Io | None = None,
    confirm_caution: bool = True,
) -> Passed:
    """``clear_for_session`` with its parts exposed: the Io, the verdict, the recommendation."""
    io = io or Io()
    questions = load_questionnaire()
    catalog = load_catalog()
    answers = ensure_screening(questions, catalog, interactive=interactive, io=io)
    verdict = evaluate(answers, questions, catalog)
    if verdict.refused:
        if interactive:
            io.out.print(verdict_panel(verdict, catalog))
        raise refusal(verdict)
    advice: Recommendation | None = None
    if routine_name is None:
        advice = recommend(complaint, minutes, verdict, catalog)
        routine = advice.routine
    else:
        routine = resolve_routine(routine_name, catalog)
        # Judged on its own, so a routine from a file is screened like a bundled one.
        own = evaluate(answers, questions, Catalog({routine.id: routine}))
        if routine.id in own.excluded:
            raise SessionRefused(
                f"routine '{routine.id}' is left out by your screening: {own.excluded[routine.id]}",
                hint="run 'selfmassage recommend' for a routine that is allowed",
            )
    if verdict.caution:
        if not interactive:
            raise SessionRefused(
                "your screening asks for care (light pressure, no tapping), which needs "
                "your confirmation",
                hint="start the session from a terminal to confirm",
            )
        if confirm_caution:
            _show_caution(verdict, io)
            if not _yes(io, "Go on with light pressure and no tapping? [y/n] > "):
                raise SessionRefused("you chose not to go on today")
        routine = routine.without_percussion()
    clearance = Clearance(
        routine=routine,
        verdict=verdict.verdict,  # refusals are raised above: clear, caution or local
        caution=verdict.caution,
        reasons=verdict.reasons,
    )
    return Passed(clearance, verdict, advice)


def _show_caution(verdict: Verdict, io: Io) -> None:
    io.out.print(Text("Your screening asks for care:", style="bold"))
    for q in verdict.causes:
        if q.tier == "caution":
            io.out.print(literal(f"• {q.text} — {q.advice}"))


# -- the daily path (selfmassage with no arguments) ------------------------------------

COMPLAINT_MENU = (
    ("1", "neck"),
    ("2", "lower-back"),
    ("3", "tension"),
    ("4", "sleep"),
    ("5", "fatigue"),
)


def ask_complaint(io: Io) -> str | None:
    """What the person wants help with today; Enter for nothing in particular."""
    io.out.print(Text("\nWhat would you like help with today?", style="bold"))
    for key, name in COMPLAINT_MENU:
        io.out.print(f"  {key}  {COMPLAINTS[name].label}")
    io.out.print("  Enter  nothing in particular")
    choices = dict(COMPLAINT_MENU)
    while True:
        reply = io.ask("> ").strip().lower()
        if not reply:
            return None
        if reply in choices:
            return choices[reply]
        if reply in COMPLAINTS:
            return reply
        io.out.print("Please type a number from 1 to 5, or press Enter.")


def daily(io: Io | None = None) -> None:
    """Screening if due, the complaint, the recommended routine, confirm, then the session."""
    io = io or Io()
    io.out.print(Text("selfmassage — " + NOT_ADVICE, style="dim"))
    questions = load_questionnaire()
    catalog = load_catalog()
    verdict = evaluate(
        ensure_screening(questions, catalog, interactive=True, io=io), questions, catalog
    )
    if verdict.refused:
        io.out.print(verdict_panel(verdict, catalog))
        raise refusal(verdict)
    if not any(rid in catalog.routines for rid in verdict.allowed):
        # Nothing is allowed, so no complaint can change the answer: say so before asking.
        io.out.print(verdict_panel(verdict, catalog))
        recommend(None, None, verdict, catalog)  # raises SessionRefused, naming each reason
    complaint = ask_complaint(io)
    passed = gate(
        None, minutes=None, interactive=True, complaint=complaint, io=io, confirm_caution=False
    )
    clearance, advice = passed.clearance, passed.advice
    assert advice is not None
    routine = clearance.routine
    lines = [
        Text(f"{routine.title} ({routine.id}), about {routine.minutes:.0f} minutes", style="bold"),
        literal(advice.reason),
    ]
    if advice.alternatives:
        lines.append(literal("Also allowed: " + ", ".join(advice.alternatives)))
    io.out.print(Panel(Group(*lines), title="Today's routine", title_align="left"))
    if clearance.caution:
        _show_caution(passed.verdict, io)
    prompt = f"Start {routine.id} now"
    if clearance.caution:
        prompt += " with light pressure and no tapping"
    choice = _confirm_routine(io, f"{prompt}? [y/n or another routine id] > ", advice)
    if choice is None:
        io.out.print("No session today. Run 'selfmassage' again when you are ready.")
        return
    if choice != routine.id:
        clearance = gate(
            choice, minutes=None, interactive=True, io=io, confirm_caution=False
        ).clearance
    from selfmassage import cli_session

    cli_session.run_guided(clearance, minutes=None, plain=None, bell=None)


def _confirm_routine(io: Io, prompt: str, advice: Recommendation) -> str | None:
    while True:
        reply = io.ask(prompt).strip().lower()
        if reply in ("y", "yes"):
            return advice.routine.id
        if reply in ("n", "no"):
            return None
        if reply in advice.alternatives:
            return reply
        io.out.print("Please answer y or n, or type one of: " + ", ".join(advice.alternatives))
