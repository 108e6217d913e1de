"""A course as an iCalendar (RFC 5545) event: one recurring event, a reminder before each.

Written by hand (the format is small): CRLF line ends, lines folded at 75 octets,
text escaped (backslash, semicolon, comma, newline). The event is at a floating
local time, so it falls at the same hour wherever the patient's calendar is.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from selfmassage.handout.words import Words
from selfmassage.i18n import ENGLISH, N_
from selfmassage.routines.model import Routine, per_week

PRODID = "-//selfmassage//course//EN"  # the program's id: machine words, never translated
# What a QR code's event says in place of the whole description (a QR code holds little).
SHORT_RULE = N_("Stop at once if it hurts.")
REMINDER_MINUTES = 15
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class CourseEvent:
    """What the calendar event says; ``to_ics`` and ``to_vevent`` write it."""

    uid: str
    summary: str
    description: str
    start: datetime  # floating: no time zone
    minutes: int
    rrule: str
    stamp: datetime  # when it was made, in UTC
    short_rule: str = SHORT_RULE  # the stop rule of the QR code's short form, in its language

    def vevent_lines(self) -> list[str]:
        """The VEVENT's content lines, unfolded."""
        end = self.start + timedelta(minutes=self.minutes)
        return [
            "BEGIN:VEVENT",
            f"UID:{self.uid}",
            f"DTSTAMP:{self.stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART:{self.start.strftime('%Y%m%dT%H%M%S')}",
            f"DTEND:{end.strftime('%Y%m%dT%H%M%S')}",
            f"RRULE:{self.rrule}",
            f"SUMMARY:{escape(self.summary)}",
            f"DESCRIPTION:{escape(self.description)}",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape(self.summary)}",
            f"TRIGGER:-PT{REMINDER_MINUTES}M",
            "END:VALARM",
            "END:VEVENT",
        ]

    def to_ics(self) -> str:
        """A whole calendar file holding the one event."""
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
        lines += self.vevent_lines()
        lines.append("END:VCALENDAR")
        return "".join(fold(line) + "\r\n" for line in lines)

    def to_vevent(self) -> str:
        """The event alone, short and unfolded, as a phone camera reads it from a QR code."""
        keep = ("BEGIN:VEVENT", "DTSTART", "DTEND", "RRULE", "SUMMARY")
        lines = [line for line in self.vevent_lines()[:8] if line.startswith(keep)]
        return "\n".join([*lines, f"DESCRIPTION:{escape(self.short_rule)}", "END:VEVENT"])


def course_event(
    routine: Routine,
    *,
    start: date,
    at: time,
    stop_rule: str,
    now: datetime,
    lang: str = ENGLISH,
) -> CourseEvent:
    """The course of ``routine`` from ``start`` at ``at`` each session day; its human text
    (the summary and description) in ``lang``, every other field the same in each."""
    w = Words(lang)
    course = routine.course
    minutes = max(1, math.ceil(routine.total_seconds / 60))
    summary = w._("Self-massage: {title} ({minutes} min)").format(
        title=routine.title, minutes=minutes
    )
    lines = [stop_rule, w._("Course: {course}.").format(course=w.course(course))]
    given = routine.prescription
    if given is not None:
        if given.therapist:
            said = w._("Prescribed for {patient} by {therapist}; fingerprint {fingerprint}.")
        else:
            said = w._("Prescribed for {patient}; fingerprint {fingerprint}.")
        lines.append(
            said.format(
                patient=given.patient, therapist=given.therapist, fingerprint=routine.fingerprint
            )
        )
    lines.append(w._("Start it with: {command}").format(command=f"selfmassage start {routine.id}"))
    identity = f"{routine.fingerprint}|{start.isoformat()}|{at.isoformat()}"
    uid = hashlib.sha256(identity.encode()).hexdigest()[:24] + "@selfmassage"
    return CourseEvent(
        uid=uid,
        summary=summary,
        description="\n".join(lines),
        start=datetime.combine(start, at),
        minutes=minutes,
        rrule=rrule(course.frequency, course.sessions, start),
        stamp=now.astimezone(UTC),
        short_rule=w._(SHORT_RULE),
    )


def rrule(frequency: str, sessions: int, start: date) -> str:
    """The recurrence of a course: ``COUNT`` sessions at its frequency from ``start``."""
    if frequency == "daily":
        return f"FREQ=DAILY;COUNT={sessions}"
    if frequency == "every-other-day":
        return f"FREQ=DAILY;INTERVAL=2;COUNT={sessions}"
    times = per_week(frequency) or 1
    if times == 1:
        return f"FREQ=WEEKLY;COUNT={sessions}"
    # N days a week, spread evenly from the start's weekday (2 a week from Monday: MO, TH).
    first = start.weekday()
    days = sorted({(first + (7 * k) // times) % 7 for k in range(times)})
    return f"FREQ=WEEKLY;BYDAY={','.join(WEEKDAYS[d] for d in days)};COUNT={sessions}"


def session_days(frequency: str, sessions: int, start: date) -> list[date]:
    """The days of a course's sessions, as the calendar's recurrence gives them."""
    if frequency in ("daily", "every-other-day"):
        step = 1 if frequency == "daily" else 2
        return [start + timedelta(days=step * n) for n in range(sessions)]
    times = per_week(frequency) or 1
    first = start.weekday()
    weekdays = {(first + (7 * k) // times) % 7 for k in range(times)}
    found: list[date] = []
    day = start
    while len(found) < sessions:
        if day.weekday() in weekdays:
            found.append(day)
        day += timedelta(days=1)
    return found


def escape(text: str) -> str:
    """TEXT as RFC 5545 writes it: backslash, semicolon and comma escaped, newlines as ``\\n``."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """A content line folded so no line is longer than 75 octets (never inside a character)."""
    out: list[str] = []
    current = ""
    limit = 75
    for char in line:
        if len((current + char).encode()) > limit:
            out.append(current)
            current = " "
            limit = 75
        current += char
    out.append(current)
    return "\r\n".join(out)
