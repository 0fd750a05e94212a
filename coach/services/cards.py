"""Education cards for the front ends: the card of the day, every card, and how many were seen.

The rotation rule lives in ``coach.coaching.cards``; this module feeds it the shipped cards and
the journal's record of cards shown, and keeps the day's card. Showing a card never depends on
the journal: when it cannot be read or written, the card is still given (the rotation then
starts from what could be read).
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import date

from coach.coaching.cards import Card, card_for_day, cards_seen
from coach.data.shipped import shipped_cards
from coach.journal.db import JournalError
from coach.journal.logbook import cards_shown, mark_card_shown
from coach.journal.records import Journal

__all__ = ["Card", "Learning", "all_cards", "card_of_the_day", "learning", "peek_card"]


@dataclass(frozen=True)
class Learning:
    """How far the person is through the cards (for ``coach stats --json`` and the home)."""

    seen: int
    """Cards shown at least once."""
    total: int
    """Cards there are."""
    today_card_id: str
    """The card of today (the one given, or the one today will give)."""
    shown_today: bool
    """True once today's card was given."""

    def line(self) -> str:
        """``coach stats``: how far through the cards."""
        return f"Cards:      {self.seen} of {self.total} seen (coach learn shows today's)"

    def to_json(self) -> dict[str, object]:
        """Plain data."""
        return {
            "seen": self.seen,
            "total": self.total,
            "today_card": self.today_card_id,
            "shown_today": self.shown_today,
        }


def all_cards() -> list[Card]:
    """Every card, in the file's order."""
    return list(shipped_cards())


def _shown(journal: Journal) -> list[tuple[str, str]]:
    """``(day, card_id)`` of the cards shown; none when the journal cannot be read."""
    try:
        return [(row.day, row.card_id) for row in cards_shown(journal)]
    except (JournalError, sqlite3.Error):
        return []


def peek_card(journal: Journal, today: date) -> Card:
    """The card of ``today`` without keeping it (nothing is written)."""
    return card_for_day(shipped_cards(), _shown(journal), today)


def card_of_the_day(journal: Journal, today: date) -> Card:
    """The card of ``today``, kept as shown; still given when the journal can't be written."""
    shown = _shown(journal)
    card = card_for_day(shipped_cards(), shown, today)
    if any(day == today.isoformat() for day, _ in shown):
        return card  # kept already: home asks on every visit, one write a day is enough
    # A card is a nicety: a locked or read-only journal must not hide it.
    with contextlib.suppress(JournalError, sqlite3.Error):
        mark_card_shown(journal, today, card.id)
    return card


def learning(journal: Journal, today: date) -> Learning:
    """Cards seen of the total, and today's card."""
    cards = shipped_cards()
    shown = _shown(journal)
    card = card_for_day(cards, shown, today)
    shown_today = any(day == today.isoformat() for day, _ in shown)
    return Learning(cards_seen(cards, shown), len(cards), card.id, shown_today)
