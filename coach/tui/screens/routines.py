"""Routines: every routine with its purpose and duration, its plan, and start any of them.

Problems in the user's routine files are listed literally (a ``[`` in a file or an error
message must never be read as markup), below the routines that did load.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from coach.engine.plan import build_plan
from coach.routine import ResolvedRoutine
from coach.routine.describe import describe_dose
from coach.timefmt import clock, words

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

__all__ = ["RoutinesScreen", "routine_outline"]


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


class RoutinesScreen(Screen[None]):
    """The routine library."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="routines.back"),
        Binding("s", "start", "Start", id="routines.start"),
    ]

    @property
    def coach(self) -> CoachApp:
        """The app, typed."""
        return cast("CoachApp", self.app)

    def compose(self) -> ComposeResult:
        library = self.coach.library
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
            files = len({p.path for p in library.problems})
            text = f"{files} file{'s' if files != 1 else ''} did not load:\n" + "\n".join(
                str(problem) for problem in library.problems
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
        routine = self.coach.library.routines.get(event.option.id or "")
        if routine is not None:
            self.query_one("#outline", Static).update(routine_outline(routine))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter starts the routine."""
        self._start(event.option.id)

    def action_start(self) -> None:
        """Start the highlighted routine."""
        option_list = self.query_one(OptionList)
        if option_list.highlighted is not None:
            self._start(option_list.get_option_at_index(option_list.highlighted).id)

    def _start(self, routine_id: str | None) -> None:
        if routine_id is None:
            return
        if self.coach.flow_running:
            self.notify("Finish or end the current session first.", severity="warning")
            return
        self.app.pop_screen()
        self.coach.start_flow(routine_id)
