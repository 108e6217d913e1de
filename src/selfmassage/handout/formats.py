"""A handout laid out as plain text, Markdown or one self-contained HTML page.

Every string that came from a user or a routine file passes through ``printable``
(control characters and terminal escapes shown as ``\\xNN``) and then the format's
own escaping, so a patient called ``<script>`` is printed as that text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from selfmassage.errors import SelfMassageError
from selfmassage.files.tomlcheck import did_you_mean
from selfmassage.handout.build import Handout
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


# The person's own statements that a doctor cleared an answer (clinical.md §1b).
CLEARANCES_TITLE = "Doctor clearances"


def _side(step: Step) -> str:
    return "both sides" if step.side == "both" else f"{step.side} side"


def _emergency_title(name: str) -> str:
    return f"Get medical help now ({name}):"


def _soon_title(name: str) -> str:
    return f"See a doctor soon ({name}):"


def _people(handout: Handout) -> list[tuple[str, str]]:
    rows = []
    if handout.patient:
        rows.append(("Patient", handout.patient))
    if handout.therapist:
        rows.append(("Therapist", handout.therapist))
    rows.append(("Date", handout.day.isoformat()))
    return rows


def _plan_rows(handout: Handout) -> list[tuple[str, str]]:
    course = handout.course
    steps = len(handout.routine.steps)
    each = minutes_and_seconds(handout.routine.total_seconds)
    if course.break_days:
        after = f"a {course.break_days}-day break before repeating the course"
    else:
        after = "no break needed before repeating the course"
    return [
        ("Sessions", str(course.sessions)),
        ("How often", course.often),
        ("Each session", f"{each} ({steps} steps)"),
        ("After the course", after),
    ]


# -- plain text ------------------------------------------------------------------------


def to_text(handout: Handout) -> str:
    """Plain text within 78 columns, no escapes: fit for ``| lp``."""
    routine = handout.routine
    out: list[str] = []
    title = printable(handout.title).upper()
    out += wrap(title, WIDTH)
    out.append("=" * WIDTH)
    out += _text_pairs(_people(handout))
    out.append("")
    out += wrap(printable(routine.description), WIDTH)

    out += _text_heading("Course plan")
    out += _text_pairs(_plan_rows(handout))

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
        if step.caution:
            out += wrap("Caution: " + printable(step.caution), WIDTH, indent="    ")
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

    if handout.notes:
        out += _text_heading("Notes from your therapist")
        for line in printable(handout.notes).splitlines():
            out += wrap(line, WIDTH) if line.strip() else [""]

    out += _text_heading("Session log")
    out += wrap(LOG_INTRO, WIDTH)
    out += _text_log(handout.course.sessions)

    out += _text_heading("Please note")
    out += wrap(safety.disclaimer, WIDTH)
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
    """Markdown with tables for the plan, the steps and the session log."""
    routine = handout.routine
    safety = handout.safety
    out = [f"# {md_escape(handout.title)}", ""]
    out += [" \\\n".join(f"**{k}:** {md_escape(v)}" for k, v in _people(handout))]
    out += ["", md_escape(routine.description), ""]

    out += ["## Course plan", ""]
    plan = _plan_rows(handout)
    out += _md_table([key for key, _ in plan], [[md_escape(value) for _, value in plan]])

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
        if step.caution:
            text += f"<br>**Caution:** {md_escape(step.caution)}"
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
    if handout.notes:
        out += ["", "## Notes from your therapist", ""]
        paragraphs = [p for p in re.split(r"\n\s*\n", handout.notes) if p.strip()]
        for paragraph in paragraphs:
            # Lines of one paragraph stay lines: a Markdown hard break (backslash).
            out += [" \\\n".join(md_escape(line) for line in paragraph.splitlines()), ""]
        out.pop()

    out += ["", "## Session log", "", LOG_INTRO, ""]
    log = [(str(n), "", "☐", "", "", "") for n in range(1, handout.course.sessions + 1)]
    out += _md_table(LOG_HEADINGS, log)
    out += ["", "---", "", f"*{md_escape(safety.disclaimer)}*"]
    return "\n".join(out) + "\n"


def _md_table(headings: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    heads = list(headings)
    out = ["| " + " | ".join(heads) + " |", "|" + "|".join("---" for _ in heads) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def _md_list(items: Iterable[str]) -> list[str]:
    return [f"- {md_escape(item)}" for item in items]


# -- HTML ------------------------------------------------------------------------------

# One page of CSS: A4 and Letter alike (the page size is the printer's), black and
# white, compact enough that a bundled routine fits two sides.
CSS = """
@page { size: auto; margin: 10mm 11mm; }
* { box-sizing: border-box; }
html { color: #000; background: #fff; }
body { font: 8.5pt/1.18 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif;
  max-width: 190mm; margin: 0 auto; padding: 8mm 4mm; overflow-wrap: anywhere; }
h1 { font-size: 14pt; margin: 0 0 1mm; }
h2 { font-size: 9.5pt; margin: 2mm 0 0.8mm; padding-bottom: 0.3mm;
  border-bottom: 0.6pt solid #000; text-transform: uppercase; letter-spacing: 0.03em; }
h3 { font-size: 8.5pt; margin: 1mm 0 0.3mm; }
p { margin: 0 0 1mm; }
ul { margin: 0 0 1mm; padding-left: 4mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.5pt solid #000; padding: 0.6mm 1.4mm; text-align: left;
  vertical-align: top; }
th { background: #e8e8e8; }
.people { display: flex; flex-wrap: wrap; gap: 0.5mm 8mm; margin: 0 0 1.5mm;
  font-size: 10pt; }
.people b { margin-right: 1.5mm; }
.top { display: flex; gap: 4mm; align-items: flex-start; }
.top .text { flex: 1; }
.figure { text-align: center; font-size: 8pt; width: min-content; }
.figure pre { font: 8.5pt/1.0 "DejaVu Sans Mono", monospace; margin: 0 0 0.5mm;
  border: 0.5pt solid #000; padding: 1.5mm 2mm; }
.steps td.n { width: 6mm; text-align: right; }
.steps .t { width: 11mm; text-align: right; }
.steps tr { break-inside: avoid; }
.meta { font-size: 7.5pt; }
.cue { font-style: italic; }
.caution { font-weight: bold; }
.cols { columns: 2; column-gap: 6mm; }
.cols li { break-inside: avoid; }
.cols3 { columns: 3; column-gap: 5mm; }
.log td { height: 5.4mm; }
.log .c0 { width: 7mm; } .log .c1 { width: 24mm; } .log .c2 { width: 11mm; }
.log .c3, .log .c4 { width: 25mm; }
.log td.n { width: 7mm; text-align: right; }
.log .box { display: inline-block; width: 3.2mm; height: 3.2mm; border: 0.6pt solid #000; }
.notes { white-space: pre-wrap; border: 0.5pt solid #000; padding: 1mm 1.5mm; }
.disclaimer { margin-top: 2mm; font-size: 8pt; font-style: italic; }
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
    """One self-contained HTML page: inline CSS, no scripts, fonts, images or links."""
    routine = handout.routine
    safety = handout.safety
    parts: list[str] = []
    add = parts.append
    add("<!DOCTYPE html>")
    add('<html lang="en"><head><meta charset="utf-8">')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f"<title>{h(handout.title)}</title>")
    add(f"<style>{CSS}</style></head><body>")

    add(f"<h1>{h(handout.title)}</h1>")
    add('<div class="people">')
    for key, value in _people(handout):
        add(f"<span><b>{key}:</b>{h(value)}</span>")
    add("</div>")

    add('<div class="top"><div class="text">')
    add(f"<p>{h(routine.description)}</p>")
    add('<h2>Course plan</h2><table class="plan"><tr>')
    add("".join(f"<th>{key}</th>" for key, _ in _plan_rows(handout)) + "</tr><tr>")
    add("".join(f"<td>{h(value)}</td>" for _, value in _plan_rows(handout)) + "</tr></table>")
    add("<h2>Position and preparation</h2>")
    preparation = f" {h(routine.preparation)}" if routine.preparation else ""
    add(f"<p><b>Position: {h(routine.position)}.</b>{preparation}</p>")
    add("</div>")
    figure = "\n".join(line.rstrip() for line in body.figure(handout.areas))
    add(f'<div class="figure"><pre aria-hidden="true">{html.escape(figure)}</pre>')
    add(f"Shaded: {h(handout.area_labels)}</div>")
    add("</div>")

    add('<h2>Steps</h2><table class="steps">')
    add('<thead><tr><th>#</th><th>Step</th><th class="t">Time</th></tr></thead><tbody>')
    for number, step in enumerate(routine.steps, start=1):
        meta = f"{h(step.technique)} · {h(step.area_label)} · {h(_side(step))}"
        text = f'<b>{h(step.label)}</b> <span class="meta">({meta})</span> '
        text += h(step.instruction)
        if step.cue:
            text += f' <span class="cue">Feel: {h(step.cue)}</span>'
        if step.caution:
            text += f' <span class="caution">Caution: {h(step.caution)}</span>'
        add(
            f'<tr><td class="n">{number}</td><td>{text}</td>'
            f'<td class="t">{clock(step.seconds)}</td></tr>'
        )
    add("</tbody></table>")

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
    add('<div class="cols3">')
    add(f"<div><h3>{CONTRA_STOP}</h3>{_html_list(safety.stop)}</div>")
    add(f"<div><h3>{CONTRA_LOCAL}</h3>{_html_list(safety.local)}</div>")
    add(f"<div><h3>{CONTRA_CAUTION}</h3>{_html_list(safety.caution)}</div>")
    add(f"<div><h3>{SAFETY_TITLE}:</h3>{_html_list(safety.safety_rules)}</div>")
    add("</div>")

    if handout.clearances:
        add(f"<h2>{h(CLEARANCES_TITLE)}</h2>{_html_list(handout.clearances)}")
    if handout.notes:
        add(f'<h2>Notes from your therapist</h2><div class="notes">{h(handout.notes)}</div>')

    add(f"<h2>Session log</h2><p>{LOG_INTRO}</p>")
    add('<table class="log"><thead><tr>')
    add("".join(f'<th class="c{i}">{head}</th>' for i, head in enumerate(LOG_HEADINGS)))
    add("</tr></thead><tbody>")
    for number in range(1, handout.course.sessions + 1):
        add(
            f'<tr><td class="n">{number}</td><td></td><td><span class="box"></span></td>'
            "<td></td><td></td><td></td></tr>"
        )
    add("</tbody></table>")
    add(f'<p class="disclaimer">{h(safety.disclaimer)}</p>')
    add("</body></html>")
    return "\n".join(parts) + "\n"


FORMATS = ("text", "markdown", "html")


def render(handout: Handout, fmt: str) -> str:
    """The handout as ``text``, ``markdown`` or ``html``."""
    renderers = {"text": to_text, "markdown": to_markdown, "html": to_html}
    if fmt not in renderers:
        raise SelfMassageError(
            f"--format must be one of {', '.join(FORMATS)}, got '{fmt}'"
            + did_you_mean(fmt, FORMATS)
        )
    return renderers[fmt](handout)
