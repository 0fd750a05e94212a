"""The training plan (weekly goal and rest days) as config.toml sets it, read without pydantic.

``coach stats`` and ``coach report`` need only these two settings, and building the settings
model costs more than the rest of either command on a fifty-year journal. The weekday names
and the goal's bounds are defined here and the settings model uses them, so the two readers
cannot disagree about a valid value; for anything else (a broken file, a value out of range)
``quick_training_plan`` gives up and the full loader decides, reporting the problem.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from coach.journal.stats import TrainingPlan
from coach.limits import MAX_CONFIG_BYTES
from coach.safefile import UnreadableFileError, read_bounded

__all__ = [
    "DEFAULT_WEEKLY_GOAL",
    "WEEKDAYS",
    "WEEKLY_GOAL_MAX",
    "WEEKLY_GOAL_MIN",
    "Weekday",
    "quick_training_plan",
]

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKLY_GOAL_MIN, WEEKLY_GOAL_MAX = 1, 7
DEFAULT_WEEKLY_GOAL = 7


def quick_training_plan(path: Path) -> TrainingPlan | None:
    """The plan the settings file sets, or None when only the full settings loader can say.

    A missing file is the defaults. The file is read as every settings read is: a regular
    file, bounded in size.
    """
    try:
        data = tomllib.loads(read_bounded(path, MAX_CONFIG_BYTES).decode("utf-8"))
    except UnreadableFileError as exc:
        return TrainingPlan(DEFAULT_WEEKLY_GOAL) if exc.missing else None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    goal = data.get("weekly_goal", DEFAULT_WEEKLY_GOAL)
    rest_days = data.get("rest_days", [])
    if type(goal) is not int or not WEEKLY_GOAL_MIN <= goal <= WEEKLY_GOAL_MAX:
        return None
    if not isinstance(rest_days, list) or not all(day in WEEKDAYS for day in rest_days):
        return None
    return TrainingPlan(goal, frozenset(rest_days))
