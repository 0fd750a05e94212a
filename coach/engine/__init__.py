"""The session engine: routines compiled into plans, plans run on an injected clock.

Pure Python: no Textual, no SQLite, no sleeping. Consumers subscribe to events.
"""

from __future__ import annotations

from coach.engine.clock import Clock, FakeClock, MonotonicClock, ScaledClock
from coach.engine.plan import LABELS, Plan, Side, Step, StepKind, build_plan, other_side
from coach.engine.session import (
    Event,
    Paused,
    Resumed,
    Session,
    SessionEnded,
    SessionStarted,
    SessionState,
    StepEnded,
    StepStarted,
    Summary,
)

__all__ = [
    "LABELS",
    "Clock",
    "Event",
    "FakeClock",
    "MonotonicClock",
    "Paused",
    "Plan",
    "Resumed",
    "ScaledClock",
    "Session",
    "SessionEnded",
    "SessionStarted",
    "SessionState",
    "Side",
    "Step",
    "StepEnded",
    "StepKind",
    "StepStarted",
    "Summary",
    "build_plan",
    "other_side",
]
