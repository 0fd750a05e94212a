"""The walking goal's growth over weeks, with answers worked out by hand.

November 2026: the weeks start on Monday the 2nd, 9th, 16th, 23rd and 30th.
"""

from __future__ import annotations

from datetime import date, timedelta

from coach.coaching.walking import (
    RUNGS,
    TARGET,
    WalkGoal,
    minutes_by_day,
    reached_rung,
    walk_adherence,
    weekly_goal,
)


def d(day: int) -> date:
    return date(2026, 11, 1) + timedelta(days=day - 1)


def week_of_walks(monday: int, *minutes: int) -> dict[date, int]:
    """Walks on consecutive days from ``monday``."""
    return {d(monday + i): m for i, m in enumerate(minutes)}


def test_the_rungs_add_walk_days_then_minutes_up_to_the_target() -> None:
    assert RUNGS[0] == WalkGoal(1, 10)
    assert RUNGS[4] == WalkGoal(5, 10)
    assert RUNGS[5] == WalkGoal(5, 15)
    assert RUNGS[-1] == TARGET == WalkGoal(5, 30)
    assert list(RUNGS) == sorted(RUNGS)


def test_from_nothing_the_goal_is_one_ten_minute_walk() -> None:
    assert weekly_goal(d(16), {}) == WalkGoal(1, 10)


def test_from_a_little_the_goal_is_one_rung_above_what_was_done() -> None:
    walks = week_of_walks(9, 15, 12)  # 2 days of 10+ minutes
    assert weekly_goal(d(16), walks) == WalkGoal(3, 10)


def test_a_goal_reached_each_week_grows_one_rung_a_week() -> None:
    walks: dict[date, int] = {}
    goals = []
    for monday in (2, 9, 16, 23, 30):
        goal = weekly_goal(d(monday), walks)
        goals.append(goal)
        walks |= week_of_walks(monday, *[goal.minutes] * goal.days)  # did exactly the goal
    assert goals == [WalkGoal(n, 10) for n in range(1, 6)]
    goal = weekly_goal(d(37), walks)  # Monday 7 December
    assert goal == WalkGoal(5, 15)


def test_the_goal_never_passes_thirty_minutes_five_times_a_week() -> None:
    walks = week_of_walks(9, 60, 60, 60, 60, 60, 60, 60)
    assert weekly_goal(d(16), walks) == TARGET


def test_a_missed_week_does_not_raise_the_goal() -> None:
    walks = week_of_walks(2, 10, 10, 10)  # reached 3 x 10
    assert weekly_goal(d(9), walks) == WalkGoal(4, 10)
    assert weekly_goal(d(16), walks) == WalkGoal(4, 10)  # week of the 9th: nothing


def test_a_shorter_week_keeps_the_goal_and_a_month_without_walks_starts_again() -> None:
    walks = week_of_walks(2, 10, 10, 10) | week_of_walks(9, 10)
    assert weekly_goal(d(16), walks) == WalkGoal(4, 10)
    assert weekly_goal(d(37), walks) == WalkGoal(2, 10)  # only the week of the 9th is left
    assert weekly_goal(d(44), walks) == WalkGoal(1, 10)  # four weeks without walks


def test_walks_on_one_day_add_up_and_reach_a_rung_together() -> None:
    days = minutes_by_day([(d(2), 5), (d(2), 6), (d(3), 9)])
    assert days == {d(2): 11, d(3): 9}
    assert reached_rung(days) == 0  # one day of 10+ minutes
    assert reached_rung({d(2): 9}) is None


def test_this_weeks_walking_against_its_goal() -> None:
    walks = week_of_walks(9, 20, 20) | {d(16): 25, d(18): 5}
    adherence = walk_adherence(d(18), walks)  # Wednesday
    assert adherence.goal == WalkGoal(3, 10)
    assert (adherence.walk_days, adherence.minutes, adherence.reached) == (2, 30, False)
    assert adherence.days_share == 2 / 3
    assert adherence.minutes_share == 1.0
    assert walk_adherence(d(18), walks | {d(17): 10, d(18): 10}).reached
