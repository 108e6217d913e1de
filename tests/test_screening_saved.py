"""The saved screening: written atomically, and valid for a week (lasting) or a day (temporary)."""

from __future__ import annotations

import stat
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from homekit import home
from selfmassage.errors import ExitCode
from selfmassage.screening.questions import load_questionnaire
from selfmassage.screening.saved import (
    FRESH_MINUTES,
    Progress,
    SavedScreening,
    ScreeningNotSaved,
    fresh,
    load_saved,
    save_screening,
    status,
    valid_answers,
)
from selfmassage.screening.standing import DoctorClearance, Hold

QUESTIONS = load_questionnaire()
TZ = timezone(timedelta(hours=3))
MONDAY_9 = datetime(2026, 11, 16, 9, 0, tzinfo=TZ)


def saved_at(time: datetime, checked: datetime | None = None) -> SavedScreening:
    answers = {q.id: False for q in QUESTIONS}
    return SavedScreening(answers, "clear", time, checked or time)


def test_a_saved_screening_reads_back_the_same() -> None:
    saved = saved_at(MONDAY_9)
    path = save_screening(saved, home().screening_file)
    assert path == home().screening_file
    loaded, warning = load_saved(home().screening_file)
    assert warning is None
    assert loaded == saved


def test_the_saved_screening_is_private_and_leaves_no_temp_file() -> None:
    path = save_screening(saved_at(MONDAY_9), home().screening_file)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["screening.toml"]


def test_a_screening_that_cannot_be_saved_is_a_clear_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    with pytest.raises(ScreeningNotSaved) as caught:
        save_screening(saved_at(MONDAY_9), blocked / "data" / "screening.toml")
    assert caught.value.exit_code == ExitCode.FAILURE
    assert caught.value.message == (f"cannot save the screening in {blocked}/data: Not a directory")


def test_no_saved_screening_is_none_without_a_warning() -> None:
    assert load_saved(home().screening_file) == (None, None)


@pytest.mark.parametrize(
    "content",
    [
        "not = [toml",
        'verdict = "clear"\n',
        "\xff\xfe",
        'version = 1\nverdict = "maybe"\n',
        pytest.param("x = " + "[" * 100_000 + "]" * 100_000, id="nested-too-deeply"),
    ],
)
def test_a_corrupt_saved_screening_is_treated_as_absent_with_a_warning(content: str) -> None:
    path = home().screening_file
    path.parent.mkdir(parents=True)
    path.write_bytes(content.encode("latin-1"))
    loaded, warning = load_saved(home().screening_file)
    assert loaded is None
    assert warning is not None
    assert warning.startswith(f"the saved screening {path} cannot be read (")
    assert warning.endswith("); it is ignored and the questions will be asked again")


def test_the_same_day_counts_as_today() -> None:
    assert status(saved_at(MONDAY_9), MONDAY_9.replace(hour=23, minute=59), 7) == "today"


def test_the_next_day_only_the_lasting_answers_hold() -> None:
    saved = saved_at(MONDAY_9)
    tuesday = MONDAY_9 + timedelta(days=1)
    assert status(saved, tuesday, 7) == "lasting"
    held = valid_answers(saved, QUESTIONS, tuesday, 7)
    assert "fever" not in held
    assert "painkillers-today" not in held
    assert held["cancer"] is False
    assert set(held) == {q.id for q in QUESTIONS if not q.every_session}


def test_every_session_answers_hold_only_for_the_next_few_minutes() -> None:
    saved = saved_at(MONDAY_9)
    soon = valid_answers(saved, QUESTIONS, MONDAY_9 + timedelta(minutes=FRESH_MINUTES), 7)
    later = valid_answers(saved, QUESTIONS, MONDAY_9 + timedelta(minutes=FRESH_MINUTES + 1), 7)
    assert soon["alcohol-drugs"] is False
    assert soon["neck-stroke-signs"] is False  # an acute red flag, not only the temporary ones
    assert "alcohol-drugs" not in later
    assert "neck-stroke-signs" not in later
    assert later["cancer"] is False


def test_every_session_answers_serve_one_session_only() -> None:
    saved = replace(saved_at(MONDAY_9), used=True)
    assert not fresh(saved, MONDAY_9 + timedelta(minutes=1))
    assert "chest-pain" not in valid_answers(saved, QUESTIONS, MONDAY_9 + timedelta(minutes=1), 7)


def test_clearances_holds_and_progress_read_back_the_same() -> None:
    saved = replace(
        saved_at(MONDAY_9),
        clearances=(
            DoctorClearance("c1", "night-pain", date(2026, 11, 16), date(2027, 5, 1), "Dr K"),
        ),
        holds=(Hold("h1", MONDAY_9, "collar", ("neck-shoulders",), everything=False),),
        progress=Progress(MONDAY_9, {"fever": False}),
    )
    save_screening(saved, home().screening_file)
    loaded, warning = load_saved(home().screening_file)
    assert warning is None
    assert loaded == saved


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        (
            '[[holds]]\nid = "h1"\nsince = 2026-11-16T09:00:00+03:00\nroutine = "collar"\n'
            'areas = ["neck"]\neverything = false\n',
            "unknown area 'neck'",
        ),
        (
            '[[clearances]]\nid = "c1"\nquestion = "night-pain"\ngiven = 2026-11-16\n'
            "until = 2026-11-01\n",
            "'until' must not be before 'given'",
        ),
        (
            '[[clearances]]\nid = "c1"\nquestion = "night-pain"\ngiven = 2026-11-16\n'
            "until = 2027-11-01T10:00:00\n",
            "'until' must be a date",
        ),
    ],
)
def test_a_bad_clearance_or_hold_makes_the_file_unreadable_with_the_reason(
    extra: str, problem: str
) -> None:
    save_screening(saved_at(MONDAY_9), home().screening_file)
    path = home().screening_file
    path.write_text(path.read_text() + extra)
    loaded, warning = load_saved(path)
    assert loaded is None
    assert warning is not None and problem in warning


def test_midnight_in_the_local_time_zone_ends_the_day() -> None:
    late = MONDAY_9.replace(hour=23, minute=50)
    assert status(saved_at(late), late + timedelta(minutes=20), 7) == "lasting"


def test_lasting_answers_expire_after_the_valid_days() -> None:
    saved = saved_at(MONDAY_9)
    assert status(saved, MONDAY_9 + timedelta(days=6, hours=23), 7) == "lasting"
    assert status(saved, MONDAY_9 + timedelta(days=7), 7) == "none"
    assert valid_answers(saved, QUESTIONS, MONDAY_9 + timedelta(days=7), 7) == {}


def test_the_valid_days_come_from_the_setting() -> None:
    assert status(saved_at(MONDAY_9), MONDAY_9 + timedelta(days=2), 2) == "none"


def test_temporary_answers_re_asked_today_count_for_today_only() -> None:
    wednesday = MONDAY_9 + timedelta(days=2)
    saved = saved_at(MONDAY_9, checked=wednesday)
    assert status(saved, wednesday + timedelta(hours=5), 7) == "today"
    assert status(saved, wednesday + timedelta(days=1), 7) == "lasting"


def test_a_screening_from_the_future_is_not_trusted() -> None:
    assert status(saved_at(MONDAY_9 + timedelta(hours=1)), MONDAY_9, 7) == "none"


def test_a_questionnaire_question_missing_from_the_saved_answers_is_not_valid() -> None:
    saved = saved_at(MONDAY_9)
    answers = dict(saved.answers)
    del answers["diabetes"]
    saved = SavedScreening(answers, "clear", MONDAY_9, MONDAY_9)
    assert "diabetes" not in valid_answers(saved, QUESTIONS, MONDAY_9, 7)


def test_a_time_saved_without_offset_is_read_as_local(isolated_home: Path) -> None:
    path = home().screening_file
    path.parent.mkdir(parents=True)
    path.write_text(
        'version = 1\nverdict = "clear"\ntime = 2026-11-16T09:00:00\n'
        "checked = 2026-11-16T09:00:00\n[answers]\nfever = false\n"
    )
    loaded, _ = load_saved(home().screening_file)
    assert loaded is not None
    assert loaded.time.tzinfo is not None
