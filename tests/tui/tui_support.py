"""Support for the Textual tests: the app under test, waiting for it, and hand-made history.

``conftest.py`` gives every test ``make_coach``, a factory that prepares the journal (welcome
seen, red flags acknowledged, hand-made sessions) *before* the app opens it, then builds the
app exactly as the command line does, with ``Services`` holding a ``FakeClock`` and ``now``
fixed at ``NOW``.

The returned ``Coach`` also knows how to wait for the app: flows push their screens from a
worker, so a test waits for a screen (or a condition) rather than for a fixed time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

from coach.engine.clock import FakeClock
from coach.engine.session import Session, SessionState
from coach.journal import Journal
from coach.journal.records import SessionRecord, StepRecord
from coach.timefmt import clock as clock_text
from coach.tui.app import CoachApp, Services
from coach.tui.screens.history import HistoryScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.session import SessionScreen, countdown_text
from coach.tui.widgets.big_countdown import BigCountdown
from coach.voice.backends import BellHandle
from coach.voice.channel import Cue

NOW = datetime(2026, 11, 21, 7, 30, tzinfo=timezone(timedelta(hours=1)))
"""A Saturday morning; every screen that shows dates is drawn as of this moment."""

SIZE = (80, 24)

ScreenT = TypeVar("ScreenT", bound=Screen[Any])


class RecordingOutput:
    """Stands in for the speech and sound programs: records each cue, done at once."""

    def __init__(self) -> None:
        self.cues: list[Cue] = []

    def start(self, cue: Cue) -> BellHandle:
        """Record ``cue``; it is "spoken" instantly, so the next can start."""
        self.cues.append(cue)
        return BellHandle()

    @property
    def said(self) -> list[str]:
        """The words of every spoken cue (tones left out), in order."""
        return [cue.text for cue in self.cues if cue.tone is None]


class Coach:
    """One app under test, its clock, and its journal read back through a fresh connection."""

    def __init__(
        self,
        home: Path,
        clock: FakeClock,
        services: Services,
        app: CoachApp,
        voice: RecordingOutput,
    ) -> None:
        self.home = home
        self.clock = clock
        self.services = services
        self.app = app
        self.voice = voice

    @property
    def db(self) -> Path:
        """The journal file."""
        assert self.services.journal_path is not None
        return self.services.journal_path

    @property
    def config(self) -> Path:
        """The settings file."""
        assert self.services.settings_path is not None
        return self.services.settings_path

    # -- the journal, read independently of the app ---------------------------------------------

    def sessions(self) -> list[SessionRecord]:
        """Every recorded session, newest first, through a new connection."""
        with Journal(self.db) as journal:
            return journal.sessions()

    def steps(self, session_id: str) -> list[StepRecord]:
        """The recorded steps of one session, through a new connection."""
        with Journal(self.db) as journal:
            return journal.steps(session_id)

    def meta(self, key: str) -> str | None:
        """A stored app-state value, through a new connection."""
        with Journal(self.db) as journal:
            return journal.get_meta(key)

    # -- waiting for the app --------------------------------------------------------------------

    async def until(
        self, pilot: Pilot[Any], predicate: Callable[[], bool], what: str, timeout: float = 5.0
    ) -> None:
        """Let the app run until ``predicate()`` holds; fail saying ``what`` did not happen."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for: {what} (screen: {self.app.screen})")
            await pilot.pause(0.02)

    async def screen(self, pilot: Pilot[Any], kind: type[ScreenT]) -> ScreenT:
        """Wait until ``kind`` is the active screen and return it (home: with its figures
        read, and the routines loaded)."""
        await self.until(
            pilot, lambda: isinstance(self.app.screen, kind), f"{kind.__name__} on top"
        )
        screen = self.app.screen
        assert isinstance(screen, kind)
        if isinstance(screen, HomeScreen):
            await self.home_settled(pilot)
        if isinstance(screen, HistoryScreen):
            await self.history_settled(pilot, screen)
        return screen

    async def history_settled(self, pilot: Pilot[Any], screen: HistoryScreen) -> None:
        """Wait until history shows what it read (its reads run in a thread)."""
        await pilot.pause()
        await self.until(
            pilot, lambda: not screen.reading and screen.data is not None, "history's figures"
        )

    async def home_settled(self, pilot: Pilot[Any]) -> None:
        """Wait until home shows what the journal holds now (its reads run in a thread)."""

        def settled() -> bool:
            home = next((s for s in self.app.screen_stack if isinstance(s, HomeScreen)), None)
            return home is not None and not home.reading and home.figures is not None

        await pilot.pause()
        await self.until(pilot, settled, "home's figures")

    def session_screen(self) -> SessionScreen | None:
        """The session screen, wherever it is in the stack."""
        for screen in self.app.screen_stack:
            if isinstance(screen, SessionScreen):
                return screen
        return None

    def session(self) -> Session:
        """The running session (fails when no session screen is open)."""
        screen = self.session_screen()
        assert screen is not None, f"no session screen; on top: {self.app.screen}"
        return screen.session

    def _caught_up(self) -> bool:
        screen = self.session_screen()
        if screen is None or screen.session.state is not SessionState.RUNNING:
            return True
        session = screen.session
        deadline = session.deadline
        if deadline is None or deadline <= self.clock.now():
            return False  # the timer has not asked the session to catch up yet
        # ... and has redrawn the numbers since the clock moved.
        left = screen.query_one("#time-left", Static).content
        return (
            screen.query_one(BigCountdown).value == countdown_text(session.remaining_s)
            and left == f"{clock_text(session.time_left_s)} left"
        )

    async def advance(self, pilot: Pilot[Any], seconds: float) -> None:
        """Move the fake clock on and wait until the session screen's timer has caught up."""
        self.clock.advance(seconds)
        await self.until(pilot, self._caught_up, f"the session to catch up {seconds} s")

    async def advance_in_steps(self, pilot: Pilot[Any], total: float, chunk: float) -> None:
        """Move the clock ``total`` seconds on in ``chunk``-second moves, letting ticks run."""
        moved = 0.0
        while moved < total:
            step = min(chunk, total - moved)
            await self.advance(pilot, step)
            moved += step


MakeCoach = Callable[..., Coach]
"""``make_coach(settings=..., library=..., welcome_seen=..., red_flags_acknowledged=...,
sessions=...)``: see the fixture in conftest.py."""


# -- hand-made history ---------------------------------------------------------------------------


def hand_session(
    number: int,
    days_ago: int,
    *,
    routine_id: str = "daily-core",
    title: str = "Daily core (five minutes)",
    purpose: str = "daily",
    status: str = "completed",
    dose: float = 1.0,
    pain: tuple[int | None, int | None] = (None, None),
    note: str | None = None,
    side: str | None = None,
    hour: int = 7,
) -> tuple[SessionRecord, list[StepRecord]]:
    """A session ``days_ago`` days before ``NOW`` with a few hold steps, as if recorded."""
    started = (NOW - timedelta(days=days_ago)).replace(hour=hour, minute=15)
    flare = purpose == "flare"
    work_planned = 144 if not flare else 400
    reps_planned = 18 if not flare else 6
    work_done = round(work_planned * dose, 3)
    reps_done = round(reps_planned * dose)
    planned = 283 if not flare else 585
    steps: list[StepRecord] = []
    for index in range(3):
        done = 8.0 if status == "completed" or index < 2 else 3.0
        steps.append(
            StepRecord(
                seq=index,
                step_index=2 * index + 1,
                kind="hold",
                exercise="curl-up",
                side=None,
                set_no=1,
                rep=index + 1,
                planned_s=8.0,
                done_s=done,
                work=True,
                counts_rep=True,
                outcome="completed" if done == 8.0 else "ended",
                ended_at=(started + timedelta(seconds=20 * (index + 1))).isoformat(),
            )
        )
    record = SessionRecord(
        id=f"hand{number:04d}",
        routine_id=routine_id,
        routine_title=title,
        purpose=purpose,
        fingerprint="hand-made",
        side=side,
        speed=1.0,
        started_at=started.isoformat(timespec="seconds"),
        ended_at=(started + timedelta(seconds=planned)).isoformat(timespec="seconds"),
        status=status,  # type: ignore[arg-type]
        pain_before=pain[0],
        pain_after=pain[1],
        note=note,
        flare=flare,
        planned_s=planned,
        work_planned_s=work_planned,
        reps_planned=reps_planned,
        work_done_s=work_done,
        reps_done=reps_done,
        active_s=float(planned) * dose,
    )
    return record, steps


def three_weeks() -> list[tuple[SessionRecord, list[StepRecord]]]:
    """About three weeks of sessions up to yesterday: mostly done, a flare, an early end."""
    sessions = []
    pains = [6, 6, 5, None, 5, 5, 4, 4, 4, 3, 3, 4, 3, 2, 3, 2, 2, 2]
    missed = {17, 12, 5}
    number = 0
    pain_iter = iter(pains)
    for days_ago in range(21, 0, -1):
        if days_ago in missed:
            continue
        before = next(pain_iter, 2)
        after = None if before is None else max(0, before - 2)
        number += 1
        if days_ago == 15:
            sessions.append(
                hand_session(
                    number,
                    days_ago,
                    routine_id="flare-up",
                    title="Flare-up",
                    purpose="flare",
                    pain=(7, 4),
                    side="left",
                    note="spasm after lifting",
                )
            )
        elif days_ago == 9:
            sessions.append(
                hand_session(number, days_ago, status="ended_early", dose=0.4, pain=(before, after))
            )
        else:
            note = "felt good" if days_ago == 2 else None
            sessions.append(hand_session(number, days_ago, pain=(before, after), note=note))
    return sessions
