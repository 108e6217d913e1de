"""The gettext catalogs: complete, placeholders kept, the committed .mo what the .po says."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("ru", "uk")
# {name}, {0}, {}, %s, %d, %(name)s: what str.format and % fill in.
PLACEHOLDER = re.compile(r"\{[A-Za-z0-9_]*\}|%\([A-Za-z0-9_]+\)[sdif]|%[sdif]")


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = load_tool()


def messages(lang: str) -> list[Any]:
    return [m for m in TOOL.read_po(TOOL.po_file(lang)) if m.id]


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("lang", LANGS)
def test_the_committed_mo_is_the_compiled_po(lang: str) -> None:
    assert TOOL.mo_file(lang).read_bytes() == TOOL.compiled(TOOL.po_file(lang))


def test_the_template_holds_every_message_of_the_source() -> None:
    def keys(catalog: Any) -> set[tuple[Any, Any]]:
        return {(m.context, m.id) for m in catalog if m.id}

    assert keys(TOOL.template()) == keys(TOOL.read_po(TOOL.TEMPLATE))


@pytest.mark.parametrize("lang", LANGS)
def test_every_po_holds_exactly_the_templates_messages(lang: str) -> None:
    template = {(m.context, m.id) for m in TOOL.read_po(TOOL.TEMPLATE) if m.id}
    assert {(m.context, m.id) for m in messages(lang)} == template


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated_and_none_is_fuzzy(lang: str) -> None:
    untranslated = [m.id for m in messages(lang) if m.fuzzy or not _forms(m.string)]
    assert untranslated == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_plural_has_each_of_the_languages_three_forms(lang: str) -> None:
    catalog = TOOL.read_po(TOOL.po_file(lang))
    assert catalog.num_plurals == 3
    plurals = [m for m in catalog if m.pluralizable]
    assert plurals
    assert all(len(m.string) == 3 and all(s.strip() for s in m.string) for m in plurals)


@pytest.mark.parametrize("lang", LANGS)
def test_every_placeholder_of_a_message_is_in_its_translation(lang: str) -> None:
    wrong = []
    for message in messages(lang):
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = placeholders(sources[-1])
        for form in _forms(message.string):
            if placeholders(form) != wanted:
                wrong.append((message.id, form))
    assert wrong == []


def test_the_placeholder_check_sees_a_missing_one() -> None:
    assert placeholders("{n} минут") != placeholders("{n} minutes {unit}")
    assert placeholders("%(x)s и %s") == placeholders("%s and %(x)s")


def _forms(string: Any) -> list[str]:
    forms = list(string) if isinstance(string, tuple) else [string]
    return [f for f in forms if f and f.strip()] if all(f and f.strip() for f in forms) else []


@pytest.mark.parametrize("lang", LANGS)
def test_our_catalog_reader_answers_every_message_as_gettext_does(lang: str) -> None:
    import gettext

    from selfmassage import i18n

    with i18n.catalog_file(lang).open("rb") as handle:
        reference = gettext.GNUTranslations(handle)
    ours = i18n.translator(lang)
    for message in messages(lang):
        if isinstance(message.id, tuple):
            for n in (0, 1, 2, 4, 5, 11, 12, 21, 22, 25, 101, 111, 1000):
                assert ours.ngettext(*message.id, n) == reference.ngettext(*message.id, n)
        elif message.context:
            assert ours.pgettext(message.context, message.id) == reference.pgettext(
                message.context, message.id
            )
        else:
            assert ours.gettext(message.id) == reference.gettext(message.id)
    assert ours.gettext("not a message of ours") == "not a message of ours"


@pytest.mark.parametrize("lang", LANGS)
def test_the_plural_rule_is_the_one_the_catalog_header_names(lang: str) -> None:
    import gettext

    from selfmassage import i18n

    header = TOOL.read_po(TOOL.po_file(lang)).plural_expr  # Babel: the Plural-Forms rule
    rule = gettext.c2py(header)
    assert [i18n.PLURAL_RULES[lang](n) for n in range(1000)] == [rule(n) for n in range(1000)]
