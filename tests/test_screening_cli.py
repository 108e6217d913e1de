"""The screen and recommend commands, and the daily path, through the CLI."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from homekit import home
from selfmassage.cli.app import app
from selfmassage.screening.questions import load_questionnaire
from selfmassage.screening.saved import SavedScreening, load_saved, save_screening

QUESTIONS = load_questionnaire()
IDS = [q.id for q in QUESTIONS]
ALL_NO = "n\n" * len(QUESTIONS)
NOT_ADVICE = "This is not medical advice; see a doctor for a diagnosis."

runner = CliRunner()


def answers_file(tmp_path: Path, *yes: str, skip: tuple[str, ...] = (), extra: str = "") -> Path:
    lines = [f"{qid} = {'true' if qid in yes else 'false'}" for qid in IDS if qid not in skip]
    path = tmp_path / "answers.toml"
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


def save_now(*yes: str) -> None:
    now = datetime.now().astimezone()
    save_screening(
        SavedScreening({qid: qid in yes for qid in IDS}, "clear", now, now), home().screening_file
    )


# -- screen --list -----------------------------------------------------------------------


def test_list_json_gives_every_question_with_its_keys() -> None:
    result = runner.invoke(app, ["screen", "--list", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [item["id"] for item in data] == IDS
    assert {"id", "text", "tier", "areas", "temporary"} <= set(data[0])
    rash = next(item for item in data if item["id"] == "skin-neck-shoulders")
    assert (rash["tier"], rash["areas"], rash["temporary"]) == ("local", ["neck-shoulders"], False)


def test_list_shows_the_questions_and_the_disclaimer() -> None:
    result = runner.invoke(app, ["screen", "--list"])
    assert result.exit_code == 0
    assert "skin-neck-shoulders  local · neck-shoulders · kept for some days" in result.stdout
    assert NOT_ADVICE in result.stdout


# -- screen --answers --------------------------------------------------------------------


def test_answers_json_has_verdict_allowed_excluded_reasons(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["screen", "--answers", str(answers_file(tmp_path, "skin-lower-back")), "--json"]
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


def test_answers_are_saved_as_the_screening(tmp_path: Path) -> None:
    runner.invoke(app, ["screen", "--answers", str(answers_file(tmp_path, "fever")), "--json"])
    saved, _ = load_saved(home().screening_file)
    assert saved is not None
    assert saved.verdict == "stop"
    assert saved.answers["fever"] is True


def test_answers_without_json_show_the_verdict_panel(tmp_path: Path) -> None:
    result = runner.invoke(app, ["screen", "--answers", str(answers_file(tmp_path, "fever"))])
    assert result.exit_code == 0
    assert "Screening: STOP" in result.stdout
    assert "No session until a doctor has cleared it." in result.stdout
    assert NOT_ADVICE in result.stdout


def test_an_unknown_question_id_exits_2_naming_it(tmp_path: Path) -> None:
    path = answers_file(tmp_path, extra="fevr = false\n")
    result = runner.invoke(app, ["screen", "--answers", str(path), "--json"])
    assert result.exit_code == 2
    line = len(IDS) + 1
    assert result.stderr == (
        f"selfmassage: error: {path}:{line}: unknown question 'fevr' (did you mean 'fever'?)\n"
    )
    assert result.stdout == ""


def test_unanswered_questions_exit_2_naming_them(tmp_path: Path) -> None:
    path = answers_file(tmp_path, skip=("fever", "diabetes"))
    result = runner.invoke(app, ["screen", "--answers", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"selfmassage: error: {path}: 2 question(s) not answered: fever, diabetes\n"
    )
    assert not home().screening_file.exists()


def test_an_answer_that_is_not_true_or_false_exits_2(tmp_path: Path) -> None:
    path = answers_file(tmp_path, skip=("fever",), extra='fever = "no"\n')
    result = runner.invoke(app, ["screen", "--answers", str(path)])
    assert result.exit_code == 2
    line = len(IDS)
    assert result.stderr == (
        f"selfmassage: error: {path}:{line}: 'fever' must be true or false, got a string\n"
    )


def test_an_answers_file_that_is_not_toml_exits_2_with_the_parser_line(tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    path.write_text("fever = false\nchest-pain = maybe\n", encoding="utf-8")
    result = runner.invoke(app, ["screen", "--answers", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"selfmassage: error: {path}:2: not valid TOML: ")


def test_a_missing_answers_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["screen", "--answers", str(tmp_path / "nope.toml")])
    assert result.exit_code == 2
    assert result.stderr == f"selfmassage: error: {tmp_path / 'nope.toml'}: no such file\n"


def test_list_and_answers_together_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["screen", "--list", "--answers", str(answers_file(tmp_path))])
    assert result.exit_code == 2
    assert result.stderr == "selfmassage: error: use either --list or --answers, not both\n"


def test_json_without_list_or_answers_exits_2() -> None:
    result = runner.invoke(app, ["screen", "--json"])
    assert result.exit_code == 2
    assert result.stderr == (
        "selfmassage: error: --json needs --list or --answers\n"
        "  the questions are asked interactively\n"
    )


# -- screen (interactive) ----------------------------------------------------------------


def test_screen_asks_every_question_and_ends_with_the_verdict_panel() -> None:
    result = runner.invoke(app, ["screen"], input=ALL_NO)
    assert result.exit_code == 0
    assert f"1/{len(QUESTIONS)}  Do you have chest pain" in result.stdout
    assert "Screening: CLEAR" in result.stdout
    assert "Nothing you reported rules out self-massage today." in result.stdout
    assert NOT_ADVICE in result.stdout
    assert "it does not treat or reverse spinal disease" in result.stdout
    saved, _ = load_saved(home().screening_file)
    assert saved is not None
    assert saved.verdict == "clear"


def test_question_mark_explains_and_b_goes_back() -> None:
    result = runner.invoke(app, ["screen"], input="?\ny\nb\nn\n" + "n\n" * (len(QUESTIONS) - 1))
    assert result.exit_code == 0
    assert "Why we ask: Chest pain can be a sign of a heart problem" in result.stdout
    saved, _ = load_saved(home().screening_file)
    assert saved is not None
    assert saved.answers["chest-pain"] is False
    assert saved.verdict == "clear"


def test_an_unclear_reply_asks_again() -> None:
    result = runner.invoke(app, ["screen"], input="maybe\n" + ALL_NO)
    assert result.exit_code == 0
    assert "Please answer y or n (? explains why we ask, b goes back)." in result.stdout


def test_the_panel_lists_the_answers_that_caused_the_verdict_and_what_to_do() -> None:
    replies = ["y" if q.id == "neck-sudden-headache" else "n" for q in QUESTIONS]
    result = runner.invoke(app, ["screen"], input="\n".join(replies) + "\n")
    assert result.exit_code == 0
    assert "Screening: URGENT" in result.stdout
    assert "[red flag] Have you had a sudden, severe headache" in result.stdout
    assert "Get medical help now: call your local emergency number." in result.stdout
    assert "No routine may be done today." in result.stdout


def test_end_of_input_during_the_questions_exits_1_and_saves_nothing() -> None:
    result = runner.invoke(app, ["screen"], input="n\nn\n")
    assert result.exit_code == 1
    assert result.stderr == (
        "selfmassage: error: input ended before the questions were answered; nothing was saved\n"
    )
    assert not home().screening_file.exists()


def test_ctrl_c_during_the_questions_exits_130_and_saves_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from selfmassage.screening import ask as ui_screening

    def interrupted(self: object, prompt: str) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(ui_screening.Io, "ask", interrupted)
    result = runner.invoke(app, ["screen"])
    assert result.exit_code == 130
    assert result.stderr == "\nselfmassage: interrupted\n"
    assert not home().screening_file.exists()


# -- recommend ---------------------------------------------------------------------------


def test_recommend_json_has_routine_reason_alternatives() -> None:
    save_now()
    result = runner.invoke(app, ["recommend", "--complaint", "neck", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["routine"] == "collar"
    assert data["reason"] == "Collar zone (collar) is made for neck and shoulder pain or stiffness."
    assert data["alternatives"] == ["relaxation", "lumbar"]
    assert (data["verdict"], data["screening"]) == ("clear", "today")


def test_recommend_never_picks_an_excluded_routine() -> None:
    save_now("skin-lower-back")
    result = runner.invoke(app, ["recommend", "--complaint", "lower-back", "--json"])
    data = json.loads(result.stdout)
    assert data["routine"] == "relaxation"
    assert data["reason"].startswith("Lower back is left out today (")
    assert "lumbar" not in data["alternatives"]


def test_recommend_minutes_shortens_and_says_so() -> None:
    save_now()
    result = runner.invoke(app, ["recommend", "--complaint", "neck", "--minutes", "5"])
    assert result.exit_code == 0
    assert "Collar zone (collar), about 5 minutes" in result.stdout
    assert "shortened from 11.8 to 5 minutes" in " ".join(result.stdout.replace("│", "").split())


def test_recommend_refuses_on_a_stop_screening_with_exit_3() -> None:
    save_now("infection")
    result = runner.invoke(app, ["recommend"])
    assert result.exit_code == 3
    assert result.stderr.startswith(
        "selfmassage: error: screening verdict 'stop': No session until a doctor has cleared it."
    )


def test_recommend_without_a_screening_warns_to_screen_first() -> None:
    result = runner.invoke(app, ["recommend", "--json"])
    assert result.exit_code == 0
    assert result.stderr == (
        "selfmassage: warning: no screening on file from the last days; "
        "run 'selfmassage screen' before a session\n"
    )
    assert json.loads(result.stdout)["screening"] == "none"


def test_recommend_rejects_an_unknown_complaint() -> None:
    result = runner.invoke(app, ["recommend", "--complaint", "knee"])
    assert result.exit_code == 2


# -- help and the daily path -------------------------------------------------------------


@pytest.mark.parametrize("command", ["screen", "recommend"])
def test_help_says_this_is_not_medical_advice(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert " ".join(NOT_ADVICE.split()) in " ".join(result.stdout.split())


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Sessions the daily path hands to the player (routine id, verdict), not played here."""
    from selfmassage.cli import session as cli_session

    calls: list[tuple[str, str]] = []
    monkeypatch.setattr(
        cli_session,
        "run_guided",
        lambda ctx, clearance, **options: calls.append((clearance.routine.id, clearance.verdict)),
    )
    return calls


def test_the_daily_path_screens_asks_the_complaint_confirms_and_starts_the_session(
    started: list[tuple[str, str]],
) -> None:
    result = runner.invoke(app, [], input=ALL_NO + "2\ny\n")
    assert result.exit_code == 0
    assert "What would you like help with today?" in result.stdout
    assert "Lower back (lumbar), about 8 minutes" in result.stdout
    assert started == [("lumbar", "clear")]
    assert home().screening_file.exists()


def test_the_daily_path_skips_the_questions_when_screened_today(
    started: list[tuple[str, str]],
) -> None:
    save_now()
    result = runner.invoke(app, [], input="\nn\n")
    assert result.exit_code == 0
    assert "1/" not in result.stdout
    assert "No session today." in result.stdout
    assert started == []


def test_the_daily_path_can_take_an_alternative_routine(started: list[tuple[str, str]]) -> None:
    save_now()
    result = runner.invoke(app, [], input="1\nrelaxation\n")
    assert result.exit_code == 0
    assert started == [("relaxation", "clear")]


def test_the_daily_path_refuses_on_a_stop_screening_with_exit_3() -> None:
    save_now("stomach-upset")
    result = runner.invoke(app, [], input="")
    assert result.exit_code == 3
    assert "Screening: STOP" in result.stdout
