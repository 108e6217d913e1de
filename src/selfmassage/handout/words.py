"""The words paper prints, in one language named by the caller, whatever the run's language.

A handout may be in another language than the interface (``print --lang uk``), and a
bilingual one is in two at once, so nothing here reads the run's language: a ``Words``
asks its own catalog (``i18n.translator``) and is handed to the renderers. The
handout, the report, the prescription lines and the calendar event's text share it, so a
course, an area or a date reads the same on each.
"""

from __future__ import annotations

from datetime import date

from selfmassage import i18n
from selfmassage.i18n import pgettext_noop
from selfmassage.routines.model import (
    Course,
    Step,
    area_label,
    often_words,
    position_label,
    side_label,
    technique_label,
)

# A side beside an area in a sentence ("both sides", "left side"); alone in a narrow
# column a side is ``routines.model.side_label``'s word.
SIDE_WORDS = {
    "both": pgettext_noop("side", "both sides"),
    "left": pgettext_noop("side", "left side"),
    "right": pgettext_noop("side", "right side"),
}
# A month in a short date (``Mon 23 Nov 2026``): in ru and uk the usual abbreviations of
# the genitive a date takes (``23 нояб. 2026``, ``23 лист. 2026``).
SHORT_MONTHS = (
    pgettext_noop("short month", "Jan"),
    pgettext_noop("short month", "Feb"),
    pgettext_noop("short month", "Mar"),
    pgettext_noop("short month", "Apr"),
    pgettext_noop("short month", "May"),
    pgettext_noop("short month", "Jun"),
    pgettext_noop("short month", "Jul"),
    pgettext_noop("short month", "Aug"),
    pgettext_noop("short month", "Sep"),
    pgettext_noop("short month", "Oct"),
    pgettext_noop("short month", "Nov"),
    pgettext_noop("short month", "Dec"),
)


class Words:
    """The catalog of one language, and the paper's words built from it."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._t = i18n.translator(lang)

    def _(self, msgid: str) -> str:
        """``msgid`` in this language."""
        return self._t.gettext(msgid)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of a message for ``n`` by this language's plural rule."""
        return self._t.ngettext(singular, plural, n)

    def pgettext(self, context: str, msgid: str) -> str:
        """``msgid`` with ``context`` in this language."""
        return self._t.pgettext(context, msgid)

    # -- the routine's ids -------------------------------------------------------------

    def area(self, area: str) -> str:
        """``neck and shoulders``, ``шея и плечи``; an id we do not know as it is."""
        return area_label(area, self.lang)

    def areas(self, areas: tuple[str, ...]) -> str:
        """The areas a routine works, in a list; the whole body when it names none."""
        if not areas:
            return self._("the whole body")
        return ", ".join(self.area(a) for a in areas)

    def side(self, side: str) -> str:
        """``both sides``, ``left side``."""
        found = SIDE_WORDS.get(side)
        return self._t.pgettext(*found) if found else side

    def side_short(self, side: str) -> str:
        """``both``, ``left``: a side in a narrow column."""
        return side_label(side, self.lang)

    def position(self, position: str) -> str:
        """``sitting``, ``сидя``, ``сидячи``."""
        return position_label(position, self.lang)

    def technique(self, technique: str) -> str:
        """A technique's name, lower case."""
        return technique_label(technique, self.lang)

    def step_label(self, step: Step) -> str:
        """What a step is called: its name, or its technique with a capital."""
        if step.name:
            return step.name
        label = self.technique(step.technique)
        return label[:1].upper() + label[1:]

    # -- courses -----------------------------------------------------------------------

    def often(self, frequency: str) -> str:
        """``daily``, ``every other day``, ``weekly``, ``3 times a week``."""
        return often_words(frequency, self.lang)

    def sessions(self, n: int) -> str:
        """``1 session``, ``10 sessions``; ``21 сеанс``, ``10 сеансов``."""
        return self.ngettext("{n} session", "{n} sessions", n).format(n=n)

    def steps(self, n: int) -> str:
        """``1 step``, ``12 steps``."""
        return self.ngettext("{n} step", "{n} steps", n).format(n=n)

    def days(self, n: int) -> str:
        """``1 day``, ``10 days``."""
        return self.ngettext("{n} day", "{n} days", n).format(n=n)

    def course(self, course: Course) -> str:
        """``10 sessions, daily; then a 10-day break before repeating``."""
        return course.describe(self.lang)

    # -- time, dates and numbers -------------------------------------------------------

    def duration(self, seconds: int) -> str:
        """``11 min 45 s``, ``10 min``, ``45 s`` (the units are short in every language)."""
        minutes, secs = divmod(seconds, 60)
        if minutes and secs:
            return self._("{minutes} min {seconds} s").format(minutes=minutes, seconds=secs)
        if minutes:
            return self._("{minutes} min").format(minutes=minutes)
        return self._("{seconds} s").format(seconds=secs)

    def short_month(self, month: int) -> str:
        """``Nov``, ``нояб.``, ``лист.``."""
        return self._t.pgettext(*SHORT_MONTHS[month - 1])

    def day(self, day: date) -> str:
        """A date as paper gives it: ``Mon 23 Nov 2026``, ``пн 23 нояб. 2026``."""
        return self._("{weekday} {day} {month} {year}").format(
            weekday=i18n.short_weekdays(self.lang)[day.weekday()],
            day=day.day,
            month=self.short_month(day.month),
            year=day.year,
        )

    def day_month(self, day: date) -> str:
        """``23 Nov``, ``23 нояб.``: a week's Monday on a chart."""
        return self._("{day} {month}").format(day=day.day, month=self.short_month(day.month))

    def month_year(self, day: date) -> str:
        """``Nov 2026``: a chart's label when each bar is many weeks."""
        return self._("{month} {year}").format(month=self.short_month(day.month), year=day.year)

    def number(self, value: float, digits: int = 1) -> str:
        """``2.5``; ``2,5`` in Russian and Ukrainian."""
        return i18n.number(value, digits, self.lang)
