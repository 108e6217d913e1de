"""The progress report laid out: one self-contained HTML page (two printed sides at most), or JSON.

The page has the handout's look (its CSS, shared from ``handout.formats``) and two
charts drawn here as inline SVG: no plotting library (it would slow every start-up),
no script, no font, no link. The charts read in black and white: done sessions are
solid bars in outlined due ones, breaks are hatched, pain before is a solid line
with dots and pain after a dashed line with squares. Long lists are cut to fit two
pages, saying how many were left out; ``--json`` has them all.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

from selfmassage import i18n
from selfmassage.handout.words import Words
from selfmassage.i18n import N_, _, ngettext, pgettext
from selfmassage.report.flow import NOT_A_DIAGNOSIS, Report, Week
from selfmassage.text import html_literal as h

# What the printed page shows at most of each list; --json has them all.
SHOWN_WEEKS = 12
SHOWN_PAIN_STOPS = 12
SHOWN_VERDICT_CHANGES = 10
SHOWN_BREAKS = 8
SHOWN_NOTES = 12
NOTE_CHARACTERS = 280
MAX_BARS = 26  # more weeks than this: each bar is several weeks
MAX_POINTS = 120  # more rated sessions than this: each point is the mean of several
MARKED_POINTS = 60  # more points than this: lines without markers

# Added to the handout's CSS (``handout.formats``, loaded only for a page: ``--json``
# needs none of the handout's code).
REPORT_CSS = """
.practice { float: right; text-align: right; font-size: 7.5pt; max-width: 70mm; }
.totals { margin: 0 0 1mm; }
svg.chart { width: 100%; height: auto; display: block; margin: 0.5mm 0 1mm; }
svg.chart text { font: 8px "DejaVu Sans", Arial, sans-serif; fill: #000; }
table.figures td, table.figures th { text-align: right; }
table.figures td:first-child, table.figures th:first-child { text-align: left; width: 19mm; }
.more { font-size: 7.5pt; font-style: italic; }
.notes-list li { break-inside: avoid; }
.footer { margin-top: 2mm; border-top: 0.6pt solid #000; padding-top: 1mm; font-size: 7.5pt; }
.footer code { font: 7.5pt "DejaVu Sans Mono", monospace; }
"""


# Headings and labels, marked here for the catalog (a call inside an f-string is hidden
# from the extractor); each is translated where it is used.
SESSIONS_DUE_AND_DONE_PER_WEEK = N_("Sessions due and done per week")
SESSIONS = N_("sessions")
PAIN_BEFORE_AND_AFTER_EACH_RATED_SESSION = N_("Pain before and after each rated session")
PAIN_BEFORE = N_("pain before")
PAIN_0_10 = N_("pain 0-10")
PROGRESS_REPORT = N_("Progress report")
PRESCRIPTIONS = N_("Prescriptions")
ADHERENCE = N_("Adherence")
WEEK_OF = N_("Week of")
BREAKS = N_("Breaks:")
PAIN_BEFORE_AND_AFTER = N_("Pain before and after")
PAIN_STOPS = N_("Pain stops")
NONE_IN_THE_PERIOD = N_("None in the period.")
SCREENING_VERDICT_CHANGES = N_("Screening verdict changes")
NONE_RECORDED_IN_THE_PERIOD = N_("None recorded in the period.")
FIRST_RECORDED = N_("first recorded")
DOCTOR_CLEARANCES = N_("Doctor clearances")
NOTES_NEWEST_FIRST = N_("Notes, newest first")
NO_NOTES_IN_THE_PERIOD = N_("No notes in the period.")


def _percent(done: int, due: int) -> str:
    return f"{round(100 * done / due)}%" if due else "-"


def _number(value: float | None) -> str:
    return "-" if value is None else i18n.number(value)


def _change(value: float | None) -> str:
    if value is None:
        return "-"
    return ("+" if value >= 0 else "-") + i18n.number(abs(value))


def _left_out(what: str, n: int) -> str:
    """What a cut list says it left out, by the kind of list (one sentence each: the
    plural and the word order differ between languages)."""
    if what == "weeks":
        said = ngettext(
            "… and {n} earlier week (all of them in --json).",
            "… and {n} earlier weeks (all of them in --json).",
            n,
        )
    elif what == "breaks":
        said = ngettext(
            "… and {n} earlier break (all of them in --json).",
            "… and {n} earlier breaks (all of them in --json).",
            n,
        )
    elif what == "pain stops":
        said = ngettext(
            "… and {n} earlier pain stop (all of them in --json).",
            "… and {n} earlier pain stops (all of them in --json).",
            n,
        )
    elif what == "changes":
        said = ngettext(
            "… and {n} earlier change (all of them in --json).",
            "… and {n} earlier changes (all of them in --json).",
            n,
        )
    else:
        said = ngettext(
            "… and {n} earlier note (all of them in --json).",
            "… and {n} earlier notes (all of them in --json).",
            n,
        )
    return said.format(n=n)


def _more(left_out: int, what: str) -> str:
    if left_out <= 0:
        return ""
    return f'<p class="more">{h(_left_out(what, left_out))}</p>'


def _short(day: date) -> str:
    """A week's Monday on a chart or a table: ``05 Oct``, ``05 окт.`` (two digits: the
    labels line up)."""
    words = Words(i18n.current())
    return words._("{day} {month}").format(day=f"{day.day:02d}", month=words.short_month(day.month))


# -- the charts -------------------------------------------------------------------------


def _bins(weeks: Sequence[Week]) -> tuple[int, list[tuple[Week, int, int]]]:
    """Weeks grouped so that at most ``MAX_BARS`` bars are drawn: (weeks a bar, bars)."""
    size = max(1, math.ceil(len(weeks) / MAX_BARS))
    bars = []
    for n in range(0, len(weeks), size):
        group = weeks[n : n + size]
        bars.append((group[0], sum(w.due for w in group), sum(w.done for w in group)))
    return size, bars


def adherence_svg(report: Report) -> str:
    """Due sessions (outlined) and done ones (solid) per week; breaks hatched."""
    size, bars = _bins(report.weeks)
    width, height = 640, 150
    left, right, top, bottom = 34, 8, 18, 26
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = max([due for _, due, _ in bars] + [1])
    step = max(1, math.ceil(top_value / 4))
    top_value = step * math.ceil(top_value / step)
    slot = plot_w / max(1, len(bars))
    bar_w = max(2.0, slot * 0.62)
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{h(_(SESSIONS_DUE_AND_DONE_PER_WEEK))}">',
        '<defs><pattern id="hatch" width="5" height="5" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="5" stroke="#000" '
        'stroke-width="1"/></pattern></defs>',
    ]

    def y(value: float) -> float:
        return top + plot_h - plot_h * value / top_value

    def x(day_offset: float) -> float:
        return left + slot * day_offset

    first_monday = report.weeks[0].start if report.weeks else report.start
    span_days = 7 * size
    for b in report.breaks:
        start = max(0.0, (b.start - first_monday).days / span_days)
        end = min(len(bars), ((b.end - first_monday).days + 1) / span_days)
        if end > start:
            out.append(
                f'<rect x="{x(start):.1f}" y="{top}" width="{x(end) - x(start):.1f}" '
                f'height="{plot_h}" fill="url(#hatch)" opacity="0.45"/>'
            )
    for value in range(0, top_value + 1, step):
        out.append(
            f'<line x1="{left}" y1="{y(value):.1f}" x2="{width - right}" y2="{y(value):.1f}" '
            'stroke="#000" stroke-width="0.3"/>'
            f'<text x="{left - 4}" y="{y(value) + 3:.1f}" text-anchor="end">{value}</text>'
        )
    label_every = max(1, math.ceil(len(bars) / 8))

    def label(day: date) -> str:
        if len(report.weeks) <= 52:
            return _short(day)
        return Words(i18n.current()).month_year(day)

    for n, (week, due, done) in enumerate(bars):
        bx = x(n) + (slot - bar_w) / 2
        out.append(
            f'<rect x="{bx:.1f}" y="{y(due):.1f}" width="{bar_w:.1f}" '
            f'height="{y(0) - y(due):.1f}" fill="#fff" stroke="#000" stroke-width="0.8"/>'
        )
        if done:
            out.append(
                f'<rect x="{bx + 1.5:.1f}" y="{y(done):.1f}" width="{max(1.0, bar_w - 3):.1f}" '
                f'height="{y(0) - y(done):.1f}" fill="#000"/>'
            )
        if len(bars) <= 16:
            out.append(
                f'<text x="{bx + bar_w / 2:.1f}" y="{y(due) - 2:.1f}" '
                f'text-anchor="middle">{done}/{due}</text>'
            )
        if n % label_every == 0:
            out.append(
                f'<text x="{x(n) + slot / 2:.1f}" y="{height - bottom + 11}" '
                f'text-anchor="middle">{h(label(week.start))}</text>'
            )
    if size == 1:
        legend = _(
            "sessions due (outlined) and done (solid), one bar a week; "
            "hatched: break after a course"
        )
    else:
        legend = ngettext(
            "sessions due (outlined) and done (solid), one bar every {n} week; "
            "hatched: break after a course",
            "sessions due (outlined) and done (solid), one bar every {n} weeks; "
            "hatched: break after a course",
            size,
        ).format(n=size)
    out.append(f'<text x="{left}" y="{height - 4}">{h(legend)}</text>')
    out.append(f'<text x="{left}" y="10">{h(_(SESSIONS))}</text>')
    out.append("</svg>")
    return "".join(out)


def pain_svg(report: Report) -> str:
    """Pain before (solid, dots) and after (dashed, squares) of each rated session, 0-10."""
    size = max(1, math.ceil(len(report.ratings) / MAX_POINTS))
    groups = [report.ratings[n : n + size] for n in range(0, len(report.ratings), size)]
    # More sessions than points: each point is the mean of ``size`` sessions in a row.
    days = [group[0].day for group in groups]
    values = {
        "before": [sum(r.before for r in group) / len(group) for group in groups],
        "after": [sum(r.after for r in group) / len(group) for group in groups],
    }
    width, height = 640, 160
    left, right, top, bottom = 34, 8, 16, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    count = len(days)
    if size == 1:
        each = _("one point a rated session")
    else:
        each = ngettext(
            "each point the mean of {n} in a row", "each point the mean of {n} in a row", size
        ).format(n=size)

    def x(n: int) -> float:
        return left + (plot_w * n / (count - 1) if count > 1 else plot_w / 2)

    def y(value: float) -> float:
        return top + plot_h - plot_h * value / 10

    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{h(_(PAIN_BEFORE_AND_AFTER_EACH_RATED_SESSION))}">'
    ]
    for value in range(0, 11, 2):
        out.append(
            f'<line x1="{left}" y1="{y(value):.1f}" x2="{width - right}" y2="{y(value):.1f}" '
            'stroke="#000" stroke-width="0.3"/>'
            f'<text x="{left - 4}" y="{y(value) + 3:.1f}" text-anchor="end">{value}</text>'
        )
    lines = (("before", ""), ("after", ' stroke-dasharray="5 3"'))
    for name, dash in lines:
        line = " ".join(f"{x(n):.1f},{y(v):.1f}" for n, v in enumerate(values[name]))
        if count > 1:
            out.append(
                f'<polyline points="{line}" fill="none" stroke="#000" stroke-width="1.2"{dash}/>'
            )
        if count <= MARKED_POINTS:
            for n, v in enumerate(values[name]):
                cx, cy = x(n), y(v)
                if name == "before":
                    out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="2.4" fill="#000"/>')
                else:
                    out.append(
                        f'<rect x="{cx - 2.4:.1f}" y="{cy - 2.4:.1f}" width="4.8" height="4.8" '
                        'fill="#fff" stroke="#000" stroke-width="1"/>'
                    )
    if count:
        picks = sorted({0, count // 2, count - 1}) if count > 2 else list(range(count))
        for n in picks:
            anchor = "start" if n == 0 and count > 1 else "end" if n == count - 1 else "middle"
            out.append(
                f'<text x="{x(n):.1f}" y="{height - bottom + 11}" text-anchor="{anchor}">'
                f"{h(_short(days[n]))}</text>"
            )
    out.append(
        f'<line x1="{left}" y1="{height - 7}" x2="{left + 22}" y2="{height - 7}" '
        'stroke="#000" stroke-width="1.2"/>'
        f'<circle cx="{left + 11}" cy="{height - 7}" r="2.4" fill="#000"/>'
        f'<text x="{left + 27}" y="{height - 4}">{h(_(PAIN_BEFORE))}</text>'
        f'<line x1="{left + 100}" y1="{height - 7}" x2="{left + 122}" y2="{height - 7}" '
        'stroke="#000" stroke-width="1.2" stroke-dasharray="5 3"/>'
        f'<rect x="{left + 108.6}" y="{height - 9.4}" width="4.8" height="4.8" fill="#fff" '
        'stroke="#000" stroke-width="1"/>'
        f'<text x="{left + 127}" y="{height - 4}">'
        + h(_("pain after (0 none, 10 worst), {each}").format(each=each))
        + "</text>"
    )
    out.append(f'<text x="{left}" y="10">{h(_(PAIN_0_10))}</text>')
    out.append("</svg>")
    return "".join(out)


# -- the page -----------------------------------------------------------------------------


def _header(report: Report) -> list[str]:
    parts = []
    if report.practice:
        parts.append(
            '<div class="practice">' + "<br>".join(h(line) for line in report.practice) + "</div>"
        )
    parts.append(f"<h1>{h(_(PROGRESS_REPORT))}</h1>")
    people = [(_("Patient"), report.patient or _("not named"))]
    period = _("{first} to {last}").format(
        first=report.start.isoformat(), last=report.end.isoformat()
    )
    people.append((_("Period"), period))
    people.append((_("Days"), str(report.days)))
    if report.routine:
        people.append((_("Routine"), report.routine))
    people.append((_("From"), report.file or _("the patient's own journal")))
    parts.append(
        '<div class="people">'
        + "".join(f"<span><b>{h(key)}:</b>{h(value)}</span>" for key, value in people)
        + "</div>"
    )
    return parts


def _prescriptions(report: Report) -> list[str]:
    w = Words(i18n.current())
    rows = []
    for p in report.prescriptions:
        course = w.course(p.course) if p.course is not None else _("not known here")
        if p.start:
            start = p.start.isoformat()
        else:
            start = _("{day} (first session)").format(day=p.first.isoformat())
        done = ngettext(
            "{n} from {first} to {last}", "{n} from {first} to {last}", p.sessions
        ).format(n=p.sessions, first=p.first.isoformat(), last=p.last.isoformat())
        rows.append(
            f"<tr><td><b>{h(p.title)}</b> ({h(p.routine)})</td><td>{h(p.fingerprint or '-')}"
            f"</td><td>{h(start)}</td><td>{h(course)}</td><td>{h(done)}</td></tr>"
        )
    heads = (_("Routine"), _("Fingerprint"), _("Start"), _("Course"), _("Sessions done"))
    return [
        f"<h2>{h(_(PRESCRIPTIONS))}</h2>",
        '<table class="plan"><tr>' + "".join(f"<th>{h(head)}</th>" for head in heads) + "</tr>",
        *rows,
        "</table>",
    ]


def _adherence(report: Report) -> list[str]:
    parts = [f"<h2>{h(_(ADHERENCE))}</h2>"]
    done = ngettext(
        "{done} of {due} due session done ({percent})",
        "{done} of {due} due sessions done ({percent})",
        report.due,
    ).format(done=report.done, due=report.due, percent=_percent(report.done, report.due))
    days = ngettext("in {n} day.", "in {n} days.", report.days).format(n=report.days)
    counts = _(
        "Sessions in the period: {sessions} — {completed} completed, {shortened} shortened, "
        "{stopped} stopped for pain; {paper} recorded from paper. "
        "Breaks after a course: {breaks}."
    ).format(
        sessions=report.sessions,
        completed=report.completed,
        shortened=report.shortened,
        stopped=report.stopped,
        paper=report.paper,
        breaks=len(report.breaks),
    )
    parts.append(f'<p class="totals"><b>{h(done)}</b> {h(days)} {h(counts)}</p>')
    if report.no_course:
        parts.append(
            '<p class="more">'
            + h(
                _("No course known for {routines}: none of its sessions is counted as due.").format(
                    routines=", ".join(report.no_course)
                )
            )
            + "</p>"
        )
    parts.append(adherence_svg(report))
    shown = report.weeks[-SHOWN_WEEKS:]
    heads = "".join(f"<th>{h(_short(w.start))}</th>" for w in shown)
    rows = [
        (pgettext("report row", "Due"), [w.due for w in shown]),
        (pgettext("report row", "Done"), [w.done for w in shown]),
        (pgettext("report row", "completed"), [w.completed for w in shown]),
        (pgettext("report row", "shortened"), [w.shortened for w in shown]),
        (pgettext("report row", "stopped"), [w.stopped for w in shown]),
    ]
    parts.append(f'<table class="figures"><tr><th>{h(_(WEEK_OF))}</th>{heads}</tr>')
    for name, values in rows:
        parts.append(f"<tr><td>{h(name)}</td>" + "".join(f"<td>{v}</td>" for v in values) + "</tr>")
    parts.append("</table>")
    parts.append(_more(len(report.weeks) - len(shown), "weeks"))
    if report.breaks:
        items = [
            h(
                ngettext(
                    "{routine}: {first} to {last} ({n} day)",
                    "{routine}: {first} to {last} ({n} days)",
                    b.days,
                ).format(
                    routine=b.routine, first=b.start.isoformat(), last=b.end.isoformat(), n=b.days
                )
            )
            for b in report.breaks[-SHOWN_BREAKS:]
        ]
        parts.append(f"<p><b>{h(_(BREAKS))}</b> " + "; ".join(items) + "</p>")
        parts.append(_more(len(report.breaks) - SHOWN_BREAKS, "breaks"))
    return parts


def _pain(report: Report) -> list[str]:
    parts = [f"<h2>{h(_(PAIN_BEFORE_AND_AFTER))}</h2>"]
    rated = len(report.ratings)
    if not rated:
        none = _("No session in the period was rated before and after.")
        return [*parts, f"<p>{h(none)}</p>"]
    mean = _("Mean change {change}").format(change=_change(report.mean_change))
    over = ngettext(
        "(0-10; below 0 is less pain after) over {n} session rated before and after: "
        "{before} before, {after} after.",
        "(0-10; below 0 is less pain after) over {n} sessions rated before and after: "
        "{before} before, {after} after.",
        rated,
    ).format(n=rated, before=_number(report.mean_before), after=_number(report.mean_after))
    parts.append(f'<p class="totals"><b>{h(mean)}</b> {h(over)}</p>')
    parts.append(pain_svg(report))
    return parts


def _pain_stops(report: Report) -> list[str]:
    parts = [f"<h2>{h(_(PAIN_STOPS))}</h2>"]
    if not report.pain_stops:
        return [*parts, f"<p>{h(_(NONE_IN_THE_PERIOD))}</p>"]
    shown = report.pain_stops[-SHOWN_PAIN_STOPS:]
    advices: dict[tuple[str, ...], str] = {}
    rows = []
    for stop in reversed(shown):
        label = advices.setdefault(stop.advice, "ABCDEFGH"[len(advices)])
        symptoms = {True: _("yes"), False: _("no"), None: _("not known")}[stop.symptoms]
        strength = "-" if stop.strength is None else f"{stop.strength}/10"
        rows.append(
            f"<tr><td>{stop.day.isoformat()}</td><td>{h(stop.routine)}</td>"
            f"<td>{h(stop.where or '-')}</td><td>{strength}</td><td>{h(symptoms)}</td>"
            f"<td>{label}</td></tr>"
        )
    heads = (
        _("Date"),
        _("Routine"),
        _("Where"),
        _("How strong"),
        _("Warning symptoms"),
        _("Advice shown"),
    )
    parts.append(
        "<table><tr>"
        + "".join(f"<th>{h(head)}</th>" for head in heads)
        + "</tr>"
        + "".join(rows)
        + "</table>"
    )
    parts.append(_more(len(report.pain_stops) - len(shown), "pain stops"))
    for advice, label in advices.items():
        # The advice is kept in English (``--json`` has it so) and worded here.
        words = " ".join(_(line) for line in advice)
        said = _("Advice {label}: {advice}").format(label=label, advice=words)
        parts.append(f'<p class="more">{h(said)}</p>')
    return parts


def _verdicts(report: Report) -> list[str]:
    parts = [f"<h2>{h(_(SCREENING_VERDICT_CHANGES))}</h2>"]
    if not report.verdict_changes:
        return [*parts, f"<p>{h(_(NONE_RECORDED_IN_THE_PERIOD))}</p>"]
    shown = report.verdict_changes[-SHOWN_VERDICT_CHANGES:]
    items = [
        f"{c.day.isoformat()} ({h(c.routine)}): "
        f"{h(_tier(c.before) if c.before else _(FIRST_RECORDED))} → "
        f"<b>{h(_tier(c.after))}</b>"
        for c in reversed(shown)
    ]
    parts.append("<p>" + "; ".join(items) + "</p>")
    parts.append(_more(len(report.verdict_changes) - len(shown), "changes"))
    return parts


# The screening verdicts as the journal records them (ids); in English the ids themselves.
VERDICT_WORDS = {
    "clear": i18n.pgettext_noop("verdict", "clear"),
    "caution": i18n.pgettext_noop("verdict", "caution"),
    "local": i18n.pgettext_noop("verdict", "local"),
    "stop": i18n.pgettext_noop("verdict", "stop"),
    "urgent": i18n.pgettext_noop("verdict", "urgent"),
}


def _tier(verdict: str) -> str:
    """A verdict in words; one we do not know as the journal has it."""
    return pgettext(*VERDICT_WORDS[verdict]) if verdict in VERDICT_WORDS else verdict


def _clearances(report: Report) -> list[str]:
    """The doctor clearances on file now; nothing at all when there are none."""
    if not report.clearances:
        return []
    items = "".join(f"<li>{h(line)}</li>" for line in report.clearances)
    return [f"<h2>{h(_(DOCTOR_CLEARANCES))}</h2>", f"<ul>{items}</ul>"]


def _notes(report: Report) -> list[str]:
    parts = [f"<h2>{h(_(NOTES_NEWEST_FIRST))}</h2>"]
    if not report.notes:
        return [*parts, f"<p>{h(_(NO_NOTES_IN_THE_PERIOD))}</p>"]
    items = []
    for note in report.notes[:SHOWN_NOTES]:
        text = note.text if len(note.text) <= NOTE_CHARACTERS else note.text[:NOTE_CHARACTERS] + "…"
        paper = ", " + _("paper") if note.paper else ""
        items.append(
            f"<li><b>{note.day.isoformat()}</b> ({h(note.routine)}{paper}): {h(text)}</li>"
        )
    parts.append('<ul class="notes-list cols">' + "".join(items) + "</ul>")
    parts.append(_more(len(report.notes) - SHOWN_NOTES, "notes"))
    return parts


def to_html(report: Report) -> str:
    """One self-contained HTML page: inline CSS and SVG, no scripts, fonts, images or links."""
    from selfmassage.handout.formats import CSS as HANDOUT_CSS

    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{i18n.current()}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>"
        + h(
            _("Progress report {first} to {last}").format(
                first=report.start.isoformat(), last=report.end.isoformat()
            )
        )
        + "</title>",
        f"<style>{HANDOUT_CSS}{REPORT_CSS}</style></head><body>",
        *_header(report),
        *_prescriptions(report),
        *_adherence(report),
        *_pain(report),
        *_pain_stops(report),
        *_verdicts(report),
        *_clearances(report),
        *_notes(report),
        '<div class="footer">',
        h(_("Made with {command} on {day} at {time}.")).format(
            command=f"<code>{h(report.command)}</code>",
            day=report.made_at.date().isoformat(),
            time=f"{report.made_at.hour:02d}:{report.made_at.minute:02d}",
        )
        + f" {h(_(NOT_A_DIAGNOSIS))}",
        "</div></body></html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


# -- JSON -----------------------------------------------------------------------------------


def report_data(report: Report) -> dict[str, Any]:
    """What ``report --json`` prints: every figure of the report, every list whole."""
    return {
        "made_at": report.made_at.isoformat(timespec="seconds"),
        "command": report.command,
        "file": report.file,
        "practice": list(report.practice),
        "patient": report.patient,
        "routine": report.routine,
        "period": {
            "from": report.start.isoformat(),
            "to": report.end.isoformat(),
            "days": report.days,
        },
        "prescriptions": [
            {
                "routine": p.routine,
                "title": p.title,
                "fingerprint": p.fingerprint,
                "patient": p.patient,
                "start": p.start.isoformat() if p.start else None,
                "first": p.first.isoformat(),
                "last": p.last.isoformat(),
                "sessions": p.sessions,
                "course": p.course.to_dict() if p.course is not None else None,
            }
            for p in report.prescriptions
        ],
        "sessions": {
            "total": report.sessions,
            "completed": report.completed,
            "shortened": report.shortened,
            "stopped": report.stopped,
            "paper": report.paper,
        },
        "adherence": {
            "due": report.due,
            "done": report.done,
            "rate": report.adherence,
            "weeks": [
                {
                    "week": w.start.isoformat(),
                    "due": w.due,
                    "done": w.done,
                    "completed": w.completed,
                    "shortened": w.shortened,
                    "stopped": w.stopped,
                }
                for w in report.weeks
            ],
            "breaks": [
                {
                    "routine": b.routine,
                    "from": b.start.isoformat(),
                    "to": b.end.isoformat(),
                    "days": b.days,
                }
                for b in report.breaks
            ],
            "no_course": list(report.no_course),
        },
        "pain": {
            "rated": len(report.ratings),
            "mean_before": report.mean_before,
            "mean_after": report.mean_after,
            "mean_change": report.mean_change,
            "sessions": [
                {
                    "date": r.day.isoformat(),
                    "routine": r.routine,
                    "before": r.before,
                    "after": r.after,
                }
                for r in report.ratings
            ],
        },
        "pain_stops": [
            {
                "date": s.day.isoformat(),
                "routine": s.routine,
                "where": s.where,
                "strength": s.strength,
                "symptoms": s.symptoms,
                "advice": list(s.advice),
            }
            for s in report.pain_stops
        ],
        "verdict_changes": [
            {
                "date": c.day.isoformat(),
                "routine": c.routine,
                "from": c.before,
                "to": c.after,
            }
            for c in report.verdict_changes
        ],
        "notes": [
            {"date": n.day.isoformat(), "routine": n.routine, "paper": n.paper, "note": n.text}
            for n in report.notes
        ],
        "clearances": list(report.clearances),
    }
