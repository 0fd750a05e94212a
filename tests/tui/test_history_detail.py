"""A session's detail in history says what was reported during it, literally."""

from __future__ import annotations

from coach.journal.records import EventRecord, SessionRecord
from coach.tui.screens.history import detail_text


def session() -> SessionRecord:
    return SessionRecord(
        id="s1", routine_id="daily-core", routine_title="Daily core", purpose="daily",
        fingerprint="f", side=None, speed=1.0, started_at="2026-11-20T09:00:00+01:00",
        ended_at="2026-11-20T09:05:00+01:00", status="ended_early", pain_before=3,
        pain_after=5, note=None, flare=False, planned_s=283, work_planned_s=144,
        reps_planned=18, work_done_s=20.0, reps_done=2, active_s=80.0,
    )  # fmt: skip


def test_the_events_of_a_session_are_listed_after_its_exercises() -> None:
    events = [
        EventRecord(0, 12.0, "hurts", "curl-up", "sharper or rising pain"),
        EventRecord(1, 12.0, "easier", "curl-up", "Head and shoulders down [/]"),
    ]
    lines = detail_text(session(), [], events).splitlines()
    assert lines[-2:] == [
        "curl-up at 0:12: it hurt (sharper or rising pain)",
        "curl-up at 0:12: easier variant (Head and shoulders down [/])",
    ]


def test_no_events_no_lines() -> None:
    assert "at 0:" not in detail_text(session(), [], [])
