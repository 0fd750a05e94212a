"""Logging what is done or felt outside a session, with the rules of what a new entry replaces.

One place for ``coach log`` and the app: a morning check or daily pain score for a day that has
one replaces it, and so does a PEG for a week that has one (walks add up). The new entry is
written first, then the earlier ones removed, so a failure between the two leaves both
(readers take the last logged) and loses none. The line returned says what was kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from coach.coaching.measures import peg_score
from coach.coaching.redflags import new_leg_symptoms
from coach.coaching.weeks import week_start
from coach.journal import Journal
from coach.journal.logbook import LogEntry, add_entry, entries
from coach.safety import LEG_SYMPTOMS_KEY

__all__ = ["LEG_SYMPTOMS_LINE", "Logged", "day_words", "log_entry"]


def day_words(day: date) -> str:
    """``Sun 22 Nov`` (English names, whatever the locale: the rest of coach is English)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


_MORNING_WORDS = {"worse": "worse than", "same": "the same as", "better": "better than"}


def _what(entry: LogEntry) -> str:
    """What was logged, in words."""
    if entry.kind == "walk":
        pain = "" if entry.pain is None else f" (pain {entry.pain})"
        return f"a {entry.minutes}-minute walk{pain}"
    if entry.kind == "morning":
        return f"the morning as {_MORNING_WORDS[entry.morning or 'same']} the day before"
    if entry.kind == "pain":
        leg = "" if entry.leg is None else f", leg pain {entry.leg}"
        return f"pain {entry.pain}{leg}"
    score = peg_score(entry.pain or 0, entry.enjoyment or 0, entry.activity or 0)
    return (
        f"the PEG: pain {entry.pain}, enjoyment {entry.enjoyment}, activity {entry.activity} "
        f"(score {score:.1f})"
    )


def _replaced_span(entry: LogEntry) -> tuple[date, date] | None:
    """The days whose earlier entry of the same kind this one replaces: the day for the
    morning check and the daily pain score, the week for the PEG, none for walks."""
    if entry.kind in ("morning", "pain"):
        return entry.date, entry.date
    if entry.kind == "peg":
        monday = week_start(entry.date)
        return monday, monday + timedelta(days=6)
    return None


def _earlier(journal: Journal, entry: LogEntry) -> list[LogEntry]:
    span = _replaced_span(entry)
    if span is None:
        return []
    return [e for e in entries(journal, (entry.kind,), span[0]) if e.date <= span[1]]


def _replaced_words(entry: LogEntry, earlier: list[LogEntry]) -> str:
    if not earlier:
        return ""
    if entry.kind == "peg":
        return f"; it replaces this week's PEG of {day_words(earlier[-1].date)}"
    return f"; it replaces the one logged before ({_what(earlier[-1])})"


@dataclass(frozen=True)
class Logged:
    """What was kept, in one line, and whether it reported leg symptoms anew (then the red
    flags are due before the next session, and the front end shows them now)."""

    line: str
    new_leg_symptoms: bool = False


LEG_SYMPTOMS_LINE = (
    "New leg pain: please read the red flags now; coach asks them again before your next session."
)


def _previous_leg(journal: Journal, entry: LogEntry) -> int | None:
    """The leg score of the last pain entry before ``entry``'s day (or of its own day)."""
    since = entry.date - timedelta(days=LEG_MEMORY_DAYS)
    found = [e for e in entries(journal, ("pain",), since) if e.date <= entry.date]
    return found[-1].leg if found else None


LEG_MEMORY_DAYS = 14
"""Leg pain logged within this many days is not new when logged again."""


def log_entry(journal: Journal, entry: LogEntry) -> Logged:
    """Store ``entry`` (replacing what it replaces) and say what was kept, in one line.

    Raises ``JournalError`` when the journal can't take it, ``ValueError`` for a value out of
    range (both with a one-line message).
    """
    earlier = _earlier(journal, entry)
    leg_is_new = entry.kind == "pain" and new_leg_symptoms(entry.leg, _previous_leg(journal, entry))
    add_entry(journal, entry)
    if leg_is_new:
        journal.set_meta(LEG_SYMPTOMS_KEY, entry.logged_at)
    if earlier:
        marks = ", ".join("?" for _ in earlier)
        journal.write(f"DELETE FROM log_entries WHERE id IN ({marks})", [e.id for e in earlier])
    day = entry.date
    when = f"the week of {day_words(week_start(day))}" if entry.kind == "peg" else day_words(day)
    return Logged(f"Logged {_what(entry)} for {when}{_replaced_words(entry, earlier)}.", leg_is_new)
