"""The first-run welcome with the disclaimer, the red flags, and the painful-side question."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coach.safety import DISCLAIMER, RED_FLAGS_EMERGENCY, RED_FLAGS_SOON, RED_FLAGS_TITLE

__all__ = ["RedFlagsScreen", "SideChoice", "SideScreen", "WelcomeScreen"]

SideChoice = Literal["left", "right", "both", "cancel"]


class WelcomeScreen(ModalScreen[None]):
    """Shown once, on first run: what coach is and is not."""

    BINDINGS = [Binding("enter,escape", "close", "Continue", id="welcome.continue")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Welcome to coach", classes="dialog-title")
            yield Static(
                "Short daily core sessions and flare-up breathing, counted for you, with an "
                "honest private log of what you did and how your back felt."
            )
            yield Static(DISCLAIMER, classes="disclaimer")
            yield Static(
                "Then, on the home screen: Enter starts the daily routine, f flare-up relief, "
                "? help.",
                classes="hint",
            )
            yield Button("Continue (Enter)", id="continue", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Close."""
        self.dismiss(None)

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)


class RedFlagsScreen(ModalScreen[bool]):
    """The red flags: before the first flare-up session (``ask``), or to read again."""

    BINDINGS = [
        Binding("enter", "ok", "None apply", id="redflags.none"),
        Binding("a", "applies", "One applies", id="redflags.applies"),
        Binding("escape", "back", "Back", id="redflags.back"),
    ]

    def __init__(self, ask: bool) -> None:
        super().__init__()
        self.ask = ask

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="red-flags"):
            yield Static(RED_FLAGS_TITLE, classes="dialog-title")
            with VerticalScroll(classes="flags"):
                yield Static("Seek emergency care now if back or leg pain comes with:")
                yield Static("\n".join(f" • {item}" for item in RED_FLAGS_EMERGENCY))
                yield Static("See a doctor soon if you have:", classes="section")
                yield Static("\n".join(f" • {item}" for item in RED_FLAGS_SOON))
            yield Static("", id="advice", classes="error")
            if self.ask:
                with Horizontal(classes="buttons"):
                    yield Button(
                        "None of these apply (Enter)", id="ok", variant="primary", compact=True
                    )
                    yield Button("One applies (a)", id="applies", variant="error", compact=True)
            else:
                yield Static("Escape closes", classes="hint")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer from a button."""
        if event.button.id == "ok":
            self.action_ok()
        else:
            self.action_applies()

    def action_ok(self) -> None:
        """Nothing applies: carry on (or close, when only reading)."""
        self.dismiss(True)

    def action_applies(self) -> None:
        """Something applies: say what to do, and don't start a session."""
        if not self.ask:
            return
        self.query_one("#advice", Static).update(
            "Please seek medical help now (emergency care for the first list). "
            "coach will not start a session. Escape closes."
        )

    def action_back(self) -> None:
        """Close without starting anything."""
        self.dismiss(not self.ask)


class SideScreen(ModalScreen[SideChoice]):
    """Which side hurts? Left, right, or both / the middle."""

    BINDINGS = [
        Binding("l,left", "choose('left')", "Left", id="side.left"),
        Binding("r,right", "choose('right')", "Right", id="side.right"),
        Binding("b,m,enter", "choose('both')", "Both / middle", id="side.both"),
        Binding("escape", "choose('cancel')", "Cancel", id="side.cancel"),
    ]

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

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer from a button."""
        choice = event.button.id
        if choice in ("left", "right", "both"):
            self.dismiss(choice)  # type: ignore[arg-type]

    def action_choose(self, choice: SideChoice) -> None:
        """Answer from a key."""
        self.dismiss(choice)
