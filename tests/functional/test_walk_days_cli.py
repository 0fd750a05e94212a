"""``coach stats`` shows walk days and active days; ``coach import`` counts the other rows.

The real command runs with its own clock, so days are "today" and "yesterday" as it sees them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run_coach

from coach.journal import Journal, SessionRecord


def timed_walk(session_id: str, started_at: str) -> SessionRecord:
    return SessionRecord(
        id=session_id, routine_id="walk", routine_title="Timed walk", purpose="walk",
        fingerprint="f", side=None, speed=1.0, started_at=started_at, ended_at=started_at,
        status="completed", pain_before=None, pain_after=None, note=None, flare=False,
        planned_s=1210, work_planned_s=1200, reps_planned=0, work_done_s=1200.0, reps_done=0,
        active_s=1210.0,
    )  # fmt: skip


def test_history_still_lists_a_timed_walk_that_does_not_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("COACH_HOME", str(home))
    with Journal() as journal:
        journal.import_sessions([timed_walk("tw1", "2026-03-02T18:00:00+01:00")], {})
    result = run_coach("history", "--since", "2026-03-01", "--json", home=home)
    assert result.returncode == 0, result.stderr
    (listed,) = json.loads(result.stdout)
    assert (listed["id"], listed["end"], listed["counts"]) == ("tw1", "completed", False)
    assert "Timed walk" in run_coach("history", "--since", "2026-03-01", home=home).stdout


def test_a_walk_today_shows_as_walked_with_the_active_days(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run_coach("log", "walk", "20", home=home).returncode == 0
    result = run_coach("stats", "--json", home=home)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["statuses"][data["today"]] == "walked"
    assert data["window_active"] == {"done": 0, "planned": 0, "share": None}
    assert data["this_week_active"] == {"done": 0, "planned": 0, "share": None}
    assert {"window", "this_week", "current_streak", "walking"} <= data.keys()
    text = run_coach("stats", home=home).stdout
    active = "  Active:     0 of 0 planned days (n/a) with a session or a walk; this week 0 of 0\n"
    assert active in text


def entry(entry_id: str, kind: str, **values: int) -> dict[str, object]:
    fields = ("minutes", "pain", "leg", "enjoyment", "activity", "morning")
    return {
        "id": entry_id, "kind": kind, "day": "2026-03-02",
        "logged_at": "2026-03-02T18:00:00+01:00", **dict.fromkeys(fields), **values,
    }  # fmt: skip


def test_the_import_line_counts_log_entries_added_and_already_there(tmp_path: Path) -> None:
    home = tmp_path / "home"
    entries = [entry("w1", "walk", minutes=20), entry("p1", "pain", pain=3)]
    data = {"format": "coach-journal", "version": 3, "sessions": [], "log_entries": entries}
    export = tmp_path / "export.json"
    export.write_text(json.dumps(data), encoding="utf-8")
    first = run_coach("import", str(export), home=home)
    assert first.stdout == (
        "Imported 0 new sessions (0 already in the journal), and 2 new log entries, level"
        " changes or cards shown (0 already in the journal).\n"
    ), first.stderr
    entries.append(entry("w2", "walk", minutes=5))
    export.write_text(json.dumps(data), encoding="utf-8")
    again = run_coach("import", str(export), home=home)
    assert again.stdout == (
        "Imported 0 new sessions (0 already in the journal), and 1 new log entry, level"
        " change or card shown (2 already in the journal).\n"
    ), again.stderr


def test_the_timed_walk_says_turn_back_once_at_half_time(tmp_path: Path) -> None:
    result = run_coach("start", "walk", "--plain", "--speed", "300", "--no-voice", home=tmp_path)
    assert result.returncode == 0, result.stderr
    said = result.stdout
    assert "Half time: turn back now." in said
    assert said.count("Halfway through") == 1  # the walk's halfway is the session's
