"""What the home screen says about coaching over weeks, worked out in one read.

The daily routine's level (and an offer to go up, or the reason for a step back), whether the
morning check and the weekly PEG are open, this week's walking against its goal, and the
education card of the day. The words come from the services that own them (progress,
outcomes, cards); this module only gathers them, so the home screen shows and never decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from coach.coaching.cards import Card
from coach.journal import Journal
from coach.journal.history import calendar_statuses, stats_for
from coach.journal.records import SessionRecord
from coach.journal.stats import DayStatus, Stats, TrainingPlan
from coach.services import outcomes
from coach.services.cards import card_of_the_day
from coach.services.progress import RoutineProgress, offer_line, progress_for

if TYPE_CHECKING:
    from coach.routine import Library

__all__ = [
    "CALENDAR_WEEKS",
    "RECENT",
    "STEP_BACK_SHOWN_DAYS",
    "TODAY_WORDS",
    "HomeCoaching",
    "HomeFigures",
    "glance_lines",
    "home_coaching",
    "home_figures",
]

CALENDAR_WEEKS = 6
"""The weeks of the calendar home shows when there is room for it."""
RECENT = 50
"""How many of the newest sessions home looks through for the last one that is not a preview."""

TODAY_WORDS: dict[DayStatus | None, str] = {
    DayStatus.DONE: "Done today ✓",
    DayStatus.REST: "A rest day today: nothing is planned.",
    DayStatus.FLARE: "A flare-up day today: it never breaks your streak.",
    DayStatus.WALKED: "Walked today ✓ · the daily routine is still open.",
    DayStatus.PARTIAL: "Started today and ended early: saved.",
    DayStatus.PENDING: "Not done yet today.",
    None: "Not done yet today.",
}
"""What today is so far, in words, by the day's status (a rest day is never "not done")."""

STEP_BACK_SHOWN_DAYS = 7
"""A step back is told on home for this many days after it was made (and in history always)."""


@dataclass(frozen=True)
class HomeCoaching:
    """The coaching lines of the home screen; each ``None`` or empty when there is nothing."""

    level: str | None
    """``Level 2 of 4: 4-2-1`` for a daily routine with a ladder."""
    level_number: int | None
    """That level's number (None without a ladder), for the plan home times."""
    offer: str | None
    """The offer to go up, in the offer's own words."""
    step_back: str | None
    """A recent step back and its reason."""
    morning_due: bool
    peg_due: bool
    walking: str
    pain: str | None
    """The weekly pain mean against the baseline, once there are scores."""
    flare: str | None
    """A flare-up episode of the last week, with its start and length."""
    card: Card | None

    @property
    def has_offer(self) -> bool:
        """An offer the home keys can answer."""
        return self.offer is not None


def _level_words(state: RoutineProgress | None) -> str | None:
    if state is None:
        return None
    return f"Level {state.level} of {state.level_count}: {state.level_name}"


def _recent_step_back(state: RoutineProgress | None, now: datetime) -> str | None:
    last = state.last_change if state else None
    if state is None or last is None or last.change != "down":
        return None
    try:
        when = datetime.fromisoformat(last.changed_at)
    except ValueError:
        return None
    if now - when > timedelta(days=STEP_BACK_SHOWN_DAYS):
        return None
    return f"A step back for {state.title}: {last.reason}."


def home_coaching(
    journal: Journal, library: Library | None, daily_routine: str, now: datetime
) -> HomeCoaching:
    """Everything home shows about progress, outcomes, walking and learning, for ``now``.

    Reading it may record what the rules call for (a due step back; the card of the day), as
    every other place that shows them does. ``library`` is ``None`` while it still loads.
    """
    today = now.date()
    resolved = library.routines.get(daily_routine) if library is not None else None
    state = progress_for(journal, resolved, now) if resolved is not None else None
    measured = outcomes.outcomes(journal, today)
    return HomeCoaching(
        level=_level_words(state),
        level_number=state.level if state else None,
        offer=offer_line(state) if state is not None and state.offer else None,
        step_back=_recent_step_back(state, now),
        morning_due=measured.morning_due,
        peg_due=measured.peg_due,
        walking=outcomes.walking_home_line(outcomes.walking(journal, today)),
        pain=outcomes.pain_home_line(measured),
        flare=outcomes.flare_home_line(measured),
        card=card_of_the_day(journal, today),
    )


@dataclass(frozen=True)
class HomeFigures:
    """Everything home shows from the journal, read in one go (off the UI thread)."""

    stats: Stats
    last: SessionRecord | None
    """The newest session that is not a preview."""
    coaching: HomeCoaching
    days: dict[date, DayStatus]
    """The status of each day of the last ``CALENDAR_WEEKS`` weeks (walks too)."""

    @property
    def glance(self) -> list[str]:
        """The "today at a glance" lines, coaching included."""
        coaching = self.coaching
        today = self.stats.statuses.get(self.stats.today)
        lines = glance_lines(self.stats, self.last, today)
        lines.append(coaching.walking)
        return lines + [line for line in (coaching.pain, coaching.flare) if line]


def home_figures(
    journal: Journal,
    library: Library | None,
    daily_routine: str,
    plan: TrainingPlan,
    now: datetime,
) -> HomeFigures:
    """What home shows, for ``now``: the stats of the last 28 days, the last session and the
    coaching lines (``library`` is ``None`` while the routines still load)."""
    today = now.date()
    stats = stats_for(journal, plan, today)
    last = next((s for s in journal.sessions(limit=RECENT) if not s.preview), None)
    coaching = home_coaching(journal, library, daily_routine, now)
    return HomeFigures(
        stats, last, coaching, calendar_statuses(journal, plan, today, CALENDAR_WEEKS)
    )


def _week_words(stats: Stats) -> str:
    week = stats.this_week
    if not week.planned:
        return "nothing planned yet this week"
    days = f"day{'s' if week.planned != 1 else ''}"
    share = f" ({week.share:.0%})" if week.share is not None else ""
    return f"this week {week.done} of {week.planned} planned {days}{share}"


def glance_lines(
    stats: Stats, last: SessionRecord | None, today: DayStatus | None = None
) -> list[str]:
    """The 'today at a glance' lines: today's status, the streak and week, the last session."""
    lines = [
        TODAY_WORDS[today],
        f"Streak: {stats.current_streak} day{'s' if stats.current_streak != 1 else ''}"
        f" (best {stats.best_streak}) · {_week_words(stats)}",
    ]
    if last is None:
        lines.append("No sessions yet.")
    else:
        before = "-" if last.pain_before is None else str(last.pain_before)
        after = "-" if last.pain_after is None else str(last.pain_after)
        lines.append(
            f"Last session: {last.routine_title}, {last.started.strftime('%a %d %b')}"
            f" · pain {before} → {after}"
        )
    return lines
