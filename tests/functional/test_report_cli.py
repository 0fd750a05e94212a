"""``coach report`` end to end: Markdown by default, HTML with --format html, -o FILE."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cli_support import run_coach

from coach.journal import Journal
from coach.journal.logbook import LevelChange, add_level_change, new_id

NOTE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A journal with one session an hour ago, noted, and the red flags checked."""
    home = tmp_path / "home"
    home.mkdir()
    with Journal(home / "coach.db") as journal:
        started = datetime.now().astimezone() - timedelta(hours=1)
        session_id = journal.start_session(
            routine_id="daily-core", routine_title="Daily core", purpose="core",
            fingerprint="f", side=None, speed=1.0, planned_s=60, work_planned_s=30,
            reps_planned=3, pain_before=5, flare=False, started_at=started,
        )  # fmt: skip
        journal.finish_session(
            session_id, status="completed", ended_at=started, work_done_s=30.0, reps_done=3,
            active_s=60.0,
        )  # fmt: skip
        journal.set_pain_after(session_id, 3)
        journal.set_note(session_id, NOTE)
        journal.set_meta("red_flags_acknowledged_at", "2026-03-14T19:05:00+01:00")
    return home


def test_markdown_by_default(home: Path) -> None:
    done = run_coach("report", home=home)
    assert (done.returncode, done.stderr) == (0, "")
    assert "## At a glance" in done.stdout and "## Weeks" in done.stdout
    assert "Red flags last checked Sat 14 Mar 2026: none applied." in done.stdout
    flowing = " ".join(done.stdout.split())  # the weeks' lines are wrapped at 80 columns
    assert NOTE not in flowing and "&lt;img src=x onerror=alert(1)&gt;" in flowing
    assert "## All sessions" not in done.stdout


def test_html_to_a_file(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    done = run_coach("report", "--format", "html", "--sessions", "-o", str(out), home=home)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    html = out.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "All sessions" in html


def test_walking_and_outcomes_in_the_words_of_coach_stats(home: Path) -> None:
    assert run_coach("log", "walk", "20", home=home).returncode == 0
    assert run_coach("log", "pain", "4", home=home).returncode == 0
    stats = run_coach("stats", home=home).stdout.splitlines()
    done = run_coach("report", home=home)
    assert (done.returncode, done.stderr) == (0, "")
    flowing = " ".join(done.stdout.split())
    for label in ("Walking:", "Change:", "PEG:"):
        (line,) = [" ".join(s.split()) for s in stats if s.strip().startswith(label)]
        assert line in flowing, line
    assert "Walk days: 1, 20 min in all." in flowing


def test_a_broken_routine_file_does_not_fail_the_report(home: Path) -> None:
    with Journal(home / "coach.db") as journal:
        add_level_change(
            journal,
            LevelChange(
                new_id(), "my-core", 3, "set", "chosen: 3-2-1", "2026-03-14T19:00:00+01:00"
            ),
        )
    routines = home / "routines"
    routines.mkdir()
    (routines / "my-core.toml").write_text('title = "My core"\n[[exercises\n', "utf-8")
    done = run_coach("report", "--since", "2026-03-01", home=home)
    assert (done.returncode, done.stderr) == (0, "")
    flowing = " ".join(done.stdout.split())
    assert "levels are shown as recorded in the journal" in flowing
    assert "my-core: level 3; 14 Mar 2026: level 3 (set), chosen: 3-2-1" in flowing
    # Only routines done in the period or with a level change: not every ladder there is.
    assert "Daily core (five minutes): level 1 of 4" in flowing and "McGill" not in flowing
