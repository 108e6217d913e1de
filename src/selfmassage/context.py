"""The context of one run: the clock, the folders, and what is loaded from them, once.

The CLI builds one ``Context`` per run (tests build one with a fake clock and a
temporary home) and hands it to the flows. Settings, the routine catalog and the
questionnaire are read on first use and kept, so a run never parses a file twice;
the catalog, the questionnaire and the handout's safety wording in the run's
``language``, chosen once at the edge (``i18n.choose_language``).
Only the flows and the face import this module; the domain below never does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from selfmassage.clock import Clock, SystemClock
from selfmassage.i18n import ENGLISH, _, current, use
from selfmassage.paths import Paths

if TYPE_CHECKING:
    from collections.abc import Callable

    from selfmassage.files.settings import Settings
    from selfmassage.handout.build import Safety
    from selfmassage.journal.store import Journal
    from selfmassage.routines.catalog import Catalog
    from selfmassage.routines.model import Routine
    from selfmassage.screening.questions import Question


T = TypeVar("T")


@dataclass
class Context:
    """Everything a flow needs from the world, built once per run."""

    paths: Paths
    clock: Clock = field(default_factory=SystemClock)
    language: str = ENGLISH  # of the interface and the content; one of i18n.LANGUAGES

    @classmethod
    def from_env(cls, language: str = ENGLISH) -> Context:
        """The real machine: ``SELFMASSAGE_HOME`` or the platform's folders, the system clock;
        ``language`` as the edge chose it (``i18n.choose_language``)."""
        return cls(paths=Paths.from_env(translate=_), language=language)

    @cached_property
    def settings(self) -> Settings:
        from selfmassage.files.settings import load_settings

        return load_settings(self.paths.settings_file)

    @cached_property
    def catalog(self) -> Catalog:
        from selfmassage.paths import bundled_routines_dir
        from selfmassage.routines.catalog import load_catalog

        return load_catalog(
            bundled_routines_dir(), self.paths.user_routines_dir, language=self.language
        )

    @cached_property
    def questionnaire(self) -> tuple[Question, ...]:
        from selfmassage.screening.questions import load_questionnaire

        return load_questionnaire(language=self.language)

    def safety(self, language: str | None = None) -> Safety:
        """The handout's safety wording, in the run's language or the one a handout asks
        for (``print --lang``); each read once."""
        from selfmassage.handout.build import SAFETY_FILE, load_safety

        return load_safety(SAFETY_FILE, language or self.language)

    def routine(self, name: str) -> Routine:
        """A routine by id from the catalog, or from a ``.toml`` file the user names; in
        the run's language where it has that translation."""
        from selfmassage.routines.catalog import load_routine_file, names_a_file

        if names_a_file(name):
            from pathlib import Path

            return load_routine_file(Path(name).expanduser(), "file", self.language)
        return self.catalog.find(name)

    def journal(self) -> Journal:
        """The journal, created if there is none yet: for commands that write."""
        from selfmassage.journal.store import Journal

        return Journal.open(self.paths.journal_file, clock=self.clock.now)

    def existing_journal(self) -> Journal | None:
        """The journal if there is one: reading commands never create an empty database."""
        if not self.paths.journal_file.exists():
            return None
        return self.journal()

    def for_machines(self, compute: Callable[[Context], T]) -> T:
        """``compute`` on this run's files with the content and the messages in English:
        machine output (``--json``) is the same, byte for byte, in every language.

        Run it after the run's own work in its language, so that errors, asked for or
        not, are said in the person's language first.
        """
        if self.language == ENGLISH:
            return compute(self)
        english = Context(paths=self.paths, clock=self.clock, language=ENGLISH)
        spoken = current()
        use(ENGLISH)
        try:
            return compute(english)
        finally:
            use(spoken)
