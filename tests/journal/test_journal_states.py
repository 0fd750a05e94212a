"""The journal under bad states: odd files, no permission, kill -9, two instances, migrations.

Real SQLite files and real ``coach`` processes; nothing is mocked. Each bad state must give a
one-line message, a non-zero exit, and leave the file byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coach.journal import db
from coach.journal.db import SCHEMA_VERSION, JournalError, connect


def run_coach(home: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COACH_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def spawn_coach(home: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "COACH_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "coach", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def history(home: Path) -> list[dict[str, object]]:
    result = run_coach(home, "history", "--json")
    assert result.returncode == 0, result.stderr
    data: list[dict[str, object]] = json.loads(result.stdout)
    return data


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


def make_journal_with_a_session(home: Path) -> Path:
    result = run_coach(home, "start", "childs-pose", "--plain", "--speed", "200")
    assert result.returncode == 0, result.stderr
    return home / "coach.db"


def test_done_when_preview_session_appears_in_history(home: Path) -> None:
    result = run_coach(
        home, "start", "daily-core", "--plain", "--speed", "50",
        "--pain-before", "5", "--pain-after", "3",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (session,) = history(home)
    assert session["routine_id"] == "daily-core"
    assert session["status"] == "completed"
    assert (session["pain_before"], session["pain_after"]) == (5, 3)
    assert session["preview"] is True
    assert session["speed"] == 50


def test_journal_file_is_private(home: Path) -> None:
    path = make_journal_with_a_session(home)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


BAD_FILES = {
    "text": b"hello, I am not a database\n",
    "random bytes": bytes(range(256)) * 8,
    "truncated sqlite": b"SQLite format 3\x00" + b"\x10\x00\x01\x01" + b"\x00" * 40,
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_non_journal_files_are_left_untouched(name: str, home: Path) -> None:
    path = home / "coach.db"
    path.write_bytes(BAD_FILES[name])
    before = digest(path)
    for args in (("history",), ("stats",), ("start", "childs-pose", "--plain", "--speed", "99")):
        result = run_coach(home, *args)
        assert result.returncode == 1, (args, result.stdout)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "untouched" in result.stderr or "damaged" in result.stderr
        assert "Traceback" not in result.stderr
    assert digest(path) == before
    assert sorted(p.name for p in home.iterdir()) == ["coach.db"]


def test_corrupt_journal_is_left_untouched(home: Path) -> None:
    path = make_journal_with_a_session(home)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\x13" * (4096 - 100)  # wreck the schema page
    path.write_bytes(bytes(data))
    before = digest(path)
    result = run_coach(home, "history")
    assert result.returncode == 1
    assert "damaged" in result.stderr and "untouched" in result.stderr
    assert digest(path) == before


def test_another_programs_database_is_left_untouched(home: Path) -> None:
    path = home / "coach.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    before = digest(path)
    result = run_coach(home, "start", "childs-pose", "--plain", "--speed", "99")
    assert result.returncode == 1
    assert "another program" in result.stderr
    assert digest(path) == before


def test_newer_journal_is_left_untouched(home: Path) -> None:
    path = make_journal_with_a_session(home)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(path)
    result = run_coach(home, "history")
    assert result.returncode == 1
    assert "newer coach" in result.stderr
    assert digest(path) == before


def _read_only_runner(folder: Path) -> list[str] | None:
    """A command prefix that makes ``folder`` read-only for the command, or None if impossible.

    As an ordinary user, chmod does it. As root (CI), permissions don't apply, so the command
    runs in a private mount namespace where ``folder`` is bind-mounted read-only.
    """
    if os.geteuid() != 0:
        return []
    if shutil.which("unshare") is None:
        return None
    script = f'mount --bind "{folder}" "{folder}" && mount -o remount,ro,bind "{folder}" && '
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", script + f'! touch "{folder}/.probe" 2>/dev/null'],
        capture_output=True,
    )
    if probe.returncode != 0:
        return None
    return ["unshare", "-m", "sh", "-c", script + 'exec "$0" "$@"']


def test_read_only_folder_gives_a_clear_message(home: Path) -> None:
    path = make_journal_with_a_session(home)
    before = digest(path)
    prefix = _read_only_runner(home)
    if prefix is None:
        pytest.skip("cannot make a read-only folder here")
    mode = home.stat().st_mode
    if not prefix:
        home.chmod(0o555)
        path.chmod(0o400)
    try:
        env = {**os.environ, "COACH_HOME": str(home)}
        for args in (("start", "childs-pose", "--plain", "--speed", "99"), ("history",)):
            result = subprocess.run(
                [*prefix, sys.executable, "-m", "coach", *args],
                capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=60,
            )  # fmt: skip
            assert result.returncode == 1, (args, result.stdout, result.stderr)
            assert len(result.stderr.strip().splitlines()) == 1, result.stderr
            assert "permission" in result.stderr or "cannot" in result.stderr
            assert "Traceback" not in result.stderr
    finally:
        home.chmod(mode)
        path.chmod(0o600)
    assert digest(path) == before


def test_read_only_folder_without_journal(tmp_path: Path) -> None:
    home = tmp_path / "empty"
    home.mkdir()
    prefix = _read_only_runner(home)
    if prefix is None:
        pytest.skip("cannot make a read-only folder here")
    if not prefix:
        home.chmod(0o555)
    try:
        env = {**os.environ, "COACH_HOME": str(home)}
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "coach", "stats"],
            capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=60,
        )  # fmt: skip
    finally:
        home.chmod(0o755)
    assert result.returncode == 1
    assert "cannot create the journal" in result.stderr
    assert list(home.iterdir()) == []


def _wait_for_line(process: subprocess.Popen[str], needle: str, limit: float = 60) -> list[str]:
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if needle in line:
            return lines
    raise AssertionError(f"never saw {needle!r}: {lines}")


def test_sigkill_loses_at_most_the_step_in_progress(home: Path) -> None:
    process = spawn_coach(home, "start", "daily-core", "--plain", "--speed", "20")
    _wait_for_line(process, "Halfway through the session")
    process.kill()
    process.wait(timeout=10)
    path = home / "coach.db"

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    (status,) = conn.execute("SELECT status FROM sessions").fetchone()
    steps_before = conn.execute("SELECT count(*) FROM steps").fetchone()[0]
    conn.close()
    assert status == "running"
    assert steps_before >= 10

    # The next start finds the dead session and marks it.
    result = run_coach(home, "start", "childs-pose", "--plain", "--speed", "200")
    assert result.returncode == 0, result.stderr
    killed = next(s for s in history(home) if s["routine_id"] == "daily-core")
    assert killed["status"] == "interrupted"
    assert 0 < float(str(killed["work_done_s"])) < float(str(killed["work_planned_s"]))
    assert int(str(killed["reps_done"])) >= 3
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = conn.execute(
        "SELECT count(*) FROM steps WHERE session_id = ?", (killed["id"],)
    ).fetchone()[0]
    conn.close()
    assert kept == steps_before


def test_sigterm_saves_the_session_as_ended_early(home: Path) -> None:
    process = spawn_coach(home, "start", "daily-core", "--plain", "--pain-after", "2")
    _wait_for_line(process, "get ready")
    time.sleep(0.5)
    process.terminate()
    out, err = process.communicate(timeout=20)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert out.splitlines()[-1].startswith("Ended early: saved. ")
    (session,) = history(home)
    assert session["status"] == "ended_early"
    assert session["pain_after"] == 2


def test_two_instances_at_once_both_saved(home: Path) -> None:
    first = spawn_coach(home, "start", "childs-pose", "--plain", "--speed", "16")
    second = spawn_coach(home, "start", "ql-stretch", "--plain", "--speed", "25")
    for process in (first, second):
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        assert out.splitlines()[-2].startswith("Completed (a preview: never counted). ")
    sessions = history(home)
    assert sorted(str(s["routine_id"]) for s in sessions) == ["childs-pose", "ql-stretch"]
    assert {s["status"] for s in sessions} == {"completed"}


def test_pain_out_of_range_writes_nothing(home: Path) -> None:
    for bad in ("11", "-1", "4.5", "five"):
        result = run_coach(home, "start", "childs-pose", "--plain", "--pain-before", bad)
        assert result.returncode == 2
        assert "0 (no pain) to 10" in result.stderr
    assert not (home / "coach.db").exists()


# -- migrations ------------------------------------------------------------------------------


def test_fresh_journal_is_at_the_current_schema_with_wal(tmp_path: Path) -> None:
    conn = connect(tmp_path / "coach.db")
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    finally:
        conn.close()


def test_a_first_schema_journal_migrates_forward(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "coach.db"
    conn = connect(path)
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('kept', 'yes')",
    )
    conn.close()
    extra = ("CREATE TABLE later (x INTEGER)", "INSERT INTO later VALUES (42)")
    monkeypatch.setattr(db, "MIGRATIONS", (*db.MIGRATIONS, extra))
    monkeypatch.setattr(db, "SCHEMA_VERSION", len(db.MIGRATIONS))
    conn = db.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert conn.execute("SELECT x FROM later").fetchone()[0] == 42
        assert conn.execute("SELECT value FROM meta WHERE key = 'kept'").fetchone()[0] == "yes"
    finally:
        conn.close()


def test_a_failing_migration_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "coach.db"
    connect(path).close()
    broken = ("CREATE TABLE half (x INTEGER)", "THIS IS NOT SQL")
    monkeypatch.setattr(db, "MIGRATIONS", (*db.MIGRATIONS, broken))
    monkeypatch.setattr(db, "SCHEMA_VERSION", len(db.MIGRATIONS))
    with pytest.raises(JournalError):
        db.connect(path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert "half" not in tables
    finally:
        conn.close()
