"""Help: the keys of every screen, what coach is and is not, and the red flags on request.

The keys are read from the screens' own bindings (``coach.settings_check.binding_scopes``, the
same list the settings check uses), with each binding's id and the key the person has after
their ``[keys]`` remap: nothing here is typed by hand, so a new binding or a remap shows.
The screen help was opened from comes first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from coach.safety import DISCLAIMER
from coach.tui.widgets.keys import binding_keys, key_text

if TYPE_CHECKING:
    from coach.tui.state import CoachState

__all__ = ["HelpScreen", "keys_text", "scope_title"]

FIRST = ("HomeScreen", "SessionScreen")
"""After the screen help was opened from, these come first: what is used daily."""
KEY_WIDTH = 9


def scope_title(scope: str) -> str:
    """``RedFlagsScreen`` -> ``Red flags``; ``app`` -> ``Anywhere``."""
    if scope == "app":
        return "Anywhere"
    words = re.findall(r"[A-Z][a-z]*", scope.removesuffix("Screen"))
    return " ".join([words[0], *(word.lower() for word in words[1:])]) if words else scope


def _rows(
    app: App[Any], bindings: Sequence[Binding], keymap: Mapping[str, str], scope: str
) -> list[str]:
    lines = []
    for binding in bindings:
        if not binding.id or (scope != "app" and binding.id.startswith("app.")):
            continue  # help and quit on dialogs: listed once, under Anywhere
        keys = " / ".join(binding_keys(app, binding, keymap))
        what = binding.tooltip or binding.description
        lines.append(f"  {keys:<{KEY_WIDTH}}{what}  [{binding.id}]")
    return lines


def keys_text(
    app: App[Any],
    scopes: Mapping[str, Sequence[Binding]],
    keymap: Mapping[str, str],
    first: str | None = None,
) -> str:
    """Every screen's keys, from the live bindings (a remap in ``[keys]`` shows here)."""
    order = [first] if first is not None and first in scopes else []
    order += [s for s in FIRST if s in scopes and s not in order]
    order += sorted(s for s in scopes if s not in order and s != "app")
    order.append("app")
    sections = []
    for scope in order:
        rows = _rows(app, scopes[scope], keymap, scope)
        if rows:
            sections.append("\n".join([scope_title(scope), *rows]))
    palette = app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "command_palette"))
    sections.append(
        f"Also: in lists the arrows move and Enter opens; {palette} finds every command by "
        "name.\nKeys can be remapped by binding id in config.toml, e.g.\n"
        '  [keys]\n  "session.pause" = "k"'
    )
    # Leading spaces would be dropped when the text is laid out: keep the columns.
    return "\n\n".join(sections).replace("\n  ", "\n\u00a0\u00a0")


class HelpScreen(Screen[None]):
    """Keys and the disclaimer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="help.back", tooltip="back"),
        Binding("f", "app.red_flags", "Red flags", id="help.redflags",
                tooltip="the red flags: when to seek medical help"),
    ]  # fmt: skip

    def __init__(self, state: CoachState, opened_from: Screen[Any] | None = None) -> None:
        super().__init__()
        self.state = state
        self.opened_from = type(opened_from).__name__ if opened_from is not None else None

    def compose(self) -> ComposeResult:
        from coach.settings_check import binding_scopes

        keys = keys_text(self.app, binding_scopes(), self.state.keymap, self.opened_from)
        flags = key_text(self.app, self.BINDINGS, "help.redflags", self.state.keymap)
        yield Header()
        with VerticalScroll(id="help"):
            yield Static("Keys", classes="section-title")
            yield Static(keys, markup=False)
            yield Static("About", classes="section-title")
            yield Static(DISCLAIMER)
            yield Static(
                f"Press {flags} to read the red flags: when to seek medical help.",
                classes="hint",
                markup=False,
            )
        yield Footer(show_command_palette=False)
