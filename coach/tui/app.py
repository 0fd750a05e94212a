"""The Textual app: screens on top of the same engine, journal and settings as the CLI.

The app owns one open journal for its lifetime and runs each session as a *flow*: an async
worker that pushes screens in turn (red flags, side, pain before, the session, pain after, a
note, the summary) and waits for each answer, so the order of a session reads top to bottom in
``run_flow``. The session screen is a thin consumer of engine events; the recorder is another.

``create_app`` builds it the same way for the command line and for tests, which inject a fake
clock and a fixed "now" so screenshots are stable.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from coach.engine.clock import Clock, MonotonicClock, ScaledClock
from coach.journal import Journal, SessionRecord, now_local
from coach.journal.stats import DayStatus, Stats, TrainingPlan, compute_stats, day_statuses
from coach.safety import RED_FLAGS_ACK_KEY
from coach.settings import Settings, load_settings, save_settings

if TYPE_CHECKING:
    # The routine models and the engine are loaded after the first frame (see on_mount).
    from coach.engine.plan import Side
    from coach.engine.session import Session, Summary
    from coach.routine import Library, ResolvedRoutine
    from coach.voice import VoiceCoach
    from coach.voice.channel import Output

__all__ = ["FLARE_ROUTINE", "CoachApp", "Services", "create_app"]

FLARE_ROUTINE = "flare-up"
WELCOME_KEY = "welcome_seen_at"


def _load_library() -> Library:
    from coach.routine import load_default_library

    return load_default_library()


@dataclass
class Services:
    """What the app runs on; tests replace the clock and the time of day.

    ``library`` may be left out: it is then loaded by ``library_loader`` just after the first
    frame, so the home screen appears without waiting for every routine file to validate.
    """

    settings: Settings
    library: Library | None = None
    library_loader: Callable[[], Library] = _load_library
    settings_path: Path | None = None
    settings_problems: list[str] = field(default_factory=list)
    journal_path: Path | None = None
    clock_factory: Callable[[float], Clock] = field(
        default=lambda speed: MonotonicClock() if speed == 1 else ScaledClock(speed)
    )
    now: Callable[[], datetime] = now_local
    speed: float = 1.0
    voice_output: Callable[[], Output] | None = None
    """Replaces the system's speech and sound programs (tests pass a recording fake)."""
    voice_enabled: bool | None = None
    """``--voice`` / ``--no-voice`` for this run, over the saved setting (None: the setting)."""


class CoachApp(App[int]):
    """coach in the terminal."""

    TITLE = "coach"
    SUB_TITLE = "core sessions and flare-up relief"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit"),
    ]

    def __init__(
        self,
        services: Services,
        start_routine: str | None = None,
        start_flare: bool = False,
        side: Side | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.journal = Journal(services.journal_path)
        self._start_routine = start_routine
        self._start_flare = start_flare
        self._start_side = side
        self._flow_running = False
        self._voice_notice_shown = False

    # -- life cycle ------------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """The settings in use."""
        return self.services.settings

    @property
    def library(self) -> Library:
        """The loaded routines (and the problems of broken files), loaded on first use."""
        if self.services.library is None:
            self.services.library = self.services.library_loader()
        return self.services.library

    @property
    def flow_running(self) -> bool:
        """True while a session flow (questions, session, summary) is under way."""
        return self._flow_running

    @property
    def library_loaded(self) -> bool:
        """True once the routines are loaded."""
        return self.services.library is not None

    def _load_library_after_first_frame(self) -> None:
        if not self.library_loaded:
            self.library  # noqa: B018 - loads it
            self.refresh_home()

    def on_mount(self) -> None:
        """Apply settings, show home (and the welcome on first run)."""
        self.journal.open()  # opened already by create_app; this is a no-op then
        self.apply_settings()
        from coach.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        self.call_after_refresh(self._load_library_after_first_frame)
        for problem in self.services.settings_problems:
            self.notify(problem, title="Settings ignored", severity="warning", markup=False)
        if self.journal.get_meta(WELCOME_KEY) is None:
            self.show_welcome()
        elif self._start_flare:
            self.run_flow(FLARE_ROUTINE, flare=True, side=self._start_side)
        elif self._start_routine:
            self.run_flow(self._start_routine, side=self._start_side)

    def on_unmount(self) -> None:
        """Close the journal explicitly."""
        self.journal.close()

    def apply_settings(self) -> None:
        """Theme, motion and key map from the settings."""
        settings = self.settings
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        if settings.reduced_motion:
            self.animation_level = "none"
        if settings.keys:
            self.set_keymap(settings.keys)

    def save_settings(self, settings: Settings) -> None:
        """Save and apply new settings (raises SettingsError with a message on failure)."""
        save_settings(settings, self.services.settings_path)
        self.services.settings = settings
        self.apply_settings()

    @property
    def reduced_motion(self) -> bool:
        """True when animation is off (the setting, or TEXTUAL_ANIMATIONS=none)."""
        return self.settings.reduced_motion or self.animation_level == "none"

    @property
    def training_plan(self) -> TrainingPlan:
        """The weekly goal and rest days from the settings."""
        return TrainingPlan(self.settings.weekly_goal, frozenset(self.settings.rest_days))

    def today_stats(self, sessions: list[SessionRecord] | None = None) -> Stats:
        """Adherence, streak and pain over the last 28 days, for home and history."""
        if sessions is None:
            sessions = self.journal.sessions()
        return compute_stats(sessions, self.training_plan, self.services.now().date())

    def day_statuses(self, weeks: int) -> dict[date, DayStatus]:
        """The status of each day of the last ``weeks`` weeks (for the calendar)."""
        today = self.services.now().date()
        sessions = [s for s in self.journal.sessions() if not s.preview]
        start = today - timedelta(days=today.weekday(), weeks=weeks - 1)
        # Before the first session nothing was planned yet: those days stay blank.
        first = min((s.day for s in sessions), default=today)
        return day_statuses(sessions, self.training_plan, max(start, first), today)

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

    def start_flow(self, routine_id: str, flare: bool = False) -> None:
        """Start a session flow, unless one is already under way (one session at a time)."""
        if self._flow_running:
            self.notify("Finish or end the current session first.", severity="warning")
            return
        self.run_flow(routine_id, flare=flare)

    def action_start_daily(self) -> None:
        """Start the daily routine from the settings."""
        self.start_flow(self.settings.daily_routine)

    def action_flare(self) -> None:
        """Start flare-up relief."""
        self.start_flow(FLARE_ROUTINE, flare=True)

    def action_routines(self) -> None:
        """Open the routines screen."""
        from coach.tui.screens.routines import RoutinesScreen

        self.push_screen(RoutinesScreen())

    def action_history(self) -> None:
        """Open the history screen."""
        from coach.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def action_settings(self) -> None:
        """Open the settings screen."""
        from coach.tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def action_help(self) -> None:
        """Show keys and the disclaimer."""
        from coach.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_red_flags(self) -> None:
        """Show the red flags (read only)."""
        from coach.tui.screens.safety import RedFlagsScreen

        self.push_screen(RedFlagsScreen(ask=False))

    @work(exclusive=True, group="welcome")
    async def show_welcome(self) -> None:
        """First run: the disclaimer, once; then whatever the command line asked for."""
        from coach.tui.screens.safety import WelcomeScreen

        await self.push_screen_wait(WelcomeScreen())
        self.journal.set_meta(WELCOME_KEY, self.services.now().isoformat(timespec="seconds"))
        if self._start_flare:
            self.run_flow(FLARE_ROUTINE, flare=True, side=self._start_side)
        elif self._start_routine:
            self.run_flow(self._start_routine, side=self._start_side)

    # -- the session flow ------------------------------------------------------------------------

    def find_routine(self, routine_id: str) -> ResolvedRoutine | None:
        """A routine by id, or a notification saying it is missing."""
        routine = self.library.routines.get(routine_id)
        if routine is None:
            self.notify(
                f"No routine {routine_id!r}. Pick one in Routines (r) or Settings.",
                severity="error",
                markup=False,
            )
        return routine

    @work(exclusive=True, group="flow")
    async def run_flow(
        self, routine_id: str, flare: bool = False, side: Side | None = None
    ) -> None:
        """Red flags and side (flare), pain before, the session, pain after, note, summary."""
        self._flow_running = True
        try:
            await self._flow(routine_id, flare, side)
        finally:
            self._flow_running = False

    async def _flow(self, routine_id: str, flare: bool, side: Side | None) -> None:
        from coach.engine.plan import build_plan
        from coach.engine.session import Session
        from coach.journal.recorder import Recorder
        from coach.tui.screens.pain import ConfirmScreen, NoteScreen, PainScreen
        from coach.tui.screens.safety import RedFlagsScreen, SideScreen
        from coach.tui.screens.session import SessionScreen
        from coach.tui.screens.summary import SummaryScreen

        routine = self.find_routine(routine_id)
        if routine is None:
            return
        flare = flare or routine.routine.purpose == "flare"
        if flare:
            if self.journal.get_meta(RED_FLAGS_ACK_KEY) is None:
                if not await self.push_screen_wait(RedFlagsScreen(ask=True)):
                    return
                self.journal.set_meta(
                    RED_FLAGS_ACK_KEY, self.services.now().isoformat(timespec="seconds")
                )
            if side is None:
                choice = await self.push_screen_wait(SideScreen())
                if choice == "cancel":
                    return
                side = None if choice == "both" else choice
        pain_before = await self.push_screen_wait(PainScreen("before", routine.routine.title))
        if (
            not flare
            and pain_before is not None
            and pain_before >= self.settings.pain_threshold
            and FLARE_ROUTINE in self.library.routines
        ):
            question = (
                f"Pain {pain_before} of 10. The flare-up protocol (slow breathing and gentle "
                "stretches) may suit today better. Start it instead?"
            )
            if await self.push_screen_wait(ConfirmScreen(question, yes="Flare-up", no="Carry on")):
                await self._flow(FLARE_ROUTINE, True, None)
                return
        plan = build_plan(routine, side)
        session = Session(plan, self.services.clock_factory(self.services.speed))
        voice = self.start_voice(session)
        recorder = Recorder(
            self.journal,
            plan,
            speed=self.services.speed,
            pain_before=pain_before,
            flare=flare,
            now=self.services.now,
        )
        session.subscribe(recorder)
        summary: Summary = await self.push_screen_wait(
            SessionScreen(session, preview=self.services.speed != 1, voice=voice)
        )
        pain_after = await self.push_screen_wait(PainScreen("after", routine.routine.title))
        note = await self.push_screen_wait(NoteScreen())
        if recorder.session_id is not None:
            self.journal.set_pain_after(recorder.session_id, pain_after)
            self.journal.set_note(recorder.session_id, note)
        await self.push_screen_wait(
            SummaryScreen(summary, plan.title, pain_before, pain_after, self.today_stats())
        )
        self.refresh_home()

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

    def refresh_home(self) -> None:
        """Tell the home screen to redraw its figures."""
        from coach.tui.screens.home import HomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.refresh_figures()


def create_app(
    start_routine: str | None = None,
    *,
    flare: bool = False,
    side: Side | None = None,
    speed: float = 1.0,
    voice: bool | None = None,
    services: Services | None = None,
) -> CoachApp:
    """Build the app as the command line does (tests pass their own ``services``)."""
    if services is None:
        loaded = load_settings()
        services = Services(
            settings=loaded.settings,
            settings_path=loaded.path,
            settings_problems=[str(problem) for problem in loaded.problems],
            speed=speed,
            voice_enabled=voice,
        )
    app = CoachApp(services, start_routine=start_routine, start_flare=flare, side=side)
    # Open now, so a journal that can't be used is a one-line message before any screen.
    app.journal.open()
    return app
