"""Shared test set-up: every test runs with its own, empty coach home."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def coach_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point ``COACH_HOME`` at a fresh folder so no test reads or writes the real one.

    The folder is made apart from ``tmp_path``, which stays empty for the test's own files.
    """
    home = tmp_path_factory.mktemp("coach-home")
    monkeypatch.setenv("COACH_HOME", str(home))
    # No test speaks through the machine's real voice unless it asks to (fakes still work).
    monkeypatch.setenv("COACH_VOICE", "off")
    return home
