"""The context of one run: the clock, the folders, and what is loaded from them, once.

The CLI builds one ``Context`` per run (tests build one with a fake clock and a
temporary home) and hands it to the flows. Settings, the routine catalog and the
questionnaire are read on first use and kept, so a run never parses a file twice.
Only the flows and the face import this module; the domain below never does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from selfmassage.clock import Clock, SystemClock
from selfmassage.paths import Paths

if TYPE_CHECKING:
    from selfmassage.files.settings import Settings
    from selfmassage.journal.store import Journal
    from selfmassage.routines.catalog import Catalog
    from selfmassage.routines.model import Routine
    from selfmassage.screening.questions import Question


@dataclass
class Context:
    """Everything a flow needs from the world, built once per run."""

    paths: Paths
    clock: Clock = field(default_factory=SystemClock)

    @classmethod
    def from_env(cls) -> Context:
        """The real machine: ``SELFMASSAGE_HOME`` or the platform's folders, the system clock."""
        return cls(paths=Paths.from_env())

    @cached_property
    def settings(self) -> Settings:
        from selfmassage.files.settings import load_settings

        return load_settings(self.paths.settings_file)

    @cached_property
    def catalog(self) -> Catalog:
        from selfmassage.paths import bundled_routines_dir
        from selfmassage.routines.catalog import load_catalog

        return load_catalog(bundled_routines_dir(), self.paths.user_routines_dir)

    @cached_property
    def questionnaire(self) -> tuple[Question, ...]:
        from selfmassage.screening.questions import load_questionnaire

        return load_questionnaire()

    def routine(self, name: str) -> Routine:
        """A routine by id from the catalog, or from a ``.toml`` file the user names."""
        from selfmassage.routines.catalog import load_routine_file, names_a_file

        if names_a_file(name):
            from pathlib import Path

            return load_routine_file(Path(name).expanduser(), "file")
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
