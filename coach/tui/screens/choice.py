"""One screen for every choice the session flow offers (``coach.flow.questions.Choose``).

A button per option with its key shown; the option's key picks it, Enter gives the default
(the default button is focused and primary), Escape gives the cancel value. When a question has
no default, nothing is focused and Enter does nothing. What the options are, which is the
default and what each leads to is the flow's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coach.tui.screens.pain import dialog_footer
from coach.tui.widgets.keys import APP_KEYS

if TYPE_CHECKING:
    from coach.flow.questions import Choose

__all__ = ["ChoiceScreen", "choice_hint", "option_id"]


def option_id(value: str) -> str:
    """The id of an option's button (values are flow words such as ``as-planned``)."""
    return "option-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in value)


def choice_hint(question: Choose) -> str:
    """What Enter and Escape do here: ``Enter: the highlighted choice · Escape: Stop here``.

    Escape is named by the option it picks, or, when it picks none of them (``it hurts``:
    the session stays paused), by the flow's own words for it.
    """
    named = (o.label for o in question.options if o.value == question.cancel)
    cancel = next(named, question.cancel_label)
    enter = "Enter: the highlighted choice · " if question.default is not None else ""
    return f"{enter}Escape: {cancel}"


class ChoiceScreen(ModalScreen[str]):
    """Ask one ``Choose`` question; dismisses with the chosen option's value."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *APP_KEYS,
        Binding("escape", "cancel", "Cancel", id="choice.cancel"),
    ]
    AUTO_FOCUS = None

    def __init__(self, question: Choose) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        question = self.question
        with Vertical(classes="dialog wide", id="choice"):
            yield Static(Content(question.title), classes="dialog-title", id="choice-title")
            if question.text:
                yield Static(Content(question.text), id="choice-text")
            with Vertical(id="options"):
                for option in question.options:
                    default = option.value == question.default
                    yield Button(
                        Content(f"{option.label} ({option.key})"),
                        id=option_id(option.value),
                        variant="primary" if default else "default",
                        compact=True,
                        classes="option -default" if default else "option",
                    )
            yield Static(Content(choice_hint(question)), classes="hint", id="choice-hint")
        yield dialog_footer()

    def on_mount(self) -> None:
        """Focus the default, so Enter gives it (and nothing, when there is none)."""
        default = self.question.default
        if default is not None:
            self.query_one(f"#{option_id(default)}", Button).focus()

    def on_key(self, event: events.Key) -> None:
        """An option's key picks it."""
        if event.character is None or not event.character.isprintable():
            return
        option = self.question.by_key(event.character)
        if option is not None:
            event.stop()
            event.prevent_default()
            self.dismiss(option.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A button (Enter on the focused one, or a click) picks its option."""
        event.stop()
        for option in self.question.options:
            if event.button.id == option_id(option.value):
                self.dismiss(option.value)
                return

    def action_cancel(self) -> None:
        """Escape: the question's cancel value."""
        self.dismiss(self.question.cancel)
