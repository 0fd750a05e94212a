"""Tests of the session engine on a fake clock: exact timelines, pauses, skips and endings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.engine.clock import FakeClock
from coach.engine.plan import Plan, Step, StepKind
from coach.engine.session import (
    Event,
    Paused,
    Resumed,
    Session,
    SessionEnded,
    SessionStarted,
    SessionState,
    StepEnded,
    StepStarted,
    Summary,
)

START = 100.0
E = TypeVar("E")


def make_plan(*steps: tuple[StepKind, int] | tuple[str, int]) -> Plan:
    return Plan(
        routine_id="test",
        title="Test",
        purpose="core",
        side=None,
        steps=tuple(
            Step(index, kind, "ex", "Ex", seconds, f"cue {index}", f"spoken {index}")  # type: ignore[arg-type]
            for index, (kind, seconds) in enumerate(steps)
        ),
    )


# prepare 5 | hold 10 | rest 3 | hold 10 | stretch 20: 48 s in all, 40 s of work, 3 reps.
PLAN = make_plan(("prepare", 5), ("hold", 10), ("rest", 3), ("hold", 10), ("stretch", 20))


class Recorder:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def __call__(self, event: Event) -> None:
        self.events.append(event)

    def of(self, kind: type[E]) -> list[E]:
        return [event for event in self.events if isinstance(event, kind)]

    def kinds(self) -> list[str]:
        return [type(event).__name__ for event in self.events]


def state_of(session: Session) -> SessionState:
    """The state, read afresh (a type checker keeps an earlier assert's narrowing)."""
    return session.state


def started(plan: Plan = PLAN, start: float = START) -> tuple[Session, FakeClock, Recorder]:
    clock = FakeClock(start)
    session = Session(plan, clock)
    recorder = Recorder()
    session.subscribe(recorder)
    session.start()
    return session, clock, recorder


# -- starting and running ------------------------------------------------------------------------


def test_a_plan_without_steps_cannot_run() -> None:
    with pytest.raises(ValueError, match="without steps"):
        Session(make_plan(), FakeClock())


def test_before_start_nothing_moves() -> None:
    clock = FakeClock(START)
    session = Session(PLAN, clock)
    recorder = Recorder()
    session.subscribe(recorder)
    for command in (session.update, session.pause, session.resume, session.next, session.end):
        command()
    clock.advance(50)
    session.update()
    assert session.state is SessionState.READY
    assert recorder.events == []
    assert session.remaining_s == 5
    assert session.progress == 0
    assert session.active_s == 0
    assert session.deadline is None


def test_start() -> None:
    session, _clock, recorder = started()
    assert session.state is SessionState.RUNNING
    assert recorder.events == [
        SessionStarted(PLAN, START),
        StepStarted(PLAN.steps[0], START, 0.0),
    ]
    assert session.deadline == START + 5
    assert session.remaining_s == 5
    assert session.current_step == PLAN.steps[0]
    assert session.next_step == PLAN.steps[1]
    session.start()  # a second start does nothing
    assert len(recorder.events) == 2


def test_remaining_is_deadline_minus_clock() -> None:
    session, clock, _ = started()
    clock.advance(2.5)
    assert session.remaining_s == 2.5
    assert session.step_elapsed_s == 2.5
    assert session.deadline == START + 5
    assert session.active_s == 2.5
    # Past the deadline without an update: nothing left, never negative.
    clock.advance(4)
    assert session.remaining_s == 0
    assert session.index == 0


def test_remaining_and_progress_stay_in_range_on_any_clock_reading() -> None:
    # 22.322 + 20 - 22.322 is 20.000000000000004 in floating point.
    session, _clock, _ = started(make_plan(("hold", 20)), start=22.322)
    assert session.remaining_s <= 20
    assert session.step_elapsed_s >= 0
    assert session.progress >= 0
    assert session.work_done_s >= 0


def test_update_ends_the_step_at_its_deadline() -> None:
    session, clock, recorder = started()
    clock.advance(5)
    session.update()
    assert session.index == 1
    assert session.remaining_s == 10
    assert recorder.events[2:] == [
        StepEnded(PLAN.steps[0], 5.0, "completed", START + 5),
        StepStarted(PLAN.steps[1], START + 5, 5.0),
    ]


def test_a_big_clock_jump_catches_up_step_by_step_exactly() -> None:
    session, clock, recorder = started()
    clock.advance(30.5)
    session.update()
    # Steps end at 105, 115, 118, 128; the stretch started at 128 and ends at 148.
    assert session.index == 4
    assert session.deadline == START + 48
    assert session.remaining_s == 17.5
    starts = recorder.of(StepStarted)
    assert [(event.step.index, event.at, event.elapsed_s) for event in starts] == [
        (0, START, 0.0),
        (1, START + 5, 5.0),
        (2, START + 15, 15.0),
        (3, START + 18, 18.0),
        (4, START + 28, 28.0),
    ]
    ends = recorder.of(StepEnded)
    assert ends == [
        StepEnded(PLAN.steps[0], 5.0, "completed", START + 5),
        StepEnded(PLAN.steps[1], 10.0, "completed", START + 15),
        StepEnded(PLAN.steps[2], 3.0, "completed", START + 18),
        StepEnded(PLAN.steps[3], 10.0, "completed", START + 28),
    ]
    assert session.work_done_s == 22.5
    assert session.reps_done == 2
    assert session.active_s == 30.5


def test_a_jump_past_the_end_finishes_at_the_last_deadline() -> None:
    session, clock, recorder = started()
    clock.advance(500)
    session.update()
    assert session.state is SessionState.FINISHED
    assert session.is_over
    summary = Summary(
        outcome="completed",
        active_s=48.0,
        work_done_s=40.0,
        work_planned_s=40,
        reps_done=3,
        reps_planned=3,
        steps_completed=5,
        steps_total=5,
    )
    assert session.summary() == summary
    assert recorder.events[-1] == SessionEnded(summary, START + 48)
    assert recorder.kinds() == ["SessionStarted"] + ["StepStarted", "StepEnded"] * 5 + [
        "SessionEnded"
    ]
    assert session.progress == 1.0
    assert session.time_left_s == 0
    assert session.remaining_s == 0
    assert session.summary().dose == 1.0
    assert session.current_step == PLAN.steps[-1]


def test_progress_by_planned_time() -> None:
    session, clock, _ = started()
    assert session.progress == 0
    clock.advance(12)
    session.update()
    assert session.progress == 12 / 48
    assert session.time_left_s == pytest.approx(36)
    clock.advance(12)
    # Without an update the current step (the hold ending at 15 s) is simply all done ...
    assert session.progress == 15 / 48
    session.update()
    # ... and the update moves on to where the clock is.
    assert session.progress == 24 / 48


# -- pause and resume ----------------------------------------------------------------------------


def test_pause_keeps_remaining_and_paused_time_never_counts() -> None:
    session, clock, recorder = started()
    clock.advance(7)  # 2 s into the first hold
    session.pause()
    assert session.state is SessionState.PAUSED
    assert recorder.events[-1] == Paused(PLAN.steps[1], 8.0, START + 7)
    assert session.deadline is None
    clock.advance(1000)
    session.update()
    assert session.state is SessionState.PAUSED
    assert session.remaining_s == 8
    assert session.active_s == 7
    assert session.work_done_s == 2
    assert session.progress == 7 / 48
    session.pause()  # pausing again changes nothing
    assert len(recorder.of(Paused)) == 1

    session.resume()
    assert state_of(session) is SessionState.RUNNING
    assert recorder.of(Resumed) == [Resumed(PLAN.steps[1], 8.0, START + 1007)]
    assert session.deadline == START + 1015
    clock.advance(3)
    assert session.remaining_s == 5
    assert session.active_s == 10
    assert session.work_done_s == 5
    clock.advance(5)
    session.update()
    assert session.index == 2
    assert recorder.of(StepStarted)[-1] == StepStarted(PLAN.steps[2], START + 1015, 15.0)
    session.resume()  # resuming while running changes nothing
    assert len(recorder.of(Resumed)) == 1


def test_pause_after_a_deadline_catches_up_first() -> None:
    session, clock, recorder = started()
    clock.advance(5)
    session.pause()
    assert session.index == 1
    assert session.remaining_s == 10
    assert recorder.kinds()[-3:] == ["StepEnded", "StepStarted", "Paused"]


def test_toggle_pause() -> None:
    session, clock, _ = started()
    clock.advance(1)
    session.toggle_pause()
    assert session.state is SessionState.PAUSED
    clock.advance(9)
    session.toggle_pause()
    assert state_of(session) is SessionState.RUNNING
    assert session.remaining_s == 4


def test_a_finished_session_ignores_pause_and_resume() -> None:
    session, clock, recorder = started()
    clock.advance(60)
    session.pause()
    session.resume()
    session.toggle_pause()
    assert session.state is SessionState.FINISHED
    assert recorder.of(Paused) == []
    assert recorder.of(Resumed) == []


# -- next and previous ---------------------------------------------------------------------------


def test_next_skips_and_records_partial_work() -> None:
    session, clock, recorder = started()
    clock.advance(5)
    session.update()
    clock.advance(4)  # 4 s into the first hold
    session.next()
    assert session.index == 2
    assert session.remaining_s == 3
    assert session.deadline == START + 12
    assert recorder.events[-2:] == [
        StepEnded(PLAN.steps[1], 4.0, "skipped", START + 9),
        StepStarted(PLAN.steps[2], START + 9, 9.0),
    ]
    assert session.work_done_s == 4
    assert session.reps_done == 0  # a skipped rep is not a rep done
    assert session.summary().steps_completed == 1


def test_next_while_paused_stays_paused() -> None:
    session, clock, recorder = started()
    clock.advance(2)
    session.pause()
    clock.advance(10)
    session.next()
    assert session.state is SessionState.PAUSED
    assert session.index == 1
    assert session.remaining_s == 10
    assert recorder.events[-2:] == [
        StepEnded(PLAN.steps[0], 2.0, "skipped", START + 12),
        StepStarted(PLAN.steps[1], START + 12, 2.0),
    ]
    clock.advance(100)
    assert session.remaining_s == 10
    assert session.active_s == 2
    session.resume()
    clock.advance(10)
    session.update()
    assert session.index == 2
    assert session.active_s == 12
    assert session.work_done_s == 10


def test_previous_goes_back_and_keeps_the_best_work() -> None:
    session, clock, recorder = started()
    clock.advance(5)
    session.update()
    clock.advance(6)  # 6 s into the first hold
    session.previous()
    assert session.index == 0
    assert session.remaining_s == 5
    assert recorder.events[-2:] == [
        StepEnded(PLAN.steps[1], 6.0, "back", START + 11),
        StepStarted(PLAN.steps[0], START + 11, 11.0),
    ]
    assert session.work_done_s == 6
    clock.advance(5)
    session.update()
    assert session.index == 1
    clock.advance(3)
    assert session.work_done_s == 6  # 3 s this time; 6 s were done before
    clock.advance(5)
    assert session.work_done_s == 8
    clock.advance(2)
    session.update()
    assert session.index == 2
    assert session.work_done_s == 10
    assert session.reps_done == 1


def test_next_after_an_unnoticed_deadline_skips_the_step_now_running() -> None:
    # The clock passed the end of the first step, and no update() ran before the key press:
    # next() must catch up first and then skip the hold that is now running.
    session, clock, recorder = started()
    clock.advance(9)
    session.next()
    assert session.index == 2
    assert recorder.events[2:] == [
        StepEnded(PLAN.steps[0], 5.0, "completed", START + 5),
        StepStarted(PLAN.steps[1], START + 5, 5.0),
        StepEnded(PLAN.steps[1], 4.0, "skipped", START + 9),
        StepStarted(PLAN.steps[2], START + 9, 9.0),
    ]


def test_next_after_a_long_unnoticed_jump_never_goes_back() -> None:
    session, clock, _ = started()
    clock.advance(30)  # the last step (the stretch) has been running for 2 s
    session.next()
    assert session.state is SessionState.FINISHED
    assert session.summary().steps_completed == 4


def test_previous_after_an_unnoticed_deadline_goes_back_one_step() -> None:
    session, clock, _ = started()
    clock.advance(16)  # 1 s into the rest after the first hold
    session.previous()
    assert session.index == 1
    assert session.current_step.kind == "hold"


def test_previous_at_the_first_step_restarts_it() -> None:
    session, clock, recorder = started()
    clock.advance(3)
    session.previous()
    assert session.index == 0
    assert session.remaining_s == 5
    assert session.deadline == START + 8
    assert recorder.events[-2:] == [
        StepEnded(PLAN.steps[0], 3.0, "back", START + 3),
        StepStarted(PLAN.steps[0], START + 3, 3.0),
    ]
    assert session.active_s == 3


def test_previous_lowers_progress() -> None:
    session, clock, _ = started()
    clock.advance(20)
    session.update()
    assert session.progress == 20 / 48
    session.previous()
    assert session.index == 2
    assert session.progress == 15 / 48


def test_skipping_the_last_step_finishes() -> None:
    session, clock, recorder = started()
    for _ in range(4):
        session.next()
    clock.advance(4)
    session.next()
    assert session.state is SessionState.FINISHED
    assert session.is_over
    summary = session.summary()
    assert summary.outcome == "completed"
    assert summary.work_done_s == 4
    assert summary.steps_completed == 0
    assert summary.active_s == 4
    assert len(recorder.of(SessionEnded)) == 1
    assert recorder.events[-2:] == [
        StepEnded(PLAN.steps[4], 4.0, "skipped", START + 4),
        SessionEnded(summary, START + 4),
    ]
    assert session.progress == 1.0


# -- ending early --------------------------------------------------------------------------------


def test_end_early_with_a_summary() -> None:
    session, clock, recorder = started()
    clock.advance(8)  # 3 s into the first hold
    session.end()
    assert session.state is SessionState.ENDED_EARLY
    assert session.is_over
    summary = Summary(
        outcome="ended_early",
        active_s=8.0,
        work_done_s=3.0,
        work_planned_s=40,
        reps_done=0,
        reps_planned=3,
        steps_completed=1,
        steps_total=5,
    )
    assert session.summary() == summary
    assert summary.dose == 3 / 40
    assert recorder.events[-2:] == [
        StepEnded(PLAN.steps[1], 3.0, "ended", START + 8),
        SessionEnded(summary, START + 8),
    ]
    assert recorder.kinds() == [
        "SessionStarted",
        "StepStarted",
        "StepEnded",
        "StepStarted",
        "StepEnded",
        "SessionEnded",
    ]
    assert session.remaining_s == 0
    assert session.deadline is None


def test_end_while_paused_does_not_count_the_pause() -> None:
    session, clock, recorder = started()
    clock.advance(9)
    session.pause()
    clock.advance(300)
    session.end()
    summary = session.summary()
    assert summary.outcome == "ended_early"
    assert summary.active_s == 9
    assert summary.work_done_s == 4
    assert recorder.events[-1] == SessionEnded(summary, START + 309)


def test_end_after_the_clock_passed_the_end_finishes_instead() -> None:
    session, clock, recorder = started()
    clock.advance(100)
    session.end()
    assert session.state is SessionState.FINISHED
    assert session.summary().outcome == "completed"
    assert len(recorder.of(SessionEnded)) == 1


def test_commands_after_the_end_are_no_ops() -> None:
    session, clock, recorder = started()
    clock.advance(8)
    session.end()
    events = list(recorder.events)
    summary = session.summary()
    for command in (
        session.start,
        session.update,
        session.pause,
        session.resume,
        session.toggle_pause,
        session.next,
        session.previous,
        session.end,
    ):
        clock.advance(10)
        command()
    assert recorder.events == events
    assert session.summary() == summary
    assert session.state is SessionState.ENDED_EARLY
    assert session.index == 1


def test_listeners_added_later_get_later_events() -> None:
    session, clock, first = started()
    second = Recorder()
    session.subscribe(second)
    clock.advance(5)
    session.update()
    assert second.events == first.events[2:]


def test_summary_dose_of_a_plan_without_work() -> None:
    summary = Summary("completed", 5.0, 0.0, 0, 0, 0, 1, 1)
    assert summary.dose == 1.0


# -- properties ----------------------------------------------------------------------------------

EPS = 1e-6

plans = st.lists(
    st.tuples(
        st.sampled_from(["prepare", "hold", "rest", "switch", "stretch", "inhale", "exhale"]),
        st.integers(1, 30),
    ),
    min_size=1,
    max_size=8,
).map(lambda steps: make_plan(*steps))

operations = st.lists(
    st.one_of(
        st.floats(0, 100, allow_nan=False),
        st.sampled_from(["pause", "resume", "toggle", "next", "previous", "update", "end"]),
    ),
    max_size=40,
)


def check_invariants(session: Session, advanced: float) -> None:
    step = session.current_step
    assert session.work_done_s <= session.plan.work_s + EPS
    assert session.work_done_s <= session.active_s + EPS
    assert 0 <= session.active_s <= advanced + EPS
    assert -EPS <= session.progress <= 1
    assert -EPS <= session.remaining_s <= step.seconds + EPS
    assert 0 <= session.reps_done <= session.plan.reps


def check_events(events: Sequence[Event], plan: Plan) -> None:
    """One start, then each step's start and end in pairs, then exactly one end, last."""
    assert isinstance(events[0], SessionStarted)
    assert sum(isinstance(event, SessionStarted) for event in events) == 1
    assert sum(isinstance(event, SessionEnded) for event in events) == 1
    assert isinstance(events[-1], SessionEnded)
    open_step: Step | None = None
    last_at = events[0].at
    for event in events[1:-1]:
        assert event.at >= last_at - EPS
        last_at = event.at
        if isinstance(event, StepStarted):
            assert open_step is None
            open_step = event.step
        elif isinstance(event, StepEnded):
            assert event.step == open_step
            assert 0 <= event.done_s <= event.step.seconds
            open_step = None
        else:
            assert isinstance(event, Paused | Resumed)
            assert event.step == open_step
    assert open_step is None
    # The summary agrees with the step events: each step counted once, at its best.
    assert isinstance(events[-1], SessionEnded)
    summary = events[-1].summary
    best: dict[int, float] = {}
    completed: set[int] = set()
    for event in events:
        if isinstance(event, StepEnded):
            index = event.step.index
            best[index] = max(best.get(index, 0.0), event.done_s)
            if event.outcome == "completed":
                completed.add(index)
    work = sum(done for index, done in best.items() if plan.steps[index].is_work)
    assert summary.work_done_s == pytest.approx(work, abs=EPS)
    assert summary.steps_completed == len(completed)
    assert summary.reps_done == sum(1 for index in completed if plan.steps[index].counts_rep)


@settings(max_examples=200, deadline=None)
@given(plan=plans, ops=operations)
def test_any_sequence_of_commands_stays_consistent(plan: Plan, ops: list[float | str]) -> None:
    clock = FakeClock(START)
    session = Session(plan, clock)
    recorder = Recorder()
    session.subscribe(recorder)
    session.start()
    advanced = 0.0
    progress = session.progress
    for op in ops:
        was_paused = session.state is SessionState.PAUSED
        was_over = session.is_over
        before = (session.active_s, session.remaining_s, session.work_done_s, session.index)
        count = len(recorder.events)
        if isinstance(op, float):
            clock.advance(op)
            advanced += op
        else:
            {
                "pause": session.pause,
                "resume": session.resume,
                "toggle": session.toggle_pause,
                "next": session.next,
                "previous": session.previous,
                "update": session.update,
                "end": session.end,
            }[op]()
        check_invariants(session, advanced)
        if isinstance(op, float) and was_paused:
            # Time passing while paused changes nothing.
            after = (session.active_s, session.remaining_s, session.work_done_s, session.index)
            assert after == before
        if was_over:
            assert len(recorder.events) == count
            assert (session.active_s, session.work_done_s) == before[::2]
        if op != "previous":
            assert session.progress >= progress - EPS
        progress = session.progress

    # Whatever happened, the session ends: resume if paused, let the clock run out.
    session.resume()
    for _ in range(2):  # once is enough; twice leaves room for floating-point rounding
        if not session.is_over:
            clock.advance(plan.total_s)
            advanced += plan.total_s
            session.update()
    assert session.is_over
    check_invariants(session, advanced)
    events = list(recorder.events)
    clock.advance(plan.total_s)
    for command in (session.update, session.next, session.end, session.previous):
        command()
    assert recorder.events == events
    check_events(events, plan)
    summary = session.summary()
    assert summary == events[-1].summary  # type: ignore[union-attr]
    assert summary.work_planned_s == plan.work_s
    assert summary.active_s <= advanced + EPS


@settings(max_examples=200, deadline=None)
@given(
    plan=plans,
    ticks=st.lists(st.integers(0, 40), max_size=30),
    tick_updates=st.booleans(),
)
def test_without_commands_the_timeline_is_exact(
    plan: Plan, ticks: list[int], tick_updates: bool
) -> None:
    clock = FakeClock(0.0)
    session = Session(plan, clock)
    recorder = Recorder()
    session.subscribe(recorder)
    session.start()
    for tick in ticks:
        clock.advance(tick)
        if tick_updates:
            session.update()
    clock.advance(plan.total_s)
    session.update()
    assert session.state is SessionState.FINISHED
    starts = [event.at for event in recorder.events if isinstance(event, StepStarted)]
    expected = [sum(step.seconds for step in plan.steps[:index]) for index in range(len(starts))]
    assert starts == expected
    assert len(starts) == len(plan.steps)
    ends = recorder.of(StepEnded)
    assert all(event.outcome == "completed" for event in ends)
    assert recorder.events[-1].at == plan.total_s
    summary = session.summary()
    assert summary.active_s == plan.total_s
    assert summary.work_done_s == plan.work_s
    assert summary.reps_done == plan.reps
    assert summary.steps_completed == len(plan.steps)


@settings(max_examples=200, deadline=None)
@given(plan=plans, ops=operations)
def test_how_often_update_is_called_changes_nothing(plan: Plan, ops: list[float | str]) -> None:
    # One session is updated after every clock move, the other only after a command ran:
    # the module promises the same exact timeline whatever the refresh rate.
    eager_clock, lazy_clock = FakeClock(START), FakeClock(START)
    eager, lazy = Session(plan, eager_clock), Session(plan, lazy_clock)
    eager_events, lazy_events = Recorder(), Recorder()
    eager.subscribe(eager_events)
    lazy.subscribe(lazy_events)
    eager.start()
    lazy.start()
    for op in ops:
        if isinstance(op, float):
            eager_clock.advance(op)
            lazy_clock.advance(op)
            eager.update()
            continue
        for session in (eager, lazy):
            {
                "pause": session.pause,
                "resume": session.resume,
                "toggle": session.toggle_pause,
                "next": session.next,
                "previous": session.previous,
                "update": session.update,
                "end": session.end,
            }[op]()
            # Commands that need the clock catch up first; the others may leave it to later.
            session.update()
        assert (lazy.state, lazy.index) == (eager.state, eager.index)
        assert lazy.remaining_s == pytest.approx(eager.remaining_s, abs=EPS)
        assert lazy.active_s == pytest.approx(eager.active_s, abs=EPS)
        assert lazy.work_done_s == pytest.approx(eager.work_done_s, abs=EPS)
    lazy.update()
    assert lazy_events.events == eager_events.events
