"""``coach log``: what is done or felt outside a session (DOMAIN.md sections 4 and 6b)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import date, timedelta

from coach.coaching.measures import peg_score
from coach.coaching.weeks import week_start
from coach.journal import Journal, JournalError
from coach.journal.logbook import LogEntry, add_entry, entries, new_id
from coach.journal.rows import now_local
from coach.limits import EARLIEST_SESSION
from coach.textsafe import visible

__all__ = ["parse_day", "run"]


def parse_day(text: str) -> date:
    """``today``, ``yesterday`` or ``YYYY-MM-DD``: the day an entry is about.

    A day after today is refused (nothing can be logged about it yet), and so is one before
    ``EARLIEST_SESSION``: an entry older than any session is a typo.
    """
    value = text.strip().lower()
    today = now_local().date()
    named = {"today": today, "yesterday": today - timedelta(days=1)}
    try:
        day = named[value] if value in named else date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected today, yesterday or a date such as 2026-11-01, found {text!a}"
        ) from None
    if day > today:
        raise argparse.ArgumentTypeError(
            f"{day.isoformat()} is after today ({today.isoformat()}): expected a past date"
        )
    if day < EARLIEST_SESSION.date():
        raise argparse.ArgumentTypeError(
            f"{day.isoformat()} is before {EARLIEST_SESSION:%Y-%m-%d}: expected a later date"
        )
    return day


def _day_words(day: date) -> str:
    """``Sun 22 Nov`` (English names, whatever the locale: the rest of coach is English)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _entry(args: argparse.Namespace, day: date) -> LogEntry:
    """The entry the command line asks for."""
    kind = args.log_command
    base = LogEntry(new_id(), kind, day.isoformat(), now_local().isoformat())
    if kind == "walk":
        return replace(base, minutes=args.minutes, pain=args.pain)
    if kind == "morning":
        return replace(base, morning=args.answer)
    if kind == "pain":
        return replace(base, pain=args.pain, leg=args.leg)
    return replace(base, pain=args.pain, enjoyment=args.enjoyment, activity=args.activity)


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
        return f"; it replaces this week's PEG of {_day_words(earlier[-1].date)}"
    return f"; it replaces the one logged before ({_what(earlier[-1])})"


def run(args: argparse.Namespace) -> int:
    """Log one walk, morning check, daily pain score or PEG; one line says what was kept.

    A morning check or daily pain score for a day that has one replaces it, and so does a PEG
    for a week that has one: the new entry is written first, then the earlier ones removed,
    so a failure between the two leaves both (readers take the last logged) and loses none.
    """
    day: date = args.date or now_local().date()
    entry = _entry(args, day)
    try:
        with Journal() as journal:
            earlier = _earlier(journal, entry)
            add_entry(journal, entry)
            if earlier:
                marks = ", ".join("?" for _ in earlier)
                journal.write(
                    f"DELETE FROM log_entries WHERE id IN ({marks})", [e.id for e in earlier]
                )
    except (JournalError, ValueError) as exc:
        print(f"coach: {visible(str(exc))}", file=sys.stderr)
        return 1
    when = f"the week of {_day_words(week_start(day))}" if entry.kind == "peg" else _day_words(day)
    print(f"Logged {_what(entry)} for {when}{_replaced_words(entry, earlier)}.")
    return 0
