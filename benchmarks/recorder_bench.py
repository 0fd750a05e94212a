"""Benchmark: how long a session waits for the recorder, with the journal free and locked.

Run: ``.venv/bin/python benchmarks/recorder_bench.py [--sessions 20]`` (prints figures; not a
test).

Each session is the built-in ``daily-core`` plan on a fake clock, recorded to a real SQLite
file in a temporary folder (``synchronous=FULL``, so each commit reaches the disk). Every call
the session makes into the recorder (start, each step's end, a mark, the end, pain after,
note) is timed: that is the time the screen or the plain loop would stand still. Then the same
with another connection holding ``BEGIN EXCLUSIVE`` for the whole session (writes wait in
memory), and how long ``finish`` then takes to write the backlog once the lock goes.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from coach.engine.clock import FakeClock
from coach.engine.plan import build_plan
from coach.engine.session import Session
from coach.journal.recorder import Recorder
from coach.journal.records import Journal
from coach.routine import load_default_library


def run_session(journal: Journal, timings: list[float]) -> Recorder:
    plan = build_plan(load_default_library().routines["daily-core"])
    clock = FakeClock()
    session = Session(plan, clock)
    recorder = Recorder(journal, plan, pain_before=4, retry_busy_s=0.05)
    session.subscribe(recorder)

    def timed(action: Callable[[], object]) -> None:
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)

    timed(session.start)
    for number, step in enumerate(plan.steps):
        clock.advance(step.seconds)
        timed(session.update)
        if number == 3:
            timed(lambda: session.mark("hurts", "sharp"))
    timed(lambda: recorder.set_pain_after(2))
    timed(lambda: recorder.set_note("fine"))
    return recorder


def describe(label: str, timings: list[float]) -> None:
    ms = sorted(t * 1000 for t in timings)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    print(
        f"{label:<34} calls {len(ms):>5}  median {statistics.median(ms):6.3f} ms  "
        f"p99 {p99:6.3f} ms  max {ms[-1]:6.3f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "coach.db"
        free: list[float] = []
        locked: list[float] = []
        flushes: list[float] = []
        with Journal(path) as journal:
            for _ in range(args.sessions):
                run_session(journal, free).finish(5)
            for _ in range(args.sessions):
                other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
                other.execute("BEGIN EXCLUSIVE")
                recorder = run_session(journal, locked)
                backlog = recorder.pending
                release = threading.Timer(0.1, lambda conn=other: conn.execute("COMMIT"))
                release.start()
                started = time.perf_counter()
                lines = recorder.finish(5)
                flushes.append(time.perf_counter() - started - 0.1)
                release.join()
                other.close()
                assert recorder.pending == 0 and lines, lines
            sessions = len(journal.sessions())
        print(f"journal: {path.name} on {folder} ({sessions} sessions written)")
        describe("journal free: each session call", free)
        describe("journal locked: each session call", locked)
        print(
            f"locked: backlog of {backlog} writes per session, written "
            f"{statistics.median(flushes) * 1000:.1f} ms (median) after the lock went"
        )


if __name__ == "__main__":
    main()
