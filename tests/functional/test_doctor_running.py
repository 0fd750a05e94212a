"""``coach doctor`` over a journal with sessions left marked running: a note for each (a live
coach runs it, or it will be marked interrupted), and doctor itself marks nothing."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from coach.journal.records import Journal, now_local


def run_doctor(home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COACH_HOME": str(home), "COACH_VOICE": "off"}
    return subprocess.run(
        [sys.executable, "-m", "coach", "doctor"],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=60,
    )  # fmt: skip


def record_running(journal: Journal, title: str, started_at: datetime, pid: int) -> str:
    session_id = journal.start_session(
        routine_id="daily-core", routine_title=title, purpose="core",
        fingerprint="feedc0de12345678", side=None, speed=1.0, planned_s=48,
        work_planned_s=40, reps_planned=3, pain_before=None, flare=False,
        started_at=started_at,
    )  # fmt: skip
    with contextlib.closing(sqlite3.connect(journal.path)) as conn, conn:
        conn.execute("UPDATE sessions SET pid = ? WHERE id = ?", (pid, session_id))
    return session_id


def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_doctor_tells_of_running_sessions_and_marks_none(tmp_path: Path) -> None:
    child = subprocess.Popen(["sleep", "60"])
    try:
        with Journal(tmp_path / "coach.db") as journal:
            crashed = record_running(journal, "Crashed \x1b[2J\nthen", now_local(), dead_pid())
            live = record_running(journal, "Open now", now_local(), child.pid)
        files = {path: path.read_bytes() for path in tmp_path.iterdir() if path.is_file()}
        doctor = run_doctor(tmp_path)
        after_doctor = {path: path.read_bytes() for path in files}
        with Journal(tmp_path / "coach.db") as journal:
            still = {r.id: r.status for r in journal.sessions()}  # opening it marks the crash
    finally:
        child.kill()
        child.wait()
    lines = doctor.stdout.splitlines()
    crashed_note = next(line for line in lines if "Crashed" in line)
    assert crashed_note.split()[:2] == ["note", "journal"]
    assert "\x1b" not in doctor.stdout and "Crashed [2J then started" in crashed_note
    assert "is marked running but its coach is gone" in crashed_note
    assert "marked interrupted the next time coach opens the journal" in crashed_note
    live_note = next(line for line in lines if "Open now" in line)
    assert f"is still running in process {child.pid}" in live_note
    assert after_doctor == files  # doctor only looked
    assert still == {crashed: "interrupted", live: "running"}
