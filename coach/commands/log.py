"""``coach log``: what is done or felt outside a session (DOMAIN.md sections 4 and 6b)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import date, timedelta

from coach.journal import Journal, JournalError
from coach.journal.logbook import LogEntry, new_id
from coach.journal.rows import now_local
from coach.limits import EARLIEST_SESSION
from coach.services.log import log_entry
from coach.textsafe import one_line, visible

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


def _entry(args: argparse.Namespace, day: date) -> LogEntry:
    """The entry the command line asks for."""
    kind = args.log_command
    base = LogEntry(new_id(), kind, day.isoformat(), now_local().isoformat(timespec="seconds"))
    if kind == "walk":
        return replace(base, minutes=args.minutes, pain=args.pain)
    if kind == "morning":
        return replace(base, morning=args.answer)
    if kind == "pain":
        return replace(base, pain=args.pain, leg=args.leg)
    return replace(base, pain=args.pain, enjoyment=args.enjoyment, activity=args.activity)


def _show_red_flags() -> None:
    """New leg symptoms: the red flags now (DOMAIN.md section 5), and the next session asks."""
    from coach.coaching.redflags import red_flags_text
    from coach.services.log import LEG_SYMPTOMS_LINE

    print(LEG_SYMPTOMS_LINE)
    print()
    print(red_flags_text())


def _tell_step_backs(journal: Journal) -> None:
    """A worse morning may step a ladder back (coach.services.progress): say so now, with the
    reason, rather than leave it to be found on the next screen."""
    from coach.routine import load_default_library
    from coach.services.progress import progress_states

    for state in progress_states(journal, load_default_library(), now_local()):
        if state.stepped_back is not None:
            print(f"{one_line(state.title)}: {one_line(state.stepped_back.reason)}.")


def run(args: argparse.Namespace) -> int:
    """Log one walk, morning check, daily pain score or PEG; one line says what was kept
    (``coach.services.log`` has the rules of what a new entry replaces)."""
    day: date = args.date or now_local().date()
    entry = _entry(args, day)
    try:
        with Journal() as journal:
            logged = log_entry(journal, entry)
            print(logged.line)
            if logged.new_leg_symptoms:
                _show_red_flags()
            if entry.morning == "worse":
                _tell_step_backs(journal)
    except (JournalError, ValueError) as exc:
        print(f"coach: {visible(str(exc))}", file=sys.stderr)
        return 1
    return 0
