"""``coach learn``: today's card, every card, JSON, through the real command."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import run_coach

from coach.data.cards import CARDS_FILE, load_cards

CARDS = load_cards(CARDS_FILE).cards


def test_learn_shows_todays_card_with_its_source_and_keeps_it(tmp_path: Path) -> None:
    result = run_coach("learn", home=tmp_path)
    assert result.returncode == 0, result.stderr
    first = CARDS[0]
    assert result.stdout.splitlines() == [first.title, first.text, f"Source: {first.source}"]
    again = run_coach("learn", "--json", home=tmp_path)
    assert json.loads(again.stdout) == first.to_json()


def test_learn_all_lists_every_card_in_order(tmp_path: Path) -> None:
    result = run_coach("learn", "--all", "--json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [card.to_json() for card in CARDS]
    text = run_coach("learn", "--all", home=tmp_path).stdout
    assert text.count("Source: ") == len(CARDS)
    assert text.split("\n\n")[1].splitlines()[0] == CARDS[1].title


def test_learn_shows_a_card_when_the_journal_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "coach.db").write_bytes(b"this is not a database" * 100)
    result = run_coach("learn", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == CARDS[0].title
    assert (tmp_path / "coach.db").read_bytes().startswith(b"this is not a database")
