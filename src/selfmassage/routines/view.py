"""One routine in detail for ``show``: a panel of facts, then the steps table. No Rich.

Drawn with ``style`` and ``textable`` (Rich would cost as much as the rest of
``show``'s start-up); only the CLI imports this.
"""

from __future__ import annotations

from selfmassage.i18n import N_, _, current, ngettext
from selfmassage.routines.model import Routine, position_label, technique_label
from selfmassage.style import Out, Text, bold, dim, stack, styled
from selfmassage.text import duration
from selfmassage.textable import Panel, grid, styled_table

# Tempo counts strokes, except where the hands are still and the count is of breaths.
TEMPO_UNITS = {
    "breathing": N_("Tempo: {n} breaths a minute"),
    "rest": N_("Tempo: {n} breaths a minute"),
    "stretching": N_("Tempo: {n} movements a minute"),
}
TEMPO_STROKES = N_("Tempo: {n} strokes a minute")
# Where a routine comes from, as people read it (the ids stay in JSON).
SOURCES = {"bundled": N_("bundled"), "user": N_("user"), "file": N_("file")}
# Column caps (technique, area), as the Rich table had: the instructions get the room.
STEP_COLUMNS_WIDEST = {1: 18, 2: 12}


class _Facts:
    """The routine's facts as a label grid, laid out at the panel's width."""

    def __init__(self, rows: list[tuple[Text, Text]]) -> None:
        self.rows = rows

    def lines(self, width: int) -> list[Text]:
        return grid(self.rows, width)


class _Steps:
    """The steps table, laid out at the terminal's width."""

    def __init__(self, routine: Routine) -> None:
        self.routine = routine

    def lines(self, width: int) -> list[Text]:
        rows = []
        for number, step in enumerate(self.routine.steps, start=1):
            technique = bold(step.label)
            if step.name:
                technique += dim("\n" + technique_label(step.technique, current()))
            instruction = styled(step.instruction)
            if step.cue:
                instruction += styled("\n" + _("Feel: {cue}").format(cue=step.cue), "italic")
            if step.caution:
                instruction += bold("\n" + _("Caution: {caution}").format(caution=step.caution))
            if step.tempo:
                tempo = TEMPO_UNITS.get(step.technique, TEMPO_STROKES)
                instruction += dim("\n" + _(tempo).format(n=step.tempo))
            rows.append(
                [
                    styled(str(number)),
                    technique,
                    styled(step.area_label),
                    styled(step.side_label),
                    styled(duration(step.seconds)),
                    instruction,
                ]
            )
        return styled_table(
            ("#", _("technique"), _("area"), _("side"), _("time"), _("instruction")),
            rows,
            width=width,
            title=bold(_("Steps")),
            right=(0, 4),
            widest=STEP_COLUMNS_WIDEST,
            rules=True,
        )


def routine_detail(routine: Routine, out: Out | None = None) -> None:
    """``show``: the routine's title, description and facts in a panel, then its steps."""
    out = out or Out()
    source = _(SOURCES[routine.source]) if routine.source in SOURCES else routine.source
    header = bold(routine.title) + dim(f"  ({routine.id}, {source})")
    count = len(routine.steps)
    steps = ngettext("{time} ({n} step)", "{time} ({n} steps)", count).format(
        time=duration(routine.total_seconds), n=count
    )
    facts = [
        (bold(_("Area")), styled(routine.area)),
        (bold(_("Position")), styled(position_label(routine.position))),
        (bold(_("Time")), styled(steps)),
        (bold(_("Course")), styled(routine.course.describe())),
        (bold(_("Good for")), styled("\n".join(f"• {i}" for i in routine.indications))),
    ]
    if routine.preparation:
        facts.append((bold(_("Before you start")), styled(routine.preparation)))
    given = routine.prescription
    if given is not None:
        facts.append((bold(_("Prescription")), styled(_prescription_words(routine))))
        facts.append((bold(_("Fingerprint")), styled(routine.fingerprint)))
    body = stack(header, styled(routine.description), "", _Facts(facts))
    out.print(Panel(body, fit=True))
    out.print(_Steps(routine))


def _prescription_words(routine: Routine) -> str:
    """``v2 for Anna by Dr Petrenko, 2026-11-21; course from ...; made from 'collar'``."""
    given = routine.prescription
    assert given is not None
    words = {
        "version": given.version,
        "patient": given.patient,
        "therapist": given.therapist,
        "written": given.written.isoformat(),
        "start": given.start.isoformat(),
        "base": given.base,
    }
    if given.therapist:
        text = _(
            "v{version} for {patient} by {therapist}, {written}; course from {start}; "
            "made from '{base}'"
        ).format(**words)
    else:
        text = _(
            "v{version} for {patient}, {written}; course from {start}; made from '{base}'"
        ).format(**words)
    if given.pressure == "light":
        text += "; " + _("light pressure")
    return text
