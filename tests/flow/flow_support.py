"""A scripted front end for the session flow: answers from a script, sessions on a fake clock.

The flow's rules are tested once, here, through the same question protocol the app and the
plain runner answer; the front ends are tested only for how they ask and show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from coach.engine.clock import FakeClock
from coach.flow.context import FlowContext, FlowRequest, FlowResult, Keys
from coach.flow.control import SessionControl
from coach.flow.driver import drive
from coach.flow.questions import (
    AskNote,
    AskPain,
    AskRedFlags,
    AskSide,
    Choose,
    Question,
    RunSession,
    SessionRun,
    ShowSummary,
    Tell,
)
from coach.flow.session_flow import session_flow
from coach.journal import Journal
from coach.routine import Library

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=CET)

SessionScript = Callable[[SessionControl, FakeClock], None]
"""What happens during a session: presses keys on the control, advances the clock."""


def run_to_end(control: SessionControl, clock: FakeClock) -> None:
    """Start the session and let it run to its end."""
    session = control.session
    session.start()
    clock.advance(session.plan.total_s + 1)
    session.update()


def skip_through(control: SessionControl, clock: FakeClock) -> None:
    """Press n through every step straight away."""
    session = control.session
    session.start()
    while not session.is_over:
        clock.advance(0.5)
        session.next()


@dataclass
class Script:
    """Answers by question type, in order; what was asked is kept in ``asked``."""

    red_flags: list[str] = field(default_factory=list)
    sides: list[str | None] = field(default_factory=list)
    pains: list[int | None] = field(default_factory=list)
    notes: list[str | None] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)
    sessions: list[SessionScript] = field(default_factory=list)
    asked: list[Question[Any]] = field(default_factory=list)
    runs: list[SessionControl] = field(default_factory=list)
    clock: FakeClock = field(default_factory=FakeClock)

    def __call__(self, question: Question[Any]) -> object:
        self.asked.append(question)
        if isinstance(question, (Tell, ShowSummary)):
            return None
        if isinstance(question, RunSession):
            self.runs.append(question.control)
            script = self.sessions.pop(0) if self.sessions else run_to_end
            script(question.control, self.clock)
            return SessionRun(question.session.summary())
        queues: dict[type[Any], list[Any]] = {
            AskRedFlags: self.red_flags,
            AskSide: self.sides,
            AskPain: self.pains,
            AskNote: self.notes,
            Choose: self.choices,
        }
        queue = queues[type(question)]
        assert queue, f"unexpected question: {question!r}"
        return queue.pop(0)

    def of(self, kind: type[Any]) -> list[Any]:
        """The questions of one kind that were asked."""
        return [q for q in self.asked if isinstance(q, kind)]

    def told(self) -> str:
        """Everything shown with Tell, one per line."""
        return "\n".join(q.text for q in self.of(Tell))


@dataclass
class World:
    """A journal on disk, the built-in routines, a fixed now."""

    journal: Journal
    library: Library
    now: datetime = NOW
    red_from: int = 7

    def context(self, script: Script, interactive: bool = True) -> FlowContext:
        return FlowContext(
            self.journal,
            self.library,
            lambda: self.now,
            interactive=interactive,
            red_from=self.red_from,
            clock_factory=lambda speed: script.clock,
            flush_timeout_s=2.0,
        )

    def run(
        self, routine: str, script: Script, interactive: bool = True, **request: Any
    ) -> FlowResult:
        flow_request = FlowRequest(self.library.routines[routine], **request)
        return drive(session_flow(self.context(script, interactive), flow_request), script)

    def mark_checked(self, when: datetime | None = None) -> None:
        """A red-flag check passed at ``when`` (default: now), and the welcome seen."""
        stamp = (when or self.now).isoformat(timespec="seconds")
        self.journal.set_meta(Keys.RED_FLAGS_PASSED, stamp)
        self.journal.set_meta(Keys.WELCOME, stamp)


def open_world(path: Path, library: Library) -> Iterator[World]:
    """A world around a journal file (closed afterwards)."""
    journal = Journal(path)
    journal.open()
    try:
        journal.set_meta(Keys.WELCOME, NOW.isoformat(timespec="seconds"))
        yield World(journal, library)
    finally:
        journal.close()
