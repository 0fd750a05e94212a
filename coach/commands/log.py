"""``coach log``: what is done or felt outside a session (DOMAIN.md sections 4 and 6b)."""

from __future__ import annotations

import argparse
from datetime import date, timedelta

from coach.journal.rows import now_local
from coach.limits import EARLIEST_SESSION

__all__ = ["parse_day"]


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
