"""The session state machine, driven by a fake clock: what happens when, and the time kept."""

from __future__ import annotations

import pytest

from selfmassage.session.state import Session
from sessionkit import FakeClock, make_routine


def started(*seconds: int, ready: int = 3) -> tuple[Session, FakeClock]:
    clock = FakeClock()
    session = Session(make_routine(*seconds), clock, ready_seconds=ready)
    session.start()
    return session, clock


def kinds(events: list) -> list[tuple[str, int]]:
    return [(e.kind, e.index) for e in events]


def test_the_get_ready_countdown_lasts_three_seconds_before_the_first_step() -> None:
    session, clock = started(10)
    clock.advance(2.9)
    assert session.tick() == []
    assert session.view().phase == "ready"
    clock.advance(0.1)
    assert kinds(session.tick()) == [("step_started", 0)]


def test_steps_follow_each_other_at_their_deadlines() -> None:
    session, clock = started(10, 20, ready=0)
    clock.advance(10)
    assert kinds(session.tick()) == [("step_ended", 0), ("step_started", 1)]
    clock.advance(20)
    assert kinds(session.tick()) == [("step_ended", 1), ("finished", 1)]
    assert session.outcome == "completed"


def test_a_late_wake_does_not_shift_later_deadlines() -> None:
    session, clock = started(10, 20, ready=0)
    clock.advance(10.7)  # woke 0.7 s late
    session.tick()
    assert session.deadline() == pytest.approx(clock.seconds - 0.7 + 20)


def test_a_clock_jump_past_several_deadlines_ends_each_step() -> None:
    session, clock = started(5, 5, 5, ready=0)
    clock.advance(100)
    events = session.tick()
    assert [e.kind for e in events].count("step_ended") == 3
    assert session.finished
    assert session.actual_seconds == 15


def test_a_completed_routine_accounts_exactly_its_planned_time() -> None:
    session, clock = started(30, 45, 60)
    clock.advance(3 + 135)
    session.tick()
    assert session.actual_seconds == 135
    assert session.paused_seconds == 0
    assert [(r.seconds_done, r.completed) for r in session.results.values()] == [
        (30, True),
        (45, True),
        (60, True),
    ]


def test_pause_stops_the_countdown_and_excludes_the_pause_exactly() -> None:
    session, clock = started(60, ready=0)
    clock.advance(10)
    session.pause()
    clock.advance(25)
    session.tick()
    view = session.view()
    assert view.paused
    assert view.remaining == 50
    session.resume()
    assert session.deadline() == clock.seconds + 50
    clock.advance(50)
    session.tick()
    assert session.finished
    assert session.actual_seconds == 60
    assert session.paused_seconds == 25


def test_nothing_moves_while_paused() -> None:
    session, clock = started(60, ready=0)
    clock.advance(12.5)
    session.pause()
    first = session.view()
    clock.advance(300)
    assert session.tick() == []
    assert session.view() == first
    assert session.deadline() is None


def test_pausing_during_get_ready_holds_the_countdown() -> None:
    session, clock = started(10)
    clock.advance(1)
    session.pause()
    clock.advance(9)
    session.resume()
    clock.advance(1.9)
    assert session.view().phase == "ready"
    clock.advance(0.1)
    assert kinds(session.tick()) == [("step_started", 0)]
    assert session.paused_seconds == 9


def test_next_skips_the_rest_of_the_step_and_records_the_time_done() -> None:
    session, clock = started(60, 30, ready=0)
    clock.advance(12)
    events = session.next()
    assert kinds(events) == [("step_ended", 0), ("step_started", 1)]
    result = events[0].result
    assert (result.seconds_done, result.completed, result.skipped) == (12, False, True)
    assert session.deadline() == clock.seconds + 30


def test_next_during_get_ready_starts_the_first_step_at_once() -> None:
    session, clock = started(10)
    clock.advance(1)
    assert kinds(session.next()) == [("step_started", 0)]
    assert session.deadline() == clock.seconds + 10


def test_next_on_the_last_step_completes_the_routine() -> None:
    session, clock = started(10, ready=0)
    clock.advance(4)
    assert kinds(session.next()) == [("step_ended", 0), ("finished", 0)]
    assert session.outcome == "completed"
    assert session.actual_seconds == 4


def test_next_while_paused_counts_the_pause_and_not_as_work() -> None:
    session, clock = started(60, 30, ready=0)
    clock.advance(10)
    session.pause()
    clock.advance(5)
    events = session.next()
    assert events[0].result.seconds_done == 10
    assert session.paused_seconds == 5
    assert not session.paused


def test_back_restarts_the_previous_step_in_full() -> None:
    session, clock = started(20, 30, ready=0)
    clock.advance(20 + 7)
    session.tick()
    events = session.back()
    assert kinds(events) == [("step_started", 0)]
    assert session.view().remaining == 20
    assert session.actual_seconds == 27


def test_back_on_the_first_step_restarts_it() -> None:
    session, clock = started(20, 30, ready=0)
    clock.advance(8)
    session.back()
    assert session.index == 0
    assert session.view().remaining == 20


def test_a_step_played_again_after_back_is_recorded_once() -> None:
    session, clock = started(10, 10, ready=0)
    clock.advance(13)
    session.tick()
    session.back()
    clock.advance(10 + 10)
    session.tick()
    assert sorted(session.results) == [0, 1]
    assert session.results[1].seconds_done == 10
    assert session.actual_seconds == 33


def test_pain_stop_ends_at_once_and_records_the_step_as_far_as_it_went() -> None:
    session, clock = started(60, 60, ready=0)
    clock.advance(60 + 17)
    session.tick()
    events = session.stop("stopped_for_pain")
    assert kinds(events) == [("step_ended", 1), ("finished", 1)]
    result = events[0].result
    assert (result.seconds_done, result.completed, result.skipped) == (17, False, False)
    assert session.outcome == "stopped_for_pain"
    assert session.actual_seconds == 77


def test_quit_while_paused_closes_the_pause() -> None:
    session, clock = started(60, ready=0)
    clock.advance(5)
    session.pause()
    clock.advance(8)
    session.stop("quit")
    assert (session.outcome, session.actual_seconds, session.paused_seconds) == ("quit", 5, 8)


def test_interrupt_during_get_ready_records_no_step() -> None:
    session, clock = started(60)
    clock.advance(1)
    assert kinds(session.stop("interrupted")) == [("finished", 0)]
    assert session.results == {}
    assert session.actual_seconds == 0


def test_a_stopped_session_ignores_further_commands() -> None:
    session, _clock = started(60, ready=0)
    session.stop("quit")
    assert session.stop("interrupted") == []
    assert session.next() == []
    assert session.outcome == "quit"


def test_next_step_is_announced_in_the_last_five_seconds() -> None:
    session, clock = started(20, 10, ready=0)
    clock.advance(14.9)
    assert session.view().upcoming is None
    clock.advance(0.1)
    assert session.view().upcoming == session.steps[1]


def test_the_last_step_announces_nothing_next() -> None:
    session, clock = started(10, ready=0)
    clock.advance(9)
    assert session.view().upcoming is None


def test_the_routine_position_counts_planned_steps_before_and_time_into_this_one() -> None:
    session, clock = started(20, 30, ready=0)
    clock.advance(25)
    session.tick()
    view = session.view()
    assert (view.index, view.routine_elapsed, view.routine_total) == (1, 25, 50)
