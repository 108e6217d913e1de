"""The language of a run: choosing it, its catalog, plurals, dates and numbers."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date

import pytest

from selfmassage import i18n
from selfmassage.errors import ExitCode
from selfmassage.i18n import UnknownLanguage, choose_language
from selfmassage.routines.model import TECHNIQUES, technique_label

SATURDAY = date(2026, 11, 21)


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """``use`` sets the language of the process: every test leaves it English."""
    yield
    i18n.use("en")


# -- choosing ---------------------------------------------------------------------------


def test_lang_option_wins_over_everything() -> None:
    env = {"SELFMASSAGE_LANG": "ru", "LANG": "ru_RU.UTF-8"}
    assert choose_language("uk", env, "ru") == "uk"


def test_selfmassage_lang_wins_over_settings_and_locale() -> None:
    assert choose_language(None, {"SELFMASSAGE_LANG": "uk", "LANG": "ru_RU.UTF-8"}, "ru") == "uk"


def test_settings_win_over_the_locale() -> None:
    assert choose_language(None, {"LANG": "ru_RU.UTF-8"}, "uk") == "uk"


def test_a_blank_selfmassage_lang_is_unset() -> None:
    assert choose_language(None, {"SELFMASSAGE_LANG": "  ", "LANG": "uk_UA.UTF-8"}, None) == "uk"


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("uk_UA.UTF-8", "uk"),
        ("ru_RU", "ru"),
        ("ru_UA.UTF-8@euro", "ru"),
        ("en_GB.UTF-8", "en"),
        ("C", "en"),
        ("C.UTF-8", "en"),
        ("POSIX", "en"),
        ("de_DE.UTF-8", "en"),
    ],
)
def test_lang_names_the_language_by_its_first_part(locale: str, language: str) -> None:
    assert choose_language(None, {"LANG": locale}, None) == language


def test_lc_all_wins_over_lc_messages_and_lang() -> None:
    env = {"LC_ALL": "uk_UA.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8", "LANG": "en_US.UTF-8"}
    assert choose_language(None, env, None) == "uk"


def test_lc_messages_wins_over_lang() -> None:
    assert choose_language(None, {"LC_MESSAGES": "ru_RU", "LANG": "uk_UA"}, None) == "ru"


def test_language_list_takes_its_first_supported_entry() -> None:
    env = {"LANGUAGE": "de:uk:ru", "LANG": "ru_RU.UTF-8"}
    assert choose_language(None, env, None) == "uk"


def test_language_list_without_ours_falls_back_to_the_locale() -> None:
    assert choose_language(None, {"LANGUAGE": "de:fr", "LANG": "ru_RU.UTF-8"}, None) == "ru"


def test_a_c_locale_turns_the_language_list_off_as_gettext_does() -> None:
    assert choose_language(None, {"LANGUAGE": "uk", "LC_ALL": "C"}, None) == "en"


def test_nothing_set_is_english() -> None:
    assert choose_language(None, {}, None) == "en"


@pytest.mark.parametrize(
    ("cli", "env", "settings", "named"),
    [
        ("fr", {}, None, "--lang"),
        (None, {"SELFMASSAGE_LANG": "de"}, None, "SELFMASSAGE_LANG"),
        (None, {}, "pl", "settings.toml"),
    ],
)
def test_an_unknown_language_named_on_purpose_is_an_error_naming_the_choices(
    cli: str | None, env: dict[str, str], settings: str | None, named: str
) -> None:
    with pytest.raises(UnknownLanguage) as raised:
        choose_language(cli, env, settings)
    assert named in raised.value.message
    assert raised.value.hint == "choose one of: en (English), ru (русский), uk (українська)"
    assert raised.value.exit_code == ExitCode.BAD_INPUT


def test_a_locale_form_of_a_language_named_on_purpose_is_accepted() -> None:
    assert choose_language("uk_UA.UTF-8", {}, None) == "uk"


# -- the catalog ------------------------------------------------------------------------


def test_english_is_the_language_until_another_is_used() -> None:
    assert i18n.current() == "en"
    assert i18n._("{day} {month}") == "{day} {month}"


def test_use_switches_the_language_of_messages() -> None:
    i18n.use("uk")
    assert i18n.current() == "uk"
    assert i18n.pgettext("technique", "kneading") == "розминання"


def test_english_loads_no_catalog_and_imports_no_gettext() -> None:
    probe = (
        "import sys; from selfmassage import i18n; i18n.use('en'); i18n._('x');"
        "print('gettext' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_n_marks_a_constant_without_translating_it() -> None:
    i18n.use("ru")
    assert i18n.N_("See a doctor before any massage.") == "See a doctor before any massage."


@pytest.mark.parametrize(
    ("n", "ru", "uk"),
    [
        (1, "1 минута", "1 хвилина"),
        (2, "2 минуты", "2 хвилини"),
        (4, "4 минуты", "4 хвилини"),
        (5, "5 минут", "5 хвилин"),
        (11, "11 минут", "11 хвилин"),
        (12, "12 минут", "12 хвилин"),
        (21, "21 минута", "21 хвилина"),
        (22, "22 минуты", "22 хвилини"),
        (25, "25 минут", "25 хвилин"),
        (111, "111 минут", "111 хвилин"),
    ],
)
def test_plurals_follow_one_few_many(n: int, ru: str, uk: str) -> None:
    assert i18n.minutes_text(n, "ru") == ru
    assert i18n.minutes_text(n, "uk") == uk


@pytest.mark.parametrize(("n", "en"), [(1, "1 minute"), (2, "2 minutes"), (21, "21 minutes")])
def test_english_plurals_are_one_and_other(n: int, en: str) -> None:
    assert i18n.minutes_text(n) == en


def test_ngettext_follows_the_language_in_use() -> None:
    i18n.use("ru")
    assert i18n.ngettext("{n} minute", "{n} minutes", 3).format(n=3) == "3 минуты"


# -- dates and numbers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("en", "Saturday, 21 November 2026"),
        ("ru", "суббота, 21 ноября 2026"),
        ("uk", "субота, 21 листопада 2026"),
    ],
)
def test_a_long_date_in_each_language(lang: str, shown: str) -> None:
    assert i18n.long_date(SATURDAY, lang) == shown


def test_a_long_date_in_the_language_in_use() -> None:
    i18n.use("uk")
    assert i18n.long_date(SATURDAY) == "субота, 21 листопада 2026"


def test_dates_do_not_need_the_machines_locales() -> None:
    probe = (
        "from datetime import date; from selfmassage import i18n;"
        "print(i18n.long_date(date(2026, 3, 1), 'ru'), i18n.month_name(3, 'uk'))"
    )
    env = {"LC_ALL": "C", "LANG": "C", "PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.strip() == "воскресенье, 1 марта 2026 березень"


def test_a_day_and_month_uses_the_month_as_a_date_says_it() -> None:
    assert i18n.day_month(date(2026, 5, 9), "ru") == "9 мая"
    assert i18n.day_month(date(2026, 5, 9), "uk") == "9 травня"


def test_a_month_on_its_own_is_the_nominative() -> None:
    assert [i18n.month_name(5, lang) for lang in ("en", "ru", "uk")] == ["May", "май", "травень"]


def test_weekday_names_run_monday_to_sunday() -> None:
    monday = date(2026, 11, 16)
    names = [i18n.weekday_name(date(2026, 11, 16 + d), "uk") for d in range(7)]
    assert i18n.weekday_name(monday, "en") == "Monday"
    assert names == ["понеділок", "вівторок", "середа", "четвер", "пʼятниця", "субота", "неділя"]


@pytest.mark.parametrize(
    ("lang", "days"),
    [
        ("en", ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")),
        ("ru", ("пн", "вт", "ср", "чт", "пт", "сб", "вс")),
        ("uk", ("пн", "вт", "ср", "чт", "пт", "сб", "нд")),
    ],
)
def test_short_weekdays_for_calendars(lang: str, days: tuple[str, ...]) -> None:
    assert i18n.short_weekdays(lang) == days


@pytest.mark.parametrize(("lang", "shown"), [("en", "2.5"), ("ru", "2,5"), ("uk", "2,5")])
def test_numbers_take_the_languages_decimal_mark(lang: str, shown: str) -> None:
    assert i18n.number(2.5, 1, lang) == shown


# -- technique names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("technique", "ru", "uk"),
    [
        ("stroking", "поглаживание", "погладжування"),
        ("rubbing", "растирание", "розтирання"),
        ("kneading", "разминание", "розминання"),
        ("vibration", "вибрация", "вібрація"),
    ],
)
def test_technique_names_follow_the_seeds_vocabulary(technique: str, ru: str, uk: str) -> None:
    assert technique_label(technique, "ru") == ru
    assert technique_label(technique, "uk") == uk


def test_every_technique_has_a_name_in_every_language() -> None:
    for lang in i18n.LANGUAGES:
        labels = [technique_label(t, lang) for t in TECHNIQUES]
        assert len(set(labels)) == len(TECHNIQUES)
    assert [technique_label(t, "en") for t in TECHNIQUES] == list(TECHNIQUES)
