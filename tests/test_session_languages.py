"""A guided session in Russian and Ukrainian (issue 16): the plain lines, the questions,
the summary with its plural forms, the live frame at 80×24 and 60×15, the keys (same
letters, labels translated) and the voice's language."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

from homekit import home
from i18nkit import english_left
from selfmassage.context import Context
from selfmassage.i18n import Catalog, current, translator, use
from selfmassage.journal.view import course_line
from selfmassage.routines import body
from selfmassage.routines.model import Routine
from selfmassage.session.cues import preparation
from selfmassage.session.flow import QUIT_PROMPT, Summary, play
from selfmassage.session.live import COMMANDS, frame
from selfmassage.session.state import Session, View
from selfmassage.session.view import LINE_COMMANDS, PlainScreen, answered_yes, show_summary
from selfmassage.session.voice import find_engine, step_words
from sessionkit import FakeClock, FakeJournal
from test_plain_session import ScriptedLines

LANGUAGES = ("ru", "uk")
ROUTINES = ("collar", "lumbar", "relaxation")
SIZES = ((80, 24), (60, 15))
# Key names as the keyboard prints them stay as they are in every language.
KEY_NAMES = {"Enter", "Ctrl"}


def in_language(lang: str) -> Context:
    """A run in ``lang``, as the face makes it: the catalog in use, the context's language."""
    use(lang)
    return Context(paths=home(), clock=FakeClock(), language=lang)


def left_by_others(routine: Routine, day_text: str = "") -> set[str]:
    """English words of the parts other modules word (the step's place, the body picture
    as words, the course line): allowed here until those modules are translated too, so
    these tests hold this package's words, and grow strict by themselves once they are."""
    parts = [step.place for step in routine.steps]
    parts += [body.describe(step.area, step.side) for step in routine.steps]
    return set(english_left(" ".join(parts) + " " + day_text))


def plain_session(
    lang: str, script: list[tuple[float, str]], answers: str, routine_id: str = "collar"
) -> tuple[Summary, str, set[str]]:
    run = in_language(lang)
    routine = run.routine(routine_id)
    clock = run.clock
    assert isinstance(clock, FakeClock)
    journal = FakeJournal()
    out = io.StringIO()
    screen = PlainScreen(io.StringIO(answers), out, lines=lambda: ScriptedLines(clock, script))
    summary = play(run, routine, journal, screen, verdict="clear", caution=True)
    show_summary(screen, summary)
    assert summary.course is not None or summary.outcome == "stopped_for_pain"
    course = course_line(routine.id, summary.course, summary.day) if summary.course else ""
    return summary, out.getvalue(), left_by_others(routine, course) | KEY_NAMES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_whole_plain_session_has_no_english_left(lang: str) -> None:
    summary, out, allowed = plain_session(lang, [(20, "?"), (30, ""), (40, "")], "3\n1\nдобре\n")
    assert summary.outcome == "completed"
    assert english_left(out, allowed) == []


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("ru", ("Перед началом", "Боль сейчас", "шаг 1/12", "Комплекс выполнен", "Время:")),
        ("uk", ("Перед початком", "Біль зараз", "крок 1/12", "Комплекс виконано", "Час:")),
    ],
)
def test_a_plain_session_speaks_the_language(lang: str, words: tuple[str, ...]) -> None:
    _, out, _ = plain_session(lang, [], "3\n1\n\n")
    for word in words:
        assert word in out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_pain_stop_asks_and_advises_in_the_language(lang: str) -> None:
    summary, out, allowed = plain_session(lang, [(8, "p")], "2\nn\n6\nплече\n")
    assert summary.outcome == "stopped_for_pain"
    assert summary.pain_after == 6
    assert english_left(out, allowed) == []
    assert ("остановлен из-за боли" if lang == "ru" else "зупинено через біль") in out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_quit_question_and_an_unknown_command_are_in_the_language(lang: str) -> None:
    summary, out, allowed = plain_session(lang, [(4, "x"), (6, "q"), (8, "y")], "\n")
    assert summary.outcome == "quit"
    assert translator(lang).gettext(QUIT_PROMPT).strip() in out
    assert english_left(out, allowed) == []


@pytest.mark.parametrize(
    ("lang", "total", "shown"),
    [
        ("ru", 1, "Выполнено 1 из 1 шага"),
        ("ru", 2, "Выполнено 1 из 2 шагов"),
        ("ru", 5, "Выполнено 1 из 5 шагов"),
        ("ru", 21, "Выполнено 1 из 21 шага"),
        ("uk", 1, "Виконано 1 з 1 кроку"),
        ("uk", 2, "Виконано 1 з 2 кроків"),
        ("uk", 5, "Виконано 1 з 5 кроків"),
        ("uk", 21, "Виконано 1 з 21 кроку"),
    ],
)
def test_the_summary_counts_steps_in_the_languages_plural_forms(
    lang: str, total: int, shown: str
) -> None:
    run = in_language(lang)
    routine = run.routine("collar")
    summary = Summary(
        routine, "quit", 60, 0, 1, total, 2, None, None, None, None, run.clock.today()
    )
    out = io.StringIO()
    show_summary(PlainScreen(io.StringIO(), out), summary)
    assert shown in out.getvalue().splitlines()


@pytest.mark.parametrize(
    ("lang", "count", "shown"),
    [
        ("ru", 1, "1 шаг,"),
        ("ru", 2, "2 шага,"),
        ("ru", 5, "5 шагов,"),
        ("ru", 21, "21 шаг,"),
        ("uk", 1, "1 крок,"),
        ("uk", 3, "3 кроки,"),
        ("uk", 11, "11 кроків,"),
        ("uk", 21, "21 крок,"),
    ],
)
def test_the_opening_line_counts_the_steps_in_the_languages_plural_forms(
    lang: str, count: int, shown: str
) -> None:
    run = in_language(lang)
    routine = run.routine("collar")
    steps = (routine.steps * 3)[:count]
    clock = run.clock
    assert isinstance(clock, FakeClock)
    out = io.StringIO()
    screen = PlainScreen(io.StringIO("\n\n\n"), out, lines=lambda: ScriptedLines(clock, []))
    play(run, replace(routine, steps=steps), FakeJournal(), screen, verdict="clear")
    opening = next(line for line in out.getvalue().splitlines() if line.startswith("[00:00]"))
    assert f" {shown} " in opening


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("routine_id", ROUTINES)
def test_the_preparation_does_not_repeat_what_the_translated_routine_already_says(
    lang: str, routine_id: str
) -> None:
    english = len(preparation(in_language("en").routine(routine_id)))
    assert len(preparation(in_language(lang).routine(routine_id))) == english


# -- the live frame ---------------------------------------------------------------------


def views(routine: Routine) -> list[tuple[View, str]]:
    """Each step of ``routine`` near its end (the next step named), the get-ready countdown,
    and a paused step: every kind of frame a session shows."""
    clock = FakeClock()
    session = Session(routine, clock)
    session.start()
    shown = [(session.view(), "ready")]
    clock.advance(3)
    session.tick()
    for index, step in enumerate(routine.steps):
        clock.advance(step.seconds - 3)
        session.tick()
        shown.append((session.view(), f"step {index + 1}"))
        if index == 1:
            session.toggle_pause()
            shown.append((session.view(), "paused"))
            session.toggle_pause()
        clock.advance(3)
        session.tick()
    return shown


def render(view: View, title: str, width: int, height: int, **options: object) -> list[str]:
    console = Console(
        record=True, width=width, height=height, force_terminal=True, color_system=None
    )
    console.print(frame(view, title, width=width, height=height, caution=True, **options))  # type: ignore[arg-type]
    return console.export_text().splitlines()


def vocabulary(lang: str, routine: Routine) -> set[str]:
    """Every word the frame may show whole: the routine's words and the catalog's."""
    catalog = translator(lang)
    assert isinstance(catalog, Catalog)
    texts = catalog.texts()
    for step in routine.steps:
        texts += [step.label, step.place, step.instruction, step.cue or "", step.caution or ""]
    return set(re.findall(r"[^\W\d_]+", " ".join([routine.title, "Ctrl", *texts]).lower()))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("routine_id", ROUTINES)
def test_every_frame_fits_with_no_english_and_no_word_cut(
    lang: str, width: int, height: int, routine_id: str
) -> None:
    routine = in_language(lang).routine(routine_id)
    allowed = left_by_others(routine)
    words = vocabulary(lang, routine)
    for view, what in views(routine):
        for options in ({}, {"show_help": True}, {"prompt": translator(lang).gettext(QUIT_PROMPT)}):
            lines = render(view, routine.title, width, height, **options)
            text = "\n".join(lines)
            assert len(lines) <= height, (what, options)
            assert max(len(line) for line in lines) <= width, (what, options)
            assert english_left(text, allowed | {"Ctrl"}) == [], (what, options)
            # A word cut short ("Воротниковая зон…") is no word of the routine or catalog.
            shown = {w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) > 1}
            assert shown - words == set(), (what, options)


@pytest.mark.parametrize(("lang", "paused"), [("ru", "ПАУЗА"), ("uk", "ПАУЗА")])
@pytest.mark.parametrize("width", [80, 60])
def test_a_paused_frame_says_so_in_the_header_at_every_width(
    lang: str, paused: str, width: int
) -> None:
    routine = in_language(lang).routine("collar")
    view = next(view for view, what in views(routine) if what == "paused")
    assert paused in render(view, routine.title, width, 24)[0]


@pytest.mark.parametrize(
    ("lang", "keys"),
    [
        ("ru", "пробел пауза · n дальше · b назад · p боль — стоп · q выход · ? помощь"),
        ("uk", "пробіл пауза · n далі · b назад · p біль — стоп · q вихід · ? довідка"),
    ],
)
def test_the_keys_keep_their_letters_and_their_labels_are_translated(lang: str, keys: str) -> None:
    routine = in_language(lang).routine("collar")
    view = views(routine)[3][0]
    assert render(view, routine.title, 80, 24)[-1].strip() == keys


@pytest.mark.parametrize(("key", "command"), [("з", "pain"), ("т", "next"), ("и", "back")])
def test_a_key_pressed_in_a_cyrillic_layout_does_what_its_letter_does(
    key: str, command: str
) -> None:
    latin = {"pain": "p", "next": "n", "back": "b"}[command]
    assert COMMANDS[key] == COMMANDS[latin] == command
    assert LINE_COMMANDS[key] == LINE_COMMANDS[latin] == command


@pytest.mark.parametrize(("lang", "yes", "no"), [("ru", "да", "нет"), ("uk", "так", "ні")])
def test_a_typed_answer_may_be_the_languages_yes_or_no(lang: str, yes: str, no: str) -> None:
    use(lang)
    assert (answered_yes(yes), answered_yes(no), answered_yes("y")) == (True, False, True)


# -- the voice --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("engine", "lang", "options"),
    [
        ("espeak-ng", "ru", ["-v", "ru"]),
        ("espeak-ng", "uk", ["-v", "uk"]),
        ("spd-say", "uk", ["-l", "uk"]),
        ("espeak-ng", "en", []),
    ],
)
def test_the_voice_speaks_the_runs_language(
    engine: str, lang: str, options: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / engine
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    use(lang)
    assert find_engine("linux") == [str(program), *options]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_words_said_at_a_change_of_side_are_in_the_language(lang: str) -> None:
    routine = in_language(lang).routine("collar")
    index = next(
        i
        for i in range(1, len(routine.steps))
        if {routine.steps[i].side, routine.steps[i - 1].side} == {"left", "right"}
    )
    words = step_words(routine, index, caution=True)
    assert words.startswith("Смените сторону." if lang == "ru" else "Змініть бік.")
    assert english_left(words, left_by_others(routine)) == []
    assert current() == lang
