"""Stale or open journal state: modes whatever the umask, a touched 0644 file, a dangling link,
a read-only journal or ``-shm`` (as a user without root's override, via setpriv)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from coach.journal.db import JournalError, access_problems, connect

NO_OVERRIDE = [
    "setpriv",
    "--bounding-set=-dac_override,-dac_read_search",
    "--inh-caps=-dac_override,-dac_read_search",
    "--",
]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def coach(
    home: Path, *args: str, prefix: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COACH_HOME": str(home), "COACH_VOICE": "off"}
    return subprocess.run(
        [*(prefix or []), sys.executable, "-m", "coach", *args],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip


def without_override() -> list[str]:
    """A prefix under which permissions apply even to root; skip where it can't be had."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is missing: root ignores file modes here")
    probe = subprocess.run([*NO_OVERRIDE, "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("cannot drop CAP_DAC_OVERRIDE here")
    return NO_OVERRIDE


def test_everything_coach_creates_is_private_under_umask_000(tmp_path: Path) -> None:
    home = tmp_path / "a" / "home"
    code = (
        "import os, sys; os.umask(0); from coach.cli import main; "
        "from coach.voice.tones import tone_files; from coach import locations; "
        "tone_files(locations.cache_dir()); sys.exit(main(sys.argv[1:]))"
    )
    env = {**os.environ, "COACH_HOME": str(home), "COACH_VOICE": "off"}
    result = subprocess.run(
        [sys.executable, "-c", code, "start", "childs-pose", "--plain", "--speed", "200"],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert mode(tmp_path / "a") == 0o700 and mode(home) == 0o700
    assert mode(home / "cache") == 0o700
    for file in [home / "coach.db", *(home / "cache").iterdir()]:
        assert mode(file) == 0o600, file


def test_a_touched_world_readable_journal_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    path.touch(mode=0o644)
    path.chmod(0o644)
    assert any("can be read by others (mode 644)" in p for p in access_problems(path))
    connect(path).close()
    assert mode(path) == 0o600
    assert access_problems(path) == []


def test_a_dangling_symlink_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    target = tmp_path / "gone" / "journal.db"
    path.symlink_to(target)
    with pytest.raises(JournalError, match=f"is a symlink to {target}, which does not exist"):
        connect(path)
    assert not target.exists() and not target.parent.exists()


def make_journal(home: Path) -> Path:
    result = coach(home, "start", "childs-pose", "--plain", "--speed", "200")
    assert result.returncode == 0, result.stderr
    return home / "coach.db"


def test_a_read_only_journal_is_said_at_session_start_and_by_doctor(tmp_path: Path) -> None:
    prefix = without_override()
    path = make_journal(tmp_path)
    before = path.read_bytes()
    path.chmod(0o400)
    result = coach(tmp_path, "start", "childs-pose", "--plain", "--speed", "200", prefix=prefix)
    assert result.returncode == 1
    assert f"cannot be written by you (mode 400; fix: chmod 600 {path})" in result.stderr
    assert "Traceback" not in result.stderr
    doctor = coach(tmp_path, "doctor", prefix=prefix)
    assert doctor.returncode == 1 and f"fix: chmod 600 {path}" in doctor.stdout
    assert path.read_bytes() == before


def test_a_read_only_shm_left_behind_is_made_writable_again(tmp_path: Path) -> None:
    prefix = without_override()
    path = make_journal(tmp_path)
    reader = sqlite3.connect(path)  # a -shm exists while a connection is open
    reader.execute("SELECT count(*) FROM sessions").fetchone()
    shm = path.with_name("coach.db-shm")
    assert shm.exists()
    shm.chmod(0o400)
    doctor = coach(tmp_path, "doctor", prefix=prefix)
    assert f"companion file {shm} cannot be written by you (mode 400" in doctor.stdout
    result = coach(tmp_path, "start", "childs-pose", "--plain", "--speed", "200", prefix=prefix)
    reader.close()
    assert result.returncode == 0, result.stderr
    assert "saved to" not in result.stdout + result.stderr  # written to the journal itself
    history = coach(tmp_path, "history", "--json")
    assert history.stdout.count('"routine_id": "childs-pose"') == 2
