"""The content in Russian and Ukrainian: the routines, the questionnaire, the safety text.

A translation is a sibling file holding only text. These tests check that each one says
exactly the same routine (steps, techniques, areas, sides, seconds, course), the same
questions (tiers, areas, flags) and the same safety lists, with every text translated.
"""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path
from typing import Any

import pytest

from routine_text import VALID
from selfmassage import paths
from selfmassage.context import Context
from selfmassage.errors import InvalidFile
from selfmassage.files import translation
from selfmassage.files.settings import load_settings
from selfmassage.handout.build import SAFETY_FILE, load_safety
from selfmassage.paths import Paths
from selfmassage.routines.catalog import (
    TEXT_SHAPE,
    check_files,
    load_catalog,
    load_routine_file,
    routine_files,
)
from selfmassage.routines.model import Routine
from selfmassage.screening.questions import (
    TEXT_SHAPE as QUESTION_TEXT,
)
from selfmassage.screening.questions import (
    load_questionnaire,
    questionnaire_file,
)

LANGS = ("ru", "uk")
BUNDLED = ("collar", "lumbar", "relaxation")
STEP_TEXT = ("name", "instruction", "cue", "caution", "light")
# Words a translation may keep as they are (none yet: no proper names in the texts).
PROPER_NAMES: frozenset[str] = frozenset()


def bundled(name: str, lang: str = "en") -> Routine:
    return load_routine_file(paths.bundled_routines_dir() / f"{name}.toml", "bundled", lang)


def dose(routine: Routine) -> list[tuple[Any, ...]]:
    """Everything about the steps but their words."""
    return [
        (s.technique, s.areas, s.side, s.seconds, s.tempo, s.optional, s.min_seconds)
        for s in routine.steps
    ]


def texts(data: Any, shape: translation.Shape) -> list[tuple[str, str]]:
    """Every (key, text) a shape calls text, in file order."""
    found: list[tuple[str, str]] = []
    for key in shape.texts:
        if key in data:
            found.append((key, data[key]))
    for key in shape.text_lists:
        found += [(key, item) for item in data.get(key, [])]
    for key, inner in shape.tables.items():
        value = data.get(key)
        for table in value if isinstance(value, list) else [value] if value else []:
            found += texts(table, inner)
    return found


def read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


# -- the routines -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", BUNDLED)
def test_a_translated_routine_has_the_same_steps_and_seconds(name: str, lang: str) -> None:
    source, translated = bundled(name), bundled(name, lang)
    assert dose(translated) == dose(source)
    assert (translated.id, translated.position, translated.course) == (
        source.id,
        source.position,
        source.course,
    )
    assert translated.total_seconds == source.total_seconds


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", BUNDLED)
def test_every_text_of_a_routine_is_translated(name: str, lang: str) -> None:
    folder = paths.bundled_routines_dir()
    source = texts(read(folder / f"{name}.toml"), TEXT_SHAPE)
    translated = texts(
        read(translation.translation_path(folder / f"{name}.toml", lang)), TEXT_SHAPE
    )
    assert [key for key, _ in translated] == [key for key, _ in source]
    same = [
        text
        for (_, text), (_, english) in zip(translated, source, strict=True)
        if text == english and text not in PROPER_NAMES
    ]
    assert same == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", BUNDLED)
def test_a_routine_keeps_its_fingerprint_in_every_language(name: str, lang: str) -> None:
    assert bundled(name, lang).fingerprint == bundled(name).fingerprint


def test_the_fingerprint_holds_for_the_light_wording_and_a_fitted_routine() -> None:
    from selfmassage.routines.fit import fit
    from selfmassage.session.flow import as_shown

    english, ukrainian = bundled("collar"), bundled("collar", "uk")
    assert (
        as_shown(ukrainian, caution=True).fingerprint == as_shown(english, caution=True).fingerprint
    )
    assert fit(ukrainian, 8).routine.fingerprint == fit(english, 8).routine.fingerprint


def test_a_routine_in_a_language_it_has_no_translation_for_is_as_written(tmp_path: Path) -> None:
    (tmp_path / "test.toml").write_text(VALID)
    routine = load_routine_file(tmp_path / "test.toml", "user", "uk")
    assert (routine.title, routine.language) == ("Test routine", "en")


def test_the_catalog_lists_no_translation_as_a_routine() -> None:
    folder = paths.bundled_routines_dir()
    assert [p.name for p in routine_files(folder)] == [f"{name}.toml" for name in BUNDLED]
    assert load_catalog(folder, language="ru").ids() == list(BUNDLED)


def test_the_catalog_is_in_the_language_asked_for() -> None:
    catalog = load_catalog(paths.bundled_routines_dir(), language="uk")
    assert catalog.routines["collar"].title == "Комірцева зона"
    assert catalog.routines["collar"].language == "uk"


def test_the_contexts_routine_is_in_the_contexts_language(isolated_home: Path) -> None:
    run = Context(paths=Paths.under(isolated_home), language="ru")
    assert run.routine("collar").title == "Воротниковая зона"
    assert run.routine("lumbar").steps[0].name == "Начальное поглаживание"


def test_a_context_is_english_unless_told(isolated_home: Path) -> None:
    run = Context(paths=Paths.under(isolated_home))
    assert run.language == "en"
    assert run.routine("collar").title == "Collar zone"


def test_a_users_routine_is_read_with_its_own_translation(user_routines: Path) -> None:
    (user_routines / "test.toml").write_text(VALID)
    (user_routines / "test.uk.toml").write_text(
        'title = "Тест"\ndescription = "Опис."\narea = "шия"\nindications = ["тести"]\n\n'
        '[[steps]]\ninstruction = "Погладьте шию."\n\n[[steps]]\ninstruction = "Розімніть."\n'
    )
    catalog = load_catalog(paths.bundled_routines_dir(), user_routines, language="uk")
    assert catalog.routines["test"].title == "Тест"
    assert catalog.warnings == ()


def test_a_users_broken_translation_leaves_the_routine_as_written(user_routines: Path) -> None:
    (user_routines / "test.toml").write_text(VALID)
    (user_routines / "test.uk.toml").write_text('title = "Тест"\n')
    catalog = load_catalog(paths.bundled_routines_dir(), user_routines, language="uk")
    assert catalog.routines["test"].title == "Test routine"
    assert len(catalog.warnings) == 1
    assert catalog.warnings[0].startswith(f"not using {user_routines}/test.uk.toml: 4 problems")


# -- what a translation cannot do -----------------------------------------------------------


def translated_problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "test.toml").write_text(VALID)
    (tmp_path / "test.ru.toml").write_text(text)
    with pytest.raises(InvalidFile) as raised:
        load_routine_file(tmp_path / "test.toml", "user", "ru")
    return [p.replace(str(tmp_path) + "/", "") for p in raised.value.problems]


TRANSLATED = (
    'title = "Тест"\ndescription = "Описание."\narea = "шея"\nindications = ["тесты"]\n\n'
    '[[steps]]\ninstruction = "Погладьте шею."\n\n[[steps]]\ninstruction = "Разомните."\n'
)


def test_a_translation_cannot_change_seconds(tmp_path: Path) -> None:
    text = TRANSLATED.replace('"Погладьте шею."', '"Погладьте шею."\nseconds = 600')
    assert translated_problems(tmp_path, text) == [
        "test.ru.toml:8: step 1: 'seconds' cannot be translated: a translation holds only "
        "text (name, instruction, cue, caution, light); the rest comes from test.toml"
    ]


def test_a_translation_cannot_change_the_course(tmp_path: Path) -> None:
    text = TRANSLATED.replace("[[steps]]", "[course]\nsessions = 30\n\n[[steps]]", 1)
    problems = translated_problems(tmp_path, text)
    assert problems[0].startswith("test.ru.toml:6: 'course' cannot be translated")


def test_a_translation_cannot_add_a_step(tmp_path: Path) -> None:
    text = TRANSLATED + '\n[[steps]]\ninstruction = "Ещё."\n'
    assert translated_problems(tmp_path, text) == [
        "test.ru.toml:6: 'steps' must be 2 [[steps]] tables as in test.toml, got 3"
    ]


def test_a_translation_cannot_leave_a_text_out(tmp_path: Path) -> None:
    text = TRANSLATED.replace('instruction = "Разомните."', 'name = "Разминание"')
    problems = translated_problems(tmp_path, text)
    assert (
        "test.ru.toml:10: step 2: 'name' is not in test.toml here: a translation adds no text"
        in problems
    )
    assert "test.ru.toml:9: step 2: missing required key 'instruction'" in problems


def test_a_translation_cannot_be_empty_text(tmp_path: Path) -> None:
    text = TRANSLATED.replace('"Тест"', '" "')
    assert translated_problems(tmp_path, text) == ["test.ru.toml:1: 'title' must not be empty"]


def test_a_translation_keeps_its_list_item_for_item(tmp_path: Path) -> None:
    text = TRANSLATED.replace('["тесты"]', '["тесты", "ещё"]')
    assert translated_problems(tmp_path, text) == [
        "test.ru.toml:4: 'indications' must have 1 item as in test.toml, got 2"
    ]


def test_validate_checks_a_translation_against_its_routine(tmp_path: Path) -> None:
    (tmp_path / "test.toml").write_text(VALID)
    (tmp_path / "test.uk.toml").write_text(TRANSLATED.replace('"Тест"', "5"))
    found = check_files([tmp_path / "test.uk.toml"])[tmp_path / "test.uk.toml"]
    assert found.problems == (
        f"{tmp_path}/test.uk.toml:1: 'title' must be a string, got an integer",
    )


def test_validate_finds_the_bundled_translations_valid() -> None:
    folder = paths.bundled_routines_dir()
    files = [
        translation.translation_path(folder / f"{n}.toml", lang) for n in BUNDLED for lang in LANGS
    ]
    assert all(found.problems == () for found in check_files(files).values())


def test_a_translation_without_its_routine_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "gone.ru.toml").write_text(TRANSLATED)
    found = check_files([tmp_path / "gone.ru.toml"])[tmp_path / "gone.ru.toml"]
    assert found.problems == (
        f"{tmp_path}/gone.ru.toml: a translation needs its routine beside it (gone.toml)",
    )


FEVER = """\
[[questions]]
id = "fever"
text = "Fever?"
why = "Why."
tier = "stop"
temporary = true
"""

# -- the questionnaire ------------------------------------------------------------------------


def structure(question: Any) -> dict[str, Any]:
    data = dataclasses.asdict(question)
    return {k: v for k, v in data.items() if k not in ("text", "why", "advice")}


@pytest.mark.parametrize("lang", LANGS)
def test_the_translated_questionnaire_asks_the_same_questions(lang: str) -> None:
    source, translated = load_questionnaire(), load_questionnaire(language=lang)
    assert [structure(q) for q in translated] == [structure(q) for q in source]


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_of_the_questionnaire_is_translated(lang: str) -> None:
    source, translated = load_questionnaire(), load_questionnaire(language=lang)
    same = [
        (q.id, key)
        for q, english in zip(translated, source, strict=True)
        for key in ("text", "why", "advice")
        if getattr(q, key) == getattr(english, key) or not getattr(q, key).strip()
    ]
    assert same == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_questionnaire_translation_has_each_question_under_its_id(lang: str) -> None:
    source = read(questionnaire_file())["questions"]
    given = read(translation.translation_path(questionnaire_file(), lang))["questions"]
    assert [q["id"] for q in given] == [q["id"] for q in source]
    assert [sorted(q) for q in given] == [
        sorted(k for k in q if k in ("id", "text", "why", "advice")) for q in source
    ]
    assert QUESTION_TEXT.tables["questions"].anchors == ("id",)


def test_a_question_under_another_id_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "q.toml").write_text(FEVER)
    (tmp_path / "q.uk.toml").write_text(
        '[[questions]]\nid = "cough"\ntext = "Гарячка?"\nwhy = "Чому."\n'
    )
    with pytest.raises(InvalidFile) as raised:
        load_questionnaire(tmp_path / "q.toml", "uk")
    assert raised.value.problems == [
        f"{tmp_path}/q.uk.toml:2: question 1: 'id' must be 'fever' as in q.toml, got 'cough'"
    ]


def test_a_translation_cannot_change_a_tier(tmp_path: Path) -> None:
    (tmp_path / "q.toml").write_text(FEVER)
    (tmp_path / "q.uk.toml").write_text(
        '[[questions]]\ntext = "Гарячка?"\nwhy = "Чому."\ntier = "caution"\n'
    )
    with pytest.raises(InvalidFile) as raised:
        load_questionnaire(tmp_path / "q.toml", "uk")
    assert "'tier' cannot be translated" in raised.value.problems[0]


def test_the_default_advice_is_in_the_questionnaires_language(tmp_path: Path) -> None:
    (tmp_path / "q.toml").write_text(FEVER)
    (tmp_path / "q.ru.toml").write_text('[[questions]]\ntext = "Температура?"\nwhy = "Почему."\n')
    (question,) = load_questionnaire(tmp_path / "q.toml", "ru")
    assert question.advice == (
        "Не проводите сеанс, пока врач не проверит это и не скажет, что массаж вам можно."
    )


def test_the_contexts_questionnaire_is_in_its_language(isolated_home: Path) -> None:
    run = Context(paths=Paths.under(isolated_home), language="uk")
    assert run.questionnaire[0].text == "Чи є у вас біль у грудях зараз або чи був він сьогодні?"


# -- the safety text ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_translated_safety_text_has_the_same_lists(lang: str) -> None:
    source, translated = load_safety(), load_safety(SAFETY_FILE, lang)
    for key in ("stop_on_pain", "safety_rules", "stop", "local", "caution"):
        assert len(getattr(translated, key)) == len(getattr(source, key))
    assert [(f.areas, len(f.emergency), len(f.soon)) for f in translated.red_flags] == [
        (f.areas, len(f.emergency), len(f.soon)) for f in source.red_flags
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_every_safety_text_is_translated(lang: str) -> None:
    from selfmassage.handout.build import SAFETY_TEXT

    source = texts(read(SAFETY_FILE), SAFETY_TEXT)
    translated = texts(read(translation.translation_path(SAFETY_FILE, lang)), SAFETY_TEXT)
    assert [key for key, _ in translated] == [key for key, _ in source]
    assert [t for (_, t), (_, e) in zip(translated, source, strict=True) if t == e] == []


def test_the_safety_text_cannot_move_red_flags_to_other_areas(tmp_path: Path) -> None:
    text = translation.translation_path(SAFETY_FILE, "uk").read_text()
    (tmp_path / "safety.toml").write_text(SAFETY_FILE.read_text())
    (tmp_path / "safety.uk.toml").write_text(
        text.replace('name = "шия"', 'name = "шия"\nareas = ["hands"]')
    )
    with pytest.raises(InvalidFile) as raised:
        load_safety(tmp_path / "safety.toml", "uk")
    assert "red_flag 1: 'areas' cannot be translated" in raised.value.problems[0]


def test_the_context_gives_the_safety_text_in_its_language_or_the_one_asked(
    isolated_home: Path,
) -> None:
    run = Context(paths=Paths.under(isolated_home), language="ru")
    assert run.safety().red_flags[0].name == "шея"
    assert run.safety("uk").red_flags[0].name == "шия"
    assert run.safety("en").red_flags[0].name == "neck"


# -- settings ---------------------------------------------------------------------------------


def test_settings_name_a_language(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text('language = "uk"\n')
    assert load_settings(tmp_path / "settings.toml").language == "uk"


def test_settings_without_a_language_leave_it_to_the_locale(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text("bell = false\n")
    assert load_settings(tmp_path / "settings.toml").language is None


def test_settings_refuse_a_language_we_do_not_have(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text('language = "fr"\n')
    with pytest.raises(InvalidFile) as raised:
        load_settings(tmp_path / "settings.toml")
    assert raised.value.problems == [
        f"{tmp_path}/settings.toml:1: 'language' must be one of en, ru, uk; got 'fr'"
    ]
