"""The gate before a session (``flow.clear``): the saved screening used, only what is due asked."""

from __future__ import annotations

import io as stdio
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, timezone

import pytest

from homekit import home
from selfmassage import paths
from selfmassage.cli.daily import run_daily
from selfmassage.clock import SystemClock
from selfmassage.context import Context
from selfmassage.errors import ExitCode, SessionRefused
from selfmassage.routines.catalog import load_catalog
from selfmassage.routines.fit import fit
from selfmassage.screening.ask import InputEnded
from selfmassage.screening.flow import clear, screening_state
from selfmassage.screening.gate import Clearance
from selfmassage.screening.questions import load_questionnaire
from selfmassage.screening.saved import SavedScreening, load_saved, save_screening
from selfmassage.screening.verdict import Refusal
from selfmassage.screening.view import Io
from selfmassage.style import Out

QUESTIONS = load_questionnaire()
TEMPORARY = [q.id for q in QUESTIONS if q.temporary]
LASTING = [q for q in QUESTIONS if not q.every_session]
CATALOG = load_catalog()


def lasting_for(routine: str) -> list[str]:
    """The lasting questions a start of ``routine`` asks: general ones and its areas'."""
    areas = CATALOG.routines[routine].areas
    return [q.id for q in LASTING if not q.areas or set(q.areas) & areas]


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
    console = Out(buffer, width=80, colour=False)
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
        "the questions asked before every session (fever, alcohol, chest pain, numbness...) "
        "are not answered"
    )
    assert caught.value.hint == (
        "answer them at a terminal, with 'selfmassage start --answers FILE', "
        "or as y/n lines on standard input"
    )


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


def test_next_day_start_asks_what_changed_and_the_questions_about_now() -> None:
    save("diabetes")
    tuesday = MONDAY_9 + timedelta(days=1)
    ctx, io, script, _ = make_io(["n", "n", "y"], now=tuesday)
    clear_asking(ctx, io, "collar")
    assert script.prompts[0].startswith("Has anything changed since your screening on")
    assert script.prompts[1].startswith("Is any of these true for you?")  # one screen, one key
    assert len(script.prompts) == 3  # changed?, the questions about now, caution
    saved, _ = load_saved(home().screening_file)
    assert saved is not None
    assert (saved.time, saved.checked) == (MONDAY_9, tuesday)
    assert saved.answers["diabetes"] is True


def test_has_anything_changed_names_new_symptoms_not_only_illnesses() -> None:
    save()
    ctx, io, script, _ = make_io(["n", "n"], now=MONDAY_9 + timedelta(days=1))
    clear_asking(ctx, io, "collar")
    for words in ("new pain", "numbness", "dizziness", "a fall or accident", "medicine"):
        assert words in script.prompts[0]


def test_a_change_since_the_last_screening_asks_everything_again() -> None:
    save()
    tuesday = MONDAY_9 + timedelta(days=1)
    ctx, io, script, _ = make_io(["y", "n"] + ["n"] * len(QUESTIONS), now=tuesday)
    clear_asking(ctx, io, "collar")
    assert len(script.prompts) == 2 + len(lasting_for("collar"))
    saved, _ = load_saved(home().screening_file)
    assert saved is not None
    assert saved.time == tuesday


def test_with_no_valid_screening_a_start_asks_the_questions_for_its_routine_first() -> None:
    ctx, io, script, _ = make_io(["n"] * len(QUESTIONS))
    clearance = clear_asking(ctx, io, "relaxation")
    assert len(script.prompts) == 1 + len(lasting_for("relaxation"))
    assert "back-lump" not in lasting_for("relaxation")  # a neck-only start skips the back
    assert clearance == Clearance(
        routine=clearance.routine, verdict="clear", caution=False, reasons=()
    )
    saved, _ = load_saved(home().screening_file)
    assert saved is not None
    assert saved.time == MONDAY_9


def test_an_expired_screening_asks_the_questions_again() -> None:
    save()
    ctx, io, script, _ = make_io(["n"] * len(QUESTIONS), now=MONDAY_9 + timedelta(days=8))
    clear_asking(ctx, io, "collar")
    assert len(script.prompts) == 1 + len(lasting_for("collar"))


def test_a_corrupt_saved_screening_warns_and_asks_again() -> None:
    path = home().screening_file
    path.parent.mkdir(parents=True)
    path.write_text("garbage = [")
    ctx, io, script, output = make_io(["n"] * len(QUESTIONS))
    clear_asking(ctx, io, "collar")
    assert f"selfmassage: warning: the saved screening {path} cannot be read" in output()
    assert len(script.prompts) == 1 + len(lasting_for("collar"))


def test_input_ending_half_way_keeps_the_answers_so_far_and_exits_1() -> None:
    ctx, io, _, _ = make_io(["n", "n", "n"])
    with pytest.raises(InputEnded) as caught:
        clear_asking(ctx, io, "collar")
    assert caught.value.exit_code == ExitCode.FAILURE
    assert caught.value.message == (
        "input ended before the questions were answered; the answers so far are kept for today"
    )
    saved, _ = load_saved(home().screening_file)
    assert saved is not None and saved.progress is not None
    first = lasting_for("collar")
    assert {k: v for k, v in saved.progress.answers.items() if k in first} == {
        first[0]: False,
        first[1]: False,
    }


def test_an_interrupted_screening_goes_on_the_same_day_where_it_stopped() -> None:
    ctx, io, _, _ = make_io(["n", "n", "n"])
    with pytest.raises(InputEnded):
        clear_asking(ctx, io, "collar")
    later = MONDAY_9 + timedelta(hours=2)
    rest = len(lasting_for("collar")) - 2
    ctx, io, script, output = make_io(["n"] + ["n"] * rest, now=later)
    clearance = clear_asking(ctx, io, "collar")
    assert "Going on with the screening you started earlier today." in output()
    assert len(script.prompts) == 1 + rest  # the questions about now, then the rest
    assert clearance.verdict == "clear"


def test_input_ending_at_the_complaint_says_no_session_was_started() -> None:
    save()
    ctx, io, _, _ = make_io([])
    with pytest.raises(InputEnded) as caught:
        run_daily(ctx, io)
    assert caught.value.exit_code == ExitCode.FAILURE
    assert caught.value.message == "input ended before an answer; no session was started"


def test_the_daily_path_with_no_routine_allowed_refuses_after_the_complaint() -> None:
    save_now("skin-neck-shoulders", "skin-lower-back")
    ctx, io, script, _ = make_io([""], now=datetime.now().astimezone())
    with pytest.raises(SessionRefused) as caught:
        run_daily(ctx, io)
    assert caught.value.exit_code == ExitCode.REFUSED
    assert caught.value.message.startswith("screening leaves no routine allowed today:\n")
    assert script.prompts == ["> "]  # the complaint only
