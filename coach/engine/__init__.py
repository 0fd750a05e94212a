"""The session engine: routines compiled into plans, plans run on an injected clock.

Pure Python: no Textual, no SQLite, no sleeping. Consumers subscribe to events. Names are
imported on first use (PEP 562): ``coach.engine.clock`` alone must not load the routine models.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_MODULES = {
    "clock": ("Clock", "FakeClock", "MonotonicClock", "ScaledClock"),
    "plan": ("LABELS", "Plan", "Side", "Step", "StepKind", "build_plan", "other_side"),
    "session": (
        "Event",
        "Paused",
        "Resumed",
        "Session",
        "SessionEnded",
        "SessionStarted",
        "SessionState",
        "StepEnded",
        "StepStarted",
        "Summary",
    ),
}
_LAZY = {name: module for module, names in _MODULES.items() for name in names}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"coach.engine.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'coach.engine' has no attribute {name!r}")
