"""The timed walk: its plan (out, turn back at half time, back), its voice, and its log entry."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from pydantic import ValidationError

from coach.engine.clock import FakeClock
from coach.engine.plan import build_plan
from coach.engine.session import Session, Summary
from coach.journal.logbook import entries
from coach.journal.recorder import Recorder, walk_entry
from coach.journal.records import Journal, SessionRecord
from coach.routine import load_default_library
from coach.routine.load import load_library
from coach.routine.model import WalkExercise
from coach.voice.script import PROFILES, VoiceOptions, cues_for_step

ROOT = Path(__file__).resolve().parents[2]
START = datetime(2026, 3, 2, 18, 0, tzinfo=timezone(timedelta(hours=1)))


def test_the_walk_routine_is_out_and_back_with_the_turn_back_cue_at_half_time() -> None:
    library = load_default_library()
    assert not library.problems
    plan = build_plan(library.routines["walk"])
    assert plan.purpose == "walk"
    assert [step.kind for step in plan.steps] == ["prepare", "walk", "walk"]
    prepare, out, back = plan.steps
    assert out.seconds == back.seconds == 600
    assert plan.work_s == 20 * 60  # total walking = the minutes of the dose
    assert plan.total_s == prepare.seconds + 20 * 60
    assert plan.reps == 0
    assert (out.milestone, back.milestone) == ("start", "halfway")
    assert back.cue.startswith("Half time: turn back now.")
    assert back.moment_spoken == "Half time. Turn back now"
    assert prepare.safety  # stop if pain spreads down a leg


def test_a_routine_may_set_the_minutes_and_an_odd_half_rounds_down(tmp_path: Path) -> None:
    (tmp_path / "short-walk.toml").write_text(
        'title = "Short walk"\npurpose = "walk"\nsummary = "Seven minutes."\nprepare_s = 0\n'
        '[[exercises]]\nuse = "walk"\nminutes = 7\n',
        encoding="utf-8",
    )
    library = load_library(ROOT / "routines", tmp_path)
    assert not library.problems
    plan = build_plan(library.routines["short-walk"])
    assert [(step.kind, step.seconds) for step in plan.steps] == [("walk", 210), ("walk", 210)]
    assert plan.total_s == 7 * 60


def test_minutes_out_of_range_and_sides_are_refused(tmp_path: Path) -> None:
    (tmp_path / "long-walk.toml").write_text(
        'title = "Long"\npurpose = "walk"\nsummary = "Too long."\n'
        '[[exercises]]\nuse = "walk"\nminutes = 91\n',
        encoding="utf-8",
    )
    (problem,) = load_library(ROOT / "routines", tmp_path).problems
    assert (problem.line, problem.key) == (6, "exercises[1].minutes")
    assert "expected at most 90" in problem.message
    data = {
        "id": "w",
        "name": "W",
        "spoken_name": "W",
        "kind": "walk",
        "sides": "both",
        "setup": {"text": "x", "spoken": "x"},
        "cues": [{"text": "x", "spoken": "x"}],
        "dose": {"minutes": 10},
    }
    with pytest.raises(ValidationError, match="a walk has no sides"):
        WalkExercise.model_validate(data)


def test_the_voice_says_turn_back_at_half_time_even_when_quiet() -> None:
    plan = build_plan(load_default_library().routines["walk"])
    quiet = VoiceOptions(PROFILES["quiet"], "silent")
    back = plan.steps[2]
    (cue,) = cues_for_step(back, quiet, at=610.0)
    assert (cue.kind, cue.text) == ("halfway", "Half time. Turn back now")
    assert cues_for_step(back, VoiceOptions(frozenset(), "silent"), at=610.0) == []


def _walk_record(**changes: object) -> SessionRecord:
    values: dict[str, object] = {
        "id": "ab" * 16,
        "routine_id": "walk",
        "routine_title": "Timed walk",
        "purpose": "walk",
        "fingerprint": "",
        "side": None,
        "speed": 1.0,
        "started_at": "2026-03-02T18:00:00+01:00",
        "ended_at": "2026-03-02T18:20:10+01:00",
        "status": "completed",
        "pain_before": None,
        "pain_after": None,
        "note": None,
        "flare": False,
        "planned_s": 1210,
        "work_planned_s": 1200,
        "reps_planned": 0,
        "work_done_s": 1200.0,
        "reps_done": 0,
        "active_s": 1210.0,
    }
    values.update(changes)
    return SessionRecord(**values)  # type: ignore[arg-type]


def _summary(outcome: str = "completed", work_done_s: float = 1200.0) -> Summary:
    return Summary(outcome, 1210.0, work_done_s, 1200, 0, 0, 3, 3)  # type: ignore[arg-type]


def test_a_completed_timed_walk_lands_in_the_walking_log_once(tmp_path: Path) -> None:
    write = walk_entry(_walk_record(), _summary())
    assert write is not None
    with Journal(tmp_path / "coach.db") as journal:
        journal.write(*write)
        journal.write(*write)  # the same session again: still one entry
        (entry,) = entries(journal, ("walk",))
    assert (entry.kind, entry.day, entry.minutes, entry.id) == ("walk", "2026-03-02", 20, "ab" * 16)


@pytest.mark.parametrize(
    ("record", "summary"),
    [
        (_walk_record(speed=30.0), _summary()),  # a preview
        (_walk_record(), _summary("ended_early", 300.0)),
        (_walk_record(), _summary("completed", 100.0)),  # skipped through
        (_walk_record(purpose="daily", routine_id="daily-core"), _summary()),
    ],
    ids=["preview", "ended-early", "skipped-through", "not-a-walk"],
)
def test_no_log_entry_for_a_preview_an_unfinished_walk_or_another_routine(
    record: SessionRecord, summary: Summary
) -> None:
    assert walk_entry(record, summary) is None


def test_the_recorder_logs_a_timed_walk_run_to_its_end(tmp_path: Path) -> None:
    plan = build_plan(load_default_library().routines["walk"])
    clock = FakeClock()
    session = Session(plan, clock)
    with Journal(tmp_path / "coach.db") as journal:
        recorder = Recorder(journal, plan, now=lambda: START + timedelta(seconds=clock.now()))
        session.subscribe(recorder)
        session.start()
        clock.advance(plan.total_s + 1)
        session.update()
        assert recorder.finish() == []
        (entry,) = entries(journal, ("walk",))
    assert (entry.day, entry.minutes, entry.id) == ("2026-03-02", 20, recorder.session_id)


def test_a_completed_timed_walk_says_it_counts_as_a_walk_day_not_a_session() -> None:
    from coach.flow.summary import _counts

    assert _counts("completed", False, False, "walk") == (
        "A timed walk: it counts as a walk day, not as a session."
    )
    assert _counts("completed", False, False, "daily") == "Counts for your week."
