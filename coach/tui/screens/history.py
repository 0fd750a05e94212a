"""History: is it working? A calendar of recent months, the pain trend, adherence, sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from coach.coaching.outcome import (
    PAIN_BEFORE_SCOPE,
    counts_text,
    event_text,
    label,
    pain_change_text,
    relief_count_text,
    session_end,
)
from coach.journal.history import calendar_statuses, stats_for
from coach.journal.records import EventRecord, SessionRecord, StepRecord
from coach.journal.stats import Stats
from coach.timefmt import words
from coach.tui.widgets.heatmap import CalendarHeatmap
from coach.tui.widgets.pain_chart import LEGEND, PainChart

if TYPE_CHECKING:
    from coach.tui.state import CoachState

__all__ = ["HistoryScreen", "SessionDetailScreen", "figures_text"]


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def figures_text(stats: Stats) -> str:
    """Adherence, dose, streak and pain for the last 28 days, as a few lines."""
    pain = stats.pain
    lines = [
        f"28 days: {stats.window.done} of {stats.window.planned} days "
        f"({_share(stats.window.share)})",
        f"This week: {stats.this_week.done} of {stats.this_week.planned}",
        f"Dose: {_share(stats.dose)} of planned work",
        f"Streak: {stats.current_streak} (best {stats.best_streak})",
        f"Sessions: {stats.sessions}"
        + (f" (+{stats.previews} previews)" if stats.previews else ""),
    ]
    if pain.mean_before is not None:
        after = f", after {pain.mean_after:.1f}" if pain.mean_after is not None else ""
        lines.append(f"Pain before {pain.mean_before:.1f}{after}")
        lines.append(f"  ({PAIN_BEFORE_SCOPE})")
    if pain.paired_sessions:
        lines.append(relief_count_text(pain.sessions_with_relief, pain.paired_sessions))
    return "\n".join(lines)


def weeks_text(state: CoachState) -> str:
    """Pain over weeks against the baseline, the PEG, mornings, flare-ups, walking, and each
    routine's level changes with their dates, in the words ``coach stats`` and ``coach
    progress`` use."""
    from coach.journal.logbook import level_changes
    from coach.services import outcomes
    from coach.services.progress import change_line

    today = state.today()
    red_from = state.settings.pain_threshold
    lines = outcomes.outcome_lines(outcomes.outcomes(state.journal, today, red_from=red_from))
    lines += outcomes.walking_lines(outcomes.walking(state.journal, today))
    changes = level_changes(state.journal)
    if changes:
        lines.append("Levels:")
        routines = state.library.routines if state.library_loaded else {}
        for change in changes[-8:]:
            found = routines.get(change.routine_id)
            title = found.routine.title if found else change.routine_id
            lines.append(f"· {title}: {change_line(change)}")
    return "\n".join(lines)


def detail_text(
    session: SessionRecord, steps: list[StepRecord], events: list[EventRecord] | None = None
) -> str:
    """One session in full: when, what, how it ended and whether it counts, pain, note, its
    exercises, and what was said during it (it hurt, easier, skipped, leg symptoms)."""
    end = session_end(session.status, session.dose)
    flare = session.flare or session.purpose == "flare"
    counted = counts_text(end, preview=session.preview, flare=flare, purpose=session.purpose)
    if session.preview:
        counted += f" Run at {session.speed:g}x."
    lines = [
        f"{session.routine_title}  ·  {session.started.strftime('%A %d %B %Y, %H:%M')}",
        f"{label(end)} · work {words(session.work_done_s)} of "
        f"{words(session.work_planned_s)} ({session.dose:.0%}) · "
        f"{session.reps_done} of {session.reps_planned} reps",
        counted,
        pain_change_text(session.pain_before, session.pain_after)
        + (f" {session.side.capitalize()} side." if session.side else "")
        + (f" Level {session.level}." if session.level else ""),
    ]
    if session.note:
        lines.append(f"Note: {session.note}")
    per_exercise: dict[str, list[StepRecord]] = {}
    for step in steps:
        if step.work:
            per_exercise.setdefault(step.exercise, []).append(step)
    if per_exercise:
        lines.append("")
    for exercise, done in per_exercise.items():
        full = sum(1 for s in done if s.outcome == "completed")
        seconds = sum(s.done_s for s in done)
        lines.append(f"{exercise}: {full} of {len(done)} steps in full, {words(seconds)}")
    if events:
        lines.append("")
        lines += [event_text(e.kind, e.exercise, e.detail, e.at_s) for e in events]
    return "\n".join(lines)


class SessionDetailScreen(ModalScreen[None]):
    """One session."""

    BINDINGS = [Binding("escape,enter", "close", "Close", id="detail.close")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Static(self.text, markup=False)
            yield Static("Escape closes", classes="hint")

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)


class HistoryScreen(Screen[None]):
    """Overview (calendar, pain chart, figures) and the session list."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="history.back"),
        Binding("down", "scroll(1)", "Scroll", show=False, id="history.down"),
        Binding("up", "scroll(-1)", "Scroll", show=False, id="history.up"),
        Binding("pagedown", "scroll(10)", "Scroll", show=False, id="history.page_down"),
        Binding("pageup", "scroll(-10)", "Scroll", show=False, id="history.page_up"),
    ]

    def __init__(self, state: CoachState) -> None:
        super().__init__()
        self.state = state

    def compose(self) -> ComposeResult:
        state = self.state
        today = state.today()
        stats = stats_for(state.journal, state.training_plan, today)
        plan_statuses = calendar_statuses(state.journal, state.training_plan, today, weeks=16)
        yield Header()
        with TabbedContent(id="history"):
            with TabPane("Overview", id="overview"), VerticalScroll():
                with Horizontal(id="overview-top"):
                    with Vertical(id="calendar-box"):
                        yield Static("Last 16 weeks", classes="section-title")
                        yield CalendarHeatmap(plan_statuses, today, weeks=16)
                    with Vertical(id="figures-box"):
                        yield Static("Adherence", classes="section-title")
                        yield Static(figures_text(stats), id="figures")
                yield Static(f"Pain, 7-day mean (0-10; {LEGEND})", classes="section-title")
                yield PainChart(stats.pain.points, id="pain-chart")
                yield Static("Over the weeks", classes="section-title")
                yield Static(Content(weeks_text(state)), id="weeks")
            with TabPane("Sessions", id="sessions"):
                yield DataTable(id="session-table", cursor_type="row", zebra_stripes=True)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        """Fill the session table, newest first."""
        table = self.query_one(DataTable)
        table.add_columns("When", "Routine", "Status", "Done", "Pain", "Note")
        for session in self.state.journal.sessions():
            before = "-" if session.pain_before is None else str(session.pain_before)
            after = "-" if session.pain_after is None else str(session.pain_after)
            status = label(session_end(session.status, session.dose)) + (
                " (preview)" if session.preview else ""
            )
            table.add_row(
                session.started.strftime("%d %b %H:%M"),
                # Text, not str: DataTable reads markup in plain strings, and these come
                # from files and from the user.
                Text(session.routine_title),
                status,
                f"{session.dose:.0%}",
                f"{before}→{after}",
                Text(session.note or ""),
                key=session.id,
            )

    def action_scroll(self, lines: int) -> None:
        """Up and down scroll the overview while the tabs have the focus (left and right
        change tabs); on the sessions tab they go into the table."""
        if self.query_one(TabbedContent).active == "sessions":
            self.query_one(DataTable).focus()
            return
        self.query_one("#overview VerticalScroll", VerticalScroll).scroll_relative(
            y=lines, animate=False
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a session opens its detail."""
        session_id = event.row_key.value or ""
        session = self.state.journal.session(session_id)
        if session is not None:
            steps = self.state.journal.steps(session_id)
            events = self.state.journal.events(session_id)
            self.app.push_screen(SessionDetailScreen(detail_text(session, steps, events)))
