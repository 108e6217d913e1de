"""The screen and recommend commands, and the daily path, through the CLI."""

from __future__ import annotations

import json
import os
import shlex
import sys
from datetime import datetime
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.paths import Paths
from selfmassage.routines.catalog import load_catalog
from selfmassage.screening.questions import load_questionnaire
from selfmassage.screening.saved import SavedScreening, load_saved, save_screening
from sessionkit import FakeClock

QUESTIONS = load_questionnaire()
IDS = [q.id for q in QUESTIONS]
ALL_NO = "n\n" * len(QUESTIONS)
NOT_ADVICE = "This is not medical advice; see a doctor for a diagnosis."

runner = CliRunner()


@pytest.fixture
def run(isolated_home: Path) -> Context:
    """The run's context on a fake clock, so a session started here takes no real time."""
    return Context(
        paths=Paths.under(isolated_home), clock=FakeClock(wall=datetime.now().astimezone())
    )


def no_for(routine: str) -> str:
    """The "n" replies to what a first start of ``routine`` asks: one for the questions about
    now (all on one screen), then one for each lasting question of its areas."""
    areas = load_catalog().routines[routine].areas
    lasting = [q for q in QUESTIONS if not q.every_session and (q.general or set(q.areas) & areas)]
    return "n\n" * (1 + len(lasting))


def answers_file(tmp_path: Path, *yes: str, skip: tuple[str, ...] = (), extra: str = "") -> Path:
    lines = [f"{qid} = {'true' if qid in yes else 'false'}" for qid in IDS if qid not in skip]
    path = tmp_path / "answers.toml"
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


def save_now(run: Context, *yes: str) -> None:
    """A screening from the run's now, with ``yes`` to the questions named."""
    now = run.clock.now()
    save_screening(
        SavedScreening({qid: qid in yes for qid in IDS}, "clear", now, now),
        run.paths.screening_file,
    )


def sessions_started(run: Context) -> list[tuple[str, str]]:
    """The sessions in the journal, as (routine id, screening verdict)."""
    exported = json.loads(runner.invoke(app, ["export"], obj=run).stdout)
    return [(session["routine"], session["verdict"]) for session in exported["sessions"]]


# -- screen --list -----------------------------------------------------------------------


def test_list_json_gives_every_question_with_its_keys(run: Context) -> None:
    result = runner.invoke(app, ["screen", "--list", "--json"], obj=run)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [item["id"] for item in data] == IDS
    assert {"id", "text", "tier", "areas", "temporary"} <= set(data[0])
    rash = next(item for item in data if item["id"] == "skin-neck-shoulders")
    assert (rash["tier"], rash["areas"], rash["temporary"]) == ("local", ["neck-shoulders"], False)


def test_list_shows_the_questions_and_the_disclaimer(run: Context) -> None:
    result = runner.invoke(app, ["screen", "--list"], obj=run)
    assert result.exit_code == 0
    assert "skin-neck-shoulders  local · neck-shoulders · kept for some days" in result.stdout
    assert NOT_ADVICE in result.stdout


# -- screen --answers --------------------------------------------------------------------


def test_answers_json_has_verdict_allowed_excluded_reasons(run: Context, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["screen", "--answers", str(answers_file(tmp_path, "skin-lower-back")), "--json"],
        obj=run,
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {"verdict", "allowed", "excluded", "reasons"} <= set(data)
    assert data["verdict"] == "local"
    assert data["allowed"] == ["collar", "relaxation"]
    assert data["excluded"] == {
        "lumbar": "it works on the lower back, and you answered yes to 'skin-lower-back'"
    }
    assert len(data["reasons"]) == 1


def test_answers_are_saved_as_the_screening(run: Context, tmp_path: Path) -> None:
    runner.invoke(
        app, ["screen", "--answers", str(answers_file(tmp_path, "fever")), "--json"], obj=run
    )
    saved, _ = load_saved(run.paths.screening_file)
    assert saved is not None
    assert saved.verdict == "stop"
    assert saved.answers["fever"] is True


def test_answers_without_json_show_the_verdict_panel(run: Context, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["screen", "--answers", str(answers_file(tmp_path, "fever"))], obj=run
    )
    assert result.exit_code == 0
    assert "Screening: STOP" in result.stdout
    assert "No session until a doctor has cleared it." in result.stdout
    assert NOT_ADVICE in result.stdout


def test_an_unknown_question_id_exits_2_naming_it(run: Context, tmp_path: Path) -> None:
    path = answers_file(tmp_path, extra="fevr = false\n")
    result = runner.invoke(app, ["screen", "--answers", str(path), "--json"], obj=run)
    assert result.exit_code == 2
    line = len(IDS) + 1
    assert result.stderr == (
        f"selfmassage: error: {path}:{line}: unknown question 'fevr' (did you mean 'fever'?)\n"
    )
    assert result.stdout == ""


def test_unanswered_questions_exit_2_naming_them(run: Context, tmp_path: Path) -> None:
    path = answers_file(tmp_path, skip=("fever", "diabetes"))
    result = runner.invoke(app, ["screen", "--answers", str(path)], obj=run)
    assert result.exit_code == 2
    assert result.stderr == (
        f"selfmassage: error: {path}: 2 questions not answered: fever, diabetes\n"
    )
    assert not run.paths.screening_file.exists()


def test_an_answer_that_is_not_true_or_false_exits_2(run: Context, tmp_path: Path) -> None:
    path = answers_file(tmp_path, skip=("fever",), extra='fever = "no"\n')
    result = runner.invoke(app, ["screen", "--answers", str(path)], obj=run)
    assert result.exit_code == 2
    line = len(IDS)
    assert result.stderr == (
        f"selfmassage: error: {path}:{line}: 'fever' must be true or false, got a string\n"
    )


def test_an_answers_file_that_is_not_toml_exits_2_with_the_parser_line(
    run: Context, tmp_path: Path
) -> None:
    path = tmp_path / "answers.toml"
    path.write_text("fever = false\nchest-pain = maybe\n", encoding="utf-8")
    result = runner.invoke(app, ["screen", "--answers", str(path)], obj=run)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"selfmassage: error: {path}:2: not valid TOML: ")


def test_a_missing_answers_file_exits_2(run: Context, tmp_path: Path) -> None:
    result = runner.invoke(app, ["screen", "--answers", str(tmp_path / "nope.toml")], obj=run)
    assert result.exit_code == 2
    assert result.stderr == f"selfmassage: error: {tmp_path / 'nope.toml'}: no such file\n"


def test_list_and_answers_together_exit_2(run: Context, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["screen", "--list", "--answers", str(answers_file(tmp_path))], obj=run
    )
    assert result.exit_code == 2
    assert result.stderr == "selfmassage: error: use only one of --list, --answers\n"


def test_json_without_list_or_answers_exits_2(run: Context) -> None:
    result = runner.invoke(app, ["screen", "--json"], obj=run)
    assert result.exit_code == 2
    assert result.stderr == (
        "selfmassage: error: --json needs --list, --answers, --clearances or --revoke\n"
        "  the questions are asked interactively\n"
    )


# -- screen (interactive) ----------------------------------------------------------------


def test_screen_asks_every_question_and_ends_with_the_verdict_panel(run: Context) -> None:
    result = runner.invoke(app, ["screen"], input=ALL_NO, obj=run)
    assert result.exit_code == 0
    assert f"1/{len(QUESTIONS)}  Do you have chest pain" in result.stdout
    assert "Screening: CLEAR" in result.stdout
    assert "Nothing you reported rules out self-massage today." in result.stdout
    assert NOT_ADVICE in result.stdout
    assert "it does not treat or reverse spinal disease" in result.stdout
    saved, _ = load_saved(run.paths.screening_file)
    assert saved is not None
    assert saved.verdict == "clear"


def test_question_mark_explains_and_b_goes_back(run: Context) -> None:
    result = runner.invoke(
        app, ["screen"], input="?\nn\nb\nn\n" + "n\n" * (len(QUESTIONS) - 1), obj=run
    )
    assert result.exit_code == 0
    assert "Why we ask: Chest pain can be a sign of a heart problem" in result.stdout
    saved, _ = load_saved(run.paths.screening_file)
    assert saved is not None
    assert saved.answers["chest-pain"] is False
    assert saved.verdict == "clear"


def test_an_unclear_reply_asks_again(run: Context) -> None:
    result = runner.invoke(app, ["screen"], input="maybe\n" + ALL_NO, obj=run)
    assert result.exit_code == 0
    assert "Please answer y or n (? explains why we ask, b goes back)." in result.stdout


def test_the_panel_lists_the_answers_that_caused_the_verdict_and_what_to_do(run: Context) -> None:
    replies = ["y" if q.id == "neck-sudden-headache" else "n" for q in QUESTIONS]
    result = runner.invoke(app, ["screen"], input="\n".join(replies) + "\n", obj=run)
    assert result.exit_code == 0
    assert "Screening: URGENT" in result.stdout
    assert "[red flag] Today or since your last session, have you had a sudden, severe" in (
        result.stdout
    )
    assert "Get medical help now: call your local emergency number." in result.stdout
    assert "No routine may be done today." in result.stdout


def test_an_urgent_yes_ends_the_screening_at_once(run: Context) -> None:
    result = runner.invoke(app, ["screen"], input="y\n", obj=run)  # chest pain: question 1
    assert result.exit_code == 0
    assert f"2/{len(QUESTIONS)}" not in result.stdout
    assert result.stdout.count("Get medical help now: call your local emergency number.") == 1
    assert "selfmassage: error" not in result.stdout + result.stderr


def test_the_screening_starts_by_saying_how_many_questions_and_how_long(run: Context) -> None:
    result = runner.invoke(app, ["screen"], input=ALL_NO, obj=run)
    assert result.stdout.startswith(
        f"Screening: {len(QUESTIONS)} yes/no questions, about "
        f"{round(len(QUESTIONS) * 5 / 60)} minutes, about your health today."
    )


def test_end_of_input_during_the_questions_exits_1_and_keeps_the_answers_so_far(
    run: Context,
) -> None:
    result = runner.invoke(app, ["screen"], input="n\nn\n", obj=run)
    assert result.exit_code == 1
    assert result.stderr == (
        "selfmassage: error: input ended before the questions were answered; "
        "the answers so far are kept for today\n"
    )
    saved, _ = load_saved(run.paths.screening_file)
    assert saved is not None and saved.progress is not None
    assert saved.progress.answers == {IDS[0]: False, IDS[1]: False}
    assert saved.answers == {}  # no screening yet: nothing counts before the last answer


def test_an_interrupted_screening_resumes_the_same_day(run: Context) -> None:
    runner.invoke(app, ["screen"], input="n\nn\n", obj=run)
    result = runner.invoke(app, ["screen"], input="n\n" * (len(QUESTIONS) - 2), obj=run)
    assert result.exit_code == 0
    assert "Going on with the screening you started earlier today." in result.stdout
    assert f"1/{len(QUESTIONS) - 2}  {QUESTIONS[2].text[:30]}" in result.stdout
    assert "Screening: CLEAR" in result.stdout


def test_ctrl_c_during_the_questions_exits_130_and_keeps_the_answers_so_far(
    run: Context, tmp_path: Path
) -> None:
    errors = tmp_path / "stderr.txt"
    command = (
        f"exec {shlex.quote(sys.executable)} -m selfmassage screen 2> {shlex.quote(str(errors))}"
    )
    child = pexpect.spawn(
        "sh",
        ["-c", command],
        encoding="utf-8",
        timeout=20,
    )
    child.expect_exact("[y/n/?/b] > ")
    child.send("n")  # one key, no Enter
    child.expect_exact("2/")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert errors.read_text(encoding="utf-8") == "\nselfmassage: interrupted\n"
    saved, _ = load_saved(run.paths.screening_file)
    assert saved is not None and saved.progress is not None
    assert saved.progress.answers == {IDS[0]: False}


# -- recommend ---------------------------------------------------------------------------


def test_recommend_json_has_routine_reason_alternatives(run: Context) -> None:
    save_now(run)
    result = runner.invoke(app, ["recommend", "--complaint", "neck", "--json"], obj=run)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["routine"] == "collar"
    assert data["reason"] == "Collar zone (collar) is made for neck and shoulder pain or stiffness."
    assert data["alternatives"] == ["relaxation", "lumbar"]
    assert (data["verdict"], data["screening"]) == ("clear", "today")


def test_recommend_never_picks_an_excluded_routine(run: Context) -> None:
    save_now(run, "skin-lower-back")
    result = runner.invoke(app, ["recommend", "--complaint", "lower-back", "--json"], obj=run)
    data = json.loads(result.stdout)
    assert data["routine"] == "relaxation"
    assert data["reason"].startswith("Lower back is left out today (")
    assert "lumbar" not in data["alternatives"]


def test_recommend_minutes_shortens_and_says_so(run: Context) -> None:
    save_now(run)
    result = runner.invoke(app, ["recommend", "--complaint", "neck", "--minutes", "5"], obj=run)
    assert result.exit_code == 0
    assert "Collar zone (collar), about 5 minutes" in result.stdout
    assert "shortened from 11.8 to 5 minutes" in " ".join(result.stdout.replace("│", "").split())


def test_recommend_refuses_on_a_stop_screening_with_exit_3(run: Context) -> None:
    save_now(run, "infection")
    result = runner.invoke(app, ["recommend"], obj=run)
    assert result.exit_code == 3
    assert result.stderr.startswith(
        "selfmassage: error: screening verdict 'stop': No session until a doctor has cleared it."
    )


def test_recommend_without_a_screening_warns_to_screen_first(run: Context) -> None:
    result = runner.invoke(app, ["recommend", "--json"], obj=run)
    assert result.exit_code == 0
    assert result.stderr == (
        "selfmassage: warning: no screening on file from the last days; "
        "run 'selfmassage screen' before a session\n"
    )
    assert json.loads(result.stdout)["screening"] == "none"


def test_a_corrupt_saved_screening_is_reported_before_bad_settings_stop_the_run(
    run: Context,
) -> None:
    run.paths.screening_file.parent.mkdir(parents=True)
    run.paths.screening_file.write_text("garbage = [", encoding="utf-8")
    run.paths.settings_file.parent.mkdir(parents=True)
    run.paths.settings_file.write_text("bell = 3\n", encoding="utf-8")
    result = runner.invoke(app, ["recommend"], obj=run)
    assert result.exit_code == 2
    warning, error = result.stderr.splitlines()
    assert warning.startswith(
        f"selfmassage: warning: the saved screening {run.paths.screening_file}"
    )
    assert error == (
        f"selfmassage: error: {run.paths.settings_file}:1: 'bell' must be a boolean, got an integer"
    )


def test_recommend_rejects_an_unknown_complaint(run: Context) -> None:
    result = runner.invoke(app, ["recommend", "--complaint", "knee"], obj=run)
    assert result.exit_code == 2


# -- help and the daily path -------------------------------------------------------------


@pytest.mark.parametrize("command", ["screen", "recommend"])
def test_help_says_this_is_not_medical_advice(run: Context, command: str) -> None:
    result = runner.invoke(app, [command, "--help"], obj=run)
    assert result.exit_code == 0
    assert " ".join(NOT_ADVICE.split()) in " ".join(result.stdout.split())


def test_the_daily_path_screens_asks_the_complaint_confirms_and_starts_the_session(
    run: Context,
) -> None:
    result = runner.invoke(app, [], input="2\n" + no_for("lumbar") + "y\n", obj=run)
    assert result.exit_code == 0
    assert "What would you like help with today?" in result.stdout
    assert "Lower back (lumbar), about 8 minutes" in result.stdout
    assert "Lower back: complete" in result.stdout
    assert sessions_started(run) == [("lumbar", "clear")]
    assert run.paths.screening_file.exists()


def test_the_daily_path_skips_the_questions_when_screened_today(
    run: Context,
) -> None:
    save_now(run)
    result = runner.invoke(app, [], input="\nn\n", obj=run)
    assert result.exit_code == 0
    assert "1/" not in result.stdout
    assert "No session today." in result.stdout
    assert not run.paths.journal_file.exists()


def test_the_daily_path_can_take_an_alternative_routine(run: Context) -> None:
    save_now(run)
    result = runner.invoke(app, [], input="1\nrelaxation\n", obj=run)
    assert result.exit_code == 0
    assert sessions_started(run) == [("relaxation", "clear")]


def test_the_daily_path_with_caution_asks_once_and_plays_the_routine_without_tapping(
    run: Context,
) -> None:
    save_now(run, "osteoporosis-steroids")
    result = runner.invoke(app, [], input="1\ny\n", obj=run)
    assert result.exit_code == 0
    assert result.stdout.count("Your screening asks for care:") == 1
    assert (
        "Start collar now with light pressure and no tapping? [y/n or another routine id] > "
        in result.stdout
    )
    assert "[00:00] Collar zone: 11 steps, 11:00; starting in 3 s" in result.stdout
    assert sessions_started(run) == [("collar", "caution")]


def test_the_daily_menu_and_the_complaint_option_offer_the_same_complaints_in_order(
    run: Context,
) -> None:
    save_now(run)
    daily = runner.invoke(app, [], input="\nn\n", obj=run)
    assert (
        "  1  neck and shoulder pain or stiffness\n"
        "  2  lower-back pain from sitting or static load\n"
        "  3  neck and shoulder tension\n"
        "  4  trouble winding down before sleep\n"
        "  5  tiredness and stress\n"
        "  Enter  nothing in particular\n"
    ) in daily.stdout
    help_text = runner.invoke(app, ["recommend", "--help"], obj=run).stdout
    assert "--complaint <neck|lower-back|tension|sleep|fatigue>" in help_text


def test_the_daily_menu_takes_a_complaint_by_name_and_explains_a_wrong_reply(
    run: Context,
) -> None:
    save_now(run)
    result = runner.invoke(app, [], input="9\nlower-back\nn\n", obj=run)
    assert "Please type a number from 1 to 5, or press Enter." in result.stdout
    assert "Lower back (lumbar), about 8 minutes" in result.stdout


def test_the_daily_path_refuses_on_a_stop_screening_with_exit_3_and_shows_it_once(
    run: Context,
) -> None:
    save_now(run, "stomach-upset")
    result = runner.invoke(app, [], input="\n", obj=run)
    assert result.exit_code == 3
    assert "Screening: STOP" in result.stdout
    assert result.stdout.count("Wait until you have been well for a day") == 1
    assert result.stderr == ""  # advice, not an error


# -- start at a terminal -------------------------------------------------------------------


def start_in_a_terminal(routine: str) -> pexpect.spawn:
    """``selfmassage start ROUTINE`` in a real pseudo-terminal, so the screening may ask."""
    env = dict(os.environ, TERM="xterm-256color")
    for name in ("COLUMNS", "LINES"):
        env.pop(name, None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "selfmassage", "start", routine],
        env=env,
        encoding="utf-8",
        timeout=20,
    )


def test_a_start_at_a_terminal_refused_by_the_screening_shows_the_verdict_panel(
    run: Context,
) -> None:
    save_now(run, "fever")
    child = start_in_a_terminal("collar")
    child.expect_exact("Screening: STOP")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 3
    assert "selfmassage: error" not in (child.before or "")  # shown once, as advice


def test_a_start_at_a_terminal_asks_to_go_on_with_care_and_stops_when_declined(
    run: Context,
) -> None:
    save_now(run, "diabetes")
    child = start_in_a_terminal("collar")
    child.expect_exact("Your screening asks for care:")
    child.expect_exact("Go on with light pressure and no tapping? [y/n] > ")
    child.sendline("n")
    child.expect_exact("selfmassage: error: you chose not to go on today")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 3
    assert not run.paths.journal_file.exists()
