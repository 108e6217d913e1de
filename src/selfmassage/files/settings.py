"""User settings from ``settings.toml`` in the config folder; every key optional.

```toml
screening_valid_days = 7   # how long lasting screening answers stay valid
bell = true                # ring the terminal bell at each step change
speak = false              # say the steps aloud, as `start --speak` does
language = "uk"            # en, ru or uk; below --lang and SELFMASSAGE_LANG, above the locale

[practice]                 # printed in the header and footer of handouts and reports
name = "Riverside Physiotherapy"
therapist = "Dr Maria Weber"
address = "12 River Street, Springfield"
phone = "+1 555 0100"
email = "desk@riverside.example"
web = "riverside.example"
```
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from selfmassage.files import tomlcheck
from selfmassage.i18n import LANGUAGES

KEYS = ("screening_valid_days", "bell", "speak", "language", "practice")
PRACTICE_KEYS = ("name", "therapist", "address", "phone", "email", "web")


@dataclass(frozen=True)
class Practice:
    """The therapist's practice, as handouts and reports print it; every line optional."""

    name: str | None = None
    therapist: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    web: str | None = None

    @property
    def lines(self) -> tuple[str, ...]:
        """What is set, in the order a letterhead gives it."""
        return tuple(v for v in (self.name, self.therapist, self.address) if v) + tuple(
            v for v in (self.phone, self.email, self.web) if v
        )


@dataclass(frozen=True)
class Settings:
    screening_valid_days: int = 7
    bell: bool = True
    speak: bool = False
    language: str | None = None  # None: the locale's (i18n.choose_language)
    practice: Practice = Practice()


def load_settings(path: Path) -> Settings:
    """The user's settings, defaults for what is missing; an invalid file is an ``InvalidFile``."""
    if not path.is_file():
        return Settings()
    data, check = tomlcheck.parse(tomlcheck.read_text(path), path)
    check.unknown_keys(data, KEYS, where=tomlcheck.TOP)
    days = check.whole_number(
        data, "screening_valid_days", where=tomlcheck.TOP, required=False, maximum=90
    )
    bell = check.get(data, "bell", bool, where=tomlcheck.TOP, required=False)
    speak = check.get(data, "speak", bool, where=tomlcheck.TOP, required=False)
    language = check.choice(data, "language", LANGUAGES, where=tomlcheck.TOP, required=False)
    practice = _practice(data, check)
    check.raise_if_any()
    defaults = Settings()
    return Settings(
        screening_valid_days=defaults.screening_valid_days if days is None else days,
        bell=defaults.bell if bell is None else bool(bell),
        speak=defaults.speak if speak is None else bool(speak),
        language=language,
        practice=practice,
    )


def _practice(data: dict[str, object], check: tomlcheck.Checker) -> Practice:
    table = check.get(data, "practice", dict, where=tomlcheck.TOP, required=False)
    if table is None:
        return Practice()
    where: tomlcheck.Where = ("practice", 0)
    check.unknown_keys(table, PRACTICE_KEYS, where=where, place="[practice]")
    # One line each on paper: runs of whitespace, newlines too, become one space.
    values = {
        key: " ".join(text.split()) or None
        for key in PRACTICE_KEYS
        if (text := check.text(table, key, where=where, place="[practice]", required=False))
    }
    return Practice(**values)
