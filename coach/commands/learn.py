"""``coach learn [--all] [--json]``: today's education card (or every card), with its source."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from coach.coaching.cards import Card, card_for_day
from coach.data.shipped import CardFileError
from coach.journal.db import JournalError
from coach.journal.records import Journal
from coach.journal.rows import now_local
from coach.services.cards import all_cards, card_of_the_day
from coach.textsafe import one_line, visible

__all__ = ["card_lines", "run"]


def card_lines(card: Card) -> list[str]:
    """A card as lines for the terminal: title, text, source; shown literally."""
    return [one_line(card.title), one_line(card.text), f"Source: {one_line(card.source)}"]


def _todays_card() -> Card:
    """Today's card, kept in the journal when it opens; from the file alone when it doesn't."""
    today = now_local().date()
    try:
        with Journal() as journal:
            return card_of_the_day(journal, today)
    except JournalError:
        return card_for_day(all_cards(), [], today)


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Print today's card, or every card with ``--all``; JSON with ``--json``."""
    out, err = out or sys.stdout, err or sys.stderr  # looked up now: tests replace them
    try:
        cards = all_cards() if args.all else [_todays_card()]
    except CardFileError as exc:
        print(visible(f"coach: the education cards cannot be read: {exc}"), file=err)
        return 1
    if args.json:
        data: object = [c.to_json() for c in cards] if args.all else cards[0].to_json()
        json.dump(data, out, indent=2, ensure_ascii=False)
        print(file=out)
        return 0
    for number, card in enumerate(cards):
        if number:
            print(file=out)
        print("\n".join(card_lines(card)), file=out)
    return 0
