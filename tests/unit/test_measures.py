"""Outcome measures with answers worked out by hand (shared/DOMAIN.md section 4).

November 2026: Monday the 2nd, 9th, 16th and 23rd start the weeks used here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from coach.coaching.measures import (
    DayScore,
    FlareEpisode,
    WeekMean,
    baseline_change,
    change_text,
    day_scores,
    flare_days,
    flare_episodes,
    is_meaningful,
    morning_due,
    peg_due,
    peg_score,
    weekly_means,
)


def d(day: int) -> date:
    return date(2026, 11, day)


def week(monday: int, mean: float) -> WeekMean:
    return WeekMean(d(monday), mean, 3, 0)


@dataclass(frozen=True)
class Entry:
    kind: str
    date: date


def test_the_calendar_assumed_here() -> None:
    assert [d(n).strftime("%a") for n in (2, 9, 16, 23)] == ["Mon"] * 4


def test_the_peg_score_is_the_mean_of_its_three_items() -> None:
    assert peg_score(6, 5, 4) == 5.0
    assert peg_score(7, 4, 4) == 5.0
    assert peg_score(10, 0, 1) == pytest.approx(11 / 3)


def test_a_daily_score_wins_over_pain_before_sessions_which_fill_other_days() -> None:
    scores = day_scores({d(3): 6}, [(d(3), 2), (d(4), 5), (d(4), 2)])
    assert scores == [DayScore(d(3), 6.0, "daily"), DayScore(d(4), 3.5, "session")]


def test_weekly_means_group_monday_to_sunday() -> None:
    scores = day_scores({d(2): 6, d(8): 4, d(9): 3}, [(d(5), 2)])
    assert weekly_means(scores) == [WeekMean(d(2), 4.0, 3, 1), WeekMean(d(9), 3.0, 1, 0)]


def test_the_baseline_is_the_first_week_with_scores_and_the_change_the_latest_against_it() -> None:
    means = weekly_means(day_scores({d(4): 6, d(10): 5, d(24): 3}, []))
    change = baseline_change(means[0], means[-1])
    assert change is not None
    assert change.baseline.week == d(2)
    assert change.latest.week == d(23)
    assert change.points == -3.0
    assert change.percent == pytest.approx(-50.0)
    assert change.meaningful


def test_no_change_while_the_baseline_week_is_the_latest() -> None:
    assert baseline_change(week(2, 6), week(2, 6)) is None
    assert baseline_change(None, week(9, 3)) is None
    assert "needs scores in a week after" in change_text(None)


def test_one_to_zero_is_relief_not_a_meaningful_change() -> None:
    change = baseline_change(week(2, 1), week(9, 0))
    assert change is not None and change.percent == -100.0
    assert not change.meaningful
    assert "not yet a meaningful change" in change_text(change)


def test_two_points_under_thirty_percent_is_not_meaningful() -> None:
    change = baseline_change(week(2, 8), week(9, 6))  # 2 points, 25%
    assert change is not None and not change.meaningful


def test_two_points_and_thirty_percent_exactly_is_meaningful_despite_float_noise() -> None:
    assert is_meaningful(-2.0, -30.0)
    # 20/3 -> 14/3: 2 points, 30% of 6.67, computed in floats
    change = baseline_change(week(2, 20 / 3), week(9, 14 / 3))
    assert change is not None and change.meaningful
    assert "a meaningful change" in change_text(change)


def test_a_rise_can_be_meaningful_too_and_says_so() -> None:
    change = baseline_change(week(2, 3), week(9, 6))
    assert change is not None and change.meaningful
    assert change_text(change).startswith("3.0 points more pain, 100%")


def test_from_a_baseline_of_zero_the_points_alone_decide() -> None:
    rise = baseline_change(week(2, 0), week(9, 2))
    small = baseline_change(week(2, 0), week(9, 1))
    assert rise is not None and rise.percent is None and rise.meaningful
    assert small is not None and not small.meaningful


def test_flare_days_are_flare_sessions_and_red_scores_at_the_threshold() -> None:
    scores = day_scores({d(3): 7, d(4): 6}, [(d(5), 7), (d(5), 6)])  # 5th: mean 6.5
    assert flare_days([d(10)], scores) == {d(3), d(10)}
    assert flare_days([], scores, red_from=6) == {d(3), d(4), d(5)}
    assert flare_days([], scores, red_from=9) == {d(3)}  # red starts at 7 at the latest


def test_flare_days_up_to_two_apart_make_one_episode() -> None:
    days = [d(3), d(4), d(6), d(10), d(20), d(21)]
    assert flare_episodes(days) == [
        FlareEpisode(d(3), 4),
        FlareEpisode(d(10), 1),
        FlareEpisode(d(20), 2),
    ]
    assert FlareEpisode(d(3), 4).end == d(6)
    assert flare_episodes([]) == []


def test_the_morning_check_is_due_until_today_has_one() -> None:
    assert morning_due(d(10), [])
    assert morning_due(d(10), [Entry("morning", d(9)), Entry("pain", d(10))])
    assert not morning_due(d(10), [Entry("morning", d(10))])


def test_the_peg_is_due_once_a_monday_to_sunday_week() -> None:
    logged_sunday = [Entry("peg", d(8))]
    assert not peg_due(d(8), logged_sunday)
    assert peg_due(d(9), logged_sunday)  # Monday: a new week
    assert not peg_due(d(15), [Entry("peg", d(9))])
    assert peg_due(d(15), [Entry("walk", d(10))])
