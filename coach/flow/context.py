"""What the session flow runs on, what it was asked for, and what it returns."""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from coach.engine.clock import Clock, MonotonicClock, ScaledClock
from coach.flow.questions import Question, SideAnswer
from coach.journal import Journal
from coach.journal.db import JournalError
from coach.routine import Library, ResolvedRoutine
from coach.safety import LEG_SYMPTOMS_KEY, RED_FLAGS_ACK_KEY

__all__ = [
    "EXIT_NOT_CHECKED",
    "EXIT_STOPPED",
    "Flow",
    "FlowContext",
    "FlowRequest",
    "FlowResult",
    "Keys",
    "clock_for",
    "meta_time",
    "remember",
    "stamp",
]

EXIT_STOPPED = 1
"""The flow stopped before a session (a red flag applies, or the person cancelled)."""
EXIT_NOT_CHECKED = 2
"""A flare routine without a terminal and without ``--red-flags-checked``."""


class Keys:
    """Journal meta keys the flow keeps between sessions."""

    WELCOME = "welcome_seen_at"
    RED_FLAGS_PASSED = RED_FLAGS_ACK_KEY
    RED_FLAGS_ANSWER = "red_flags_answer"
    LEG_SYMPTOMS = LEG_SYMPTOMS_KEY
    GENTLER_NEXT = "gentler_next"


def clock_for(speed: float) -> Clock:
    """Real time at speed 1; a scaled clock for previews (DESIGN.md section 4)."""
    return MonotonicClock() if speed == 1 else ScaledClock(speed)


@dataclass
class FlowContext:
    """What the flow runs on. ``interactive`` is False without a terminal: nothing is asked,
    answers come from the request's flags."""

    journal: Journal
    library: Library
    now: Callable[[], datetime]
    interactive: bool
    red_from: int = 7
    """Pain at or above this is red (the ``pain_threshold`` setting)."""
    clock_factory: Callable[[float], Clock] = clock_for
    on_notice: Callable[[str], None] | None = None
    """Where the recorder's one-line notices go during the session (any thread)."""
    flush_timeout_s: float = 30.0
    """How long the end of a session waits for a busy journal before a recovery file."""
    passed_check: bool = False
    """A red-flag check passed during this flow (even if the journal could not keep it)."""


@dataclass(frozen=True)
class FlowRequest:
    """What was asked for, on the command line or by a key."""

    routine: ResolvedRoutine
    side: SideAnswer | None = None
    speed: float = 1.0
    pain_before: int | None = None
    pain_after: int | None = None
    red_flags_checked: bool = False


@dataclass
class FlowResult:
    """How the flow ended: an exit code, and the sessions it recorded."""

    exit_code: int = 0
    session_ids: list[str] = field(default_factory=list)


Flow = Generator[Question[Any], object, FlowResult]


def meta_time(journal: Journal, key: str) -> datetime | None:
    """A timestamp kept in the journal's meta table (``None``: absent or unreadable)."""
    text = journal.get_meta(key)
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def remember(ctx: FlowContext, key: str, value: str) -> bool:
    """Keep a value between sessions; False (and nothing raised) when the journal can't
    take it now (locked, full): the flow goes on, and at worst asks again next time."""
    try:
        ctx.journal.set_meta_soon(key, value)
    except JournalError:
        return False
    return True


def stamp(ctx: FlowContext) -> str:
    """Now, as stored."""
    return ctx.now().isoformat(timespec="seconds")
