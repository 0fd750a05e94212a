"""Small dialogs: a pain score (0-10), a yes/no question, a one-line note.

Each has its own footer, so only the keys that act on the dialog are shown (never the home
screen's keys under it), and the keys named in its text are read from the live bindings.
"""

from __future__ import annotations

from typing import Any, Literal

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Static

from coach.tui.widgets.keys import APP_KEYS, WORDS
from coach.tui.widgets.pain_scale import PainScale

__all__ = [
    "LARGE",
    "ConfirmScreen",
    "NoteScreen",
    "PainScreen",
    "active_key",
    "dialog_footer",
    "parse_pain",
]

LARGE = (120, 36)
"""From this terminal size (columns, rows) up, the pain scale draws large digits."""


def parse_pain(text: str) -> int | None:
    """A whole number 0-10, or ``None`` when ``text`` is not one."""
    value = text.strip()
    if value.isdigit() and 0 <= int(value) <= 10:
        return int(value)
    return None


def active_key(screen: Screen[Any], binding_id: str) -> str:
    """How the key of ``binding_id`` is shown, as the screen has it now (after any remap).

    Read from the screen's live bindings, so a ``[keys]`` remap shows in the dialog's text as
    it does in its footer; ``?`` when the binding is not active here (a bug worth seeing).
    """
    for active in screen.active_bindings.values():
        if active.binding.id == binding_id:
            return WORDS.get(active.binding.key) or screen.app.get_key_display(active.binding)
    return "?"


def label_with_key(screen: Screen[Any], button_id: str, words: str, binding_id: str) -> None:
    """Put the live key of ``binding_id`` on a button: ``Continue (Enter)``; called after the
    first refresh, when the screen's bindings (remaps applied) are active."""
    screen.query_one(f"#{button_id}", Button).label = f"{words} ({active_key(screen, binding_id)})"


def dialog_footer() -> Footer:
    """A dialog's own footer: its keys only (no command palette, nothing from under it)."""
    return Footer(show_command_palette=False)


class PainScreen(ModalScreen[int | None]):
    """How is your back? A key picks 0-10 on the scale, Enter saves it; Escape (or Enter with
    nothing picked) skips. Dismisses with the score or ``None``, as the flow expects."""

    BINDINGS = [
        *APP_KEYS,
        Binding("enter", "save", "Save", id="pain.save"),
        Binding("escape", "skip", "Skip", id="pain.skip"),
    ]
    AUTO_FOCUS = "#pain-scale"

    def __init__(self, when: Literal["before", "after"], routine_title: str) -> None:
        super().__init__()
        self.when = when
        self.routine_title = routine_title

    @property
    def value(self) -> int | None:
        """The score picked so far (``None``: none yet)."""
        return self.query_one(PainScale).value

    def compose(self) -> ComposeResult:
        question = (
            "How is your back right now, before you start?"
            if self.when == "before"
            else "How is your back now, after the session?"
        )
        with Vertical(classes="dialog", id="pain-dialog"):
            yield Static(self.routine_title, classes="dialog-title", markup=False)
            yield Static(question)
            yield PainScale(id="pain-scale")
            yield Static(self._choice_text(None), id="pain-choice")
            yield Static("", id="pain-keys", classes="hint")
        yield dialog_footer()

    def on_mount(self) -> None:
        """Size the scale to the terminal; name the keys once they are live."""
        self._fit(self.app.size.width, self.app.size.height)
        self.call_after_refresh(self._show_keys)

    def on_resize(self, event: events.Resize) -> None:
        """Large digits in a large terminal, small ones at 80x24."""
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        large = width >= LARGE[0] and height >= LARGE[1]
        self.query_one(PainScale).set_class(large, "-large")
        self.query_one("#pain-dialog").set_class(large, "-large")

    def _show_keys(self) -> None:
        """The keys of this dialog in words, from the live bindings."""
        ten = active_key(self, "pain_scale.ten")
        lower = active_key(self, "pain_scale.lower")
        higher = active_key(self, "pain_scale.higher")
        save = active_key(self, "pain.save")
        skip = active_key(self, "pain.skip")
        text = (
            f"A digit picks it · 10: {ten}, or 1 then 0 · {lower} {higher} move\n"
            f"{save} saves (with nothing picked, skips) · {skip} skips"
        )
        self.query_one("#pain-keys", Static).update(text)

    @staticmethod
    def _choice_text(value: int | None) -> str:
        return "Nothing picked yet." if value is None else f"Your answer: {value} of 10."

    def on_pain_scale_changed(self, event: PainScale.Changed) -> None:
        """Say the choice in words as well (for no colour, and screen readers)."""
        self.query_one("#pain-choice", Static).update(self._choice_text(event.value))

    def action_save(self) -> None:
        """Save the picked score; with nothing picked, skip as an empty answer did."""
        self.dismiss(self.value)

    def action_skip(self) -> None:
        """No score this time."""
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: y or Enter on the focused button; n or Escape says no."""

    BINDINGS = [
        *APP_KEYS,
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n", "answer(False)", "No", id="confirm.no"),
        Binding("escape", "cancel", "No", id="confirm.cancel"),
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
        yield dialog_footer()

    def on_mount(self) -> None:
        """Name the live keys on the buttons (a remap of y or n shows there too)."""
        self.call_after_refresh(self._label_buttons)

    def _label_buttons(self) -> None:
        yes, no = active_key(self, "confirm.yes"), active_key(self, "confirm.no")
        self.query_one("#yes", Button).label = f"{self.yes} ({yes})"
        self.query_one("#no", Button).label = f"{self.no} ({no})"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The chosen button is the answer."""
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Answer from a key."""
        self.dismiss(answer)

    def action_cancel(self) -> None:
        """Escape says no (its own binding, so the footer names it too)."""
        self.dismiss(False)


class NoteScreen(ModalScreen[str | None]):
    """An optional one-line note for the log."""

    BINDINGS = [
        *APP_KEYS,
        Binding("enter", "save", "Save", priority=True, id="note.save"),
        Binding("escape", "skip", "Skip", id="note.skip"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("A note for your log? (optional)")
            yield Input(placeholder="e.g. stiff in the morning", max_length=200, id="note")
            yield Static("", id="note-keys", classes="hint")
        yield dialog_footer()

    def on_mount(self) -> None:
        """Name the live keys."""
        self.call_after_refresh(self._show_keys)

    def _show_keys(self) -> None:
        save, skip = active_key(self, "note.save"), active_key(self, "note.skip")
        self.query_one("#note-keys", Static).update(f"{save} saves  ·  {skip} skips")

    def action_save(self) -> None:
        """Save the note (blank means none)."""
        self.dismiss(self.query_one("#note", Input).value.strip() or None)

    def action_skip(self) -> None:
        """No note."""
        self.dismiss(None)
