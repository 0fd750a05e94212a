"""The first-run welcome, the red flags, the painful side, and a message to read.

These screens only ask and show: what is asked when, and what an answer leads to, is the
session flow's (``coach.flow``); the red-flag list and its groups are
``coach.coaching.redflags``' (shared/DOMAIN.md section 5).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coach.coaching import redflags
from coach.safety import DISCLAIMER
from coach.tui.screens.pain import dialog_footer, label_with_key
from coach.tui.widgets.keys import APP_KEYS

__all__ = [
    "MessageScreen",
    "RedFlagsScreen",
    "SideScreen",
    "WelcomeScreen",
]


class WelcomeScreen(ModalScreen[None]):
    """Shown once, on first run: what coach is and is not."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *APP_KEYS,
        Binding("enter", "close", "Continue", id="welcome.continue"),
        Binding("escape", "close_by_escape", "Continue", id="welcome.escape"),
    ]

    def __init__(self, home_keys: str = "") -> None:
        super().__init__()
        self.home_keys = home_keys
        """What the main keys of home do, with the keys the person has (the app says)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Welcome to coach", classes="dialog-title")
            yield Static(
                "Short daily core sessions and flare-up breathing, counted for you, with an "
                "honest private log of what you did and how your back felt."
            )
            yield Static(DISCLAIMER, classes="disclaimer", markup=False)
            if self.home_keys:
                yield Static(f"Then, on the home screen: {self.home_keys}.", classes="hint")
            yield Button("Continue", id="continue", variant="primary")
        yield dialog_footer()

    def on_mount(self) -> None:
        """Name the live key on the button."""
        self.call_after_refresh(label_with_key, self, "continue", "Continue", "welcome.continue")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Close."""
        self.dismiss(None)

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)

    def action_close_by_escape(self) -> None:
        """Escape closes too (its own binding, so the footer names it as well)."""
        self.dismiss(None)


class MessageScreen(ModalScreen[None]):
    """Something to read before going on (advice, or why coach stopped); Enter or Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *APP_KEYS,
        Binding("enter", "close", "Continue", id="message.continue"),
        Binding("escape", "close_by_escape", "Continue", id="message.escape"),
    ]

    def __init__(self, text: str, title: str = "", stop: bool = False) -> None:
        super().__init__(classes="-stop" if stop else "")
        self.text = text
        self.title_text = title
        self.stop = stop

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="message"):
            if self.title_text:
                yield Static(Content(self.title_text), classes="dialog-title", id="message-title")
            yield Static(Content(self.text), id="message-text")
            yield Button(self._words, id="continue", variant="error" if self.stop else "primary")
        yield dialog_footer()

    @property
    def _words(self) -> str:
        return "Close" if self.stop else "Continue"

    def on_mount(self) -> None:
        """Name the live key on the button."""
        self.call_after_refresh(label_with_key, self, "continue", self._words, "message.continue")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Close."""
        self.dismiss(None)

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)

    def action_close_by_escape(self) -> None:
        """Escape closes too (its own binding, so the footer names it as well)."""
        self.dismiss(None)


_KEY_OF = {answer: key for key, answer in redflags.ANSWER_KEYS.items()}
"""The key of each answer (coaching.redflags: "none" has its own key, never Enter)."""

_ANSWER_BUTTONS = (
    ("none", f"None of these apply ({_KEY_OF['none']})", "default"),
    ("emergency", f"An emergency item applies ({_KEY_OF['emergency']})", "error"),
    ("urgent", f"A same-day item applies ({_KEY_OF['urgent']})", "warning"),
    ("soon", f"A 'soon' item applies ({_KEY_OF['soon']})", "primary"),
)


def _bullets(items: tuple[str, ...]) -> Content:
    return Content("\n".join(f" • {item}" for item in items))


class RedFlagsScreen(ModalScreen[str]):
    """The red flags in three groups. Asking (``ask``): the answer is ``none``, ``emergency``,
    ``urgent``, ``soon`` or ``cancel``, each by its own key; Enter answers nothing. Reading
    (from help or the command palette): Escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *APP_KEYS,
        Binding(_KEY_OF["none"], "answer('none')", "None apply", id="redflags.none"),
        Binding(_KEY_OF["emergency"], "answer('emergency')", "Emergency", id="redflags.emergency"),
        Binding(_KEY_OF["urgent"], "answer('urgent')", "Same day", id="redflags.urgent"),
        Binding(_KEY_OF["soon"], "answer('soon')", "Soon", id="redflags.soon"),
        Binding("escape", "answer('cancel')", "Back", id="redflags.back"),
    ]
    AUTO_FOCUS = "#flags"
    """The list scrolls with the arrow keys (focusing it gives Enter no button to press)."""
    """Nothing is focused to begin with, so Enter presses no button."""

    def __init__(self, ask: bool, reason: str = "") -> None:
        super().__init__()
        self.ask = ask
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="red-flags"):
            yield Static(Content(redflags.TITLE), classes="dialog-title")
            if self.reason:
                yield Static(Content(self.reason), id="reason")
            with VerticalScroll(classes="flags", id="flags"):
                for number, (group, heading, items) in enumerate(redflags.GROUPS):
                    yield Static(heading, classes="section" if number else "")
                    yield Static(_bullets(items), id=group)
                yield Static(Content(redflags.HEAT_ADVICE), classes="section hint")
            if self.ask:
                with Grid(classes="answers", id="answers"):
                    for value, label, variant in _ANSWER_BUTTONS:
                        button = Button(label, id=value, variant=variant, compact=True)  # type: ignore[arg-type]
                        # Keys answer, never Enter on a focused button (DOMAIN.md section 5).
                        button.can_focus = False
                        yield button
                yield Static(
                    "Press the key of your answer · ↑↓ scroll · Escape back", classes="hint"
                )
            else:
                yield Static("↑↓ scroll · Escape closes", classes="hint")
        yield dialog_footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only Escape when reading; every answer when asking."""
        if action == "answer" and parameters != ("cancel",):
            return self.ask
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer from a button (a click)."""
        if event.button.id is not None:
            self.action_answer(event.button.id)

    def action_answer(self, answer: str) -> None:
        """One answer closes the screen: the flow shows what it means."""
        if not self.ask:
            if answer == "cancel":
                self.dismiss("cancel")
            return
        self.dismiss(answer)


class SideScreen(ModalScreen[str | None]):
    """Which side hurts? Left, right, or both / the middle (Enter); Escape cancels (None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *APP_KEYS,
        Binding("l,left", "choose('left')", "Left", id="side.left"),
        Binding("r,right", "choose('right')", "Right", id="side.right"),
        Binding("b,m", "choose('both')", "Both / middle", id="side.both"),
        Binding("escape", "choose('cancel')", "Cancel", id="side.cancel"),
    ]
    AUTO_FOCUS = "#both"
    """The default is focused, so Enter answers "both" (the safer, middle answer)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Which side hurts?", classes="dialog-title")
            yield Static(
                "Breathing goes into that side, and stretches start with it.", classes="hint"
            )
            with Horizontal(classes="buttons"):
                yield Button("Left (l)", id="left")
                yield Button("Right (r)", id="right")
                yield Button("Both / middle (b)", id="both", variant="primary")
            yield Static("Enter: both / middle · Escape cancels", classes="hint gap")
        yield dialog_footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer from a button (Enter presses the focused one)."""
        choice = event.button.id
        if choice in ("left", "right", "both"):
            self.dismiss(choice)

    def action_choose(self, choice: str) -> None:
        """Answer from a key; ``cancel`` answers None."""
        self.dismiss(None if choice == "cancel" else choice)
