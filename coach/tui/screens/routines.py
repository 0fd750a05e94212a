"""Routines: every routine with its purpose and duration, its plan, and start any of them.

Problems in the user's routine files are listed literally (a ``[`` in a file or an error
message must never be read as markup), below the routines that did load.
"""

from __future__ import annotations

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

if TYPE_CHECKING:
    from coach.tui.state import CoachState

__all__ = ["PROFILE_WORDS", "RoutinesScreen", "routine_outline", "voice_line"]

PROFILE_WORDS: dict[SoundProfile, str] = {
    "full": "full (every rep, rest and side switch)",
    "quiet": "quiet (names, switches, halfway, last rep, done; tones for breaths)",
    "off": "off (nothing said or played)",
}
PROFILE_ORDER: tuple[SoundProfile, ...] = ("full", "quiet", "off")


def voice_line(resolved: ResolvedRoutine, profiles: dict[str, SoundProfile]) -> str:
    """Which sound profile a routine runs with, and whose choice that is."""
    own = resolved.routine.sound_profile
    chosen = profiles.get(resolved.id, own)
    if chosen == own:
        return f"Voice: {PROFILE_WORDS[own]}. v changes it."
    return f"Voice: {PROFILE_WORDS[chosen]}, your setting (the routine says {own}). v changes it."


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
        Binding("s", "start", "Start", id="routines.start"),
        Binding("v", "cycle_voice", "Voice profile", id="routines.voice"),
    ]

    def __init__(self, state: CoachState) -> None:
        super().__init__()
        self.state = state

    def compose(self) -> ComposeResult:
        library = self.state.library
        routines = sorted(library.routines.values(), key=lambda r: (r.routine.purpose, r.id))
        options = [
            Option(
                Content.assemble(
                    (f"{r.routine.title}", "bold"),
                    f"\n{r.routine.purpose} · {clock(build_plan(r).total_s)}",
                ),
                id=r.id,
            )
            for r in routines
        ]
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
            voice = voice_line(routine, self.state.settings.voice.profiles)
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
        """Enter starts the routine."""
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
