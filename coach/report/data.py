"""The facts of a report, gathered once: both renderings (Markdown, HTML) show this value.

``assemble`` is pure: it takes what was read (``ReportInputs``) and works out every figure,
so the tests build four weeks by hand and check the figures, not the formatting. Nothing here
decides whether a change is meaningful or where a flare episode starts and ends: those words
and rules belong to the outcomes service (``coach.services.outcomes``); the report shows them.
Reading the journal lives in ``coach.report.read``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import Enum
from statistics import fmean
from typing import Any

from coach.coaching.measures import Change, FlareEpisode, WeekMean
from coach.coaching.outcome import mean_relief_text
from coach.journal.records import EventRecord, SessionRecord
from coach.journal.stats import (
    DayFacts,
    DayStatus,
    HistoryPrefix,
    TrainingPlan,
    compute_stats,
    counted,
    frequency_adherence,
    week_start,
)

__all__ = [
    "WALK_PURPOSE",
    "ExerciseEvents",
    "FlareEpisode",
    "Glance",
    "LevelChangeRow",
    "LevelRow",
    "NoteRow",
    "OutcomesPart",
    "PainDay",
    "PegRow",
    "RedFlagsCheck",
    "ReportData",
    "ReportInputs",
    "WalkDay",
    "WeekRow",
    "assemble",
]

WALK_PURPOSE = "walk"
"""A routine of this purpose (the timed walk) is not a core session: its completed runs are in
the walking log already, so the report counts them there and nowhere else."""


@dataclass(frozen=True)
class WalkDay:
    """A day with logged walks and their minutes added up (the walking service's walk day)."""

    day: date
    minutes: int


@dataclass(frozen=True)
class LevelChangeRow:
    """A routine's level set to ``level`` on ``day`` (``up``, ``down``, ``set``, ``declined``);
    ``text`` is the progress service's line for it, as ``coach progress`` shows it."""

    day: date
    level: int
    change: str
    reason: str
    text: str


@dataclass(frozen=True)
class LevelRow:
    """A routine with a ladder: where it stands now, and its changes in the period."""

    routine_id: str
    title: str
    level: int
    level_name: str | None
    levels: int | None
    changes: tuple[LevelChangeRow, ...]


@dataclass(frozen=True)
class PegRow:
    """One weekly PEG: its three items and its score (the mean, as the service works it out)."""

    day: date
    pain: int
    enjoyment: int
    activity: int
    score: float


@dataclass(frozen=True)
class OutcomesPart:
    """What the outcomes service says about the period, in its own words (``lines``, as
    ``coach stats`` prints them) and as its values: nothing here is worked out again."""

    lines: tuple[str, ...]
    peg: tuple[PegRow, ...] = ()
    flares: tuple[FlareEpisode, ...] = ()
    daily_pain: tuple[tuple[date, float], ...] = ()
    """Daily pain scores logged outside sessions (drawn as a third line when present)."""
    baseline: WeekMean | None = None
    change: Change | None = None
    """The latest week against the baseline, ``meaningful`` as the service decided."""


@dataclass(frozen=True)
class RedFlagsCheck:
    """When the red flags were last checked and passed (``None``: never with coach), and the
    last answer given (``none``, ``soon-checked``, or one that stopped a session)."""

    passed_at: datetime | None
    last_answer: str | None


@dataclass(frozen=True)
class ReportInputs:
    """Everything the report is made from, as read from the journal (or built by a test).

    ``sessions`` must cover the period and the six days before it (the stats' rolling mean);
    ``history`` and ``prefix`` are what ``compute_stats`` takes for the streaks.
    """

    today: date
    since: date
    plan: TrainingPlan
    sessions: Sequence[SessionRecord]
    events: Mapping[str, Sequence[EventRecord]] = field(default_factory=dict)
    history: Sequence[DayFacts] | None = None
    prefix: HistoryPrefix | None = None
    walked: frozenset[date] = frozenset()
    """Walk days after the kept prefix (``read_for_stats``), for walked days and the streak."""
    walks: Sequence[WalkDay] = ()
    walk_goal: str | None = None
    """The walking service's words for this week against its goal, when there is one."""
    levels: Sequence[LevelRow] = ()
    levels_note: str | None = None
    """Said above the levels when they could not all come from the routine library."""
    outcomes: OutcomesPart | None = None
    red_flags: RedFlagsCheck = RedFlagsCheck(None, None)
    user: str | None = None


@dataclass(frozen=True)
class Glance:
    """Adherence for the whole period (DOMAIN.md section 6: frequency and dose apart)."""

    done_days: int
    planned_days: int
    share: float | None
    dose: float | None
    sessions: int
    flare_sessions: int
    current_streak: int
    best_streak: int
    per_routine: dict[str, int]
    walk_days: int
    walk_minutes: int
    walk_goal: str | None


@dataclass(frozen=True)
class PainDay:
    """The mean pain before and after the sessions of one day (``None``: not scored)."""

    day: date
    before: float | None
    after: float | None


@dataclass(frozen=True)
class NoteRow:
    """A note, once, with the days it was written on (the same words on three days: once)."""

    text: str
    days: tuple[date, ...]


@dataclass(frozen=True)
class WeekRow:
    """One week (Monday to Sunday, cut to the period) in one line."""

    start: date
    end: date
    sessions: int
    done_days: int
    planned_days: int
    minutes: int
    pain_before: float | None
    pain_after: float | None
    walk_days: int
    walk_minutes: int
    notes: tuple[NoteRow, ...]


@dataclass(frozen=True)
class ExerciseEvents:
    """What was said or chosen during sessions about one exercise, counted."""

    exercise: str
    hurts: int = 0
    easier: int = 0
    skipped: int = 0
    leg_symptoms: int = 0


@dataclass(frozen=True)
class ReportData:
    """Every fact of one report; ``sessions`` is the full list, shown only on request."""

    user: str | None
    since: date
    today: date
    glance: Glance
    pain_days: tuple[PainDay, ...]
    """A point a day, or for a period over ``DAILY_CHART_DAYS`` a point a week (its Monday)."""
    pain_mean_before: float | None
    pain_mean_after: float | None
    relief_text: str
    outcomes: OutcomesPart | None
    levels: tuple[LevelRow, ...]
    levels_note: str | None
    content_changes: tuple[tuple[str, date], ...]
    events: tuple[ExerciseEvents, ...]
    red_flags: RedFlagsCheck
    weeks: tuple[WeekRow, ...]
    sessions: tuple[SessionRecord, ...]

    @property
    def weekly_chart(self) -> bool:
        """The chart has a point a week (a long period), not a point a day."""
        return self.days > DAILY_CHART_DAYS

    @property
    def days(self) -> int:
        """The length of the period in days."""
        return (self.today - self.since).days + 1

    def to_json(self) -> dict[str, Any]:
        """Plain data (dates as ISO strings), for the app or a script."""
        plain: dict[str, Any] = _plain(asdict(self))
        return plain


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def _mean(values: Sequence[int]) -> float | None:
    return round(fmean(values), 1) if values else None


DAILY_CHART_DAYS = 62
"""Up to this many days the pain chart has a point a day; a longer period, a point a week."""


def _pain_days(shown: Sequence[SessionRecord], since: date, today: date) -> tuple[PainDay, ...]:
    """Mean pain before and after per day (per week, from its Monday, for a long period)."""
    weekly = (today - since).days + 1 > DAILY_CHART_DAYS
    first = week_start(since) if weekly else since
    buckets: dict[date, list[SessionRecord]] = {}
    for s in shown:
        buckets.setdefault(week_start(s.day) if weekly else s.day, []).append(s)
    days = []
    day, step = first, timedelta(days=7 if weekly else 1)
    while day <= today:
        runs = buckets.get(day, [])
        days.append(
            PainDay(
                day,
                _mean([s.pain_before for s in runs if s.pain_before is not None]),
                _mean([s.pain_after for s in runs if s.pain_after is not None]),
            )
        )
        day += step
    return tuple(days)


def _notes(sessions: Sequence[SessionRecord]) -> tuple[NoteRow, ...]:
    """Each distinct note once (compared without case and spacing), first seen first."""
    seen: dict[str, tuple[str, list[date]]] = {}
    for s in sessions:
        if s.note and s.note.strip():
            key = " ".join(s.note.casefold().split())
            seen.setdefault(key, (s.note, []))[1].append(s.day)
    return tuple(NoteRow(text, tuple(days)) for text, days in seen.values())


def _first_counted_day(inputs: ReportInputs) -> date | None:
    """The first day with a counted session ever: days before it were not planned yet (as in
    ``compute_stats``)."""
    firsts = [s.day for s in counted(inputs.history or inputs.sessions)]
    if inputs.prefix is not None and inputs.prefix.first is not None:
        firsts.append(inputs.prefix.first)
    return min(firsts, default=None)


def _weeks(
    inputs: ReportInputs, shown: Sequence[SessionRecord], statuses: Mapping[date, DayStatus]
) -> tuple[WeekRow, ...]:
    first = _first_counted_day(inputs)
    runs_of: dict[date, list[SessionRecord]] = {}
    for s in shown:
        runs_of.setdefault(week_start(s.day), []).append(s)
    walks_of: dict[date, list[WalkDay]] = {}
    for w in inputs.walks:
        if inputs.since <= w.day <= inputs.today:
            walks_of.setdefault(week_start(w.day), []).append(w)
    statuses_of: dict[date, dict[date, DayStatus]] = {}
    for d, status in statuses.items():
        if first is not None and d >= first:
            statuses_of.setdefault(week_start(d), {})[d] = status
    rows = []
    monday = week_start(inputs.since)
    while monday <= inputs.today:
        runs, walks = runs_of.get(monday, []), walks_of.get(monday, [])
        adherence = frequency_adherence(statuses_of.get(monday, {}), inputs.plan)
        rows.append(
            WeekRow(
                start=max(monday, inputs.since),
                end=min(monday + timedelta(days=6), inputs.today),
                sessions=len(runs),
                done_days=adherence.done,
                planned_days=adherence.planned,
                minutes=round(sum(s.active_s for s in runs) / 60),
                pain_before=_mean([s.pain_before for s in runs if s.pain_before is not None]),
                pain_after=_mean([s.pain_after for s in runs if s.pain_after is not None]),
                walk_days=len(walks),
                walk_minutes=sum(w.minutes for w in walks),
                notes=_notes(runs),
            )
        )
        monday += timedelta(days=7)
    return tuple(rows)


_EVENT_FIELDS = {
    "hurts": "hurts",
    "easier": "easier",
    "skipped-exercise": "skipped",
    "leg-symptoms": "leg_symptoms",
}


def _events_by_exercise(
    shown: Sequence[SessionRecord], events: Mapping[str, Sequence[EventRecord]]
) -> tuple[ExerciseEvents, ...]:
    """Counts per exercise, the exercise with most events first (then by name)."""
    counts: dict[str, Counter[str]] = {}
    for s in shown:
        for event in events.get(s.id, ()):
            name = _EVENT_FIELDS.get(event.kind)
            if name is not None:
                counts.setdefault(event.exercise, Counter())[name] += 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1].total(), item[0]))
    return tuple(
        ExerciseEvents(exercise, c["hurts"], c["easier"], c["skipped"], c["leg_symptoms"])
        for exercise, c in ordered
    )


def _content_changes(shown: Sequence[SessionRecord]) -> tuple[tuple[str, date], ...]:
    """(routine id, day) for each session whose routine content differs from the one before."""
    last: dict[str, str] = {}
    changes = []
    for s in shown:
        before = last.get(s.routine_id)
        if before is not None and before != s.fingerprint:
            changes.append((s.routine_id, s.day))
        last[s.routine_id] = s.fingerprint
    return tuple(changes)


def _without_walks(inputs: ReportInputs) -> ReportInputs:
    """``inputs`` without timed walks among the sessions (``WALK_PURPOSE``)."""
    history = inputs.history
    return replace(
        inputs,
        sessions=[s for s in inputs.sessions if s.purpose != WALK_PURPOSE],
        history=None if history is None else [d for d in history if d.purpose != WALK_PURPOSE],
    )


def assemble(inputs: ReportInputs) -> ReportData:
    """The report's facts for ``inputs.since``..``inputs.today``; previews and timed walks
    are left out of the sessions (a walk counts in the walking log)."""
    inputs = _without_walks(inputs)
    since, today = inputs.since, inputs.today
    stats = compute_stats(
        inputs.sessions,
        inputs.plan,
        today,
        (today - since).days + 1,
        inputs.history,
        inputs.prefix,
        inputs.walked,
    )
    shown = tuple(
        sorted(
            (s for s in inputs.sessions if not s.preview and since <= s.day <= today),
            key=lambda s: s.started,
        )
    )
    walks = [w for w in inputs.walks if since <= w.day <= today]
    pain = stats.pain
    glance = Glance(
        done_days=stats.window.done,
        planned_days=stats.window.planned,
        share=stats.window.share,
        dose=stats.dose,
        sessions=stats.sessions,
        flare_sessions=sum(1 for s in shown if s.flare or s.purpose == "flare"),
        current_streak=stats.current_streak,
        best_streak=stats.best_streak,
        per_routine=stats.per_routine,
        walk_days=len(walks),
        walk_minutes=sum(w.minutes for w in walks),
        walk_goal=inputs.walk_goal,
    )
    return ReportData(
        user=inputs.user,
        since=since,
        today=today,
        glance=glance,
        pain_days=_pain_days(shown, since, today),
        pain_mean_before=pain.mean_before,
        pain_mean_after=pain.mean_after,
        relief_text=mean_relief_text(
            pain.mean_change, pain.sessions_with_relief, pain.paired_sessions
        ),
        outcomes=inputs.outcomes,
        levels=tuple(inputs.levels),
        levels_note=inputs.levels_note,
        content_changes=_content_changes(shown),
        events=_events_by_exercise(shown, inputs.events),
        red_flags=inputs.red_flags,
        weeks=_weeks(inputs, shown, stats.statuses),
        sessions=shown,
    )
