"""The real ``coach`` command with its own home and no terminal (stdin from /dev/null)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_coach(*args: str, home: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``python -m coach ARGS`` with ``COACH_HOME=home``; no voice from the environment."""
    env = {**os.environ, "COACH_HOME": str(home)}
    env.pop("COACH_VOICE", None)
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
