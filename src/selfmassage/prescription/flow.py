"""The therapist's flows: prescribe a routine for a patient, list the prescriptions, a calendar.

Functions of the run's context that return frozen results and print nothing;
``cli.prescribe`` renders them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from selfmassage.errors import SelfMassageError
from selfmassage.files import atomicfile
from selfmassage.i18n import _
from selfmassage.prescription import store
from selfmassage.prescription.build import Changes, PrescriptionError, prescribe_routine, to_toml
from selfmassage.prescription.ical import CourseEvent, course_event
from selfmassage.routines.model import Routine

if TYPE_CHECKING:
    from selfmassage.context import Context


@dataclass(frozen=True)
class Prescribed:
    """A new version of a patient's prescription: the routine, where it is kept, and the copy."""

    routine: Routine
    stored: Path
    output: Path | None

    def to_dict(self) -> dict[str, Any]:
        """``prescribe --json``: the version, the fingerprint and the files."""
        given = self.routine.prescription
        assert given is not None
        return {
            "patient": given.patient,
            "version": given.version,
            "routine": self.routine.id,
            "fingerprint": self.routine.fingerprint,
            "stored": str(self.stored),
            "output": str(self.output) if self.output else None,
        }


def prescribe(
    ctx: Context,
    routine_name: str | None,
    changes: Changes,
    *,
    patient: str | None,
    from_patient: str | None = None,
    start: date | None = None,
    output: Path | None = None,
    force: bool = False,
) -> Prescribed:
    """A new version of the patient's prescription, kept in their folder (and copied to ``output``).

    ``from_patient`` starts from that patient's latest version instead of ``routine_name``.
    """
    if output is not None and output.suffix.lower() != ".toml":
        raise PrescriptionError(
            _("-o {output}: a prescription is a routine file, so its name ends in .toml").format(
                output=output
            ),
            hint=_("print the handout with: selfmassage print FILE.toml -o handout.pdf"),
        )
    origin = None
    if from_patient is not None:
        if routine_name is not None:
            raise PrescriptionError(_("give a ROUTINE or --from PATIENT, not both"))
        latest = latest_of(ctx, from_patient)
        base, origin = latest.routine, latest.routine.prescription
        patient = patient or (origin.patient if origin else None)
    elif routine_name is None:
        raise PrescriptionError(
            _("name the ROUTINE to prescribe, or --from PATIENT to start from their latest")
        )
    else:
        base = ctx.routine(routine_name)
        origin = None
    if not patient or not patient.strip():
        raise PrescriptionError(_("--patient NAME is required: a prescription is for one patient"))
    folder = store.folder_of(ctx.paths.data_dir) / store.slug(patient)
    today = ctx.clock.today()
    practice = ctx.settings.practice
    routine = prescribe_routine(
        base,
        changes,
        patient=patient,
        written=today,
        start=start or today,
        version=store.next_version(folder),
        therapist=practice.therapist,
        practice=practice.name,
        origin=origin,
    )
    name = output.name if output is not None else f"{routine.id}.toml"
    text = to_toml(routine, name=name)
    stored = store.save(folder, routine, text)
    if output is not None:
        atomicfile.write_text(output, text, force=force, private=True, hint="add --force")
    return Prescribed(routine, stored, output)


@dataclass(frozen=True)
class PatientEntry:
    """One patient and their latest prescription."""

    patient: str
    folder: Path
    latest: store.Saved
    versions: int

    def to_dict(self) -> dict[str, Any]:
        """``prescriptions --json``: one patient's latest version."""
        routine = self.latest.routine
        given = routine.prescription
        assert given is not None
        return {
            "patient": self.patient,
            "version": given.version,
            "versions": self.versions,
            "date": given.written.isoformat(),
            "start": given.start.isoformat(),
            "routine": routine.id,
            "title": routine.title,
            "base": given.base,
            "course": routine.course.to_dict(),
            "minutes": round(routine.minutes, 1),
            "fingerprint": routine.fingerprint,
            "path": str(self.latest.path),
        }


def list_prescriptions(ctx: Context) -> tuple[PatientEntry, ...]:
    """Every patient with a prescription, with their latest version, by name."""
    found = []
    for folder in store.patients(ctx.paths.data_dir):
        saved = store.versions(folder)
        if not saved:
            continue
        latest = saved[-1]
        assert latest.routine.prescription is not None
        found.append(PatientEntry(latest.routine.prescription.patient, folder, latest, len(saved)))
    return tuple(sorted(found, key=lambda entry: entry.patient.casefold()))


def latest_of(ctx: Context, patient: str) -> store.Saved:
    """The patient's latest prescription, or a clear error naming the patients there are."""
    folder = store.folder_of(ctx.paths.data_dir) / store.slug(patient)
    saved = store.versions(folder)
    if saved:
        return saved[-1]
    known = [entry.patient for entry in list_prescriptions(ctx)]
    raise SelfMassageError(
        _("no prescription for '{patient}'").format(patient=patient),
        hint=_("patients: {names}").format(names=", ".join(known))
        if known
        else _("none yet: prescribe one first"),
    )


def calendar(ctx: Context, name: str, *, start: date | None, at: time) -> CourseEvent:
    """The course of a routine (id or file) as one recurring calendar event."""
    routine = ctx.routine(name)
    if start is None:
        given = routine.prescription
        start = given.start if given is not None else ctx.clock.today()
    return course_event(
        routine,
        start=start,
        at=at,
        stop_rule=ctx.safety().stop_on_pain[0],
        now=ctx.clock.now(),
        lang=ctx.language,
    )
