"""Benchmark the app against a bare Textual app, in a real pseudo-terminal (80x24).

Run: ``.venv/bin/python benchmarks/tui_bench.py [--seconds 60] [--runs 5] [--years 0,10,50]``
(prints figures; ``--no-cpu`` times only the first screen).

1. Time to first screen: from starting the process to the first frame of home (its menu) or
   the bare app's text, best and median of several runs; and, for coach, until home's figures
   are on screen too (its "Streak:" line: the journal read, off the UI thread, and the
   settings validated). With an empty journal and with 10 and 50 years of daily sessions
   (``--years 0,10,50``), each beside the bare app in the same run.
2. Process CPU seconds (user + system, from the kernel's rusage) over a session of
   ``--seconds``: ``coach start diaphragmatic-breathing`` (the pacer redraws at 10 Hz, the
   busiest screen) and ``coach start daily-core``, against the bare app updating a clock at
   10 Hz for the same time.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from coach.flow.context import Keys
from coach.journal import Journal

sys.path.insert(0, str(Path(__file__).resolve().parent))
from journal_bench import build_history

HERE = Path(__file__).resolve().parent
COACH = [sys.executable, "-m", "coach"]
BARE = [sys.executable, str(HERE / "bare_app.py")]


class PtyProcess:
    """A process on its own 80x24 pseudo-terminal; we read what it draws."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.output = b""

    def read_until(self, marker: bytes, timeout: float = 30) -> float:
        """Seconds from start until ``marker`` was drawn."""
        deadline = time.monotonic() + timeout
        while marker not in self.output:
            if time.monotonic() > deadline:
                raise TimeoutError(marker)
            ready, _, _ = select.select([self.master], [], [], 0.01)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    break
        return time.perf_counter() - self.started

    def drain(self, seconds: float) -> None:
        """Keep reading (so the app never blocks on a full terminal) for ``seconds``."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    os.read(self.master, 65536)
                except OSError:
                    return

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def stop(self) -> float:
        """End the process; return its CPU seconds (user + system)."""
        os.killpg(self.process.pid, signal.SIGTERM)
        self.drain(0.3)
        _, _, usage = os.wait4(self.process.pid, 0)
        self.process.returncode = 0
        os.close(self.master)
        return usage.ru_utime + usage.ru_stime


def environment(home: Path) -> dict[str, str]:
    return {**os.environ, "COACH_HOME": str(home), "TERM": "xterm-256color", "COLUMNS": "80"}


def first_screen(runs: int, homes: dict[str, Path]) -> None:
    """Time to the first frame of home, and to its figures, for each journal, beside bare
    Textual."""
    results: dict[str, list[float]] = {"bare Textual app": []}
    for label in homes:
        results[f"coach, {label}"] = []
        results[f"  figures shown, {label}"] = []
    for _ in range(runs):
        bare = PtyProcess(BARE, environment(next(iter(homes.values()))))
        results["bare Textual app"].append(bare.read_until(b"ready"))
        bare.stop()
        for label, home in homes.items():
            process = PtyProcess(COACH, environment(home))
            results[f"coach, {label}"].append(process.read_until(b"flare-up"))
            results[f"  figures shown, {label}"].append(process.read_until(b"Streak:"))
            process.stop()
    bare_best = min(results["bare Textual app"])
    print(f"Time to first screen, best / median of {runs} (target: coach <= 1.3x bare)")
    for label, times in results.items():
        best = min(times)
        print(
            f"  {label:<36} {best:.3f} s  {statistics.median(times):.3f} s"
            f"   ({best / bare_best:.2f}x bare)"
        )


def make_home(folder: Path, years: int) -> Path:
    """A COACH_HOME whose journal holds ``years`` of daily sessions (welcome seen)."""
    home = folder / f"years-{years}"
    home.mkdir()
    if years:
        build_history(home / "coach.db", years)
    with Journal(home / "coach.db") as journal:
        journal.set_meta(Keys.WELCOME, "benchmark")
    return home


def cpu_over_a_session(seconds: float, home: Path) -> None:
    env = environment(home)
    print(f"CPU seconds over {seconds:g} s (target: coach <= bare)")
    bare = PtyProcess(BARE, env)
    bare.read_until(b"ready")
    bare.drain(seconds)
    bare_cpu = bare.stop()
    print(f"  {'bare app, 10 Hz clock':<36} {bare_cpu:.2f} s")
    for routine in ("diaphragmatic-breathing", "daily-core"):
        process = PtyProcess([*COACH, "start", routine], env)
        process.read_until(b"before you start")
        process.send(b"\x1b")  # skip the pain check: the session starts
        process.read_until(b"left")
        process.drain(seconds)
        cpu = process.stop()
        print(f"  {'coach start ' + routine:<36} {cpu:.2f} s   ({cpu / bare_cpu:.2f}x bare)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--years", default="0,10,50", help="journals to time, in years")
    parser.add_argument("--no-cpu", action="store_true", help="only the time to first screen")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        homes: dict[str, Path] = {}
        for years in (int(y) for y in args.years.split(",")):
            label = f"{years} years" if years else "empty journal"
            homes[label] = make_home(Path(folder), years)
        first_screen(args.runs, homes)
        if not args.no_cpu:
            cpu_over_a_session(args.seconds, next(iter(homes.values())))


if __name__ == "__main__":
    main()
