"""The journal commands, every ``--help`` page, usage errors and file problems in Russian
and Ukrainian (issue 16): no English left, plural forms by each language's rule, help
pages within 80 columns, and ``--json`` the same bytes in every language."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from i18nkit import english_left
from selfmassage.cli.app import app
from selfmassage.cli.help import _KIND_METAVAR, render_help
from selfmassage.cli.table import COMMANDS
from selfmassage.context import Context
from selfmassage.i18n import use
from selfmassage.journal.flow import record_paper_session
from selfmassage.paths import Paths
from selfmassage.style import cell_width
from sessionkit import FakeClock

LANGS = ("ru", "uk")
TODAY = date(2026, 3, 20)
# A word each language must use for a session, and for pain.
SESSION = {"ru": "сеанс", "uk": "сеанс"}
PAIN = {"ru": "Боль", "uk": "Біль"}

runner = CliRunner()


def context(home: Path, language: str = "en") -> Context:
    clock = FakeClock(wall=datetime.combine(TODAY, time(18)).astimezone())
    return Context(paths=Paths.under(home), clock=clock, language=language)


def record(home: Path, days: int, *, worse: bool = False) -> None:
    """``days`` sessions from paper, one a day up to today, rated before and after."""
    run = context(home)
    for back in range(days):
        day = date.fromordinal(TODAY.toordinal() - back)
        record_paper_session(
            run,
            "collar",
            day=day.isoformat(),
            minutes=10,
            pain_before=3 if worse else 5,
            pain_after=6 if worse else 2,
        )


def invoke(run: Context, args: list[str], given: str = "") -> tuple[int, str, str]:
    result = runner.invoke(app, args, input=given, obj=run, env={"COLUMNS": "80"})
    return result.exit_code, result.stdout, result.stderr


def fits(text: str, width: int) -> bool:
    return all(cell_width(line) <= width for line in text.splitlines())


# -- history, stats, export, import, forget -------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_history_is_in_the_language(tmp_path: Path, lang: str) -> None:
    record(tmp_path, 2)
    code, out, _ = invoke(context(tmp_path, lang), ["history"])
    assert code == 0
    assert english_left(out) == []
    assert "10,0" in out  # minutes with the decimal comma


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_history_and_stats_say_so_in_the_language(tmp_path: Path, lang: str) -> None:
    for command in (["history"], ["stats"], ["history", "-r", "collar"]):
        code, out, _ = invoke(context(tmp_path, lang), command)
        assert code == 0
        assert out.strip()
        assert english_left(out) == []


@pytest.mark.parametrize("lang", LANGS)
def test_stats_are_in_the_language_within_80_columns(tmp_path: Path, lang: str) -> None:
    record(tmp_path, 3)
    code, out, _ = invoke(context(tmp_path, lang), ["stats"])
    assert code == 0
    assert english_left(out) == []
    assert PAIN[lang] in out
    assert fits(out, 80)


@pytest.mark.parametrize("lang", LANGS)
def test_a_paused_course_is_said_in_the_language(tmp_path: Path, lang: str) -> None:
    record(tmp_path, 3, worse=True)
    _, out, _ = invoke(context(tmp_path, lang), ["stats"])
    assert english_left(out) == []
    assert {"ru": "приостановлен", "uk": "призупинено"}[lang] in out


@pytest.mark.parametrize("command", [["stats", "--json"], ["history", "--json"]])
def test_the_json_of_history_and_stats_is_the_same_in_every_language(
    tmp_path: Path, command: list[str]
) -> None:
    record(tmp_path, 3, worse=True)  # a paused course: its status and hold are sentences
    outputs = {lang: invoke(context(tmp_path, lang), command)[1] for lang in ("en", *LANGS)}
    assert outputs["ru"] == outputs["en"] == outputs["uk"]
    assert json.loads(outputs["en"])


@pytest.mark.parametrize(
    ("lang", "count", "said"),
    [
        ("ru", 1, "Выгружен 1 сеанс в"),
        ("ru", 2, "Выгружено 2 сеанса в"),
        ("ru", 5, "Выгружено 5 сеансов в"),
        ("ru", 21, "Выгружен 21 сеанс в"),
        ("uk", 1, "Вивантажено 1 сеанс до"),
        ("uk", 2, "Вивантажено 2 сеанси до"),
        ("uk", 5, "Вивантажено 5 сеансів до"),
        ("uk", 21, "Вивантажено 21 сеанс до"),
    ],
)
def test_the_export_note_counts_sessions_by_the_languages_plural_rule(
    tmp_path: Path, lang: str, count: int, said: str
) -> None:
    record(tmp_path, count)
    target = tmp_path / "backup.json"
    code, _, err = invoke(context(tmp_path, lang), ["export", "-o", str(target)])
    assert code == 0
    assert err == f"{said} {target}\n"


@pytest.mark.parametrize("lang", LANGS)
def test_the_import_summary_is_in_the_language(tmp_path: Path, lang: str) -> None:
    record(tmp_path, 2)
    backup = tmp_path / "backup.json"
    invoke(context(tmp_path), ["export", "-o", str(backup)])
    code, out, _ = invoke(context(tmp_path, lang), ["import", str(backup)])
    assert code == 0
    assert english_left(out) == []
    assert {"ru": "пропущено 2", "uk": "пропущено 2"}[lang] in out


@pytest.mark.parametrize(("lang", "yes"), [("ru", "д"), ("ru", "да"), ("uk", "т"), ("uk", "так")])
def test_forget_asks_in_the_language_and_takes_its_yes(tmp_path: Path, lang: str, yes: str) -> None:
    record(tmp_path, 1)
    run = context(tmp_path, lang)
    session = json.loads(invoke(context(tmp_path), ["history", "--json"])[1])["sessions"][0]
    code, out, _ = invoke(run, ["forget", session["id"]], given=f"{yes}\n")
    assert code == 0
    assert english_left(out) == []
    assert SESSION[lang] in out
    assert json.loads(invoke(context(tmp_path), ["history", "--json"])[1])["sessions"] == []


@pytest.mark.parametrize("lang", LANGS)
def test_forget_still_takes_y_in_every_language(tmp_path: Path, lang: str) -> None:
    record(tmp_path, 1)
    session = json.loads(invoke(context(tmp_path), ["history", "--json"])[1])["sessions"][0]
    code, _, _ = invoke(context(tmp_path, lang), ["forget", session["id"]], given="y\n")
    assert code == 0


@pytest.mark.parametrize("lang", LANGS)
def test_forget_kept_is_said_in_the_language(tmp_path: Path, lang: str) -> None:
    record(tmp_path, 1)
    session = json.loads(invoke(context(tmp_path), ["history", "--json"])[1])["sessions"][0]
    code, out, _ = invoke(context(tmp_path, lang), ["forget", session["id"]], given="\n")
    assert code == 1
    assert english_left(out) == []


# -- --help of every command ------------------------------------------------------------------


def _typed_words() -> set[str]:
    """What a person types stays in every language: command names, metavars and the kinds'
    (``TEXT``, ``PATH``), choices, TOML's true and false."""
    words = {"true", "false", *_KIND_METAVAR.values()}
    for path, command in COMMANDS.items():
        words.update(path)
        for param in command.params:
            words.update(re.split(r"[^A-Za-z]+", param.metavar or ""))
            words.update(param.choices or ())
            words.add(param.name.upper())
    return words


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", list(COMMANDS), ids=lambda p: " ".join(p) or "selfmassage")
def test_every_help_page_is_in_the_language_within_80_columns(
    lang: str, path: tuple[str, ...]
) -> None:
    use(lang)
    page = render_help(path, COMMANDS, 80)
    assert english_left(page, _typed_words()) == []
    assert fits(page, 80)


@pytest.mark.parametrize("lang", LANGS)
def test_help_from_the_command_line_is_in_the_language(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    done = subprocess.run(
        [sys.executable, "-m", "selfmassage", "--lang", lang, "history", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    use(lang)
    assert done.stdout == render_help(("history",), COMMANDS, 80)
    assert {"ru": "Параметры:", "uk": "Параметри:"}[lang] in done.stdout


# -- usage errors and file problems -------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "argv",
    [
        ["history", "--nope"],
        ["history", "--limit", "-3"],
        ["history", "--limit", "many"],
        ["stats", "extra"],
        ["record", "collar"],
        ["massage-me"],
    ],
)
def test_a_usage_error_is_in_the_language(tmp_path: Path, lang: str, argv: list[str]) -> None:
    code, _, err = invoke(context(tmp_path, lang), argv)
    assert code == 2
    # What was typed is quoted as typed: the unknown command's name, the extra word.
    typed = _typed_words() | {"nope", "many", "extra", "massage"}
    assert english_left(err, typed) == []


@pytest.mark.parametrize("lang", LANGS)
def test_an_export_that_is_not_one_is_refused_in_the_language(tmp_path: Path, lang: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "other", "version": 1, "sessions": [{"id": 3}]}')
    code, _, err = invoke(context(tmp_path, lang), ["import", str(bad)])
    assert code == 2
    assert err.startswith({"ru": "selfmassage: ошибка: ", "uk": "selfmassage: помилка: "}[lang])
    assert english_left(err, {"format", "other", "selfmassage-journal"}) == []


@pytest.mark.parametrize("lang", LANGS)
def test_an_export_with_bad_sessions_names_each_problem_in_the_language(
    tmp_path: Path, lang: str
) -> None:
    record(tmp_path, 1)
    backup = tmp_path / "backup.json"
    invoke(context(tmp_path), ["export", "-o", str(backup)])
    data = json.loads(backup.read_text())
    data["sessions"][0].update(outcome="great", pain_before=11, started_at="soon")
    backup.write_text(json.dumps(data))
    code, _, err = invoke(context(tmp_path, lang), ["import", str(backup)])
    assert code == 2
    machine = {"outcome", "pain_before", "started_at", "great", "soon", "null", "completed"}
    machine |= {"stopped_for_pain", "quit", "interrupted", "ISO"}
    assert english_left(err, machine) == []
    assert len(err.splitlines()) >= 4  # each problem, then "nothing was imported"


@pytest.mark.parametrize("lang", LANGS)
def test_a_missing_file_and_a_damaged_journal_are_said_in_the_language(
    tmp_path: Path, lang: str
) -> None:
    run = context(tmp_path, lang)
    code, _, err = invoke(run, ["import", str(tmp_path / "nowhere.json")])
    assert code == 2
    assert english_left(err) == []
    journal = run.paths.journal_file
    journal.parent.mkdir(parents=True, exist_ok=True)
    journal.write_bytes(b"not a database at all, just some bytes " * 200)
    code, _, err = invoke(run, ["history"])
    assert code == 1
    assert english_left(err, _typed_words()) == []  # the commands to restore it


@pytest.mark.parametrize("lang", LANGS)
def test_record_s_mistakes_are_said_in_the_language(tmp_path: Path, lang: str) -> None:
    for argv in (
        ["record", "collar", "--date", "2099-01-01"],
        ["record", "collar", "--date", "2026-03-01", "--pain-before", "12"],
        ["export", "--format", "xml"],
        ["forget", "not-an-id"],
    ):
        code, _, err = invoke(context(tmp_path, lang), argv)
        assert code == 2
        assert english_left(err, _typed_words() | {"xml"}) == []


def test_english_left_does_not_take_part_of_an_id_for_an_option() -> None:
    assert english_left("вопрос chest-pain") == []
    assert english_left("вопрос chest pain") == ["chest", "pain"]
