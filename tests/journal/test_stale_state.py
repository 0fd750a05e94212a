"""Open or stale state beside the journal: a recovery folder made private whatever the umask."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

SAVE_ASIDE = """
import os, sys
from datetime import datetime
from pathlib import Path
from coach.journal.records import Journal
from coach.journal.recovery import write_recovery_file

os.umask(0)
journal_path, folder = Path(sys.argv[1]), Path(sys.argv[2])
with Journal(journal_path) as journal:
    session_id = journal.start_session(
        routine_id="daily-core", routine_title="Daily core", purpose="core",
        fingerprint="feedc0de12345678", side=None, speed=1.0, planned_s=48,
        work_planned_s=40, reps_planned=3, pain_before=None, flare=False,
        started_at=datetime.now().astimezone(),
    )
    record = journal.session(session_id)
assert record is not None
print(write_recovery_file(folder, record, [], []))
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_recovery_file_and_its_new_folders_are_private_under_umask_000(tmp_path: Path) -> None:
    folder = tmp_path / "one" / "two" / "recovery"
    result = subprocess.run(
        [sys.executable, "-c", SAVE_ASIDE, str(tmp_path / "coach.db"), str(folder)],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    saved = Path(result.stdout.strip())
    assert saved.parent == folder
    for made in (tmp_path / "one", tmp_path / "one" / "two", folder):
        assert mode(made) == 0o700, made
    assert mode(saved) == 0o600
    assert list(folder.iterdir()) == [saved]  # no temporary file left beside it
