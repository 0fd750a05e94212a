"""Dialogs for what is logged outside a session: a walk, today's pain, the weekly PEG.

Each asks a few whole numbers, one field under the other: Enter on a field goes to the next
(or saves on the last), Escape leaves without saving anything. A field that may stay empty
says so; a number out of range is explained in place and nothing is saved. What the answers
mean and how they are stored is ``coach.services.outcomes``'s; these only ask.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from coach.tui.screens.pain import dialog_footer
from coach.tui.widgets.keys import APP_KEYS

__all__ = ["NumberField", "NumbersScreen", "pain_fields", "peg_fields", "walk_fields"]


@dataclass(frozen=True)
class NumberField:
    """One whole number to ask: its question, the range, and whether it may stay empty."""

    question: str
    low: int
    high: int
    hint: str
    optional: bool = False

    def parse(self, text: str) -> int | None:
        """The number in ``text`` when it is one in range, else ``None``."""
        value = text.strip()
        if value.isdigit() and self.low <= int(value) <= self.high:
            return int(value)
        return None

    def problem(self, text: str) -> str:
        """Why ``text`` is not an answer."""
        if not text.strip():
            return "This one needs an answer (Escape leaves without saving)."
        return f"A whole number from {self.low} to {self.high}, not {text.strip()}."


SCORE_HINT = "0 = no pain  ·  10 = worst pain imaginable"


def walk_fields(max_minutes: int) -> list[NumberField]:
    """A walk: its minutes, and the pain during it if the person wants to say."""
    return [
        NumberField("How many minutes did you walk?", 1, max_minutes, "whole minutes"),
        NumberField(
            "Pain during the walk (optional)", 0, 10, SCORE_HINT + "  ·  empty: skip", True
        ),
    ]


def pain_fields() -> list[NumberField]:
    """Today's back pain, and leg pain for people with leg symptoms (DOMAIN.md section 4)."""
    return [
        NumberField("How is your back today?", 0, 10, SCORE_HINT),
        NumberField(
            "Leg pain, if you have leg symptoms (optional)",
            0,
            10,
            SCORE_HINT + "  ·  empty: skip",
            True,
        ),
    ]


def peg_fields() -> list[NumberField]:
    """The PEG's three items, in Krebs 2009's words (J Gen Intern Med 24:733)."""
    return [
        NumberField(
            "What number best describes your pain on average in the past week?",
            0,
            10,
            "0 = no pain  ·  10 = pain as bad as you can imagine",
        ),
        NumberField(
            "During the past week, how has pain interfered with your enjoyment of life?",
            0,
            10,
            "0 = does not interfere  ·  10 = completely interferes",
        ),
        NumberField(
            "During the past week, how has pain interfered with your general activity?",
            0,
            10,
            "0 = does not interfere  ·  10 = completely interferes",
        ),
    ]


class NumbersScreen(ModalScreen[tuple[int | None, ...] | None]):
    """Ask ``fields`` in turn; dismisses with the answers (``None`` where skipped), or with
    ``None`` when the person leaves with Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *APP_KEYS,
        # Priority: the focused field would take Enter first, and the footer would not name it.
        Binding("enter", "next", "Next / save", priority=True, id="numbers.next"),
        Binding("escape", "leave", "Leave without saving", id="numbers.leave"),
    ]

    def __init__(self, title: str, fields: Sequence[NumberField], intro: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.fields = list(fields)
        self.intro = intro

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="numbers"):
            yield Static(Content(self.title_text), classes="dialog-title")
            if self.intro:
                yield Static(Content(self.intro), classes="hint")
            for index, field in enumerate(self.fields):
                yield Static(Content(field.question), classes="question")
                yield Input(
                    placeholder=f"{field.low}-{field.high}",
                    restrict=r"[0-9]{0,3}",
                    max_length=3,
                    id=f"number-{index}",
                    compact=True,
                )
                yield Static(Content(field.hint), classes="hint")
            yield Static("", id="numbers-error", classes="error")
            yield Static("Enter: next / save  ·  Escape: leave without saving", classes="hint")
        yield dialog_footer()

    def action_next(self) -> None:
        """Enter: check the focused field; go to the next one, or save when all are answered."""
        box = self.focused if isinstance(self.focused, Input) else self.query_one(Input)
        index = int((box.id or "number-0").removeprefix("number-"))
        field = self.fields[index]
        if field.parse(box.value) is None and not (field.optional and not box.value.strip()):
            self.query_one("#numbers-error", Static).update(Content(field.problem(box.value)))
            return
        self.query_one("#numbers-error", Static).update("")
        if index + 1 < len(self.fields):
            self.query_one(f"#number-{index + 1}", Input).focus()
            return
        answers = self._answers()
        if answers is not None:
            self.dismiss(answers)

    def _answers(self) -> tuple[int | None, ...] | None:
        """Every answer, or ``None`` (with the first problem shown and focused)."""
        answers: list[int | None] = []
        for index, field in enumerate(self.fields):
            box = self.query_one(f"#number-{index}", Input)
            value = field.parse(box.value)
            if value is None and not (field.optional and not box.value.strip()):
                self.query_one("#numbers-error", Static).update(Content(field.problem(box.value)))
                box.focus()
                return None
            answers.append(value)
        return tuple(answers)

    def action_leave(self) -> None:
        """Nothing saved."""
        self.dismiss(None)
