"""The gate before a session (``flow.clear``): the saved screening used, only what is due asked."""

from __future__ import annotations

import io as stdio
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, timezone

import pytest
from rich.console import Console

from homekit import home
from selfmassage import paths
from selfmassage.cli.daily import daily
from selfmassage.clock import SystemClock
from selfmassage.context import Context
from selfmassage.errors import ExitCode, SessionRefused
from selfmassage.routines.fit import fit
from selfmassage.screening.ask import InputEnded
from selfmassage.screening.flow import clear, screening_state
from selfmassage.screening.gate import Clearance
from selfmassage.screening.questions import load_questionnaire
from selfmassage.screening.saved import SavedScreening, load_saved, save_screening
from selfmassage.screening.verdict import Refusal
from selfmassage.screening.view import Io

QUESTIONS = load_questionnaire()
TEMPORARY = [q.id for q in QUESTIONS if q.temporary]
TZ = timezone(timedelta(hours=1))
MONDAY_9 = datetime(2026, 11, 16, 9, 0, tzinfo=TZ)


class Script:
    """Replies typed in turn; input ends (EOF) after the last one."""

    def __init__(self, replies: Iterable[str]) -> None:
        self.replies = list(replies)
        self.prompts: list[str] = []

    def __call__(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if len(self.prompts) > len(self.replies):
            raise EOFError
        return self.replies[len(self.prompts) - 1]


class StoppedClock(SystemClock):
    """The system clock, stopped at one moment of wall time."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def now_context() -> Context:
    """The run's context as the CLI builds it: the test's home, the real clock."""
    return Context(paths=home())


def no_warning(message: str) -> None:
    raise AssertionError(f"unexpected warning: {message}")


def clear_without_asking(
    routine: str | None, *, minutes: int | None = None, complaint: str | None = None
) -> Clearance:
    """``start`` with no terminal: the saved screening read once, nobody to ask."""
    ctx = now_context()
    state = screening_state(ctx, warn=no_warning)
    return clear(ctx, state, routine, minutes=minutes, complaint=complaint)


def clear_asking(
    ctx: Context, io: Io, routine: str | None, *, minutes: int | None = None
) -> Clearance:
    """``start`` at a terminal: whatever is due is asked through ``io``."""
    return clear(ctx, screening_state(ctx, warn=io.warn), routine, minutes=minutes, asker=io)


def make_io(
    replies: Iterable[str] = (), now: datetime = MONDAY_9
) -> tuple[Context, Io, Script, Callable[[], str]]:
    buffer = stdio.StringIO()
    console = Console(file=buffer, width=80, no_color=True)
    script = Script(replies)
    ctx = Context(paths=home(), clock=StoppedClock(now))
    return ctx, Io(out=console, err=console, read=script), script, buffer.getvalue


def save(*yes: str, time: datetime = MONDAY_9, checked: datetime | None = None) -> None:
    answers = {q.id: q.id in yes for q in QUESTIONS}
    save_screening(SavedScreening(answers, "clear", time, checked or time), home().screening_file)


def save_now(*yes: str) -> None:
    save(*yes, time=datetime.now().astimezone())


# -- non-interactive -------------------------------------------------------------------


def test_without_a_screening_a_non_interactive_start_is_refused() -> None:
    with pytest.raises(SessionRefused) as caught:
        clear_without_asking("collar")
    assert caught.value.exit_code == ExitCode.REFUSED
    assert caught.value.message == "no valid screening on file"
    assert caught.value.hint == "run 'selfmassage screen' first"


def test_a_screening_from_today_clears_without_asking() -> None:
    save_now()
    clearance = clear_without_asking("collar")
    assert clearance.routine.id == "collar"
    assert (clearance.verdict, clearance.caution, clearance.reasons) == ("clear", False, ())


def test_no_routine_name_means_the_recommendation_for_the_complaint() -> None:
    save_now()
    clearance = clear_without_asking(None, complaint="lower-back")
    assert clearance.routine.id == "lumbar"


def test_no_routine_name_with_minutes_gives_the_recommendation_as_written_for_the_plan() -> None:
    save_now()
    clearance = clear_without_asking(None, minutes=4, complaint="neck")
    assert clearance.routine == now_context().catalog.routines["collar"]
    assert fit(clearance.routine, 4).routine.total_seconds == 240  # fitted once, by the session


def test_a_screening_from_yesterday_refuses_a_non_interactive_start() -> None:
    save()
    ctx, io, _, _ = make_io(now=MONDAY_9 + timedelta(days=1))
    with pytest.raises(SessionRefused) as caught:
        clear(ctx, screening_state(ctx, warn=io.warn), "collar", minutes=None)
    assert caught.value.message == (
        "today's questions (fever, infection, alcohol, painkillers...) are not answered yet"
    )
    assert caught.value.hint == "run 'selfmassage screen' first"


def test_caution_refuses_a_non_interactive_start_because_it_needs_confirmation() -> None:
    save_now("osteoporosis-steroids")
    with pytest.raises(SessionRefused) as caught:
        clear_without_asking("collar")
    assert caught.value.message == (
        "your screening asks for care (light pressure, no tapping), which needs your confirmation"
    )


# -- refusals --------------------------------------------------------------------------


def test_a_stop_verdict_refuses_with_the_reason_and_the_advice() -> None:
    save_now("kidney-liver")
    with pytest.raises(SessionRefused) as caught:
        clear_without_asking("collar")
    assert caught.value.message == (
        "screening verdict 'stop': No session until a doctor has cleared it.\n"
        "because: Has a doctor told you that your kidneys or your liver are failing or not "
        "coping? — yes\n"
        "what to do: Ask your doctor whether massage is safe for you before any session."
    )
    assert caught.value.hint == "This is not medical advice; see a doctor for a diagnosis."


def test_an_urgent_verdict_refuses_and_says_get_help_now() -> None:
    save_now("neck-stroke-signs")
    with pytest.raises(SessionRefused) as caught:
        clear_without_asking(None)
    assert "what to do: Get medical help now: call your local emergency number." in (
        caught.value.message
    )


def test_a_refusal_carries_the_verdict_for_the_panel() -> None:
    save("fever")
    ctx, io, script, _ = make_io()
    with pytest.raises(Refusal) as caught:
        clear_asking(ctx, io, "collar")
    assert caught.value.verdict.verdict == "stop"
    assert caught.value.exit_code == ExitCode.REFUSED
    assert script.prompts == []


def test_an_excluded_routine_is_refused_by_name() -> None:
    save_now("skin-lower-back")
    with pytest.raises(SessionRefused) as caught:
        clear_without_asking("lumbar")
    assert caught.value.message == (
        "routine 'lumbar' is left out by your screening: it works on the lower back, and you "
        "answered yes to 'skin-lower-back'"
    )
    assert clear_without_asking("collar").verdict == "local"


def test_a_routine_from_a_file_is_screened_like_a_bundled_one() -> None:
    save_now("skin-lower-back")
    lumbar_file = paths.bundled_routines_dir() / "lumbar.toml"
    with pytest.raises(SessionRefused):
        clear_without_asking(str(lumbar_file))


# -- interactive -----------------------------------------------------------------------


def test_caution_confirmed_gives_the_routine_without_percussion() -> None:
    save("diabetes")
    ctx, io, _, output = make_io(["y"])
    clearance = clear_asking(ctx, io, "lumbar")
    assert clearance.verdict == "caution"
    assert clearance.caution
    assert not clearance.routine.has_percussion
    assert "Do you have diabetes? — Use light pressure only" in output()


def test_caution_drops_the_fingertip_tapping_from_the_collar_routine() -> None:
    save("osteoporosis-steroids")
    ctx, io, _, _ = make_io(["y"])
    clearance = clear_asking(ctx, io, "collar")
    assert "Fingertip typing" not in [s.name for s in clearance.routine.steps]
    assert len(clearance.routine.steps) == 11


def test_caution_with_minutes_leaves_fitting_the_time_to_the_session_plan() -> None:
    save("diabetes")
    ctx, io, _, _ = make_io(["y"])
    clearance = clear_asking(ctx, io, None, minutes=5)
    as_written = ctx.catalog.routines[clearance.routine.id].without_percussion()
    assert clearance.routine == as_written
    assert fit(clearance.routine, 5).routine.total_seconds == 300


def test_caution_declined_is_refused() -> None:
    save("diabetes")
    ctx, io, _, _ = make_io(["n"])
    with pytest.raises(SessionRefused) as caught:
        clear_asking(ctx, io, "lumbar")
    assert caught.value.message == "you chose not to go on today"


def test_local_with_caution_keeps_verdict_local_and_adapts_the_routine() -> None:
    save("skin-hands", "epilepsy")
    ctx, io, _, _ = make_io(["y"])
    clearance = clear_asking(ctx, io, "lumbar")
    assert (clearance.verdict, clearance.caution) == ("local", True)
    assert not clearance.routine.has_percussion


def test_the_next_day_an_interactive_start_re_asks_only_the_temporary_questions() -> None:
    save("diabetes")
    tuesday = MONDAY_9 + timedelta(days=1)
    ctx, io, script, _ = make_io(["n"] + ["n"] * len(TEMPORARY) + ["y"], now=tuesday)
    clear_asking(ctx, io, "collar")
    assert script.prompts[0].startswith("Has anything about your health changed since")
    assert len(script.prompts) == 1 + len(TEMPORARY) + 1  # changed?, today's, caution
    saved, _ = load_saved(home().screening_file)
    assert saved is not None
    assert (saved.time, saved.checked) == (MONDAY_9, tuesday)
    assert saved.answers["diabetes"] is True


def test_a_change_since_the_last_screening_asks_everything_again() -> None:
    save()
    tuesday = MONDAY_9 + timedelta(days=1)
    ctx, io, script, _ = make_io(["y"] + ["n"] * len(QUESTIONS), now=tuesday)
    clear_asking(ctx, io, "collar")
    assert len(script.prompts) == 1 + len(QUESTIONS)
    saved, _ = load_saved(home().screening_file)
    assert saved is not None
    assert saved.time == tuesday


def test_with_no_valid_screening_an_interactive_start_runs_the_full_screening_first() -> None:
    ctx, io, script, _ = make_io(["n"] * len(QUESTIONS))
    clearance = clear_asking(ctx, io, "relaxation")
    assert len(script.prompts) == len(QUESTIONS)
    assert clearance == Clearance(
        routine=clearance.routine, verdict="clear", caution=False, reasons=()
    )
    saved, _ = load_saved(home().screening_file)
    assert saved is not None
    assert saved.time == MONDAY_9


def test_an_expired_screening_runs_the_full_screening() -> None:
    save()
    ctx, io, script, _ = make_io(["n"] * len(QUESTIONS), now=MONDAY_9 + timedelta(days=8))
    clear_asking(ctx, io, "collar")
    assert len(script.prompts) == len(QUESTIONS)


def test_a_corrupt_saved_screening_warns_and_asks_again() -> None:
    path = home().screening_file
    path.parent.mkdir(parents=True)
    path.write_text("garbage = [")
    ctx, io, script, output = make_io(["n"] * len(QUESTIONS))
    clear_asking(ctx, io, "collar")
    assert f"selfmassage: warning: the saved screening {path} cannot be read" in output()
    assert len(script.prompts) == len(QUESTIONS)


def test_input_ending_half_way_saves_nothing_and_exits_1() -> None:
    ctx, io, _, _ = make_io(["n", "n", "n"])
    with pytest.raises(InputEnded) as caught:
        clear_asking(ctx, io, "collar")
    assert caught.value.exit_code == ExitCode.FAILURE
    assert caught.value.message == (
        "input ended before the questions were answered; nothing was saved"
    )
    assert not home().screening_file.exists()


def test_input_ending_at_the_complaint_says_no_session_was_started() -> None:
    save()
    ctx, io, _, _ = make_io([])
    with pytest.raises(InputEnded) as caught:
        daily(ctx, io)
    assert caught.value.exit_code == ExitCode.FAILURE
    assert caught.value.message == "input ended before an answer; no session was started"


def test_the_daily_path_with_no_routine_allowed_refuses_before_asking_the_complaint() -> None:
    save("skin-neck-shoulders", "skin-lower-back")
    ctx, io, script, _ = make_io([])
    with pytest.raises(SessionRefused) as caught:
        daily(ctx, io)
    assert caught.value.exit_code == ExitCode.REFUSED
    assert caught.value.message.startswith("screening leaves no routine allowed today:\n")
    assert script.prompts == []
