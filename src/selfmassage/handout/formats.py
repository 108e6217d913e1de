"""A handout laid out as plain text, Markdown or one self-contained HTML page.

Every string that came from a user or a routine file passes through ``printable``
(control characters and terminal escapes shown as ``\\xNN``) and then the format's
own escaping, so a patient called ``<script>`` is printed as that text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import date

from selfmassage.errors import SelfMassageError
from selfmassage.files.tomlcheck import did_you_mean
from selfmassage.handout.build import Handout, on_paper
from selfmassage.routines import body
from selfmassage.routines.model import Step
from selfmassage.text import duration as clock
from selfmassage.text import minutes_and_seconds, printable, wrap

WIDTH = 78
LOG_HEADINGS = ("#", "Date", "Done", "Pain before (0-10)", "Pain after (0-10)", "Notes")
STOP_TITLE = "Stop and see your doctor if…"
CONTRA_TITLE = "Do not massage if…"
CONTRA_STOP = "Do not do this routine until a doctor has cleared it if you have:"
SAFETY_TITLE = "Safety while you massage"
CONTRA_LOCAL = "Do not massage an area that has:"
CONTRA_CAUTION = "Check with your doctor first, then use light pressure and no tapping, with:"
LOG_INTRO = "Tick each session you do and write your pain from 0 (none) to 10 (worst)."
BLANK = "_" * 16  # a line to fill in by hand
# The paper log's headings, short enough for two tables side by side.
LOG_HTML_HEADINGS = ("#", "Date", "Done", "Pain before", "Pain after", "Notes")
LOG_ONE_TABLE = 6  # a longer course's log is split in two halves
LIGHT = "Light pressure only, and no tapping: your therapist asked for it."
NOTES_TITLE = "Notes from your therapist"


# The person's own statements that a doctor cleared an answer (clinical.md §1b).
CLEARANCES_TITLE = "Doctor clearances"


def _side(step: Step) -> str:
    return "both sides" if step.side == "both" else f"{step.side} side"


def _emergency_title(name: str) -> str:
    return f"Get medical help now ({name}):"


def _soon_title(name: str) -> str:
    return f"See a doctor soon ({name}):"


def _people(handout: Handout) -> list[tuple[str, str]]:
    """Who it is for and when; with no patient, lines to fill in by hand (``BLANK``)."""
    rows = [("Patient", handout.patient or BLANK)]
    if handout.therapist:
        rows.append(("Therapist", handout.therapist))
    rows.append(("Date", handout.day.isoformat() if handout.patient else BLANK))
    return rows


def _plan_rows(handout: Handout) -> list[tuple[str, str]]:
    course = handout.course
    steps = len(handout.routine.steps)
    each = minutes_and_seconds(handout.routine.total_seconds)
    if course.break_days:
        after = f"a {course.break_days}-day break before repeating the course"
    else:
        after = "no break needed before repeating the course"
    rows = [
        ("Sessions", str(course.sessions)),
        ("How often", course.often),
        ("Each session", f"{each} ({steps} steps)"),
    ]
    dates = handout.dates
    if dates is not None:
        first, last, resume = dates
        rows.append(("Dates", f"{_day(first)} to {_day(last)}"))
        if resume is not None:
            after = f"a {course.break_days}-day break, to {_day(resume)}, before repeating"
    rows.append(("After the course", after))
    return rows


def _day(day: date) -> str:
    """A date as paper gives it: ``Sat 21 Nov 2026`` (the same in every locale)."""
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{names[day.weekday()]} {day.day} {months[day.month - 1]} {day.year}"


def _footer(handout: Handout) -> str:
    """The last line: the practice, and the routine's fingerprint to match file and journal."""
    practice = handout.practice
    parts = [v for v in (practice.name, practice.phone, practice.email) if v]
    given = handout.prescription
    what = f"routine '{handout.routine.id}'"
    if given is not None:
        what = f"prescription v{given.version} of '{given.base}', {given.written.isoformat()}"
    parts.append(f"{what}, fingerprint {handout.fingerprint}")
    return " · ".join(parts)


def _letterhead(handout: Handout) -> tuple[str, ...]:
    return handout.practice.lines


def _caution(step: Step) -> str | None:
    return on_paper(step.caution) if step.caution else None


# -- plain text ------------------------------------------------------------------------


def to_text(handout: Handout) -> str:
    """Plain text within 78 columns, no escapes: fit for ``| lp``.

    In the order of the printed sheet: what the patient needs first (who, what for,
    the course, the therapist's notes, the steps, the picture), then when to stop,
    the red flags, the contraindications and the session log.
    """
    routine = handout.routine
    out: list[str] = []
    for line in _letterhead(handout):
        out += wrap(printable(line), WIDTH)
    if handout.practice.lines:
        out.append("")
    title = printable(handout.title).upper()
    out += wrap(title, WIDTH)
    out.append("=" * WIDTH)
    out += _text_pairs(_people(handout))
    out.append("")
    out += wrap(printable(routine.description), WIDTH)

    out += _text_heading("Course plan")
    out += _text_pairs(_plan_rows(handout))
    if handout.light:
        out += ["", *wrap(LIGHT, WIDTH)]

    if handout.notes:
        out += _text_heading(NOTES_TITLE)
        for line in printable(handout.notes).splitlines():
            out += wrap(line, WIDTH) if line.strip() else [""]

    out += _text_heading("Position and preparation")
    out += _text_pairs([("Position", routine.position)])
    if routine.preparation:
        out += wrap(printable(routine.preparation), WIDTH)

    out += _text_heading(f"Area worked: {handout.area_labels}")
    out += [line.rstrip() for line in body.figure(handout.areas, ascii_only=True)]

    out += _text_heading("Steps")
    for number, step in enumerate(routine.steps, start=1):
        head = f"{number:2}. {printable(step.label)} [{clock(step.seconds)}]"
        out += wrap(head, WIDTH, indent="    ", first="")
        out.append(f"    {step.technique} - {step.area_label} - {_side(step)}")
        out += wrap(printable(step.instruction), WIDTH, indent="    ")
        if step.cue:
            out += wrap("Feel: " + printable(step.cue), WIDTH, indent="    ")
        caution = _caution(step)
        if caution:
            out += wrap("Caution: " + printable(caution), WIDTH, indent="    ")
        out.append("")
    out.pop()

    safety = handout.safety
    out += _text_heading(STOP_TITLE.replace("…", "..."))
    out += _text_list(safety.stop_on_pain)
    for flags in handout.red_flags:
        out += ["", _emergency_title(flags.name), *_text_list(flags.emergency, "  ")]
        out += ["", _soon_title(flags.name), *_text_list(flags.soon, "  ")]

    out += _text_heading(SAFETY_TITLE)
    out += _text_list(safety.safety_rules)

    out += _text_heading(CONTRA_TITLE.replace("…", "..."))
    out += [CONTRA_STOP, *_text_list(safety.stop, "  ")]
    out += ["", CONTRA_LOCAL, *_text_list(safety.local, "  ")]
    out += ["", *wrap(CONTRA_CAUTION, WIDTH), *_text_list(safety.caution, "  ")]

    if handout.clearances:
        out += _text_heading(CLEARANCES_TITLE)
        out += _text_list(handout.clearances)

    out += _text_heading("Session log")
    out += wrap(LOG_INTRO, WIDTH)
    out += _text_log(handout.course.sessions)

    out += _text_heading("Please note")
    out += wrap(safety.disclaimer, WIDTH)
    out += ["", "-" * WIDTH, *wrap(printable(_footer(handout)), WIDTH)]
    return "\n".join(out) + "\n"


def _text_heading(title: str) -> list[str]:
    title = title.upper()
    return ["", title, "-" * min(len(title), WIDTH)]


def _text_pairs(rows: Iterable[tuple[str, str]]) -> list[str]:
    rows = list(rows)
    key_width = max(len(key) for key, _ in rows) + 2
    out = []
    for key, value in rows:
        out += wrap(
            printable(value), WIDTH, indent=" " * key_width, first=f"{key}:".ljust(key_width)
        )
    return out


def _text_list(items: Iterable[str], indent: str = "") -> list[str]:
    out = []
    for item in items:
        out += wrap(printable(item), WIDTH, indent=indent + "  ", first=indent + "* ")
    return out


def _text_log(rows: int) -> list[str]:
    widths = (4, 12, 6, 8, 8, 0)
    widths = (*widths[:-1], WIDTH - sum(widths[:-1]) - len(widths) - 1)
    heads = [
        ("#", ""),
        ("Date", ""),
        ("Done", ""),
        ("Pain", "before"),
        ("Pain", "after"),
        ("Notes", ""),
    ]
    rule = "+" + "+".join("-" * w for w in widths) + "+"

    def row(cells: Iterable[str]) -> str:
        return "|" + "|".join(f" {c}".ljust(w) for c, w in zip(cells, widths, strict=True)) + "|"

    out = [rule, row(h[0] for h in heads), row(h[1] for h in heads), rule]
    for number in range(1, rows + 1):
        out.append(row([str(number), "", "[ ]", "", "", ""]))
        out.append(rule)
    return out


# -- Markdown --------------------------------------------------------------------------

# Inline characters that start emphasis, code, links, HTML, entities, tables or
# strike-through; a backslash makes each literal (CommonMark escapes any ASCII
# punctuation).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|&~#!])")
# At the start of a line: headings, quotes, list markers, rules, setext underlines.
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")


def md_escape(text: str) -> str:
    """Text shown literally in Markdown (also inside a table cell); newlines become spaces."""
    text = _MD_INLINE.sub(r"\\\1", printable(text))
    text = " ".join(text.split())
    return _MD_LINE_START.sub(_md_line_start, text)


def _md_line_start(match: re.Match[str]) -> str:
    lead, mark = match.group(1), match.group(2)
    if mark.isdigit():
        return f"{lead}{mark}\\"  # "1." -> "1\." (the dot follows)
    return f"{lead}\\{mark}"


def to_markdown(handout: Handout) -> str:
    """Markdown with tables for the plan, the steps and the session log; the sheet's order."""
    routine = handout.routine
    safety = handout.safety
    out: list[str] = []
    if handout.practice.lines:
        out += [" \\\n".join(md_escape(line) for line in _letterhead(handout)), ""]
    out += [f"# {md_escape(handout.title)}", ""]
    out += [" \\\n".join(f"**{k}:** {md_escape(v)}" for k, v in _people(handout))]
    out += ["", md_escape(routine.description), ""]

    out += ["## Course plan", ""]
    plan = _plan_rows(handout)
    out += _md_table([key for key, _ in plan], [[md_escape(value) for _, value in plan]])
    if handout.light:
        out += ["", f"**{LIGHT}**"]

    if handout.notes:
        out += ["", f"## {NOTES_TITLE}", ""]
        paragraphs = [p for p in re.split(r"\n\s*\n", handout.notes) if p.strip()]
        for paragraph in paragraphs:
            # Lines of one paragraph stay lines: a Markdown hard break (backslash).
            out += [" \\\n".join(md_escape(line) for line in paragraph.splitlines()), ""]
        out.pop()

    out += ["", "## Position and preparation", "", f"**Position:** {routine.position}", ""]
    if routine.preparation:
        out += [md_escape(routine.preparation), ""]

    out += [f"## Area worked: {md_escape(handout.area_labels)}", "", "```text"]
    out += [line.rstrip() for line in body.figure(handout.areas)]
    out += ["```", "", "## Steps", ""]
    rows = []
    for number, step in enumerate(routine.steps, start=1):
        label = f"**{md_escape(step.label)}**"
        if step.name:
            label += f"<br>{step.technique}"
        text = md_escape(step.instruction)
        if step.cue:
            text += f"<br>*Feel:* {md_escape(step.cue)}"
        caution = _caution(step)
        if caution:
            text += f"<br>**Caution:** {md_escape(caution)}"
        rows.append(
            (str(number), label, md_escape(step.area_label), step.side, clock(step.seconds), text)
        )
    out += _md_table(("#", "Step", "Area", "Side", "Time", "Instruction"), rows)

    out += ["", f"## {STOP_TITLE}", ""]
    out += _md_list(safety.stop_on_pain)
    for flags in handout.red_flags:
        out += ["", f"**{_emergency_title(flags.name)}**", "", *_md_list(flags.emergency)]
        out += ["", f"**{_soon_title(flags.name)}**", "", *_md_list(flags.soon)]

    out += ["", f"## {SAFETY_TITLE}", "", *_md_list(safety.safety_rules)]
    out += ["", f"## {CONTRA_TITLE}", "", CONTRA_STOP, "", *_md_list(safety.stop)]
    out += ["", CONTRA_LOCAL, "", *_md_list(safety.local)]
    out += ["", CONTRA_CAUTION, "", *_md_list(safety.caution)]

    if handout.clearances:
        out += ["", f"## {CLEARANCES_TITLE}", "", *_md_list(handout.clearances)]

    out += ["", "## Session log", "", LOG_INTRO, ""]
    log = [(str(n), "", "☐", "", "", "") for n in range(1, handout.course.sessions + 1)]
    out += _md_table(LOG_HEADINGS, log)
    out += ["", "---", "", f"*{md_escape(safety.disclaimer)}*", "", md_escape(_footer(handout))]
    return "\n".join(out) + "\n"


def _md_table(headings: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    heads = list(headings)
    out = ["| " + " | ".join(heads) + " |", "|" + "|".join("---" for _ in heads) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def _md_list(items: Iterable[str]) -> list[str]:
    return [f"- {md_escape(item)}" for item in items]


# -- HTML ------------------------------------------------------------------------------

# One page of CSS: A4 and Letter alike (the paper is the printer's, or ``files.pdf``'s),
# black and white, body text 10 pt. Page 1 holds what the patient needs first; page 2
# starts on a new sheet. Table cells never break a word or a number ("Tim/e", "1/0"):
# only the notes, where a long link may stand, break anywhere.
CSS = """
@page { size: auto; margin: 8mm 9mm; }
* { box-sizing: border-box; }
html { color: #000; background: #fff; }
body { font: 10pt/1.16 "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif;
  max-width: 190mm; margin: 0 auto; padding: 8mm 4mm; }
.page2, .steps { font-family: "Liberation Sans Narrow", "Arial Narrow",
  "DejaVu Sans Condensed", "Liberation Sans", Arial, sans-serif; }
h1 { font-size: 15pt; margin: 0 0 0.8mm; }
h2 { font-size: 11pt; margin: 1.8mm 0 0.8mm; padding-bottom: 0.2mm;
  border-bottom: 0.6pt solid #000; }
h3 { font-size: 10pt; margin: 0.8mm 0 0.2mm; }
p { margin: 0 0 1mm; }
ul { margin: 0 0 0.8mm; padding-left: 4mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.5pt solid #000; padding: 0.4mm 1.2mm; text-align: left;
  vertical-align: top; overflow-wrap: normal; word-break: normal; hyphens: none; }
th { background: #e8e8e8; }
.num { white-space: nowrap; }
.letterhead { display: flex; justify-content: space-between; gap: 6mm;
  border-bottom: 1pt solid #000; padding-bottom: 0.8mm; margin-bottom: 1.5mm; }
.letterhead .name { font-weight: bold; font-size: 11pt; }
.letterhead .contact { text-align: right; }
.people { display: flex; flex-wrap: wrap; gap: 0.5mm 10mm; margin: 0 0 1.2mm; font-size: 11pt; }
.people b { margin-right: 1.5mm; }
.top { display: flex; gap: 5mm; align-items: flex-start; }
.top .text { flex: 1; min-width: 0; }
.figure { flex: none; display: flex; gap: 3mm; text-align: center; }
.figure > div { width: min-content; }
.figure .pic { white-space: nowrap; }
.figure pre { display: block; text-align: left; white-space: pre;
  font: 10pt/1.0 "DejaVu Sans Mono", "Liberation Mono", monospace;
  margin: 0 0 0.5mm; border: 0.5pt solid #000; padding: 1.2mm 2mm; }
.qr { width: 30mm; }
.qr svg { display: block; width: 30mm; height: 30mm; margin: 0 auto 0.5mm; }
.steps td.n { width: 6mm; text-align: right; }
.steps .t { width: 11mm; text-align: right; }
.steps tr { break-inside: avoid; }
.steps td { line-height: 1.12; }
.meta { font-style: italic; }
.caution { font-weight: bold; }
.light { font-weight: bold; border: 1pt solid #000; padding: 0.6mm 1.5mm; margin-top: 1mm; }
.notes { white-space: pre-wrap; overflow-wrap: anywhere; border: 1pt solid #000;
  padding: 0.8mm 1.5mm; }
.page2 { break-before: page; }
.cols { columns: 2; column-gap: 6mm; }
.cols li { break-inside: avoid; }
.logs { display: flex; gap: 3mm; align-items: flex-start; }
.log td { height: 5.6mm; }
.log .c0 { width: 6mm; } .log .c1 { width: 19mm; } .log .c2 { width: 9mm; }
.log .c3, .log .c4 { width: 12mm; }
.log td.n { text-align: right; }
.log .box { display: inline-block; width: 3.4mm; height: 3.4mm; border: 0.6pt solid #000; }
.disclaimer { margin-top: 1.2mm; font-style: italic; }
.footer { margin-top: 1.2mm; border-top: 0.6pt solid #000; padding-top: 0.5mm; font-size: 9pt; }
h2, h3 { break-after: avoid; }
@media print {
  body { max-width: none; padding: 0; }
}
"""


def h(text: str) -> str:
    """Text from a user or a file, shown literally in HTML."""
    return html.escape(printable(text), quote=True)


def _html_list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{h(item)}</li>" for item in items) + "</ul>"


def to_html(handout: Handout) -> str:
    """One self-contained HTML page: inline CSS, no scripts, fonts, images or links.

    Page 1: the practice, who and what for, the course, the notes, the steps and the
    picture. Page 2: when to stop, red flags, contraindications, the session log.
    """
    routine = handout.routine
    safety = handout.safety
    parts: list[str] = []
    add = parts.append
    add("<!DOCTYPE html>")
    add('<html lang="en"><head><meta charset="utf-8">')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f"<title>{h(handout.title)}</title>")
    add(f"<style>{CSS}</style></head><body>")

    practice = handout.practice
    if practice.lines:
        name = " · ".join(h(v) for v in (practice.name, practice.therapist) if v)
        reach = " · ".join(h(v) for v in (practice.phone, practice.email, practice.web) if v)
        where = h(practice.address) if practice.address else ""
        add(f'<div class="letterhead"><div class="name">{name}</div>')
        add(f'<div class="contact">{"<br>".join(v for v in (where, reach) if v)}</div></div>')

    add(f"<h1>{h(handout.title)}</h1>")
    add('<div class="people">')
    for key, value in _people(handout):
        add(f"<span><b>{key}:</b>{h(value)}</span>")
    add("</div>")

    add('<div class="top"><div class="text">')
    add(f"<p>{h(routine.description)}</p>")
    add('<h2>Course plan</h2><p class="plan">')
    add("<br>".join(f"<b>{key}:</b> {h(value)}" for key, value in _plan_rows(handout)) + "</p>")
    if handout.light:
        add(f'<p class="light">{h(LIGHT)}</p>')
    if handout.notes:
        add(f'<h2>{NOTES_TITLE}</h2><div class="notes">{h(handout.notes)}</div>')
    add("</div>")
    figure = "\n".join(line.rstrip() for line in body.figure(handout.areas))
    add(f'<div class="figure"><div><pre aria-hidden="true">{html.escape(figure)}</pre>')
    add(f"Shaded: {h(handout.area_labels)}</div>")
    if handout.qr_svg:
        add(f'<div class="qr">{handout.qr_svg}Scan to put the course in your calendar</div>')
    add("</div></div>")

    add('<h2>Steps</h2><table class="steps">')
    add('<thead><tr><th>#</th><th>Step</th><th class="t">Time</th></tr></thead><tbody>')
    for number, step in enumerate(routine.steps, start=1):
        where = "" if step.side == "both" else f' <span class="meta">({h(_side(step))})</span>'
        text = f"<b>{h(step.label)}</b>{where}. {h(step.instruction)}"
        if step.cue:
            text += f' <span class="meta">Feel: {h(step.cue)}</span>'
        caution = _caution(step)
        if caution:
            text += f' <span class="caution">Caution: {h(caution)}</span>'
        add(
            f'<tr><td class="n num">{number}</td><td>{text}</td>'
            f'<td class="t num">{clock(step.seconds)}</td></tr>'
        )
    add("</tbody></table>")

    add('<div class="page2">')
    add("<h2>Before you start</h2>")
    preparation = f" {h(routine.preparation)}" if routine.preparation else ""
    add(f"<p><b>Position: {h(routine.position)}.</b>{preparation}</p>")
    add(f"<h2>{STOP_TITLE}</h2>")
    add(_html_list(safety.stop_on_pain))
    if handout.red_flags:
        add('<div class="cols">')
        for flags in handout.red_flags:
            for title, items in (
                (_emergency_title(flags.name), flags.emergency),
                (_soon_title(flags.name), flags.soon),
            ):
                add(f"<div><h3>{h(title)}</h3>{_html_list(items)}</div>")
        add("</div>")

    add(f"<h2>{CONTRA_TITLE}</h2>")
    add('<div class="cols">')
    add(f"<div><h3>{CONTRA_STOP}</h3>{_html_list(safety.stop)}</div>")
    add(f"<div><h3>{CONTRA_LOCAL}</h3>{_html_list(safety.local)}</div>")
    add(f"<div><h3>{CONTRA_CAUTION}</h3>{_html_list(safety.caution)}</div>")
    add(f"<div><h3>{SAFETY_TITLE}:</h3>{_html_list(safety.safety_rules)}</div>")
    add("</div>")

    if handout.clearances:
        add(f"<h2>{h(CLEARANCES_TITLE)}</h2>{_html_list(handout.clearances)}")

    add(f"<h2>Session log</h2><p>{LOG_INTRO}</p>")
    # Two tables side by side: a 15-session log fits half a page.
    sessions = handout.course.sessions
    half = (sessions + 1) // 2 if sessions > LOG_ONE_TABLE else sessions
    add('<div class="logs">')
    for first, last in ((1, half), (half + 1, sessions)):
        if first > last:
            continue
        add('<table class="log"><thead><tr>')
        add("".join(f'<th class="c{i}">{head}</th>' for i, head in enumerate(LOG_HTML_HEADINGS)))
        add("</tr></thead><tbody>")
        for number in range(first, last + 1):
            add(
                f'<tr><td class="n num">{number}</td><td></td><td><span class="box"></span></td>'
                "<td></td><td></td><td></td></tr>"
            )
        add("</tbody></table>")
    add("</div>")
    add(f'<p class="disclaimer">{h(safety.disclaimer)}</p>')
    add(f'<div class="footer">{h(_footer(handout))}</div>')
    add("</div></body></html>")
    return "\n".join(parts) + "\n"


FORMATS = ("text", "markdown", "html", "pdf")
# The format a file's name asks for (``-o handout.pdf``).
EXTENSIONS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}


def format_for(output: str | None, fmt: str | None) -> str:
    """The handout's format: ``--format`` if given, else ``-o``'s extension, else text.

    An output name whose extension says no format, without ``--format``, is an error:
    writing plain text into ``handout.doc`` would look like a broken file.
    """
    if fmt is not None:
        if fmt not in FORMATS:
            raise SelfMassageError(
                f"--format must be one of {', '.join(FORMATS)}, got '{fmt}'"
                + did_you_mean(fmt, FORMATS)
            )
        return fmt
    if output is None:
        return "text"
    suffix = "." + output.rsplit(".", 1)[-1].lower() if "." in output.rsplit("/", 1)[-1] else ""
    if suffix not in EXTENSIONS:
        named = f"'{suffix}'" if suffix else "no extension"
        raise SelfMassageError(
            f"-o {output}: {named} does not say which format to write",
            hint="end the name in .txt, .md, .html, .htm or .pdf, or add --format "
            + "|".join(FORMATS),
        )
    return EXTENSIONS[suffix]


def render(handout: Handout, fmt: str) -> str:
    """The handout as ``text``, ``markdown`` or ``html`` (a PDF is the HTML, printed)."""
    renderers = {"text": to_text, "markdown": to_markdown, "html": to_html}
    if fmt not in renderers:
        raise SelfMassageError(
            f"--format must be one of {', '.join(renderers)}, got '{fmt}'"
            + did_you_mean(fmt, renderers)
        )
    return renderers[fmt](handout)
