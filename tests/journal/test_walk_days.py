"""Walks in adherence and on the calendar; the timed walk is a walk, not a core session.

Hand-built histories in March 2026 (the 2nd is a Monday), with a fixed today.
"""

from __future__ import annotations

from datetime import date

from test_stats import d, on

from coach.coaching.outcome import counts, counts_text, is_core_session
from coach.journal.stats import (
    Adherence,
    DayStatus,
    TrainingPlan,
    active_adherence,
    compute_stats,
    day_statuses,
    frequency_adherence,
    history_prefix,
)

DONE, WALKED, PARTIAL = DayStatus.DONE, DayStatus.WALKED, DayStatus.PARTIAL
FLARE, REST, MISSED, PENDING = DayStatus.FLARE, DayStatus.REST, DayStatus.MISSED, DayStatus.PENDING
EVERY_DAY = TrainingPlan()


def walks(*days: int) -> frozenset[date]:
    return frozenset(d(day) for day in days)


# -- day status ------------------------------------------------------------------------------------


def test_a_walk_without_a_counted_session_makes_a_walked_day() -> None:
    sessions = [on(2), on(3), on(4, status="ended_early"), on(5, purpose="flare")]
    plan = TrainingPlan(rest_days=frozenset({"sat"}))
    statuses = day_statuses(sessions, plan, d(2), d(8), walks(2, 4, 5, 6, 7, 8))
    assert list(statuses.values()) == [
        DONE,  # a counted session and a walk: done
        DONE,
        WALKED,  # a walk beats a session ended early
        FLARE,  # a walk on a flare day leaves it a flare day
        WALKED,  # a walk alone
        WALKED,  # a walk on a rest Saturday
        WALKED,  # a walk today, before any session
    ]


def test_walk_days_outside_the_range_are_ignored() -> None:
    statuses = day_statuses([on(3)], EVERY_DAY, d(3), d(4), walks(1, 2, 5))
    assert statuses == {d(3): DONE, d(4): PENDING}


def test_a_walk_only_planned_day_neither_breaks_nor_extends_the_streak() -> None:
    sessions = [on(2), on(3), on(5), on(6)]
    kept = compute_stats(sessions, EVERY_DAY, d(6), window_days=5, walk_days=walks(4))
    assert kept.statuses[d(4)] is WALKED
    assert (kept.current_streak, kept.best_streak) == (4, 4)
    broken = compute_stats(sessions, EVERY_DAY, d(6), window_days=5)
    assert broken.statuses[d(4)] is MISSED
    assert (broken.current_streak, broken.best_streak) == (2, 2)


def test_a_walk_only_day_is_still_a_planned_day_without_a_session() -> None:
    sessions = [on(2), on(3), on(5), on(6)]
    with_walk = compute_stats(sessions, EVERY_DAY, d(6), window_days=5, walk_days=walks(4))
    without = compute_stats(sessions, EVERY_DAY, d(6), window_days=5)
    assert with_walk.window == without.window == Adherence(4, 5)
    assert with_walk.window_active == Adherence(5, 5)
    assert without.window_active == Adherence(4, 5)


# -- active days -----------------------------------------------------------------------------------


def test_active_days_count_walks_against_the_same_planned_days() -> None:
    plan = TrainingPlan(weekly_goal=5, rest_days=frozenset({"sun"}))
    # Week of the 2nd: sessions Mon, Wed; walks Tue, Thu; nothing Fri, Sat; Sunday rest.
    statuses = day_statuses([on(2), on(4)], plan, d(2), d(9), walks(3, 5))
    assert frequency_adherence(statuses, plan, d(9)) == Adherence(2, 5)
    assert active_adherence(statuses, plan, d(9)) == Adherence(4, 5)
    assert active_adherence(statuses, plan, d(9)).share == 0.8


def test_a_walk_today_or_on_a_rest_day_adds_no_planned_day_but_counts_as_active() -> None:
    plan = TrainingPlan(weekly_goal=7, rest_days=frozenset({"tue"}))
    # Mon: a session; Tue (rest): a walk; Wed (today): a walk.
    statuses = day_statuses([on(2)], plan, d(2), d(4), walks(3, 4))
    assert list(statuses.values()) == [DONE, WALKED, WALKED]
    assert frequency_adherence(statuses, plan, d(4)) == Adherence(1, 1)
    assert active_adherence(statuses, plan, d(4)) == Adherence(1, 1)  # up to the planned days
    stats = compute_stats([on(2)], plan, d(4), window_days=3, walk_days=walks(3, 4))
    assert stats.this_week == Adherence(1, 1)
    assert stats.this_week_active == Adherence(1, 1)


def test_active_days_never_exceed_the_planned_days_of_their_week() -> None:
    plan = TrainingPlan(weekly_goal=3)
    statuses = day_statuses([on(2), on(3)], plan, d(2), d(8), walks(4, 5, 6, 7))
    assert frequency_adherence(statuses, plan, d(8)) == Adherence(2, 3)
    assert active_adherence(statuses, plan, d(8)) == Adherence(3, 3)


def test_stats_json_adds_the_active_days_and_keeps_every_key() -> None:
    stats = compute_stats([on(2), on(3)], EVERY_DAY, d(4), window_days=3, walk_days=walks(4))
    data = stats.to_json()
    assert data["window_active"] == {"done": 2, "planned": 2, "share": 1.0}
    assert data["this_week_active"] == {"done": 2, "planned": 2, "share": 1.0}
    assert data["window"] == {"done": 2, "planned": 2, "share": 1.0}
    assert data["statuses"]["2026-03-04"] == "walked"


# -- the kept prefix -------------------------------------------------------------------------------


def test_the_history_prefix_counts_walked_days() -> None:
    sessions = [on(2), on(3), on(5), on(6)]
    assert history_prefix(sessions, EVERY_DAY, d(6)).run == 2
    prefix = history_prefix(sessions, EVERY_DAY, d(6), walks(4))
    assert (prefix.first, prefix.run, prefix.best) == (d(2), 4, 4)


def test_a_prefix_with_walks_gives_the_whole_history_figures() -> None:
    sessions = [on(day) for day in range(2, 31) if day not in (9, 16)]
    walked = walks(9, 16)
    prefix = history_prefix(sessions, EVERY_DAY, d(15), walked)
    after = [s for s in sessions if s.day > d(15)]
    cut = compute_stats(
        sessions, EVERY_DAY, d(30), 7, after, prefix, frozenset(w for w in walked if w > d(15))
    )
    assert cut == compute_stats(sessions, EVERY_DAY, d(30), 7, walk_days=walked)
    assert cut.current_streak == 27  # 29 days, two of them walked


# -- the timed walk --------------------------------------------------------------------------------


def test_the_timed_walk_is_not_a_core_session() -> None:
    assert not is_core_session("walk")
    assert all(is_core_session(p) for p in ("core", "daily", "flare", "stretch", None))
    assert not counts("completed", preview=False, flare=False, purpose="walk")
    assert counts("completed", preview=False, flare=False, purpose="core")
    assert "walk" in counts_text("completed", purpose="walk")


def test_timed_walk_sessions_never_make_a_day_or_a_pain_trend() -> None:
    timed = {"routine_id": "walk", "purpose": "walk", "pain_before": 5, "pain_after": 2}
    sessions = [on(2), on(3, **timed), on(4, status="ended_early", **timed), on(5)]
    stats = compute_stats(sessions, EVERY_DAY, d(5), window_days=4, walk_days=walks(3))
    assert [stats.statuses[d(day)] for day in range(2, 6)] == [DONE, WALKED, MISSED, DONE]
    assert stats.window == Adherence(2, 4)
    assert stats.window_active == Adherence(3, 4)
    assert stats.sessions == 2
    assert stats.per_routine == {"daily-core": 2}
    assert stats.pain.paired_sessions == 0
    assert stats.pain.mean_before is None


def test_a_timed_walk_alone_plans_nothing() -> None:
    timed = on(2, routine_id="walk", purpose="walk")
    stats = compute_stats([timed], EVERY_DAY, d(3), window_days=2, walk_days=walks(2))
    assert stats.window == Adherence(0, 0)
    assert stats.statuses[d(2)] is WALKED
    assert (stats.current_streak, stats.best_streak) == (0, 0)


def test_a_timed_walk_does_not_count_in_its_json() -> None:
    timed = on(2, routine_id="walk", purpose="walk")
    assert timed.to_json()["end"] == "completed"
    assert timed.to_json()["counts"] is False
    assert on(2).to_json()["counts"] is True
