"""What every screen runs on, handed to it: the journal, settings, routines, "now" and reads.

DESIGN.md section 1: screens get what they need from one state object and announce changes
with messages or signals; they don't reach into the App. ``CoachState`` is that object. The
app builds it from ``Services`` (what tests inject) and hands it to each screen it opens.

Journal reads a screen shows (home's figures, history) run off the UI thread on a connection
of their own (``Reads``) and are cached until the next write to the journal, from this process
or any other (SQLite's ``data_version``), so home opens at once whatever the journal's size.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.dom import DOMNode
from textual.signal import Signal

from coach.engine.clock import Clock
from coach.journal import Journal, now_local
from coach.settings_first import FirstSettings

if TYPE_CHECKING:
    from coach.journal.stats import TrainingPlan
    from coach.routine import Library
    from coach.routine.problems import Problem
    from coach.settings import Settings
    from coach.voice.channel import Output

__all__ = ["CoachState", "Reads", "Services"]

T = TypeVar("T")


def _load_library() -> Library:
    from coach.routine import load_default_library

    return load_default_library()


def _clock_for(speed: float) -> Clock:
    from coach.flow.context import clock_for

    return clock_for(speed)


@dataclass
class Services:
    """What the app runs on; tests replace the clock and the time of day.

    ``settings`` and ``library`` may be left out (the command line does): they are then
    loaded just after the first frame, off the UI thread (from ``settings_path``, and by
    ``library_loader``), so home appears without waiting for pydantic to validate them;
    the first frame takes its look from ``first`` (``coach.settings_first``).
    """

    settings: Settings | None = None
    first: FirstSettings = field(default_factory=FirstSettings)
    library: Library | None = None
    library_loader: Callable[[], Library] = _load_library
    settings_path: Path | None = None
    settings_problems: list[Problem] = field(default_factory=list)
    journal_path: Path | None = None
    clock_factory: Callable[[float], Clock] = _clock_for
    now: Callable[[], datetime] = now_local
    speed: float = 1.0
    voice_output: Callable[[], Output] | None = None
    """Replaces the system's speech and sound programs (tests pass a recording fake)."""
    voice_enabled: bool | None = None
    """``--voice`` / ``--no-voice`` for this run, over the saved setting (None: the setting)."""


class Reads:
    """Journal reads on a connection of their own, for worker threads, cached until a write.

    One thread at a time uses the connection (a lock); a cached value is returned while the
    journal's change mark is what it was when the value was read. ``latest`` gives the last
    value read whatever has changed since, so a screen can draw at once and then update.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._journal: Journal | None = None
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[tuple[tuple[int, int], Hashable], Any]] = {}

    def read(self, name: str, key: Hashable, read: Callable[[Journal], T]) -> T:
        """``read(journal)``, or the value cached under ``name`` if it was read with the same
        ``key`` (what it depends on besides the journal) and nothing was written since.
        Blocking: call it from a worker thread. ``JournalError`` when it can't be read."""
        with self._lock:
            journal = self._open()
            mark = (journal.change_mark(), key)
            cached = self._cache.get(name)
            if cached is not None and cached[0] == mark:
                value: T = cached[1]
                return value
            value = read(journal)
            # What the read itself recorded (a card shown) must not make the next one stale.
            self._cache[name] = ((journal.change_mark(), key), value)
            return value

    def latest(self, name: str) -> Any | None:
        """The value last read under ``name`` (perhaps stale), or None."""
        cached = self._cache.get(name)
        return None if cached is None else cached[1]

    def _open(self) -> Journal:
        if self._journal is None:
            self._journal = Journal.reader(self._path)
        return self._journal

    def close(self) -> None:
        """Close the connection (the app does, when it ends)."""
        with self._lock:
            if self._journal is not None:
                self._journal.close()
                self._journal = None


class CoachState:
    """The journal, settings, routines and time that screens show, and how they change them.

    Changes are announced with signals: ``settings_changed`` after settings are saved (the app
    applies theme and keys; home redraws), ``journal_changed`` after a session flow or
    anything else wrote to the journal (home and history read again).
    """

    def __init__(self, services: Services, journal: Journal, owner: DOMNode) -> None:
        self.services = services
        self.journal = journal
        self.reads = Reads(journal.path)
        self.settings_changed: Signal[Settings] = Signal(owner, "settings-changed")
        self.journal_changed: Signal[None] = Signal(owner, "journal-changed")
        self.flow_running = False
        """True while a session flow (questions, session, summary) is under way."""
        self.animations_off = False
        """True when Textual's animations are off (TEXTUAL_ANIMATIONS=none); set by the app."""
        self._library_lock = threading.Lock()
        self._settings_lock = threading.Lock()

    # -- settings ------------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """The settings in use (loaded and validated on first use: the app loads them in a
        thread just after the first frame; the problems found wait in ``services``)."""
        with self._settings_lock:
            if self.services.settings is None:
                from coach.settings import load_settings

                loaded = load_settings(self.services.settings_path)
                self.services.settings_path = loaded.path
                self.services.settings_problems = list(loaded.problems)
                self.services.settings = loaded.settings
            return self.services.settings

    @property
    def settings_loaded(self) -> bool:
        """True once the settings are loaded (before, ``first`` gives the app's look)."""
        return self.services.settings is not None

    @property
    def first(self) -> FirstSettings:
        """The look of the app: from the settings once loaded, else from the quick read."""
        settings = self.services.settings
        if settings is None:
            return self.services.first
        return FirstSettings(settings.theme, settings.keys, settings.reduced_motion)

    @property
    def keymap(self) -> dict[str, str]:
        """The person's key remaps (binding id to keys), for showing keys in text."""
        return self.first.keys

    def save_settings(self, settings: Settings) -> None:
        """Save and use new settings (raises SettingsError with a message on failure)."""
        from coach.settings import save_settings

        save_settings(settings, self.services.settings_path, previous=self.settings)
        self.use_settings(settings)

    def use_settings(self, settings: Settings) -> None:
        """Use ``settings`` from now on (not saved) and say so."""
        self.services.settings = settings
        self.settings_changed.publish(settings)

    @property
    def reduced_motion(self) -> bool:
        """True when animation is off (the setting, or TEXTUAL_ANIMATIONS=none)."""
        return self.first.reduced_motion or self.animations_off

    @property
    def training_plan(self) -> TrainingPlan:
        """The weekly goal and rest days from the settings."""
        from coach.journal.stats import TrainingPlan

        return TrainingPlan(self.settings.weekly_goal, frozenset(self.settings.rest_days))

    # -- routines ------------------------------------------------------------------------------

    @property
    def library(self) -> Library:
        """The loaded routines (and the problems of broken files), loaded on first use."""
        with self._library_lock:
            if self.services.library is None:
                self.services.library = self.services.library_loader()
            return self.services.library

    @property
    def library_loaded(self) -> bool:
        """True once the routines are loaded."""
        return self.services.library is not None

    # -- time ----------------------------------------------------------------------------------

    def now(self) -> datetime:
        """The time of day (fixed in tests)."""
        return self.services.now()

    def today(self) -> date:
        """Today's date."""
        return self.now().date()

    def close(self) -> None:
        """Close the read connection (the app's journal is closed by the app)."""
        self.reads.close()
