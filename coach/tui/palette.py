"""State colours and shapes of the session screen: one table, readable without colour too.

Someone lying on the floor two metres away tells Get ready, Hold and Rest apart at a glance:
each state has its own colour, its own symbol and its own frame (a border style), so the
screen still reads under ``NO_COLOR`` or with colour blindness. Each colour has a text
contrast of at least 4.5:1 (WCAG AA) against the background of the theme it is for; a hold is
amber, never red (red reads as alarm, and a 16-colour terminal maps this amber to yellow).

Plain data and arithmetic only (no Textual import): the numbers are tested on their own, and
the words of each state stay on ``Step.label`` (``coach.engine.plan.LABELS``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "DARK",
    "LIGHT",
    "PAUSED",
    "STATES",
    "Border",
    "StateStyle",
    "contrast_ratio",
    "relative_luminance",
    "state_colour",
    "state_style",
]

Border = Literal["round", "heavy", "dashed", "double", "solid", "ascii"]
"""The Textual border types the states use (plain strings: no Textual import here)."""

PAUSED = "paused"
"""The palette's key for a paused session (not a step kind: any step can be paused)."""


@dataclass(frozen=True)
class StateStyle:
    """How a state looks besides its colour: a symbol beside its word, and its frame."""

    symbol: str
    border: Border
    """A Textual border type; a different line per state, so the frame reads without colour."""


STATES: dict[str, StateStyle] = {
    "prepare": StateStyle("◇", "round"),
    "hold": StateStyle("■", "heavy"),
    "rest": StateStyle("○", "dashed"),
    "switch": StateStyle("⇄", "double"),
    "stretch": StateStyle("↔", "solid"),
    "inhale": StateStyle("▲", "round"),
    "exhale": StateStyle("▼", "round"),
    "breath-hold": StateStyle("●", "round"),
    "walk": StateStyle("»", "solid"),
    PAUSED: StateStyle("‖", "ascii"),
}

DARK: dict[str, str] = {
    "prepare": "#7CB7FF",
    "hold": "#F2C14E",
    "rest": "#7BD88F",
    "switch": "#C9A7FF",
    "stretch": "#5FD7C8",
    "inhale": "#8FD3FF",
    "exhale": "#A9B8FF",
    "breath-hold": "#C8C8C8",
    "walk": "#FFB38A",
    PAUSED: "#B0B0B0",
}
"""State colours on a dark background (``textual-dark``: #121212): light and soft."""

LIGHT: dict[str, str] = {
    "prepare": "#1F56A0",
    "hold": "#7A5200",
    "rest": "#1E6B34",
    "switch": "#6A3FB0",
    "stretch": "#00665C",
    "inhale": "#005A8C",
    "exhale": "#3D4FA8",
    "breath-hold": "#4A4A4A",
    "walk": "#8A4500",
    PAUSED: "#555555",
}
"""State colours on a light background (``textual-light``: #E0E0E0): deep, not bright."""


def state_style(kind: str) -> StateStyle:
    """The symbol and frame of a step kind (or ``PAUSED``); an unknown kind gets Get ready's."""
    return STATES.get(kind, STATES["prepare"])


def state_colour(kind: str, dark: bool) -> str:
    """The colour (``#RRGGBB``) of a step kind (or ``PAUSED``) for a dark or a light theme."""
    palette = DARK if dark else LIGHT
    return palette.get(kind, palette["prepare"])


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#RRGGBB`` (0 black .. 1 white)."""
    digits = colour.lstrip("#")
    if len(digits) != 6:
        raise ValueError(f"expected a colour as #RRGGBB, got {colour!r}")
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two ``#RRGGBB`` colours (1 .. 21; text needs 4.5)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
