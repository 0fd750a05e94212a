"""Home: today at a glance, one tip, and one key for each thing a person comes here to do.

What it shows of the journal is read off the UI thread (``CoachState.reads``: cached until the
next write), so home draws at once whatever the journal's size and fills in its figures a
moment later; coming back to it shows the last figures at once and reads again only if
something was written. The words come from ``coach.services.home``; the keys in the menu and
the prompts come from the live bindings, so a remap in ``[keys]`` shows here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from coach.journal import JournalError
from coach.tui.widgets.keys import key_text, menu_text

if TYPE_CHECKING:
    # The services import the routine models (pydantic): loaded by the first read, in its
    # thread, not before the first frame.
    from coach.journal.logbook import LogEntry, LogKind, MorningAnswer
    from coach.services.home import HomeCoaching, HomeFigures
    from coach.tui.state import CoachState

__all__ = ["WIDE", "HomeScreen"]

PEG_INTRO = "Three scores from 0 to 10 about the past week (the PEG, Krebs 2009)."
WIDE = 120
"""From this many columns home lays out in two columns (today and the menu; learning)."""
MENU = (
    "home.start",
    "home.flare",
    "home.walk",
    "home.pain",
    "home.routines",
    "home.history",
    "home.settings",
    "app.help",
    "app.quit",
)
"""The bindings the menu lists, in its order (their words are the bindings' tooltips)."""


class HomeScreen(Screen[None]):
    """The first screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "app.start_daily", "Start daily", id="home.start",
                tooltip="start the daily routine"),
        Binding("f", "app.flare", "Flare-up", id="home.flare", tooltip="flare-up relief"),
        Binding("w", "log_walk", "Walk", id="home.walk", tooltip="log a walk"),
        Binding("p", "log_pain", "Pain today", id="home.pain",
                tooltip="log today's pain (and leg pain)"),
        Binding("1", "morning('worse')", "Worse", show=False, id="home.morning_worse",
                tooltip="this morning: worse than yesterday (when asked)"),
        Binding("2", "morning('same')", "Same", show=False, id="home.morning_same",
                tooltip="this morning: the same (when asked)"),
        Binding("3", "morning('better')", "Better", show=False, id="home.morning_better",
                tooltip="this morning: better (when asked)"),
        Binding("g", "peg", "PEG", id="home.peg", tooltip="the weekly PEG (when open)"),
        Binding("u", "level('accept')", "Level up", id="home.level_up",
                tooltip="take the level offered"),
        Binding("k", "level('decline')", "Keep level", id="home.level_keep",
                tooltip="stay at this level"),
        Binding("l", "choose_level", "Level", show=False, id="home.level",
                tooltip="choose the daily routine's level yourself"),
        Binding("r", "app.routines", "Routines", id="home.routines", tooltip="routines"),
        Binding("h", "app.history", "History", id="home.history", tooltip="history"),
        Binding("s", "app.settings", "Settings", id="home.settings", tooltip="settings"),
    ]  # fmt: skip

    figures: HomeFigures | None = None
    """What the journal said at the last read (None before the first, or when unreadable)."""
    reading = False
    """True from a refresh until its read is shown (tests wait for it)."""
    _generation = 0

    def __init__(self, state: CoachState) -> None:
        super().__init__()
        self.state = state

    @property
    def coaching(self) -> HomeCoaching | None:
        """The coaching lines of the last read."""
        return self.figures.coaching if self.figures else None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home"), Horizontal(id="home-columns"):
            with Vertical(id="home-today"):
                yield Static("", id="glance", markup=False)
                yield Static("", id="start-line", markup=False)
                yield Static("", id="level-line", markup=False)
                yield Static("", id="prompts", markup=False)
            with Vertical(id="home-side"):
                yield Static("", id="card", markup=False)
                yield Static("", id="menu", markup=False)
                yield Static("", id="home-calendar")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        """Draw, then read the journal; read again whenever it or the settings change."""
        self.state.journal_changed.subscribe(self, lambda _none: self.refresh_figures())
        self.state.settings_changed.subscribe(self, lambda _settings: self.refresh_figures())
        self._lay_out(self.size.width)
        # Read after the first frame: the read's imports would slow the drawing of it.
        self.call_after_refresh(self.refresh_figures)

    def on_resize(self, event: Resize) -> None:
        """Two columns when there is room for them."""
        self._lay_out(event.size.width)

    def _lay_out(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")
        self._show_menu()

    def on_screen_resume(self) -> None:
        """Back from another screen: settings or sessions may have changed."""
        self.refresh_figures()

    # -- reading and drawing ---------------------------------------------------------------------

    def refresh_figures(self) -> None:
        """Show the last figures read (if any) at once, and read the journal again."""
        latest = self.state.reads.latest("home")
        if latest is not None:
            self._show(latest)
        else:
            self._show_start_line()
        self._generation += 1
        self.reading = True
        self._read(self._generation)

    @work(thread=True, exclusive=True, group="home-figures")
    def _read(self, generation: int) -> None:
        """The journal read, off the UI thread (cached until the next write); the settings
        are loaded here too when the first frame went without them."""
        from coach.services.home import home_figures

        state = self.state
        library = state.library if state.library_loaded else None
        daily, plan, now = state.settings.daily_routine, state.training_plan, state.now()
        key = (now.date(), plan, daily, library is not None)
        try:
            figures = state.reads.read(
                "home", key, lambda journal: home_figures(journal, library, daily, plan, now)
            )
        except JournalError as exc:
            self.app.call_from_thread(self._unreadable, str(exc), generation)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, figures, generation)

    def _unreadable(self, message: str, generation: int) -> None:
        self.reading = self.reading and generation != self._generation
        self.notify(message, title="Journal", severity="error", markup=False, timeout=15)

    def _show(self, figures: HomeFigures, generation: int | None = None) -> None:
        """Draw what was read (``generation``: of which refresh; None for a cached read)."""
        if generation is not None:
            self.reading = self.reading and generation != self._generation
        self.figures = figures
        self.query_one("#glance", Static).update("\n".join(figures.glance))
        self._show_calendar(figures)
        self._show_start_line()
        self._show_coaching(figures.coaching)
        self.refresh_bindings()

    def _show_calendar(self, figures: HomeFigures) -> None:
        """The last weeks as a calendar (shown when there is room: two columns)."""
        from textual.content import Content

        from coach.services.home import CALENDAR_WEEKS
        from coach.tui.widgets.heatmap import calendar_content

        calendar = calendar_content(figures.days, figures.stats.today, CALENDAR_WEEKS)
        title = Content.styled(f"The last {CALENDAR_WEEKS} weeks", "bold")
        self.query_one("#home-calendar", Static).update(Content("\n").join([title, calendar]))

    def _show_start_line(self) -> None:
        self.query_one("#start-line", Static).update(self._start_line())

    def _start_line(self) -> str:
        """The daily routine, at the level it is done at now, how long it takes, its key."""
        state = self.state
        if not (state.library_loaded and state.settings_loaded):
            return "Daily routine: …"
        from coach.engine.plan import build_plan
        from coach.routine.levels import at_level
        from coach.timefmt import words

        routine = state.library.routines.get(state.settings.daily_routine)
        if routine is None:
            daily, settings = state.settings.daily_routine, self._key("home.settings")
            return f"Daily routine {daily!r} not found: choose one in {settings} (settings)."
        level = self.coaching.level_number if self.coaching else None
        planned = at_level(routine, level) if level else routine
        return (
            f"Daily routine: {routine.routine.title} · {words(build_plan(planned).total_s)}"
            f" · {self._key('home.start')} starts it"
        )

    def _key(self, binding_id: str) -> str:
        return key_text(self.app, self._all_bindings(), binding_id, self.state.keymap)

    def _all_bindings(self) -> list[BindingType]:
        """This screen's bindings and the app's (help, quit), for showing keys."""
        return [*self.BINDINGS, *self.app.BINDINGS]

    def _show_menu(self) -> None:
        wide = self.has_class("-wide")
        bindings, keymap = self._all_bindings(), self.state.keymap
        text = menu_text(self.app, bindings, MENU, keymap, 1 if wide else 3, short=not wide)
        self.query_one("#menu", Static).update(text)

    def _show_coaching(self, coaching: HomeCoaching) -> None:
        """The level, what is open today (offer, morning check, PEG), the card of the day."""
        level = coaching.level
        if level:
            level = f"{level} · {self._key('home.level')} to choose"
        self.query_one("#level-line", Static).update(level or "")
        self.query_one("#level-line", Static).display = bool(level)
        prompts = self._prompt_lines(coaching)
        self.query_one("#prompts", Static).update("\n".join(prompts))
        self.query_one("#prompts", Static).display = bool(prompts)
        card = coaching.card
        self.query_one("#card", Static).update(card.line if card else "")
        self.query_one("#card", Static).display = bool(card)

    def _prompt_lines(self, coaching: HomeCoaching) -> list[str]:
        lines = [coaching.step_back] if coaching.step_back else []
        if coaching.offer:
            up, keep = self._key("home.level_up"), self._key("home.level_keep")
            lines.append(f"{coaching.offer} {up} take it · {keep} stay at this level")
        if coaching.morning_due:
            keys = [self._key(f"home.morning_{a}") for a in ("worse", "same", "better")]
            lines.append(
                f"This morning against yesterday: {keys[0]} worse · {keys[1]} same · "
                f"{keys[2]} better"
            )
        if coaching.peg_due:
            lines.append(
                f"Weekly PEG: {self._key('home.peg')} answers three questions about the past "
                "week (optional)."
            )
        return lines

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The morning keys, the PEG and the level answers act only while they are open."""
        coaching = self.coaching
        if action == "morning":
            return bool(coaching and coaching.morning_due)
        if action == "peg":
            return bool(coaching and coaching.peg_due)
        if action == "level":
            return bool(coaching and coaching.has_offer)
        if action == "choose_level":
            return bool(coaching and coaching.level)
        return True

    # -- logging and answering from home ---------------------------------------------------------

    def _log(self, entry: LogEntry) -> None:
        """Store an entry through the service that knows what it replaces; say what was kept."""
        from coach.services.log import LEG_SYMPTOMS_LINE, log_entry

        try:
            logged = log_entry(self.state.journal, entry)
        except (JournalError, ValueError) as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
            return
        self.notify(logged.line, markup=False)
        self.refresh_figures()
        if logged.new_leg_symptoms:
            self.notify(LEG_SYMPTOMS_LINE, severity="warning", markup=False, timeout=10)
            from coach.tui.screens.safety import RedFlagsScreen

            self.app.push_screen(RedFlagsScreen(ask=False))

    def _entry(self, kind: LogKind) -> LogEntry:
        """A new entry of ``kind`` about today (its values set with ``replace``)."""
        from coach.journal.logbook import LogEntry, new_id

        now = self.state.now()
        return LogEntry(new_id(), kind, now.date().isoformat(), now.isoformat(timespec="seconds"))

    def action_morning(self, answer: MorningAnswer) -> None:
        """One key: this morning against yesterday's."""
        self._log(replace(self._entry("morning"), morning=answer))

    @work(group="home-log")
    async def action_log_walk(self) -> None:
        """Minutes walked, and the pain during the walk if the person wants to say."""
        from coach.journal.logbook import MAX_WALK_MIN
        from coach.tui.screens.logdialogs import NumbersScreen, walk_fields

        answers = await self.app.push_screen_wait(
            NumbersScreen("Log a walk", walk_fields(MAX_WALK_MIN))
        )
        if answers is not None:
            self._log(replace(self._entry("walk"), minutes=answers[0], pain=answers[1]))

    @work(group="home-log")
    async def action_log_pain(self) -> None:
        """Today's back pain, and leg pain when there are leg symptoms."""
        from coach.tui.screens.logdialogs import NumbersScreen, pain_fields

        answers = await self.app.push_screen_wait(NumbersScreen("Pain today", pain_fields()))
        if answers is not None:
            self._log(replace(self._entry("pain"), pain=answers[0], leg=answers[1]))

    @work(group="home-log")
    async def action_peg(self) -> None:
        """The weekly PEG: three items about the past week (Escape skips it)."""
        from coach.tui.screens.logdialogs import NumbersScreen, peg_fields

        answers = await self.app.push_screen_wait(
            NumbersScreen("The weekly PEG", peg_fields(), intro=PEG_INTRO)
        )
        if answers is not None:
            pain, enjoyment, activity = answers
            entry = replace(self._entry("peg"), pain=pain, enjoyment=enjoyment, activity=activity)
            self._log(entry)

    def action_level(self, answer: str) -> None:
        """Take the level offered, or stay at this one (recorded; offered again later)."""
        from coach.services.progress import ProgressError, accept, decline

        state = self.state
        answer_with = accept if answer == "accept" else decline
        try:
            line = answer_with(
                state.journal, state.library, state.settings.daily_routine, state.now()
            )
        except (JournalError, ProgressError) as exc:
            self.notify(str(exc), title="Not recorded", severity="error", markup=False)
            return
        self.notify(line, markup=False)
        self.refresh_figures()

    @work(group="home-level")
    async def action_choose_level(self) -> None:
        """Pick any level of the daily routine's ladder (recorded as chosen)."""
        from coach.flow.progress import level_question
        from coach.services.progress import ProgressError, level_for, set_level
        from coach.tui.screens.choice import ChoiceScreen

        state = self.state
        routine = state.library.routines.get(state.settings.daily_routine)
        if routine is None:
            return
        current = level_for(state.journal, routine) or 1
        answer = await self.app.push_screen_wait(ChoiceScreen(level_question(routine, current)))
        if not answer:
            return
        try:
            line = set_level(state.journal, state.library, routine.id, int(answer), state.now())
        except (JournalError, ProgressError) as exc:
            self.notify(str(exc), title="Not recorded", severity="error", markup=False)
            return
        self.notify(line, markup=False)
        self.refresh_figures()
