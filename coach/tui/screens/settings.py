"""Settings, saved to config.toml (tomli-w). Escape leaves without saving; ctrl+s saves."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
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

    def _row(self, label: str, name: str, control: Widget) -> ComposeResult:
        """A label and its control on one line, the setting's description below."""
        with Horizontal(classes="setting"):
            yield Label(label)
            yield control
        yield Static(Settings.model_fields[name].description or "", classes="hint setting-hint")

    def compose(self) -> ComposeResult:
        settings = self.coach.settings
        routines = sorted(self.coach.library.routines.values(), key=lambda r: r.routine.title)
        routine_options = [(r.routine.title, r.id) for r in routines]
        if settings.daily_routine not in self.coach.library.routines:
            routine_options.append((f"{settings.daily_routine} (missing)", settings.daily_routine))
        themes = sorted(self.app.available_themes)
        theme = settings.theme if settings.theme in themes else themes[0]

        def choice(
            options: list[tuple[str, object]], value: object, widget_id: str
        ) -> Select[object]:
            return Select(options, value=value, allow_blank=False, compact=True, id=widget_id)

        yield Header()
        with VerticalScroll(id="settings"):
            yield from self._row(
                "Daily routine", "daily_routine",
                choice(list(routine_options), settings.daily_routine, "daily_routine"),
            )  # fmt: skip
            yield from self._row(
                "Weekly goal (days)", "weekly_goal",
                choice([(str(n), n) for n in range(1, 8)], settings.weekly_goal, "weekly_goal"),
            )  # fmt: skip
            yield from self._row(
                "Rest days", "rest_days",
                SelectionList[str](
                    *(Selection[str](DAY_NAMES[d], d, d in settings.rest_days) for d in WEEKDAYS),
                    id="rest_days",
                ),
            )  # fmt: skip
            yield from self._row(
                "Pain threshold", "pain_threshold",
                choice([(str(n), n) for n in range(11)], settings.pain_threshold, "pain_threshold"),
            )  # fmt: skip
            yield from self._row("Bell", "bell", Switch(value=settings.bell, id="bell"))
            yield from self._row(
                "Reduced motion", "reduced_motion",
                Switch(value=settings.reduced_motion, id="reduced_motion"),
            )  # fmt: skip
            yield from self._row("Theme", "theme", choice([(t, t) for t in themes], theme, "theme"))
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (Escape)", id="cancel")
        yield Footer(show_command_palette=False)

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
