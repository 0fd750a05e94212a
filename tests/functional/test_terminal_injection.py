"""Text from the journal never drives the terminal: no escape sequences, one line per record.

A note (typed, or imported from someone else's export) and a routine title can hold control
characters and line breaks; `coach history` and `coach report` must print them inert.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from coach.journal import Journal

NASTY = "clear\x1b[2J\x1b]0;pwned\x07 then\nsecond line\x9b31m\rback"


def coach(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COACH_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    with Journal(home / "coach.db") as journal:
        started = datetime.now(timezone(timedelta(hours=1))) - timedelta(hours=1)
        session_id = journal.start_session(
            routine_id="mine", routine_title=f"Title {NASTY}", purpose="core",
            fingerprint="f", side=None, speed=1.0, planned_s=60, work_planned_s=30,
            reps_planned=3, pain_before=3, flare=False, started_at=started,
        )  # fmt: skip
        journal.set_note(session_id, NASTY)
    return home


def assert_inert(text: str) -> None:
    for control in ("\x1b", "\x07", "\x9b", "\r"):
        assert control not in text, repr(text)


def test_history_prints_a_note_inert_and_on_one_line(home: Path) -> None:
    result = coach("history", home=home)
    assert result.returncode == 0, result.stderr
    assert_inert(result.stdout)
    (line,) = result.stdout.splitlines()
    assert "second line" in line and "pwned" in line


def test_the_report_prints_a_note_inert_and_keeps_its_table(home: Path) -> None:
    result = coach("report", home=home)
    assert result.returncode == 0, result.stderr
    assert_inert(result.stdout)
    rows = [line for line in result.stdout.splitlines() if line.startswith("| 2")]
    assert len(rows) == 1 and rows[0].count(" | ") == 5
    notes = result.stdout.split("## Notes")[1].split("##")[0]
    assert len([line for line in notes.splitlines() if line.startswith("- ")]) == 1
