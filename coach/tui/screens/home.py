"""Home: today at a glance, one tip, and one key for each thing a person comes here to do."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from coach.journal import JournalError
from coach.journal.logbook import MAX_WALK_MIN, LogEntry, LogKind, MorningAnswer, new_id
from coach.journal.records import SessionRecord
from coach.journal.stats import DayStatus, Stats
from coach.services.home import HomeCoaching, home_coaching
from coach.timefmt import words
from coach.tui.screens.logdialogs import NumbersScreen, pain_fields, peg_fields, walk_fields
from coach.tui.widgets.keys import key_text

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

__all__ = ["HomeScreen", "glance_lines"]

PEG_INTRO = "Three scores from 0 to 10 about the past week (the PEG, Krebs 2009)."
RECENT = 50
"""How many of the newest sessions home looks through for the last one that is not a preview."""


TODAY_WORDS: dict[DayStatus | None, str] = {
    DayStatus.DONE: "Done today ✓",
    DayStatus.REST: "A rest day today: nothing is planned.",
    DayStatus.FLARE: "A flare-up day today: it never breaks your streak.",
    DayStatus.WALKED: "Walked today ✓ · the daily routine is still open.",
    DayStatus.PARTIAL: "Started today and ended early: saved.",
    DayStatus.PENDING: "Not done yet today.",
    None: "Not done yet today.",
}
"""What today is so far, in words, by the day's status (a rest day is never "not done")."""


def _week_words(stats: Stats) -> str:
    week = stats.this_week
    if not week.planned:
        return "nothing planned yet this week"
    days = f"day{'s' if week.planned != 1 else ''}"
    share = f" ({week.share:.0%})" if week.share is not None else ""
    return f"this week {week.done} of {week.planned} planned {days}{share}"


def glance_lines(
    stats: Stats, last: SessionRecord | None, today: DayStatus | None = None
) -> list[str]:
    """The 'today at a glance' lines."""
    lines = [
        TODAY_WORDS[today],
        f"Streak: {stats.current_streak} day{'s' if stats.current_streak != 1 else ''}"
        f" (best {stats.best_streak}) · {_week_words(stats)}",
    ]
    if last is None:
        lines.append("No sessions yet: your first one starts with Enter.")
    else:
        before = "-" if last.pain_before is None else str(last.pain_before)
        after = "-" if last.pain_after is None else str(last.pain_after)
        lines.append(
            f"Last session: {last.routine_title}, {last.started.strftime('%a %d %b')}"
            f" · pain {before} → {after}"
        )
    return lines


class HomeScreen(Screen[None]):
    """The first screen."""

    BINDINGS = [
        Binding("enter", "app.start_daily", "Start daily", id="home.start"),
        Binding("f", "app.flare", "Flare-up", id="home.flare"),
        Binding("w", "log_walk", "Walk", id="home.walk"),
        Binding("p", "log_pain", "Pain today", id="home.pain"),
        Binding("1", "morning('worse')", "Worse", show=False, id="home.morning_worse"),
        Binding("2", "morning('same')", "Same", show=False, id="home.morning_same"),
        Binding("3", "morning('better')", "Better", show=False, id="home.morning_better"),
        Binding("g", "peg", "PEG", id="home.peg"),
        Binding("u", "level('accept')", "Level up", id="home.level_up"),
        Binding("k", "level('decline')", "Keep level", id="home.level_keep"),
        Binding("l", "choose_level", "Level", show=False, id="home.level"),
        Binding("r", "app.routines", "Routines", id="home.routines"),
        Binding("h", "app.history", "History", id="home.history"),
        Binding("s", "app.settings", "Settings", id="home.settings"),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    coaching: HomeCoaching | None = None
    """What the journal said at the last redraw (None before the first, or when unreadable)."""

    @property
    def coach(self) -> CoachApp:
        """The app, typed."""
        return cast("CoachApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home"):
            yield Static("", id="glance", markup=False)
            yield Static("", id="start-line", markup=False)
            yield Static("", id="level-line", markup=False)
            yield Static("", id="prompts", markup=False)
            yield Static("", id="card", markup=False)
            yield Static(
                "Enter  start the daily routine      f  flare-up relief\n"
                "w      log a walk                   p  today's pain\n"
                "r      routines    h  history    s  settings    ?  help    q  quit",
                id="menu",
            )
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        """Fill in the figures."""
        self.refresh_figures()

    def on_screen_resume(self) -> None:
        """Back from another screen: settings or sessions may have changed."""
        self.refresh_figures()

    def refresh_figures(self) -> None:
        """Read the journal and redraw."""
        app = self.coach
        stats = app.today_stats()
        now = app.services.now()
        today = now.date()
        last = next((s for s in app.journal.sessions(limit=RECENT) if not s.preview), None)
        glance = glance_lines(stats, last, stats.statuses.get(today))
        library = app.library if app.library_loaded else None
        try:
            self.coaching = home_coaching(app.journal, library, app.settings.daily_routine, now)
        except JournalError:
            self.coaching = None
        if self.coaching is not None:
            glance.append(self.coaching.walking)
            glance += [line for line in (self.coaching.pain, self.coaching.flare) if line]
        self.query_one("#glance", Static).update("\n".join(glance))
        self.query_one("#start-line", Static).update(self._start_line())
        self._show_coaching(self.coaching)
        self.refresh_bindings()

    def _start_line(self) -> str:
        """The daily routine, at the level it is done at now, and how long it takes."""
        app = self.coach
        if not app.library_loaded:
            return "Daily routine: …"
        from coach.engine.plan import build_plan
        from coach.routine.levels import at_level

        routine = app.library.routines.get(app.settings.daily_routine)
        if routine is None:
            return f"Daily routine {app.settings.daily_routine!r} not found: choose one in s."
        level = self.coaching.level_number if self.coaching else None
        planned = at_level(routine, level) if level else routine
        return f"Daily routine: {routine.routine.title} · {words(build_plan(planned).total_s)}"

    def _key(self, binding_id: str) -> str:
        return key_text(self.app, self.BINDINGS, binding_id, self.coach.settings.keys)

    def _show_coaching(self, coaching: HomeCoaching | None) -> None:
        """The level, what is open today (offer, morning check, PEG), the card of the day."""
        level = coaching.level if coaching else None
        if level:
            level = f"{level} · {self._key('home.level')} to choose"
        self.query_one("#level-line", Static).update(level or "")
        self.query_one("#level-line", Static).display = bool(level)
        prompts = self._prompt_lines(coaching) if coaching else []
        self.query_one("#prompts", Static).update("\n".join(prompts))
        self.query_one("#prompts", Static).display = bool(prompts)
        card = coaching.card if coaching else None
        text = card.line if card else ""
        self.query_one("#card", Static).update(text)
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
            logged = log_entry(self.coach.journal, entry)
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
        now = self.coach.services.now()
        return LogEntry(new_id(), kind, now.date().isoformat(), now.isoformat(timespec="seconds"))

    def action_morning(self, answer: MorningAnswer) -> None:
        """One key: this morning against yesterday's."""
        self._log(replace(self._entry("morning"), morning=answer))

    @work(group="home-log")
    async def action_log_walk(self) -> None:
        """Minutes walked, and the pain during the walk if the person wants to say."""
        answers = await self.app.push_screen_wait(
            NumbersScreen("Log a walk", walk_fields(MAX_WALK_MIN))
        )
        if answers is not None:
            self._log(replace(self._entry("walk"), minutes=answers[0], pain=answers[1]))

    @work(group="home-log")
    async def action_log_pain(self) -> None:
        """Today's back pain, and leg pain when there are leg symptoms."""
        answers = await self.app.push_screen_wait(NumbersScreen("Pain today", pain_fields()))
        if answers is not None:
            self._log(replace(self._entry("pain"), pain=answers[0], leg=answers[1]))

    @work(group="home-log")
    async def action_peg(self) -> None:
        """The weekly PEG: three items about the past week (Escape skips it)."""
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

        app = self.coach
        answer_with = accept if answer == "accept" else decline
        try:
            line = answer_with(
                app.journal, app.library, app.settings.daily_routine, app.services.now()
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

        app = self.coach
        routine = app.library.routines.get(app.settings.daily_routine)
        if routine is None:
            return
        current = level_for(app.journal, routine) or 1
        answer = await app.push_screen_wait(ChoiceScreen(level_question(routine, current)))
        if not answer:
            return
        try:
            line = set_level(app.journal, app.library, routine.id, int(answer), app.services.now())
        except (JournalError, ProgressError) as exc:
            self.notify(str(exc), title="Not recorded", severity="error", markup=False)
            return
        self.notify(line, markup=False)
        self.refresh_figures()
