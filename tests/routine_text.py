"""A small valid routine file for tests, with known line numbers."""

from __future__ import annotations

# Line numbers matter: error messages name them.
#  1 id, 2 title, 3 description, 4 area, 5 position, 6 indications,
#  8 [course], 9 sessions, 10 frequency, 11 break_days,
#  13 [[steps]], 14 technique, 15 area, 16 seconds, 17 instruction,
#  19 [[steps]], 20 technique, 21 area, 22 side, 23 seconds, 24 instruction
VALID = """\
id = "test"
title = "Test routine"
description = "A routine for tests."
area = "neck"
position = "sitting"
indications = ["testing"]

[course]
sessions = 10
frequency = "daily"
break_days = 10

[[steps]]
technique = "stroking"
area = "neck-shoulders"
seconds = 60
instruction = "Stroke the back of the neck."

[[steps]]
technique = "kneading"
area = "upper-back"
side = "left"
seconds = 30
instruction = "Knead the left shoulder blade."
"""


# The closing stroking (clinical.md §3): with it a routine draws no clinical warning.
CLOSING = """
[[steps]]
technique = "stroking"
area = "neck-shoulders"
seconds = 30
instruction = "Stroke the back of the neck again, more lightly."
"""


def routine_text(routine_id: str = "test", title: str = "Test routine") -> str:
    """The valid routine with another id and title, and a closing stroking."""
    return (
        VALID.replace('id = "test"', f'id = "{routine_id}"').replace(
            'title = "Test routine"', f'title = "{title}"'
        )
        + CLOSING
    )


def step(
    technique: str,
    seconds: int,
    instruction: str,
    *,
    area: str = "neck-shoulders",
    side: str | None = None,
    tempo: int | None = None,
) -> str:
    """One ``[[steps]]`` table's keys, in the order routine files write them."""
    lines = [f'technique = "{technique}"', f'area = "{area}"']
    if side is not None:
        lines.append(f'side = "{side}"')
    lines.append(f"seconds = {seconds}")
    if tempo is not None:
        lines.append(f"tempo = {tempo}")
    lines.append(f'instruction = "{instruction}"')
    return "\n".join(lines) + "\n"


def routine_file(
    *steps: str, routine_id: str = "tiny", title: str = "Tiny", description: str = "Short steps."
) -> str:
    """A valid routine file: a collar-zone header, a 10-session daily course, then ``steps``."""
    head = (
        f'id = "{routine_id}"\ntitle = "{title}"\ndescription = "{description}"\n'
        'area = "collar zone"\nposition = "sitting"\nindications = ["tests"]\n\n'
        '[course]\nsessions = 10\nfrequency = "daily"\nbreak_days = 10\n'
    )
    return head + "".join(f"\n[[steps]]\n{body}" for body in steps)
