"""The week coach counts in: Monday to Sunday (ISO weeks).

Adherence, the weekly pain means, the weekly PEG and the walking goal all count the same
weeks, so the day a week starts is decided here once.
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = ["week_start"]


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())
