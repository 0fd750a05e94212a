"""The recorder writes a session to a real SQLite journal as it goes, committed step by step.

Every check of what is on disk reads through a second connection to the same file, as a
second coach (or the next start after a crash) would.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from coach.engine.clock import FakeClock
from coach.engine.plan import Plan, Step, StepKind
from coach.engine.session import Session
from coach.journal.recorder import Recorder
from coach.journal.records import EventRecord, Journal, StepRecord, now_local

CET = timezone(timedelta(hours=1))
WALL_START = datetime(2026, 3, 2, 9, 0, 0, tzinfo=CET)


def make_plan(
    *steps: tuple[StepKind, int], routine_id: str = "test", purpose: str = "core"
) -> Plan:
    return Plan(
        routine_id=routine_id,
        title="Test routine",
        purpose=purpose,
        side=None,
        steps=tuple(
            Step(index, kind, "ex", "Ex", seconds, f"cue {index}", f"spoken {index}")
            for index, (kind, seconds) in enumerate(steps)
        ),
        fingerprint="feedc0de12345678",
    )


# prepare 5 | hold 10 | rest 3 | hold 10 | stretch 20: 48 s in all, 40 s of work, 3 reps.
PLAN = make_plan(("prepare", 5), ("hold", 10), ("rest", 3), ("hold", 10), ("stretch", 20))


class Wall:
    """Wall-clock time that moves with the fake clock (pauses included, as real time does)."""

    def __init__(self, clock: FakeClock, start: datetime = WALL_START) -> None:
        self.clock = clock
        self.start = start

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=self.clock.now())


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "coach.db"


@pytest.fixture
def journal(db: Path) -> Iterator[Journal]:
    with Journal(db) as opened:
        yield opened


def read(db: Path, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
    """Rows read through a connection of its own, so only committed data is seen."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(sql, params).fetchall()


def session_row(db: Path) -> sqlite3.Row:
    (row,) = read(db, "SELECT * FROM sessions")
    return row


def step_rows(db: Path) -> list[tuple[Any, ...]]:
    """(seq, step_index, kind, done_s, outcome) of every step row, in order."""
    return [
        tuple(row)
        for row in read(db, "SELECT seq, step_index, kind, done_s, outcome FROM steps ORDER BY seq")
    ]


def recorded(
    journal: Journal, plan: Plan = PLAN, **options: Any
) -> tuple[Session, FakeClock, Recorder]:
    clock = FakeClock()
    session = Session(plan, clock)
    recorder = Recorder(journal, plan, now=Wall(clock), **options)
    session.subscribe(recorder)
    return session, clock, recorder


def advance(session: Session, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    session.update()


# -- as the session goes ---------------------------------------------------------------------------


def test_nothing_is_written_before_the_session_starts(journal: Journal, db: Path) -> None:
    recorded(journal)
    assert read(db, "SELECT * FROM sessions") == []


def test_start_writes_a_running_session_row(journal: Journal, db: Path) -> None:
    session, _, recorder = recorded(journal, pain_before=6)
    session.start()
    row = session_row(db)
    assert row["id"] == recorder.session_id
    assert row["status"] == "running"
    assert row["routine_id"] == "test"
    assert row["routine_title"] == "Test routine"
    assert row["purpose"] == "core"
    assert row["fingerprint"] == "feedc0de12345678"
    assert row["speed"] == 1.0
    assert row["started_at"] == "2026-03-02T09:00:00+01:00"
    assert row["ended_at"] is None
    assert row["pain_before"] == 6
    assert row["pain_after"] is None
    assert row["flare"] == 0
    assert (row["planned_s"], row["work_planned_s"], row["reps_planned"]) == (48, 40, 3)
    assert (row["work_done_s"], row["reps_done"], row["active_s"]) == (0.0, 0, 0.0)
    assert row["pid"] == os.getpid()
    assert row["host"] == socket.gethostname()
    assert read(db, "SELECT * FROM steps") == []


def test_a_flare_routine_is_recorded_as_a_flare(journal: Journal, db: Path) -> None:
    plan = make_plan(("inhale", 4), ("exhale", 6), routine_id="flare-up", purpose="flare")
    session, _, _ = recorded(journal, plan)
    session.start()
    assert session_row(db)["flare"] == 1
    assert session_row(db)["purpose"] == "flare"


def test_each_step_is_committed_as_it_ends(journal: Journal, db: Path) -> None:
    session, clock, _ = recorded(journal)
    session.start()
    advance(session, clock, 4.9)
    assert step_rows(db) == []
    advance(session, clock, 0.1)
    assert step_rows(db) == [(0, 0, "prepare", 5.0, "completed")]
    advance(session, clock, 10)
    assert step_rows(db)[-1] == (1, 1, "hold", 10.0, "completed")
    advance(session, clock, 3)
    assert step_rows(db)[-1] == (2, 2, "rest", 3.0, "completed")
    advance(session, clock, 10)
    assert step_rows(db)[-1] == (3, 3, "hold", 10.0, "completed")
    assert session_row(db)["status"] == "running"
    advance(session, clock, 20)
    assert step_rows(db) == [
        (0, 0, "prepare", 5.0, "completed"),
        (1, 1, "hold", 10.0, "completed"),
        (2, 2, "rest", 3.0, "completed"),
        (3, 3, "hold", 10.0, "completed"),
        (4, 4, "stretch", 20.0, "completed"),
    ]
    row = session_row(db)
    assert row["status"] == "completed"
    assert row["ended_at"] == "2026-03-02T09:00:48+01:00"
    assert (row["work_done_s"], row["reps_done"], row["active_s"]) == (40.0, 3, 48.0)
    assert row["pid"] is None


def test_step_rows_hold_the_plan_details(journal: Journal, db: Path) -> None:
    plan = Plan(
        routine_id="sided",
        title="Sided",
        purpose="stretch",
        side="left",
        steps=(
            Step(0, "stretch", "ql", "QL stretch", 30, "c", "s", side="left", rep=1, reps=2),
            Step(1, "switch", "ql", "QL stretch", 5, "c", "s", side="right"),
            Step(2, "hold", "dog", "Bird dog", 8, "c", "s", side="right", set=2, sets=3, rep=1),
        ),
    )
    session, clock, recorder = recorded(journal, plan)
    session.start()
    for seconds in (30, 5, 8):
        advance(session, clock, seconds)
    assert session_row(db)["side"] == "left"
    assert recorder.session_id is not None
    assert journal.steps(recorder.session_id) == [
        StepRecord(0, 0, "stretch", "ql", "left", None, 1, 30.0, 30.0, True, True, "completed",
                   "2026-03-02T09:00:30+01:00"),
        StepRecord(1, 1, "switch", "ql", "right", None, None, 5.0, 5.0, False, False, "completed",
                   "2026-03-02T09:00:35+01:00"),
        StepRecord(2, 2, "hold", "dog", "right", 2, 1, 8.0, 8.0, True, True, "completed",
                   "2026-03-02T09:00:43+01:00"),
    ]  # fmt: skip


def test_paused_time_does_not_count(journal: Journal, db: Path) -> None:
    session, clock, _ = recorded(journal)
    session.start()
    advance(session, clock, 5 + 4)  # 4 s into the first hold
    session.pause()
    clock.advance(100)
    session.update()
    assert step_rows(db) == [(0, 0, "prepare", 5.0, "completed")]
    session.resume()
    advance(session, clock, 5.9)
    assert len(step_rows(db)) == 1
    advance(session, clock, 0.1)
    assert step_rows(db)[-1] == (1, 1, "hold", 10.0, "completed")
    advance(session, clock, 3 + 10 + 20)
    row = session_row(db)
    assert row["status"] == "completed"
    assert row["active_s"] == 48.0
    assert row["work_done_s"] == 40.0
    # The wall clock did move on during the pause.
    assert row["ended_at"] == "2026-03-02T09:02:28+01:00"


def test_next_and_previous_are_recorded_as_skipped_and_back(journal: Journal, db: Path) -> None:
    session, clock, _ = recorded(journal)
    session.start()
    advance(session, clock, 5 + 4)  # 4 s into the first hold
    session.next()  # hold 1 skipped after 4 s: now resting
    advance(session, clock, 1)
    session.previous()  # rest left after 1 s: back to hold 1
    advance(session, clock, 10)  # hold 1 in full
    advance(session, clock, 2)
    session.end()  # during the rest, after 2 s
    assert step_rows(db) == [
        (0, 0, "prepare", 5.0, "completed"),
        (1, 1, "hold", 4.0, "skipped"),
        (2, 2, "rest", 1.0, "back"),
        (3, 1, "hold", 10.0, "completed"),
        (4, 2, "rest", 2.0, "ended"),
    ]
    row = session_row(db)
    assert row["status"] == "ended_early"
    assert row["work_done_s"] == 10.0  # the hold counted once, at its best
    assert row["reps_done"] == 1
    assert row["active_s"] == 22.0


def test_skipping_the_last_step_completes_the_session(journal: Journal, db: Path) -> None:
    session, clock, _ = recorded(journal, make_plan(("hold", 10), ("stretch", 20)))
    session.start()
    advance(session, clock, 10 + 5)
    session.next()
    assert step_rows(db)[-1] == (1, 1, "stretch", 5.0, "skipped")
    row = session_row(db)
    assert row["status"] == "completed"
    assert (row["work_done_s"], row["reps_done"]) == (15.0, 1)


def test_end_early_records_what_was_done(journal: Journal, db: Path) -> None:
    session, clock, _ = recorded(journal)
    session.start()
    advance(session, clock, 5 + 10 + 3 + 4.25)  # 4.25 s into the second hold
    session.end()
    summary = session.summary()
    assert summary.outcome == "ended_early"
    assert step_rows(db)[-1] == (3, 3, "hold", 4.25, "ended")
    row = session_row(db)
    assert row["status"] == "ended_early"
    assert row["work_done_s"] == summary.work_done_s == 14.25
    assert row["reps_done"] == summary.reps_done == 1
    assert row["active_s"] == summary.active_s == 22.25
    assert row["ended_at"] == "2026-03-02T09:00:22+01:00"
    assert row["pid"] is None


def test_end_while_paused(journal: Journal, db: Path) -> None:
    session, clock, _ = recorded(journal)
    session.start()
    advance(session, clock, 5 + 7)
    session.pause()
    clock.advance(60)
    session.end()
    row = session_row(db)
    assert row["status"] == "ended_early"
    assert (row["work_done_s"], row["active_s"]) == (7.0, 12.0)
    assert step_rows(db)[-1] == (1, 1, "hold", 7.0, "ended")


def test_a_preview_is_recorded_with_its_speed(journal: Journal, db: Path) -> None:
    session, clock, _ = recorded(journal, speed=30)
    session.start()
    advance(session, clock, 48)
    row = session_row(db)
    assert row["speed"] == 30.0
    assert row["status"] == "completed"
    assert journal.sessions()[0].preview


def test_pain_after_and_note_are_saved_on_the_session(journal: Journal, db: Path) -> None:
    session, clock, recorder = recorded(journal, pain_before=5)
    session.start()
    advance(session, clock, 48)
    assert recorder.session_id is not None
    journal.set_pain_after(recorder.session_id, 3)
    journal.set_note(recorder.session_id, "  felt   better\tafter  ")
    row = session_row(db)
    assert (row["pain_before"], row["pain_after"]) == (5, 3)
    assert row["note"] == "felt better after"
    journal.set_note(recorder.session_id, "   ")
    assert session_row(db)["note"] is None
    with pytest.raises(ValueError, match="0 to 10"):
        journal.set_pain_after(recorder.session_id, 11)
    assert session_row(db)["pain_after"] == 3


def test_marks_are_committed_as_events_as_they_happen(journal: Journal, db: Path) -> None:
    session, clock, recorder = recorded(journal)
    session.mark("hurts")  # before the start: nothing to attach it to
    session.start()
    advance(session, clock, 5 + 2.5)
    session.mark("hurts", "sharp, low back")
    assert [tuple(r) for r in read(db, "SELECT seq, at_s, kind, exercise, detail FROM events")] == [
        (0, 7.5, "hurts", "ex", "sharp, low back")
    ]
    session.pause()
    clock.advance(60)  # paused time is not session time
    session.mark("leg-symptoms")
    session.resume()
    advance(session, clock, 1)
    session.skip_exercise()
    assert recorder.session_id is not None
    assert journal.events(recorder.session_id) == [
        EventRecord(0, 7.5, "hurts", "ex", "sharp, low back"),
        EventRecord(1, 7.5, "leg-symptoms", "ex", None),
        EventRecord(2, 8.5, "skipped-exercise", "ex", None),
    ]


def test_pain_after_and_note_go_through_the_recorder(journal: Journal, db: Path) -> None:
    session, clock, recorder = recorded(journal, pain_before=5)
    session.start()
    advance(session, clock, 48)
    recorder.set_pain_after(2)
    recorder.set_note("  a   good one ")
    row = session_row(db)
    assert (row["pain_before"], row["pain_after"], row["note"]) == (5, 2, "a good one")
    with pytest.raises(ValueError, match="0 to 10"):
        recorder.set_pain_after(11)
    assert recorder.finish() == []
    assert recorder.pending == 0
    assert recorder.notice is None
    assert session_row(db)["pain_after"] == 2


def test_a_recorder_whose_session_never_started_writes_nothing(journal: Journal, db: Path) -> None:
    _, _, recorder = recorded(journal)
    recorder.set_pain_after(3)
    recorder.set_note("never ran")
    assert recorder.finish(0.1) == []
    assert read(db, "SELECT * FROM sessions") == []


def test_the_recorder_writes_even_after_the_journal_is_closed(db: Path) -> None:
    """It writes through a connection of its own: the flow may close its journal first."""
    with Journal(db) as journal:
        session, clock, recorder = recorded(journal)
        session.start()
        advance(session, clock, 48)
    recorder.set_pain_after(1)
    assert recorder.finish() == []
    assert session_row(db)["pain_after"] == 1


# -- sessions left running by a process that is gone -----------------------------------------------


def dead_pid() -> int:
    """The id of a process that has exited (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def insert_step(
    journal: Journal,
    session_id: str,
    seq: int,
    step_index: int,
    done_s: float,
    outcome: str,
    *,
    kind: str = "hold",
    planned_s: float = 10.0,
    ended_at: str,
) -> None:
    work = kind in ("hold", "stretch")
    journal.record_step(
        session_id,
        StepRecord(
            seq, step_index, kind, "ex", None, None, None, planned_s, done_s, work, work,
            outcome, ended_at,
        ),
    )  # fmt: skip


def start_running(journal: Journal, started_at: datetime = WALL_START) -> str:
    return journal.start_session(
        routine_id="test",
        routine_title="Test routine",
        purpose="core",
        fingerprint="feedc0de12345678",
        side=None,
        speed=1.0,
        planned_s=48,
        work_planned_s=40,
        reps_planned=3,
        pain_before=None,
        flare=False,
        started_at=started_at,
    )


def test_a_running_session_of_a_dead_process_becomes_interrupted(
    journal: Journal, db: Path
) -> None:
    session, clock, recorder = recorded(journal)
    session.start()
    advance(session, clock, 5 + 10 + 3 + 4)  # 4 s into the second hold: then a crash
    crashed = recorder.session_id
    assert crashed is not None
    # Rows a session writes after going back and forth, and one longer than planned.
    insert_step(journal, crashed, 3, 1, 4.0, "back", ended_at="2026-03-02T09:00:30+01:00")
    insert_step(journal, crashed, 4, 3, 12.5, "completed", ended_at="2026-03-02T09:00:45+01:00")
    insert_step(journal, crashed, 5, 3, 6.0, "back", ended_at="2026-03-02T09:00:50+01:00")
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE sessions SET pid = ? WHERE id = ?", (dead_pid(), crashed))
    live = start_running(journal, now_local())  # live: started now, by this process

    assert journal.mark_interrupted() == 1

    rows = {row["id"]: row for row in read(db, "SELECT * FROM sessions")}
    row = rows[crashed]
    assert row["status"] == "interrupted"
    # Steps 0 (prepare, no work), 1 (hold: 10 and 4 s -> 10), 2 (rest), 3 (hold: 12.5 and
    # 6 s -> capped at its 10 planned).
    assert row["work_done_s"] == 20.0
    assert row["reps_done"] == 2
    assert row["active_s"] == 5 + 10 + 3 + 4 + 12.5 + 6
    assert row["ended_at"] == "2026-03-02T09:00:50+01:00"
    assert row["pid"] is None
    # The session of this very process is alive: left alone.
    assert rows[live]["status"] == "running"
    assert rows[live]["pid"] == os.getpid()
    assert rows[live]["ended_at"] is None
    # Nothing more to do the second time.
    assert journal.mark_interrupted() == 0


def test_an_interrupted_session_without_steps_ends_when_it_started(
    journal: Journal, db: Path
) -> None:
    crashed = start_running(journal)
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE sessions SET pid = ? WHERE id = ?", (dead_pid(), crashed))
    assert journal.mark_interrupted() == 1
    row = session_row(db)
    assert row["status"] == "interrupted"
    assert row["ended_at"] == "2026-03-02T09:00:00+01:00"
    assert (row["work_done_s"], row["reps_done"], row["active_s"]) == (0.0, 0, 0.0)


def test_a_running_session_from_another_host_is_interrupted(journal: Journal, db: Path) -> None:
    other = start_running(journal)
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE sessions SET host = 'another-machine' WHERE id = ?", (other,))
    assert journal.mark_interrupted() == 1
    assert session_row(db)["status"] == "interrupted"


def test_opening_the_journal_marks_dead_sessions_and_spares_live_ones(db: Path) -> None:
    with Journal(db) as first:
        crashed = start_running(first)
        live = start_running(first, now_local())
        insert_step(first, crashed, 0, 0, 10.0, "completed", ended_at="2026-03-02T09:00:10+01:00")
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE sessions SET pid = ? WHERE id = ?", (dead_pid(), crashed))
    with Journal(db) as second:
        by_id = {s.id: s for s in second.sessions()}
    assert by_id[crashed].status == "interrupted"
    assert by_id[crashed].work_done_s == 10.0
    assert by_id[crashed].reps_done == 1
    assert by_id[live].status == "running"
