"""``coach progress`` end to end: imported sessions -> an offer; accept -> more reps; a pain
rise -> a step back with its reason (issue 11, "Done when")."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from cli_support import run_coach

from coach.coaching.progression import short_day
from coach.journal import Journal
from coach.journal.export import EXPORT_FORMAT, EXPORT_VERSION
from coach.journal.logbook import LevelChange, add_level_change, new_id

BASE = date.today() - timedelta(days=14)
"""Day 10 of the tests: recent, as progression looks back eight weeks at most."""


def on(day: str, clock: str = "09:00") -> str:
    """Day ``day`` of the tests (10 is ``BASE``) at ``clock``, as stored."""
    return f"{BASE + timedelta(days=int(day) - 10)}T{clock}:00+01:00"


def short(day: str) -> str:
    """How the reasons name day ``day`` (``Tue 10 Mar``)."""
    return short_day(BASE + timedelta(days=int(day) - 10))


def daily(day: str, before: int, after: int, level: int, number: int) -> dict[str, Any]:
    """A completed daily-core session at ``level`` on day ``day``, all reps done."""
    return {
        "id": f"{number:032x}",
        "routine_id": "daily-core",
        "routine_title": "Daily core (five minutes)",
        "purpose": "daily",
        "fingerprint": "feedc0de12345678",
        "side": None,
        "speed": 1.0,
        "started_at": on(day),
        "ended_at": on(day, "09:05"),
        "status": "completed",
        "pain_before": before,
        "pain_after": after,
        "note": None,
        "flare": False,
        "planned_s": 283,
        "work_planned_s": 144,
        "reps_planned": 18,
        "work_done_s": 144.0,
        "reps_done": 18,
        "active_s": 283.0,
        "level": level,
        "steps": [],
        "events": [],
    }


def import_sessions(home: Path, sessions: list[dict[str, Any]]) -> None:
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "coach_version": "test",
        "exported_at": on("20"),
        "sessions": sessions,
    }
    path = home / "sessions.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run_coach("import", str(path), home=home)
    assert result.returncode == 0, result.stderr


def progress(home: Path) -> dict[str, Any]:
    result = run_coach("progress", "--json", home=home)
    assert result.returncode == 0, result.stderr
    states = {state["routine"]: state for state in json.loads(result.stdout)}
    assert set(states) >= {"daily-core", "mcgill-big-3"}
    return states["daily-core"]


def reps_planned(home: Path) -> int:
    result = run_coach("routines", "show", "daily-core", "--json", home=home)
    assert result.returncode == 0, result.stderr
    return int(json.loads(result.stdout)["reps"])


def test_two_tolerated_sessions_offer_and_accepting_adds_reps(tmp_path: Path) -> None:
    import_sessions(tmp_path, [daily("10", 3, 3, 1, 1), daily("12", 3, 4, 1, 2)])
    state = progress(tmp_path)
    assert state["level"] == 1
    assert state["offer"]["to_level"] == 2
    assert f"{short('10')} and {short('12')}" in state["offer"]["reason"]
    history = json.loads(run_coach("history", "--json", home=tmp_path).stdout)
    assert [session["level"] for session in history] == [1, 1]
    before = reps_planned(tmp_path)
    accepted = run_coach("progress", "accept", "daily-core", home=tmp_path)
    assert accepted.returncode == 0, accepted.stderr
    assert "level 2 of 4" in accepted.stdout
    assert reps_planned(tmp_path) == before + 5
    after = progress(tmp_path)
    assert after["level"] == 2 and after["offer"] is None
    assert [change["change"] for change in after["changes"]] == ["up"]
    again = run_coach("progress", "accept", "daily-core", home=tmp_path)
    assert again.returncode == 1 and "no new level is offered" in again.stderr


def test_a_three_point_rise_steps_back_once_with_its_reason(tmp_path: Path) -> None:
    import_sessions(tmp_path, [daily("10", 1, 1, 1, 1)])  # makes the journal
    with Journal(tmp_path / "coach.db") as journal:
        change = LevelChange(new_id(), "daily-core", 3, "set", "chosen", on("11", "08:00"))
        add_level_change(journal, change)
    import_sessions(tmp_path, [daily("12", 2, 5, 3, 2)])
    state = progress(tmp_path)
    assert state["level"] == 2
    reason = (
        "back to curl-up 4-2-1, others 3-1: pain rose from 2 to 5 after the session on "
        + short("12")
    )
    assert state["stepped_back"] == reason
    assert state["changes"][-1]["change"] == "down"
    again = progress(tmp_path)  # recorded once: the change is after its evidence
    assert again["level"] == 2 and again["stepped_back"] is None
    assert [c["change"] for c in again["changes"]] == ["set", "down"]
    listing = run_coach("progress", home=tmp_path)
    assert "pain rose from 2 to 5" in listing.stdout
    history = run_coach("history", home=tmp_path)
    assert "level 2 (down): back to curl-up 4-2-1" in history.stdout


def test_decline_and_set_answer_in_one_line(tmp_path: Path) -> None:
    import_sessions(tmp_path, [daily("10", 3, 3, 1, 1), daily("12", 3, 3, 1, 2)])
    declined = run_coach("progress", "decline", "daily-core", home=tmp_path)
    assert declined.returncode == 0 and "staying at" in declined.stdout
    assert progress(tmp_path)["offer"] is None
    chosen = run_coach("progress", "set", "mcgill-big-3", "4", home=tmp_path)
    assert chosen.returncode == 0 and "level 4 of 6, 6-4-2" in chosen.stdout
    shown = run_coach("routines", "show", "mcgill-big-3", home=tmp_path)
    assert "Level 4 of 6: 6-4-2" in shown.stdout


def test_bad_requests_get_one_line_each(tmp_path: Path) -> None:
    cases = [
        (("progress", "set", "daily-core", "9"), "has levels 1 to 4, not 9"),
        (("progress", "accept", "flare-up"), "has no progression ladder"),
        (("progress", "decline", "nope"), "no routine 'nope'"),
        (("routines", "show", "daily-core", "--level", "0"), "has levels 1 to 4, not 0"),
    ]
    for args, expected in cases:
        result = run_coach(*args, home=tmp_path)
        assert result.returncode == 1, args
        assert expected in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
