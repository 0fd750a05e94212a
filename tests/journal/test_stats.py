"""Adherence, streaks and pain trends on hand-built histories with answers worked out by hand.

March 2026 is the calendar used throughout: the 1st is a Sunday, the 2nd a Monday, and on
Sunday the 29th Europe moves its clocks forward an hour.
"""

from __future__ import annotations

import itertools
import json
from datetime import date
from io import StringIO
from typing import Any

import pytest

from coach.journal.records import SessionRecord, SessionStatus
from coach.journal.stats import (
    Adherence,
    DayStatus,
    PainPoint,
    Stats,
    TrainingPlan,
    compute_stats,
    day_statuses,
    dose_adherence,
    frequency_adherence,
    is_done,
    pain_trend,
    streaks,
    weekly_adherence,
)

DONE = DayStatus.DONE
PARTIAL = DayStatus.PARTIAL
FLARE = DayStatus.FLARE
REST = DayStatus.REST
MISSED = DayStatus.MISSED
PENDING = DayStatus.PENDING

EVERY_DAY = TrainingPlan()
_ids = itertools.count(1)


def record(
    started_at: str,
    *,
    status: SessionStatus = "completed",
    routine_id: str = "daily-core",
    purpose: str = "core",
    speed: float = 1.0,
    flare: bool = False,
    pain_before: int | None = None,
    pain_after: int | None = None,
    work_planned_s: int = 100,
    work_done_s: float | None = None,
) -> SessionRecord:
    """A stored session; a completed one did all its work, any other half of it."""
    if work_done_s is None:
        work_done_s = float(work_planned_s if status == "completed" else work_planned_s // 2)
    return SessionRecord(
        id=f"s{next(_ids)}",
        routine_id=routine_id,
        routine_title=routine_id.replace("-", " ").capitalize(),
        purpose=purpose,
        fingerprint="0123456789abcdef",
        side=None,
        speed=speed,
        started_at=started_at,
        ended_at=None,
        status=status,
        pain_before=pain_before,
        pain_after=pain_after,
        note=None,
        flare=flare,
        planned_s=work_planned_s + 20,
        work_planned_s=work_planned_s,
        reps_planned=3,
        work_done_s=work_done_s,
        reps_done=3 if status == "completed" else 1,
        active_s=float(work_planned_s + 20),
    )


def on(day: int, hour: str = "09:00", **kwargs: Any) -> SessionRecord:
    """A session on ``day`` March 2026 at ``hour``, in winter time (UTC+1, Central Europe)."""
    return record(f"2026-03-{day:02d}T{hour}:00+01:00", **kwargs)


def d(day: int) -> date:
    return date(2026, 3, day)


def statuses_of(
    sessions: list[SessionRecord],
    start: int,
    today: int,
    plan: TrainingPlan = EVERY_DAY,
) -> list[DayStatus]:
    return list(day_statuses(sessions, plan, d(start), d(today)).values())


# -- day status ------------------------------------------------------------------------------------


def test_the_calendar_assumed_here() -> None:
    assert d(1).strftime("%A") == "Sunday"
    assert d(2).strftime("%A") == "Monday"
    assert d(29).strftime("%A") == "Sunday"


def test_each_kind_of_day_gets_its_status() -> None:
    sessions = [
        on(2),
        on(3, status="ended_early"),
        on(4, status="interrupted"),
        on(5, purpose="flare"),
        on(6, flare=True, status="ended_early"),
        # 7: nothing, 8: a Sunday rest day with nothing, 9: today with nothing
    ]
    plan = TrainingPlan(rest_days=frozenset({"sun"}))
    assert statuses_of(sessions, 2, 9, plan) == [
        DONE,
        PARTIAL,
        PARTIAL,
        FLARE,
        FLARE,
        MISSED,
        REST,
        PENDING,
    ]


def test_a_completed_session_makes_the_day_done_whatever_else_happened() -> None:
    sessions = [on(2, "08:00", status="ended_early"), on(2, "18:00"), on(3, purpose="flare"), on(3)]
    assert statuses_of(sessions, 2, 3) == [DONE, DONE]


def test_a_session_on_a_rest_day_makes_it_done() -> None:
    plan = TrainingPlan(rest_days=frozenset({"sun"}))
    assert statuses_of([on(8)], 8, 8, plan) == [DONE]


def test_a_session_still_running_today_leaves_today_pending() -> None:
    assert statuses_of([on(2), on(3, status="running")], 2, 3) == [DONE, PENDING]


def test_a_session_skipped_through_to_the_end_is_a_partial_day_not_done() -> None:
    # `n` through every step: the session reached its end with 9% of its work done.
    skipped = on(3, work_done_s=9.0)
    assert skipped.status == "completed"
    assert not is_done(skipped)
    stats = compute_stats([on(2), skipped], EVERY_DAY, d(3), window_days=2)
    assert stats.statuses[d(3)] is PARTIAL
    assert stats.window == Adherence(1, 2)
    assert (stats.current_streak, stats.best_streak) == (0, 1)


def test_half_the_work_to_the_end_is_enough() -> None:
    assert is_done(on(2, work_done_s=50.0))
    assert not is_done(on(2, work_done_s=49.0))


def test_a_preview_is_never_done_even_alone() -> None:
    assert is_done(on(2))
    assert not is_done(on(2, speed=30))
    assert not is_done(on(2, purpose="flare"))
    assert not is_done(on(2, flare=True))


def test_the_done_dose_lives_in_the_coaching_rules_only() -> None:
    import coach.journal.stats as stats_module

    assert not hasattr(stats_module, "DONE_DOSE")


# -- frequency adherence ---------------------------------------------------------------------------


def test_every_day_goal_over_a_week() -> None:
    # Mon-Thu done, Fri missed, Sat-Sun done.
    sessions = [on(2), on(3), on(4), on(5), on(7), on(8)]
    statuses = day_statuses(sessions, EVERY_DAY, d(2), d(8))
    assert frequency_adherence(statuses, EVERY_DAY) == Adherence(6, 7)
    assert frequency_adherence(statuses, EVERY_DAY).share == pytest.approx(6 / 7)
    assert streaks(statuses) == (2, 4)


def test_every_day_goal_with_compute_stats() -> None:
    sessions = [on(2), on(3), on(4), on(5), on(7), on(8)]
    stats = compute_stats(sessions, EVERY_DAY, d(8), window_days=7)
    assert stats.window == Adherence(6, 7)
    assert stats.this_week == Adherence(6, 7)
    assert (stats.current_streak, stats.best_streak) == (2, 4)


def test_weekly_goal_five_two_missed_days_is_still_a_full_week() -> None:
    plan = TrainingPlan(weekly_goal=5)
    sessions = [
        # Week of the 2nd: Tue and Thu missed, five days done.
        on(2),
        on(4),
        on(6),
        on(7),
        on(8),
        # Week of the 9th: four days done.
        on(9),
        on(10),
        on(11),
        on(12),
        # Week of the 16th: seven days done, counted up to the goal.
        *(on(day) for day in range(16, 23)),
    ]
    statuses = day_statuses(sessions, plan, d(2), d(22))
    assert weekly_adherence(statuses, plan) == [
        (d(2), Adherence(5, 5)),
        (d(9), Adherence(4, 5)),
        (d(16), Adherence(5, 5)),
    ]
    assert frequency_adherence(statuses, plan) == Adherence(14, 15)


def test_weekly_goal_is_capped_by_the_days_available_in_a_partial_week() -> None:
    # The range starts on Thursday the 5th: four days of that week are in it; Saturday missed.
    plan = TrainingPlan(weekly_goal=5)
    statuses = day_statuses([on(5), on(6), on(8)], plan, d(5), d(8))
    assert weekly_adherence(statuses, plan) == [(d(2), Adherence(3, 4))]


def test_planned_rest_days_are_not_planned_and_do_not_break_the_streak() -> None:
    plan = TrainingPlan(rest_days=frozenset({"sun"}))
    # Mon-Sat for two weeks; Sunday the 8th and Sunday the 15th (today) are rest days.
    sessions = [on(day) for day in range(2, 15) if day != 8]
    stats = compute_stats(sessions, plan, d(15), window_days=14)
    assert stats.statuses[d(8)] is REST
    assert stats.statuses[d(15)] is REST
    assert stats.window == Adherence(12, 12)
    assert stats.this_week == Adherence(6, 6)
    assert (stats.current_streak, stats.best_streak) == (12, 12)


def test_the_same_gap_without_a_rest_day_breaks_the_streak() -> None:
    sessions = [on(day) for day in range(2, 15) if day != 8]
    stats = compute_stats(sessions, EVERY_DAY, d(14), window_days=13)
    assert stats.statuses[d(8)] is MISSED
    assert stats.window == Adherence(12, 13)
    assert (stats.current_streak, stats.best_streak) == (6, 6)


def test_flare_days_do_not_break_the_streak_and_are_not_planned() -> None:
    sessions = [
        on(2),
        on(3),
        on(4, routine_id="flare-up", purpose="flare"),
        on(5, flare=True, status="ended_early"),
        on(6),
    ]
    stats = compute_stats(sessions, EVERY_DAY, d(6), window_days=5)
    assert [stats.statuses[d(day)] for day in range(2, 7)] == [DONE, DONE, FLARE, FLARE, DONE]
    assert stats.window == Adherence(3, 3)
    assert (stats.current_streak, stats.best_streak) == (3, 3)


def test_a_completed_flare_session_does_not_count_as_done() -> None:
    stats = compute_stats([on(2, purpose="flare")], EVERY_DAY, d(2), window_days=1)
    assert stats.statuses[d(2)] is FLARE
    assert stats.window == Adherence(0, 0)
    assert stats.window.share is None
    assert (stats.current_streak, stats.best_streak) == (0, 0)


def test_a_partial_day_breaks_the_streak_and_counts_as_planned() -> None:
    sessions = [on(2), on(3), on(4, status="ended_early"), on(5)]
    stats = compute_stats(sessions, EVERY_DAY, d(5), window_days=4)
    assert stats.statuses[d(4)] is PARTIAL
    assert stats.window == Adherence(3, 4)
    assert (stats.current_streak, stats.best_streak) == (1, 2)


def test_an_interrupted_session_is_a_partial_day() -> None:
    sessions = [on(2), on(3, status="interrupted"), on(4)]
    stats = compute_stats(sessions, EVERY_DAY, d(4), window_days=3)
    assert stats.statuses[d(3)] is PARTIAL
    assert stats.window == Adherence(2, 3)
    assert (stats.current_streak, stats.best_streak) == (1, 1)


def test_today_without_a_session_is_pending_neither_counted_nor_breaking() -> None:
    sessions = [on(2), on(3), on(4)]
    stats = compute_stats(sessions, EVERY_DAY, d(5), window_days=4)
    assert stats.statuses[d(5)] is PENDING
    assert stats.window == Adherence(3, 3)
    assert stats.this_week == Adherence(3, 3)
    assert (stats.current_streak, stats.best_streak) == (3, 3)


def test_yesterday_without_a_session_breaks_the_streak() -> None:
    sessions = [on(2), on(3), on(4)]
    stats = compute_stats(sessions, EVERY_DAY, d(6), window_days=5)
    assert [stats.statuses[d(day)] for day in (5, 6)] == [MISSED, PENDING]
    assert stats.window == Adherence(3, 4)
    assert (stats.current_streak, stats.best_streak) == (0, 3)


def test_best_and_current_streak() -> None:
    # 2-6 done (5), 7 missed, 8-9 done (2), 10 partial, 11-13 done (3), 14 today pending.
    sessions = [
        *(on(day) for day in range(2, 7)),
        on(8),
        on(9),
        on(10, status="ended_early"),
        on(11),
        on(12),
        on(13),
    ]
    stats = compute_stats(sessions, EVERY_DAY, d(14), window_days=13)
    assert (stats.current_streak, stats.best_streak) == (3, 5)


def test_streaks_use_the_whole_history_not_only_the_window() -> None:
    # A ten-day streak in February, then a gap, then three days this week.
    february = [record(f"2026-02-{day:02d}T09:00:00+01:00") for day in range(1, 11)]
    sessions = [*february, on(10), on(11), on(12)]
    stats = compute_stats(sessions, EVERY_DAY, d(12), window_days=7)
    assert (stats.current_streak, stats.best_streak) == (3, 10)
    assert stats.window == Adherence(3, 7)
    assert stats.window_start == d(6)


def test_streaks_on_no_history() -> None:
    assert streaks({}) == (0, 0)


# -- previews --------------------------------------------------------------------------------------


def test_previews_never_count_but_are_counted_as_previews() -> None:
    sessions = [
        on(1, speed=50, pain_before=9, pain_after=9),  # before the first counted session
        on(2, pain_before=6, pain_after=4),
        on(3, routine_id="ql-stretch", speed=50, pain_before=2, pain_after=0, work_done_s=0.0),
        on(4, pain_before=4, pain_after=4, work_done_s=80.0),
    ]
    stats = compute_stats(sessions, EVERY_DAY, d(4), window_days=7)
    # The 3rd had only a preview: missed. The 1st is before the first counted session.
    assert [stats.statuses[d(day)] for day in (2, 3, 4)] == [DONE, MISSED, DONE]
    assert stats.window == Adherence(2, 3)
    assert stats.this_week == Adherence(2, 3)
    assert (stats.current_streak, stats.best_streak) == (1, 1)
    assert stats.dose == pytest.approx(180 / 200)
    assert stats.pain.mean_before == 5.0
    assert stats.pain.mean_after == 4.0
    assert stats.pain.mean_change == -1.0
    assert stats.pain.paired_sessions == 2
    assert stats.pain.sessions_with_relief == 1
    assert stats.sessions == 2
    assert stats.previews == 2
    assert stats.per_routine == {"daily-core": 2}


def test_a_preview_alone_plans_nothing() -> None:
    stats = compute_stats([on(2, speed=30)], EVERY_DAY, d(4), window_days=7)
    assert stats.window == Adherence(0, 0)
    assert stats.this_week == Adherence(0, 0)
    assert stats.sessions == 0
    assert stats.previews == 1
    assert stats.dose is None
    assert stats.per_routine == {}
    assert stats.pain.mean_before is None


def test_a_preview_is_any_speed_other_than_one() -> None:
    assert on(2, speed=0.5).preview
    assert on(2, speed=30).preview
    assert not on(2, speed=1.0).preview


# -- dose ------------------------------------------------------------------------------------------


def test_dose_is_the_sum_done_over_the_sum_planned() -> None:
    sessions = [
        on(2, work_planned_s=60, work_done_s=30.0),
        on(3, work_planned_s=100, work_done_s=100.0),
        on(4, work_planned_s=40, work_done_s=0.0, status="ended_early"),
        on(5, work_planned_s=500, work_done_s=0.0, speed=50),  # a preview: not counted
    ]
    # 130 / 200, not the mean of the ratios (0.5, 1, 0).
    assert dose_adherence(sessions) == pytest.approx(0.65)
    assert compute_stats(sessions, EVERY_DAY, d(5), window_days=4).dose == pytest.approx(0.65)


def test_dose_without_sessions_is_none() -> None:
    assert dose_adherence([]) is None
    assert dose_adherence([on(2, speed=2)]) is None


# -- pain ------------------------------------------------------------------------------------------


def test_pain_trend_rolling_means_change_and_relief() -> None:
    sessions = [
        on(1, pain_before=5, pain_after=3),  # before the window: in the rolling means only
        on(3, pain_before=3, pain_after=2),
        on(4, speed=50, pain_before=0, pain_after=0),  # a preview: ignored
        on(5, pain_before=8, pain_after=7),
        on(9, "08:00", pain_before=10, pain_after=8),
        on(9, "19:00", pain_before=6),  # no score after: not paired
    ]
    trend = pain_trend(sessions, d(3), d(9))
    assert trend.points == (
        PainPoint(d(3), 4.0, 2.5),
        PainPoint(d(4), 4.0, 2.5),
        PainPoint(d(5), 5.33, 4.0),
        PainPoint(d(6), 5.33, 4.0),
        PainPoint(d(7), 5.33, 4.0),
        PainPoint(d(8), 5.5, 4.5),  # the 1st has left the 7 days (2nd..8th)
        PainPoint(d(9), 6.75, 5.67),
    )
    assert trend.mean_before == 6.75  # 3, 8, 10, 6
    assert trend.mean_after == 5.67  # 2, 7, 8
    assert trend.mean_change == -1.33  # -1, -1, -2
    assert trend.paired_sessions == 3
    assert trend.sessions_with_relief == 3  # 3->2, 8->7 and 10->8: relief, however small


def test_pain_trend_without_scores() -> None:
    trend = pain_trend([on(2), on(3)], d(2), d(3))
    assert trend.points == (PainPoint(d(2), None, None), PainPoint(d(3), None, None))
    assert trend.mean_before is None
    assert trend.mean_after is None
    assert trend.mean_change is None
    assert trend.paired_sessions == 0
    assert trend.sessions_with_relief == 0


def test_a_drop_from_one_to_zero_is_relief_and_nothing_is_called_meaningful() -> None:
    sessions = [on(2, pain_before=1, pain_after=0), on(3, pain_before=4, pain_after=4)]
    trend = pain_trend(sessions, d(2), d(3))
    assert trend.sessions_with_relief == 1
    assert trend.mean_change == -0.5
    assert not hasattr(trend, "meaningful_drops")
    assert "meaningful" not in json.dumps(trend.to_json())


def test_relief_counts_only_drops_not_rises_or_no_change() -> None:
    sessions = [
        on(2, pain_before=3, pain_after=5),
        on(3, pain_before=3, pain_after=3),
        on(4, pain_before=6, pain_after=5),
    ]
    trend = pain_trend(sessions, d(2), d(4))
    assert (trend.paired_sessions, trend.sessions_with_relief) == (3, 1)


# -- the day a session belongs to ------------------------------------------------------------------


def test_sessions_either_side_of_a_daylight_saving_change_are_two_days() -> None:
    # Europe/London: +00:00 on Saturday the 28th, +01:00 on Sunday the 29th.
    saturday_night = record("2026-03-28T23:30:00+00:00")
    sunday_morning = record("2026-03-29T00:30:00+01:00")
    assert saturday_night.day == d(28)
    assert sunday_morning.day == d(29)
    sessions = [
        record("2026-03-27T08:00:00+00:00"),
        saturday_night,
        sunday_morning,
        record("2026-03-30T08:00:00+01:00"),
    ]
    stats = compute_stats(sessions, EVERY_DAY, d(30), window_days=7)
    assert [stats.statuses[d(day)] for day in range(27, 31)] == [DONE] * 4
    assert stats.window == Adherence(4, 4)
    assert (stats.current_streak, stats.best_streak) == (4, 4)
    assert stats.sessions == 4


def test_a_session_counts_on_the_day_of_its_own_offset_not_utc() -> None:
    # 00:30 at +02:00 is 22:30 UTC the evening before; the person lived it on the 10th.
    late = record("2026-03-10T00:30:00+02:00")
    early = record("2026-03-10T23:30:00-05:00")  # 04:30 UTC on the 11th
    assert (late.day, early.day) == (d(10), d(10))
    assert statuses_of([late, early], 10, 11) == [DONE, PENDING]


def test_sessions_just_before_and_after_midnight_are_two_days() -> None:
    sessions = [
        on(2, "23:59"),
        on(3, "00:01"),
        on(4, "08:00"),
        on(4, "20:00"),  # a second session the same day counts once
    ]
    stats = compute_stats(sessions, EVERY_DAY, d(4), window_days=3)
    assert [stats.statuses[d(day)] for day in (2, 3, 4)] == [DONE, DONE, DONE]
    assert stats.window == Adherence(3, 3)
    assert (stats.current_streak, stats.best_streak) == (3, 3)
    assert stats.sessions == 4


def test_days_before_the_first_counted_session_are_not_planned() -> None:
    # First session on Tuesday the 10th; the 11th missed; today the 12th.
    sessions = [on(10), on(12)]
    stats = compute_stats(sessions, EVERY_DAY, d(12), window_days=28)
    assert stats.window_start == date(2026, 2, 13)
    assert stats.window == Adherence(2, 3)
    assert stats.this_week == Adherence(2, 3)
    assert (stats.current_streak, stats.best_streak) == (1, 1)


def test_no_sessions_at_all_plans_nothing() -> None:
    stats = compute_stats([], EVERY_DAY, d(12), window_days=28)
    assert stats.window == Adherence(0, 0)
    assert stats.this_week == Adherence(0, 0)
    assert stats.window.share is None
    assert (stats.current_streak, stats.best_streak) == (0, 0)
    assert stats.dose is None
    assert (stats.sessions, stats.previews) == (0, 0)
    assert stats.statuses[d(12)] is PENDING


# -- the whole set of figures ----------------------------------------------------------------------


def four_weeks() -> list[SessionRecord]:
    """Four weeks ending Sunday the 29th, plus older sessions and previews."""
    return [
        record("2026-02-20T09:00:00+01:00"),  # before the window: streak only
        *(on(day, pain_before=5, pain_after=3) for day in range(2, 9)),  # 7 days
        on(9, status="ended_early", work_done_s=40.0, pain_before=6),
        *(on(day, routine_id="ql-stretch", work_planned_s=60) for day in (10, 11, 12)),
        on(13, routine_id="flare-up", purpose="flare", pain_before=8, pain_after=6),
        on(14, speed=30),  # preview: the 14th is missed
        *(on(day) for day in range(16, 22)),  # the 15th missed
        on(23),  # 22nd missed
        on(24),
        on(26),  # 25th missed
        on(27),
        on(28, speed=2),  # preview only: the 28th missed
        on(29, "10:00"),  # today, done
    ]


def test_compute_stats_over_28_days() -> None:
    stats = compute_stats(four_weeks(), EVERY_DAY, d(29), window_days=28)
    assert stats.today == d(29)
    assert stats.window_start == d(2)
    assert list(stats.statuses) == [d(day) for day in range(2, 30)]
    statuses = "".join(str(stats.statuses[d(day)])[0] for day in range(2, 30))
    #                  2      9      16     23
    assert statuses == "dddddddpdddfmmddddddmddmddmd"
    # Week 2-8: 7/7; 9-15: 3 done of 6 (the flare day is not planned); 16-22: 6/7;
    # 23-29: 5/7.
    assert stats.window == Adherence(21, 27)
    assert stats.this_week == Adherence(5, 7)
    assert (stats.current_streak, stats.best_streak) == (1, 7)
    assert stats.sessions == 23
    assert stats.previews == 2
    assert list(stats.per_routine.items()) == [
        ("daily-core", 19),
        ("ql-stretch", 3),
        ("flare-up", 1),
    ]
    # Work: 19 daily-core of 100 s (one ended early with 40), 3 ql-stretch of 60, flare 100.
    planned = 19 * 100 + 3 * 60 + 100
    done = 18 * 100 + 40 + 3 * 60 + 100
    assert stats.dose == pytest.approx(done / planned)
    assert stats.pain.mean_before == round((7 * 5 + 6 + 8) / 9, 2)
    assert stats.pain.mean_after == round((7 * 3 + 6) / 8, 2)
    assert stats.pain.mean_change == -2.0
    assert stats.pain.paired_sessions == 8
    assert stats.pain.sessions_with_relief == 8
    assert len(stats.pain.points) == 28


def test_stats_to_json_is_plain_data() -> None:
    stats = compute_stats(four_weeks(), EVERY_DAY, d(29), window_days=28)
    data = json.loads(json.dumps(stats.to_json()))
    assert data["today"] == "2026-03-29"
    assert data["window_start"] == "2026-03-02"
    assert data["window"] == {"done": 21, "planned": 27, "share": 21 / 27}
    assert data["this_week"] == {"done": 5, "planned": 7, "share": 5 / 7}
    assert data["current_streak"] == 1
    assert data["best_streak"] == 7
    assert data["sessions"] == 23
    assert data["previews"] == 2
    assert data["per_routine"] == {"daily-core": 19, "ql-stretch": 3, "flare-up": 1}
    assert data["statuses"]["2026-03-09"] == "partial"
    assert data["statuses"]["2026-03-13"] == "flare"
    assert len(data["statuses"]) == 28
    assert data["pain"]["paired_sessions"] == 8
    assert data["pain"]["sessions_with_relief"] == 8
    assert "meaningful_drops" not in data["pain"]
    assert data["pain"]["rolling_7_day"][0] == {"day": "2026-03-02", "before": 5.0, "after": 3.0}
    assert len(data["pain"]["rolling_7_day"]) == 28


def test_empty_stats_to_json_is_plain_data() -> None:
    data = json.loads(json.dumps(compute_stats([], EVERY_DAY, d(29)).to_json()))
    assert data["window"] == {"done": 0, "planned": 0, "share": None}
    assert data["dose"] is None
    assert data["pain"]["mean_change"] is None


# -- the words of `coach stats` and `coach history` ------------------------------------------------


def stats_text(stats: Stats) -> str:
    # Imported here, as `coach.cli` does: its run_* functions take sys.stdout and sys.stderr
    # as default arguments, which an import at collection time would bind too early.
    from coach.commands.journal import _print_stats

    out = StringIO()
    _print_stats(stats, out)
    return out.getvalue()


def test_stats_text_says_relief_and_what_the_mean_before_covers() -> None:
    sessions = [on(2, pain_before=1, pain_after=0), on(3, pain_before=5, pain_after=3)]
    text = stats_text(compute_stats(sessions, EVERY_DAY, d(3), window_days=2))
    assert "meaningful" not in text.lower()
    pain = text[text.index("Pain:") :].splitlines()
    assert pain[0] == "Pain:       before 3.0, after 1.5 (days with a session only)"
    assert pain[1].strip() == (
        "Relief of 1.5 points on average within a session; "
        "relief in 2 of 2 sessions with both scores."
    )


def test_stats_text_without_pain_scores() -> None:
    text = stats_text(compute_stats([on(2)], EVERY_DAY, d(2), window_days=1))
    assert "before n/a, after n/a (days with a session only)" in text
    assert "No session with pain scored before and after." in text


@pytest.mark.parametrize(
    ("session", "status"),
    [
        (on(2), "Completed"),
        (on(2, work_done_s=9.0), "Skipped through"),
        (on(2, status="ended_early"), "Ended early"),
        (on(2, status="interrupted"), "Interrupted"),
        (on(2, status="running"), "In progress"),
    ],
)
def test_history_lines_use_the_session_end_words(session: SessionRecord, status: str) -> None:
    from coach.commands.journal import _history_line

    line = _history_line(session)
    assert f"  {status}  " in line
    assert "  done  " not in line
