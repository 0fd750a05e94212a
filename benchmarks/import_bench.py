"""Benchmark: import and export a journal of many sessions, with wall time and peak memory.

Run: ``.venv/bin/python benchmarks/import_bench.py --sessions 1000000`` (prints figures; not a
test). Quick: ``--sessions 20000``.

It writes a JSON export of N realistic sessions (four steps and two events each, a session
every ~13 minutes from 2000 on) to a temporary file, streaming, then runs ``coach import`` on
it into a fresh COACH_HOME and ``coach export --format json -o`` of the result, each as a real
process, and prints wall time and peak resident memory (``os.wait4``'s ``ru_maxrss`` of that
process) beside the same for a baseline of 10,000 sessions. The target (issue 10): importing
1,000,000 sessions under 500 MB of peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

BASELINE = 10_000
START = datetime(2000, 1, 2, 7, 0, tzinfo=UTC)
EVERY_S = 800  # a million sessions end in 2025
TARGET_MB = 500


def _session(number: int) -> dict[str, Any]:
    started = START + timedelta(seconds=number * EVERY_S)

    def at(seconds: int) -> str:
        return (started + timedelta(seconds=seconds)).isoformat(timespec="seconds")

    steps = [
        ("prepare", 5.0, False),
        ("hold", 10.0, True),
        ("rest", 3.0, False),
        ("hold", 10.0, True),
    ]
    return {
        "id": f"bench{number:012d}",
        "routine_id": "daily-core",
        "routine_title": "Daily core",
        "purpose": "daily",
        "fingerprint": "feedc0de12345678",
        "side": None,
        "speed": 1.0,
        "started_at": at(0),
        "ended_at": at(28),
        "status": "completed",
        "pain_before": 1 + number % 8,
        "pain_after": number % 6,
        "note": "felt ok" if number % 20 == 0 else None,
        "flare": False,
        "planned_s": 28,
        "work_planned_s": 20,
        "reps_planned": 2,
        "work_done_s": 20.0,
        "reps_done": 2,
        "active_s": 28.0,
        "steps": [
            {
                "seq": seq,
                "step_index": seq,
                "kind": kind,
                "exercise": "curl-up",
                "side": None,
                "set_no": 1,
                "rep": 1 if work else None,
                "planned_s": seconds,
                "done_s": seconds,
                "work": work,
                "counts_rep": work,
                "outcome": "completed",
                "ended_at": at(int(sum(s for _, s, _ in steps[: seq + 1]))),
            }
            for seq, (kind, seconds, work) in enumerate(steps)
        ],
        "events": [
            {"at_s": 7.5, "kind": "hurts", "exercise": "curl-up", "detail": "sharp"},
            {"at_s": 20.0, "kind": "easier", "exercise": "curl-up", "detail": "Curl-up, hands"},
        ],
    }


def write_export(path: Path, sessions: int) -> None:
    """An export as ``coach export`` lays it out, written one session at a time."""
    with path.open("w", encoding="utf-8") as stream:
        stream.write('{\n  "format": "coach-journal",\n  "version": 2,\n  "sessions": [')
        for number in range(sessions):
            text = json.dumps(_session(number), indent=2).replace("\n", "\n    ")
            stream.write(("\n    " if number == 0 else ",\n    ") + text)
        stream.write("\n  ]\n}\n")


def measure(home: Path, *args: str) -> tuple[float, float]:
    """Run ``coach ARGS``; (wall seconds, peak RSS in MB) of that process alone."""
    env = {**os.environ, "COACH_HOME": str(home)}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "coach", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        assert process.stderr is not None
        raise SystemExit(f"coach {' '.join(args)} failed: {process.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


def run(sessions: int, folder: Path) -> dict[str, float]:
    source = folder / f"export-{sessions}.json"
    start = time.perf_counter()
    write_export(source, sessions)
    written = time.perf_counter() - start
    home = folder / f"home-{sessions}"
    import_s, import_mb = measure(home, "import", str(source))
    export_s, export_mb = measure(home, "export", "--format", "json", "-o", str(folder / "out"))
    figures = {
        "sessions": sessions,
        "file MB": source.stat().st_size / 1e6,
        "journal MB": (home / "coach.db").stat().st_size / 1e6,
        "import s": import_s,
        "import peak MB": import_mb,
        "export s": export_s,
        "export peak MB": export_mb,
        "generate s": written,
    }
    source.unlink()
    (folder / "out").unlink()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1_000_000)
    parser.add_argument("--folder", type=Path, help="where to write (default: a temp folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.folder) as name:
        folder = Path(name)
        rows = [run(BASELINE, folder)]
        if args.sessions != BASELINE:
            rows.append(run(args.sessions, folder))
    print(f"{'':<16}" + "".join(f"{'baseline' if i == 0 else 'run':>16}" for i in range(len(rows))))
    for key in rows[0]:
        print(f"{key:<16}" + "".join(f"{row[key]:>16,.1f}" for row in rows))
    peak = rows[-1]["import peak MB"]
    verdict = "met" if peak < TARGET_MB else "NOT met"
    count = f"{rows[-1]['sessions']:,.0f}"
    print(f"target: import peak under {TARGET_MB} MB for {count} sessions: {verdict}")


if __name__ == "__main__":
    main()
