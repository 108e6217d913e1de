"""The one way selfmassage reports what is wrong with a file a person gave it.

Every validator (routine and settings TOML, answers, the saved screening, the
handout text, journal imports) collects its problems here and raises them all at
once as one ``InvalidFile``: each problem is a line that names the file, the place
and what is wrong, so a file can be fixed in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from selfmassage.errors import InvalidFile


@dataclass
class Problems:
    """Problems found in one file; past ``limit`` they are counted, not listed."""

    path: Path
    limit: int | None = None
    items: list[str] = field(default_factory=list)
    total: int = 0

    def add(self, message: str, *, location: str | None = None) -> None:
        """Record a problem at ``location`` (``path:line``, ``session 3``...); the path if None."""
        self.total += 1
        if self.limit is None or len(self.items) < self.limit:
            where = location if location is not None else str(self.path)
            self.items.append(f"{where}: {message}")

    def __bool__(self) -> bool:
        return self.total > 0

    def raise_if_any(self, hint: str | None = None) -> None:
        """Raise every problem as one ``InvalidFile``, with ``hint`` under it."""
        if not self.total:
            return
        items = list(self.items)
        if self.total > len(items):
            items.append(f"... and {self.total - len(items)} more problem(s)")
        error = InvalidFile(items)
        error.hint = hint
        raise error
