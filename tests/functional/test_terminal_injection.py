"""Text from the journal never drives the terminal: no escape sequences, one line per record.

A note (typed, or imported from someone else's export) and a routine title can hold control
characters and line breaks; `coach history` and `coach report` must print them inert.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from cli_support import run_coach as coach

from coach.journal import Journal

NASTY = "clear\x1b[2J\x1b]0;pwned\x07 then\nsecond line\x9b31m\rback"


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


def test_the_report_prints_a_note_inert_and_on_one_line(home: Path) -> None:
    result = coach("report", "--sessions", home=home)
    assert result.returncode == 0, result.stderr
    assert_inert(result.stdout)
    weeks = result.stdout.split("## Weeks")[1].split("##")[0]
    notes = " ".join(line.strip() for line in weeks.splitlines())
    assert notes.count("pwned") == 1 and "second line" in notes
    sessions = result.stdout.split("## All sessions")[1]
    assert len([line for line in sessions.splitlines() if line.startswith("- ")]) == 1


ROUTINE = """\
title = "Mine \\u001b[2J\\u001b]0;pwned\\u0007"
purpose = "core"
summary = "A summary \\u009b31m in red?"

[[exercises]]
use = "curl-up"
sets = [1]
hold_s = 8
"""


def test_routine_text_from_a_users_file_is_printed_inert(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "routines").mkdir(parents=True)
    (home / "routines" / "mine.toml").write_text(ROUTINE, encoding="utf-8")
    for args in (("routines", "list"), ("routines", "show", "mine", "--steps")):
        result = coach(*args, home=home)
        assert result.returncode == 0, result.stderr
        assert "mine" in result.stdout
        assert_inert(result.stdout + result.stderr)


def test_a_broken_value_is_named_inert(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(ROUTINE.replace('purpose = "core"', 'purpose = "\\u001b[31mcore"'))
    result = coach("routines", "validate", str(broken), home=tmp_path / "home")
    assert result.returncode == 1
    assert "purpose" in result.stdout + result.stderr
    assert_inert(result.stdout + result.stderr)


def test_doctor_names_a_hostile_file_name_and_value_inert(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "routines").mkdir(parents=True)
    (home / "routines" / "bad\x1b[2Jname.toml").write_text('title = "x"\n', encoding="utf-8")
    # TOML's own escapes put an ESC and a BEL into the value.
    (home / "config.toml").write_text('theme = "\\u001b]0;pwned\\u0007"\n', encoding="utf-8")
    result = coach("doctor", home=home)
    assert result.returncode == 1
    assert_inert(result.stdout + result.stderr)
    assert "bad\\x1b[2Jname.toml" in result.stdout  # escaped: the file can be found
    assert "theme" in result.stdout
