"""The shipped education cards, read fast: ``coach stats``, the report and home need only them.

The card file ships inside the package and is checked by the test suite against the full
format (``coach.data.cards``, pydantic, messages with lines). Reading it here with tomllib
alone keeps pydantic (a tenth of a second to import) off the paths that only show cards. A file
that is not plainly a list of cards with the four keys is handed to the full check, whose
problems are raised as ``CardFileError``.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from coach.coaching.cards import Card

__all__ = ["CARDS_FILE", "CardFileError", "shipped_cards"]

CARDS_FILE = Path(__file__).with_name("cards.toml")
"""The cards shipped with coach (inside the package, so a wheel carries them)."""
_KEYS = ("id", "title", "text", "source")


class CardFileError(Exception):
    """The shipped card file is broken (a packaging mistake, told with its problems)."""


def _plain_cards(data: dict[str, Any]) -> tuple[Card, ...] | None:
    """The cards when ``data`` is plainly a list of four-string tables with unique ids."""
    tables = data.get("cards") if set(data) == {"cards"} else None
    if not isinstance(tables, list) or not tables:
        return None
    if not all(isinstance(t, dict) and tuple(sorted(t)) == tuple(sorted(_KEYS)) for t in tables):
        return None
    if not all(isinstance(t[key], str) and t[key].strip() for t in tables for key in _KEYS):
        return None
    cards = tuple(Card(t["id"], t["title"], t["text"], t["source"]) for t in tables)
    return cards if len({card.id for card in cards}) == len(cards) else None


@cache
def shipped_cards() -> tuple[Card, ...]:
    """The shipped cards, read once; ``CardFileError`` when the file is broken."""
    try:
        cards = _plain_cards(tomllib.loads(CARDS_FILE.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        cards = None
    if cards is not None:
        return cards
    from coach.data.cards import load_cards

    loaded = load_cards(CARDS_FILE)
    if loaded.problems or not loaded.cards:
        problems = loaded.problems or ("no cards",)
        raise CardFileError("; ".join(str(problem) for problem in problems))
    return loaded.cards
