"""One guided session, from the first question to the summary, on any screen.

``play`` is the whole flow: ask the pain, play the steps, write each step to the
journal as it ends, ask again, summarise. It owns no timing logic of its own
(``state.Session`` decides what happens when) and prints nothing itself: it drives
a ``screen.Screen``, plain lines or the live display, which asks, shows and waits.
Its one source of time is the context's clock (monotonic for the steps, local wall
time for the journal), so a session counts for the day it was done wherever the
user is, and tests run a ten-minute routine in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from selfmassage.i18n import N_, _
from selfmassage.session.cues import preparation
from selfmassage.session.state import READY_SECONDS, Event, Session, StepResult

if TYPE_CHECKING:
    from selfmassage.clock import Clock
    from selfmassage.context import Context
    from selfmassage.journal.stats import CourseProgress
    from selfmassage.routines.model import Routine
    from selfmassage.session.screen import Command, Screen

# Module constants are the English source (the report keeps the advice as written in
# its JSON); ``_()`` where they are shown. The keys (y, Enter) are the same in every language.
PAIN_NOW = N_("Pain right now, 0–10? (Enter skips)")
PAIN_STRENGTH = N_("How strong is the pain, 0–10? (Enter skips)")
PAIN_WHERE = N_("Where? (Enter skips)")
NOTE = N_("A note for the journal? (Enter skips)")
PAIN_RETRY = N_("Please type a whole number from 0 to 10, or press Enter to skip.")
QUIT_PROMPT = N_(" Quit this session? y = quit, any other key = go on ")
INTERRUPT_PROMPT = N_(" Stop the session? y = stop, any other key = go on ")

# shared/clinical.md §6, §6a and the seeds: pain cancels the procedure until its cause is found.
PAIN_SYMPTOMS = N_(
    "Did it come with numbness, tingling, weakness, dizziness, double vision, nausea, or "
    "changes in speech or swallowing? y/n"
)
PAIN_ADVICE = (
    N_("Session stopped because of pain."),
    N_(
        "If any pain appears, the procedure is cancelled until its cause is found: this area "
        "is on hold. The next start asks whether the pain has gone; if it has not, see a "
        "doctor before massaging it again."
    ),
    N_(
        "If you feel numbness, tingling or weakness, dizziness or fainting, nausea, double "
        "vision, or changes in speech or swallowing: do not restart. Get medical help now; "
        "if it is sudden or severe, call your emergency number."
    ),
)
SYMPTOMS_ADVICE = (
    N_("Session stopped because of pain with warning symptoms."),
    N_(
        "Do not restart: get medical help now; if it is sudden or severe, call your emergency "
        "number. Every routine is on hold until a doctor has examined you."
    ),
)
HIGH_PAIN = 8  # clinical.md §6b: with pain 8-10 before a session, advise against starting
HIGH_PAIN_ADVICE = N_(
    "With pain this strong, a session is not advised: rest, and see a doctor if it does not "
    "ease. Start anyway? y/n"
)


class JournalWriter(Protocol):
    """The part of ``journal.Journal`` a session writes to."""

    def begin_session(
        self,
        routine: Routine,
        *,
        started_at: datetime,
        verdict: str | None,
        pain_before: int | None,
    ) -> str: ...

    def record_step(self, session_id: str, step: Any) -> None: ...

    def finish_session(
        self,
        session_id: str,
        *,
        ended_at: datetime,
        outcome: str,
        actual_seconds: int,
        paused_seconds: int,
        pain_after: int | None,
        pain_where: str | None,
        note: str | None,
    ) -> None: ...

    def course_progress(self, routine: Routine, *, today: date) -> CourseProgress: ...


@dataclass(frozen=True)
class Summary:
    """How the session went, as shown at the end and written to the journal."""

    routine: Routine
    outcome: str
    actual_seconds: int
    paused_seconds: int
    steps_completed: int
    steps_total: int
    pain_before: int | None
    pain_after: int | None
    pain_where: str | None
    note: str | None
    course: CourseProgress | None  # where the course stands now, for the summary's last line
    day: date  # the local day the session counts for
    # After a pain stop: whether warning symptoms came with it (None: not asked or no answer).
    symptoms: bool | None = None


def parse_pain(answer: str) -> int | None:
    """0–10 from an answer; ``ValueError`` for anything else (an empty answer is no answer)."""
    text = answer.strip()
    if not text.isdigit() or not 0 <= int(text) <= 10:
        raise ValueError(answer)
    return int(text)


def step_record(result: StepResult) -> Any:
    """The journal's ``StepRecord`` for a step result (steps are numbered from 1)."""
    from selfmassage.journal.store import StepRecord

    step = result.step
    done = step.seconds if result.completed else round(result.seconds_done)
    return StepRecord(
        index=result.index + 1,
        technique=step.technique,
        area=step.area,
        side=step.side,
        planned_seconds=step.seconds,
        seconds_done=min(done, step.seconds),
        completed=result.completed,
        skipped=result.skipped,
    )


def play(
    ctx: Context,
    routine: Routine,
    journal: JournalWriter,
    screen: Screen,
    *,
    verdict: str | None,
    caution: bool = False,
) -> Summary:
    """Prepare, ask, play, ask, record, summarise on ``screen``. Every exit path records it.

    The preparation is shown first, so it is read before the get-ready countdown.
    Under ``caution`` the steps are shown in their ``light`` wording and the screen
    keeps "light pressure, no tapping" in view.
    """
    for line in preparation(routine):
        screen.tell(line)
    pain_before = ask_pain(screen, PAIN_NOW)
    if pain_before is not None and pain_before >= HIGH_PAIN:
        from selfmassage.errors import SessionRefused

        if screen.ask_yes_no(_(HIGH_PAIN_ADVICE)) is not True:
            raise SessionRefused(
                _("you chose not to start with pain {pain} of 10").format(pain=pain_before)
            )
    return _Run(routine, journal, screen, ctx.clock, caution=caution).play(pain_before, verdict)


def as_shown(routine: Routine, *, caution: bool) -> Routine:
    """The routine as the person reads it: under caution, each step's ``light`` wording."""
    if not caution:
        return routine
    steps = tuple(
        replace(step, instruction=step.light) if step.light else step for step in routine.steps
    )
    return replace(routine, steps=steps)


def ask_pain(screen: Screen, question: str) -> int | None:
    """0–10, asked again until valid; Enter or the end of input skips.

    ``question`` is the English source (``PAIN_NOW``): asked in the run's language.
    """
    while True:
        answer = screen.ask(_(question))
        if answer is None:
            return None
        try:
            return parse_pain(answer)
        except ValueError:
            screen.say(_(PAIN_RETRY))


class _Run:
    """One session in progress: the state machine, its journal entry and its screen."""

    def __init__(
        self,
        routine: Routine,
        journal: JournalWriter,
        screen: Screen,
        clock: Clock,
        *,
        caution: bool,
    ) -> None:
        self.routine = routine  # as written: the journal records this one
        self.shown = as_shown(routine, caution=caution)  # what the screen shows
        self.caution = caution
        self.journal = journal
        self.screen = screen
        self.clock = clock
        self.session = Session(self.shown, clock.monotonic)
        self.session_id = ""

    def play(self, pain_before: int | None, verdict: str | None) -> Summary:
        screen, session = self.screen, self.session
        self.session_id = self.journal.begin_session(
            self.routine, started_at=self.clock.now(), verdict=verdict, pain_before=pain_before
        )
        try:
            self._steps()
        except BaseException:
            # An error or a second Ctrl-C: keep what was done, then let it go on up.
            self._handle(session.stop("interrupted"))
            self._finish(None, None, None)
            raise
        outcome = session.outcome or "interrupted"
        pain_after: int | None = None
        pain_where: str | None = None
        note: str | None = None
        symptoms: bool | None = None
        try:
            if outcome == "completed":
                pain_after = ask_pain(screen, PAIN_NOW)
                note = screen.ask(_(NOTE))
            elif outcome == "stopped_for_pain":
                # Warning symptoms first, in one question: they put every routine on hold.
                symptoms = screen.ask_yes_no(_(PAIN_SYMPTOMS))
                pain_after = ask_pain(screen, PAIN_STRENGTH)
                pain_where = screen.ask(_(PAIN_WHERE))
                screen.say("")
                for line in SYMPTOMS_ADVICE if symptoms else PAIN_ADVICE:
                    screen.tell(_(line))
        finally:
            self._finish(pain_after, pain_where, note)
        today = self.clock.today()
        return Summary(
            routine=self.routine,
            outcome=outcome,
            actual_seconds=round(session.actual_seconds),
            paused_seconds=round(session.paused_seconds),
            steps_completed=session.completed_steps(),
            steps_total=len(session.steps),
            pain_before=pain_before,
            pain_after=pain_after,
            pain_where=pain_where,
            note=note,
            # After a pain stop the area is on hold: no "next due" line (clinical.md §6a).
            course=None
            if outcome == "stopped_for_pain"
            else self.journal.course_progress(self.routine, today=today),
            day=today,
            symptoms=symptoms,
        )

    def _steps(self) -> None:
        """The steps from get-ready to the end, on the screen's time and keys."""
        screen, session = self.screen, self.session
        with screen.playing(
            self.shown, self.clock, ready_seconds=READY_SECONDS, caution=self.caution
        ):
            self._handle(session.start())
            while not session.finished:
                try:
                    self._handle(session.tick())
                    if session.finished:
                        break
                    screen.show(session.view())
                    command = screen.wait(session.view(), self._to_deadline())
                    if command is not None:
                        self._obey(command)
                except KeyboardInterrupt:
                    self._ask_to_stop(INTERRUPT_PROMPT, "interrupted")

    def _to_deadline(self) -> float | None:
        deadline = self.session.deadline()
        return None if deadline is None else deadline - self.clock.monotonic()

    def _obey(self, command: Command) -> None:
        session = self.session
        if command == "pause":
            self._handle(session.toggle_pause())
        elif command == "next":
            self._handle(session.next())
        elif command == "back":
            self._handle(session.back())
        elif command == "pain":
            self._handle(session.stop("stopped_for_pain"))
        elif command == "quit":
            self._ask_to_stop(QUIT_PROMPT, "quit")

    def _ask_to_stop(self, question: str, outcome: str) -> None:
        """Pause, ask, and stop with ``outcome`` or carry on as before; at once if none can ask."""
        session = self.session
        if not self.screen.can_confirm:
            self._handle(session.stop(outcome))
            return
        was_paused = session.paused
        self._handle(session.pause())
        try:
            stop = self.screen.confirm(session.view(), _(question))
        except KeyboardInterrupt:
            stop, outcome = True, "interrupted"  # a second Ctrl-C while asking means stop
        if stop:
            self._handle(session.stop(outcome))
        elif not was_paused:
            self._handle(session.resume())

    def _handle(self, events: list[Event]) -> None:
        for event in events:
            if event.kind == "step_ended" and event.result is not None:
                self.journal.record_step(self.session_id, step_record(event.result))
            elif event.kind == "step_started":
                self.screen.step_started(self.shown, event.index, self.session.view().spent)
            elif event.kind == "finished":
                self.screen.finished(self.session.view(), self.session.outcome or "")

    def _finish(self, pain_after: int | None, pain_where: str | None, note: str | None) -> None:
        session = self.session
        self.journal.finish_session(
            self.session_id,
            ended_at=self.clock.now(),
            outcome=session.outcome or "interrupted",
            actual_seconds=round(session.actual_seconds),
            paused_seconds=round(session.paused_seconds),
            pain_after=pain_after,
            pain_where=pain_where,
            note=note,
        )
