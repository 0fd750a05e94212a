"""A session marked running is judged alive or dead by its process id, its host, when it
started, when the machine booted and when the process now holding its id started: a pid
reused after a crash and a reboot never keeps a dead session running for ever."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coach.journal.liveness import (
    CLOCK_SLACK_S,
    Machine,
    RunningSession,
    boot_time,
    process_start,
    still_running,
    this_machine,
)
from coach.journal.records import Journal, now_local
from coach.limits import MAX_SESSION_WALL_S

NOW = datetime.fromisoformat("2026-03-02T12:00:00+01:00").timestamp()
BOOT = NOW - 3600  # booted an hour ago
PID = 4242


def machine(
    *, boot: float | None = BOOT, holder: float | None = BOOT + 60, exists: bool = True
) -> Machine:
    """A fake machine whose pid ``PID`` (and only it) is held by a process started at
    ``holder`` (``None``: the machine cannot say when)."""
    return Machine(
        host="here",
        now=NOW,
        boot=boot,
        pid_exists=lambda pid: exists and pid == PID,
        process_start=lambda pid: holder if pid == PID else None,
    )


def session(
    started: float, *, pid: int | None = PID, host: str | None = "here", at: str | None = None
) -> RunningSession:
    started_at = at or datetime.fromtimestamp(started).astimezone().isoformat(timespec="seconds")
    return RunningSession("s1", "Daily core", started_at, pid, host)


def test_a_session_started_by_the_process_holding_its_pid_is_alive() -> None:
    assert still_running(session(BOOT + 120), machine(holder=BOOT + 60))


def test_a_pid_now_held_by_a_process_started_after_the_session_is_dead() -> None:
    assert not still_running(session(BOOT + 120), machine(holder=BOOT + 900))


def test_start_times_are_compared_with_some_slack() -> None:
    """Stored to the second, against a boot time in whole seconds: not a reused pid."""
    started = BOOT + 120
    assert still_running(session(started), machine(holder=started + CLOCK_SLACK_S - 1))
    assert not still_running(session(started), machine(holder=started + CLOCK_SLACK_S + 1))


def test_a_session_started_before_the_last_boot_is_dead_whoever_holds_its_pid() -> None:
    before_boot = BOOT - 600
    assert not still_running(session(before_boot), machine(holder=None))
    assert not still_running(session(before_boot), machine(holder=before_boot - 60))


def test_a_session_older_than_any_session_can_last_is_dead_even_without_proc() -> None:
    old = NOW - MAX_SESSION_WALL_S - 1
    assert not still_running(session(old), machine(boot=None, holder=None))
    young = NOW - MAX_SESSION_WALL_S + 60
    assert still_running(session(young), machine(boot=None, holder=None))


def test_without_proc_the_pid_decides() -> None:
    assert still_running(session(NOW - 60), machine(boot=None, holder=None))
    assert not still_running(session(NOW - 60), machine(boot=None, holder=None, exists=False))


@pytest.mark.parametrize("pid", [None, 0, -1, -4242])
def test_no_pid_or_a_pid_no_process_can_have_is_dead(pid: int | None) -> None:
    assert not still_running(session(BOOT + 120, pid=pid), machine())


@pytest.mark.parametrize("host", ["elsewhere", None])
def test_a_session_of_another_host_is_not_kept_running(host: str | None) -> None:
    """Unchanged from before: its own coach overwrites the mark when it ends."""
    assert not still_running(session(BOOT + 120, host=host), machine())


@pytest.mark.parametrize(
    "at", [" ", "yesterday", "9999-99-99T00:00:00", "\x00", "9999-12-31T23:59:59+00:00"]
)
def test_a_start_time_no_coach_wrote_is_dead(at: str) -> None:
    assert not still_running(session(BOOT + 120, at=at), machine())


# -- reading /proc --------------------------------------------------------------------------


def fake_proc(tmp_path: Path, stat_line: bytes, btime: bytes = b"btime 1700000000\n") -> Path:
    proc = tmp_path / "proc"
    (proc / str(PID)).mkdir(parents=True)
    (proc / "stat").write_bytes(b"cpu  1 2 3 4\ncpu0 1 2 3 4\nintr 5\n" + btime + b"processes 9\n")
    (proc / str(PID) / "stat").write_bytes(stat_line)
    return proc


def stat_line(name: bytes, start_ticks: int) -> bytes:
    after_name = [b"S"] + [b"0"] * 18 + [str(start_ticks).encode()] + [b"0"] * 30
    return str(PID).encode() + b" (" + name + b") " + b" ".join(after_name) + b"\n"


@pytest.mark.parametrize("name", [b"coach", b"my (odd) name", b"a) 1 2 3 (b", b") ) )"])
def test_the_start_time_is_read_after_the_last_parenthesis(tmp_path: Path, name: bytes) -> None:
    ticks = os.sysconf("SC_CLK_TCK") * 250
    proc = fake_proc(tmp_path, stat_line(name, ticks))
    boot = boot_time(proc)
    assert boot == 1_700_000_000
    assert process_start(PID, boot, proc) == 1_700_000_000 + 250


@pytest.mark.parametrize(
    "line", [b"", b"4242 (coach", b"4242 (coach) S 1 2", b"\xff\xfe garbage ) x y z", b"4242 ()"]
)
def test_an_unreadable_process_line_says_nothing(tmp_path: Path, line: bytes) -> None:
    proc = fake_proc(tmp_path, line)
    assert process_start(PID, boot_time(proc), proc) is None


@pytest.mark.parametrize("btime", [b"", b"btime\n", b"btime soon\n"])
def test_a_stat_without_a_boot_time_says_nothing(tmp_path: Path, btime: bytes) -> None:
    assert boot_time(fake_proc(tmp_path, stat_line(b"coach", 1), btime)) is None


def test_a_machine_without_proc_has_no_boot_time(tmp_path: Path) -> None:
    found = this_machine(tmp_path / "no-proc")
    assert found.boot is None and found.process_start(os.getpid()) is None


# -- real processes -------------------------------------------------------------------------


@pytest.fixture
def child() -> Iterator[subprocess.Popen[bytes]]:
    if not Path("/proc/self/stat").exists() or boot_time() is None:
        pytest.skip("no /proc here: process start times cannot be read")
    process = subprocess.Popen(["sleep", "60"])
    try:
        yield process
    finally:
        process.kill()
        process.wait()


def record_running(journal: Journal, started_at: datetime, pid: int) -> str:
    session_id = journal.start_session(
        routine_id="daily-core", routine_title="Daily core", purpose="core",
        fingerprint="feedc0de12345678", side=None, speed=1.0, planned_s=48,
        work_planned_s=40, reps_planned=3, pain_before=None, flare=False,
        started_at=started_at,
    )  # fmt: skip
    with contextlib.closing(sqlite3.connect(journal.path)) as conn, conn:
        conn.execute("UPDATE sessions SET pid = ? WHERE id = ?", (pid, session_id))
    return session_id


def test_a_real_process_keeps_its_session_and_a_reused_pid_does_not(
    tmp_path: Path, child: subprocess.Popen[bytes]
) -> None:
    child_started = process_start(child.pid, boot_time())
    assert child_started is not None
    now = now_local()
    with Journal(tmp_path / "coach.db") as journal:
        # Started by the child, after it started: the child runs it.
        alive = record_running(journal, now, child.pid)
        # Recorded before the child existed: the child only reuses the dead coach's pid.
        before = datetime.fromtimestamp(child_started - 600).astimezone()
        reused = record_running(journal, before, child.pid)
        assert journal.mark_interrupted() == 1
        status = {record.id: record.status for record in journal.sessions()}
    assert status == {alive: "running", reused: "interrupted"}
    child.kill()
    child.wait()
    with Journal(tmp_path / "coach.db") as journal:  # the process ended: so did its session
        assert {record.id: record.status for record in journal.sessions()}[alive] == ("interrupted")


def test_this_process_is_read_as_started_before_now() -> None:
    if boot_time() is None:
        pytest.skip("no /proc here")
    started = process_start(os.getpid(), boot_time())
    assert started is not None
    assert started <= now_local().timestamp() + CLOCK_SLACK_S
    assert started >= now_local().timestamp() - timedelta(days=1).total_seconds()
