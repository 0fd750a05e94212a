"""Outcome measures over weeks: daily pain, the baseline and its change, the PEG, flare-ups.

Pure: plain values in, plain values (and words) out; no UI, no SQL, no journal import.
Definitions (shared/DOMAIN.md section 4):

* A day's **score** is its daily pain score (``coach log pain``; a second one for the same day
  replaces the first). A day without one takes the mean pain before that day's sessions
  (previews excluded), so people who only score at sessions still get a trend; each day says
  which it is. Days with neither are missing: bad days without a score or a session are not
  in any mean, which is why the daily score is asked for.
* The **weekly mean** is the mean of the day scores of a Monday-to-Sunday week.
* The **baseline** is the first week with any day score. The **change** is the latest week
  with scores against it (none while the baseline week is the latest). It is **meaningful**
  only when it is at least ``MEANINGFUL_POINTS`` (2) points *and* at least
  ``MEANINGFUL_PERCENT`` (30%) of the baseline mean (Ostelo 2008; Farrar 2001), whichever way
  it goes. A baseline of 0 has no percentage; then the points alone decide. A drop from 1 to 0
  is 1 point: not meaningful. The IMMPACT bands are not used (they leave 20-30% unnamed).
  Within one session the change before -> after is *relief*, never "meaningful"
  (``coach.coaching.outcome``).
* The **PEG** (Krebs 2009) is three 0-10 items about the past week; its score is their mean.
  It is asked at most once a week.
* A **flare day** is a day with a flare-up session (previews excluded) or a day score in the
  red band (``coach.coaching.traffic``: the ``pain_threshold`` setting, 7 at the latest).
  Flare days at most ``FLARE_JOIN_DAYS`` (2) apart make one **flare episode**: a single
  quiet day inside a flare (often just a day nobody logged) does not split it. An episode's
  length counts every day from its first flare day to its last.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from math import floor
from statistics import fmean
from typing import Any, Literal, Protocol

from coach.coaching.traffic import Light, light_for
from coach.coaching.weeks import week_start

__all__ = [
    "FLARE_JOIN_DAYS",
    "MEANINGFUL_PERCENT",
    "MEANINGFUL_POINTS",
    "SCORE_SCOPE",
    "Change",
    "DayScore",
    "FlareEpisode",
    "Logged",
    "WeekMean",
    "baseline_change",
    "change_text",
    "day_scores",
    "flare_days",
    "flare_episodes",
    "is_meaningful",
    "morning_due",
    "peg_due",
    "peg_score",
    "weekly_means",
]

MEANINGFUL_POINTS = 2
MEANINGFUL_PERCENT = 30
FLARE_JOIN_DAYS = 2
"""Flare days this many days apart or closer belong to one episode."""
_NOISE = 1e-9
"""Means of whole numbers are not exact in binary: 2 points must not read as 1.9999999."""
SCORE_SCOPE = (
    "daily pain scores; pain before sessions on days without one; days with neither are missing"
)
"""What the weekly means cover, said wherever they are shown (DOMAIN.md section 4)."""

ScoreSource = Literal["daily", "session"]


class Logged(Protocol):
    """What the due checks need of a log entry (``coach.journal.logbook.LogEntry`` fits)."""

    @property
    def kind(self) -> str: ...
    @property
    def date(self) -> date: ...


@dataclass(frozen=True)
class DayScore:
    """A day's pain score and where it came from."""

    day: date
    pain: float
    source: ScoreSource

    def to_json(self) -> dict[str, Any]:
        """Plain data."""
        return {"day": self.day.isoformat(), "pain": round(self.pain, 2), "source": self.source}


@dataclass(frozen=True)
class WeekMean:
    """The mean of a week's day scores; ``days`` scored, ``session_days`` of them from
    sessions only."""

    week: date
    mean: float
    days: int
    session_days: int

    def to_json(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "week": self.week.isoformat(),
            "mean": round(self.mean, 2),
            "days": self.days,
            "session_days": self.session_days,
        }


@dataclass(frozen=True)
class Change:
    """The latest weekly mean against the baseline week's.

    ``points`` is latest - baseline (negative: less pain); ``percent`` the same as a share of
    the baseline mean (None when the baseline is 0).
    """

    baseline: WeekMean
    latest: WeekMean
    points: float
    percent: float | None
    meaningful: bool

    def to_json(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "baseline_week": self.baseline.week.isoformat(),
            "latest_week": self.latest.week.isoformat(),
            "points": round(self.points, 2),
            "percent": None if self.percent is None else round(self.percent, 1),
            "meaningful": self.meaningful,
        }


@dataclass(frozen=True)
class FlareEpisode:
    """A run of flare days: its first day and its length in days."""

    start: date
    days: int

    @property
    def end(self) -> date:
        """Its last day."""
        return self.start + timedelta(days=self.days - 1)

    def to_json(self) -> dict[str, Any]:
        """Plain data."""
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "days": self.days}


def peg_score(pain: int, enjoyment: int, activity: int) -> float:
    """The PEG score: the mean of its three 0-10 items (Krebs 2009)."""
    return (pain + enjoyment + activity) / 3


def day_scores(
    daily: Mapping[date, int], before_sessions: Iterable[tuple[date, int]]
) -> list[DayScore]:
    """Each scored day, oldest first: its daily score, else the mean pain before its sessions.

    ``before_sessions``: (day, pain before) of sessions that count for scores (no previews).
    """
    befores: dict[date, list[int]] = {}
    for day, pain in before_sessions:
        befores.setdefault(day, []).append(pain)
    scores = {day: DayScore(day, float(pain), "daily") for day, pain in daily.items()}
    for day, pains in befores.items():
        scores.setdefault(day, DayScore(day, fmean(pains), "session"))
    return [scores[day] for day in sorted(scores)]


def weekly_means(scores: Iterable[DayScore]) -> list[WeekMean]:
    """The mean of each week with day scores, oldest first."""
    weeks: dict[date, list[DayScore]] = {}
    for score in scores:
        weeks.setdefault(week_start(score.day), []).append(score)
    return [
        WeekMean(
            week,
            fmean(s.pain for s in days),
            len(days),
            sum(1 for s in days if s.source == "session"),
        )
        for week, days in sorted(weeks.items())
    ]


def is_meaningful(points: float, percent: float | None) -> bool:
    """At least 2 points and (when there is a percentage) at least 30%, either way."""
    if abs(points) < MEANINGFUL_POINTS - _NOISE:
        return False
    return percent is None or abs(percent) >= MEANINGFUL_PERCENT - _NOISE


def baseline_change(baseline: WeekMean | None, latest: WeekMean | None) -> Change | None:
    """The change of ``latest`` against ``baseline``; None without two different weeks."""
    if baseline is None or latest is None or latest.week <= baseline.week:
        return None
    points = latest.mean - baseline.mean
    percent = None if baseline.mean == 0 else 100 * points / baseline.mean
    return Change(baseline, latest, points, percent, is_meaningful(points, percent))


def change_text(change: Change | None) -> str:
    """The change against the baseline in the words DOMAIN.md allows (no label, no full stop)."""
    if change is None:
        return "needs scores in a week after the baseline week"
    base, now = change.baseline, change.latest
    figures = (
        f"weekly mean {now.mean:.1f} (week of {now.week:%d %b}) against a baseline of "
        f"{base.mean:.1f} (week of {base.week:%d %b})"
    )
    if abs(change.points) < 0.05:
        return f"none: {figures}"
    way = "less" if change.points < 0 else "more"
    share = "" if change.percent is None else f", {abs(change.percent):.0f}%"
    verdict = "a meaningful change" if change.meaningful else "not yet a meaningful change"
    return (
        f"{abs(change.points):.1f} points {way} pain{share}: {verdict} "
        f"(that needs 2 points and 30%); {figures}"
    )


def flare_days(
    flare_session_days: Iterable[date], scores: Iterable[DayScore], red_from: int = 7
) -> set[date]:
    """Days with a flare-up session or a day score in the red band."""
    # A mean such as 6.5 has not reached 7: the band of its whole part.
    red = {s.day for s in scores if light_for(floor(s.pain + _NOISE), red_from) is Light.RED}
    return red | set(flare_session_days)


def flare_episodes(days: Iterable[date]) -> list[FlareEpisode]:
    """Flare days joined into episodes (days at most ``FLARE_JOIN_DAYS`` apart), oldest first."""
    episodes: list[FlareEpisode] = []
    start = last = None
    for day in sorted(set(days)):
        if start is None or last is None or (day - last).days > FLARE_JOIN_DAYS:
            if start is not None and last is not None:
                episodes.append(FlareEpisode(start, (last - start).days + 1))
            start = day
        last = day
    if start is not None and last is not None:
        episodes.append(FlareEpisode(start, (last - start).days + 1))
    return episodes


def morning_due(today: date, entries: Iterable[Logged], used_before: bool = True) -> bool:
    """The next-morning check is asked when today has none yet, once coach was used on an
    earlier day (on the very first day there is no yesterday to compare with)."""
    return used_before and not any(e.kind == "morning" and e.date == today for e in entries)


def peg_due(today: date, entries: Iterable[Logged]) -> bool:
    """The PEG is asked when this week (Monday to Sunday) has none yet."""
    monday = week_start(today)
    return not any(e.kind == "peg" and monday <= e.date <= today for e in entries)
