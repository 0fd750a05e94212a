"""Bounds that more than one part of coach must agree on.

A routine file is refused when its plan would run longer than ``MAX_ROUTINE_S``; an import is
refused when a session claims more than a recorded session could hold. Both read the numbers
here, so a routine coach accepts always gives sessions its own import accepts.
"""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = [
    "EARLIEST_SESSION",
    "MAX_CONFIG_BYTES",
    "MAX_ROUTINE_S",
    "MAX_SESSION_WALL_S",
    "MAX_SPEED",
    "MIN_SPEED",
]

MAX_ROUTINE_S = 2 * 60 * 60
"""The longest plan a routine may have at speed 1 (the longest built-in is about 11 minutes)."""

MAX_SESSION_WALL_S = 2 * 24 * 60 * 60
"""From start to end, pauses included: a session left paused overnight still ends within this."""

EARLIEST_SESSION = datetime(2000, 1, 1, tzinfo=UTC)
"""No session of coach can start before this; a year 1 or 1970 date is a broken file."""

MIN_SPEED = 0.1
MAX_SPEED = 1000.0
"""The range of ``--speed`` (previews only); outside it a session cannot be timed sensibly."""

MAX_CONFIG_BYTES = 256 * 1024
"""A settings file is a few hundred bytes; anything near this is not one."""
