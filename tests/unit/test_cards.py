"""Education cards: the shipped file, the checks of a card file, and the rotation rule."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from coach.coaching.cards import Card, card_for_day, cards_seen
from coach.data.cards import CARDS_FILE, load_cards

TODAY = date(2026, 3, 10)


def _card(card_id: str) -> Card:
    return Card(card_id, card_id.title(), f"Text of {card_id}.", "NICE NG59")


CARDS = [_card("a"), _card("b"), _card("c")]


def _day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "cards.toml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD = """\
[[cards]]
id = "one"
title = "One"
text = "A sentence."
source = "NICE NG59"
"""


# -- the shipped file ------------------------------------------------------------------------


def test_the_shipped_file_loads_with_at_least_twenty_sourced_cards() -> None:
    loaded = load_cards(CARDS_FILE)
    assert loaded.problems == ()
    assert len(loaded.cards) >= 20
    assert all(card.source.strip() for card in loaded.cards)


def test_no_shipped_card_makes_a_claim_domain_md_rules_out() -> None:
    # DOMAIN.md section 8 "Never": cure claims, opioid-like chemicals, posture and asthma,
    # adjustments.
    for card in load_cards(CARDS_FILE).cards:
        words = f"{card.title} {card.text}".lower()
        for banned in ("cures", "will cure", "opioid", "asthma", "adjustment"):
            assert banned not in words, (card.id, banned)


# -- checks of a card file -------------------------------------------------------------------


def test_a_good_file_gives_its_cards_in_order(tmp_path: Path) -> None:
    second = GOOD.replace('"one"', '"two"').replace('"One"', '"Two"')
    loaded = load_cards(_write(tmp_path, GOOD + "\n" + second))
    assert [card.id for card in loaded.cards] == ["one", "two"]
    assert loaded.cards[0] == Card("one", "One", "A sentence.", "NICE NG59")


def test_an_unknown_key_is_named_with_its_line_and_a_suggestion(tmp_path: Path) -> None:
    loaded = load_cards(_write(tmp_path, GOOD + 'sorce = "x"\n'))
    assert loaded.cards == ()
    (problem,) = loaded.problems
    assert problem.line == 6
    assert problem.key == "cards[1].sorce"
    assert "unknown key; did you mean 'source'?" in problem.message


def test_a_duplicate_id_names_the_second_card_and_the_first(tmp_path: Path) -> None:
    loaded = load_cards(_write(tmp_path, GOOD + "\n" + GOOD))
    assert loaded.cards == ()
    (problem,) = loaded.problems
    assert (problem.line, problem.key) == (8, "cards[2].id")
    assert "already used by cards[1]" in problem.message


def test_a_text_too_long_is_refused_with_the_limit(tmp_path: Path) -> None:
    long_text = "Word " * 80
    loaded = load_cards(_write(tmp_path, GOOD.replace("A sentence.", long_text)))
    (problem,) = loaded.problems
    assert (problem.line, problem.key) == (4, "cards[1].text")
    assert "at most 320 characters" in problem.message


def test_a_card_without_a_source_is_refused(tmp_path: Path) -> None:
    loaded = load_cards(_write(tmp_path, GOOD.replace('source = "NICE NG59"\n', "")))
    (problem,) = loaded.problems
    assert problem.key == "cards[1].source"
    assert problem.line == 1
    assert "missing" in problem.message
    blank = load_cards(_write(tmp_path, GOOD.replace('"NICE NG59"', '"  "')))
    assert [p.key for p in blank.problems] == ["cards[1].source"]


def test_broken_toml_names_the_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD + "title = \n")
    (problem,) = load_cards(path).problems
    assert problem.path == path
    assert problem.line == 6
    assert "is not valid TOML" in problem.message


# -- rotation --------------------------------------------------------------------------------


def test_the_first_day_gives_the_first_card() -> None:
    assert card_for_day(CARDS, [], TODAY).id == "a"


def test_the_same_day_keeps_its_card() -> None:
    shown = [(_day(-1), "a"), (_day(0), "c")]
    assert card_for_day(CARDS, shown, TODAY).id == "c"


def test_no_card_repeats_before_all_were_shown_then_a_new_round_starts() -> None:
    shown: list[tuple[str, str]] = []
    for offset in range(7):
        card = card_for_day(CARDS, shown, TODAY + timedelta(days=offset))
        shown.append((_day(offset), card.id))
    assert [card_id for _, card_id in shown] == ["a", "b", "c", "a", "b", "c", "a"]


def test_days_without_coach_skip_no_card() -> None:
    shown = [(_day(-30), "a")]
    assert card_for_day(CARDS, shown, TODAY).id == "b"


def test_a_card_shown_out_of_order_is_not_shown_again_in_its_round() -> None:
    shown = [(_day(-2), "b"), (_day(-1), "a")]
    assert card_for_day(CARDS, shown, TODAY).id == "c"


def test_cards_no_longer_in_the_file_are_ignored() -> None:
    shown = [(_day(-2), "gone"), (_day(-1), "a"), (_day(0), "gone")]
    assert card_for_day(CARDS, shown, TODAY).id == "b"
    assert cards_seen(CARDS, shown) == 1


def test_a_day_after_today_does_not_count() -> None:
    assert card_for_day(CARDS, [(_day(3), "a")], TODAY).id == "a"


def test_no_cards_is_an_error() -> None:
    with pytest.raises(ValueError, match="no cards"):
        card_for_day([], [], TODAY)


def test_the_fast_reader_gives_exactly_the_checked_cards_without_pydantic() -> None:
    import subprocess
    import sys

    from coach.data.shipped import shipped_cards

    assert shipped_cards() == load_cards(CARDS_FILE).cards
    code = (
        "import sys; from coach.services.cards import learning, all_cards; all_cards(); "
        "sys.exit('pydantic' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
