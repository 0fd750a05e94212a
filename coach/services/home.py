"""What the home screen says about coaching over weeks, worked out in one read.

The daily routine's level (and an offer to go up, or the reason for a step back), whether the
morning check and the weekly PEG are open, this week's walking against its goal, and the
education card of the day. The words come from the services that own them (progress,
outcomes, cards); this module only gathers them, so the home screen shows and never decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from coach.coaching.cards import Card
from coach.journal import Journal
from coach.routine import Library
from coach.services import outcomes
from coach.services.cards import card_of_the_day
from coach.services.progress import RoutineProgress, offer_line, progress_for

__all__ = ["STEP_BACK_SHOWN_DAYS", "HomeCoaching", "home_coaching"]

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
