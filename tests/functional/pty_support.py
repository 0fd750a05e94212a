"""Run ``coach`` on a real pseudo-terminal: type answers, wait for text, read everything."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path


class Terminal:
    """``python -m coach ARGS`` with a pty as its stdin, stdout and stderr."""

    def __init__(self, *args: str, home: Path, env: dict[str, str] | None = None) -> None:
        self.master, slave = os.openpty()
        environment = {**os.environ, "COACH_HOME": str(home), "TERM": "xterm", **(env or {})}
        environment.pop("COACH_VOICE", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "coach", *args, "--no-voice"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            close_fds=True,
            start_new_session=True,
        )
        os.close(slave)
        self.text = ""

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:  # the other end closed
            return False
        self.text += data.decode("utf-8", errors="replace").replace("\r\n", "\n")
        return bool(data)

    def expect(self, fragment: str, timeout: float = 30.0) -> None:
        """Wait until ``fragment`` has been printed (fails with what was printed)."""
        deadline = time.monotonic() + timeout
        while fragment not in self.text:
            left = deadline - time.monotonic()
            if left <= 0 or (not self._read(min(left, 0.5)) and self.process.poll() is not None):
                if fragment in self.text:
                    return
                raise AssertionError(f"{fragment!r} never came; the screen said:\n{self.text}")

    def send(self, keys: str) -> None:
        """Type ``keys`` (a line needs its own newline)."""
        os.write(self.master, keys.encode())

    def finish(self, timeout: float = 60.0) -> int:
        """Read to the end; the exit code."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read(0.2)
        while self._read(0.1):
            pass
        if self.process.poll() is None:
            self.process.kill()
            raise AssertionError(f"still running after {timeout} s:\n{self.text}")
        os.close(self.master)
        return self.process.returncode
