"""Plain text for the therapist's commands: what was prescribed, the patients, the calendar."""

from __future__ import annotations

from collections.abc import Sequence

from selfmassage.prescription.flow import PatientEntry, Prescribed
from selfmassage.text import printable
from selfmassage.textable import box_table

COLUMNS = ("patient", "version", "date", "routine", "course", "fingerprint")


def prescribed_lines(done: Prescribed) -> str:
    """What ``prescribe`` did, for the therapist: the version, the course, the files."""
    routine = done.routine
    given = routine.prescription
    assert given is not None
    lines = [
        f"Prescription v{given.version} for {printable(given.patient)}: "
        f"{printable(routine.title)} ({routine.id}), {len(routine.steps)} steps, "
        f"{routine.minutes:.1f} min",
        f"Course: {routine.course.describe()}; from {given.start.isoformat()}",
        f"Fingerprint: {routine.fingerprint}",
        f"Kept as {done.stored}",
    ]
    if done.output is not None:
        lines.append(f"Wrote {done.output}: the patient installs it with")
        lines.append(f"  selfmassage routines install {done.output.name}")
    return "\n".join(lines) + "\n"


def patients_table(entries: Sequence[PatientEntry], width: int) -> str:
    """``prescriptions``: one row per patient, their latest version."""
    if not entries:
        return "No prescriptions yet: selfmassage prescribe ROUTINE --patient NAME\n"
    rows = []
    for entry in entries:
        routine = entry.latest.routine
        given = routine.prescription
        assert given is not None
        rows.append(
            (
                printable(entry.patient),
                f"v{given.version}" + (f" of {entry.versions}" if entry.versions > 1 else ""),
                given.written.isoformat(),
                routine.id,
                f"{routine.course.sessions} × {routine.course.often}",
                routine.fingerprint,
            )
        )
    return "\n".join(box_table(COLUMNS, rows, width=width, title="Prescriptions")) + "\n"
