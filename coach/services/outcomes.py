"""Outcomes and walking as the CLI, the app and the report show them.

Reads what the measures need and no more: log entries from a ``since`` day on (through the
index on ``log_entries.day``), the sessions of that window, and for the baseline only the
first week with scores (found through the indexes, read alone), so a fifty-year journal costs
what a month does. The rules are in ``coach.coaching.measures`` and ``coach.coaching.walking``;
the words for home and ``coach stats`` are here, once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Any

from coach.coaching import measures
from coach.coaching.measures import Change, DayScore, FlareEpisode, WeekMean
from coach.coaching.outcome import is_core_session
from coach.coaching.walking import (
    LOOKBACK_WEEKS,
    TARGET,
    WalkAdherence,
    WalkGoal,
    minutes_by_day,
    walk_adherence,
)
from coach.coaching.weeks import week_start
from coach.journal.logbook import LogEntry, LogKind, entries
from coach.journal.records import Journal
from coach.journal.rows import is_preview

__all__ = [
    "MORNING_DAYS",
    "Outcomes",
    "PegResult",
    "WalkWeek",
    "Walking",
    "flare_home_line",
    "home_lines",
    "morning_due",
    "outcome_lines",
    "outcomes",
    "pain_home_line",
    "peg_due",
    "walking",
    "walking_home_line",
    "walking_lines",
]

DEFAULT_WEEKS = 12
"""Without ``since``, outcomes cover this many weeks (this one included)."""
MORNING_DAYS = 7
"""The morning answers shown: those of the last this many days."""
_WEEK = timedelta(days=7)
_ENTRY_COLUMNS = [f.name for f in fields(LogEntry)]


@dataclass(frozen=True)
class PegResult:
    """One weekly PEG: its three items and its score."""

    day: date
    pain: int
    enjoyment: int
    activity: int

    @property
    def score(self) -> float:
        """The mean of the three items."""
        return measures.peg_score(self.pain, self.enjoyment, self.activity)

    def to_json(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "day": self.day.isoformat(),
            "pain": self.pain,
            "enjoyment": self.enjoyment,
            "activity": self.activity,
            "score": round(self.score, 2),
        }


@dataclass(frozen=True)
class Outcomes:
    """Pain over weeks from ``since`` to ``today``, the baseline and the change against it."""

    today: date
    since: date
    scores: tuple[DayScore, ...]
    leg: tuple[tuple[date, int], ...]
    weeks: tuple[WeekMean, ...]
    baseline: WeekMean | None
    change: Change | None
    peg: tuple[PegResult, ...]
    mornings: tuple[tuple[date, str], ...]
    flares: tuple[FlareEpisode, ...]
    morning_due: bool
    peg_due: bool

    def to_json(self) -> dict[str, Any]:
        """Plain data for ``coach stats --json`` (keys in the README)."""
        return {
            "since": self.since.isoformat(),
            "scope": measures.SCORE_SCOPE,
            "daily_pain": [s.to_json() for s in self.scores],
            "leg_pain": [{"day": d.isoformat(), "leg": leg} for d, leg in self.leg],
            "weekly_means": [w.to_json() for w in self.weeks],
            "baseline": None if self.baseline is None else self.baseline.to_json(),
            "change": None if self.change is None else self.change.to_json(),
            "peg": [p.to_json() for p in self.peg],
            "mornings": [{"day": d.isoformat(), "answer": a} for d, a in self.mornings],
            "flare_episodes": [f.to_json() for f in self.flares],
            "morning_due": self.morning_due,
            "peg_due": self.peg_due,
        }


@dataclass(frozen=True)
class _SessionFacts:
    day: date
    pain_before: int | None
    flare: bool


def _latest_per_day(found: list[LogEntry]) -> dict[date, LogEntry]:
    """The last entry logged for each day (a later one replaces an earlier one)."""
    return {entry.date: entry for entry in found}  # ``entries`` gives them in logged order


def _sessions(journal: Journal, first: date, last: date) -> list[_SessionFacts]:
    """Counted (not preview) sessions of the local days ``first``..``last``.

    Stored start times begin with their local day, so the day range is a string range on
    the ``started_at`` index.
    """
    rows = journal.conn.execute(
        "SELECT started_at, speed, pain_before, flare, purpose FROM sessions "
        "WHERE started_at >= ? AND started_at < ?",
        (first.isoformat(), (last + timedelta(days=1)).isoformat()),
    )
    return [
        _SessionFacts(date.fromisoformat(started[:10]), pain, bool(flare) or purpose == "flare")
        for started, speed, pain, flare, purpose in rows
        if not is_preview(speed) and is_core_session(purpose)
    ]


def _entries_between(
    journal: Journal, kinds: tuple[LogKind, ...], first: date, last: date
) -> list[LogEntry]:
    """Entries of ``kinds`` about the days ``first``..``last``, in logged order (the upper
    bound keeps a baseline week from reading every later year)."""
    marks = ", ".join("?" for _ in kinds)
    rows = journal.conn.execute(
        f"SELECT {', '.join(_ENTRY_COLUMNS)} FROM log_entries "
        f"WHERE kind IN ({marks}) AND day BETWEEN ? AND ? ORDER BY day, logged_at, rowid",
        (*kinds, first.isoformat(), last.isoformat()),
    )
    return [LogEntry(**dict(zip(_ENTRY_COLUMNS, row, strict=True))) for row in rows]


def _scores(
    journal: Journal, first: date, last: date
) -> tuple[list[DayScore], dict[date, LogEntry], list[_SessionFacts]]:
    """Day scores, the latest daily entries and the sessions of ``first``..``last``."""
    daily = _latest_per_day(_entries_between(journal, ("pain",), first, last))
    sessions = _sessions(journal, first, last)
    befores = [(s.day, s.pain_before) for s in sessions if s.pain_before is not None]
    pains = {d: e.pain for d, e in daily.items() if e.pain is not None}
    return measures.day_scores(pains, befores), daily, sessions


def _first_scored_day(journal: Journal) -> date | None:
    """The first day with a daily pain score or a counted session's pain before."""
    logged = journal.conn.execute(
        "SELECT day FROM log_entries WHERE kind = 'pain' ORDER BY day LIMIT 1"
    ).fetchone()
    session = journal.conn.execute(
        "SELECT started_at FROM sessions WHERE pain_before IS NOT NULL AND speed = 1 "
        "ORDER BY started_at LIMIT 1"
    ).fetchone()
    found = [date.fromisoformat(row[0][:10]) for row in (logged, session) if row is not None]
    return min(found, default=None)


def _baseline(journal: Journal) -> WeekMean | None:
    """The first week with scores, read on its own."""
    first = _first_scored_day(journal)
    if first is None:
        return None
    monday = week_start(first)
    scores, _, _ = _scores(journal, monday, monday + timedelta(days=6))
    means = measures.weekly_means(scores)
    return means[0] if means else None


def outcomes(
    journal: Journal, today: date, since: date | None = None, red_from: int = 7
) -> Outcomes:
    """Daily and leg pain, weekly means, baseline and change, PEG, mornings and flare-ups.

    ``since`` defaults to the Monday twelve weeks back; ``red_from`` is the ``pain_threshold``
    setting (where the red band starts).
    """
    since = since or week_start(today) - (DEFAULT_WEEKS - 1) * _WEEK
    scores, daily, sessions = _scores(journal, since, today)
    weeks = measures.weekly_means(scores)
    baseline = _baseline(journal)
    found = entries(journal, ("peg", "morning"), min(since, today - timedelta(days=MORNING_DAYS)))
    flare_days = measures.flare_days((s.day for s in sessions if s.flare), scores, red_from)
    return Outcomes(
        today=today,
        since=since,
        scores=tuple(scores),
        leg=tuple((d, e.leg) for d, e in daily.items() if e.leg is not None),
        weeks=tuple(weeks),
        baseline=baseline,
        change=measures.baseline_change(baseline, weeks[-1] if weeks else None),
        peg=_pegs([e for e in found if e.kind == "peg" and e.date >= since]),
        mornings=_mornings([e for e in found if e.kind == "morning"], today),
        flares=tuple(measures.flare_episodes(flare_days)),
        morning_due=measures.morning_due(today, found, _used_before(journal, today)),
        peg_due=measures.peg_due(today, found),
    )


def _pegs(found: list[LogEntry]) -> tuple[PegResult, ...]:
    """One PEG a week: the last logged in each."""
    weekly = {week_start(e.date): e for e in found}
    return tuple(
        PegResult(e.date, e.pain or 0, e.enjoyment or 0, e.activity or 0)
        for _, e in sorted(weekly.items())
    )


def _mornings(found: list[LogEntry], today: date) -> tuple[tuple[date, str], ...]:
    first = today - timedelta(days=MORNING_DAYS - 1)
    latest = _latest_per_day(found)
    return tuple(
        (d, e.morning) for d, e in sorted(latest.items()) if d >= first and e.morning is not None
    )


def _recent(journal: Journal, kinds: tuple[LogKind, ...], today: date) -> list[LogEntry]:
    """Entries of this week (enough for both due checks)."""
    return entries(journal, kinds, week_start(today))


def morning_due(journal: Journal, today: date) -> bool:
    """True when today has no next-morning check yet (the first home screen of a day asks)."""
    found = _recent(journal, ("morning",), today)
    return measures.morning_due(today, found, _used_before(journal, today))


def _used_before(journal: Journal, today: date) -> bool:
    """A session or a log entry on a day before ``today`` (two indexed lookups)."""
    first = today.isoformat()
    return bool(
        journal.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM sessions WHERE started_at < ?) "
            "OR EXISTS (SELECT 1 FROM log_entries WHERE day < ?)",
            (first, first),
        ).fetchone()[0]
    )


def peg_due(journal: Journal, today: date) -> bool:
    """True when this week has no PEG yet (it is offered, and may be skipped)."""
    return measures.peg_due(today, _recent(journal, ("peg",), today))


# -- walking --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WalkWeek:
    """A week's walking against that week's goal."""

    week: date
    adherence: WalkAdherence

    def to_json(self) -> dict[str, Any]:
        """Plain data."""
        return {"week": self.week.isoformat(), **self.adherence.to_json()}


@dataclass(frozen=True)
class Walking:
    """This week's walking, the weeks before it and the walk days from ``since``."""

    today: date
    this_week: WalkAdherence
    weeks: tuple[WalkWeek, ...]
    days: dict[date, int] = field(default_factory=dict)
    target: WalkGoal = TARGET

    def to_json(self) -> dict[str, Any]:
        """Plain data for ``coach stats --json`` (keys in the README)."""
        return {
            "this_week": self.this_week.to_json(),
            "target": self.target.to_json(),
            "weeks": [w.to_json() for w in self.weeks],
            "days": {d.isoformat(): minutes for d, minutes in self.days.items()},
        }


def walking(journal: Journal, today: date, since: date | None = None) -> Walking:
    """Walking this week and the ``LOOKBACK_WEEKS`` weeks before, each against its goal;
    ``days`` holds the minutes of each walk day from ``since`` (default: the first week
    shown) to today, for the calendar."""
    monday = week_start(today)
    first_shown = monday - LOOKBACK_WEEKS * _WEEK
    since = since or first_shown
    read_from = min(since, first_shown - LOOKBACK_WEEKS * _WEEK)  # what the first goal needs
    walked = minutes_by_day(
        (e.date, e.minutes or 0) for e in entries(journal, ("walk",), read_from) if e.date <= today
    )
    weeks = tuple(
        WalkWeek(week, walk_adherence(min(week + timedelta(days=6), today), walked))
        for week in (first_shown + n * _WEEK for n in range(LOOKBACK_WEEKS + 1))
    )
    return Walking(
        today=today,
        this_week=weeks[-1].adherence,
        weeks=weeks,
        days={d: m for d, m in walked.items() if d >= since},
    )


# -- words ----------------------------------------------------------------------------------------


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def walking_lines(walks: Walking) -> list[str]:
    """``coach stats`` lines on walking."""
    week = walks.this_week
    done = "reached" if week.reached else "not yet reached"
    return [
        f"Walking:    {_count(week.walk_days, 'walk day')} this week, "
        f"{_count(week.minutes, 'minute')}; "
        f"goal {week.goal.text()} ({done}), growing gently towards {walks.target.text()}"
    ]


def _pain_line(result: Outcomes) -> str:
    if not result.weeks:
        return "Daily pain: no scores yet (coach log pain N)"
    latest = result.weeks[-1]
    return (
        f"Daily pain: weekly mean {latest.mean:.1f} in the week of {latest.week:%d %b} "
        f"({_count(latest.days, 'day')} scored; {measures.SCORE_SCOPE})"
    )


def _flare_line(flares: tuple[FlareEpisode, ...]) -> str:
    if not flares:
        return "Flare-ups:  none in this period"
    listed = "; ".join(f"{f.start:%d %b}, {_count(f.days, 'day')}" for f in flares[-3:])
    return f"Flare-ups:  {len(flares)} ({listed})"


def outcome_lines(result: Outcomes) -> list[str]:
    """``coach stats`` lines on pain over weeks, the PEG, mornings and flare-ups."""
    lines = [_pain_line(result), f"Change:     {measures.change_text(result.change)}"]
    if result.peg:
        peg = result.peg[-1]
        lines.append(
            f"PEG:        {peg.score:.1f} in the week of {week_start(peg.day):%d %b} "
            f"(pain {peg.pain}, enjoyment {peg.enjoyment}, activity {peg.activity})"
        )
    else:
        lines.append("PEG:        none yet (coach log peg PAIN ENJOYMENT ACTIVITY, once a week)")
    if result.mornings:
        tally = Counter(answer for _, answer in result.mornings)
        said = ", ".join(f"{answer} {tally[answer]}" for answer in ("better", "same", "worse"))
        lines.append(f"Mornings:   {said} (last {MORNING_DAYS} days)")
    lines.append(_flare_line(result.flares))
    return lines


def home_lines(result: Outcomes, walks: Walking) -> list[str]:
    """Short lines for the home screen: what is due today, and this week's walking."""
    lines = []
    if result.morning_due:
        lines.append("This morning against yesterday: worse, same or better?")
    if result.peg_due:
        lines.append("The weekly PEG is open: three scores for the past week (you may skip it).")
    lines.append(walking_home_line(walks))
    return lines


def walking_home_line(walks: Walking) -> str:
    """This week's walking against its goal, in one short line."""
    week = walks.this_week
    reached = ": reached" if week.reached else ""
    return (
        f"Walks this week: {_count(week.walk_days, 'day')}, {week.minutes} min "
        f"(goal {week.goal.text()}{reached})"
    )


def pain_home_line(result: Outcomes) -> str | None:
    """The latest weekly pain mean against the baseline, in one line (None without scores)."""
    if not result.weeks:
        return None
    latest = result.weeks[-1]
    line = f"Pain, weekly mean: {latest.mean:.1f}"
    change = result.change
    if change is None or abs(change.points) < 0.05:
        return line
    way = "less" if change.points < 0 else "more"
    verdict = "meaningful" if change.meaningful else "not yet meaningful"
    return f"{line}, {abs(change.points):.1f} points {way} than at the start ({verdict})"


FLARE_SHOWN_DAYS = 7
"""Home tells a flare-up episode that ended at most this many days ago."""


def flare_home_line(result: Outcomes) -> str | None:
    """The latest flare-up episode while it is recent, in one line (None otherwise)."""
    if not result.flares:
        return None
    latest = result.flares[-1]
    if (result.today - latest.end).days > FLARE_SHOWN_DAYS:
        return None
    return f"Flare-up: {_count(latest.days, 'day')} from {latest.start:%a %d %b}"
