"""After a session: the flow's summary (heading, what was done, the pain change, advice),
and the streak and this week's adherence, which the app computes from the journal."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coach.journal.stats import Stats
from coach.tui.screens.pain import dialog_footer, label_with_key
from coach.tui.widgets.keys import APP_KEYS

if TYPE_CHECKING:
    from coach.flow.questions import ShowSummary

__all__ = ["SummaryScreen", "streak_line"]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def streak_line(stats: Stats) -> str:
    """``Streak: 1 day (best 1) · this week 1 of 1 planned day``."""
    week = stats.this_week
    return (
        f"Streak: {_plural(stats.current_streak, 'day')} (best {stats.best_streak}) · "
        f"this week {week.done} of {_plural(week.planned, 'planned day')}"
    )


class SummaryScreen(ModalScreen[None]):
    """The end of a session, as the flow words it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *APP_KEYS,
        Binding("enter", "close", "Done", id="summary.close"),
        Binding("escape", "close_by_escape", "Done", id="summary.escape"),
    ]

    def __init__(self, summary: ShowSummary, stats: Stats | None = None, tip: str = "") -> None:
        super().__init__()
        self.summary = summary
        self.stats = stats
        self.tip = tip
        """An everyday habit (coach.tips), one line under the card of the day."""

    @property
    def lines(self) -> list[str]:
        """Everything the screen says, top to bottom (for tests and screen readers)."""
        summary = self.summary
        lines = [f"{summary.heading}  {summary.title}", summary.done]
        lines += [summary.counts] if summary.counts else []
        lines.append(summary.pain)
        lines += list(summary.advice)
        if self.stats is not None:
            lines.append(streak_line(self.stats))
        lines += [summary.card] if summary.card else []
        lines += [f"Tip: {self.tip}"] if self.tip else []
        return lines

    def compose(self) -> ComposeResult:
        summary = self.summary
        with Vertical(classes="dialog wide", id="summary"):
            yield Static(
                Content(f"{summary.heading}  {summary.title}"),
                classes="dialog-title",
                id="summary-heading",
            )
            with VerticalScroll(id="summary-body"):
                yield Static(Content(summary.done), id="summary-done")
                if summary.counts:
                    yield Static(Content(summary.counts), id="summary-counts", classes="hint")
                yield Static(Content(summary.pain), id="summary-pain")
                if summary.advice:
                    yield Static(
                        Content("\n".join(summary.advice)), id="summary-advice", classes="advice"
                    )
                if self.stats is not None:
                    yield Static(streak_line(self.stats), id="summary-streak", classes="hint")
                if summary.card:
                    yield Static(Content(summary.card), id="summary-card")
                if self.tip:
                    yield Static(Content(f"Tip: {self.tip}"), id="summary-tip", classes="hint")
            yield Button("Done", variant="primary", id="done")
        yield dialog_footer()

    def on_mount(self) -> None:
        """Name the live key on the button."""
        self.call_after_refresh(label_with_key, self, "done", "Done", "summary.close")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Close."""
        self.dismiss(None)

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)

    def action_close_by_escape(self) -> None:
        """Escape closes too (its own binding, so the footer names it as well)."""
        self.dismiss(None)
