"""Routines: every routine with its purpose and duration, its plan, and start any of them.

The daily routine (the ``daily_routine`` setting) comes first, marked with a star and the word
"daily" so it reads without colour; the rest follow by purpose. Enter starts the highlighted
routine: ``s`` is settings on home, so this screen gives it no second meaning.

Problems in the user's routine files are listed literally (a ``[`` in a file or an error
message must never be read as markup), below the routines that did load.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from coach.engine.plan import build_plan
from coach.errors import SettingsError
from coach.routine import ResolvedRoutine
from coach.routine.describe import describe_dose
from coach.routine.model import SoundProfile
from coach.routine.problems import problems_heading
from coach.timefmt import clock, words
from coach.tui.widgets.keys import key_text

if TYPE_CHECKING:
    from coach.tui.state import CoachState

__all__ = [
    "DAILY_STAR",
    "DAILY_WORDS",
    "PROFILE_WORDS",
    "RoutinesScreen",
    "ordered_routines",
    "routine_label",
    "routine_outline",
    "voice_line",
]

DAILY_STAR = "★"
"""Before the daily routine's title in the list."""
DAILY_WORDS = "your daily routine"
"""Under the daily routine's title: the mark in words, so it reads without colour or glyph."""

PROFILE_WORDS: dict[SoundProfile, str] = {
    "full": "full (every rep, rest and side switch)",
    "quiet": "quiet (names, switches, halfway, last rep, done; tones for breaths)",
    "off": "off (nothing said or played)",
}
PROFILE_ORDER: tuple[SoundProfile, ...] = ("full", "quiet", "off")


def voice_line(resolved: ResolvedRoutine, profiles: dict[str, SoundProfile], key: str = "v") -> str:
    """Which sound profile a routine runs with, whose choice that is, and the ``key`` that
    changes it (as the person has it)."""
    own = resolved.routine.sound_profile
    chosen = profiles.get(resolved.id, own)
    if chosen == own:
        return f"Voice: {PROFILE_WORDS[own]}. {key} changes it."
    return (
        f"Voice: {PROFILE_WORDS[chosen]}, your setting (the routine says {own}). {key} changes it."
    )


def ordered_routines(routines: Iterable[ResolvedRoutine], daily_id: str) -> list[ResolvedRoutine]:
    """The daily routine first (when it loaded), then the rest by purpose and id: the one
    done every day is where the highlight starts."""
    rest = sorted(routines, key=lambda r: (r.routine.purpose, r.id))
    daily = [r for r in rest if r.id == daily_id]
    return daily + [r for r in rest if r.id != daily_id]


def routine_label(resolved: ResolvedRoutine, daily: bool) -> Content:
    """Two lines of the list: the title (starred when daily), then what it is and how long."""
    purpose = resolved.routine.purpose
    parts = [purpose, clock(build_plan(resolved).total_s)]
    if daily and purpose == "daily":
        parts = [DAILY_WORDS, parts[1]]  # not "your daily routine · daily"
    elif daily:
        parts = [DAILY_WORDS, *parts]
    title = f"{DAILY_STAR} {resolved.routine.title}" if daily else resolved.routine.title
    return Content.assemble((title, "bold"), "\n" + " · ".join(parts))


def routine_outline(resolved: ResolvedRoutine) -> str:
    """The plan of a routine as plain text: exercises with dose and time, then the total."""
    plan = build_plan(resolved)
    routine = resolved.routine
    uses = {use.exercise.id: use for use in resolved.uses}
    lines = [routine.title, routine.summary, ""]
    runs = [list(group) for _, group in groupby(plan.steps, key=lambda step: step.exercise)]
    for number, run in enumerate(runs, start=1):
        use = uses[run[0].exercise]
        seconds = sum(step.seconds for step in run)
        lines.append(f"{number}. {use.exercise.name}  ({clock(seconds)})")
        lines.append(f"   {describe_dose(use)}")
    lines += [
        "",
        f"Total {words(plan.total_s)}: {words(plan.work_s)} of work, {plan.reps} reps.",
    ]
    if routine.side_aware:
        lines.append("Asks which side hurts; cues follow that side.")
    for note in routine.safety:
        lines.append(f"Safety: {note}")
    if resolved.source != "built-in":
        lines.append(f"From {resolved.path}")
    if resolved.replaces is not None:
        lines.append(f"Replaces the built-in {resolved.replaces.name}")
    return "\n".join(lines)


class RoutinesScreen(Screen[str | None]):
    """The routine library; dismissed with the id of the routine to start, if one is."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="routines.back"),
        # Priority: the list would take Enter first, and the footer would not name it.
        Binding("enter", "start", "Start", priority=True, id="routines.start"),
        Binding("v", "cycle_voice", "Voice profile", id="routines.voice"),
    ]

    def __init__(self, state: CoachState) -> None:
        super().__init__()
        self.state = state

    def compose(self) -> ComposeResult:
        library = self.state.library
        daily_id = self.state.settings.daily_routine
        routines = ordered_routines(library.routines.values(), daily_id)
        options = [Option(routine_label(r, r.id == daily_id), id=r.id) for r in routines]
        yield Header()
        with Horizontal(id="routines"):
            yield OptionList(*options, id="routine-list")
            with VerticalScroll(id="routine-detail"):
                yield Static("", id="outline", markup=False)
        if library.problems:
            text = "\n".join(
                [problems_heading(library.problems), *(str(p) for p in library.problems)]
            )
            yield Static(text, id="problems", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        """Show the first routine's plan."""
        option_list = self.query_one(OptionList)
        if option_list.option_count:
            option_list.highlighted = 0
        option_list.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Show the plan of the highlighted routine."""
        self._show(event.option.id)

    def _show(self, routine_id: str | None) -> None:
        routine = self.state.library.routines.get(routine_id or "")
        if routine is not None:
            key = key_text(self.app, self.BINDINGS, "routines.voice", self.state.keymap)
            voice = voice_line(routine, self.state.settings.voice.profiles, key)
            self.query_one("#outline", Static).update(f"{routine_outline(routine)}\n\n{voice}")

    def _highlighted(self) -> str | None:
        option_list = self.query_one(OptionList)
        if option_list.highlighted is None:
            return None
        return option_list.get_option_at_index(option_list.highlighted).id

    def action_cycle_voice(self) -> None:
        """Full, quiet, off, in turn, for the highlighted routine; saved in the settings."""
        routine = self.state.library.routines.get(self._highlighted() or "")
        if routine is None:
            return
        settings = self.state.settings
        profiles = dict(settings.voice.profiles)
        current = profiles.get(routine.id, routine.routine.sound_profile)
        chosen = PROFILE_ORDER[(PROFILE_ORDER.index(current) + 1) % len(PROFILE_ORDER)]
        if chosen == routine.routine.sound_profile:
            profiles.pop(routine.id, None)  # back to the routine's own: no override to keep
        else:
            profiles[routine.id] = chosen
        voice = settings.voice.model_copy(update={"profiles": profiles})
        try:
            self.state.save_settings(settings.model_copy(update={"voice": voice}))
        except SettingsError as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
            return
        self._show(routine.id)
        self.notify(f"Voice for {routine.routine.title}: {chosen}.", markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a routine starts it (Enter is the screen's ``routines.start``)."""
        self._start(event.option.id)

    def action_start(self) -> None:
        """Start the highlighted routine."""
        self._start(self._highlighted())

    def _start(self, routine_id: str | None) -> None:
        if routine_id is None:
            return
        if self.state.flow_running:
            self.notify("Finish or end the current session first.", severity="warning")
            return
        self.dismiss(routine_id)
