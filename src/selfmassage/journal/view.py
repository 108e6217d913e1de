"""Plain-text rendering of history, stats and course progress.

Plain aligned text rather than Rich: importing Rich alone would cost more than
the whole time budget of ``history`` and ``stats`` (at most 1.2x the start-up of
``selfmassage --version``). All text from the journal goes through ``printable``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from selfmassage.i18n import N_, _, ngettext, number, pgettext, pgettext_noop, short_weekdays
from selfmassage.text import printable, wrap
from selfmassage.textable import column_table

if TYPE_CHECKING:
    from selfmassage.journal.records import SessionRecord
    from selfmassage.journal.stats import CourseEntry, CourseProgress, Stats, Window

# Translated where it is shown: _(EMPTY).
EMPTY = N_("No sessions in the journal yet. Run 'selfmassage' to do your first one.")
SPARK = "▁▂▃▄▅▆▇█"


def _pain(value: int | None) -> str:
    return "-" if value is None else str(value)


def _history_minutes(session: SessionRecord) -> str:
    if session.on_paper and not session.actual_seconds:
        return "-"  # done from paper without saying how long
    return number((session.actual_seconds or 0) / 60, 1)


_HISTORY_HEADER = (
    pgettext_noop("history column", "date"),
    pgettext_noop("history column", "routine"),
    pgettext_noop("history column", "minutes"),
    pgettext_noop("history column", "outcome"),
    pgettext_noop("history column", "pain"),
)
# The journal stores the code; people read the words.
_OUTCOMES = {
    "completed": pgettext_noop("outcome", "completed"),
    "stopped_for_pain": pgettext_noop("outcome", "stopped for pain"),
    "quit": pgettext_noop("outcome", "quit"),
    "interrupted": pgettext_noop("outcome", "interrupted"),
}


def _history_header() -> list[str]:
    return [pgettext(*column) for column in _HISTORY_HEADER]


def _outcome(s: SessionRecord) -> str:
    known = _OUTCOMES.get(s.outcome)
    words = pgettext(*known) if known else s.outcome.replace("_", " ")
    return _("{outcome} (paper)").format(outcome=words) if s.on_paper else words


def _history_row(s: SessionRecord) -> list[str]:
    return [
        s.started_at[:10] if s.on_paper else s.started_at[:16].replace("T", " "),
        printable(s.routine),
        _history_minutes(s),
        _outcome(s),
        f"{_pain(s.pain_before)} → {_pain(s.pain_after)}",
    ]


def history_lines(sessions: Sequence[SessionRecord]) -> list[str]:
    """The history table: date, routine, minutes, outcome, pain before -> after.

    A session done from paper says so after its outcome, and its date alone (no time).
    """
    rows = [_history_row(s) for s in sessions]
    return column_table(_history_header(), rows, right={2})


def history_table(
    samples: Iterable[SessionRecord], sessions: Iterable[SessionRecord]
) -> Iterator[str]:
    """``history_lines`` of ``sessions``, one line at a time, in constant memory.

    The widths come from ``samples``, sessions that show every way a row can look
    (``Journal.history_samples``), so the lines are those of ``history_lines``.
    """
    header = _history_header()
    widths = [len(cell) for cell in header]
    for sample in samples:
        widths = [max(w, len(cell)) for w, cell in zip(widths, _history_row(sample), strict=True)]

    def line(cells: list[str]) -> str:
        date, routine, minutes, outcome, pain = cells
        return (
            f"{date.ljust(widths[0])}  {routine.ljust(widths[1])}  {minutes.rjust(widths[2])}  "
            f"{outcome.ljust(widths[3])}  {pain}"
        ).rstrip()

    yield line(header)
    for session in sessions:
        yield line(_history_row(session))


def _when(day: date, today: date) -> str:
    if day <= today:
        return _("today")
    if day == today + timedelta(days=1):
        return _("tomorrow")
    return _("on {weekday} {date}").format(
        weekday=short_weekdays()[day.weekday()], date=day.isoformat()
    )


def course_line(
    routine_id: str, progress: CourseProgress, today: date, *, held: str | None = None
) -> str:
    """One line, e.g. "collar: session 4 of 10, daily — next due today; after session 10, ...".

    "session 4 of 10" names the next session to do; "next due" says when. While the
    routine is ``held`` (a hold after a pain stop, a paused course) nothing is due.
    """
    course = progress.course
    number_of = {"routine": routine_id, "n": progress.done + 1, "total": course.sessions}
    if held is not None:
        return _("{routine}: session {n} of {total} — on hold: {held}").format(
            **number_of, held=held
        )
    if progress.break_until is not None:
        return ngettext(
            "{routine}: course of {total} done — {days}-day break, next course starts {when}",
            "{routine}: course of {total} done — {days}-day break, next course starts {when}",
            course.break_days,
        ).format(
            routine=routine_id,
            total=course.sessions,
            days=course.break_days,
            when=_when(progress.break_until, today),
        )
    line = _("{routine}: session {n} of {total}, {often} — next due {when}").format(
        **number_of, often=course.often, when=_when(progress.next_due, today)
    )
    if course.break_days:
        line += ngettext(
            "; after session {total}, a {days}-day break",
            "; after session {total}, a {days}-day break",
            course.break_days,
        ).format(total=course.sessions, days=course.break_days)
    return line


def course_entry_line(entry: CourseEntry, today: date) -> str:
    """The line of one routine under "Courses" in ``stats``, gone routines included.

    A routine on hold, or whose course the pain trend paused, is never "due".
    """
    if entry.progress is None:
        return _("{routine}: no longer among your routines").format(routine=entry.routine)
    return course_line(entry.routine, entry.progress, today, held=entry.held)


def _day(day: date) -> str:
    return f"{short_weekdays()[day.weekday()]} {day.isoformat()}"


def break_line(entry: CourseEntry, today: date) -> str | None:
    """When the break after the course starts and ends; None without one (or while held)."""
    from selfmassage.journal.stats import coming_break

    if entry.progress is None or entry.held is not None:
        return None
    coming = coming_break(entry.progress, today)
    if coming is None:
        return None
    if entry.progress.on_break:
        return _("break: {start} to {end}").format(start=_day(coming.start), end=_day(coming.end))
    return _("break: {start} to {end}, if each session is done when due").format(
        start=_day(coming.start), end=_day(coming.end)
    )


def sparkline(values: Sequence[int | None], top: int = 10) -> str:
    """One block character per value from 0 to ``top``; a missing value is a space."""
    chars = []
    for value in values:
        if value is None:
            chars.append(" ")
        else:
            level = round(max(0, min(value, top)) / top * (len(SPARK) - 1))
            chars.append(SPARK[level])
    return "".join(chars)


def _window(window: Window) -> str:
    return _("{sessions} · {minutes} min").format(
        sessions=window.sessions, minutes=f"{window.minutes:.0f}"
    )


def _wrapped(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` columns, continued two spaces further in."""
    return wrap(text, max(20, width), indent=indent, hang=indent + "  ")


def stats_lines(stats: Stats, width: int = 80) -> list[str]:
    """Every section of ``stats`` as lines of text, prose wrapped to ``width`` columns."""
    lines = [_("Sessions and minutes by routine")]
    rows = [
        [
            "  " + printable(entry.routine),
            _window(entry.last_7_days),
            _window(entry.last_30_days),
            _window(entry.all_time),
        ]
        for entry in stats.routines
    ]
    header = ["", _("last 7 days"), _("last 30 days"), _("all time")]
    lines += column_table(header, rows, right={1, 2, 3})
    lines.append("")
    streak = stats.streak
    lines += _wrapped(
        ngettext(
            "Streak: {current} day in a row with a completed session (longest {longest})",
            "Streak: {current} days in a row with a completed session (longest {longest})",
            streak.current,
        ).format(current=streak.current, longest=streak.longest),
        width,
    )
    rate = stats.completion_rate or 0.0
    lines.append(
        ngettext(
            "Completed: {completed} of {sessions} session ({rate}%)",
            "Completed: {completed} of {sessions} sessions ({rate}%)",
            stats.sessions,
        ).format(completed=stats.completed, sessions=stats.sessions, rate=f"{rate * 100:.0f}")
    )
    lines += _wrapped(_("Adherence: {line}").format(line=stats.adherence.line), width)
    if stats.courses:
        lines.append("")
        lines.append(_("Courses"))
        for entry in stats.courses:
            lines += _wrapped(printable(course_entry_line(entry, stats.today)), width, "  ")
            coming = break_line(entry, stats.today)
            if coming is not None:
                lines += _wrapped(coming, width, "    ")
    pain = stats.pain
    lines.append("")
    if pain.rated_sessions and pain.average_before is not None and pain.average_after is not None:
        rated = pain.rated_sessions
        lines += _wrapped(
            ngettext(
                "Pain 0-10, average over {rated} session rated before and after: "
                "{before} before → {after} after",
                "Pain 0-10, average over {rated} sessions rated before and after: "
                "{before} before → {after} after",
                rated,
            ).format(
                rated=rated,
                before=number(pain.average_before, 1),
                after=number(pain.average_after, 1),
            ),
            width,
        )
    else:
        lines += _wrapped(_("Pain: no session rated before and after yet"), width)
    recent = pain.last_30
    if any(p.before is not None or p.after is not None for p in recent):
        which = (
            _("last session (blank: not rated)")
            if len(recent) == 1
            else ngettext(
                "last {n} session, oldest first (blank: not rated)",
                "last {n} sessions, oldest first (blank: not rated)",
                len(recent),
            ).format(n=len(recent))
        )
        lines += _wrapped(which, width, "  ")
        before, after = pgettext("pain bar", "before"), pgettext("pain bar", "after")
        # The two rows' bars start in the same column, whatever the words' lengths.
        label = max(len(before), len(after))
        lines.append(f"  {before.ljust(label)} │" + sparkline([p.before for p in recent]) + "│")
        lines.append(f"  {after.ljust(label)} │" + sparkline([p.after for p in recent]) + "│")
    return lines


# -- JSON: what `history --json` and `stats --json` print ------------------------------


def history_data(sessions: Iterable[SessionRecord]) -> dict[str, Any]:
    """What ``history --json`` prints: each session in the export's shape."""
    from selfmassage.journal.exchange import session_data

    return {"sessions": [session_data(session) for session in sessions]}


def history_json(lines: Iterable[str], *, pretty: bool) -> Iterator[str]:
    """The text of ``history --json`` in pieces, from each session's line of compact JSON.

    ``pretty`` (for a terminal) is ``history_data`` indented by two, as ever; otherwise
    one session a line, like the export: indenting makes Python's JSON encoder run
    three times slower, and a program reading the output sees the same document.
    """
    from selfmassage.journal.exchange import session_list_chunks

    if not pretty:
        yield from session_list_chunks('{"sessions":[', lines, "]}\n")
        return
    import json

    from selfmassage.text import json_safe

    def indented(line: str) -> str:
        # A JSON text holds no raw line break, so every one is the indenter's own.
        text = json.dumps(json.loads(line), ensure_ascii=False, indent=2)
        return json_safe(text).replace("\n", "\n    ")

    stream = iter(lines)
    first = next(stream, None)
    if first is None:
        yield '{\n  "sessions": []\n}\n'
        return
    yield '{\n  "sessions": [\n    ' + indented(first)
    for line in stream:
        yield ",\n    " + indented(line)
    yield "\n  ]\n}\n"


def _window_data(window: Window) -> dict[str, Any]:
    return {"sessions": window.sessions, "minutes": window.minutes}


def _course_data(entry: CourseEntry, today: date) -> dict[str, Any]:
    data: dict[str, Any] = {"routine": entry.routine, "status": course_entry_line(entry, today)}
    if entry.held is not None:
        data["held"] = entry.held
    progress = entry.progress
    if progress is not None:
        data["done"] = progress.done
        data["sessions"] = progress.sessions
        data["next_due"] = progress.next_due.isoformat()
        data["on_break"] = progress.on_break
        if entry.held is None:
            from selfmassage.journal.stats import coming_break

            coming = coming_break(progress, today)
            if coming is not None:
                data["break"] = {"start": coming.start.isoformat(), "end": coming.end.isoformat()}
    return data


def stats_data(stats: Stats) -> dict[str, Any]:
    """What ``stats --json`` prints."""
    pain = stats.pain
    return {
        "sessions": stats.sessions,
        "completed": stats.completed,
        "completion_rate": stats.completion_rate,
        "minutes": stats.minutes,
        "routines": [
            {
                "routine": entry.routine,
                "last_7_days": _window_data(entry.last_7_days),
                "last_30_days": _window_data(entry.last_30_days),
                "all_time": _window_data(entry.all_time),
            }
            for entry in stats.routines
        ],
        "streak": {"current": stats.streak.current, "longest": stats.streak.longest},
        "pain": {
            "rated_sessions": pain.rated_sessions,
            "average_before": pain.average_before,
            "average_after": pain.average_after,
            "last_30": [
                {"started_at": point.started_at, "before": point.before, "after": point.after}
                for point in pain.last_30
            ],
        },
        "courses": [_course_data(entry, stats.today) for entry in stats.courses],
        "adherence": {
            "days": stats.adherence.days,
            "due": stats.adherence.due,
            "done": stats.adherence.done,
        },
    }
