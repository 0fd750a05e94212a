"""One COACH_HOME broken in every way at once, and ``coach doctor`` run on it as a real
process: exit 1, each problem named with its fix, each stale thing said with what will happen,
and not one byte or mode changed. As root it runs without CAP_DAC_OVERRIDE, so that modes
apply to it as they would to the person (skipped where that cannot be had).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NO_OVERRIDE = [
    "setpriv",
    "--bounding-set=-dac_override,-dac_read_search",
    "--inh-caps=-dac_override,-dac_read_search",
    "--",
]
CONFIG = """\
theme = "solarized"
daily_routine = "daly-core"

[keys]
"app.quit" = "Space"
"session.pause" = "n"
"""
CRASH = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
dead = int(sys.argv[2])
conn.execute("UPDATE sessions SET status = 'running', ended_at = NULL, pid = ?", (dead,))
os._exit(0)  # a crash: the -wal and -shm stay behind, the session marked running
"""


def without_override() -> list[str]:
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is missing: root ignores file modes here")
    if subprocess.run([*NO_OVERRIDE, "true"], capture_output=True).returncode != 0:
        pytest.skip("cannot drop CAP_DAC_OVERRIDE here")
    return NO_OVERRIDE


def run(argv: list[str], home: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COACH_HOME": str(home), "COACH_VOICE": "off"}
    return subprocess.run(
        argv, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=timeout
    )


def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def everything(home: Path) -> dict[str, tuple[int, bytes | None]]:
    """Each path under ``home`` with its mode and (for a file) its bytes."""
    found: dict[str, tuple[int, bytes | None]] = {}
    for path in sorted(home.rglob("*")):
        info = path.lstat()
        content = path.read_bytes() if path.is_file() and not path.is_symlink() else None
        found[str(path.relative_to(home))] = (info.st_mode, content)
    return found


@pytest.fixture
def broken_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    made = run(
        [sys.executable, "-m", "coach", "start", "childs-pose", "--plain", "--speed", "200"], home
    )
    assert made.returncode == 0, made.stderr
    journal = home / "coach.db"
    crash = run([sys.executable, "-c", CRASH, str(journal), str(dead_pid())], home)
    assert crash.returncode == 0, crash.stderr
    (home / "config.toml").write_text(CONFIG, encoding="utf-8")
    journal.chmod(0o640)
    (home / "coach.db-shm").chmod(0o400)
    (home / "routines").write_text("a file where the routines folder should be\n")
    return home


def test_doctor_names_every_problem_of_a_broken_home_and_changes_nothing(
    broken_home: Path,
) -> None:
    prefix = without_override()
    home = broken_home
    before = everything(home)
    doctor = run([*prefix, sys.executable, "-m", "coach", "doctor"], home, timeout=20)  # a hang
    assert everything(home) == before
    assert doctor.returncode == 1, doctor.stdout + doctor.stderr
    assert doctor.stderr == "" and "Traceback" not in doctor.stdout
    problems = [line for line in doctor.stdout.splitlines() if line.startswith("  PROBLEM")]
    notes = [line for line in doctor.stdout.splitlines() if line.startswith("  note")]

    def problem(*fragments: str) -> str:
        found = [line for line in problems if all(part in line for part in fragments)]
        assert len(found) == 1, (fragments, doctor.stdout)
        return found[0]

    config = home / "config.toml"
    problem(f"{config}:", "keys.app.quit", '"Space"', "its usual key (q) is used")
    problem(f"{config}:", "keys.session.pause", '"n" is already the key of session.next')
    problem(f"{config}:1: theme", '"solarized"', "did you mean solarized-dark?")
    problem(f"{config}:2: daily_routine", '"daly-core"', "did you mean daily-core?")
    shm = home / "coach.db-shm"
    problem(f"companion file {shm} cannot be written by you (mode 400; fix: chmod 600 {shm})")
    journal = home / "coach.db"
    problem(f"{journal} can be read by others (mode 640)", f"fix: chmod 600 {journal}")
    [stale] = [line for line in notes if "is marked running" in line]
    assert "a session of " in stale and "its coach is gone" in stale
    assert "marked interrupted the next time coach opens the journal" in stale
    problem(f"{home / 'routines'}: is a file, not a folder", "mkdir")
    assert len(problems) == 7, doctor.stdout
    assert doctor.stdout.rstrip().splitlines()[-1].startswith("7 problems: config: ")
