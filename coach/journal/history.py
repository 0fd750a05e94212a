"""What the figures need of the journal, read in proportion to the window, not the history.

``coach stats``, ``coach report`` and home show a window (28 days by default) and streaks that
run over the whole history. The window's sessions are read in full; the history before it is
summed up once in a ``HistoryPrefix`` (the streak walk up to the end of a 28-day block before
the window), kept in the journal's meta table, and only the days after it are read again.

The prefix stays right only while no session and no walk before it changes (a walk keeps a
streak: coach.journal.stats), and the journal says when one does: the triggers of schema 3
count up ``HISTORY_VERSION_KEY`` for every insert, update or delete of a session that started
before ``HISTORY_CUTOFF_KEY``, those of schema 4 for a walk of a day before it. Walk days are
read like sessions: only those after the prefix, through the index on ``log_entries.day``.
A prefix is used only with the count it was made at, the same plan, the same
``PREFIX_RULES`` and a cutoff that still covers it. It is made from one snapshot read after
the cutoff is set, so a change racing with it is either in the snapshot or counted. A
journal that cannot be written (locked, read-only) only loses the cache: the figures are
worked out from the whole history, as before.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from coach.journal.db import HISTORY_CUTOFF_KEY, HISTORY_VERSION_KEY, JournalError
from coach.journal.records import Journal, SessionDay, SessionRecord
from coach.journal.stats import (
    DayStatus,
    HistoryPrefix,
    Stats,
    TrainingPlan,
    compute_stats,
    counted,
    day_statuses,
    history_prefix,
    week_start,
    window_reads_from,
)
from coach.limits import EARLIEST_SESSION

__all__ = ["PREFIX_KEY", "StatsReading", "calendar_statuses", "read_for_stats", "stats_for"]

PREFIX_KEY = "history_prefix"
BLOCK_DAYS = 28
"""The prefix ends on the last day of a block of this many days (counted from
``EARLIEST_SESSION``), so the same one serves every day for four weeks."""
PREFIX_RULES = 2
"""What a kept prefix was worked out with: 2 since walked days keep a streak. A prefix kept
with other rules (none: before walks counted) is worked out again."""
CUTOFF_MARGIN = timedelta(days=2)
"""A start time stored in any UTC offset on a day up to ``through`` sorts before the day two
days after it (no offset moves a day further)."""


@dataclass(frozen=True)
class StatsReading:
    """What ``compute_stats`` takes: ``compute_stats(r.sessions, plan, today, days,
    r.history, r.prefix, r.walk_days)``."""

    sessions: list[SessionRecord]
    history: list[SessionDay]
    prefix: HistoryPrefix
    walk_days: frozenset[date] = frozenset()
    """The days with a walk after the prefix (as ``history``)."""


def read_for_stats(
    journal: Journal, plan: TrainingPlan, today: date, window_days: int = 28
) -> StatsReading:
    """The window's sessions (a day early, for sessions recorded in another UTC offset), the
    history and the walk days after the kept prefix, and the prefix."""
    since = window_reads_from(today, window_days) - timedelta(days=1)
    sessions = journal.sessions(datetime.combine(since, datetime.min.time()).astimezone())
    edge = min(today - timedelta(days=window_days - 1), week_start(today))
    target = _block_end(edge)
    kept = _kept_prefix(journal, plan)
    if kept is not None and target <= kept.through < edge:
        prefix = kept
    else:
        # A kept prefix that ends inside this (longer) window serves shorter ones: it stays.
        replace = kept is None or kept.through < target
        prefix = _new_prefix(journal, plan, target, keep=replace)
    return StatsReading(
        sessions,
        journal.session_days(after=prefix.through),
        prefix,
        frozenset(journal.walk_days(after=prefix.through)),
    )


def stats_for(journal: Journal, plan: TrainingPlan, today: date, window_days: int = 28) -> Stats:
    """Adherence, streak and pain over the window, read as ``read_for_stats`` reads: what
    ``coach stats``, home, history and the summary show."""
    read = read_for_stats(journal, plan, today, window_days)
    return compute_stats(
        read.sessions, plan, today, window_days, read.history, read.prefix, read.walk_days
    )


def calendar_statuses(
    journal: Journal, plan: TrainingPlan, today: date, weeks: int
) -> dict[date, DayStatus]:
    """The status of each day of the last ``weeks`` weeks (the calendar), walks too; days
    before the first counted session stay out (nothing was planned yet). Reads those weeks,
    and the first session's day from the kept prefix, never the whole history."""
    start = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    read = read_for_stats(journal, plan, today)
    later = (session.day for session in counted(read.history))
    first = read.prefix.first or min(later, default=today)
    begin = max(start, first)
    sessions = journal.session_days(after=begin - timedelta(days=1))
    walks = journal.walk_days(after=begin - timedelta(days=1))
    return day_statuses(sessions, plan, begin, today, walks)


def _block_end(edge: date) -> date:
    """The last day of the last whole block that ends before ``edge``."""
    anchor = EARLIEST_SESSION.date()
    blocks = (edge - anchor).days // BLOCK_DAYS
    return anchor + timedelta(days=blocks * BLOCK_DAYS - 1)


def _cutoff(through: date) -> str:
    return (through + CUTOFF_MARGIN).isoformat()


def _plan_key(plan: TrainingPlan) -> list[object]:
    return [plan.weekly_goal, sorted(plan.rest_days)]


def _kept_prefix(journal: Journal, plan: TrainingPlan) -> HistoryPrefix | None:
    """The stored prefix, when it still holds (same sessions before it, same plan)."""
    with journal.snapshot():
        stored, version = journal.get_meta(PREFIX_KEY), journal.get_meta(HISTORY_VERSION_KEY)
        cutoff = journal.get_meta(HISTORY_CUTOFF_KEY)
    try:
        kept = json.loads(stored or "null")
        prefix = HistoryPrefix(
            date.fromisoformat(kept["through"]),
            date.fromisoformat(kept["first"]) if kept["first"] else None,
            int(kept["run"]),
            int(kept["best"]),
        )
        holds = (
            kept["version"] == version
            and kept["rules"] == PREFIX_RULES
            and kept["plan"] == _plan_key(plan)
            and cutoff is not None
            and cutoff >= _cutoff(prefix.through)
        )
    except (TypeError, KeyError, ValueError):
        return None  # none kept yet, or not one this coach wrote
    return prefix if holds else None


def _new_prefix(
    journal: Journal, plan: TrainingPlan, through: date, *, keep: bool
) -> HistoryPrefix:
    """The prefix up to ``through`` from the whole history; with ``keep``, stored for next
    time when the journal can be written."""
    try:
        if keep:
            journal.set_meta_soon(HISTORY_CUTOFF_KEY, _cutoff(through))  # changes now count
    except JournalError:
        keep = False
    with journal.snapshot():
        version = journal.get_meta(HISTORY_VERSION_KEY)
        days = journal.session_days()
        walks = journal.walk_days()
    prefix = history_prefix(days, plan, through, walks)
    if keep and version is not None:
        stored = {
            "through": through.isoformat(),
            "first": prefix.first.isoformat() if prefix.first else None,
            "run": prefix.run,
            "best": prefix.best,
            "version": version,
            "plan": _plan_key(plan),
            "rules": PREFIX_RULES,
        }
        with contextlib.suppress(JournalError):  # kept next time; the figures are right anyway
            journal.set_meta_soon(PREFIX_KEY, json.dumps(stored))
    return prefix
