"""Help: the keys of every screen, what coach is and is not, and the red flags on request."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from coach.safety import DISCLAIMER
from coach.tui.widgets.keys import key_text

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

__all__ = ["HelpScreen", "keys_text"]

SESSION_KEYS = (
    ("session.pause", "pause/resume"),
    ("session.next", "next step"),
    ("session.previous", "previous step"),
    ("session.easier", "easier variant"),
    ("session.hurts", "it hurts (asks what is happening)"),
    ("session.mute", "mute or unmute the voice"),
    ("session.end", "end early (asks; what you did is saved)"),
)
HOME_KEYS = (
    ("home.start", "start the daily routine"),
    ("home.flare", "flare-up relief"),
    ("home.walk", "log a walk"),
    ("home.pain", "log today's pain (and leg pain)"),
    ("home.morning_worse", "this morning: worse than yesterday (when asked)"),
    ("home.morning_same", "this morning: the same (when asked)"),
    ("home.morning_better", "this morning: better (when asked)"),
    ("home.peg", "the weekly PEG (when open)"),
    ("home.level_up", "take the level offered"),
    ("home.level_keep", "stay at this level"),
    ("home.level", "choose the daily routine's level yourself"),
    ("home.routines", "routines"),
    ("home.history", "history"),
    ("home.settings", "settings"),
    ("home.quit", "quit"),
)

OTHER_KEYS = """\
Pain check  type 0-10 and Enter   ·   Escape skips
Questions   a key in brackets picks  ·  Enter the default  ·  Escape back
Routines    s  start   v  voice: full, quiet or off for this routine
Lists       arrows move   ·   Enter opens or starts   ·   Escape back
Anywhere    ?  help   ·   ctrl+p  every command, by name

Keys can be remapped by binding id in config.toml, e.g.
    [keys]
    "session.pause" = "k"
"""


def keys_text(app: App[Any], keymap: Mapping[str, str]) -> str:
    """Every screen's keys, from the live bindings (a remap in ``[keys]`` shows here)."""
    from coach.tui.screens.home import HomeScreen
    from coach.tui.screens.session import SessionScreen

    def rows(title: str, bindings: Iterable[BindingType], keys: tuple[tuple[str, str], ...]) -> str:
        lines = []
        for number, (binding_id, what) in enumerate(keys):
            key = key_text(app, bindings, binding_id, keymap)
            head = title if number == 0 else ""
            lines.append(f"{head:<12}{key:<7}{what}  [{binding_id}]")
        return "\n".join(lines)

    text = "\n".join(
        [
            rows("Home", HomeScreen.BINDINGS, HOME_KEYS),
            rows("Session", SessionScreen.BINDINGS, SESSION_KEYS),
            OTHER_KEYS,
        ]
    )
    # Leading spaces would be dropped when the text is laid out: keep the columns.
    return "\n".join(_keep_indent(line) for line in text.splitlines())


def _keep_indent(line: str) -> str:
    stripped = line.lstrip(" ")
    return "\u00a0" * (len(line) - len(stripped)) + stripped


class HelpScreen(Screen[None]):
    """Keys and the disclaimer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Back", id="help.back"),
        Binding("f", "app.red_flags", "Red flags", id="help.redflags"),
    ]

    @property
    def coach(self) -> CoachApp:
        """The app, typed."""
        return cast("CoachApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help"):
            yield Static("Keys", classes="section-title")
            yield Static(keys_text(self.app, self.coach.settings.keys), markup=False)
            yield Static("About", classes="section-title")
            yield Static(DISCLAIMER)
            yield Static(
                "Press f to read the red flags: when to seek medical help.", classes="hint"
            )
        yield Footer(show_command_palette=False)
