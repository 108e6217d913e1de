"""Machine-readable output: JSON on stdout, UTF-8, stable key order."""

from __future__ import annotations

import sys
from typing import Any


def emit_json(data: Any) -> None:
    import json

    from selfmassage.text import json_safe

    # DEL and C1 controls from users' text would reach a terminal raw: escaped as JSON does.
    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")
