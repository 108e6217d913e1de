"""Commands for screening before a session and for picking the routine."""

# No `from __future__ import annotations`: register() declares the commands with
# annotations that Typer reads at run time and that name `typer`, imported there
# only, so the fast path runs these commands without importing Typer.

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from selfmassage.errors import SelfMassageError

if TYPE_CHECKING:
    from datetime import date

    import typer

    from selfmassage.context import Context
    from selfmassage.screening.complaints import Complaint
    from selfmassage.screening.standing import DoctorClearance


def run_screen(
    ctx: "Context",
    *,
    list_questions: bool,
    answers: Path | None,
    clearances: bool,
    revoke: str | None,
    as_json: bool,
) -> None:
    """Screen now, list the questions, answer from a file, or list or end clearances."""
    chosen = [
        name
        for name, given in (
            ("--list", list_questions),
            ("--answers", answers is not None),
            ("--clearances", clearances),
            ("--revoke", revoke is not None),
        )
        if given
    ]
    if len(chosen) > 1:
        from selfmassage.i18n import _

        raise SelfMassageError(_("use only one of {options}").format(options=", ".join(chosen)))
    run = ctx
    if list_questions:
        _list(run, as_json)
    elif answers is not None:
        _from_file(run, answers, as_json)
    elif clearances:
        _clearances(run, as_json)
    elif revoke is not None:
        _revoke(run, revoke, as_json)
    else:
        if as_json:
            from selfmassage.i18n import _

            raise SelfMassageError(
                _("--json needs --list, --answers, --clearances or --revoke"),
                hint=_("the questions are asked interactively"),
            )
        from selfmassage.screening.flow import screen_all, screening_state
        from selfmassage.screening.view import Io, screening_intro, verdict_panel

        io = Io()
        state = screening_state(run, warn=io.warn)
        io.out.print(screening_intro(len(run.questionnaire)))
        verdict = screen_all(run, io, state)
        io.out.print(verdict_panel(verdict, run.catalog))


def _clearances(ctx: "Context", as_json: bool) -> None:
    from selfmassage.screening.flow import list_clearances

    found = list_clearances(ctx)
    today = ctx.clock.today()
    if as_json:
        from selfmassage.cli.output import emit_json

        emit_json([_clearance_data(c, today) for c in found])
        return
    from selfmassage.screening.view import clearances_table

    clearances_table(found, today)


def _clearance_data(clearance: "DoctorClearance", today: "date") -> dict[str, object]:
    return {
        "id": clearance.id,
        "question": clearance.question,
        "given": clearance.given.isoformat(),
        "until": clearance.until.isoformat(),
        "note": clearance.note,
        "valid": clearance.valid(today),
    }


def _revoke(ctx: "Context", clearance_id: str, as_json: bool) -> None:
    from selfmassage.screening.flow import revoke

    ended = revoke(ctx, clearance_id)
    if as_json:
        from selfmassage.cli.output import emit_json

        emit_json({"revoked": _clearance_data(ended, ctx.clock.today())})
        return
    from selfmassage.i18n import _
    from selfmassage.text import printable

    sys.stdout.write(
        _("Clearance {id} ({question}) ended: that answer counts as it is again.").format(
            id=printable(ended.id), question=printable(ended.question)
        )
        + "\n"
    )


def _list(ctx: "Context", as_json: bool) -> None:
    questions = ctx.questionnaire
    if as_json:
        from selfmassage.cli.output import emit_json

        emit_json(ctx.for_machines(lambda english: [q.to_dict() for q in english.questionnaire]))
        return
    from selfmassage.screening.view import questions_table

    questions_table(questions)


def _from_file(ctx: "Context", path: Path, as_json: bool) -> None:
    from selfmassage.screening.flow import saved_verdict, screen_from_answers

    verdict = screen_from_answers(ctx, path)
    if as_json:
        from selfmassage.cli.output import emit_json

        emit_json(ctx.for_machines(lambda english: saved_verdict(english).to_dict()))
        return
    from selfmassage.screening.view import verdict_panel
    from selfmassage.style import Out

    Out().print(verdict_panel(verdict, ctx.catalog))


def run_recommend(
    ctx: "Context", *, complaint: "Complaint | None", minutes: int | None, as_json: bool
) -> None:
    """Pick the routine for the complaint, the screening and the time, and say why."""
    from selfmassage.screening.flow import recommend_today, screening_state

    run = ctx
    state = screening_state(run, warn=_warn)
    from selfmassage.i18n import _

    if state.status == "none":
        _warn(
            _("no screening on file from the last days; run '{command}' before a session").format(
                command="selfmassage screen"
            )
        )
    elif state.status == "lasting":
        _warn(
            _("today's screening questions are not answered yet; '{command}' asks them").format(
                command="selfmassage start"
            )
        )
    advice = recommend_today(run, state, complaint, minutes)
    if as_json:
        from selfmassage.cli.output import emit_json

        # Chosen in the run's language above (its errors too), then again in English.
        words = run.for_machines(
            lambda english: recommend_today(english, state, complaint, minutes)
        )
        emit_json(
            {
                **words.choice.to_dict(),
                "verdict": advice.verdict.verdict,
                "screening": state.status,
            }
        )
        return
    from selfmassage.screening.view import recommendation

    recommendation(advice.choice)


def _warn(message: str) -> None:
    from selfmassage.cli.edge import report_warning

    report_warning(message)


COMMANDS = ("screen", "recommend")


def register(app: "typer.Typer") -> None:
    """Declare ``screen`` and ``recommend`` on the Typer app."""
    import typer

    from selfmassage.cli.declare import JsonOption, calls
    from selfmassage.screening.complaints import Complaint

    @app.command("screen")
    @calls(run_screen)
    def screen(
        ctx: typer.Context,
        list_questions: Annotated[
            bool, typer.Option("--list", help="List the questions instead of asking them.")
        ] = False,
        answers: Annotated[
            Path | None,
            typer.Option(
                "--answers",
                help="Answer from a TOML file of 'question_id = true|false' lines "
                "(every question).",
                show_default=False,
            ),
        ] = None,
        clearances: Annotated[
            bool,
            typer.Option("--clearances", help="List the doctor clearances you have recorded."),
        ] = False,
        revoke: Annotated[
            str | None,
            typer.Option(
                "--revoke",
                metavar="ID",
                help="End a doctor clearance (see --clearances).",
                show_default=False,
            ),
        ] = None,
        as_json: JsonOption = False,
    ) -> None:
        """Screen for reasons not to massage today; saves the result for 'start'.

        Asks one yes/no question at a time (? = why we ask, b = back) and ends with the
        verdict: clear, caution, local, stop or urgent. After a "yes" that a doctor may
        clear, it asks whether a doctor has examined you for it and said self-massage is
        fine; while that clearance lasts, the answer means light pressure and no tapping.
        This is not medical advice; see a doctor for a diagnosis.
        """

    @app.command("recommend")
    @calls(run_recommend)
    def recommend(
        ctx: typer.Context,
        complaint: Annotated[
            Complaint | None,
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
