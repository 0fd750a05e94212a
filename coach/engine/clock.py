"""Clocks the session reads time from; the session never sleeps and never counts ticks.

Real use has the monotonic clock, ``--speed N`` a scaled one, and tests a fake one they move by
hand, so a test of a ten-minute routine runs in microseconds and asserts exact numbers.
"""

from __future__ import annotations

import time
from typing import Protocol

__all__ = ["Clock", "FakeClock", "MonotonicClock", "ScaledClock"]


class Clock(Protocol):
    """Anything that says what time it is, in seconds, never going backwards."""

    def now(self) -> float:
        """Seconds on this clock; only differences between readings mean anything."""
        ...


class MonotonicClock:
    """Wall time that no clock change or daylight-saving jump can move."""

    def now(self) -> float:
        """``time.monotonic()``."""
        return time.monotonic()


class ScaledClock:
    """A clock running ``speed`` times faster than ``base`` (previews and tests of the runner)."""

    def __init__(self, speed: float, base: Clock | None = None) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self._base = base or MonotonicClock()
        self._origin = self._base.now()

    def now(self) -> float:
        """Base time since creation, multiplied by ``speed``."""
        return (self._base.now() - self._origin) * self.speed


class FakeClock:
    """A clock that moves only when told to (tests)."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start

    def now(self) -> float:
        """The time last set."""
        return self._now

    def advance(self, seconds: float) -> None:
        """Move time forward; moving it backwards is refused, as no real clock does it."""
        if seconds < 0:
            raise ValueError("a clock does not go backwards")
        self._now += seconds
