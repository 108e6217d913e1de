"""Machine-readable output: JSON on stdout, UTF-8, stable key order."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any


def emit_json(data: Any) -> None:
    """``data`` as indented JSON on stdout."""
    import json

    from selfmassage.text import json_safe

    # DEL and C1 controls from users' text would reach a terminal raw: escaped as JSON does.
    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def write_pieces(pieces: Iterable[str]) -> None:
    """Text on stdout as it is made, piece by piece: a bulk listing is never held whole."""
    out = sys.stdout
    for piece in pieces:
        out.write(piece)
    out.flush()
