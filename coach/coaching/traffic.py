"""The traffic light at the start of a session (shared/DOMAIN.md section 4).

Green 0-3: the chosen routine. Amber 4-6: the easier variants, or the flare-up protocol plus a
short walk. Red 7-10: breathing and heat (the flare-up protocol), and the red flags. The safer
choice is always the default. Red starts at the user's ``pain_threshold`` setting (7 unless
changed), never later than 7; amber always starts at 4.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["AMBER_FROM", "RED_FROM_LATEST", "Light", "light_for", "light_text"]

AMBER_FROM = 4
"""The lowest score that is no longer green."""
RED_FROM_LATEST = 7
"""Red starts here at the latest: a setting may make it earlier (safer), never later."""


class Light(StrEnum):
    """Where a pain score falls."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


def light_for(pain: int | None, red_from: int = 7) -> Light | None:
    """The light for a score before a session; ``None`` when no score was given."""
    if pain is None:
        return None
    if pain >= min(red_from, RED_FROM_LATEST):
        return Light.RED
    if pain >= AMBER_FROM:
        return Light.AMBER
    return Light.GREEN


def light_text(light: Light, pain: int) -> str:
    """One line saying what the light suggests (also the whole suggestion without a terminal)."""
    if light is Light.RED:
        return (
            f"Pain {pain} of 10 (red): today, breathing and heat only: slow breathing (or the "
            "flare-up protocol), and wrapped heat for 15-20 minutes, never on numb skin or "
            "while falling asleep."
        )
    if light is Light.AMBER:
        return (
            f"Pain {pain} of 10 (amber): take the easier variants today, or the flare-up "
            "protocol and a short walk."
        )
    return f"Pain {pain} of 10 (green): your routine as planned."
