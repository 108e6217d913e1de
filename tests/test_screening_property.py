"""Properties of the safety gate over random answers, clearances, holds and pain histories.

Whatever the answers, clearances, holds and journal: no session starts past an
emergency, an unexpired hold, a stop answer about today, a paused course, or a dose
limit without the person's confirmation; and a cleared answer counts as caution,
never as clear (shared/clinical.md §1a, §1b, §5, §6a, §6b).
"""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfmassage.context import Context
from selfmassage.errors import SessionRefused
from selfmassage.journal.trend import Rated, pain_trend
from selfmassage.paths import Paths
from selfmassage.routines.catalog import load_catalog
from selfmassage.routines.model import AREAS, UNTOUCHED_AREAS
from selfmassage.screening.flow import clear, screening_state
from selfmassage.screening.questions import load_questionnaire
from selfmassage.screening.saved import SavedScreening, save_screening
from selfmassage.screening.standing import (
    DoctorClearance,
    Hold,
    cleared_questions,
    standing_questions,
)
from selfmassage.screening.verdict import evaluate
from sessionkit import FakeClock

QUESTIONS = load_questionnaire()
IDS = [q.id for q in QUESTIONS]
BY_ID = {q.id: q for q in QUESTIONS}
CLEARABLE = [q.id for q in QUESTIONS if q.clearable]
CATALOG = load_catalog()
ROUTINES = CATALOG.ids()
BODY = sorted(a for a in AREAS if a not in UNTOUCHED_AREAS)
TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 16, 18, 0, tzinfo=TZ)
TODAY = NOW.date()

clearances = st.lists(
    st.tuples(st.sampled_from(CLEARABLE), st.integers(-400, 0), st.integers(0, 400)),
    max_size=4,
).map(
    lambda found: tuple(
        DoctorClearance(
            f"c{i + 1}", qid, TODAY + timedelta(days=ago), TODAY + timedelta(days=ago + length)
        )
        for i, (qid, ago, length) in enumerate(found)
    )
)
holds = st.lists(
    st.tuples(st.sets(st.sampled_from(BODY), min_size=1), st.booleans(), st.sampled_from(ROUTINES)),
    max_size=2,
).map(
    lambda found: tuple(
        Hold(f"h{i + 1}", NOW - timedelta(days=1), routine, tuple(sorted(areas)), everything)
        for i, (areas, everything, routine) in enumerate(found)
    )
)
pain = st.integers(0, 10)
histories = st.lists(
    st.tuples(st.integers(1, 20), st.sampled_from(["completed", "stopped_for_pain"]), pain, pain),
    max_size=4,
)


def _emergency_or_today(qid: str, cleared: set[str]) -> bool:
    """A "yes" that must refuse every session, whatever else."""
    q = BY_ID[qid]
    if q.tier == "urgent":
        return qid not in cleared
    return q.tier == "stop" and (q.every_session or qid not in cleared)


@settings(max_examples=400, deadline=None)
@given(yes=st.sets(st.sampled_from(IDS)), clearances=clearances, holds=holds)
def test_the_verdict_never_allows_past_an_emergency_a_hold_or_today_and_cleared_is_caution(
    yes: set[str], clearances: tuple[DoctorClearance, ...], holds: tuple[Hold, ...]
) -> None:
    answers = {qid: qid in yes for qid in IDS}
    valid = {c.question for c in clearances if c.valid(TODAY)}
    questions = cleared_questions(QUESTIONS, clearances, TODAY)
    standing = standing_questions(holds, (), clearances, TODAY)
    verdict = evaluate(answers, questions, CATALOG, standing)
    for rid in ROUTINES:
        routine = CATALOG.routines[rid]
        starts = not verdict.refused and verdict.left_out(routine) is None
        if any(_emergency_or_today(qid, valid) for qid in yes):
            assert not starts
        for hold in holds:
            if hold.everything or set(hold.areas) & routine.areas:
                assert not starts
    for qid in yes & valid:
        assert verdict.caution
        assert verdict.verdict != "clear"
        cause = next(q for q in verdict.causes if q.id == qid)
        assert cause.tier == "caution"


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    yes=st.sets(st.sampled_from(IDS), max_size=3),
    clearances=clearances,
    holds=holds,
    history=histories,
    earlier_today=st.booleans(),
    routine=st.sampled_from(ROUTINES),
    answered_now=st.booleans(),
)
def test_no_session_starts_without_a_terminal_past_any_limit(
    yes: set[str],
    clearances: tuple[DoctorClearance, ...],
    holds: tuple[Hold, ...],
    history: list[tuple[int, str, int, int]],
    earlier_today: bool,
    routine: str,
    answered_now: bool,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        ctx = Context(paths=Paths.under(Path(folder)), clock=FakeClock(wall=NOW))
        checked = NOW - timedelta(minutes=1 if answered_now else 120)
        save_screening(
            SavedScreening(
                {qid: qid in yes for qid in IDS},
                "clear",
                NOW - timedelta(days=1),
                checked,
                clearances=clearances,
                holds=holds,
            ),
            ctx.paths.screening_file,
        )
        chosen = CATALOG.routines[routine]
        rated: list[Rated] = []
        with ctx.journal() as journal:
            days = [(days_ago, o, b, a) for days_ago, o, b, a in history]
            if earlier_today:
                days.append((0, "completed", 1, 1))
            for days_ago, outcome, before, after in sorted(days, reverse=True):
                start = NOW - timedelta(days=days_ago, hours=1)
                sid = journal.begin_session(
                    chosen, started_at=start, verdict="clear", pain_before=before
                )
                journal.finish_session(
                    sid,
                    ended_at=start + timedelta(minutes=10),
                    outcome=outcome,
                    actual_seconds=600,
                    paused_seconds=0,
                    pain_after=after,
                    pain_where=None,
                    note=None,
                )
                rated.insert(0, Rated(start.date(), outcome, before, after))
        valid = {c.question for c in clearances if c.valid(TODAY)}
        try:
            clearance = clear(ctx, screening_state(ctx, warn=lambda _: None), routine, minutes=None)
        except SessionRefused:
            return
        # It started: so nothing that forbids it can be true.
        assert answered_now  # the questions about now were answered for this session
        assert not any(_emergency_or_today(qid, valid) for qid in yes)
        assert not any(h.everything or set(h.areas) & chosen.areas for h in holds)
        assert pain_trend(routine, rated, TODAY) is None
        assert not earlier_today  # a second session today needs a terminal's yes
        assert not clearance.caution  # caution (a cleared answer too) needs a terminal's yes
        assert not yes & valid
