"""A journal write that fails never ends a session (DESIGN.md section 1).

The real command, a real journal file, and another process holding it locked for 20 s in the
middle of a plain daily-core session: the session runs to its end, exits 0, and afterwards the
journal has it complete with every step.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
conn.close()
"""


def env_for(home: Path) -> dict[str, str]:
    env = {**os.environ, "COACH_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    env.pop("COACH_VOICE", None)
    return env


@pytest.mark.slow
def test_a_session_runs_on_through_a_20_second_lock_and_is_complete(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = env_for(home)
    command = [sys.executable, "-m", "coach", "start", "daily-core", "--plain", "--no-voice"]
    session = subprocess.Popen(
        [*command, "--speed", "8", "--pain-before", "2", "--pain-after", "1"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert session.stdout is not None
    session.stdout.readline()  # the session has started: its row is written
    time.sleep(1.0)
    locker = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(home / "coach.db"), "20"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
    out, err = session.communicate(timeout=180)
    locker.wait(timeout=60)
    assert session.returncode == 0, out + err
    assert "Traceback" not in err
    assert "locked" in out.lower()  # one line says so
    exported = subprocess.run(
        [sys.executable, "-m", "coach", "export", "--format", "json"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    (record,) = json.loads(exported.stdout)["sessions"]
    plan = subprocess.run(
        [sys.executable, "-m", "coach", "routines", "show", "daily-core", "--json"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    steps = json.loads(plan.stdout)["steps"]
    assert record["status"] == "completed"
    assert (record["pain_before"], record["pain_after"]) == (2, 1)
    assert len(record["steps"]) == len(steps)
    assert all(step["outcome"] == "completed" for step in record["steps"])
