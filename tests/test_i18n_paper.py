"""Issue 16 on paper: the handout, the report, the prescription lines and the calendar
event in Russian and Ukrainian, the handout in a language other than the interface's
(``print --lang``), and the bilingual handout (``print --lang uk --also en``)."""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime, time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from i18nkit import english_left
from journal_support import noon_on_november_21
from report_support import generated_sessions, write_export
from selfmassage.cli.app import app
from selfmassage.context import Context
from selfmassage.handout.words import Words
from selfmassage.prescription.ical import course_event
from selfmassage.routines.catalog import load_catalog
from selfmassage.text import duration

runner = CliRunner()
LANGS = ("ru", "uk")


def visible(page: str) -> str:
    """What a reader sees of an HTML page: no style, no tags, entities decoded."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.DOTALL)
    page = re.sub(r"<!DOCTYPE[^>]*>", " ", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def printed(ctx: Context, *args: str) -> str:
    result = runner.invoke(app, ["print", "collar", *args], obj=ctx)
    assert result.exit_code == 0, result.output
    return result.stdout


# -- one language ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_text_handout_has_no_english_left(tmp_path: Path, lang: str) -> None:
    ctx = Context(paths=noon_on_november_21(tmp_path).paths, language=lang)
    assert english_left(printed(ctx)) == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_html_handout_has_no_english_left(tmp_path: Path, lang: str) -> None:
    ctx = Context(paths=noon_on_november_21(tmp_path).paths, language=lang)
    page = printed(ctx, "--format", "html", "--patient", "Анна")
    assert english_left(visible(page)) == []
    assert f'<html lang="{lang}">' in page


@pytest.mark.parametrize("lang", LANGS)
def test_the_markdown_handout_has_no_english_left(tmp_path: Path, lang: str) -> None:
    ctx = Context(paths=noon_on_november_21(tmp_path).paths, language=lang)
    # "```text" opens the picture's code block: Markdown's word, not the reader's.
    assert english_left(printed(ctx, "--format", "markdown"), {"text"}) == []


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("ru", ("План курса", "Сеансов:", "ежедневно", "11 мин 45 с (12 шагов)", "сидя")),
        ("uk", ("План курсу", "Сеансів:", "щодня", "11 хв 45 с (12 кроків)", "сидячи")),
    ],
)
def test_the_handout_speaks_the_language_in_real_words(
    tmp_path: Path, lang: str, words: tuple[str, ...]
) -> None:
    ctx = Context(paths=noon_on_november_21(tmp_path).paths, language=lang)
    text = printed(ctx).lower()
    for word in words:
        assert word.lower() in text


def test_print_lang_makes_the_handout_in_another_language_than_the_interface(
    tmp_path: Path,
) -> None:
    ctx = noon_on_november_21(tmp_path)  # an English run
    text = printed(ctx, "--lang", "uk")
    assert english_left(text) == []
    assert "КОМІРЦЕВА ЗОНА" in text


def test_on_paper_the_pain_key_becomes_stop_at_once_in_each_language(tmp_path: Path) -> None:
    for lang, said in (("ru", "остановитесь сразу"), ("uk", "зупиніться одразу")):
        text = printed(noon_on_november_21(tmp_path), "--lang", lang)
        assert said in " ".join(text.split())
        assert " p." not in text


def test_print_lang_leaves_the_interface_language_as_it_was(tmp_path: Path) -> None:
    from selfmassage import i18n

    printed(noon_on_november_21(tmp_path), "--lang", "uk", "--also", "ru")
    assert i18n.current() == "en"


def test_an_unknown_print_lang_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["print", "collar", "--lang", "de"], obj=noon_on_november_21(tmp_path)
    )
    assert result.exit_code == 2
    assert "unknown language 'de'" in result.output


# -- the words paper prints -----------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "forms"),
    [
        ("ru", ("1 сеанс", "2 сеанса", "5 сеансов", "21 сеанс")),
        ("uk", ("1 сеанс", "2 сеанси", "5 сеансів", "21 сеанс")),
        ("en", ("1 session", "2 sessions", "5 sessions", "21 sessions")),
    ],
)
def test_sessions_take_the_languages_plural_forms(lang: str, forms: tuple[str, ...]) -> None:
    assert tuple(Words(lang).sessions(n) for n in (1, 2, 5, 21)) == forms


@pytest.mark.parametrize(
    ("lang", "forms"),
    [
        ("ru", ("1 шаг", "2 шага", "5 шагов", "21 шаг")),
        ("uk", ("1 крок", "2 кроки", "5 кроків", "21 крок")),
    ],
)
def test_steps_take_the_languages_plural_forms(lang: str, forms: tuple[str, ...]) -> None:
    assert tuple(Words(lang).steps(n) for n in (1, 2, 5, 21)) == forms


def test_a_course_in_words_in_each_language() -> None:
    course = load_catalog().routines["collar"].course
    assert Words("en").course(course) == (
        "10 sessions, daily; then a 10-day break before repeating"
    )
    assert Words("ru").course(course) == (
        "10 сеансов, ежедневно; затем перерыв 10 дней перед повтором"
    )
    assert Words("uk").course(course) == "10 сеансів, щодня; потім перерва 10 днів перед повтором"


def test_dates_on_paper_come_from_the_catalog_not_the_machine() -> None:
    day = date(2026, 11, 23)
    assert Words("en").day(day) == "Mon 23 Nov 2026"
    assert Words("ru").day(day) == "пн 23 нояб. 2026"
    assert Words("uk").day(day) == "пн 23 лист. 2026"


def test_decimal_numbers_take_the_decimal_comma() -> None:
    assert Words("ru").number(11.75) == "11,8"
    assert Words("en").number(11.75) == "11.8"


# -- bilingual --------------------------------------------------------------------------


def _steps(lang: str) -> list[tuple[str, str]]:
    """(label, time) of each collar step in ``lang``."""
    words = Words(lang)
    routine = load_catalog(language=lang).routines["collar"]
    return [(words.step_label(s), duration(s.seconds)) for s in routine.steps]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_bilingual_handout_gives_every_step_with_its_number_and_time_in_both_languages(
    tmp_path: Path, fmt: str
) -> None:
    out = printed(noon_on_november_21(tmp_path), "--lang", "uk", "--also", "en", "--format", fmt)
    text = " ".join((visible(out) if fmt == "html" else out).split()).replace("\\", "")
    uk, en = _steps("uk"), _steps("en")
    assert [t for _, t in uk] == [t for _, t in en]
    text = text[text.lower().index("кроки / steps" if fmt != "html" else "кроки steps") :]
    starts, at = [], 0
    for label, _ in uk:
        at = text.index(label, at)
        starts.append(at)
        at += len(label)
    ends = [*starts[1:], text.lower().index("перед початком" if fmt == "html" else "припиніть")]
    for number, (start, end) in enumerate(zip(starts, ends, strict=True), 1):
        block, before = text[start:end], text[max(0, start - 12) : start]
        assert str(number) in before
        assert uk[number - 1][1] in block
        assert en[number - 1][0] in block


def test_a_bilingual_handout_has_the_safety_text_and_the_plan_in_both(tmp_path: Path) -> None:
    ctx = noon_on_november_21(tmp_path)
    text = " ".join(printed(ctx, "--lang", "uk", "--also", "en").split())
    for lang in ("uk", "en"):
        safety = ctx.safety(lang)
        for line in (*safety.stop_on_pain, *safety.safety_rules, safety.disclaimer):
            assert " ".join(line.split()) in text
    assert "щодня / daily" in text
    assert "11 хв 45 с (12 кроків) / 11 min 45 s (12 steps)" in text


def test_also_in_the_handouts_own_language_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["print", "collar", "--lang", "uk", "--also", "uk"], obj=noon_on_november_21(tmp_path)
    )
    assert result.exit_code == 2
    assert "--also uk: the handout is in that language already" in result.output


def test_also_the_interfaces_language_without_lang_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["print", "collar", "--also", "en"], obj=noon_on_november_21(tmp_path)
    )
    assert result.exit_code == 2
    assert "two languages" in result.output


# -- the report -----------------------------------------------------------------------


def _user_words() -> set[str]:
    """What the journal holds as it was written (notes, where it hurt, the routine's title
    when the session was recorded): data, never translated."""
    found: set[str] = set()
    for session in generated_sessions():
        for key in ("note", "pain_where", "routine_title"):
            found |= set(re.findall(r"[A-Za-z]+", session.get(key) or ""))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_report_has_no_english_left(tmp_path: Path, lang: str) -> None:
    from selfmassage import i18n

    ctx = noon_on_november_21(tmp_path / "h")
    ctx.language = lang
    i18n.use(lang)  # as the face does before it runs the command (conftest puts English back)
    export = write_export(tmp_path / "patient.json")
    result = runner.invoke(app, ["report", str(export), "--patient", "Анна"], obj=ctx)
    assert result.exit_code == 0, result.output
    # The advice a stopped session showed is the session's words (session.flow), and
    # translated by its own catalog entries: left out here.
    page = re.sub(r'<p class="more">[^<]*: Session stopped[^<]*</p>', "", result.stdout)
    page = re.sub(r"<code>.*?</code>", "", page)  # the command line as it was typed
    assert english_left(visible(page), _user_words()) == []


def test_the_reports_json_is_the_same_in_every_language(tmp_path: Path) -> None:
    export = write_export(tmp_path / "patient.json")
    outputs = []
    for lang in ("en", "ru", "uk"):
        ctx = noon_on_november_21(tmp_path / lang)
        ctx.language = lang
        result = runner.invoke(app, ["report", str(export), "--json"], obj=ctx)
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert json.loads(outputs[0])["sessions"]["total"] > 0


# -- prescriptions and the calendar ---------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_prescribe_says_what_it_did_in_the_language(tmp_path: Path, lang: str) -> None:
    ctx = noon_on_november_21(tmp_path)
    ctx.language = lang
    from selfmassage import i18n

    i18n.use(lang)
    result = runner.invoke(app, ["prescribe", "collar", "--patient", "Анна К."], obj=ctx)
    assert result.exit_code == 0, result.output
    assert english_left(result.stdout) == []
    assert ("Назначение v1" if lang == "ru" else "Призначення v1") in result.stdout


def test_the_calendar_events_human_text_is_in_the_language_and_its_fields_are_not() -> None:
    routine = load_catalog(language="uk").routines["collar"]
    made = {
        lang: course_event(
            routine,
            start=date(2026, 11, 23),
            at=time(18, 0),
            stop_rule="Зупиніться.",
            now=datetime(2026, 11, 21, 12, 0).astimezone(),
            lang=lang,
        )
        for lang in ("en", "uk")
    }
    assert made["uk"].summary == "Самомасаж: Комірцева зона (12 хв)"
    assert "Курс: 10 сеансів, щодня" in made["uk"].description
    shown = re.findall(r"^(?:SUMMARY|DESCRIPTION):(.*)$", made["uk"].to_vevent(), re.MULTILINE)
    assert len(shown) == 2
    assert english_left(" ".join(shown)) == []
    assert made["uk"].rrule == made["en"].rrule and made["uk"].uid == made["en"].uid


@pytest.mark.parametrize(
    "args", [("--lang", "ru"), ("--lang", "uk"), ("--lang", "uk", "--also", "en")]
)
@pytest.mark.parametrize("name", ["collar", "lumbar", "relaxation"])
def test_the_text_handout_keeps_within_78_columns_in_every_language(
    tmp_path: Path, name: str, args: tuple[str, ...]
) -> None:
    result = runner.invoke(app, ["print", name, *args], obj=noon_on_november_21(tmp_path))
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 78
