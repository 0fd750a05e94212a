"""Fixtures of the Textual tests: ``home`` and ``make_coach`` (see ``tui_support``)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pytest
from tui_support import NOW, Coach, MakeCoach, RecordingOutput

from coach.engine.clock import FakeClock
from coach.flow.context import Keys
from coach.journal import Journal
from coach.journal.records import SessionRecord, StepRecord
from coach.routine import Library, load_default_library
from coach.settings import Settings
from coach.tui.app import Services, create_app


@pytest.fixture
def home() -> Path:
    """The coach home the autouse fixture of tests/conftest.py made for this test."""
    return Path(os.environ["COACH_HOME"])


@pytest.fixture
def make_coach(home: Path) -> MakeCoach:
    """A factory: prepare the journal, then build the app as the command line does."""

    def make(
        *,
        settings: Settings | None = None,
        library: Library | None = None,
        welcome_seen: bool = True,
        red_flags_acknowledged: bool = False,
        sessions: Iterable[tuple[SessionRecord, list[StepRecord]]] = (),
        start_routine: str | None = None,
        start_flare: bool = False,
        side: str | None = None,
        pain_before: int | None = None,
        pain_after: int | None = None,
        speed: float = 1.0,
    ) -> Coach:
        path = home / "coach.db"
        with Journal(path) as journal:
            if welcome_seen:
                journal.set_meta(Keys.WELCOME, "2026-11-01T08:00:00+01:00")
            if red_flags_acknowledged:
                journal.set_meta(Keys.RED_FLAGS_PASSED, "2026-11-01T08:00:00+01:00")
            records = list(sessions)
            if records:
                journal.import_sessions(
                    [record for record, _ in records],
                    {record.id: steps for record, steps in records},
                )
        clock = FakeClock()
        voice = RecordingOutput()
        services = Services(
            library=library if library is not None else load_default_library(),
            settings=settings if settings is not None else Settings(),
            journal_path=path,
            clock_factory=lambda speed: clock,
            now=lambda: NOW,
            settings_path=home / "config.toml",
            voice_output=lambda: voice,
            speed=speed,
        )
        app = create_app(
            start_routine,
            flare=start_flare,
            side=side,  # type: ignore[arg-type]
            pain_before=pain_before,
            pain_after=pain_after,
            services=services,
        )
        return Coach(home, clock, services, app, voice)

    return make
