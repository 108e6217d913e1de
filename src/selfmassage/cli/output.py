"""Machine-readable output: JSON on stdout, UTF-8, stable key order."""

from __future__ import annotations

import sys
from typing import Any


def emit_json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
