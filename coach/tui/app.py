"""The Textual app: screens on top of the same engine, journal and settings as the CLI.

The app owns one open journal for its lifetime and is one front end of the session flow
(``coach.flow.session_flow``, the same flow the plain runner answers with prompts): an async
worker drives the flow's generator, pushing a screen for each question it yields and sending
the answer back. What is asked, in what order and what an answer leads to (thresholds, red
flags, the painful side, what follows pain) is the flow's; the app only asks and shows. The
session screen is a thin consumer of engine events; the flow's recorder is another.

``create_app`` builds it the same way for the command line and for tests, which inject a fake
clock and a fixed "now" so screenshots are stable.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from coach.journal import Journal
from coach.textsafe import visible
from coach.tui.state import CoachState, Services

if TYPE_CHECKING:
    # The routine models, the engine and the flow are loaded after the first frame.
    from coach.engine.session import Session, Summary
    from coach.flow.context import Flow, FlowContext, FlowResult
    from coach.flow.questions import Question, RunSession, SideAnswer
    from coach.journal.stats import Stats
    from coach.routine import Library
    from coach.routine.problems import Problem
    from coach.settings import Settings
    from coach.voice import VoiceCoach

__all__ = ["CoachApp", "Services", "create_app"]

APP_FLUSH_TIMEOUT_S = 3.0
"""How long the end of a session in the app waits for a busy journal (the plain runner, about
to exit, waits longer); then the session is kept in a recovery file, imported next time."""


def _gist(message: str) -> str:
    """A problem's first clause, and its "did you mean" if it has one: what a notice has
    room for (the lists of what is allowed, and the fix, are in ``coach doctor``)."""
    first, *rest = visible(message).split("; ")
    guesses = [c.partition("?")[0] + "?" for c in rest if c.startswith("did you mean")]
    return "; ".join([first, *guesses])


class CoachApp(App[int]):
    """coach in the terminal."""

    TITLE = "coach"
    SUB_TITLE = "core sessions and flare-up relief"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help", tooltip="help: every key"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="quit (asks during a session)"),
        # Always there, even where q is typed into a field; during a session both ask first.
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit_always"),
    ]

    def __init__(
        self,
        services: Services,
        start_routine: str | None = None,
        start_flare: bool = False,
        side: SideAnswer | None = None,
        pain_before: int | None = None,
        pain_after: int | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.journal = Journal(services.journal_path)
        self.state = CoachState(services, self.journal, self)
        """What every screen is handed (DESIGN.md section 1): screens never reach in here."""
        self._start_routine = start_routine
        self._start_flare = start_flare
        self._start_side: SideAnswer | None = side
        self._start_pain = (pain_before, pain_after)
        self._voice_notice_shown = False
        self._quitting = False

    # -- life cycle ------------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """The settings in use."""
        return self.state.settings

    @property
    def library(self) -> Library:
        """The loaded routines (and the problems of broken files), loaded on first use."""
        return self.state.library

    @property
    def flow_running(self) -> bool:
        """True while a session flow (questions, session, summary) is under way."""
        return self.state.flow_running

    def _after_first_frame(self) -> None:
        """Load the settings and the routines off the UI thread, then the rest."""
        if self.state.settings_loaded and self.state.library_loaded:
            self._loaded()
        else:
            self._load()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        """The settings validated and every routine file read (pydantic; about 0.2 s), away
        from the keys and the first frame."""
        self.state.settings  # noqa: B018 - loads them
        self.state.library  # noqa: B018 - loads it
        self.call_from_thread(self._loaded)

    def _loaded(self) -> None:
        """Settings and routines loaded: use them (home redraws); say what was wrong in
        them; then the welcome on first run, or what the command line asked for."""
        self.state.use_settings(self.state.settings)
        self.tell_settings_problems(self.services.settings_problems)
        self.state.journal_changed.publish(None)
        self.check_settings()
        self.tell_library_problems()
        from coach.flow.context import Keys

        if self.journal.get_meta(Keys.WELCOME) is None:
            self.show_welcome()
        else:
            self._start_requested()

    def _start_requested(self) -> None:
        """The routine the command line named (``coach start``, ``coach flare``), if any."""
        from coach.flow.resolve import FLARE_ROUTINE

        routine = FLARE_ROUTINE if self._start_flare else self._start_routine
        if routine is not None:
            before, after = self._start_pain
            self.start_flow(routine, side=self._start_side, pain_before=before, pain_after=after)

    def on_mount(self) -> None:
        """Apply settings, show home (and the welcome on first run)."""
        self.journal.open()  # opened already by create_app; this is a no-op then
        self.state.animations_off = self.animation_level == "none"
        self.apply_settings()
        self.state.settings_changed.subscribe(self, lambda _settings: self.apply_settings())
        self.theme_changed_signal.subscribe(self, lambda theme: self._theme_picked(theme.name))
        self.call_after_refresh(self._after_first_frame)

    def get_default_screen(self) -> Screen[Any]:
        """Home is the first screen (not pushed over an empty one: one screen less to draw
        before the first frame)."""
        from coach.tui.screens.home import HomeScreen

        return HomeScreen(self.state)

    def on_unmount(self) -> None:
        """Close the journal explicitly."""
        self.state.close()
        self.journal.close()

    def apply_settings(self) -> None:
        """Theme, motion and key map from the settings.

        A theme Textual lacks, or a key it would never report (``"Space"``), is not applied
        (the default stays); ``check_settings`` says so once the first frame is up.
        """
        from coach.keynames import key_name_problem

        look = self.state.first  # the quick read before the settings are loaded
        if look.theme in self.available_themes:
            self.theme = look.theme
        if look.reduced_motion:
            self.animation_level = "none"
        keymap = {k: v for k, v in look.keys.items() if key_name_problem(v) is None}
        if keymap or look.keys or self._keymap:
            self.set_keymap(keymap)  # also when a checked remap was dropped: it must go

    def _home_keys(self) -> str:
        """Home's main keys as the person has them, for the welcome."""
        from coach.tui.screens.home import HomeScreen
        from coach.tui.widgets.keys import key_text

        bindings = [*HomeScreen.BINDINGS, *self.BINDINGS]

        def key(binding_id: str) -> str:
            return key_text(self, bindings, binding_id, self.state.keymap)

        return (
            f"{key('home.start')} starts the daily routine, {key('home.flare')} flare-up "
            f"relief, {key('app.help')} help"
        )

    def _theme_picked(self, name: str) -> None:
        """A theme picked in the command palette is saved (only the theme, in place); the
        settings applying their own theme change nothing."""
        if not self.state.settings_loaded or name == self.settings.theme:
            return
        from coach.errors import SettingsError

        try:
            self.state.save_settings(self.settings.model_copy(update={"theme": name}))
        except SettingsError as exc:
            self.notify(str(exc), title="Theme not saved", severity="warning", markup=False)

    def tell_library_problems(self) -> None:
        """Say on home that routine files or folders did not load (the routines screen and
        ``coach doctor`` list them all), so a broken folder is never silently empty."""
        problems = self.library.problems
        if not problems:
            return
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        text = f"{problems[0]}\nAll of them: r (Routines), or coach doctor."
        self.notify(text, title=f"Routines: {count}", severity="warning", markup=False)

    def check_settings(self) -> None:
        """Check every key, binding id, theme and routine the settings name (after the first
        frame: it reads every screen's bindings); use the default for each wrong one and say
        so, as the problems found on loading were said."""
        from coach import locations
        from coach.settings import LoadedSettings, load_settings
        from coach.settings_check import binding_scopes, check_settings

        path = self.services.settings_path or locations.config_file()
        written = load_settings(path)  # where each key is written, for the line numbers
        loaded = LoadedSettings(self.settings, path, [], written.lines, written.key_paths)
        checked = check_settings(
            loaded,
            scopes=binding_scopes(),
            themes=self.available_themes,
            routine_ids=set(self.library.routines),
        )
        # A missing daily routine is not swapped for another: home says "not found: choose
        # one in s" and Enter explains it; starting a routine not asked for would be worse.
        problems = [p for p in checked.problems if p.key != "daily_routine"]
        if not problems:
            return
        daily = {"daily_routine": self.settings.daily_routine}
        self.state.use_settings(checked.settings.model_copy(update=daily))
        self.tell_settings_problems(problems)

    def tell_settings_problems(self, problems: Sequence[Problem]) -> None:
        """One notice for what config.toml sets wrongly: a line per setting saying what is
        wrong (the gist of each message), and ``coach doctor`` for what is allowed and the
        fix of each. A notice per full problem would cover the screen at 80 x 24."""
        if not problems:
            return
        lines = [f"{visible(p.key or 'the file')}: {_gist(p.message)}" for p in problems]
        lines.append("Each falls back to its default; coach doctor says how to fix it.")
        title = f"Settings ignored ({problems[0].path.name})"
        self.notify("\n".join(lines), title=title, severity="warning", markup=False)

    def today_stats(self) -> Stats:
        """Adherence, streak and pain over the last 28 days (for the summary after a session:
        the window and what is not yet summed up of the history, ``stats_for``)."""
        from coach.journal.history import stats_for

        return stats_for(self.journal, self.state.training_plan, self.state.today())

    # -- actions and commands --------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The same actions as the keys, in the command palette."""
        yield SystemCommand(
            "Start the daily routine", "Pain check, then the session", self.action_start_daily
        )
        yield SystemCommand("Flare-up relief", "Breathing and gentle stretches", self.action_flare)
        yield SystemCommand("Routines", "All routines and their plans", self.action_routines)
        yield SystemCommand("History", "Calendar, pain trend and sessions", self.action_history)
        yield SystemCommand(
            "Settings", "Goal, rest days, voice, threshold, motion", self.action_settings
        )
        yield SystemCommand("Red flags", "When to seek medical help", self.action_red_flags)
        yield SystemCommand("Help", "Keys and what coach is", self.action_help)
        yield from super().get_system_commands(screen)

    def start_flow(
        self,
        routine_id: str,
        side: SideAnswer | None = None,
        pain_before: int | None = None,
        pain_after: int | None = None,
    ) -> None:
        """Start a session flow, unless one is already under way (one session at a time)."""
        if self.state.flow_running:
            self.notify("Finish or end the current session first.", severity="warning")
            return
        self.state.flow_running = True  # at once: a second key before the worker starts fails
        self.run_flow(routine_id, side, pain_before, pain_after)

    async def action_quit(self) -> None:
        """Quit; during a session ask first, then end it as ended early, saved as always."""
        from coach.engine.session import SessionState
        from coach.tui.screens.pain import ConfirmScreen
        from coach.tui.screens.session import SessionScreen

        running = [
            screen
            for screen in self.screen_stack
            if isinstance(screen, SessionScreen) and not screen.session.is_over
        ]
        if not running:
            self.exit()
            return
        if isinstance(self.screen, ConfirmScreen) or self._quitting:
            return
        session = running[0].session
        was_running = session.state is SessionState.RUNNING
        session.pause()

        def answered(quit_now: bool | None) -> None:
            if quit_now:
                self._quitting = True  # the flow saves the session, asks nothing, then exits
                session.end()
            elif was_running:
                session.resume()

        question = "Quit coach now? The session ends here; what you have done is saved."
        self.push_screen(ConfirmScreen(question, yes="Quit", no="Keep going"), answered)

    def action_start_daily(self) -> None:
        """Start the daily routine from the settings."""
        self.start_flow(self.settings.daily_routine)

    def action_flare(self) -> None:
        """Start flare-up relief (the flow asks the red flags first when they are due)."""
        from coach.flow.resolve import FLARE_ROUTINE

        self.start_flow(FLARE_ROUTINE)

    def action_routines(self) -> None:
        """Open the routines screen."""
        from coach.tui.screens.routines import RoutinesScreen

        self.push_screen(RoutinesScreen(self.state), self._start_chosen)

    def _start_chosen(self, routine_id: str | None) -> None:
        """The routines screen closed: start the routine chosen there, if any."""
        if routine_id is not None:
            self.start_flow(routine_id)

    def action_history(self) -> None:
        """Open the history screen."""
        from coach.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.state))

    def action_settings(self) -> None:
        """Open the settings screen."""
        from coach.tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen(self.state))

    def action_help(self) -> None:
        """Show keys and the disclaimer."""
        from coach.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.state, self.screen))

    def action_red_flags(self) -> None:
        """Show the red flags (read only)."""
        from coach.tui.screens.safety import RedFlagsScreen

        self.push_screen(RedFlagsScreen(ask=False))

    @work(exclusive=True, group="welcome")
    async def show_welcome(self) -> None:
        """First run: the disclaimer, once; then whatever the command line asked for."""
        from coach.flow.context import Keys
        from coach.journal.db import JournalError
        from coach.tui.screens.safety import WelcomeScreen

        await self.push_screen_wait(WelcomeScreen(self._home_keys()))
        with contextlib.suppress(JournalError):  # busy: shown again next time, nothing lost
            stamp = self.services.now().isoformat(timespec="seconds")
            self.journal.set_meta_soon(Keys.WELCOME, stamp)
        self._start_requested()

    # -- the session flow ------------------------------------------------------------------------

    def flow_context(self) -> FlowContext:
        """What the flow runs on: this app's journal, library, time and settings."""
        from coach.flow.context import FlowContext

        loop = asyncio.get_running_loop()
        return FlowContext(
            journal=self.journal,
            library=self.library,
            now=self.services.now,
            interactive=True,
            red_from=self.settings.pain_threshold,
            clock_factory=self.services.clock_factory,
            # The recorder's writer thread may say something: hand it to the loop.
            on_notice=lambda text: self._notice_from_any_thread(loop, text),
            # The flow runs on the UI thread: a locked journal may hold the screen this long
            # at the end of a session before the session goes to a recovery file instead.
            flush_timeout_s=APP_FLUSH_TIMEOUT_S,
        )

    def _notice_from_any_thread(self, loop: asyncio.AbstractEventLoop, text: str) -> None:
        def show() -> None:
            self.notify(text, title="Journal", severity="warning", markup=False, timeout=10)

        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            loop.call_soon_threadsafe(show)

    @work(exclusive=True, group="flow")
    async def run_flow(
        self,
        routine_id: str,
        side: SideAnswer | None = None,
        pain_before: int | None = None,
        pain_after: int | None = None,
    ) -> None:
        """Run the one session flow (``coach.flow``) for a routine, answering with screens."""
        from coach.flow.context import FlowRequest
        from coach.flow.resolve import NotFound, find_in
        from coach.flow.session_flow import session_flow
        from coach.journal.db import JournalError

        self.state.flow_running = True
        try:
            found = find_in(self.library, routine_id)
            if isinstance(found, NotFound):
                lines = [found.message, *(str(problem) for problem in found.problems)]
                self.notify("\n".join(lines), severity="error", markup=False, timeout=10)
                return
            request = FlowRequest(
                found.routine,
                side=side,
                speed=self.services.speed,
                pain_before=pain_before,
                pain_after=pain_after,
            )
            await self._drive(session_flow(self.flow_context(), request))
        except JournalError as exc:  # outside a session (a session's writes never raise)
            self.notify(str(exc), title="Journal", severity="error", markup=False, timeout=15)
        finally:
            self.state.flow_running = False
            self.state.journal_changed.publish(None)
            if self._quitting:
                self.exit()

    async def _drive(self, flow: Flow) -> FlowResult:
        """Ask each question of the flow with a screen and send the answer back."""
        try:
            question = next(flow)
            while True:
                question = flow.send(await self.answer(question))
        except StopIteration as stop:
            result: FlowResult = stop.value
            return result
        finally:
            flow.close()

    async def answer(self, question: Question[Any]) -> object:
        """One question of the flow, asked (or shown) the app's way; returns the answer.

        After "quit" during a session, every question is skipped (None) so that the flow
        saves the session as it ends and the app can exit."""
        if self._quitting:
            return None
        from coach.flow import questions as q
        from coach.tui.screens.choice import ChoiceScreen
        from coach.tui.screens.pain import NoteScreen, PainScreen
        from coach.tui.screens.safety import (
            MessageScreen,
            RedFlagsScreen,
            SideScreen,
            WelcomeScreen,
        )

        if isinstance(question, q.Tell):
            if question.kind == "info":
                self.notify(question.text, title=question.title, markup=False, timeout=8)
            elif question.kind == "welcome":
                await self.push_screen_wait(WelcomeScreen(self._home_keys()))
            else:
                stop = question.kind == "stop"
                await self.push_screen_wait(MessageScreen(question.text, question.title, stop))
            return None
        if isinstance(question, q.AskRedFlags):
            return await self.push_screen_wait(RedFlagsScreen(ask=True, reason=question.reason))
        if isinstance(question, q.AskSide):
            return await self.push_screen_wait(SideScreen())
        if isinstance(question, q.AskPain):
            return await self.push_screen_wait(PainScreen(question.when, question.title))
        if isinstance(question, q.AskNote):
            return await self.push_screen_wait(NoteScreen())
        if isinstance(question, q.Choose):
            return await self.push_screen_wait(ChoiceScreen(question))
        if isinstance(question, q.RunSession):
            return q.SessionRun(await self._run_session(question))
        if isinstance(question, q.ShowSummary):
            from coach.tips import tip_for
            from coach.tui.screens.summary import SummaryScreen

            tip = tip_for(self.services.now().date())
            await self.push_screen_wait(SummaryScreen(question, self.today_stats(), tip))
            return None
        raise TypeError(f"the app cannot ask {question!r}")

    async def _run_session(self, question: RunSession) -> Summary:
        from coach.tui.screens.session import SessionScreen

        session = question.session
        voice = self.start_voice(session)
        screen = SessionScreen(
            session, self.state, preview=question.preview, voice=voice, control=question.control
        )
        summary: Summary = await self.push_screen_wait(screen)
        return summary

    def start_voice(self, session: Session) -> VoiceCoach | None:
        """The voice for a session, subscribed to it; a notice once if no speech program."""
        from coach.voice import start_voice

        loop = asyncio.get_running_loop()
        output = self.services.voice_output() if self.services.voice_output else None
        voice, notice = start_voice(
            self.settings.voice,
            session.plan,
            session.clock,
            # Tones fall back to the bell, rung from the voice's thread: hand it to the loop.
            bell=lambda: self._bell_from_thread(loop),
            enabled=self.services.voice_enabled,
            output=output,
        )
        if notice and not self._voice_notice_shown:
            self._voice_notice_shown = True
            self.notify(notice, title="Voice", severity="warning", markup=False, timeout=8)
        if voice is not None:
            session.subscribe(voice)
        return voice

    def _bell_from_thread(self, loop: asyncio.AbstractEventLoop) -> None:
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile: no bell to ring
            loop.call_soon_threadsafe(self.bell)


def create_app(
    start_routine: str | None = None,
    *,
    flare: bool = False,
    side: SideAnswer | None = None,
    speed: float = 1.0,
    voice: bool | None = None,
    pain_before: int | None = None,
    pain_after: int | None = None,
    services: Services | None = None,
) -> CoachApp:
    """Build the app as the command line does (tests pass their own ``services``).

    ``pain_before`` and ``pain_after`` (``--pain-before``/``--pain-after``) go into the first
    flow's request: the flow then does not ask them."""
    if services is None:
        from coach import locations
        from coach.settings_first import read_first

        path = locations.config_file()
        # Validated in full just after the first frame (CoachApp._load); its look now.
        services = Services(
            first=read_first(path), settings_path=path, speed=speed, voice_enabled=voice
        )
    app = CoachApp(
        services,
        start_routine=start_routine,
        start_flare=flare,
        side=side,
        pain_before=pain_before,
        pain_after=pain_after,
    )
    # Open now, so a journal that can't be used is a one-line message before any screen.
    app.journal.open()
    return app
