"""What is wrong with a file, said in Russian and Ukrainian (issue 16): routine, settings,
answers and translation problems, the clinical errors and warnings, bad dates, files
that will not be written over, a missing home and a missing Chromium.

A problem keeps its shape (``file:line: step N: key: what``): the file's own keys and
values (``technique``, ``kneading``) stay as written, the sentence is translated, and
the exit code is the English run's.
"""

from __future__ import annotations

import errno
import json
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from i18nkit import english_left
from routine_text import CLOSING, VALID
from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.errors import InvalidFile
from selfmassage.files.pdf import PdfUnavailable, html_to_pdf
from selfmassage.files.problems import Problems, os_reason
from selfmassage.files.tomlcheck import syntax
from selfmassage.i18n import use
from selfmassage.paths import Paths
from selfmassage.routines.catalog import parse_routine
from sessionkit import FakeClock

LANGS = ("ru", "uk")
runner = CliRunner()

# The words a routine file is written in: its keys and the values it names. A problem
# quotes them as they are, so the person finds them in the file.
FILE_WORDS = {
    "id",
    "title",
    "description",
    "area",
    "position",
    "indications",
    "preparation",
    "course",
    "prescription",
    "steps",
    "technique",
    "seconds",
    "instruction",
    "side",
    "optional",
    "frequency",
    "sessions",
    "break_days",
    "base",
    "base_hash",
    "version",
    "start",
    "date",
    "author",
    "sitting",
    "stroking",
    "rubbing",
    "kneading",
    "kneeding",
    "vibration",
    "tapping",
    "pressure",
    "breathing",
    "stretching",
    "rest",
    "neck",
    "shoulders",
    "upper",
    "lower",
    "back",
    "head",
    "face",
    "hands",
    "whole",
    "body",
    "daily",
    "every",
    "other",
    "day",
    "weekly",
    "per",
    "week",
    "twice",
    "sixty",
    "true",
    "false",
    "sha256",
    "md5",
    "Bad",
    "Id",
    # settings.toml
    "bell",
    "languag",
    "language",
    "screening_valid_days",
    "practice",
    "name",
}


def context(home: Path, language: str) -> Context:
    return Context(
        paths=Paths.under(home),
        clock=FakeClock(wall=datetime(2026, 11, 21, 9, 0).astimezone()),
        language=language,
    )


def problem_lines(output: str, *files: Path) -> list[str]:
    """The lines that name one of ``files``: the problems, without the command's own
    summary line (``cli/``'s words, translated with the commands)."""
    names = tuple(str(f) for f in files)
    return [line for line in output.splitlines() if line.lstrip().startswith(names)]


def said(stderr: str) -> str:
    """An error's words, without the program's tag (``selfmassage: error:``)."""
    return stderr.replace("selfmassage: error:", "").replace("selfmassage: warning:", "")


def without_files(text: str, *files: Path) -> str:
    for file in files:
        text = text.replace(str(file), " ")
    return text


def broken(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# One file for each kind of problem a routine can have.
BROKEN = {
    # keys: unknown, wrong type, wrong choice with a suggestion
    "keys.toml": VALID.replace("seconds = 60", 'seconds = "sixty"')
    .replace('technique = "kneading"', 'technique = "kneeding"')
    .replace('position = "sitting"', 'position = "sitting"\nauthor = "x"'),
    # TOML itself
    "syntax.toml": VALID.replace("seconds = 60", "seconds = = 60"),
    # the clinical errors
    "clinical.toml": VALID.replace("break_days = 10", "break_days = 3")
    .replace("sessions = 10", "sessions = 21")
    .replace("Stroke the back of the neck.", "Stroke the front of the neck.")
    .replace('area = "upper-back"', 'area = "neck-shoulders"')
    .replace("seconds = 30", "seconds = 1000"),
    "kidneys.toml": VALID.replace('technique = "kneading"', 'technique = "tapping"')
    .replace('area = "upper-back"', 'area = "lower-back"')
    .replace("Knead the left shoulder blade.", "Tap over the kidneys."),
    "whole.toml": VALID.replace('area = "upper-back"', 'area = "whole-body"'),
    # the course and the areas
    "course.toml": VALID.replace('frequency = "daily"', 'frequency = "twice"')
    .replace('area = "upper-back"', "area = []")
    .replace('title = "Test routine"', 'title = "  "')
    .replace('indications = ["testing"]', 'indications = ["", 3]'),
    "prescription.toml": VALID.replace(
        "[course]",
        '[prescription]\npatient = "A"\ndate = 2026-11-21\nstart = 2026-11-01\n'
        'base = "Bad Id"\nbase_hash = "md5:1"\nversion = 0\n\n[course]',
    ),
    "nosteps.toml": VALID.split("[[steps]]")[0],
}


@pytest.mark.parametrize("language", LANGS)
@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_routine_is_told_in_the_language_with_the_same_exit_code(
    tmp_path: Path, isolated_home: Path, language: str, name: str
) -> None:
    file = broken(tmp_path, name, BROKEN[name])
    english = runner.invoke(
        app, ["routines", "validate", str(file)], obj=context(isolated_home, "en")
    )
    result = runner.invoke(
        app, ["routines", "validate", str(file)], obj=context(isolated_home, language)
    )
    problems = problem_lines(result.stderr, file)
    assert result.exit_code == english.exit_code == 2
    assert len(problems) == len(problem_lines(english.stderr, file)) >= 1
    assert english_left(without_files("\n".join(problems), file), FILE_WORDS) == []


@pytest.mark.parametrize(
    ("language", "words"),
    [("ru", ("шаг 1", "шаг 2", "ожидается")), ("uk", ("крок 1", "крок 2", "очікується"))],
)
def test_a_problem_keeps_its_place_key_and_value_as_written(
    tmp_path: Path, language: str, words: tuple[str, ...]
) -> None:
    file = broken(tmp_path, "keys.toml", BROKEN["keys.toml"])
    use(language)
    with pytest.raises(InvalidFile) as caught:
        parse_routine(file.read_text(), file)
    first, second, expected = words
    assert caught.value.problems[1].startswith(f"{file}:17: {first}: 'seconds': {expected}")
    assert caught.value.problems[2].startswith(f"{file}:21: {second}: 'technique'")
    assert "'kneeding'" in caught.value.problems[2]
    assert "'kneading'?" in caught.value.problems[2]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ru", "ошибка в TOML: недопустимое значение (строка 16, позиция 11)"),
        ("uk", "помилка в TOML: недопустиме значення (рядок 16, позиція 11)"),
    ],
)
def test_a_toml_syntax_error_is_said_in_the_language(
    tmp_path: Path, language: str, words: str
) -> None:
    file = broken(tmp_path, "syntax.toml", BROKEN["syntax.toml"])
    use(language)
    with pytest.raises(InvalidFile) as caught:
        parse_routine(file.read_text(), file)
    assert caught.value.problems == [f"{file}:16: {words}"]


@pytest.mark.parametrize(
    "message",
    [
        "Invalid value (at end of document)",
        "Expected '=' after a key in a key/value pair (at line 1, column 3)",
        "Illegal character '\\x01' (at line 1, column 6)",
        "Duplicate inline table key 'a' (at line 1, column 13)",
        "Cannot declare ('a',) twice (at line 2, column 1)",
        "Unescaped '\\' in a string (at line 1, column 5)",
    ],
)
def test_tomllibs_own_words_are_kept_in_english(message: str) -> None:
    assert syntax(message) == message


@pytest.mark.parametrize("language", LANGS)
@pytest.mark.parametrize(
    "message",
    [
        "Invalid value (at end of document)",
        "Expected '=' after a key in a key/value pair (at line 1, column 3)",
        "Unterminated string (at end of document)",
        "Duplicate inline table key 'a' (at line 1, column 13)",
        "Expected newline or end of document after a statement (at line 1, column 7)",
    ],
)
def test_tomllibs_words_are_translated(language: str, message: str) -> None:
    use(language)
    assert english_left(syntax(message)) == []


def test_a_toml_error_this_does_not_know_is_shown_as_tomllib_says_it() -> None:
    use("ru")
    assert syntax("Something new (at line 3, column 1)") == "Something new (строка 3, позиция 1)"
    assert syntax("no place at all") == "no place at all"


@pytest.mark.parametrize("language", LANGS)
def test_the_clinical_warnings_are_in_the_language(
    tmp_path: Path, isolated_home: Path, language: str
) -> None:
    # Rubbing after kneading, and no closing stroking: a valid routine, warned about.
    text = VALID.replace('technique = "stroking"', 'technique = "kneading"', 1).replace(
        'technique = "kneading"\narea = "upper-back"', 'technique = "rubbing"\narea = "upper-back"'
    )
    file = broken(tmp_path, "order.toml", text)
    result = runner.invoke(
        app, ["routines", "validate", str(file)], obj=context(isolated_home, language)
    )
    warnings = said(result.stderr)
    assert result.exit_code == 0
    assert len(warnings.strip().splitlines()) == 2
    assert english_left(without_files(warnings, file), FILE_WORDS) == []
    assert {"ru": "поглаживание", "uk": "погладжування"}[language] in warnings


@pytest.mark.parametrize(
    ("language", "sessions", "words"),
    [
        ("ru", 21, "курс из 21 сеанса"),
        ("ru", 22, "курс из 22 сеансов"),
        ("ru", 25, "курс из 25 сеансов"),
        ("uk", 21, "курс з 21 сеансу"),
        ("uk", 22, "курс з 22 сеансів"),
        ("uk", 25, "курс з 25 сеансів"),
    ],
)
def test_a_course_too_long_is_counted_in_the_languages_forms(
    tmp_path: Path, language: str, sessions: int, words: str
) -> None:
    use(language)
    text = VALID.replace("sessions = 10", f"sessions = {sessions}") + CLOSING
    with pytest.raises(InvalidFile) as caught:
        parse_routine(text, tmp_path / "long.toml")
    assert f"{words}: " in caught.value.problems[0]


@pytest.mark.parametrize(
    ("language", "days", "words"),
    [
        ("en", 1, "a break of 1 day after"),
        ("en", 2, "a break of 2 days after"),
        ("ru", 1, "перерыв после курса 1 день"),
        ("ru", 2, "перерыв после курса 2 дня"),
        ("ru", 5, "перерыв после курса 5 дней"),
        ("uk", 1, "перерва після курсу 1 день"),
        ("uk", 2, "перерва після курсу 2 дні"),
        ("uk", 5, "перерва після курсу 5 днів"),
    ],
)
def test_a_break_too_short_is_counted_in_the_languages_forms(
    tmp_path: Path, language: str, days: int, words: str
) -> None:
    use(language)
    text = VALID.replace("break_days = 10", f"break_days = {days}") + CLOSING
    with pytest.raises(InvalidFile) as caught:
        parse_routine(text, tmp_path / "short.toml")
    assert words in caught.value.problems[0]


@pytest.mark.parametrize(
    ("language", "more", "words"),
    [
        ("en", 1, "... and 1 more problem"),
        ("en", 5, "... and 5 more problems"),
        ("ru", 1, "... и ещё 1 ошибка"),
        ("ru", 2, "... и ещё 2 ошибки"),
        ("ru", 5, "... и ещё 5 ошибок"),
        ("ru", 21, "... и ещё 21 ошибка"),
        ("uk", 1, "... і ще 1 помилка"),
        ("uk", 2, "... і ще 2 помилки"),
        ("uk", 5, "... і ще 5 помилок"),
        ("uk", 21, "... і ще 21 помилка"),
    ],
)
def test_the_problems_past_the_limit_are_counted_in_the_languages_forms(
    language: str, more: int, words: str
) -> None:
    use(language)
    found = Problems(Path("export.json"), limit=1)
    for _ in range(1 + more):
        found.add("bad")
    with pytest.raises(InvalidFile) as caught:
        found.raise_if_any()
    assert caught.value.problems[-1] == words


@pytest.mark.parametrize("language", LANGS)
def test_a_broken_translation_of_a_routine_is_told_in_the_language(
    tmp_path: Path, isolated_home: Path, language: str
) -> None:
    broken(tmp_path, "test.toml", VALID + CLOSING)
    translated = broken(
        tmp_path,
        "test.ru.toml",
        'title = "Т"\ndescription = "Д"\narea = "шея"\nindications = ["а", "б"]\n'
        'seconds = 5\n\n[[steps]]\ninstruction = "И"\n',
    )
    lonely = broken(tmp_path, "alone.uk.toml", 'title = "x"\n')
    result = runner.invoke(
        app,
        ["routines", "validate", str(translated), str(lonely)],
        obj=context(isolated_home, language),
    )
    problems = problem_lines(result.stderr, translated, lonely)
    assert result.exit_code == 2
    assert len(problems) == 4
    assert english_left(without_files("\n".join(problems), translated, lonely), FILE_WORDS) == []


@pytest.mark.parametrize("language", LANGS)
def test_a_bad_settings_file_is_told_in_the_language(isolated_home: Path, language: str) -> None:
    settings = isolated_home / "config" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text(
        'bell = "yes"\nlanguag = "uk"\nscreening_valid_days = 200\n[practice]\nname = ""\n'
    )
    english = runner.invoke(app, ["print", "collar"], obj=context(isolated_home, "en"))
    result = runner.invoke(app, ["print", "collar"], obj=context(isolated_home, language))
    assert result.exit_code == english.exit_code == 2
    assert len(result.stderr.splitlines()) == len(english.stderr.splitlines()) == 4
    assert english_left(without_files(said(result.stderr), settings), FILE_WORDS) == []
    assert {"ru": "неизвестный ключ", "uk": "невідомий ключ"}[language] in result.stderr


@pytest.mark.parametrize("language", LANGS)
def test_a_bad_answers_file_is_told_in_the_language(
    tmp_path: Path, isolated_home: Path, language: str
) -> None:
    answers = broken(tmp_path, "answers.toml", 'chest-pain = "no"\nchest-pian = false\n')
    args = ["screen", "--answers", str(answers)]
    english = runner.invoke(app, args, obj=context(isolated_home, "en"))
    result = runner.invoke(app, args, obj=context(isolated_home, language))
    first_lines = "\n".join(said(result.stderr).splitlines()[:2])
    assert result.exit_code == english.exit_code == 2
    file_words = {"chest", "pain", "pian", "true", "false"}  # the questions' ids, TOML's values
    assert english_left(without_files(first_lines, answers), file_words) == []
    assert {"ru": "текст в кавычках", "uk": "текст у лапках"}[language] in first_lines


@pytest.mark.parametrize("language", LANGS)
@pytest.mark.parametrize(
    "args",
    [
        ["record", "collar", "--date", "yesterday"],
        ["report", "--from", "2026-13-01", "-o", "{folder}/report.html"],
    ],
)
def test_a_bad_date_is_told_in_the_language(
    tmp_path: Path, isolated_home: Path, language: str, args: list[str]
) -> None:
    args = [arg.format(folder=tmp_path) for arg in args]
    english = runner.invoke(app, args, obj=context(isolated_home, "en"))
    result = runner.invoke(app, args, obj=context(isolated_home, language))
    assert result.exit_code == english.exit_code == 2
    assert english_left(said(result.stderr), {"yesterday"}) == []
    assert {"ru": "нужна дата", "uk": "потрібна дата"}[language] in result.stderr


@pytest.mark.parametrize("language", LANGS)
def test_a_file_is_not_written_over_without_force_in_any_language(
    tmp_path: Path, isolated_home: Path, language: str
) -> None:
    target = broken(tmp_path, "sheet.txt", "mine\n")
    result = runner.invoke(
        app, ["print", "collar", "-o", str(target)], obj=context(isolated_home, language)
    )
    assert result.exit_code == 2
    assert target.read_text() == "mine\n"
    assert english_left(without_files(said(result.stderr), target)) == []
    assert {"ru": "уже существует", "uk": "уже існує"}[language] in result.stderr


@pytest.mark.parametrize("language", LANGS)
def test_a_missing_folder_is_told_in_the_language(
    tmp_path: Path, isolated_home: Path, language: str
) -> None:
    target = tmp_path / "gone" / "sheet.txt"
    result = runner.invoke(
        app, ["print", "collar", "-o", str(target)], obj=context(isolated_home, language)
    )
    assert result.exit_code == 2
    assert english_left(without_files(said(result.stderr), target, target.parent)) == []


@pytest.mark.parametrize(
    ("language", "reason"),
    [("en", "Permission denied"), ("ru", "нет доступа"), ("uk", "немає доступу")],
)
def test_the_systems_reason_is_said_in_the_language_and_kept_in_english(
    language: str, reason: str
) -> None:
    use(language)
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == reason


@pytest.mark.parametrize("language", LANGS)
def test_without_a_home_the_error_is_in_the_language_asked_for(
    monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    for name in ("SELFMASSAGE_HOME", "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SELFMASSAGE_LANG", language)  # no home: no settings to ask
    result = runner.invoke(app, ["history"])
    assert result.exit_code == 1
    assert english_left(said(result.stderr), {"HOME"}) == []  # the variable's name
    assert {"ru": "переменная HOME не задана", "uk": "змінну HOME не задано"}[language] in (
        result.stderr
    )


@pytest.mark.parametrize("language", LANGS)
def test_without_chromium_the_error_and_its_hint_are_in_the_language(
    monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.delenv("SELFMASSAGE_CHROMIUM", raising=False)
    use(language)
    with pytest.raises(PdfUnavailable) as caught:
        html_to_pdf("<html><head></head></html>", paper="a4")
    assert caught.value.hint is not None
    commands = {"sudo", "apt", "install", "brew", "cask"}
    assert english_left(caught.value.message + "\n" + caught.value.hint, commands) == []


def test_the_json_of_the_routines_is_the_same_with_a_skipped_file_in_any_language(
    isolated_home: Path,
) -> None:
    folder = isolated_home / "config" / "routines"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text(BROKEN["keys.toml"])
    english = runner.invoke(app, ["routines", "--json"], obj=context(isolated_home, "en"))
    for language in LANGS:
        result = runner.invoke(app, ["routines", "--json"], obj=context(isolated_home, language))
        assert result.stdout == english.stdout
        assert result.stderr != english.stderr  # the skipped file is told in the language
    assert [r["id"] for r in json.loads(english.stdout)] == ["collar", "lumbar", "relaxation"]
