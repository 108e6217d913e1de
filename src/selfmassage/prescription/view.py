"""Plain text for the therapist's commands: what was prescribed, the patients, the calendar."""

from __future__ import annotations

from collections.abc import Sequence

from selfmassage.handout.words import Words
from selfmassage.i18n import N_, _, current
from selfmassage.prescription.flow import PatientEntry, Prescribed
from selfmassage.text import printable
from selfmassage.textable import box_table

COLUMNS = (N_("patient"), N_("version"), N_("date"), N_("routine"), N_("course"), N_("fingerprint"))


def prescribed_lines(done: Prescribed) -> str:
    """What ``prescribe`` did, for the therapist: the version, the course, the files."""
    routine = done.routine
    given = routine.prescription
    assert given is not None
    w = Words(current())
    lines = [
        _("Prescription v{version} for {patient}: {title} ({id}), {steps}, {minutes} min").format(
            version=given.version,
            patient=printable(given.patient),
            title=printable(routine.title),
            id=routine.id,
            steps=w.steps(len(routine.steps)),
            minutes=w.number(routine.minutes),
        ),
        _("Course: {course}; from {start}").format(
            course=w.course(routine.course), start=given.start.isoformat()
        ),
        _("Fingerprint: {fingerprint}").format(fingerprint=routine.fingerprint),
        _("Kept as {file}").format(file=done.stored),
    ]
    if done.output is not None:
        lines.append(_("Wrote {file}: the patient installs it with").format(file=done.output))
        lines.append(f"  selfmassage routines install {done.output.name}")
    return "\n".join(lines) + "\n"


def patients_table(entries: Sequence[PatientEntry], width: int) -> str:
    """``prescriptions``: one row per patient, their latest version."""
    if not entries:
        return (
            _("No prescriptions yet: {command}").format(
                command="selfmassage prescribe ROUTINE --patient NAME"
            )
            + "\n"
        )
    w = Words(current())
    rows = []
    for entry in entries:
        routine = entry.latest.routine
        given = routine.prescription
        assert given is not None
        rows.append(
            (
                printable(entry.patient),
                _("v{version} of {versions}").format(version=given.version, versions=entry.versions)
                if entry.versions > 1
                else f"v{given.version}",
                given.written.isoformat(),
                routine.id,
                f"{routine.course.sessions} × {w.often(routine.course.frequency)}",
                routine.fingerprint,
            )
        )
    columns = tuple(_(column) for column in COLUMNS)
    table = box_table(columns, rows, width=width, title=_("Prescriptions"))
    return "\n".join(table) + "\n"
