"""The weekly walking goal and walking adherence (shared/DOMAIN.md section 6b).

WalkBack (Pocovi 2024) built up to 30 minutes, 5 times a week. How fast coach raises the goal
on the way there is **coach's own policy, not a medical claim**: small steps, offered, never
imposed, and never above the target.

* A **walk day** is a day with logged walks; walks on the same day add up to its minutes.
* The goal is a rung of ``RUNGS``: at least ``minutes`` on ``days`` walk days of a week. The
  rungs first add one walk day a week (10 minutes each) up to five, then five minutes per walk
  up to 30.
* A week **reaches** a rung when it has at least the rung's days with at least its minutes.
* **This week's goal** is the rung after the highest rung reached in any of the
  ``LOOKBACK_WEEKS`` (4) weeks before this one; with no walks in them it is the first rung
  (one 10-minute walk). So the goal starts from what the person does now, rises one rung after
  a week that reached it, stays where it was after a missed or shorter week, never passes the
  target, and starts again gently after a month without walks. It is fixed for the week:
  walking more today raises next week's goal, not this one's.
* **Walking adherence** is this week's walk days against the goal's days and this week's
  minutes against the goal's (days x minutes), apart from session adherence, which stays
  sessions done / planned.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from coach.coaching.weeks import week_start

__all__ = [
    "LOOKBACK_WEEKS",
    "RUNGS",
    "TARGET",
    "WalkAdherence",
    "WalkGoal",
    "minutes_by_day",
    "reached_rung",
    "walk_adherence",
    "weekly_goal",
]


@dataclass(frozen=True, order=True)
class WalkGoal:
    """At least ``minutes`` of walking on ``days`` days of a week."""

    days: int
    minutes: int

    def text(self) -> str:
        """``3 walks of 10 minutes``."""
        walks = "walk" if self.days == 1 else "walks"
        return f"{self.days} {walks} of {self.minutes} minutes"

    def to_json(self) -> dict[str, int]:
        """Plain data."""
        return {"days": self.days, "minutes": self.minutes}


TARGET = WalkGoal(5, 30)
RUNGS: tuple[WalkGoal, ...] = (
    *(WalkGoal(days, 10) for days in range(1, TARGET.days + 1)),
    *(WalkGoal(TARGET.days, minutes) for minutes in range(15, TARGET.minutes + 1, 5)),
)
LOOKBACK_WEEKS = 4


@dataclass(frozen=True)
class WalkAdherence:
    """This week's walking against its goal."""

    goal: WalkGoal
    walk_days: int
    minutes: int
    reached: bool

    @property
    def days_share(self) -> float:
        """Walk days / the goal's days (may pass 1)."""
        return self.walk_days / self.goal.days

    @property
    def minutes_share(self) -> float:
        """Minutes / the goal's minutes in all (may pass 1)."""
        return self.minutes / (self.goal.days * self.goal.minutes)

    def to_json(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "goal": self.goal.to_json(),
            "walk_days": self.walk_days,
            "minutes": self.minutes,
            "reached": self.reached,
            "days_share": round(self.days_share, 3),
            "minutes_share": round(self.minutes_share, 3),
        }


def minutes_by_day(walks: Iterable[tuple[date, int]]) -> dict[date, int]:
    """(day, minutes) of each walk -> the minutes of each walk day."""
    days: dict[date, int] = {}
    for day, minutes in walks:
        days[day] = days.get(day, 0) + minutes
    return dict(sorted(days.items()))


def _reaches(days: Mapping[date, int], rung: WalkGoal) -> bool:
    return sum(1 for minutes in days.values() if minutes >= rung.minutes) >= rung.days


def reached_rung(days: Mapping[date, int]) -> int | None:
    """The index in ``RUNGS`` of the highest rung these walk days reach (None: not the first)."""
    reached = [i for i, rung in enumerate(RUNGS) if _reaches(days, rung)]
    return max(reached) if reached else None


def weekly_goal(today: date, walk_days: Mapping[date, int]) -> WalkGoal:
    """This week's goal from the walk days of the ``LOOKBACK_WEEKS`` weeks before it."""
    monday = week_start(today)
    best: int | None = None
    for weeks_back in range(1, LOOKBACK_WEEKS + 1):
        start = monday - timedelta(weeks=weeks_back)
        week = {d: m for d, m in walk_days.items() if start <= d < start + timedelta(days=7)}
        rung = reached_rung(week)
        if rung is not None and (best is None or rung > best):
            best = rung
    return RUNGS[0] if best is None else RUNGS[min(best + 1, len(RUNGS) - 1)]


def walk_adherence(today: date, walk_days: Mapping[date, int]) -> WalkAdherence:
    """This week's walk days and minutes (up to today) against this week's goal."""
    goal = weekly_goal(today, walk_days)
    monday = week_start(today)
    week = {d: m for d, m in walk_days.items() if monday <= d <= today}
    return WalkAdherence(goal, len(week), sum(week.values()), _reaches(week, goal))
