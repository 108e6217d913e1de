"""Commands for screening before a session and for picking the routine."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from selfmassage.cli.common import JsonOption, context_of
from selfmassage.errors import SelfMassageError

if TYPE_CHECKING:
    from selfmassage.context import Context


class ComplaintChoice(StrEnum):
    neck = "neck"
    lower_back = "lower-back"
    tension = "tension"
    sleep = "sleep"
    fatigue = "fatigue"


def screen(
    ctx: typer.Context,
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
    run = context_of(ctx)
    if list_questions:
        _list(run, as_json)
    elif answers is not None:
        _from_file(run, answers, as_json)
    else:
        if as_json:
            raise SelfMassageError(
                "--json needs --list or --answers", hint="the questions are asked interactively"
            )
        from selfmassage.screening.ask import run_screen

        run_screen(run)


def _list(ctx: Context, as_json: bool) -> None:
    questions = ctx.questionnaire
    if as_json:
        from selfmassage.cli.output import emit_json

        emit_json([q.to_dict() for q in questions])
        return
    from selfmassage.screening.view import questions_table

    questions_table(questions)


def _from_file(ctx: Context, path: Path, as_json: bool) -> None:
    from selfmassage.screening.questions import load_answers
    from selfmassage.screening.saved import SavedScreening, save_screening
    from selfmassage.screening.verdict import evaluate

    questions = ctx.questionnaire
    given = load_answers(path, questions)
    catalog = ctx.catalog
    verdict = evaluate(given, questions, catalog)
    now = ctx.clock.now()
    save_screening(SavedScreening(given, verdict.verdict, now, now), ctx.paths.screening_file)
    if as_json:
        from selfmassage.cli.output import emit_json

        emit_json(verdict.to_dict())
        return
    from selfmassage.screening.view import verdict_panel
    from selfmassage.view import console

    console().print(verdict_panel(verdict, catalog))


def recommend(
    ctx: typer.Context,
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
    from selfmassage.screening.recommend import recommend as pick
    from selfmassage.screening.saved import load_saved, status, valid_answers
    from selfmassage.screening.verdict import evaluate

    run = context_of(ctx)
    questions = run.questionnaire
    catalog = run.catalog
    saved, warning = load_saved(run.paths.screening_file)
    if warning:
        _warn(warning)
    now = run.clock.now()
    days = run.settings.screening_valid_days
    state = status(saved, now, days)
    verdict = evaluate(valid_answers(saved, questions, now, days), questions, catalog)
    if state == "none":
        _warn("no screening on file from the last days; run 'selfmassage screen' before a session")
    elif state == "lasting":
        _warn("today's screening questions are not answered yet; 'selfmassage start' asks them")
    choice = pick(complaint.value if complaint else None, minutes, verdict, catalog)
    if as_json:
        from selfmassage.cli.output import emit_json

        emit_json({**choice.to_dict(), "verdict": verdict.verdict, "screening": state})
        return
    from selfmassage.screening.view import recommendation

    recommendation(choice)


def _warn(message: str) -> None:
    from selfmassage.text import printable

    sys.stderr.write(f"selfmassage: warning: {printable(message)}\n")


COMMANDS = ("screen", "recommend")


def register(app: typer.Typer) -> None:
    app.command("screen")(screen)
    app.command("recommend")(recommend)
