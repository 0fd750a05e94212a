"""Settings, saved to config.toml (tomli-w). Escape leaves without saving; ctrl+s saves."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, Select, SelectionList, Static, Switch
from textual.widgets.selection_list import Selection

from coach.errors import SettingsError
from coach.settings import WEEKDAYS, Settings

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

__all__ = ["SettingsScreen"]

DAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}


class SettingsScreen(Screen[None]):
    """A form over ``Settings``."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save"),
        Binding("escape", "app.pop_screen", "Back (no save)", id="settings.back"),
    ]

    @property
    def coach(self) -> CoachApp:
        """The app, typed."""
        return cast("CoachApp", self.app)

    def _field(self, name: str) -> Static:
        description = Settings.model_fields[name].description or ""
        return Static(description, classes="hint")

    def compose(self) -> ComposeResult:
        settings = self.coach.settings
        routines = sorted(self.coach.library.routines.values(), key=lambda r: r.routine.title)
        routine_options = [(r.routine.title, r.id) for r in routines]
        if settings.daily_routine not in self.coach.library.routines:
            routine_options.append((f"{settings.daily_routine} (missing)", settings.daily_routine))
        yield Header()
        with VerticalScroll(id="settings"):
            yield Label("Daily routine")
            yield self._field("daily_routine")
            yield Select(
                routine_options, value=settings.daily_routine, allow_blank=False, id="daily_routine"
            )
            yield Label("Weekly goal (days)")
            yield self._field("weekly_goal")
            yield Select(
                [(str(n), n) for n in range(1, 8)],
                value=settings.weekly_goal,
                allow_blank=False,
                id="weekly_goal",
            )
            yield Label("Rest days")
            yield self._field("rest_days")
            yield SelectionList[str](
                *(Selection[str](DAY_NAMES[d], d, d in settings.rest_days) for d in WEEKDAYS),
                id="rest_days",
            )
            yield Label("Pain threshold for the flare-up suggestion")
            yield self._field("pain_threshold")
            yield Select(
                [(str(n), n) for n in range(11)],
                value=settings.pain_threshold,
                allow_blank=False,
                id="pain_threshold",
            )
            with Horizontal(classes="switch-row"):
                yield Switch(value=settings.bell, id="bell")
                yield Label("Bell at step changes")
            with Horizontal(classes="switch-row"):
                yield Switch(value=settings.reduced_motion, id="reduced_motion")
                yield Label("Reduced motion (the breathing pacer stays still)")
            yield Label("Theme")
            themes = sorted(self.app.available_themes)
            yield Select(
                [(t, t) for t in themes],
                value=settings.theme if settings.theme in themes else themes[0],
                allow_blank=False,
                id="theme",
            )
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (Escape)", id="cancel")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or cancel."""
        if event.button.id == "save":
            self.action_save()
        else:
            self.app.pop_screen()

    def action_save(self) -> None:
        """Validate, save to config.toml and apply; a problem is shown, nothing is lost."""
        current = self.coach.settings
        try:
            settings = current.model_copy(
                update={
                    "daily_routine": self.query_one("#daily_routine", Select).value,
                    "weekly_goal": self.query_one("#weekly_goal", Select).value,
                    "rest_days": list(self.query_one("#rest_days", SelectionList).selected),
                    "pain_threshold": self.query_one("#pain_threshold", Select).value,
                    "bell": self.query_one("#bell", Switch).value,
                    "reduced_motion": self.query_one("#reduced_motion", Switch).value,
                    "theme": self.query_one("#theme", Select).value,
                }
            )
            settings = Settings.model_validate(settings.model_dump())
            self.coach.save_settings(settings)
        except (SettingsError, ValueError) as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
            return
        self.notify("Settings saved.")
        self.app.pop_screen()
