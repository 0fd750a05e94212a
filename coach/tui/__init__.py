"""The Textual interface. Imported only when the app starts (never by the CLI's other commands)."""

from __future__ import annotations

from coach.tui.app import CoachApp, Services, create_app

__all__ = ["CoachApp", "Services", "create_app"]
