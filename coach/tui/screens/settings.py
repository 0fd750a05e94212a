"""Settings, saved into config.toml in place (only what changed: ``coach.settings_write``).

ctrl+s saves; Escape leaves, and asks first when something was changed and not saved (save,
discard, or keep editing). Each switch says "on" or "off" beside it, in words, so it reads
without colour; the keys on the buttons come from the live bindings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, Label, Select, SelectionList, Static, Switch
from textual.widgets.selection_list import Selection

from coach.errors import SettingsError
from coach.flow.questions import Choose, Option
from coach.settings import ANNOUNCEMENTS, WEEKDAYS, Settings, VoiceSettings
from coach.tui.widgets.keys import key_text

if TYPE_CHECKING:
    from coach.tui.state import CoachState

__all__ = ["UNSAVED", "SettingsScreen", "chosen_prompt", "same_settings", "switch_words"]

UNSAVED = Choose(
    "Unsaved changes",
    "You changed settings here and did not save them.",
    (Option("s", "Save them", "save"), Option("d", "Discard them", "discard")),
    default="save",
    cancel="keep",
    cancel_label="keep editing",
)
"""What Escape asks when the form differs from the settings in use."""


def same_settings(first: Settings, second: Settings) -> bool:
    """Equal but for the order of lists (rest days, announcements): what a form cannot keep."""

    def plain(value: object) -> object:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return sorted(str(item) for item in value)
        return value

    return plain(first.model_dump(mode="json")) == plain(second.model_dump(mode="json"))


CHOSEN_WORDS = {"rest_days": "✓ rest day", "voice_announce": "✓ said"}
"""After a chosen item of each list, in words: the list's box reads the same on and off
without colour."""


def chosen_prompt(text: str, chosen: bool, list_id: str) -> str:
    """A list item's text, with what choosing it means when it is chosen."""
    return f"{text}   {CHOSEN_WORDS[list_id]}" if chosen else text


def switch_words(value: bool) -> str:
    """A switch's state in words: it must read without colour."""
    return "on" if value else "off"


DAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}


BREATHING_CHOICES: tuple[tuple[str, object], ...] = (
    ("Two soft tones", "tones"),
    ("Words: in, hold, out", "words"),
    ("Silent", "silent"),
)


class SettingsScreen(Screen[None]):
    """A form over ``Settings``."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save"),
        Binding("escape", "back", "Back", id="settings.back"),
    ]

    def __init__(self, state: CoachState) -> None:
        super().__init__()
        self.state = state

    def _row(self, label: str, name: str, control: Widget) -> ComposeResult:
        """A label and its control on one line, the setting's description below.

        ``name`` is a field of ``Settings``, or ``voice.<field>`` of its voice table.
        """
        model: type[Settings | VoiceSettings] = Settings
        if name.startswith("voice."):
            model, name = VoiceSettings, name.removeprefix("voice.")
        with Horizontal(classes="setting"):
            yield Label(label)
            yield control
            if isinstance(control, Switch):
                words = switch_words(control.value)
                yield Static(words, id=f"{control.id}-words", classes="switch-words")
        yield Static(model.model_fields[name].description or "", classes="hint setting-hint")

    def compose(self) -> ComposeResult:
        settings = self.state.settings
        routines = sorted(self.state.library.routines.values(), key=lambda r: r.routine.title)
        # Select parses its prompts as markup: titles come from files, so they are escaped.
        routine_options = [(escape(r.routine.title), r.id) for r in routines]
        if settings.daily_routine not in self.state.library.routines:
            missing = escape(f"{settings.daily_routine} (missing)")
            routine_options.append((missing, settings.daily_routine))
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
                    *(
                        Selection[str](
                            chosen_prompt(DAY_NAMES[d], d in settings.rest_days, "rest_days"),
                            d,
                            d in settings.rest_days,
                        )
                        for d in WEEKDAYS
                    ),
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
            yield from self._voice_rows(settings.voice, choice)
            with Horizontal(classes="buttons"):
                save, back = self._key("settings.save"), self._key("settings.back")
                yield Button(f"Save ({save})", variant="primary", id="save")
                yield Button(f"Back ({back})", id="cancel")
        yield Footer(show_command_palette=False)

    def _voice_rows(
        self,
        voice: VoiceSettings,
        choice: Callable[[list[tuple[str, object]], object, str], Widget],
    ) -> ComposeResult:
        yield Static("Voice", classes="settings-section")
        yield from self._row(
            "Spoken cues", "voice.enabled", Switch(value=voice.enabled, id="voice_enabled")
        )
        rates = sorted({120, 140, 160, 180, 200, 240, voice.rate})
        yield from self._row(
            "Speaking rate", "voice.rate",
            choice([(f"{r} words a minute", r) for r in rates], voice.rate, "voice_rate"),
        )  # fmt: skip
        yield from self._row(
            "Breathing", "voice.breathing",
            choice(list(BREATHING_CHOICES), voice.breathing, "voice_breathing"),
        )  # fmt: skip
        yield from self._row(
            "Say", "voice.announce",
            SelectionList[str](
                *(
                    Selection[str](
                        chosen_prompt(text, name in voice.announce, "voice_announce"),
                        name,
                        name in voice.announce,
                    )
                    for name, text in ANNOUNCEMENTS.items()
                ),
                id="voice_announce",
            ),
        )  # fmt: skip
        programs: list[tuple[str, object]] = [
            ("Find one (auto)", "auto"),
            ("espeak-ng", "espeak-ng"),
            ("spd-say (speech-dispatcher)", "spd-say"),
            ("say (macOS)", "say"),
        ]
        yield from self._row(
            "Speech program", "voice.program", choice(programs, voice.program, "voice_program")
        )

    def _key(self, binding_id: str) -> str:
        return key_text(self.app, self.BINDINGS, binding_id, self.state.keymap)

    def on_switch_changed(self, event: Switch.Changed) -> None:
        """Say the switch's new state in words beside it."""
        self.query_one(f"#{event.switch.id}-words", Static).update(switch_words(event.value))

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        """Say beside each item whether it is chosen, in words."""
        chosen_list = event.selection_list
        list_id = chosen_list.id or ""
        if list_id not in CHOSEN_WORDS:
            return
        names = DAY_NAMES.items() if list_id == "rest_days" else ANNOUNCEMENTS.items()
        words: dict[str, str] = {str(value): text for value, text in names}
        chosen = set(chosen_list.selected)
        for index in range(chosen_list.option_count):
            value = chosen_list.get_option_at_index(index).value
            prompt = chosen_prompt(words[value], value in chosen, list_id)
            chosen_list.replace_option_prompt_at_index(index, prompt)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save, or go back (asking first if something changed)."""
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_back()

    def action_back(self) -> None:
        """Leave; with unsaved changes ask: save, discard or keep editing."""
        try:
            changed = not same_settings(self._form_settings(), self.state.settings)
        except ValueError:
            changed = True  # a value the form cannot hold yet is a change too
        if not changed:
            self.app.pop_screen()
            return
        from coach.tui.screens.choice import ChoiceScreen

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.action_save()
            elif answer == "discard":
                self.app.pop_screen()

        self.app.push_screen(ChoiceScreen(UNSAVED), answered)

    def action_save(self) -> None:
        """Validate, save to config.toml and apply; a problem is shown, nothing is lost."""
        try:
            self.state.save_settings(self._form_settings())
        except (SettingsError, ValueError) as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
            return
        self.notify("Settings saved.")
        self.app.pop_screen()

    def _form_settings(self) -> Settings:
        """The settings the form holds now, validated (``ValueError`` when they can't be)."""
        current = self.state.settings
        voice = current.voice.model_copy(
            update={
                "enabled": self.query_one("#voice_enabled", Switch).value,
                "rate": self.query_one("#voice_rate", Select).value,
                "breathing": self.query_one("#voice_breathing", Select).value,
                "announce": list(self.query_one("#voice_announce", SelectionList).selected),
                "program": self.query_one("#voice_program", Select).value,
            }
        )
        settings = current.model_copy(
            update={
                "voice": voice,
                "daily_routine": self.query_one("#daily_routine", Select).value,
                "weekly_goal": self.query_one("#weekly_goal", Select).value,
                "rest_days": list(self.query_one("#rest_days", SelectionList).selected),
                "pain_threshold": self.query_one("#pain_threshold", Select).value,
                "bell": self.query_one("#bell", Switch).value,
                "reduced_motion": self.query_one("#reduced_motion", Switch).value,
                "theme": self.query_one("#theme", Select).value,
            }
        )
        return Settings.model_validate(settings.model_dump())
