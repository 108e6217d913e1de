"""How durations read on screen, in plain lines and on handouts."""

from __future__ import annotations

import pytest

from selfmassage.handout.words import Words
from selfmassage.text import duration, stamp


@pytest.mark.parametrize(("seconds", "shown"), [(0, "0:00"), (90, "1:30"), (725, "12:05")])
def test_a_duration_reads_as_minutes_and_padded_seconds(seconds: int, shown: str) -> None:
    assert duration(seconds) == shown


def test_a_plain_line_stamp_pads_the_minutes_and_drops_fractions() -> None:
    assert stamp(150.9) == "02:30"


@pytest.mark.parametrize(
    ("seconds", "shown"), [(705, "11 min 45 s"), (600, "10 min"), (45, "45 s")]
)
def test_a_handout_spells_minutes_and_seconds(seconds: int, shown: str) -> None:
    assert Words("en").duration(seconds) == shown
