"""User settings from ``settings.toml`` in the config folder; every key optional.

```toml
screening_valid_days = 7   # how long lasting screening answers stay valid
bell = true                # ring the terminal bell at each step change
speak = false              # say the steps aloud, as `start --speak` does
```
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from selfmassage.files import tomlcheck

KEYS = ("screening_valid_days", "bell", "speak")


@dataclass(frozen=True)
class Settings:
    screening_valid_days: int = 7
    bell: bool = True
    speak: bool = False


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
    check.raise_if_any()
    defaults = Settings()
    return Settings(
        screening_valid_days=defaults.screening_valid_days if days is None else days,
        bell=defaults.bell if bell is None else bool(bell),
        speak=defaults.speak if speak is None else bool(speak),
    )
