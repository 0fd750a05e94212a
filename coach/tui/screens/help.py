"""Help: the keys of every screen, what coach is and is not, and the red flags on request."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from coach.safety import DISCLAIMER

__all__ = ["HelpScreen"]

KEYS = """\
Home        Enter  start the daily routine    f  flare-up relief
            r  routines   h  history   s  settings   q  quit
            ctrl+p  every command, by name
Pain check  type 0-10 and Enter   ·   Escape skips
Session     space  pause/resume   n  next step   p  previous step
            Escape  end early (it asks; what you did is saved)
            m  mute or unmute the voice
Routines    s  start   v  voice: full, quiet or off for this routine
Lists       arrows move   ·   Enter opens or starts   ·   Escape back

Keys can be remapped by binding id in config.toml, e.g.
    [keys]
    "session.pause" = "k"
"""


class HelpScreen(Screen[None]):
    """Keys and the disclaimer."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back", id="help.back"),
        Binding("f", "app.red_flags", "Red flags", id="help.redflags"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help"):
            yield Static("Keys", classes="section-title")
            yield Static(KEYS, markup=False)
            yield Static("About", classes="section-title")
            yield Static(DISCLAIMER)
            yield Static(
                "Press f to read the red flags: when to seek medical help.", classes="hint"
            )
        yield Footer(show_command_palette=False)
