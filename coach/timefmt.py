"""How durations are written for people: ``4:05`` on a clock face, ``4 min 5 s`` in a sentence."""

from __future__ import annotations

import math

__all__ = ["clock", "spoken", "words"]


def clock(seconds: float) -> str:
    """``245`` -> ``4:05``; an hour or more -> ``1:02:03``. Rounds up, as countdowns do."""
    total = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def words(seconds: float) -> str:
    """``245`` -> ``4 min 5 s``; ``40`` -> ``40 s``; ``300`` -> ``5 min``."""
    total = max(0, round(seconds))
    minutes, secs = divmod(total, 60)
    if not minutes:
        return f"{secs} s"
    return f"{minutes} min {secs} s" if secs else f"{minutes} min"


def spoken(seconds: float) -> str:
    """``245`` -> ``4 minutes 5 seconds``, ``60`` -> ``1 minute``: units spelled out to speak."""
    total = max(0, round(seconds))
    minutes, secs = divmod(total, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if secs or not minutes:
        parts.append(f"{secs} second{'s' if secs != 1 else ''}")
    return " ".join(parts)
