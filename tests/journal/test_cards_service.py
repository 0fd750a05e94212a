"""The card service: the day's card is kept in the journal, and given even when it can't be."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from coach.journal.db import JournalError
from coach.journal.logbook import cards_shown
from coach.journal.records import Journal
from coach.services import cards as service

TODAY = date(2026, 3, 10)


def test_the_card_of_the_day_is_kept_and_the_next_day_moves_on(tmp_path: Path) -> None:
    first, second = service.all_cards()[:2]
    with Journal(tmp_path / "coach.db") as journal:
        assert service.card_of_the_day(journal, TODAY) == first
        assert service.card_of_the_day(journal, TODAY) == first
        assert service.card_of_the_day(journal, TODAY + timedelta(days=3)) == second
        kept = [(row.day, row.card_id) for row in cards_shown(journal)]
    assert kept == [(TODAY.isoformat(), first.id), ("2026-03-13", second.id)]


def test_learning_counts_cards_seen_of_all(tmp_path: Path) -> None:
    cards = service.all_cards()
    with Journal(tmp_path / "coach.db") as journal:
        before = service.learning(journal, TODAY)
        service.card_of_the_day(journal, TODAY)
        after = service.learning(journal, TODAY)
        tomorrow = service.learning(journal, TODAY + timedelta(days=1))
    assert before.to_json() == {
        "seen": 0,
        "total": len(cards),
        "today_card": cards[0].id,
        "shown_today": False,
    }
    assert (after.seen, after.shown_today, after.today_card_id) == (1, True, cards[0].id)
    assert (tomorrow.today_card_id, tomorrow.shown_today) == (cards[1].id, False)


def test_a_journal_that_cannot_be_written_still_gives_the_card(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> None:
        raise JournalError("cannot write the journal: disk full")

    monkeypatch.setattr(service, "mark_card_shown", refuse)
    with Journal(tmp_path / "coach.db") as journal:
        assert service.card_of_the_day(journal, TODAY) == service.all_cards()[0]
        assert cards_shown(journal) == []


def test_the_card_is_written_once_a_day_however_often_it_is_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[object] = []
    real = service.mark_card_shown
    monkeypatch.setattr(
        service, "mark_card_shown", lambda *args: writes.append(args) or real(*args)
    )
    with Journal(tmp_path / "coach.db") as journal:
        today = date(2026, 11, 22)
        first = service.card_of_the_day(journal, today)
        assert all(service.card_of_the_day(journal, today) == first for _ in range(3))
    assert len(writes) == 1
