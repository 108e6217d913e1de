"""The language of a run: which one, its gettext catalog, plurals, dates and numbers.

Ground layer. A catalog is read only when a language other than English is chosen
(English is the source text, so nothing is loaded for it and start-up does not
change), and then by ``Catalog``, which looks each message up in the compiled file as
gettext does, decoding only what is asked for. The catalogs are committed, compiled,
in ``data/locale/<lang>/LC_MESSAGES/`` (``tools/i18n.py`` extracts, updates and
compiles them with Babel).

Which language (``choose_language``): ``--lang``, then ``SELFMASSAGE_LANG``, then the
``language`` of the settings, then the usual ``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/
``LANG``. A language named on purpose (the first three) that we do not have is an error;
the machine's locale that we do not have is English.

Dates and numbers are spelled here, from the catalog, never from the machine's installed
locales (a ``C`` locale, a container, a Windows console all give the same words).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Protocol

from selfmassage.errors import ExitCode, SelfMassageError

if TYPE_CHECKING:
    from pathlib import Path

LANGUAGES = ("en", "ru", "uk")
ENGLISH = "en"
# How each language calls itself, for the error that lists the choices.
NATIVE_NAMES = {"en": "English", "ru": "русский", "uk": "українська"}
DOMAIN = "selfmassage"
LANG_ENV = "SELFMASSAGE_LANG"
# The machine's locale, in gettext's order: LANGUAGE is a list ("uk:ru:en").
LOCALE_ENV = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
# gettext's own rule: a C locale turns LANGUAGE off (it is a list of preferences for
# messages, and "C" says "no translation").
_NO_LOCALE = ("c", "posix")


class UnknownLanguage(SelfMassageError):
    """A language asked for by name (``--lang``, ``SELFMASSAGE_LANG``, settings) we do not have."""

    exit_code = ExitCode.BAD_INPUT


def N_(msgid: str) -> str:
    """Mark a module-level constant for the catalog; ``_()`` translates it where it is used."""
    return msgid


# -- choosing the language -------------------------------------------------------------


def _code(value: str) -> str:
    """``uk_UA.UTF-8`` -> ``uk``; ``C.UTF-8`` -> ``c``: the language part of a locale name."""
    for mark in (".", "@", "_", "-"):
        value = value.split(mark, 1)[0]
    return value.strip().lower()


def _named(value: str, source: str) -> str:
    """A language named on purpose: one of ours, or ``UnknownLanguage`` naming the choices."""
    code = _code(value)
    if code in LANGUAGES:
        return code
    choices = ", ".join(f"{lang} ({NATIVE_NAMES[lang]})" for lang in LANGUAGES)
    raise UnknownLanguage(
        f"unknown language '{value.strip()}' ({source})", hint=f"choose one of: {choices}"
    )


def from_locale(env: Mapping[str, str]) -> str:
    """The language the machine's locale asks for, English when it is C or not one of ours."""
    locale = next((env[v] for v in LOCALE_ENV[1:] if env.get(v, "").strip()), "")
    if _code(locale) not in _NO_LOCALE:
        for entry in env.get("LANGUAGE", "").split(":"):
            if _code(entry) in LANGUAGES:
                return _code(entry)
    return _code(locale) if _code(locale) in LANGUAGES else ENGLISH


def choose_language(cli: str | None, env: Mapping[str, str], settings_language: str | None) -> str:
    """The run's language: ``--lang`` > ``SELFMASSAGE_LANG`` > settings > the locale."""
    if cli is not None:
        return _named(cli, "--lang")
    if env.get(LANG_ENV, "").strip():
        return _named(env[LANG_ENV], LANG_ENV)
    if settings_language is not None:
        return _named(settings_language, "'language' in settings.toml")
    return from_locale(env)


# -- catalogs --------------------------------------------------------------------------


class Translator(Protocol):
    """What a catalog answers (``gettext.GNUTranslations`` answers the same)."""

    def gettext(self, message: str, /) -> str: ...
    def ngettext(self, msgid1: str, msgid2: str, n: int, /) -> str: ...
    def pgettext(self, context: str, message: str, /) -> str: ...


class _English:
    """The source language: every message is its own translation, nothing is read."""

    def gettext(self, message: str, /) -> str:
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int, /) -> str:
        return msgid1 if n == 1 else msgid2

    def pgettext(self, context: str, message: str, /) -> str:
        return message


_ENGLISH_TRANSLATOR = _English()


def catalog_file(lang: str) -> Path:
    """The compiled catalog of ``lang`` inside the package."""
    from selfmassage.paths import package_data

    return package_data(f"locale/{lang}/LC_MESSAGES/{DOMAIN}.mo")


def east_slavic_plural(n: int) -> int:
    """Russian and Ukrainian: 0 for 1, 21, 31...; 1 for 2-4, 22-24...; 2 for the rest
    (5-20, 25-30..., 11-14). The catalogs' Plural-Forms header says the same (a test
    holds them together)."""
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


PLURAL_RULES = {"ru": east_slavic_plural, "uk": east_slavic_plural}


class Catalog:
    """A compiled gettext catalog (``.mo``), each message decoded only when asked for.

    ``gettext.GNUTranslations`` decodes the whole file up front (and imports what
    ``gettext`` needs): about 4 ms for our 1,000 messages, on the start-up of every
    Russian or Ukrainian run. Here the file's two tables are read with ``struct`` into
    an index of byte strings, and a message is decoded when it is looked up. Keys as
    in gettext: ``msgid``; ``context\x04msgid``; a plural message by its singular, its
    forms joined by NUL.
    """

    def __init__(self, data: bytes, plural: Callable[[int], int]) -> None:
        import struct

        order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
        count, originals, translations = struct.unpack_from(f"{order}3I", data, 8)
        keys = struct.unpack_from(f"{order}{2 * count}I", data, originals)
        values = struct.unpack_from(f"{order}{2 * count}I", data, translations)
        self._data = data
        self._plural = plural
        self._index = {
            data[keys[i + 1] : keys[i + 1] + keys[i]].split(b"\0", 1)[0]: (
                values[i + 1],
                values[i + 1] + values[i],
            )
            for i in range(0, 2 * count, 2)
        }

    def texts(self) -> list[str]:
        """Every translation in the catalog (each plural form on its own)."""
        return [
            form
            for start, end in self._index.values()
            for form in self._data[start:end].decode().split("\0")
        ]

    def _find(self, key: str) -> str | None:
        span = self._index.get(key.encode())
        return None if span is None else self._data[span[0] : span[1]].decode()

    def gettext(self, message: str, /) -> str:
        """``message`` translated, or itself."""
        found = self._find(message)
        return message if found is None else found

    def ngettext(self, msgid1: str, msgid2: str, n: int, /) -> str:
        """The form of a message for ``n``; English's if the catalog has none."""
        found = self._find(msgid1)
        if found is None:
            return msgid1 if n == 1 else msgid2
        forms = found.split("\0")
        return forms[min(self._plural(n), len(forms) - 1)]

    def pgettext(self, context: str, message: str, /) -> str:
        """``message`` in ``context``, translated, or itself."""
        found = self._find(f"{context}\x04{message}")
        return message if found is None else found


@cache
def translator(lang: str) -> Translator:
    """The catalog of ``lang``, read once per run; English reads nothing."""
    if lang == ENGLISH:
        return _ENGLISH_TRANSLATOR
    if lang not in LANGUAGES:
        _named(lang, "a program error")
    return Catalog(catalog_file(lang).read_bytes(), PLURAL_RULES[lang])


class _State:
    language = ENGLISH
    active: Translator = _ENGLISH_TRANSLATOR


def use(lang: str) -> None:
    """Make ``lang`` the language of ``_``, ``ngettext`` and the date words from now on."""
    _State.active = translator(lang)
    _State.language = lang


def current() -> str:
    """The language in use (``en`` until ``use`` says otherwise)."""
    return _State.language


def _(msgid: str) -> str:
    """``msgid`` in the language in use."""
    return _State.active.gettext(msgid)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for ``n`` by the language's plural rule (ru, uk: one/few/many)."""
    return _State.active.ngettext(singular, plural, n)


def pgettext(context: str, msgid: str) -> str:
    """``msgid`` in the language in use, told apart from the same words elsewhere by
    ``context`` (a month alone, "November", and in a date, "21 November", differ in ru)."""
    return _State.active.pgettext(context, msgid)


def in_language(lang: str | None) -> Translator:
    """The catalog of ``lang``, or of the run's language when ``lang`` is None: for words
    that must be in a language other than the run's (a handout ``print --lang`` makes)."""
    return _State.active if lang is None else translator(lang)


# -- counts, dates and numbers ---------------------------------------------------------


def minutes_text(n: int, lang: str | None = None) -> str:
    """``1 minute``, ``5 minutes``; ``21 минута``, ``22 минуты``, ``11 минут``."""
    return in_language(lang).ngettext("{n} minute", "{n} minutes", n).format(n=n)


def weekday_name(day: date, lang: str | None = None) -> str:
    """The day of the week in full: ``Saturday``, ``суббота``, ``субота``."""
    weekdays = (
        pgettext_noop("weekday", "Monday"),
        pgettext_noop("weekday", "Tuesday"),
        pgettext_noop("weekday", "Wednesday"),
        pgettext_noop("weekday", "Thursday"),
        pgettext_noop("weekday", "Friday"),
        pgettext_noop("weekday", "Saturday"),
        pgettext_noop("weekday", "Sunday"),
    )
    return in_language(lang).pgettext(*weekdays[day.weekday()])


def short_weekdays(lang: str | None = None) -> tuple[str, ...]:
    """Monday to Sunday, short, for calendars and reports: ``Mon``, ``пн``, ``пн``."""
    short = (
        pgettext_noop("short weekday", "Mon"),
        pgettext_noop("short weekday", "Tue"),
        pgettext_noop("short weekday", "Wed"),
        pgettext_noop("short weekday", "Thu"),
        pgettext_noop("short weekday", "Fri"),
        pgettext_noop("short weekday", "Sat"),
        pgettext_noop("short weekday", "Sun"),
    )
    found = in_language(lang)
    return tuple(found.pgettext(*name) for name in short)


def month_name(month: int, lang: str | None = None) -> str:
    """A month on its own (a calendar's heading): ``November``, ``ноябрь``, ``листопад``."""
    names = (
        pgettext_noop("month", "January"),
        pgettext_noop("month", "February"),
        pgettext_noop("month", "March"),
        pgettext_noop("month", "April"),
        pgettext_noop("month", "May"),
        pgettext_noop("month", "June"),
        pgettext_noop("month", "July"),
        pgettext_noop("month", "August"),
        pgettext_noop("month", "September"),
        pgettext_noop("month", "October"),
        pgettext_noop("month", "November"),
        pgettext_noop("month", "December"),
    )
    return in_language(lang).pgettext(*names[month - 1])


def _month_of_date(month: int, translated: Translator) -> str:
    """The month as a date says it: ``21 ноября`` (genitive), not ``21 ноябрь``."""
    names = (
        pgettext_noop("month in a date", "January"),
        pgettext_noop("month in a date", "February"),
        pgettext_noop("month in a date", "March"),
        pgettext_noop("month in a date", "April"),
        pgettext_noop("month in a date", "May"),
        pgettext_noop("month in a date", "June"),
        pgettext_noop("month in a date", "July"),
        pgettext_noop("month in a date", "August"),
        pgettext_noop("month in a date", "September"),
        pgettext_noop("month in a date", "October"),
        pgettext_noop("month in a date", "November"),
        pgettext_noop("month in a date", "December"),
    )
    return translated.pgettext(*names[month - 1])


def day_month(day: date, lang: str | None = None) -> str:
    """``21 November``, ``21 ноября``, ``21 листопада``: a day in a sentence."""
    translated = in_language(lang)
    return translated.gettext(N_("{day} {month}")).format(
        day=day.day, month=_month_of_date(day.month, translated)
    )


def long_date(day: date, lang: str | None = None) -> str:
    """The whole date in words: ``Saturday, 21 November 2026``; ``суббота, 21 ноября 2026``;
    ``субота, 21 листопада 2026``."""
    translated = in_language(lang)
    return translated.gettext(N_("{weekday}, {day} {month} {year}")).format(
        weekday=weekday_name(day, lang),
        day=day.day,
        month=_month_of_date(day.month, translated),
        year=day.year,
    )


def number(value: float, digits: int = 1, lang: str | None = None) -> str:
    """``2.5`` in English, ``2,5`` in Russian and Ukrainian (the decimal comma)."""
    shown = f"{value:.{digits}f}"
    return shown.replace(".", ",") if (lang or current()) in ("ru", "uk") else shown


def pgettext_noop(context: str, msgid: str) -> tuple[str, str]:
    """Mark a message with a context for the catalog without translating it yet."""
    return context, msgid
