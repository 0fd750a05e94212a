"""After a session: what was done against what was planned, time, pain change, streak."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coach.engine.session import Summary
from coach.journal.stats import Stats, meaningful_drop
from coach.timefmt import words

__all__ = ["SummaryScreen", "pain_change_text"]


def pain_change_text(before: int | None, after: int | None) -> str:
    """``Pain 5 → 3: a meaningful drop`` (2 points or 30%), or what is known."""
    if before is None and after is None:
        return "Pain not recorded."
    if before is None or after is None:
        known = f"before {before}" if before is not None else f"after {after}"
        return f"Pain {known}."
    text = f"Pain {before} → {after}"
    if meaningful_drop(before, after):
        return f"{text}: a meaningful drop (2 points or 30%)."
    if after > before:
        return f"{text}. If the session made it worse, go gentler next time."
    return f"{text}."


class SummaryScreen(ModalScreen[None]):
    """The end of a session."""

    BINDINGS = [Binding("enter,escape", "close", "Done", id="summary.close")]

    def __init__(
        self,
        summary: Summary,
        title: str,
        pain_before: int | None,
        pain_after: int | None,
        stats: Stats,
    ) -> None:
        super().__init__()
        self.summary = summary
        self.routine_title = title
        self.pain_before = pain_before
        self.pain_after = pain_after
        self.stats = stats

    def compose(self) -> ComposeResult:
        summary = self.summary
        heading = "Well done." if summary.outcome == "completed" else "Ended early: saved."
        reps = (
            f"{summary.reps_done} of {summary.reps_planned} reps · " if summary.reps_planned else ""
        )
        with Vertical(classes="dialog wide"):
            yield Static(f"{heading}  {self.routine_title}", classes="dialog-title", markup=False)
            yield Static(
                f"{reps}work {words(summary.work_done_s)} of {words(summary.work_planned_s)} "
                f"({summary.dose:.0%})\n{words(summary.active_s)} in all"
            )
            yield Static(pain_change_text(self.pain_before, self.pain_after))
            yield Static(
                f"Streak: {self.stats.current_streak} day"
                f"{'s' if self.stats.current_streak != 1 else ''} "
                f"(best {self.stats.best_streak}) · this week {self.stats.this_week.done} of "
                f"{self.stats.this_week.planned} planned day"
                f"{'s' if self.stats.this_week.planned != 1 else ''}"
            )
            yield Button("Done (Enter)", variant="primary", id="done")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Close."""
        self.dismiss(None)

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)
