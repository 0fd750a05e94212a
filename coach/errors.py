"""Exceptions that end a command with a one-line message (kept light: the CLI imports them)."""

from __future__ import annotations

__all__ = ["SettingsError"]


class SettingsError(Exception):
    """The settings file cannot be read or written; the message says why."""
