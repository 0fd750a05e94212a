"""Adherence, streaks and pain trends: pure functions of session records and the plan.

No SQL and no UI here, so each figure can be tested on a hand-built history with a known
answer. Definitions (shared/DOMAIN.md sections 4 and 6):

* A session's **day** is the local calendar day it started on, in the UTC offset recorded with
  it, so a daylight-saving change or a session at 23:59 lands on the day the person lived.
* **Previews** (speed other than 1) are shown in history but never counted here.
* A day is **done** when a session there counts (``coach.coaching.outcome.counts``): a
  non-flare core session that reached its end with at least half its planned work done
  (skipping every step to the end is "skipped through", not a session done); **flare** when a
  flare session was logged (and nothing was done); **walked** when a walk was logged (the
  walking log, which a completed timed walk writes too) and no session counts there;
  **partial** when a session was started but ended early, was interrupted or was skipped
  through; **rest** on a planned rest weekday; otherwise **missed** (or **pending** for today,
  which is not over yet). A walk on a flare day leaves it a flare day: the flare is what the
  person and a physio need to see there, and a flare day is not planned (below); the walk
  still counts for the walking goal.
* Sessions of the timed walk (purpose ``walk``) are not core sessions
  (``coach.coaching.outcome.is_core_session``): never counted here, not even as partial; a
  completed one is a walk in the walking log, so it counts once, as a walk.
* **Frequency adherence** = done days / planned days. Planned days per week are the weekly goal,
  capped by the days available that week in the window (rest days, flare days and a pending
  today are not available, nor days before the first counted session; a walked day is
  available unless it is a rest weekday or today: it is the day it would have been without
  the walk). Done days count up to the planned days of their week.
* **Active days** = days with a counted session or a walk / the same planned days: walks
  count in adherence (DOMAIN.md section 6b) without changing frequency adherence. A walk on a
  rest weekday or today counts as active too; active days count up to the planned days of
  their week.
* **Dose adherence** = work seconds done / planned, over counted sessions.
* **Streaks** count done days in a row; rest days, flare days, walked days and a pending today
  neither break nor extend them (streaks forgive, DOMAIN.md section 6: a day someone walked
  instead is not a broken streak); a partial or missed day breaks them.
* **Pain**: a 7-day rolling mean of pain before sessions (and after), which covers only days
  with a session (bad days without one are missing); the mean change from before to after;
  and how many sessions ended with less pain than they started with. That change is
  short-term relief, never a "meaningful" change: that is judged on weekly means against a
  baseline (shared/DOMAIN.md section 4), not here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from statistics import fmean
from typing import Any, Protocol, TypeVar

from coach.coaching.outcome import counts, is_core_session, relief, session_end
from coach.coaching.weeks import week_start
from coach.journal.records import SessionRecord

__all__ = [
    "Adherence",
    "DayFacts",
    "DayStatus",
    "HistoryPrefix",
    "PainPoint",
    "PainTrend",
    "Stats",
    "TrainingPlan",
    "active_adherence",
    "compute_stats",
    "counted",
    "day_statuses",
    "dose_adherence",
    "frequency_adherence",
    "history_prefix",
    "is_done",
    "pain_trend",
    "streaks",
    "week_start",
    "weekly_adherence",
    "window_reads_from",
]

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ROLLING_DAYS = 7
"""The pain trend is a rolling mean over this many days."""


class DayFacts(Protocol):
    """What a day's status needs of a session: a ``SessionRecord`` or a lighter
    ``SessionDay`` (what ``Journal.session_days`` reads for the whole history)."""

    @property
    def day(self) -> date: ...
    @property
    def status(self) -> str: ...
    @property
    def dose(self) -> float: ...
    @property
    def preview(self) -> bool: ...
    @property
    def flare(self) -> bool: ...
    @property
    def purpose(self) -> str: ...


FactsT = TypeVar("FactsT", bound=DayFacts)


class DayStatus(StrEnum):
    """What a calendar day was, for adherence, streaks and the history heatmap."""

    DONE = "done"
    PARTIAL = "partial"
    FLARE = "flare"
    WALKED = "walked"
    REST = "rest"
    MISSED = "missed"
    PENDING = "pending"


@dataclass(frozen=True)
class TrainingPlan:
    """The training plan the figures are measured against (from the settings)."""

    weekly_goal: int = 7
    rest_days: frozenset[str] = field(default_factory=frozenset)

    @property
    def rest_weekdays(self) -> frozenset[int]:
        """The rest days as ``date.weekday()`` numbers (Monday 0)."""
        return frozenset(i for i, name in enumerate(WEEKDAY_NAMES) if name in self.rest_days)

    def is_rest_day(self, day: date) -> bool:
        """A planned rest weekday."""
        return day.weekday() in self.rest_weekdays


@dataclass(frozen=True)
class Adherence:
    """Done days against planned days (and the share, None when nothing was planned)."""

    done: int
    planned: int

    @property
    def share(self) -> float | None:
        """done / planned, or None when no day was planned."""
        return self.done / self.planned if self.planned else None

    def to_json(self) -> dict[str, Any]:
        """Plain data."""
        return {"done": self.done, "planned": self.planned, "share": self.share}


@dataclass(frozen=True)
class PainPoint:
    """The 7-day rolling means of pain before and after sessions, ending on ``day``."""

    day: date
    before: float | None
    after: float | None


@dataclass(frozen=True)
class PainTrend:
    """Pain over a window: rolling means, the mean change within sessions, relief.

    ``mean_before`` covers only days with a session. ``mean_change`` is the mean of after -
    before over the ``paired_sessions`` with both scores (negative: less pain after);
    ``sessions_with_relief`` of them ended with less pain than they started with.
    """

    points: tuple[PainPoint, ...]
    mean_before: float | None
    mean_after: float | None
    mean_change: float | None
    paired_sessions: int
    sessions_with_relief: int

    def to_json(self) -> dict[str, Any]:
        """Plain data (days as ISO strings)."""
        return {
            "mean_before": self.mean_before,
            "mean_after": self.mean_after,
            "mean_change": self.mean_change,
            "paired_sessions": self.paired_sessions,
            "sessions_with_relief": self.sessions_with_relief,
            "rolling_7_day": [
                {"day": p.day.isoformat(), "before": p.before, "after": p.after}
                for p in self.points
            ],
        }


def counted(sessions: Iterable[FactsT]) -> list[FactsT]:
    """Sessions that count: previews never do, nor timed walks (they count as walks)."""
    return [
        session for session in sessions if not session.preview and is_core_session(session.purpose)
    ]


def _is_flare(session: DayFacts) -> bool:
    return session.flare or session.purpose == "flare"


def is_done(session: DayFacts) -> bool:
    """The session makes its day done: completed (not skipped through), no preview, no flare,
    a core session."""
    end = session_end(session.status, session.dose)
    return counts(end, preview=session.preview, flare=_is_flare(session), purpose=session.purpose)


_PRECEDENCE = {DayStatus.PARTIAL: 1, DayStatus.WALKED: 2, DayStatus.FLARE: 3, DayStatus.DONE: 4}
"""A day with several sessions (and walks) takes the status of its best: done, then flare,
then walked, then partial."""


def _session_status(session: DayFacts) -> DayStatus | None:
    """What one session makes of its day (None: still running, it says nothing yet)."""
    if is_done(session):
        return DayStatus.DONE
    if _is_flare(session):
        return DayStatus.FLARE
    return DayStatus.PARTIAL if session.status != "running" else None


def day_statuses(
    sessions: Iterable[DayFacts],
    plan: TrainingPlan,
    start: date,
    today: date,
    walk_days: Iterable[date] = (),
) -> dict[date, DayStatus]:
    """The status of every day from ``start`` to ``today`` inclusive; ``walk_days``: the
    days with a walk logged (any; those outside the range are ignored)."""
    logged: dict[date, DayStatus] = dict.fromkeys(
        (day for day in walk_days if start <= day <= today), DayStatus.WALKED
    )
    for session in counted(sessions):
        status = _session_status(session)
        best = logged.get(session.day)
        if status is not None and (best is None or _PRECEDENCE[status] > _PRECEDENCE[best]):
            logged[session.day] = status
    rest_weekdays = plan.rest_weekdays
    statuses: dict[date, DayStatus] = {}
    one_day = timedelta(days=1)
    day = start
    while day <= today:
        status = logged.get(day)
        if status is None:
            if day.weekday() in rest_weekdays:
                status = DayStatus.REST
            else:
                status = DayStatus.PENDING if day == today else DayStatus.MISSED
        statuses[day] = status
        day += one_day
    return statuses


_AVAILABLE = frozenset((DayStatus.DONE, DayStatus.PARTIAL, DayStatus.MISSED))
_ACTIVE = frozenset((DayStatus.DONE, DayStatus.WALKED))


def _available(day: date, status: DayStatus, plan: TrainingPlan, today: date | None) -> bool:
    """Whether ``day`` can be planned: a walked day can unless it would have been rest or
    pending without the walk (a walk never adds a planned day)."""
    if status is DayStatus.WALKED:
        return not plan.is_rest_day(day) and day != today
    return status in _AVAILABLE


def _weeks(
    statuses: dict[date, DayStatus],
    plan: TrainingPlan,
    today: date | None,
    kinds: frozenset[DayStatus],
) -> list[tuple[date, Adherence]]:
    """Per ISO week (Monday first): days of ``kinds`` (up to the planned days) and planned days."""
    weeks: dict[date, list[tuple[date, DayStatus]]] = {}
    for day, status in sorted(statuses.items()):
        weeks.setdefault(week_start(day), []).append((day, status))
    result: list[tuple[date, Adherence]] = []
    for week, days in weeks.items():
        kept = sum(1 for _, status in days if status in kinds)
        available = sum(1 for day, status in days if _available(day, status, plan, today))
        planned = min(plan.weekly_goal, available)
        result.append((week, Adherence(min(kept, planned), planned)))
    return result


def weekly_adherence(
    statuses: dict[date, DayStatus], plan: TrainingPlan, today: date | None = None
) -> list[tuple[date, Adherence]]:
    """Per ISO week (Monday first) in the statuses' range: done and planned days.

    ``today``: a walk today adds no planned day (without it, a walk today is taken for a
    planned day without a session, as on any past day)."""
    return _weeks(statuses, plan, today, frozenset((DayStatus.DONE,)))


def frequency_adherence(
    statuses: dict[date, DayStatus], plan: TrainingPlan, today: date | None = None
) -> Adherence:
    """Done days / planned days over the whole range of ``statuses``."""
    weeks = weekly_adherence(statuses, plan, today)
    return Adherence(sum(a.done for _, a in weeks), sum(a.planned for _, a in weeks))


def active_adherence(
    statuses: dict[date, DayStatus], plan: TrainingPlan, today: date | None = None
) -> Adherence:
    """Active days (a counted session or a walk) / the planned days of ``frequency_adherence``."""
    weeks = _weeks(statuses, plan, today, _ACTIVE)
    return Adherence(sum(a.done for _, a in weeks), sum(a.planned for _, a in weeks))


def dose_adherence(sessions: Iterable[SessionRecord]) -> float | None:
    """Work seconds done / planned over counted sessions; None without sessions."""
    kept = counted(sessions)
    planned = sum(session.work_planned_s for session in kept)
    return sum(session.work_done_s for session in kept) / planned if planned else None


def streaks(statuses: dict[date, DayStatus], before: tuple[int, int] = (0, 0)) -> tuple[int, int]:
    """(current, best) runs of done days; rest, flare, walked and pending days bridge, not
    count.

    ``before``: the (current, best) of the days before these (see ``HistoryPrefix``).
    """
    run, best = before
    for _, status in sorted(statuses.items()):
        if status is DayStatus.DONE:
            run += 1
            best = max(best, run)
        elif status in (DayStatus.PARTIAL, DayStatus.MISSED):
            run = 0
    return run, best


def pain_trend(sessions: Sequence[SessionRecord], start: date, today: date) -> PainTrend:
    """Pain in the window ``start``..``today`` (inclusive), from counted sessions."""
    kept = [
        s for s in counted(sessions) if start - timedelta(days=ROLLING_DAYS - 1) <= s.day <= today
    ]
    in_window = [s for s in kept if s.day >= start]
    points: list[PainPoint] = []
    day = start
    while day <= today:
        recent = [s for s in kept if day - timedelta(days=ROLLING_DAYS - 1) <= s.day <= day]
        befores = [s.pain_before for s in recent if s.pain_before is not None]
        afters = [s.pain_after for s in recent if s.pain_after is not None]
        points.append(
            PainPoint(
                day,
                round(fmean(befores), 2) if befores else None,
                round(fmean(afters), 2) if afters else None,
            )
        )
        day += timedelta(days=1)
    befores = [s.pain_before for s in in_window if s.pain_before is not None]
    afters = [s.pain_after for s in in_window if s.pain_after is not None]
    pairs = [
        (s.pain_before, s.pain_after)
        for s in in_window
        if s.pain_before is not None and s.pain_after is not None
    ]
    return PainTrend(
        points=tuple(points),
        mean_before=round(fmean(befores), 2) if befores else None,
        mean_after=round(fmean(afters), 2) if afters else None,
        mean_change=round(fmean(a - b for b, a in pairs), 2) if pairs else None,
        paired_sessions=len(pairs),
        sessions_with_relief=sum(1 for b, a in pairs if relief(b, a) > 0),
    )


@dataclass(frozen=True)
class Stats:
    """Every figure ``coach stats`` shows, for one window ending today."""

    today: date
    window_start: date
    this_week: Adherence
    window: Adherence
    this_week_active: Adherence
    """Active days (a counted session or a walk) of this week's planned days."""
    window_active: Adherence
    """Active days of the window's planned days."""
    dose: float | None
    current_streak: int
    best_streak: int
    pain: PainTrend
    sessions: int
    previews: int
    per_routine: dict[str, int]
    statuses: dict[date, DayStatus]

    def to_json(self) -> dict[str, Any]:
        """Plain data for ``coach stats --json``."""
        data = asdict(self)
        data["today"] = self.today.isoformat()
        data["window_start"] = self.window_start.isoformat()
        data["this_week"] = self.this_week.to_json()
        data["window"] = self.window.to_json()
        data["this_week_active"] = self.this_week_active.to_json()
        data["window_active"] = self.window_active.to_json()
        data["pain"] = self.pain.to_json()
        data["statuses"] = {day.isoformat(): str(s) for day, s in sorted(self.statuses.items())}
        return data


def window_reads_from(today: date, window_days: int = 28) -> date:
    """The first day whose sessions ``compute_stats`` needs in full for this window: the
    window's start, less the days the rolling pain mean looks back."""
    return today - timedelta(days=window_days - 1 + ROLLING_DAYS - 1)


@dataclass(frozen=True)
class HistoryPrefix:
    """The streak walk over every day up to ``through`` (inclusive), so that a later walk can
    start the day after instead of at the first session, fifty years ago perhaps.

    ``first`` is the day of the first counted session (None: none up to ``through``); ``run``
    and ``best`` are the current and best streak on ``through``. It holds as long as no
    session and no walk up to ``through`` changes and the plan is the same.
    """

    through: date
    first: date | None
    run: int
    best: int


def history_prefix(
    history: Iterable[DayFacts],
    plan: TrainingPlan,
    through: date,
    walk_days: Iterable[date] = (),
) -> HistoryPrefix:
    """The ``HistoryPrefix`` of ``history`` (every session, as ``DayFacts``) and
    ``walk_days`` (every day with a walk) up to ``through``."""
    kept = [s for s in counted(history) if s.day <= through]
    if not kept:
        return HistoryPrefix(through, None, 0, 0)
    first = min(s.day for s in kept)
    # Walked to the day after, then dropped: ``through`` is a past day, never "pending".
    statuses = day_statuses(kept, plan, first, through + timedelta(days=1), walk_days)
    del statuses[through + timedelta(days=1)]
    run, best = streaks(statuses)
    return HistoryPrefix(through, first, run, best)


def compute_stats(
    sessions: Sequence[SessionRecord],
    plan: TrainingPlan,
    today: date,
    window_days: int = 28,
    history: Sequence[DayFacts] | None = None,
    prefix: HistoryPrefix | None = None,
    walk_days: Collection[date] = (),
) -> Stats:
    """All figures for the ``window_days`` ending ``today``; streaks use the whole history.

    ``sessions`` must hold every session from ``window_reads_from(today, window_days)`` on
    (more do no harm). ``history``, every session as ``DayFacts``, gives the streaks and the
    first day; without it ``sessions`` are the whole history. With ``prefix`` (made before
    both the window and this week), ``history`` needs only the days after its ``through``.
    ``walk_days``: the days with a walk, as far back as ``history`` (more do no harm).
    """
    window_start = today - timedelta(days=window_days - 1)
    this_monday = week_start(today)
    kept = counted(history if history is not None else sessions)
    before = (0, 0)
    walk_from = None
    first = min((s.day for s in kept), default=today)
    if prefix is not None:
        if prefix.through >= min(window_start, this_monday):
            raise ValueError("the history prefix must end before the window and this week")
        kept = [s for s in kept if s.day > prefix.through]
        walk_from = prefix.through + timedelta(days=1)
        if prefix.first is not None:
            first, before = prefix.first, (prefix.run, prefix.best)
    started_at_all = bool(kept) or (prefix is not None and prefix.first is not None)
    all_statuses = day_statuses(kept, plan, walk_from or min(first, window_start), today, walk_days)
    window = {d: s for d, s in all_statuses.items() if d >= window_start}
    # Days before the first counted session were not planned yet: nobody had started.
    started = {d: s for d, s in all_statuses.items() if started_at_all and d >= first}
    week = {d: s for d, s in started.items() if d >= this_monday}
    started_in_window = {d: s for d, s in started.items() if d >= window_start}
    in_window = [s for s in counted(sessions) if window_start <= s.day <= today]
    current, best = streaks(started, before)
    return Stats(
        today=today,
        window_start=window_start,
        this_week=frequency_adherence(week, plan, today),
        window=frequency_adherence(started_in_window, plan, today),
        this_week_active=active_adherence(week, plan, today),
        window_active=active_adherence(started_in_window, plan, today),
        dose=dose_adherence(in_window),
        current_streak=current,
        best_streak=best,
        pain=pain_trend(counted(sessions), window_start, today),
        sessions=len(in_window),
        previews=sum(1 for s in sessions if s.preview and window_start <= s.day <= today),
        per_routine=dict(Counter(s.routine_id for s in in_window).most_common()),
        statuses=window,
    )
