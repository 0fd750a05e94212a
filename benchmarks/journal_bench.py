"""Benchmark: 50 years of daily sessions, then time the journal commands against 0.25 s.

Run: ``.venv/bin/python benchmarks/journal_bench.py`` (prints figures; not a test).
``BENCH_YEARS=10`` builds a smaller journal.

It builds a journal of ~15,600 daily-core sessions with all their steps (as the recorder
would write them) in a temporary COACH_HOME, then times ``coach history --since 4w``,
``coach stats`` and ``coach report`` as real processes (Python start-up included, bytecode
cached as on a user's machine), best and median of several runs, side by side with
``coach --version`` (start-up alone) in the same run; and the same work in-process: reading
the window and the kept history prefix (what the commands do, coach.journal.history)
against reading every session (what they did before).
Issue 10's target is each command under 0.25 s.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from coach.engine.plan import build_plan
from coach.journal import Journal, SessionRecord, StepRecord
from coach.journal.history import PREFIX_KEY, read_for_stats
from coach.journal.stats import TrainingPlan, compute_stats
from coach.routine import load_default_library

YEARS = int(os.environ.get("BENCH_YEARS", "50"))
RUNS = 7


def build_history(path: Path, years: int = YEARS) -> tuple[int, int]:
    """Write ``years`` of daily sessions (85% of days); returns (sessions, steps)."""
    plan = build_plan(load_default_library().routines["daily-core"])
    rng = random.Random(7)
    today = datetime.now().astimezone().replace(hour=7, minute=30, second=0, microsecond=0)
    sessions: list[SessionRecord] = []
    steps: dict[str, list[StepRecord]] = {}
    for days_ago in range(years * 365, 0, -1):
        if rng.random() < 0.15:
            continue  # a missed day
        start = today - timedelta(days=days_ago, minutes=rng.randint(0, 600))
        session_id = f"bench{days_ago:06d}"
        ended_early = rng.random() < 0.1
        cut = len(plan.steps) // 2 if ended_early else len(plan.steps)
        records = [
            StepRecord(
                seq=i,
                step_index=s.index,
                kind=s.kind,
                exercise=s.exercise,
                side=s.side,
                set_no=s.set,
                rep=s.rep,
                planned_s=s.seconds,
                done_s=s.seconds,
                work=s.is_work,
                counts_rep=s.counts_rep,
                outcome="completed",
                ended_at=(start + timedelta(seconds=i * 8)).isoformat(timespec="seconds"),
            )
            for i, s in enumerate(plan.steps[:cut])
        ]
        steps[session_id] = records
        pain = rng.randint(1, 8)
        sessions.append(
            SessionRecord(
                id=session_id,
                routine_id="daily-core",
                routine_title=plan.title,
                purpose="daily",
                fingerprint=plan.fingerprint,
                side=None,
                speed=1.0,
                started_at=start.isoformat(timespec="seconds"),
                ended_at=(start + timedelta(seconds=plan.total_s)).isoformat(timespec="seconds"),
                status="ended_early" if ended_early else "completed",
                pain_before=pain,
                pain_after=max(0, pain - rng.randint(0, 3)),
                note="felt ok" if rng.random() < 0.05 else None,
                flare=False,
                planned_s=plan.total_s,
                work_planned_s=plan.work_s,
                reps_planned=plan.reps,
                work_done_s=sum(r.done_s for r in records if r.work),
                reps_done=sum(1 for r in records if r.counts_rep),
                active_s=plan.total_s,
            )
        )
    with Journal(path) as journal:
        journal.import_sessions(sessions, steps)
    return len(sessions), sum(len(v) for v in steps.values())


TARGET_S = 0.25


def forget_prefix(home: Path) -> None:
    """Drop the kept history prefix, as a change to an old session would."""
    with contextlib.closing(sqlite3.connect(home / "coach.db")) as conn, conn:
        conn.execute("DELETE FROM meta WHERE key = ?", (PREFIX_KEY,))


def time_command(home: Path, *args: str, cold: bool = False) -> list[float]:
    """Wall times of ``coach ARGS``; ``cold``: each run first rebuilds the history prefix."""
    env = {**os.environ, "COACH_HOME": str(home)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users' Pythons cache bytecode
    subprocess.run([sys.executable, "-m", "coach", *args], env=env, capture_output=True)
    times = []
    for _ in range(RUNS):
        if cold:
            forget_prefix(home)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "coach", *args], env=env, check=True, capture_output=True
        )
        times.append(time.perf_counter() - start)
    return times


def time_call(function: object) -> list[float]:
    assert callable(function)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        os.environ["COACH_HOME"] = str(home)
        start = time.perf_counter()
        sessions, steps = build_history(home / "coach.db")
        size = (home / "coach.db").stat().st_size
        print(f"journal: {sessions} sessions, {steps} steps, {size / 1e6:.1f} MB, "
              f"built in {time.perf_counter() - start:.1f} s")  # fmt: skip
        baseline = time_command(home, "--version")
        print(f"{'command (process, best / median of ' + str(RUNS) + ')':<44} best     median")
        print(f"{'coach --version (start-up only)':<44} {min(baseline):.3f} s  "
              f"{statistics.median(baseline):.3f} s")  # fmt: skip
        for args in (("history", "--since", "4w"), ("stats",), ("report",)):
            times = time_command(home, *args)
            label = "coach " + " ".join(args)
            verdict = "ok" if statistics.median(times) < TARGET_S else f"OVER {TARGET_S} s"
            print(f"{label:<44} {min(times):.3f} s  {statistics.median(times):.3f} s  {verdict}")
        times = time_command(home, "stats", cold=True)
        print(f"{'coach stats, prefix rebuilt (a month, old edit)':<44} {min(times):.3f} s  "
              f"{statistics.median(times):.3f} s")  # fmt: skip

        today = datetime.now().astimezone().date()
        plan = TrainingPlan()

        def read_window() -> None:
            with Journal(home / "coach.db") as journal:
                read = read_for_stats(journal, plan, today)
            compute_stats(read.sessions, plan, today, history=read.history, prefix=read.prefix)

        def read_all() -> None:
            with Journal(home / "coach.db") as journal:
                records = journal.sessions()
            compute_stats(records, plan, today)

        for label, work in (("in-process: stats, window + kept prefix", read_window),
                            ("in-process: stats, every session (before)", read_all)):  # fmt: skip
            times = time_call(work)
            print(f"{label:<44} {min(times):.3f} s  {statistics.median(times):.3f} s")


if __name__ == "__main__":
    main()
