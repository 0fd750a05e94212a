"""The education card of the day (DOMAIN.md section 8): which card, worked out from the past.

Rules:

* The card of the day is the first card, in the file's order, not yet shown in the current
  round. A round ends when every card was shown once; then the next round starts from the top.
* A day keeps its card: asked twice, a day gives the same card.
* Only days with a card count, so days without coach skip no card.
* A card no longer in the file is ignored (an old journal may name one); a card added to the
  file is shown in the round that is under way.

Pure: the past is handed in as ``(day, card_id)`` pairs, no journal is read here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

__all__ = ["Card", "card_for_day", "cards_seen", "round_seen"]


@dataclass(frozen=True)
class Card:
    """One short education card and the source that carries its claim."""

    id: str
    title: str
    text: str
    source: str

    @property
    def line(self) -> str:
        """The card in one paragraph, as home and the summary show it."""
        return f"{self.title}: {self.text} (Source: {self.source})"

    def to_json(self) -> dict[str, str]:
        """The card as plain data (``coach learn --json``)."""
        return {"id": self.id, "title": self.title, "text": self.text, "source": self.source}


def _before(shown: Iterable[tuple[str, str]], today: date) -> list[tuple[str, str]]:
    """Shown pairs of days before ``today``, oldest first (a clock set back leaves later days)."""
    return sorted(pair for pair in shown if pair[0] < today.isoformat())


def round_seen(cards: Sequence[Card], shown: Iterable[tuple[str, str]], today: date) -> set[str]:
    """The ids of the cards shown in the round under way before ``today``."""
    known = {card.id for card in cards}
    seen: set[str] = set()
    for _day, card_id in _before(shown, today):
        if card_id not in known:
            continue
        seen.add(card_id)
        if seen == known:
            seen = set()  # the round is complete: the next one starts empty
    return seen


def card_for_day(cards: Sequence[Card], shown: Iterable[tuple[str, str]], today: date) -> Card:
    """The card of ``today``: the one already given to it, else the next of the round.

    ``cards`` must not be empty (the shipped file is checked to have cards).
    """
    if not cards:
        raise ValueError("there are no cards to choose from")
    pairs = list(shown)
    by_id = {card.id: card for card in cards}
    given = [card_id for day, card_id in pairs if day == today.isoformat()]
    if given and given[0] in by_id:
        return by_id[given[0]]
    seen = round_seen(cards, pairs, today)
    return next(card for card in cards if card.id not in seen)


def cards_seen(cards: Sequence[Card], shown: Iterable[tuple[str, str]]) -> int:
    """How many of ``cards`` were ever shown."""
    known = {card.id for card in cards}
    return len({card_id for _day, card_id in shown if card_id in known})
