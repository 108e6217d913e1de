"""A handout laid out as plain text, Markdown or one self-contained HTML page.

Every string that came from a user or a routine file passes through ``printable``
(control characters and terminal escapes shown as ``\\xNN``) and then the format's
own escaping, so a patient called ``<script>`` is printed as that text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

from selfmassage.errors import SelfMassageError
from selfmassage.files.tomlcheck import did_you_mean
from selfmassage.handout.build import Handout, Safety, on_paper
from selfmassage.handout.words import Words
from selfmassage.i18n import N_, _
from selfmassage.routines import body
from selfmassage.routines.model import Routine, Step
from selfmassage.text import duration as clock
from selfmassage.text import html_literal as h
from selfmassage.text import printable, wrap

WIDTH = 78
LOG_HEADINGS = (
    N_("Date"),
    N_("Done"),
    N_("Pain before (0-10)"),
    N_("Pain after (0-10)"),
    N_("Notes"),
)
STOP_TITLE = N_("Stop and see your doctor if…")
CONTRA_TITLE = N_("Do not massage if…")
CONTRA_STOP = N_("Do not do this routine until a doctor has cleared it if you have:")
SAFETY_TITLE = N_("Safety while you massage")
CONTRA_LOCAL = N_("Do not massage an area that has:")
CONTRA_CAUTION = N_("Check with your doctor first, then use light pressure and no tapping, with:")
LOG_INTRO = N_("Tick each session you do and write your pain from 0 (none) to 10 (worst).")
BLANK = "_" * 16  # a line to fill in by hand
# The paper log's headings, short enough for two tables side by side.
LOG_HTML_HEADINGS = (N_("Date"), N_("Done"), N_("Pain before"), N_("Pain after"), N_("Notes"))
LOG_ONE_TABLE = 6  # a longer course's log is split in two halves
LIGHT = N_("Light pressure only, and no tapping: your therapist asked for it.")
NOTES_TITLE = N_("Notes from your therapist")
# The person's own statements that a doctor cleared an answer (clinical.md §1b).
CLEARANCES_TITLE = N_("Doctor clearances")
COURSE_TITLE = N_("Course plan")
STEPS_TITLE = N_("Steps")
POSITION_TITLE = N_("Position and preparation")
BEFORE_TITLE = N_("Before you start")
LOG_TITLE = N_("Session log")
NOTE_TITLE = N_("Please note")
FEEL = N_("Feel: {cue}")
CAUTION = N_("Caution: {caution}")


class Sheet:
    """A handout's languages: the paper's own and, when bilingual, the second one.

    ``both`` gives a message in the two, ``alt`` the second language's handout (its
    routine's steps are the first's, one for one: the same numbers and times).
    """

    def __init__(self, handout: Handout) -> None:
        self.handout = handout
        self.w = handout.words
        self.alt = handout.also
        self.a = handout.also.words if handout.also is not None else None

    def both(self, msgid: str, sep: str = " / ") -> str:
        """``msgid`` in the paper's language, and after ``sep`` in the second one."""
        return self.pair(lambda w: w._(msgid), sep)

    def pair(self, say: Callable[[Words], str], sep: str = " / ") -> str:
        """What ``say`` gives in each language, once when the two are the same."""
        first = say(self.w)
        if self.a is None:
            return first
        second = say(self.a)
        return first if second == first else f"{first}{sep}{second}"

    def safeties(self) -> tuple[Safety, ...]:
        """The safety wording in each language of the sheet."""
        return (self.handout.safety,) + ((self.alt.safety,) if self.alt else ())


def _side(step: Step, w: Words) -> str:
    return w.side(step.side)


def _emergency_title(name: str, w: Words) -> str:
    return w._("Get medical help now ({name}):").format(name=name)


def _soon_title(name: str, w: Words) -> str:
    return w._("See a doctor soon ({name}):").format(name=name)


def _people(sheet: Sheet) -> list[tuple[str, str]]:
    """Who it is for and when; with no patient, lines to fill in by hand (``BLANK``)."""
    handout = sheet.handout
    rows = [(sheet.both(N_("Patient")), handout.patient or BLANK)]
    if handout.therapist:
        rows.append((sheet.both(N_("Therapist")), handout.therapist))
    day = handout.day
    rows.append((sheet.both(N_("Date")), day.isoformat() if handout.patient else BLANK))
    return rows


def _plan_rows(sheet: Sheet) -> list[tuple[str, str]]:
    handout = sheet.handout
    course = handout.course
    steps = len(handout.routine.steps)
    seconds = handout.routine.total_seconds
    dates = handout.dates

    def after(w: Words) -> str:
        if not course.break_days:
            return w._("no break needed before repeating the course")
        if dates is not None and dates[2] is not None:
            return w.ngettext(
                "a {n}-day break, to {day}, before repeating",
                "a {n}-day break, to {day}, before repeating",
                course.break_days,
            ).format(n=course.break_days, day=w.day(dates[2]))
        return w.ngettext(
            "a {n}-day break before repeating the course",
            "a {n}-day break before repeating the course",
            course.break_days,
        ).format(n=course.break_days)

    rows = [
        (sheet.both(N_("Sessions")), str(course.sessions)),
        (sheet.both(N_("How often")), sheet.pair(lambda w: w.often(course.frequency))),
        (
            sheet.both(N_("Each session")),
            sheet.pair(
                lambda w: w._("{time} ({steps})").format(
                    time=w.duration(seconds), steps=w.steps(steps)
                )
            ),
        ),
    ]
    if dates is not None:
        first, last, _resume = dates
        rows.append(
            (
                sheet.both(N_("Dates")),
                sheet.pair(
                    lambda w: w._("{first} to {last}").format(first=w.day(first), last=w.day(last))
                ),
            )
        )
    rows.append((sheet.both(N_("After the course")), sheet.pair(after)))
    return rows


def _footer(sheet: Sheet) -> str:
    """The last line: the practice, and the routine's fingerprint to match file and journal."""
    handout = sheet.handout
    w = sheet.w
    practice = handout.practice
    parts = [v for v in (practice.name, practice.phone, practice.email) if v]
    given = handout.prescription
    if given is not None:
        what = w._("prescription v{version} of '{base}', {day}").format(
            version=given.version, base=given.base, day=given.written.isoformat()
        )
    else:
        what = w._("routine '{id}'").format(id=handout.routine.id)
    parts.append(
        w._("{what}, fingerprint {fingerprint}").format(what=what, fingerprint=handout.fingerprint)
    )
    return " · ".join(parts)


def _letterhead(handout: Handout) -> tuple[str, ...]:
    return handout.practice.lines


def _caution(step: Step, lang: str) -> str | None:
    return on_paper(step.caution, lang) if step.caution else None


def _step_text(step: Step, w: Words) -> str:
    """A step's words on one line, for the second language of a bilingual sheet."""
    text = f"{w.step_label(step)}. {step.instruction}"
    if step.cue:
        text += " " + w._(FEEL).format(cue=step.cue)
    caution = _caution(step, w.lang)
    if caution:
        text += " " + w._(CAUTION).format(caution=caution)
    return text


def _pairs(
    sheet: Sheet, firsts: tuple[str, ...], seconds: tuple[str, ...] | None
) -> list[tuple[str, str | None]]:
    """Items of a list with their second language beside them, when the sheet has one."""
    if seconds is None:
        return [(item, None) for item in firsts]
    return list(zip(firsts, seconds, strict=True))


# -- plain text ------------------------------------------------------------------------


def to_text(handout: Handout) -> str:
    """Plain text within 78 columns, no escapes: fit for ``| lp``.

    In the order of the printed sheet: what the patient needs first (who, what for,
    the course, the therapist's notes, the steps, the picture), then when to stop,
    the red flags, the contraindications and the session log. A bilingual sheet gives
    each text again in its second language, marked with that language's code.
    """
    sheet = Sheet(handout)
    w, a, alt = sheet.w, sheet.a, sheet.alt
    routine = handout.routine
    out: list[str] = []

    def second(text: str | None, indent: str = "") -> list[str]:
        """The second language's words, marked and indented (nothing on a one-language sheet)."""
        if text is None or a is None:
            return []
        return wrap(f"[{a.lang}] " + printable(text), WIDTH, indent=indent + "     ", first=indent)

    for line in _letterhead(handout):
        out += wrap(printable(line), WIDTH)
    if handout.practice.lines:
        out.append("")
    out += wrap(printable(handout.title).upper(), WIDTH)
    if alt is not None:
        out += wrap(printable(alt.title), WIDTH)
    out.append("=" * WIDTH)
    out += _text_pairs(_people(sheet))
    out.append("")
    out += wrap(printable(routine.description), WIDTH)
    out += second(alt.routine.description if alt else None)

    out += _text_heading(sheet.both(COURSE_TITLE))
    out += _text_pairs(_plan_rows(sheet))
    if handout.light:
        out += ["", *wrap(sheet.both(LIGHT, "\n"), WIDTH)]

    if handout.notes:
        out += _text_heading(sheet.both(NOTES_TITLE))
        for line in printable(handout.notes).splitlines():
            out += wrap(line, WIDTH) if line.strip() else [""]

    out += _text_heading(sheet.both(POSITION_TITLE))
    out += _text_pairs(
        [(sheet.both(N_("Position")), sheet.pair(lambda x: x.position(routine.position)))]
    )
    if routine.preparation:
        out += wrap(printable(routine.preparation), WIDTH)
        out += second(alt.routine.preparation if alt else None)

    area_title = sheet.pair(
        lambda x: x._("Area worked: {areas}").format(areas=x.areas(handout.areas))
    )
    out += _text_heading(area_title)
    out += [line.rstrip() for line in body.figure(handout.areas, ascii_only=True)]

    out += _text_heading(sheet.both(STEPS_TITLE))
    for number, step in enumerate(routine.steps, start=1):
        head = f"{number:2}. {printable(w.step_label(step))} [{clock(step.seconds)}]"
        out += wrap(head, WIDTH, indent="    ", first="")
        place = f"{w.technique(step.technique)} - {w.area(step.area)} - {_side(step, w)}"
        out.append(f"    {place}")
        out += wrap(printable(step.instruction), WIDTH, indent="    ")
        if step.cue:
            out += wrap(printable(w._(FEEL).format(cue=step.cue)), WIDTH, indent="    ")
        caution = _caution(step, w.lang)
        if caution:
            out += wrap(printable(w._(CAUTION).format(caution=caution)), WIDTH, indent="    ")
        if alt is not None:
            out += second(_step_text(alt.routine.steps[number - 1], sheet.a or w), "    ")
        out.append("")
    out.pop()

    safety = handout.safety
    other = alt.safety if alt else None
    out += _text_heading(sheet.both(STOP_TITLE).replace("…", "..."))
    out += _text_list(sheet, safety.stop_on_pain, other.stop_on_pain if other else None)
    alt_flags = alt.red_flags if alt else (None,) * len(handout.red_flags)
    for flags, more in zip(handout.red_flags, alt_flags, strict=True):
        emergency = _emergency_title(flags.name, w)
        soon = _soon_title(flags.name, w)
        if more is not None and a is not None:
            emergency += " / " + _emergency_title(more.name, a)
            soon += " / " + _soon_title(more.name, a)
        out += ["", *wrap(emergency, WIDTH)]
        out += _text_list(sheet, flags.emergency, more.emergency if more else None, "  ")
        out += ["", *wrap(soon, WIDTH)]
        out += _text_list(sheet, flags.soon, more.soon if more else None, "  ")

    out += _text_heading(sheet.both(SAFETY_TITLE))
    out += _text_list(sheet, safety.safety_rules, other.safety_rules if other else None)

    out += _text_heading(sheet.both(CONTRA_TITLE).replace("…", "..."))
    out += [*wrap(sheet.both(CONTRA_STOP, "\n"), WIDTH)]
    out += _text_list(sheet, safety.stop, other.stop if other else None, "  ")
    out += ["", *wrap(sheet.both(CONTRA_LOCAL, "\n"), WIDTH)]
    out += _text_list(sheet, safety.local, other.local if other else None, "  ")
    out += ["", *wrap(sheet.both(CONTRA_CAUTION, "\n"), WIDTH)]
    out += _text_list(sheet, safety.caution, other.caution if other else None, "  ")

    if handout.clearances:
        out += _text_heading(sheet.both(CLEARANCES_TITLE))
        out += _text_list(sheet, handout.clearances, alt.clearances if alt else None)

    out += _text_heading(sheet.both(LOG_TITLE))
    out += wrap(w._(LOG_INTRO), WIDTH)
    out += second(a._(LOG_INTRO) if a else None)
    out += _text_log(sheet, handout.course.sessions)

    out += _text_heading(sheet.both(NOTE_TITLE))
    out += wrap(safety.disclaimer, WIDTH)
    out += second(other.disclaimer if other else None)
    out += ["", "-" * WIDTH, *wrap(printable(_footer(sheet)), WIDTH)]
    return "\n".join(out) + "\n"


def _text_heading(title: str) -> list[str]:
    lines = wrap(title.upper(), WIDTH)
    return ["", *lines, "-" * min(max(len(line) for line in lines), WIDTH)]


def _text_pairs(rows: Iterable[tuple[str, str]]) -> list[str]:
    rows = list(rows)
    key_width = max(len(key) for key, _ in rows) + 2
    out = []
    for key, value in rows:
        out += wrap(
            printable(value), WIDTH, indent=" " * key_width, first=f"{key}:".ljust(key_width)
        )
    return out


def _text_list(
    sheet: Sheet, items: tuple[str, ...], seconds: tuple[str, ...] | None, indent: str = ""
) -> list[str]:
    out = []
    for item, more in _pairs(sheet, items, seconds):
        out += wrap(printable(item), WIDTH, indent=indent + "  ", first=indent + "* ")
        if more is not None and sheet.a is not None:
            out += wrap(
                f"[{sheet.a.lang}] " + printable(more),
                WIDTH,
                indent=indent + "       ",
                first=indent + "  ",
            )
    return out


def _text_log(sheet: Sheet, rows: int) -> list[str]:
    """The session log as a ruled table: each heading on at most two lines a language."""

    def lines(msgid: str) -> list[str]:
        out = []
        for w in (sheet.w, sheet.a):
            if w is not None:
                words = w._(msgid).split(" ", 1)
                out += words + [""] * (2 - len(words))  # two lines a language, lined up
        return out

    heads = [["#"], *(lines(m) for m in LOG_HTML_HEADINGS)]
    depth = max(len(h) for h in heads)
    heads = [h + [""] * (depth - len(h)) for h in heads]
    least = (4, 12, 6, 8, 8)
    widths = [max(w, *(len(line) + 2 for line in h)) for w, h in zip(least, heads, strict=False)]
    widths.append(WIDTH - sum(widths) - len(widths) - 2)
    rule = "+" + "+".join("-" * w for w in widths) + "+"

    def row(cells: Iterable[str]) -> str:
        return "|" + "|".join(f" {c}".ljust(w) for c, w in zip(cells, widths, strict=True)) + "|"

    out = [rule, *(row(h[n] for h in heads) for n in range(depth)), rule]
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
    """Markdown with tables for the plan, the steps and the session log; the sheet's order.

    A bilingual sheet gives each text again in its second language, in italics."""
    sheet = Sheet(handout)
    w, a, alt = sheet.w, sheet.a, sheet.alt
    routine = handout.routine
    safety = handout.safety
    other = alt.safety if alt else None

    def second(text: str | None) -> list[str]:
        return [f"*{md_escape(text)}*", ""] if text and a is not None else []

    out: list[str] = []
    if handout.practice.lines:
        out += [" \\\n".join(md_escape(line) for line in _letterhead(handout)), ""]
    out += [f"# {md_escape(handout.title)}", ""]
    if alt is not None:
        out += [f"*{md_escape(alt.title)}*", ""]
    out += [" \\\n".join(f"**{k}:** {md_escape(v)}" for k, v in _people(sheet))]
    out += ["", md_escape(routine.description), ""]
    out += second(alt.routine.description if alt else None)

    out += [f"## {md_escape(sheet.both(COURSE_TITLE))}", ""]
    plan = _plan_rows(sheet)
    out += _md_table([key for key, _ in plan], [[md_escape(value) for _, value in plan]])
    if handout.light:
        out += ["", f"**{md_escape(sheet.both(LIGHT, ' '))}**"]

    if handout.notes:
        out += ["", f"## {md_escape(sheet.both(NOTES_TITLE))}", ""]
        paragraphs = [p for p in re.split(r"\n\s*\n", handout.notes) if p.strip()]
        for paragraph in paragraphs:
            # Lines of one paragraph stay lines: a Markdown hard break (backslash).
            out += [" \\\n".join(md_escape(line) for line in paragraph.splitlines()), ""]
        out.pop()

    position = sheet.pair(lambda x: x.position(routine.position))
    out += ["", f"## {md_escape(sheet.both(POSITION_TITLE))}", ""]
    out += [f"**{md_escape(sheet.both(N_('Position')))}:** {md_escape(position)}", ""]
    if routine.preparation:
        out += [md_escape(routine.preparation), ""]
        out += second(alt.routine.preparation if alt else None)

    area_title = sheet.pair(
        lambda x: x._("Area worked: {areas}").format(areas=x.areas(handout.areas))
    )
    out += [f"## {md_escape(area_title)}", "", "```text"]
    out += [line.rstrip() for line in body.figure(handout.areas)]
    out += ["```", "", f"## {md_escape(sheet.both(STEPS_TITLE))}", ""]
    rows = []
    for number, step in enumerate(routine.steps, start=1):
        label = f"**{md_escape(w.step_label(step))}**"
        if step.name:
            label += f"<br>{md_escape(w.technique(step.technique))}"
        text = md_escape(step.instruction)
        if step.cue:
            text += f"<br>*{md_escape(w._(FEEL).format(cue=step.cue))}*"
        caution = _caution(step, w.lang)
        if caution:
            text += f"<br>**{md_escape(w._(CAUTION).format(caution=caution))}**"
        if alt is not None and a is not None:
            text += f"<br>*{md_escape(_step_text(alt.routine.steps[number - 1], a))}*"
        rows.append(
            (
                str(number),
                label,
                md_escape(w.area(step.area)),
                md_escape(w.side_short(step.side)),
                clock(step.seconds),
                text,
            )
        )
    heads = (N_("Step"), N_("Area"), N_("Side"), N_("Time"), N_("Instruction"))
    out += _md_table(("#", *(md_escape(sheet.both(head)) for head in heads)), rows)

    def items(firsts: tuple[str, ...], seconds: tuple[str, ...] | None) -> list[str]:
        return _md_list(sheet, firsts, seconds)

    out += ["", f"## {md_escape(sheet.both(STOP_TITLE))}", ""]
    out += items(safety.stop_on_pain, other.stop_on_pain if other else None)
    alt_flags = alt.red_flags if alt else (None,) * len(handout.red_flags)
    for flags, more in zip(handout.red_flags, alt_flags, strict=True):
        emergency = _emergency_title(flags.name, w)
        soon = _soon_title(flags.name, w)
        if more is not None and a is not None:
            emergency += " / " + _emergency_title(more.name, a)
            soon += " / " + _soon_title(more.name, a)
        out += ["", f"**{md_escape(emergency)}**", ""]
        out += items(flags.emergency, more.emergency if more else None)
        out += ["", f"**{md_escape(soon)}**", "", *items(flags.soon, more.soon if more else None)]

    out += ["", f"## {md_escape(sheet.both(SAFETY_TITLE))}", ""]
    out += items(safety.safety_rules, other.safety_rules if other else None)
    out += ["", f"## {md_escape(sheet.both(CONTRA_TITLE))}", ""]
    out += [md_escape(sheet.both(CONTRA_STOP, " ")), ""]
    out += items(safety.stop, other.stop if other else None)
    out += ["", md_escape(sheet.both(CONTRA_LOCAL, " ")), ""]
    out += items(safety.local, other.local if other else None)
    out += ["", md_escape(sheet.both(CONTRA_CAUTION, " ")), ""]
    out += items(safety.caution, other.caution if other else None)

    if handout.clearances:
        out += ["", f"## {md_escape(sheet.both(CLEARANCES_TITLE))}", ""]
        out += items(handout.clearances, alt.clearances if alt else None)

    out += ["", f"## {md_escape(sheet.both(LOG_TITLE))}", "", md_escape(w._(LOG_INTRO)), ""]
    out += second(a._(LOG_INTRO) if a else None)
    log = [(str(n), "", "☐", "", "", "") for n in range(1, handout.course.sessions + 1)]
    out += _md_table(("#", *(md_escape(sheet.both(head)) for head in LOG_HEADINGS)), log)
    out += ["", "---", "", f"*{md_escape(safety.disclaimer)}*", ""]
    out += second(other.disclaimer if other else None)
    out += [md_escape(_footer(sheet))]
    return "\n".join(out) + "\n"


def _md_table(headings: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    heads = list(headings)
    out = ["| " + " | ".join(heads) + " |", "|" + "|".join("---" for _ in heads) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def _md_list(sheet: Sheet, items: tuple[str, ...], seconds: tuple[str, ...] | None) -> list[str]:
    out = []
    for item, more in _pairs(sheet, items, seconds):
        line = f"- {md_escape(item)}"
        if more is not None:
            line += f" \\\n  *{md_escape(more)}*"  # a hard break, the item's second line
        out.append(line)
    return out


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
.alt { font-style: italic; font-weight: normal; font-size: 92%; }
h1 .alt, h2 .alt, h3 .alt, th .alt { font-size: 85%; }
/* A bilingual sheet holds every text twice: smaller type, and page 2's part follows the
   steps where they end instead of on a new sheet (three sides, not four). */
body.bilingual { font-size: 9pt; line-height: 1.12; }
body.bilingual .page2 { break-before: auto; }
body.bilingual .steps td { line-height: 1.08; }
body.bilingual .log td { height: 5mm; }
@media print {
  body { max-width: none; padding: 0; }
}
"""


def _html_list(sheet: Sheet, items: tuple[str, ...], seconds: tuple[str, ...] | None) -> str:
    return (
        "<ul>"
        + "".join(
            f"<li>{h(item)}{_alt(sheet, more)}</li>" for item, more in _pairs(sheet, items, seconds)
        )
        + "</ul>"
    )


def _alt(sheet: Sheet, text: str | None, lead: str = "<br>") -> str:
    """The second language's words, smaller and grey (nothing on a one-language sheet)."""
    if text is None or sheet.a is None:
        return ""
    return f'{lead}<span class="alt" lang="{sheet.a.lang}">{h(text)}</span>'


def _both_html(sheet: Sheet, msgid: str, lead: str = " ") -> str:
    """A heading or label: the paper's language, then the second one, secondary."""
    return h(sheet.w._(msgid)) + _alt(sheet, sheet.a._(msgid) if sheet.a else None, lead)


def to_html(handout: Handout) -> str:
    """One self-contained HTML page: inline CSS, no scripts, fonts, images or links.

    Page 1: the practice, who and what for, the course, the notes, the steps and the
    picture. Page 2: when to stop, red flags, contraindications, the session log. A
    bilingual sheet gives every text again in its second language, smaller and grey.
    """
    sheet = Sheet(handout)
    w, a, alt = sheet.w, sheet.a, sheet.alt
    routine = handout.routine
    safety = handout.safety
    other = alt.safety if alt else None
    parts: list[str] = []
    add = parts.append
    add("<!DOCTYPE html>")
    add(f'<html lang="{handout.lang}"><head><meta charset="utf-8">')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f"<title>{h(handout.title)}</title>")
    add(f"<style>{CSS}</style></head>")
    add('<body class="bilingual">' if alt is not None else "<body>")

    practice = handout.practice
    if practice.lines:
        name = " · ".join(h(v) for v in (practice.name, practice.therapist) if v)
        reach = " · ".join(h(v) for v in (practice.phone, practice.email, practice.web) if v)
        where = h(practice.address) if practice.address else ""
        add(f'<div class="letterhead"><div class="name">{name}</div>')
        add(f'<div class="contact">{"<br>".join(v for v in (where, reach) if v)}</div></div>')

    add(f"<h1>{h(handout.title)}{_alt(sheet, alt.title if alt else None, ' ')}</h1>")
    add('<div class="people">')
    for key, value in _people(sheet):
        add(f"<span><b>{h(key)}:</b>{h(value)}</span>")
    add("</div>")

    add('<div class="top"><div class="text">')
    add(f"<p>{h(routine.description)}{_alt(sheet, alt.routine.description if alt else None)}</p>")
    add(f'<h2>{_both_html(sheet, COURSE_TITLE)}</h2><p class="plan">')
    add("<br>".join(f"<b>{h(key)}:</b> {h(value)}" for key, value in _plan_rows(sheet)) + "</p>")
    if handout.light:
        add(f'<p class="light">{_both_html(sheet, LIGHT, "<br>")}</p>')
    if handout.notes:
        add(f'<h2>{_both_html(sheet, NOTES_TITLE)}</h2><div class="notes">{h(handout.notes)}</div>')
    add("</div>")
    figure = "\n".join(line.rstrip() for line in body.figure(handout.areas))
    shaded = sheet.pair(lambda x: x._("Shaded: {areas}").format(areas=x.areas(handout.areas)))
    add(f'<div class="figure"><div><pre aria-hidden="true">{html.escape(figure)}</pre>')
    add(f"{h(shaded)}</div>")
    if handout.qr_svg:
        scan = _both_html(sheet, N_("Scan to put the course in your calendar"), "<br>")
        add(f'<div class="qr">{handout.qr_svg}{scan}</div>')
    add("</div></div>")

    add(f'<h2>{_both_html(sheet, STEPS_TITLE)}</h2><table class="steps">')
    add(
        f"<thead><tr><th>#</th><th>{_both_html(sheet, N_('Step'))}</th>"
        f'<th class="t">{_both_html(sheet, N_("Time"), "<br>")}</th></tr></thead><tbody>'
    )
    for number, step in enumerate(routine.steps, start=1):
        where = (
            "" if step.side == "both" else f' <span class="meta">({h(w.side(step.side))})</span>'
        )
        text = f"<b>{h(w.step_label(step))}</b>{where}. {h(step.instruction)}"
        if step.cue:
            text += f' <span class="meta">{h(w._(FEEL).format(cue=step.cue))}</span>'
        caution = _caution(step, w.lang)
        if caution:
            text += f' <span class="caution">{h(w._(CAUTION).format(caution=caution))}</span>'
        if alt is not None and a is not None:
            text += _alt(sheet, _step_text(alt.routine.steps[number - 1], a))
        add(
            f'<tr><td class="n num">{number}</td><td>{text}</td>'
            f'<td class="t num">{clock(step.seconds)}</td></tr>'
        )
    add("</tbody></table>")

    add('<div class="page2">')
    add(f"<h2>{_both_html(sheet, BEFORE_TITLE)}</h2>")

    def position_line(x: Words, r: Routine) -> str:
        return x._("Position: {position}.").format(position=x.position(r.position))

    preparation = f" {h(routine.preparation)}" if routine.preparation else ""
    add(f"<p><b>{h(position_line(w, routine))}</b>{preparation}")
    if alt is not None and a is not None:
        again = position_line(a, alt.routine)
        add(_alt(sheet, f"{again} {alt.routine.preparation or ''}".strip()))
    add("</p>")
    add(f"<h2>{_both_html(sheet, STOP_TITLE)}</h2>")
    add(_html_list(sheet, safety.stop_on_pain, other.stop_on_pain if other else None))
    if handout.red_flags:
        add('<div class="cols">')
        alt_flags = alt.red_flags if alt else (None,) * len(handout.red_flags)
        for flags, more in zip(handout.red_flags, alt_flags, strict=True):
            for title, items, again_title, more_items in (
                (
                    _emergency_title(flags.name, w),
                    flags.emergency,
                    _emergency_title(more.name, a) if more and a else None,
                    more.emergency if more else None,
                ),
                (
                    _soon_title(flags.name, w),
                    flags.soon,
                    _soon_title(more.name, a) if more and a else None,
                    more.soon if more else None,
                ),
            ):
                add(
                    f"<div><h3>{h(title)}{_alt(sheet, again_title, ' ')}</h3>"
                    f"{_html_list(sheet, items, more_items)}</div>"
                )
        add("</div>")

    add(f"<h2>{_both_html(sheet, CONTRA_TITLE)}</h2>")
    add('<div class="cols">')
    for title, items, more_items in (
        (CONTRA_STOP, safety.stop, other.stop if other else None),
        (CONTRA_LOCAL, safety.local, other.local if other else None),
        (CONTRA_CAUTION, safety.caution, other.caution if other else None),
    ):
        add(f"<div><h3>{_both_html(sheet, title)}</h3>{_html_list(sheet, items, more_items)}</div>")
    rules = _html_list(sheet, safety.safety_rules, other.safety_rules if other else None)
    add(f"<div><h3>{_both_html(sheet, SAFETY_TITLE)}</h3>{rules}</div>")
    add("</div>")

    if handout.clearances:
        cleared = _html_list(sheet, handout.clearances, alt.clearances if alt else None)
        add(f"<h2>{_both_html(sheet, CLEARANCES_TITLE)}</h2>{cleared}")

    add(f"<h2>{_both_html(sheet, LOG_TITLE)}</h2><p>{_both_html(sheet, LOG_INTRO, '<br>')}</p>")
    # Two tables side by side: a 15-session log fits half a page.
    sessions = handout.course.sessions
    half = (sessions + 1) // 2 if sessions > LOG_ONE_TABLE else sessions
    add('<div class="logs">')
    heads = ("#", *(_both_html(sheet, head, "<br>") for head in LOG_HTML_HEADINGS))
    for first, last in ((1, half), (half + 1, sessions)):
        if first > last:
            continue
        add('<table class="log"><thead><tr>')
        add("".join(f'<th class="c{i}">{head}</th>' for i, head in enumerate(heads)))
        add("</tr></thead><tbody>")
        for number in range(first, last + 1):
            add(
                f'<tr><td class="n num">{number}</td><td></td><td><span class="box"></span></td>'
                "<td></td><td></td><td></td></tr>"
            )
        add("</tbody></table>")
    add("</div>")
    disclaimer = _alt(sheet, other.disclaimer if other else None)
    add(f'<p class="disclaimer">{h(safety.disclaimer)}{disclaimer}</p>')
    add(f'<div class="footer">{h(_footer(sheet))}</div>')
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
                _("--format must be one of {choices}, got '{fmt}'").format(
                    choices=", ".join(FORMATS), fmt=fmt
                )
                + did_you_mean(fmt, FORMATS)
            )
        return fmt
    if output is None:
        return "text"
    suffix = "." + output.rsplit(".", 1)[-1].lower() if "." in output.rsplit("/", 1)[-1] else ""
    if suffix not in EXTENSIONS:
        if suffix:
            problem = _("-o {output}: '{suffix}' does not say which format to write")
        else:
            problem = _("-o {output}: no extension does not say which format to write")
        raise SelfMassageError(
            problem.format(output=output, suffix=suffix),
            hint=_(
                "end the name in .txt, .md, .html, .htm or .pdf, or add --format {formats}"
            ).format(formats="|".join(FORMATS)),
        )
    return EXTENSIONS[suffix]


def render(handout: Handout, fmt: str) -> str:
    """The handout as ``text``, ``markdown`` or ``html`` (a PDF is the HTML, printed)."""
    renderers = {"text": to_text, "markdown": to_markdown, "html": to_html}
    if fmt not in renderers:
        raise SelfMassageError(
            _("--format must be one of {choices}, got '{fmt}'").format(
                choices=", ".join(renderers), fmt=fmt
            )
            + did_you_mean(fmt, renderers)
        )
    return renderers[fmt](handout)
