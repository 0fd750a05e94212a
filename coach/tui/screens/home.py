"""Home: today at a glance, one tip, and one key for each thing a person comes here to do."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from coach.journal.records import SessionRecord
from coach.journal.stats import DayStatus, Stats
from coach.timefmt import words
from coach.tips import tip_for

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

__all__ = ["HomeScreen", "glance_lines"]

RECENT = 50
"""How many of the newest sessions home looks through for the last one that is not a preview."""


def glance_lines(stats: Stats, last: SessionRecord | None, today_done: bool) -> list[str]:
    """The 'today at a glance' lines."""
    week = stats.this_week
    lines = [
        "Done today ✓" if today_done else "Not done yet today.",
        f"Streak: {stats.current_streak} day{'s' if stats.current_streak != 1 else ''}"
        f"  (best {stats.best_streak})",
        f"This week: {week.done} of {week.planned} planned day{'s' if week.planned != 1 else ''}"
        + (f" ({week.share:.0%})" if week.share is not None else ""),
    ]
    if last is None:
        lines.append("No sessions yet: your first one starts with Enter.")
    else:
        before = "-" if last.pain_before is None else str(last.pain_before)
        after = "-" if last.pain_after is None else str(last.pain_after)
        lines.append(
            f"Last session: {last.routine_title}, {last.started.strftime('%a %d %b')}"
            f" · pain {before} → {after}"
        )
    return lines


class HomeScreen(Screen[None]):
    """The first screen."""

    BINDINGS = [
        Binding("enter", "app.start_daily", "Start daily", id="home.start"),
        Binding("f", "app.flare", "Flare-up", id="home.flare"),
        Binding("r", "app.routines", "Routines", id="home.routines"),
        Binding("h", "app.history", "History", id="home.history"),
        Binding("s", "app.settings", "Settings", id="home.settings"),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    @property
    def coach(self) -> CoachApp:
        """The app, typed."""
        return cast("CoachApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static("", id="glance", markup=False)
            yield Static("", id="start-line", markup=False)
            yield Static("", id="tip", markup=False)
            yield Static(
                "Enter  start the daily routine\n"
                "f      flare-up relief (breathing, gentle stretches)\n"
                "r      routines     h  history     s  settings\n"
                "?      help         q  quit",
                id="menu",
            )
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        """Fill in the figures."""
        self.refresh_figures()

    def on_screen_resume(self) -> None:
        """Back from another screen: settings or sessions may have changed."""
        self.refresh_figures()

    def refresh_figures(self) -> None:
        """Read the journal and redraw."""
        app = self.coach
        stats = app.today_stats()
        today = app.services.now().date()
        today_done = stats.statuses.get(today) is DayStatus.DONE
        last = next((s for s in app.journal.sessions(limit=RECENT) if not s.preview), None)
        self.query_one("#glance", Static).update("\n".join(glance_lines(stats, last, today_done)))
        if not app.library_loaded:
            self.query_one("#start-line", Static).update("Daily routine: …")
            self.query_one("#tip", Static).update(f"Tip: {tip_for(today)}")
            return
        from coach.engine.plan import build_plan

        routine = app.library.routines.get(app.settings.daily_routine)
        if routine is None:
            start = f"Daily routine {app.settings.daily_routine!r} not found: choose one in s."
        else:
            start = f"Daily routine: {routine.routine.title} · {words(build_plan(routine).total_s)}"
        self.query_one("#start-line", Static).update(start)
        self.query_one("#tip", Static).update(f"Tip: {tip_for(today)}")
