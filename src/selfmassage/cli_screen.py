"""Commands for screening before a session and for picking the routine."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from selfmassage.errors import SelfMassageError


class ComplaintChoice(StrEnum):
    neck = "neck"
    lower_back = "lower-back"
    tension = "tension"
    sleep = "sleep"
    fatigue = "fatigue"


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def screen(
    list_questions: Annotated[
        bool, typer.Option("--list", help="List the questions instead of asking them.")
    ] = False,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            help="Answer from a TOML file of 'question_id = true|false' lines (every question).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Screen for reasons not to massage today; saves the result for 'start'.

    Asks one yes/no question at a time (? = why we ask, b = back) and ends with the
    verdict: clear, caution, local, stop or urgent. This is not medical advice; see a
    doctor for a diagnosis.
    """
    if list_questions and answers is not None:
        raise SelfMassageError("use either --list or --answers, not both")
    if list_questions:
        _list(as_json)
    elif answers is not None:
        _from_file(answers, as_json)
    else:
        if as_json:
            raise SelfMassageError(
                "--json needs --list or --answers", hint="the questions are asked interactively"
            )
        from selfmassage.ui_screening import run_screen

        run_screen()


def _list(as_json: bool) -> None:
    from selfmassage.screening import load_questionnaire

    questions = load_questionnaire()
    if as_json:
        from selfmassage.output import emit_json

        emit_json([q.to_dict() for q in questions])
        return
    from selfmassage.render_screening import questions_table

    questions_table(questions)


def _from_file(path: Path, as_json: bool) -> None:
    from datetime import datetime

    from selfmassage.routines import load_catalog
    from selfmassage.screening import (
        SavedScreening,
        evaluate,
        load_answers,
        load_questionnaire,
        save_screening,
    )

    questions = load_questionnaire()
    given = load_answers(path, questions)
    catalog = load_catalog()
    verdict = evaluate(given, questions, catalog)
    now = datetime.now().astimezone()
    save_screening(SavedScreening(given, verdict.verdict, now, now))
    if as_json:
        from selfmassage.output import emit_json

        emit_json(verdict.to_dict())
        return
    from selfmassage.render import console
    from selfmassage.ui_screening import verdict_panel

    console().print(verdict_panel(verdict, catalog))


def recommend(
    complaint: Annotated[
        ComplaintChoice | None,
        typer.Option("--complaint", help="What you want help with.", show_default=False),
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option(
            "--minutes", min=1, max=120, help="Minutes you have; a longer routine is shortened."
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Pick the routine for your complaint, your screening and your time, and say why.

    Never picks a routine your screening leaves out. This is not medical advice; see
    a doctor for a diagnosis.
    """
    from datetime import datetime

    from selfmassage.routines import load_catalog
    from selfmassage.screening import (
        evaluate,
        load_questionnaire,
        load_saved,
        status,
        valid_answers,
    )
    from selfmassage.screening import recommend as pick
    from selfmassage.settings import load_settings

    questions = load_questionnaire()
    catalog = load_catalog()
    saved, warning = load_saved()
    if warning:
        _warn(warning)
    now = datetime.now().astimezone()
    days = load_settings().screening_valid_days
    state = status(saved, now, days)
    verdict = evaluate(valid_answers(saved, questions, now, days), questions, catalog)
    if state == "none":
        _warn("no screening on file from the last days; run 'selfmassage screen' before a session")
    elif state == "lasting":
        _warn("today's screening questions are not answered yet; 'selfmassage start' asks them")
    choice = pick(complaint.value if complaint else None, minutes, verdict, catalog)
    if as_json:
        from selfmassage.output import emit_json

        emit_json({**choice.to_dict(), "verdict": verdict.verdict, "screening": state})
        return
    from selfmassage.render_screening import recommendation

    recommendation(choice)


def _warn(message: str) -> None:
    from selfmassage.safetext import printable

    sys.stderr.write(f"selfmassage: warning: {printable(message)}\n")


COMMANDS = ("screen", "recommend")


def register(app: typer.Typer) -> None:
    app.command("screen")(screen)
    app.command("recommend")(recommend)
