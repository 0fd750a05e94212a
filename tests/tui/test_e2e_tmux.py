"""The real ``coach`` command in a real terminal (tmux), through a whole session, as a person.

A fresh home, so the first-run welcome appears; then the pain check, the session (at a
preview speed so it takes seconds), pain after, a note, the summary, and quitting from home.
Afterwards the journal must hold exactly that session.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

COACH = Path(sys.executable).with_name("coach")


class Tmux:
    """One tmux server of our own (its own socket), one 80x24 window."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )
        return result.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "coach")

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "coach", *keys)

    def wait_for(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def alive(self) -> bool:
        return "coach" in self.run("list-sessions", "-F", "#{session_name}")


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    server = Tmux(f"coach-test-{os.getpid()}-{tmp_path.name}")
    yield server
    server.run("kill-server")


def test_a_whole_daily_session_in_a_real_terminal(tmux: Tmux, tmp_path: Path) -> None:
    home = tmp_path / "home"
    command = f"env COACH_HOME={home} TERM=xterm-256color {COACH} start daily-core --speed 60"
    tmux.run("new-session", "-d", "-s", "coach", "-x", "80", "-y", "24", command)

    tmux.wait_for("Welcome to coach")
    tmux.keys("Enter")
    tmux.wait_for("before you start")
    tmux.keys("5", "Enter")
    screen = tmux.wait_for("Curl-up")
    assert "preview" in screen
    tmux.wait_for("after the session", timeout=60)
    tmux.keys("3", "Enter")
    tmux.wait_for("A note for your log")
    tmux.keys("-l", "tmux [ok]")
    tmux.keys("Enter")
    summary = tmux.wait_for("Well done")
    assert "Pain 5 → 3" in summary
    tmux.keys("Enter")
    tmux.wait_for("Daily routine:")
    tmux.keys("q")
    deadline = time.monotonic() + 10
    while tmux.alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not tmux.alive(), "coach did not quit on q"

    history = subprocess.run(
        [sys.executable, "-m", "coach", "history", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "COACH_HOME": str(home)},
        check=True,
    )
    (session,) = json.loads(history.stdout)
    assert session["routine_id"] == "daily-core"
    assert session["status"] == "completed"
    assert (session["pain_before"], session["pain_after"]) == (5, 3)
    assert session["note"] == "tmux [ok]"
    assert session["preview"] is True
    assert session["work_done_s"] == session["work_planned_s"]
