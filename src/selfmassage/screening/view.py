"""The screening as the person meets it: the questions asked at the terminal, and the panels.

``Io`` is the terminal's ``Asker`` (``screening.ask``): the flows in
``screening.flow`` call it when they need an answer; tests feed it replies.
Drawn without Rich (``style`` and ``textable``): ``screen``, ``recommend`` and the
first question of ``start`` are on the start-up budget.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection, MutableMapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TextIO

from selfmassage.i18n import N_, _, day_month, ngettext
from selfmassage.routines.catalog import Catalog
from selfmassage.routines.model import Routine
from selfmassage.screening.ask import (
    Answered,
    AskReason,
    FollowUp,
    InputEnded,
    LineAnswers,
    NewClearance,
)
from selfmassage.screening.complaints import Complaint
from selfmassage.screening.questions import Question
from selfmassage.screening.recommend import Recommendation
from selfmassage.screening.standing import (
    SYMPTOMS_ADVICE,
    DoctorClearance,
    Hold,
    latest_until,
)
from selfmassage.screening.verdict import (
    EVIDENCE,
    NOT_ADVICE,
    VERDICT_SUMMARY,
    Verdict,
)
from selfmassage.style import Block, Out, Text, bold, dim, stack, styled
from selfmassage.text import printable
from selfmassage.textable import Panel, bullets

# Each translated where it is shown.
TIER_WORDS = {
    "urgent": N_("red flag"),
    "stop": N_("doctor first"),
    "local": N_("area"),
    "caution": N_("take care"),
}
# The verdicts' names in the panel's title (the ids stay in JSON and the files).
VERDICT_TITLES = {
    "urgent": N_("Screening: URGENT"),
    "stop": N_("Screening: STOP"),
    "local": N_("Screening: LOCAL"),
    "caution": N_("Screening: CAUTION"),
    "clear": N_("Screening: CLEAR"),
}


class _Bullets:
    """Items after bullets, wrapped lines indented under their first, at any width."""

    def __init__(self, items: Sequence[Text]) -> None:
        self.items = items

    def lines(self, width: int) -> list[Text]:
        return bullets(self.items, width)


def _bullets(items: Sequence[Text]) -> _Bullets:
    return _Bullets(items)


# The tiers' names in the questions' list (the ids stay in JSON and the files).
TIER_NAMES = {
    "urgent": N_("urgent"),
    "stop": N_("stop"),
    "local": N_("local"),
    "caution": N_("caution"),
}

# The verdict's colour: green clear, yellow take care, red no session.
VERDICT_COLOURS = {"urgent": "red", "stop": "red", "local": "yellow", "caution": "yellow"}


def verdict_panel(verdict: Verdict, catalog: Catalog) -> Panel:
    """The verdict, the answers that caused it, what to do, and which routines remain."""
    colour = VERDICT_COLOURS.get(verdict.verdict, "green")
    parts: list[Block] = [styled(_(VERDICT_SUMMARY[verdict.verdict]), f"bold {colour}")]
    if verdict.causes:
        parts.append(bold("\n" + _("Because you answered yes to:")))
        parts.append(
            _bullets([bold(f"[{_(TIER_WORDS[q.tier])}] ") + styled(q.text) for q in verdict.causes])
        )
        parts.append(bold("\n" + _("What to do:")))
        parts.append(_bullets([styled(advice) for advice in verdict.advice]))
    if verdict.allowed:
        parts.append(bold("\n" + _("Routines you may do:")))
        parts.append(
            _bullets(
                [
                    styled(_allowed_line(rid, catalog.routines[rid].title, verdict.caution))
                    for rid in verdict.allowed
                ]
            )
        )
    else:
        parts.append(bold("\n" + _("No routine may be done today.")))
    if verdict.excluded and not verdict.refused:
        parts.append(bold("\n" + _("Left out:")))
        parts.append(_bullets([styled(f"{rid}: {why}") for rid, why in verdict.excluded.items()]))
    parts.append(bold("\n" + _(NOT_ADVICE)))
    parts.append(dim(_(EVIDENCE)))
    return Panel(stack(*parts), title=_(VERDICT_TITLES[verdict.verdict]), border=colour)


def _allowed_line(rid: str, title: str, caution: bool) -> str:
    if caution:
        return _("{id} ({title}) — light pressure, no tapping").format(id=rid, title=title)
    return f"{rid} ({title})"


# -- asking at the terminal -------------------------------------------------------------

# Each translated where it is said.
PREFACES: dict[AskReason, str] = {
    "no-screening": N_("No screening on file from the last days: the questions first."),
    "changed": N_("Then the questions again, since something has changed."),
    "areas": N_("A few questions about the areas this routine works on, not asked before."),
    "new-questions": N_("New screening questions since your last screening."),
    "resumed": N_("Going on with the screening you started earlier today."),
}
SECONDS_A_QUESTION = 5  # one key each; ? and b take longer, a few questions need a date
DOCTOR_CLEARED = N_("Has a doctor examined you for this and said self-massage is fine? [y/n] > ")
UNTIL = N_(
    "Until which day does the doctor's OK hold? YYYY-MM-DD, at most 12 months (Enter: {default}) > "
)
NOTE = N_("A note, e.g. the doctor's name or what they said (Enter skips) > ")
CHANGED = N_(
    "Has anything changed since your screening on {day}: new pain, numbness or tingling, "
    "dizziness, a fall or accident, a new illness or injury, a new medicine, or a "
    "pregnancy? [y/n] > "
)


def about(count: int) -> str:
    """How many questions, and about how long they take."""
    minutes = max(1, round(count * SECONDS_A_QUESTION / 60))
    questions = ngettext("{n} yes/no question", "{n} yes/no questions", count).format(n=count)
    return ngettext(
        "{questions}, about {n} minute", "{questions}, about {n} minutes", minutes
    ).format(questions=questions, n=minutes)


def _single_key(prompt: str) -> str:
    """One key press in a terminal, echoed; Ctrl-D ends input."""
    from selfmassage.session.keys import KeyReader

    sys.stdout.write(prompt)
    sys.stdout.flush()
    with KeyReader() as keys:
        key = None
        while key is None:
            key = keys.read(None)
    if key in ("\x04", "\x1a"):
        raise EOFError
    sys.stdout.write((key if key.isprintable() else "") + "\n")
    return "" if key in ("\r", "\n") else key


def _on_terminal() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass
class Io:
    """The terminal: where the questions are asked and answered; tests replace each part.

    ``read`` replaces the typed lines, ``key`` the single key presses (by default
    a key in a terminal, a line anywhere else).
    """

    out: Out = field(default_factory=Out)
    err: Out = field(default_factory=lambda: Out(stderr=True))
    read: Callable[[str], str] | None = None
    key: Callable[[str], str] | None = None

    def ask(self, prompt: str) -> str:
        """One reply to ``prompt``; ``InputEnded`` when input has run out."""
        try:
            if self.read is not None:
                return self.read(prompt)
            return self.out.input(prompt)
        except EOFError:
            self.out.print()
            raise InputEnded(_(INPUT_ENDED)) from None

    def press(self, prompt: str) -> str:
        """A single key in a terminal (y, n, ?, b), a line elsewhere; lower case."""
        if self.key is None and self.read is None and _on_terminal():
            try:
                return _single_key(prompt).strip().lower()
            except EOFError:
                self.out.print()
                raise InputEnded(_(INPUT_ENDED)) from None
        reader = self.key or self.ask
        try:
            return reader(prompt).strip().lower()
        except EOFError:
            raise InputEnded(_(INPUT_ENDED)) from None

    def yes(self, prompt: str) -> bool:
        """y or n, asked again until it is one of them."""
        while True:
            reply = self.press(prompt)
            if reply in ("y", "yes"):
                return True
            if reply in ("n", "no"):
                return False
            self.out.print(_("Please answer y or n."))

    def warn(self, message: str) -> None:
        """A warning on stderr, in the CLI's words, on one line."""
        self.err.print(
            styled(_("selfmassage: warning: {message}").format(message=message)), wrap=False
        )

    # -- the Asker protocol of screening.ask ---------------------------------------------

    def answers(
        self,
        questions: Sequence[Question],
        *,
        reason: AskReason,
        today: date,
        cleared: Collection[str] = (),
        so_far: MutableMapping[str, bool] | None = None,
    ) -> Answered:
        """Each question in turn, after saying why they are asked when that needs saying."""
        if reason in PREFACES:
            self.out.print(f"{_(PREFACES[reason])} {about(len(questions))}.")
        return ask_questions(questions, self, today=today, cleared=cleared, so_far=so_far)

    def every_session(
        self,
        questions: Sequence[Question],
        *,
        today: date,
        reason: AskReason | None = None,
        more: int = 0,
    ) -> Answered:
        """The questions about right now on one screen: one key if none is true."""
        if reason in PREFACES:
            count = 1 + more  # this screen is one answer when nothing is true
            self.out.print(
                _(
                    "{preface} {about}: first the questions about right now on one screen, "
                    "then one at a time."
                ).format(preface=_(PREFACES[reason]), about=about(count))
            )
        self.out.print(bold("\n" + _("Before every session — right now or today:")))
        self.out.print(_bullets([styled(q.text) for q in questions]))
        while True:
            reply = self.press(_("Is any of these true for you? [y = yes, n = none, ? = why] > "))
            if reply in ("n", "no"):
                return Answered({q.id: False for q in questions})
            if reply in ("y", "yes"):
                self.out.print(_("Which? One at a time:"))
                return ask_questions(questions, self, today=today)
            if reply == "?":
                self.out.print(
                    styled(
                        _(
                            "Why we ask: these change within hours, so they are asked before "
                            "every session; any one of them means no massage now."
                        ),
                        "italic",
                    )
                )
            else:
                self.out.print(_("Please answer y or n (? explains why we ask)."))

    def changed_since(self, screened: datetime) -> bool:
        """Whether anything lasting changed since the full screening on that day."""
        return self.yes(_(CHANGED).format(day=day_month(screened.date())))

    def go_on_with_care(self, verdict: Verdict) -> bool:
        """The answers that ask for care, then whether to go on with light pressure."""
        show_caution(verdict, self)
        return self.yes(_("Go on with light pressure and no tapping? [y/n] > "))

    def follow_up(self, hold: Hold, *, today: date) -> FollowUp:
        """How the pain behind a hold is now (clinical.md §6a); a clearance if it stays."""
        self.out.print(bold("\n" + _("On hold: {what}.").format(what=hold.describe())))
        if hold.everything or hold.doctor:
            cleared = self.doctor_cleared(hold.describe(), question=hold.id, today=today)
            if cleared is None:
                self.out.print(_(SYMPTOMS_ADVICE) if hold.everything else _(HOLD_STAYS))
            return FollowUp(gone=False, came_back=False, cleared=cleared)
        gone = self.yes(_("Has the pain gone completely? [y/n] > "))
        came_back = gone and self.yes(_("Did it come back when you moved normally? [y/n] > "))
        if gone and not came_back:
            self.out.print(
                _("Good: the hold is lifted. Light pressure today, and stop at once if it hurts.")
            )
            return FollowUp(gone=True, came_back=False)
        self.out.print(_("The hold stays.") + " " + _(HOLD_STAYS))
        cleared = self.doctor_cleared(hold.describe(), question=hold.id, today=today)
        return FollowUp(gone=gone, came_back=came_back, cleared=cleared)

    def doctor_cleared(
        self, what: str, *, question: str, today: date, announce: bool = False
    ) -> NewClearance | None:
        """The clearance question of clinical.md §1b, then until when and a note."""
        if announce:
            self.out.print(bold("\n" + what))
        if not self.yes(_(DOCTOR_CLEARED)):
            return None
        last = latest_until(today)
        while True:
            reply = self.ask(_(UNTIL).format(default=last.isoformat())).strip()
            if not reply:
                until = last
                break
            try:
                until = date.fromisoformat(reply)
            except ValueError:
                self.out.print(_("Please type a date as YYYY-MM-DD, or press Enter."))
                continue
            if today <= until <= last:
                break
            self.out.print(
                _("Please give a day from today to {last} (12 months).").format(
                    last=last.isoformat()
                )
            )
        note = self.ask(_(NOTE)).strip() or None
        self.out.print(
            _(
                "Recorded: a doctor's OK until {until}. That answer now means light "
                "pressure and no tapping, never nothing."
            ).format(until=until.isoformat())
        )
        return NewClearance(question, until, note)

    def confirm(self, message: str, question: str) -> bool:
        """``message``, then a yes or no to ``question``."""
        self.out.print(message)
        return self.yes(f"{question} [y/n] > ")


INPUT_ENDED = N_("input ended before an answer; no session was started")
HOLD_STAYS = N_(
    "See a doctor about this pain before any more massage of that area. After a doctor "
    "has examined you, you can record their OK here."
)


def ask_questions(
    questions: Sequence[Question],
    io: Io,
    *,
    today: date,
    cleared: Collection[str] = (),
    so_far: MutableMapping[str, bool] | None = None,
) -> Answered:
    """One question at a time: y / n, ``?`` for why we ask, ``b`` to go back.

    A "yes" to a clearable question asks at once whether a doctor has cleared it;
    an urgent "yes" (not cleared) ends the questions there.
    """
    answers: dict[str, bool] = {}
    clearances: dict[str, NewClearance] = {}
    index = 0
    io.out.print(dim(_("Answer y or n.  ? = why we ask  ·  b = back")))
    try:
        while index < len(questions):
            question = questions[index]
            index = _ask_one(questions, index, answers, io)
            if so_far is not None and question.id in answers:
                so_far[question.id] = answers[question.id]
            if not answers.get(question.id):
                clearances.pop(question.id, None)
                continue
            ok = question.id in cleared
            if question.clearable and not ok:
                new = io.doctor_cleared(question.text, question=question.id, today=today)
                if new is not None:
                    clearances[question.id] = new
                    ok = True
            if question.tier == "urgent" and not ok:
                return Answered(answers, tuple(clearances.values()), urgent=question)
    except InputEnded:
        raise InputEnded(
            _(
                "input ended before the questions were answered; the answers so far are kept "
                "for today"
            )
        ) from None
    return Answered(answers, tuple(clearances.values()))


def _ask_one(questions: Sequence[Question], index: int, answers: dict[str, bool], io: Io) -> int:
    """Ask question ``index`` until it is answered or the person goes back; the next index."""
    question = questions[index]
    io.out.print(dim(f"\n{index + 1}/{len(questions)}  ") + bold(question.text))
    while True:
        reply = io.press("[y/n/?/b] > ")
        if reply in ("y", "yes", "n", "no"):
            answers[question.id] = reply.startswith("y")
            return index + 1
        if reply == "?":
            io.out.print(styled(_("Why we ask: {why}").format(why=question.why), "italic"))
        elif reply == "b":
            if index > 0:
                return index - 1
            io.out.print(_("This is the first question."))
        else:
            io.out.print(_("Please answer y or n (? explains why we ask, b goes back)."))


def show_caution(verdict: Verdict, io: Io) -> None:
    """The answers that ask for care, each with what to do."""
    io.out.print(bold(_("Your screening asks for care:")))
    io.out.print(
        _bullets([styled(f"{q.text} — {q.advice}") for q in verdict.causes if q.tier == "caution"])
    )


def screening_intro(count: int) -> Text:
    """The first line of ``selfmassage screen``: how many questions, and how long."""
    return styled(
        _("Screening: {about}, about your health today.").format(about=about(count))
        + " "
        + _(NOT_ADVICE)
    )


def answers_from_lines(stdin: TextIO, stdout: TextIO) -> LineAnswers:
    """The every-session questions answered by y/n lines on a pipe (no terminal)."""

    def read(questions: Sequence[Question]) -> dict[str, bool] | None:
        answers: dict[str, bool] = {}
        for question in questions:
            stdout.write(printable(question.text) + " [y/n] ")
            line = stdin.readline()
            reply = line.strip().lower()
            stdout.write(printable(reply) + "\n")
            if reply in ("y", "yes"):
                answers[question.id] = True
            elif reply in ("n", "no"):
                answers[question.id] = False
            else:
                stdout.flush()
                return None
        stdout.flush()
        return answers

    return read


# -- the daily path ----------------------------------------------------------------------


def daily_banner() -> Text:
    """The first line of ``selfmassage`` with no command."""
    return dim("selfmassage — " + _(NOT_ADVICE))


def ask_complaint(io: Io) -> Complaint | None:
    """What the person wants help with today; Enter for nothing in particular."""
    io.out.print(bold("\n" + _("What would you like help with today?")))
    menu = {str(number): complaint for number, complaint in enumerate(Complaint, 1)}
    for key, complaint in menu.items():
        io.out.print(f"  {key}  {complaint.label}")
    io.out.print("  " + _("Enter  nothing in particular"))
    while True:
        reply = io.ask("> ").strip().lower()
        if not reply:
            return None
        chosen = menu.get(reply) or Complaint.named(reply)
        if chosen is not None:
            return chosen
        io.out.print(
            _("Please type a number from 1 to {last}, or press Enter.").format(last=len(menu))
        )


def confirm_routine(
    io: Io, routine: Routine, advice: Recommendation, *, caution: bool
) -> str | None:
    """The routine id to start: the recommended one, an alternative typed by id, or ``None``."""
    if caution:
        prompt = _(
            "Start {id} now with light pressure and no tapping? [y/n or another routine id] > "
        ).format(id=routine.id)
    else:
        prompt = _("Start {id} now? [y/n or another routine id] > ").format(id=routine.id)
    while True:
        reply = io.ask(prompt).strip().lower()
        if reply in ("y", "yes"):
            return routine.id
        if reply in ("n", "no"):
            return None
        if reply in advice.alternatives:
            return reply
        io.out.print(
            _("Please answer y or n, or type one of: {ids}").format(
                ids=", ".join(advice.alternatives)
            )
        )


# -- the panels and lists --------------------------------------------------------------


def questions_table(questions: Sequence[Question], out: Out | None = None) -> None:
    """Every question: id, tier, areas, how often it is asked, and the text."""
    out = out or Out()
    out.print(bold(_("Screening questions ({n})").format(n=len(questions))))
    for q in questions:
        areas = ", ".join(q.areas) or _("any area")
        often = _("asked before every session") if q.every_session else _("kept for some days")
        cleared = " · " + _("a doctor can clear it") if q.clearable else ""
        tier = _(TIER_NAMES[q.tier])
        out.print(bold(f"\n{q.id}") + dim(f"  {tier} · {areas} · {often}{cleared}"))
        out.print(q.text)
    out.print(bold("\n" + _(NOT_ADVICE)))


def recommendation(choice: Recommendation, out: Out | None = None) -> None:
    """The ``recommend`` panel: the routine, how long, why, and what else is allowed."""
    routine = choice.routine
    lines: list[Block] = [
        bold(_routine_heading(routine, choice.minutes)),
        styled(choice.reason),
    ]
    if choice.alternatives:
        lines.append(styled(_also_allowed(choice.alternatives)))
    lines.append(dim(_(NOT_ADVICE)))
    (out or Out()).print(Panel(stack(*lines), title=_("Recommended")))


def _routine_heading(routine: Routine, minutes: float) -> str:
    """``Collar zone (collar), about 12 minutes``."""
    n = round(minutes)
    return ngettext(
        "{title} ({id}), about {n} minute", "{title} ({id}), about {n} minutes", n
    ).format(title=routine.title, id=routine.id, n=n)


def _also_allowed(ids: Sequence[str]) -> str:
    return _("Also allowed: {ids}").format(ids=", ".join(ids))


def todays_routine_panel(routine: Routine, advice: Recommendation) -> Panel:
    """The daily path's pick: the routine, why it was chosen, and what else is allowed."""
    lines: list[Block] = [
        bold(_routine_heading(routine, routine.minutes)),
        styled(advice.reason),
    ]
    if advice.alternatives:
        lines.append(styled(_also_allowed(advice.alternatives)))
    return Panel(stack(*lines), title=_("Today's routine"))


def clearances_table(
    clearances: Sequence[DoctorClearance], today: date, out: Out | None = None
) -> None:
    """The doctor clearances on file: id, what, from when until when, valid or not, note."""
    out = out or Out()
    if not clearances:
        out.print(_("No doctor clearances on file."))
        return
    out.print(bold(_("Doctor clearances ({n})").format(n=len(clearances))))
    for c in clearances:
        state = _("valid") if c.valid(today) else _("ended")
        out.print(
            bold(f"\n{c.id}")
            + styled(
                "  "
                + _("{question} · {given} to {until} · {state}").format(
                    question=c.question,
                    given=c.given.isoformat(),
                    until=c.until.isoformat(),
                    state=state,
                )
            )
        )
        if c.note:
            out.print("  " + _("note: {note}").format(note=c.note))
    out.print(
        "\n"
        + _(
            "While a clearance is valid, that answer means light pressure and no tapping. "
            "'selfmassage screen --revoke ID' ends one."
        )
    )
