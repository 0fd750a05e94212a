"""Small dialogs: a pain score (0-10), a yes/no question, a one-line note."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

__all__ = ["ConfirmScreen", "NoteScreen", "PainScreen", "parse_pain"]


def parse_pain(text: str) -> int | None:
    """A whole number 0-10, or ``None`` when ``text`` is not one."""
    value = text.strip()
    if value.isdigit() and 0 <= int(value) <= 10:
        return int(value)
    return None


class PainScreen(ModalScreen[int | None]):
    """How is your back? A number 0-10 and Enter; Escape (or an empty Enter) skips."""

    BINDINGS = [Binding("escape", "skip", "Skip", id="pain.skip")]

    def __init__(self, when: Literal["before", "after"], routine_title: str) -> None:
        super().__init__()
        self.when = when
        self.routine_title = routine_title

    def compose(self) -> ComposeResult:
        question = (
            "How is your back right now, before you start?"
            if self.when == "before"
            else "How is your back now, after the session?"
        )
        with Vertical(classes="dialog"):
            yield Static(self.routine_title, classes="dialog-title", markup=False)
            yield Static(question)
            yield Static("0 = no pain  ·  10 = worst pain imaginable", classes="hint")
            yield Input(
                placeholder="0-10",
                restrict=r"[0-9]{0,2}",
                max_length=2,
                id="pain",
                compact=True,
            )
            yield Static("", id="pain-error", classes="error")
            yield Static("Enter saves  ·  Escape skips", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Save a valid score; an empty answer skips; anything else explains the range."""
        if not event.value.strip():
            self.dismiss(None)
            return
        pain = parse_pain(event.value)
        if pain is None:
            self.query_one("#pain-error", Static).update(
                f"Pain is a whole number from 0 to 10, not {event.value}."
            )
            event.input.clear()
            return
        self.dismiss(pain)

    def action_skip(self) -> None:
        """No score this time."""
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: y or Enter on the focused button; n or Escape says no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", show=False, id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="primary")
                yield Button(f"{self.no} (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The chosen button is the answer."""
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Answer from a key."""
        self.dismiss(answer)


class NoteScreen(ModalScreen[str | None]):
    """An optional one-line note for the log."""

    BINDINGS = [Binding("escape", "skip", "Skip", id="note.skip")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("A note for your log? (optional)")
            yield Input(placeholder="e.g. stiff in the morning", max_length=200, id="note")
            yield Static("Enter saves  ·  Escape skips", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Save the note (blank means none)."""
        self.dismiss(event.value.strip() or None)

    def action_skip(self) -> None:
        """No note."""
        self.dismiss(None)
