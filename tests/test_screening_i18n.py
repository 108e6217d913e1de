"""The screening, the recommendation, the routines' views and the daily path in Russian and
Ukrainian (issue 16): no English left, the panels and tables within 80 and 60 columns,
plural forms by each language's rule, and the JSON the same bytes in every language."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from i18nkit import english_left
from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.i18n import use
from selfmassage.paths import Paths
from selfmassage.routines.fit import fit
from selfmassage.routines.model import AREAS, Course
from selfmassage.screening.questions import load_questionnaire
from selfmassage.screening.saved import SavedScreening, save_screening
from selfmassage.screening.view import about
from selfmassage.style import cell_width
from sessionkit import FakeClock

QUESTIONS = load_questionnaire()
IDS = [q.id for q in QUESTIONS]
LANGS = ("ru", "uk")
WIDTHS = (80, 60)
# One answer that brings each verdict (the questionnaire's own tiers).
TIER_ANSWERS = {
    "clear": (),
    "caution": ("osteoporosis-steroids",),
    "local": ("skin-lower-back",),
    "stop": ("stomach-upset",),
    "urgent": ("chest-pain",),
}
# A word each language's verdict panel must say (the screening itself: опрос / опитування).
SCREENING_WORD = {"ru": "Опрос", "uk": "Опитування"}

runner = CliRunner()


def context(home: Path, language: str) -> Context:
    return Context(
        paths=Paths.under(home),
        clock=FakeClock(wall=datetime.now().astimezone()),
        language=language,
    )


def invoke(run: Context, args: list[str], *, width: int = 80, given: str = "") -> str:
    result = runner.invoke(app, args, input=given, obj=run, env={"COLUMNS": str(width)})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.stdout


def answers_file(tmp_path: Path, *yes: str) -> Path:
    path = tmp_path / "answers.toml"
    path.write_text("".join(f"{q} = {'true' if q in yes else 'false'}\n" for q in IDS))
    return path


def fits(text: str, width: int) -> bool:
    return all(cell_width(line) <= width for line in text.splitlines())


def without_ids(text: str) -> str:
    """``text`` without the questions' and areas' ids (``chest-pain``, ``lower-back``): ids
    stay as they are in every language."""
    for qid in sorted([*IDS, *AREAS], key=len, reverse=True):
        text = text.replace(qid, " ")
    return text


def as_on_a_terminal(text: str) -> str:
    """The reply typed after a prompt ends its line on a terminal; here input is not echoed."""
    return text.replace("> ", ">\n")


# The key as printed on the keyboard, in every language.
KEYS = {"Enter"}


@pytest.mark.parametrize("language", LANGS)
def test_the_questions_list_is_all_in_the_language(isolated_home: Path, language: str) -> None:
    out = invoke(context(isolated_home, language), ["screen", "--list"])
    assert english_left(without_ids(out)) == []
    assert {"ru": "Вопросы опроса", "uk": "Запитання опитування"}[language] in out


@pytest.mark.parametrize("language", LANGS)
def test_show_is_all_in_the_language_and_fits(isolated_home: Path, language: str) -> None:
    out = invoke(context(isolated_home, language), ["show", "collar"], width=80)
    assert english_left(out) == []
    assert fits(out, 80)
    assert {"ru": "поглаживание", "uk": "погладжування"}[language] in out.lower()
    assert {"ru": "10 сеансов", "uk": "10 сеансів"}[language] in out


@pytest.mark.parametrize("language", LANGS)
def test_shows_panel_fits_60_columns(isolated_home: Path, language: str) -> None:
    """The facts' panel wraps to 60; the steps table below runs wider rather than cut a
    word in pieces (``textable``), in English too."""
    out = invoke(context(isolated_home, language), ["show", "collar"], width=60)
    panel = out[: out.index("╯") + 1]
    assert fits(panel, 60)
    assert english_left(out) == []


@pytest.mark.parametrize("language", LANGS)
def test_the_routines_listing_is_in_the_language_and_fits(
    isolated_home: Path, language: str
) -> None:
    """80 columns; at 60 its seven columns run wider in every language (words are never cut)."""
    out = invoke(context(isolated_home, language), ["routines"], width=80)
    assert english_left(out) == []
    assert fits(out, 80)
    assert "11,8" in out  # the decimal comma


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGS)
def test_the_recommendation_is_in_the_language_and_fits(
    isolated_home: Path, language: str, width: int
) -> None:
    run = context(isolated_home, language)
    out = invoke(run, ["recommend", "--complaint", "neck"], width=width)
    assert english_left(out) == []
    assert fits(out, width)
    assert {"ru": "Рекомендуется", "uk": "Рекомендовано"}[language] in out


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("tier", TIER_ANSWERS)
@pytest.mark.parametrize("language", LANGS)
def test_each_verdict_is_in_the_language_and_fits(
    isolated_home: Path, tmp_path: Path, language: str, tier: str, width: int
) -> None:
    path = answers_file(tmp_path, *TIER_ANSWERS[tier])
    out = invoke(context(isolated_home, language), ["screen", "--answers", str(path)], width=width)
    assert english_left(out) == []
    assert fits(out, width)
    assert SCREENING_WORD[language] in out


@pytest.mark.parametrize("language", LANGS)
def test_the_daily_path_asks_everything_in_the_language(isolated_home: Path, language: str) -> None:
    """First run: the complaint, the questions about now, the lasting ones, the pick; no."""
    run = context(isolated_home, language)
    out = invoke(run, [], width=60, given="1\n" + "n\n" * len(QUESTIONS) + "n\n")
    assert english_left(out, KEYS) == []
    assert fits(as_on_a_terminal(out), 60)
    assert {"ru": "С чем вам сегодня помочь?", "uk": "З чим вам сьогодні допомогти?"}[
        language
    ] in out
    assert {"ru": "Комплекс на сегодня", "uk": "Комплекс на сьогодні"}[language] in out
    assert {"ru": "Сегодня без сеанса.", "uk": "Сьогодні без сеансу."}[language] in out


@pytest.mark.parametrize("language", LANGS)
def test_the_daily_path_with_caution_confirms_in_the_language(
    isolated_home: Path, language: str
) -> None:
    run = context(isolated_home, language)
    now = run.clock.now()
    answers = {qid: qid == "osteoporosis-steroids" for qid in IDS}
    save_screening(SavedScreening(answers, "caution", now, now), run.paths.screening_file)
    out = invoke(run, [], width=60, given="\nn\n")
    assert english_left(out, KEYS) == []
    assert {"ru": "без поколачивания", "uk": "без поплескування"}[language] in out


@pytest.mark.parametrize(
    "args",
    [
        ["screen", "--list", "--json"],
        ["recommend", "--json"],
        ["recommend", "--complaint", "neck", "--minutes", "5", "--json"],
        ["routines", "--json"],
        ["show", "collar", "--json"],
    ],
)
def test_the_json_is_the_same_bytes_in_every_language(isolated_home: Path, args: list[str]) -> None:
    english = invoke(context(isolated_home, "en"), args)
    json.loads(english)
    for language in LANGS:
        assert invoke(context(isolated_home, language), args) == english


@pytest.mark.parametrize("tier", ["local", "caution", "stop"])
def test_the_verdicts_json_is_the_same_bytes_in_every_language(
    isolated_home: Path, tmp_path: Path, tier: str
) -> None:
    args = ["screen", "--answers", str(answers_file(tmp_path, *TIER_ANSWERS[tier])), "--json"]
    english = invoke(context(isolated_home, "en"), args)
    assert json.loads(english)["verdict"] == tier
    for language in LANGS:
        assert invoke(context(isolated_home, language), args) == english


def test_an_error_of_a_json_run_is_still_in_the_language(
    isolated_home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "answers.toml"
    path.write_text("fever = false\n")
    result = runner.invoke(
        app, ["screen", "--answers", str(path), "--json"], obj=context(isolated_home, "ru")
    )
    assert result.exit_code == 2
    assert "вопросов без ответа" in result.stderr or "без ответа" in result.stderr


@pytest.mark.parametrize(
    ("count", "words"),
    [
        (1, "1 вопрос «да/нет», около 1 минуты"),
        (2, "2 вопроса «да/нет», около 1 минуты"),
        (5, "5 вопросов «да/нет», около 1 минуты"),
        (21, "21 вопрос «да/нет», около 2 минут"),
    ],
)
def test_how_many_questions_follows_the_russian_plural(count: int, words: str) -> None:
    use("ru")
    assert about(count) == words


@pytest.mark.parametrize(
    ("sessions", "words"),
    [
        (1, "1 сеанс, щодня"),
        (2, "2 сеанси, щодня"),
        (5, "5 сеансів, щодня"),
        (21, "21 сеанс, щодня"),
    ],
)
def test_a_course_follows_the_ukrainian_plural(sessions: int, words: str) -> None:
    use("uk")
    assert Course(sessions, "daily", 0).describe() == words


def test_the_break_after_a_course_counts_its_days_in_russian() -> None:
    use("ru")
    assert Course(10, "daily", 21).describe().endswith("перерыв 21 день перед повтором")
    assert Course(10, "daily", 2).describe().endswith("перерыв 2 дня перед повтором")


def test_the_fit_report_says_minutes_with_the_decimal_comma(isolated_home: Path) -> None:
    routine = context(isolated_home, "uk").routine("collar")
    use("uk")
    report = fit(routine, 4).report
    assert report is not None
    assert report.startswith("скорочено з 11,8 до 4 хв")
    assert english_left(report) == []


def test_the_hold_sentence_gives_the_date_in_words() -> None:
    from selfmassage.screening.standing import Hold

    use("ru")
    when = datetime(2026, 11, 21, 9, 0).astimezone()
    hold = Hold("h1", when, "collar", ("neck-shoulders",))
    assert "21 ноября 2026" in hold.describe()
    assert english_left(hold.describe()) == []
    assert date(2026, 11, 21) == when.date()


@pytest.mark.parametrize(
    ("language", "words"),
    [("ru", "нет комплекса 'colar' — может быть, 'collar'?"), ("uk", "немає комплексу 'colar'")],
)
def test_an_unknown_routine_is_named_in_the_language(
    isolated_home: Path, language: str, words: str
) -> None:
    result = runner.invoke(app, ["show", "colar"], obj=context(isolated_home, language))
    assert words in result.stderr
