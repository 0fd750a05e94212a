"""Pain over a chosen range (4 weeks, 3 months, a year, all), as many points as fit a width.

The history screen's chart shows the last four weeks as 7-day rolling means, day by day
(``coach.journal.stats``). Widened, there are too many days for the room: each point is then
the mean of pain before and after the counted sessions of a span of days, the span chosen so
the points fill the chart's width. Pure: the caller reads the sessions (off the UI thread).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta

from coach.journal.records import SessionRecord
from coach.journal.stats import PainPoint, counted

__all__ = ["RANGES", "PainRange", "bucket_days", "pain_points", "range_start"]

PainRange = tuple[str, int | None]
RANGES: tuple[PainRange, ...] = (("4 weeks", 28), ("3 months", 91), ("a year", 365), ("all", None))
"""The ranges the chart can show, narrowest first (None: since the first session)."""


def range_start(days: int | None, today: date, first: date | None) -> date:
    """The first day the range shows."""
    if days is None:
        return first or today
    return today - timedelta(days=days - 1)


def bucket_days(start: date, today: date, points: int) -> int:
    """How many days each point covers so that at most ``points`` points span the range."""
    span = (today - start).days + 1
    return max(1, math.ceil(span / max(1, points)))


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def pain_points(
    sessions: Iterable[SessionRecord], start: date, today: date, points: int
) -> tuple[tuple[PainPoint, ...], int]:
    """Mean pain before and after the counted sessions of each span from ``start`` to
    ``today``, and the span's length in days. A span without scores is a gap (None)."""
    size = bucket_days(start, today, points)
    before: dict[int, list[int]] = {}
    after: dict[int, list[int]] = {}
    for session in counted(sessions):
        day = session.started.date()
        if not start <= day <= today:
            continue
        index = (day - start).days // size
        if session.pain_before is not None:
            before.setdefault(index, []).append(session.pain_before)
        if session.pain_after is not None:
            after.setdefault(index, []).append(session.pain_after)
    count = (today - start).days // size + 1
    result = tuple(
        PainPoint(
            min(today, start + timedelta(days=(index + 1) * size - 1)),
            _mean(before.get(index, [])),
            _mean(after.get(index, [])),
        )
        for index in range(count)
    )
    return result, size
