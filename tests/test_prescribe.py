"""A therapist's prescription: the routine made for one patient, kept, listed, validated."""

from __future__ import annotations

import json
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.errors import InvalidFile, SelfMassageError
from selfmassage.journal.stats import course_progress
from selfmassage.paths import Paths
from selfmassage.prescription.build import Changes, PrescriptionError, prescribe_routine
from selfmassage.routines.catalog import load_catalog, parse_routine
from selfmassage.routines.model import Course, Routine
from selfmassage.screening.questions import load_questionnaire
from selfmassage.screening.recommend import recommend
from selfmassage.screening.verdict import evaluate
from sessionkit import FakeClock

runner = CliRunner()
TODAY = date(2026, 11, 21)
PRACTICE = """\
[practice]
name = "Riverside Physiotherapy"
therapist = "Dr Maria Weber"
phone = "+1 555 0100"
"""


@pytest.fixture
def run(isolated_home: Path) -> Context:
    """The therapist's machine: a practice in the settings, the clock on 2026-11-21."""
    config = isolated_home / "config"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text(PRACTICE, encoding="utf-8")
    return Context(paths=Paths.under(isolated_home), clock=FakeClock())


def invoke(run: Context, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), obj=run)
    return result.exit_code, result.stdout, result.stderr


def collar() -> Routine:
    return load_catalog().find("collar")


def made(changes: Changes, base: Routine | None = None) -> Routine:
    return prescribe_routine(
        base or collar(),
        changes,
        patient="Anna Kowalska",
        written=TODAY,
        start=TODAY,
        version=1,
        therapist="Dr Maria Weber",
        practice="Riverside Physiotherapy",
    )


# -- what a prescription changes -------------------------------------------------------


def test_a_skipped_step_is_left_out_and_the_others_keep_their_order() -> None:
    base = collar()
    result = made(Changes(skip=(3,)))
    assert result.steps == base.steps[:2] + base.steps[3:]


def test_seconds_sets_one_step_by_its_number_on_the_handout() -> None:
    result = made(Changes(seconds=((4, 120),)))
    assert result.steps[3].seconds == 120
    assert [s.seconds for i, s in enumerate(result.steps) if i != 3] == [
        s.seconds for i, s in enumerate(collar().steps) if i != 3
    ]


def test_step_numbers_stay_those_of_the_base_routine_after_a_skip() -> None:
    result = made(Changes(skip=(3,), seconds=((4, 120),)))
    assert result.steps[2].name == collar().steps[3].name
    assert result.steps[2].seconds == 120


def test_minutes_fits_the_routine_by_the_one_rule() -> None:
    assert made(Changes(minutes=8)).total_seconds == 8 * 60


def test_light_pressure_leaves_out_percussion_and_uses_the_light_wording() -> None:
    result = made(Changes(pressure="light"))
    assert not result.has_percussion
    lit = next(s for s in collar().steps if s.light)
    assert any(s.instruction == lit.light for s in result.steps)
    assert result.prescription is not None and result.prescription.pressure == "light"


def test_the_course_takes_sessions_frequency_and_break() -> None:
    result = made(Changes(sessions=6, frequency="2-per-week", break_days=0))
    assert result.course == Course(sessions=6, frequency="2-per-week", break_days=0)
    assert result.course.often == "2 times a week"


def test_the_prescription_table_names_the_patient_the_base_and_its_fingerprint() -> None:
    given = made(Changes()).prescription
    assert given is not None
    assert (given.patient, given.base, given.base_hash) == (
        "Anna Kowalska",
        "collar",
        collar().fingerprint,
    )
    assert (given.therapist, given.practice, given.version) == (
        "Dr Maria Weber",
        "Riverside Physiotherapy",
        1,
    )


def test_the_fingerprint_changes_with_the_content() -> None:
    assert made(Changes(skip=(3,))).fingerprint != made(Changes()).fingerprint
    assert made(Changes()).fingerprint != collar().fingerprint


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (Changes(skip=(13,)), "--skip 13: the routine has steps 1 to 12"),
        (Changes(skip=(1,)), "--skip 1: the opening and closing stroking are never left out"),
        (
            Changes(seconds=((4, 16),)),
            "--seconds 4=16: step 4 ('Top of the shoulder') must last from 17 to 600 seconds",
        ),
        (
            Changes(seconds=((4, 601),)),
            "--seconds 4=601: step 4 ('Top of the shoulder') must last from 17 to 600 seconds",
        ),
        (Changes(skip=(3,), seconds=((3, 60),)), "--seconds 3=60: step 3 is skipped"),
        (Changes(sessions=16), "--sessions must be from 1 to 15, got 16"),
        (
            Changes(frequency="8-per-week"),
            "--frequency must be daily, every-other-day, weekly, N-per-week (N from 1 to 6); "
            "got '8-per-week'",
        ),
        (
            Changes(break_days=3),
            "the course is outside what a routine allows: a break of 3 days after the course: "
            "at least 10",
        ),
    ],
)
def test_a_change_the_routine_cannot_take_is_a_named_error(changes: Changes, message: str) -> None:
    with pytest.raises(PrescriptionError) as caught:
        made(changes)
    assert caught.value.message == message
    assert caught.value.exit_code == 2


def test_minutes_the_routine_cannot_be_fitted_to_is_refused() -> None:
    with pytest.raises(SelfMassageError) as caught:
        made(Changes(minutes=1))
    assert "cannot be shortened to 1 minute" in caught.value.message


# -- the [prescription] table in a routine file ----------------------------------------


def written(text_of_table: str) -> str:
    base = (Path(__file__).parent.parent / "routines" / "collar.toml").read_text(encoding="utf-8")
    return base.replace("[course]", text_of_table + "\n[course]", 1)


TABLE = """\
[prescription]
patient = "Anna"
date = 2026-11-21
start = 2026-11-22
base = "collar"
base_hash = "sha256:0123456789abcdef"
version = 2
"""


def test_a_routine_file_with_a_prescription_table_loads_it() -> None:
    given = parse_routine(written(TABLE), Path("r.toml")).prescription
    assert given is not None
    assert (given.patient, given.start, given.version, given.pressure) == (
        "Anna",
        date(2026, 11, 22),
        2,
        "usual",
    )


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (('patient = "Anna"\n', ""), "[prescription]: missing required key 'patient'"),
        (("date = 2026-11-21", 'date = "2026-11-21"'), "'date' must be a date such as 2026-11-21"),
        (("version = 2", "version = 0"), "'version' must be a whole number from 1 to 9999"),
        (("sha256:0123456789abcdef", "abc"), "'base_hash' must be 'sha256:' and 16 hex digits"),
        (("start = 2026-11-22", "start = 2026-11-20"), "'start' (2026-11-20) is before"),
        (("version = 2", "version = 2\ncolour = 1"), "unknown key 'colour'"),
    ],
)
def test_a_broken_prescription_table_is_reported_with_its_line(
    edit: tuple[str, str], problem: str
) -> None:
    with pytest.raises(InvalidFile) as caught:
        parse_routine(written(TABLE.replace(*edit)), Path("r.toml"))
    assert any(problem in item for item in caught.value.problems), caught.value.problems


# -- the command ---------------------------------------------------------------------------


def test_prescribe_writes_a_file_that_routines_validate_accepts(
    run: Context, tmp_path: Path
) -> None:
    target = tmp_path / "anna.toml"
    code, out, _ = invoke(
        run, "prescribe", "collar", "--patient", "Anna Kowalska", "--skip", "3", "-o", str(target)
    )
    assert code == 0
    assert "Prescription v1 for Anna Kowalska" in out
    code, out, err = invoke(run, "routines", "validate", str(target))
    assert (code, err) == (0, "")


def test_the_file_works_where_a_routine_file_does(run: Context, tmp_path: Path) -> None:
    target = tmp_path / "anna.toml"
    invoke(run, "prescribe", "collar", "--patient", "Anna", "-o", str(target))
    code, out, _ = invoke(run, "show", str(target))
    assert code == 0
    assert parse_routine(target.read_text(), target).fingerprint in out
    assert invoke(run, "print", str(target))[0] == 0


def test_show_json_carries_the_prescription_and_its_fingerprint(
    run: Context, tmp_path: Path
) -> None:
    target = tmp_path / "anna.toml"
    invoke(run, "prescribe", "collar", "--patient", "Anna", "-o", str(target))
    data = json.loads(invoke(run, "show", str(target), "--json")[1])
    assert data["prescription"]["patient"] == "Anna"
    assert data["prescription"]["therapist"] == "Dr Maria Weber"
    assert data["fingerprint"] == parse_routine(target.read_text(), target).fingerprint


def test_every_version_is_kept_private_and_never_overwritten(run: Context) -> None:
    invoke(run, "prescribe", "collar", "--patient", "Anna Kowalska")
    invoke(run, "prescribe", "collar", "--patient", "Anna Kowalska", "--sessions", "6")
    folder = run.paths.data_dir / "prescriptions" / "anna-kowalska"
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["v0001-collar.toml", "v0002-collar.toml"]
    assert {stat.S_IMODE((folder / f).stat().st_mode) for f in files} == {0o600}
    assert "sessions = 10" in (folder / files[0]).read_text()


def test_prescriptions_lists_each_patient_with_the_latest_version(run: Context) -> None:
    invoke(run, "prescribe", "collar", "--patient", "Anna Kowalska")
    invoke(run, "prescribe", "collar", "--patient", "Anna Kowalska", "--sessions", "6")
    invoke(run, "prescribe", "lumbar", "--patient", "Ben Ode", "--start", "2026-12-01")
    code, out, _ = invoke(run, "prescriptions", "--json")
    assert code == 0
    data = json.loads(out)
    assert [(d["patient"], d["version"], d["versions"]) for d in data] == [
        ("Anna Kowalska", 2, 2),
        ("Ben Ode", 1, 1),
    ]
    assert data[0]["course"] == {"sessions": 6, "frequency": "daily", "break_days": 10}
    assert data[1]["start"] == "2026-12-01"
    assert data[0]["fingerprint"].startswith("sha256:")
    assert set(data[0]) == {
        "patient",
        "version",
        "versions",
        "date",
        "start",
        "routine",
        "title",
        "base",
        "course",
        "minutes",
        "fingerprint",
        "path",
    }


def test_prescriptions_without_any_says_how_to_make_one(run: Context) -> None:
    assert "No prescriptions yet" in invoke(run, "prescriptions")[1]


def test_prescribe_from_a_patient_starts_from_their_latest_version(run: Context) -> None:
    invoke(run, "prescribe", "collar", "--patient", "Anna", "--skip", "3")
    code, _, _ = invoke(run, "prescribe", "--from", "Anna", "--sessions", "6")
    assert code == 0
    latest = json.loads(invoke(run, "prescriptions", "--json")[1])[0]
    assert (latest["version"], latest["course"]["sessions"], latest["base"]) == (2, 6, "collar")
    kept = parse_routine(Path(latest["path"]).read_text(), Path(latest["path"]))
    assert len(kept.steps) == len(collar().steps) - 1


def test_prescribe_from_an_unknown_patient_names_the_known_ones(run: Context) -> None:
    invoke(run, "prescribe", "collar", "--patient", "Anna")
    code, _, err = invoke(run, "prescribe", "--from", "Zoe")
    assert code == 2
    assert "no prescription for 'Zoe'" in err
    assert "patients: Anna" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("collar",), "--patient NAME is required"),
        (("collar", "--patient", "A", "--seconds", "four"), "--seconds must be STEP=SECONDS"),
        (("collar", "--patient", "A", "--start", "soon"), "--start must be a date"),
        (("collar", "--patient", "A", "--start", "2026-11-01"), "--start 2026-11-01 is before"),
        (("collar", "--patient", "A", "--pressure", "firm"), "--pressure must be light or usual"),
        (("collar", "--patient", "A", "-o", "anna.pdf"), "its name ends in .toml"),
        (("nope", "--patient", "A"), "no routine 'nope'"),
    ],
)
def test_bad_prescribe_options_exit_2_with_the_reason(
    run: Context, args: tuple[str, ...], message: str
) -> None:
    code, _, err = invoke(run, "prescribe", *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


# -- the patient's side ----------------------------------------------------------------


def test_an_installed_prescription_is_recommended_first(run: Context, tmp_path: Path) -> None:
    target = tmp_path / "rx.toml"
    invoke(run, "prescribe", "relaxation", "--patient", "Anna", "-o", str(target))
    assert invoke(run, "routines", "install", str(target))[0] == 0
    catalog = Context(paths=run.paths).catalog
    questions = load_questionnaire()
    verdict = evaluate(dict.fromkeys((q.id for q in questions), False), questions, catalog)
    chosen = recommend("lower-back", None, verdict, catalog)
    assert chosen.routine.id == "lumbar"  # a complaint it was not made for keeps its routine
    chosen = recommend(None, None, verdict, catalog)
    assert chosen.routine.prescription is not None
    assert chosen.reason.startswith("Relaxation")
    assert "prescribed for you by Dr Maria Weber on 2026-11-21" in chosen.reason


def test_a_prescriptions_course_counts_from_its_start_date(run: Context, tmp_path: Path) -> None:
    target = tmp_path / "rx.toml"
    invoke(run, "prescribe", "collar", "--patient", "A", "--start", "2026-11-25", "-o", str(target))
    routine = parse_routine(target.read_text(), target)
    days = [date(2026, 11, 21), date(2026, 11, 22), date(2026, 11, 25)]
    assert course_progress(days, routine.course, date(2026, 11, 25)).done == 3  # the arithmetic
    invoke(run, "routines", "install", str(target))
    journal = run.journal()
    with journal:
        for day in days:
            at = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
            session = journal.begin_session(routine, started_at=at, verdict=None, pain_before=None)
            journal.finish_session(
                session,
                ended_at=at,
                outcome="completed",
                actual_seconds=600,
                paused_seconds=0,
                pain_after=None,
                pain_where=None,
                note=None,
            )
        progress = journal.course_progress(routine, today=date(2026, 11, 25))
    assert progress.done == 1
