"""The real ``coach`` command in a real terminal (tmux), through a whole session, as a person.

A fresh home, so the first-run welcome appears; then the pain check (amber, so the easier
variants are offered), the session (at a preview speed so it takes seconds), pain after, a note,
the summary, and quitting from home.
Afterwards the journal must hold exactly that session.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.engine.plan import build_plan
from coach.routine import load_default_library
from coach.settings import VoiceSettings
from coach.voice.script import cues_for_step, voice_options

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
    tmux.wait_for("Pain 5 of 10 (amber)")  # the easier variants are the default
    tmux.keys("Enter")
    screen = tmux.wait_for("Curl-up")
    assert "preview" in screen
    tmux.wait_for("after the session", timeout=60)
    tmux.keys("3", "Enter")
    tmux.wait_for("A note for your log")
    tmux.keys("-l", "tmux [ok]")
    tmux.wait_for("tmux [ok]")  # as a person sees what they typed before Enter
    tmux.keys("Enter")
    summary = tmux.wait_for("Completed (a preview: never counted).")
    assert "Relief of 2 points (5 → 3)." in summary
    assert "Well done" not in summary
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


FAKE_ESPEAK = """#!/bin/sh
# Logs when it starts and ends; "speaks" for about as long as espeak-ng would (14 chars/s).
for last; do :; done
start=$(date +%s.%N)
seconds=$(echo "$last" | awk '{ printf "%.2f", length($0) / 14 + 0.3 }')
sleep "$seconds"
echo "$start $(date +%s.%N) $last" >> "$COACH_SAID"
"""


def test_voice_in_a_real_terminal_never_overlaps(tmux: Tmux, tmp_path: Path) -> None:
    """The real app at real speed: the first set of curl-ups is announced in order, one at a
    time, while the countdown keeps moving; ending early says so."""
    home, folder, log = tmp_path / "home", tmp_path / "bin", tmp_path / "said.log"
    folder.mkdir()
    espeak = folder / "espeak-ng"
    espeak.write_text(FAKE_ESPEAK)
    espeak.chmod(0o755)
    command = (
        f"env -u COACH_VOICE COACH_HOME={home} COACH_SAID={log} PATH={folder}:/usr/bin:/bin "
        f"TERM=xterm-256color {COACH} start daily-core --voice"
    )
    tmux.run("new-session", "-d", "-s", "coach", "-x", "80", "-y", "24", command)
    tmux.wait_for("Welcome to coach")
    tmux.keys("Enter")
    tmux.wait_for("before you start")
    tmux.keys("Enter")
    tmux.wait_for("voice on")
    countdowns = set()
    deadline = time.monotonic() + 23  # get ready 10 s, hold 8 s, rest 3 s, into the next hold
    while time.monotonic() < deadline:
        countdowns.add(tmux.screen())
        time.sleep(0.5)
    tmux.keys("Escape")
    tmux.wait_for("End the session now?")
    tmux.keys("Enter")
    tmux.wait_for("after the session")
    time.sleep(3)
    tmux.keys("Escape")

    rows = [line.split(" ", 2) for line in log.read_text().splitlines()]
    spoken = [(float(start), float(end), text) for start, end, text in rows]
    # The words of the script for the first four steps (get ready, hold, rest, hold).
    plan = build_plan(load_default_library().routines["daily-core"])
    options = voice_options(VoiceSettings(), plan)
    first = [
        cue.text
        for step in plan.steps[:4]
        for cue in cues_for_step(step, options, 0.0)
        if cue.tone is None
    ]
    assert [text for _, _, text in spoken] == [*first, spoken[-1][2]]
    assert spoken[-1][2].startswith("Session ended. ")
    for (_, end, _), (start, _, _) in itertools.pairwise(spoken):
        assert start >= end - 0.05, "two announcements overlapped"
    # The hold began 10 s after the first words, as the plan says (within a tick).
    assert 9.5 <= spoken[1][0] - spoken[0][0] <= 10.6
    # The screen kept changing while the voice spoke: ~40 distinct looks in 23 s.
    assert len(countdowns) >= 30
