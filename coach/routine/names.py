"""Names the routine format shares with the settings, importable without its pydantic models.

The settings are read before the app's first frame; building every routine model there would
slow the start for the sake of two names.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["ID_PATTERN", "SoundProfile"]

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""Ids are lower-case words joined by hyphens: they are file names and command arguments."""

SoundProfile = Literal["full", "quiet", "off"]
"""How much the voice says during a routine (see ``coach.voice.script``)."""
