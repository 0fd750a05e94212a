"""History: is it working? A calendar of recent months, the pain trend, adherence, sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
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
from coach.journal import Journal, JournalError
from coach.journal.history import calendar_statuses, stats_for
from coach.journal.pain_range import RANGES, pain_points, range_start
from coach.journal.records import EventRecord, SessionRecord, StepRecord
from coach.journal.stats import DayStatus, PainPoint, Stats
from coach.timefmt import words
from coach.tui.widgets.heatmap import CalendarHeatmap
from coach.tui.widgets.keys import APP_KEYS, key_text
from coach.tui.widgets.pain_chart import LEGEND, PainChart, fitting_points

if TYPE_CHECKING:
    from coach.tui.state import CoachState

__all__ = [
    "TABLE_ROWS",
    "HistoryData",
    "HistoryScreen",
    "SessionDetailScreen",
    "figures_text",
    "read_history",
    "session_row",
]

TABLE_ROWS = 1000
"""The newest sessions the table holds (the rest: ``coach history``)."""


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


def weeks_text(state: CoachState, journal: Journal) -> str:
    """Pain over weeks against the baseline, the PEG, mornings, flare-ups, walking, and each
    routine's level changes with their dates, in the words ``coach stats`` and ``coach
    progress`` use."""
    from coach.journal.logbook import level_changes
    from coach.services import outcomes
    from coach.services.progress import change_line

    today = state.today()
    red_from = state.settings.pain_threshold
    lines = outcomes.outcome_lines(outcomes.outcomes(journal, today, red_from=red_from))
    lines += outcomes.walking_lines(outcomes.walking(journal, today))
    changes = level_changes(journal)
    if changes:
        lines.append("Levels:")
        routines = state.library.routines if state.library_loaded else {}
        for change in changes[-8:]:
            found = routines.get(change.routine_id)
            title = found.routine.title if found else change.routine_id
            lines.append(f"· {title}: {change_line(change)}")
    return "\n".join(lines)


def detail_text(
    session: SessionRecord,
    steps: list[StepRecord],
    events: list[EventRecord] | None = None,
    names: dict[str, str] | None = None,
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
        name = (names or {}).get(exercise, exercise)
        lines.append(f"{name}: {full} of {len(done)} steps in full, {words(seconds)}")
    if events:
        lines.append("")
        lines += [event_text(e.kind, e.exercise, e.detail, e.at_s) for e in events]
    return "\n".join(lines)


class SessionDetailScreen(ModalScreen[None]):
    """One session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *APP_KEYS,
        Binding("escape,enter", "close", "Close", id="detail.close"),
    ]

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


@dataclass(frozen=True)
class HistoryData:
    """What the history screen shows, read in one go off the UI thread."""

    stats: Stats
    statuses: dict[date, DayStatus]
    weeks: str
    sessions: list[SessionRecord]
    """The newest ``TABLE_ROWS`` sessions."""
    total: int
    """How many sessions the journal holds."""


def read_history(state: CoachState, journal: Journal) -> HistoryData:
    """Everything the history screen shows (``journal``: the reads' own connection)."""
    today, plan = state.today(), state.training_plan
    return HistoryData(
        stats=stats_for(journal, plan, today),
        statuses=calendar_statuses(journal, plan, today, weeks=16),
        weeks=weeks_text(state, journal),
        sessions=journal.sessions(limit=TABLE_ROWS),
        total=journal.session_count(),
    )


def session_row(session: SessionRecord) -> tuple[object, ...]:
    """One row of the sessions table: when (with the year), routine, side, level, status, done,
    pain. Journal text as ``Text``: DataTable reads markup in plain strings."""
    before = "-" if session.pain_before is None else str(session.pain_before)
    after = "-" if session.pain_after is None else str(session.pain_after)
    status = label(session_end(session.status, session.dose)) + (
        " (preview)" if session.preview else ""
    )
    return (
        session.started.strftime("%a %d %b %Y %H:%M"),
        Text(session.routine_title),
        session.side or "",
        "" if session.level is None else str(session.level),
        status,
        f"{session.dose:.0%}",
        f"{before}→{after}",
        Text(session.note or ""),
    )


class HistoryScreen(Screen[None]):
    """Overview (calendar, pain chart, figures) and the session list.

    The journal is read off the UI thread (``CoachState.reads``, cached until the next write):
    the screen draws at once and fills in; a journal of fifty years costs a moment, not a
    frozen screen. The table holds the newest ``TABLE_ROWS`` sessions.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="history.back"),
        Binding("r", "wider", "Range", id="history.range",
                tooltip="the pain chart: 4 weeks, 3 months, a year, all"),
        Binding("d", "delete", "Delete", id="history.delete",
                tooltip="delete the session picked in the table (asks first)"),
        Binding("down", "scroll(1)", "Scroll", show=False, id="history.down"),
        Binding("up", "scroll(-1)", "Scroll", show=False, id="history.up"),
        Binding("pagedown", "scroll(10)", "Scroll", show=False, id="history.page_down"),
        Binding("pageup", "scroll(-10)", "Scroll", show=False, id="history.page_up"),
    ]  # fmt: skip

    data: HistoryData | None = None
    range_index = 0
    """Which of ``RANGES`` the pain chart shows."""

    def __init__(self, state: CoachState) -> None:
        super().__init__()
        self.state = state

    def compose(self) -> ComposeResult:
        today = self.state.today()
        yield Header()
        with TabbedContent(id="history"):
            with TabPane("Overview", id="overview"), VerticalScroll():
                with Horizontal(id="overview-top"):
                    with Vertical(id="calendar-box"):
                        yield Static("Last 16 weeks", classes="section-title")
                        yield CalendarHeatmap({}, today, weeks=16)
                    with Vertical(id="figures-box"):
                        yield Static("Adherence", classes="section-title")
                        yield Static("Reading your journal…", id="figures")
                yield Static("", id="chart-title", classes="section-title")
                yield PainChart((), id="pain-chart")
                yield Static("Over the weeks", classes="section-title")
                yield Static("", id="weeks", markup=False)
            with TabPane("Sessions", id="sessions"):
                yield DataTable(id="session-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="table-note", classes="hint", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        """Set up the table, then read the journal."""
        table = self.query_one(DataTable)
        table.add_columns("When", "Routine", "Side", "Level", "Status", "Done", "Pain", "Note")
        self._show_chart_title()
        self.read()

    def _key(self, binding_id: str) -> str:
        return key_text(self.app, self.BINDINGS, binding_id, self.state.keymap)

    # -- reading -------------------------------------------------------------------------------

    reading = False
    """True from a read until it is shown (tests wait for it)."""

    def read(self) -> None:
        """Read the journal again (after a deletion, and on opening)."""
        self.reading = True
        width = self.query_one(PainChart).size.width or self.size.width
        self._read(fitting_points(width))

    @work(thread=True, exclusive=True, group="history-read")
    def _read(self, room: int) -> None:
        """The reads, off the UI thread (``room``: the points the chart has room for)."""
        state = self.state
        key = (state.today(), state.training_plan, state.library_loaded)
        try:
            data = state.reads.read("history", key, lambda journal: read_history(state, journal))
            points = self._range_points(data, room)
        except JournalError as exc:
            self.app.call_from_thread(self._unreadable, str(exc))
            return
        self.app.call_from_thread(self._show, data, points)

    def _range_points(self, data: HistoryData, room: int) -> tuple[tuple[PainPoint, ...], int]:
        """The chart's points for the range chosen (four weeks: the 7-day means already read)."""
        name, days = RANGES[self.range_index]
        if days == 28:
            return data.stats.pain.points, 0
        state = self.state
        today = state.today()

        def read(journal: Journal) -> tuple[tuple[PainPoint, ...], int]:
            first = journal.first_session_day()
            start = range_start(days, today, first)
            since = datetime.combine(start, datetime.min.time()).astimezone()
            return pain_points(journal.sessions(since), start, today, room)

        result: tuple[tuple[PainPoint, ...], int] = state.reads.read(
            f"pain-{name}", (today, room), read
        )
        return result

    def _unreadable(self, message: str) -> None:
        self.reading = False
        self.query_one("#figures", Static).update(f"The journal could not be read: {message}")

    def _show(self, data: HistoryData, chart: tuple[tuple[PainPoint, ...], int]) -> None:
        self.data = data
        self.query_one(CalendarHeatmap).statuses = data.statuses
        self.query_one(CalendarHeatmap).refresh()
        self.query_one("#figures", Static).update(figures_text(data.stats))
        self.query_one("#weeks", Static).update(data.weeks)
        points, span = chart
        self.query_one(PainChart).show(points)
        self._show_chart_title(span)
        self._fill_table(data)
        self.reading = False

    def _show_chart_title(self, span: int = 0) -> None:
        name, days = RANGES[self.range_index]
        what = (
            "7-day mean"
            if days == 28
            else f"mean of each {span} days"
            if span > 1
            else "daily mean"
        )
        title = f"Pain, {name}: {what} (0-10; {LEGEND}) · {self._key('history.range')} widens"
        self.query_one("#chart-title", Static).update(title)

    def _fill_table(self, data: HistoryData) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for session in data.sessions:
            table.add_row(*session_row(session), key=session.id)
        shown = len(data.sessions)
        note = (
            ""
            if data.total <= shown
            else (
                f"The newest {shown} of {data.total} sessions; "
                "coach history --since lists them all."
            )
        )
        self.query_one("#table-note", Static).update(note)

    # -- keys ------------------------------------------------------------------------------------

    def action_wider(self) -> None:
        """The pain chart over the next range (after "all", back to four weeks)."""
        self.range_index = (self.range_index + 1) % len(RANGES)
        self._show_chart_title()
        self.read()

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
        """Enter on a session opens its detail (one session: read here, it is small)."""
        session_id = event.row_key.value or ""
        session = self.state.journal.session(session_id)
        if session is not None:
            steps = self.state.journal.steps(session_id)
            events = self.state.journal.events(session_id)
            names = self._exercise_names()
            self.app.push_screen(SessionDetailScreen(detail_text(session, steps, events, names)))

    def _exercise_names(self) -> dict[str, str]:
        """Each exercise id's name, for the detail in plain words (ids when not loaded)."""
        if not self.state.library_loaded:
            return {}
        return {
            use.exercise.id: use.exercise.name
            for routine in self.state.library.routines.values()
            for use in routine.uses
        }

    def _picked(self) -> SessionRecord | None:
        """The session the table's cursor is on (on the sessions tab)."""
        if self.data is None or self.query_one(TabbedContent).active != "sessions":
            return None
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        row = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((s for s in self.data.sessions if s.id == row), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Delete acts on the sessions tab, with a session picked."""
        if action == "delete":
            return self._picked() is not None
        return True

    def action_delete(self) -> None:
        """Delete the picked session after a confirm naming it; it stays deleted through
        export, import and sync (the journal keeps a tombstone)."""
        from coach.tui.screens.pain import ConfirmScreen

        session = self._picked()
        if session is None:
            return
        when = session.started.strftime("%A %d %B %Y, %H:%M")
        question = (
            f"Delete {session.routine_title} of {when}? Its steps, pain scores and note go "
            "too. This cannot be undone."
        )

        def answered(delete: bool | None) -> None:
            if not delete:
                return
            try:
                self.state.journal.delete_session(session.id)
            except JournalError as exc:
                self.notify(str(exc), title="Not deleted", severity="error", markup=False)
                return
            self.notify(f"Deleted {session.routine_title} of {when}.", markup=False)
            self.state.journal_changed.publish(None)
            self.read()

        self.app.push_screen(ConfirmScreen(question, yes="Delete", no="Keep it"), answered)
