"""Reading only the window (and the history as days) gives the same figures as reading it all.

``coach stats``, ``coach report`` and home read the window's sessions in full and the rest of
the history through ``Journal.session_days``, so that a fifty-year journal opens as fast as a
new one. Hypothesis writes random histories (sessions in several UTC offsets, around
midnight, previews, flare-ups, sessions ended early or still running) into a real journal
and compares the two ways of computing every figure, and ``sessions(since)`` with a filter
of every session by its start instant.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.journal import Journal
from coach.journal.records import SessionRecord, SessionStatus
from coach.journal.stats import (
    TrainingPlan,
    compute_stats,
    history_prefix,
    week_start,
    window_reads_from,
)

TODAY = date(2026, 3, 31)
OFFSETS = [timezone(timedelta(hours=h)) for h in (-11, -5, 0, 1, 2, 13)]
STATUSES: list[SessionStatus] = ["completed", "ended_early", "interrupted", "running"]


@st.composite
def session_records(draw: st.DrawFn) -> SessionRecord:
    """One stored session within 120 days before TODAY, at any hour, in any offset."""
    days_ago = draw(st.integers(0, 120))
    minute = draw(st.sampled_from([0, 30, 23 * 60 + 59, draw(st.integers(0, 24 * 60 - 1))]))
    offset = draw(st.sampled_from(OFFSETS))
    day = TODAY - timedelta(days=days_ago)
    started = datetime.combine(day, time(minute // 60, minute % 60), offset)
    status = draw(st.sampled_from(STATUSES))
    planned = 100
    done = draw(st.sampled_from([0.0, 40.0, 50.0, 100.0]))
    flare = draw(st.booleans())
    return SessionRecord(
        id=uuid.uuid4().hex,
        routine_id="flare-up" if flare else "daily-core",
        routine_title="x",
        purpose="flare" if flare else "core",
        fingerprint="f",
        side=None,
        speed=draw(st.sampled_from([1.0, 1.0, 1.0, 30.0])),
        started_at=started.isoformat(timespec="seconds"),
        ended_at=None if status == "running" else started.isoformat(timespec="seconds"),
        status=status,
        pain_before=draw(st.none() | st.integers(0, 10)),
        pain_after=draw(st.none() | st.integers(0, 10)),
        note=None,
        flare=flare,
        planned_s=200,
        work_planned_s=planned,
        reps_planned=4,
        work_done_s=done,
        reps_done=2,
        active_s=200.0,
    )


def write(path: Path, sessions: list[SessionRecord]) -> None:
    with Journal(path) as journal:
        journal.import_sessions(sessions, {s.id: [] for s in sessions})


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), timezone(timedelta(hours=1)))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sessions=st.lists(session_records(), max_size=40),
    window_days=st.sampled_from([1, 7, 28, 90]),
    rest_days=st.sets(st.sampled_from(["sat", "sun", "wed"])),
)
def test_window_and_days_give_the_figures_of_the_whole_history(
    tmp_path_factory: object, sessions: list[SessionRecord], window_days: int, rest_days: set[str]
) -> None:
    assert hasattr(tmp_path_factory, "mktemp")
    path = Path(tmp_path_factory.mktemp("stats")) / "coach.db"
    write(path, sessions)
    plan = TrainingPlan(5, frozenset(rest_days))
    with Journal(path) as journal:
        everything = journal.sessions()
        first = window_reads_from(TODAY, window_days) - timedelta(days=1)
        window = journal.sessions(local_midnight(first))
        history = journal.session_days()
    assert len(history) == len(everything)
    whole = compute_stats(everything, plan, TODAY, window_days)
    assert compute_stats(window, plan, TODAY, window_days, history) == whole


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sessions=st.lists(session_records(), max_size=30), days_back=st.integers(0, 130))
def test_sessions_since_is_exactly_those_started_at_or_after_the_instant(
    tmp_path_factory: object, sessions: list[SessionRecord], days_back: int
) -> None:
    assert hasattr(tmp_path_factory, "mktemp")
    path = Path(tmp_path_factory.mktemp("since")) / "coach.db"
    write(path, sessions)
    since = local_midnight(TODAY - timedelta(days=days_back))
    with Journal(path) as journal:
        found = journal.sessions(since)
        newest = journal.sessions(limit=3)
        everything = journal.sessions()
    expected = sorted(
        (s for s in sessions if datetime.fromisoformat(s.started_at) >= since),
        key=lambda s: datetime.fromisoformat(s.started_at),
        reverse=True,
    )
    assert [s.id for s in found] == [s.id for s in expected] or (
        # Sessions that started at the same instant may come in either order.
        sorted(s.id for s in found) == sorted(s.id for s in expected)
        and [s.started for s in found] == [s.started for s in expected]
    )
    assert newest == everything[:3]


@settings(max_examples=60, deadline=None)
@given(
    sessions=st.lists(session_records(), max_size=40),
    window_days=st.sampled_from([1, 7, 28, 90]),
    back=st.integers(1, 200),
)
def test_a_history_prefix_gives_the_figures_of_the_whole_walk(
    sessions: list[SessionRecord], window_days: int, back: int
) -> None:
    plan = TrainingPlan(4, frozenset({"sun"}))
    everything = sorted(sessions, key=lambda s: s.started, reverse=True)
    edge = min(TODAY - timedelta(days=window_days - 1), week_start(TODAY))
    through = edge - timedelta(days=back)
    prefix = history_prefix(everything, plan, through)
    after = [s for s in everything if s.day > through]
    whole = compute_stats(everything, plan, TODAY, window_days)
    assert compute_stats(everything, plan, TODAY, window_days, after, prefix) == whole
    with pytest.raises(ValueError, match="must end before"):
        compute_stats(everything, plan, TODAY, window_days, after, history_prefix([], plan, edge))
