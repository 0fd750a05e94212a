"""The education card file: what it may say, checked like a routine file.

``coach/data/cards.toml`` holds ``[[cards]]`` tables with ``id``, ``title``, ``text`` and
``source``. Unknown keys, missing keys, over-long text, a card without a source and two cards
of one id are problems that name the file, the line and the key (``coach.routine.problems``),
so whoever edits the file is told exactly where. The file is read bounded (never a FIFO or a
huge file), as routine files are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from coach.coaching.cards import Card
from coach.data.shipped import CARDS_FILE, CardFileError, shipped_cards
from coach.routine.names import ID_PATTERN
from coach.routine.problems import Problem, problems_from_validation
from coach.routine.reading import read_toml
from coach.routine.toml_lines import KeyLines

__all__ = [
    "CARDS_FILE",
    "CardFileError",
    "CardModel",
    "CardsLoaded",
    "load_cards",
    "shipped_cards",
]


MAX_TEXT = 320
"""Two or three short sentences fit; a paragraph does not belong on a card."""

CardId = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=60)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
CardText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)
]
Source = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]


class CardModel(BaseModel):
    """One ``[[cards]]`` table: every key required, no other key allowed."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    id: CardId = Field(description="Lower-case words joined by hyphens; unique in the file.")
    title: Title = Field(description="A few words (at most 60 characters).")
    text: CardText = Field(description="Two or three short sentences (at most 320 characters).")
    source: Source = Field(description="Where the claim comes from, as DOMAIN.md names it.")


class CardFile(BaseModel):
    """The whole file: a list of cards."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    cards: list[CardModel] = Field(min_length=1, max_length=500)


_ALLOWED: dict[tuple[str | int, ...], tuple[str, ...]] = {
    (): ("cards",),
    ("cards",): tuple(CardModel.model_fields),
}


@dataclass(frozen=True)
class CardsLoaded:
    """The cards of a file in its order, or the problems that kept it from loading."""

    cards: tuple[Card, ...]
    problems: tuple[Problem, ...]


def _duplicates(path: Path, models: list[CardModel], lines: KeyLines) -> list[Problem]:
    """A problem for each card whose id an earlier card already has."""
    first: dict[str, int] = {}
    problems: list[Problem] = []
    for index, model in enumerate(models):
        if model.id in first:
            problems.append(
                Problem(
                    path,
                    lines.line_of(("cards", index, "id")),
                    f"cards[{index + 1}].id",
                    f"the id {model.id!r} is already used by cards[{first[model.id] + 1}]",
                )
            )
        first.setdefault(model.id, index)
    return problems


def load_cards(path: Path) -> CardsLoaded:
    """Read and check a card file; a broken one gives problems and no cards."""
    problems: list[Problem] = []
    parsed = read_toml(path, problems)
    if parsed is None:
        return CardsLoaded((), tuple(problems))
    try:
        model = CardFile.model_validate(parsed.data)
    except ValidationError as exc:
        found = problems_from_validation(exc, path, parsed.lines, _ALLOWED)
        return CardsLoaded((), tuple(found))
    duplicates = _duplicates(path, model.cards, parsed.lines)
    if duplicates:
        return CardsLoaded((), tuple(duplicates))
    cards = tuple(Card(m.id, m.title, m.text, m.source) for m in model.cards)
    return CardsLoaded(cards, ())
