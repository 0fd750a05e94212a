"""A whole voiced session in the real app at real speed: what was said, when, and the screen.

Run: ``.venv/bin/python benchmarks/voice_bench.py [--routine daily-core]`` (prints figures).

The app runs in an 80x24 pseudo-terminal with the voice on. ``espeak-ng`` on its PATH is a
stand-in that takes as long as the real one would: it has the real espeak-ng write the words
to a WAV file, sleeps for that file's length, and logs when it started and ended (a machine
with no sound card can't play them, and the real program would return at once). Printed:

* every announcement with its time from the start of the session and the step it belongs to;
* overlaps (two announcements at once: there must be none);
* the lag from a step's start to its announcement;
* the longest pause between screen updates while the voice was speaking and while it was not,
  read from the terminal's output (the countdown changes every second: a stutter would show
  as a gap well over a second).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from tui_bench import PtyProcess

from coach.journal import Journal
from coach.tui.app import WELCOME_KEY

COACH = [sys.executable, "-m", "coach"]

STAND_IN = textwrap.dedent(
    """\
    #!{python}
    import os, subprocess, sys, tempfile, time, wave
    start = time.time()
    text = sys.argv[-1]
    rate = sys.argv[sys.argv.index("-s") + 1] if "-s" in sys.argv else "160"
    seconds = len(text) / 14 + 0.3
    real = os.environ.get("REAL_ESPEAK")
    if real:
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "said.wav")
            subprocess.run([real, "-s", rate, "-w", path, text], check=True)
            with wave.open(path) as sound:
                seconds = sound.getnframes() / sound.getframerate()
    time.sleep(max(0.0, seconds - (time.time() - start)))
    with open(os.environ["VOICE_LOG"], "a") as log:
        log.write(f"{{start}} {{time.time()}} {{text}}\\n")
    """
)


def plan_starts(routine: str) -> list[tuple[float, str]]:
    """(start second, step label) of every step of the routine's plan."""
    shown = subprocess.run(
        [*COACH, "routines", "show", routine, "--json"], capture_output=True, text=True, check=True
    )
    starts, at = [], 0.0
    for step in json.loads(shown.stdout)["steps"]:
        starts.append((at, f"{step['label']} ({step['exercise']})"))
        at += step["seconds"]
    starts.append((at, "End of the session"))
    return starts


def run(routine: str, extra_s: float) -> None:
    starts = plan_starts(routine)
    total = starts[-1][0] + 30
    with tempfile.TemporaryDirectory() as folder:
        home, tools, log = Path(folder) / "home", Path(folder) / "bin", Path(folder) / "said.log"
        tools.mkdir()
        stand_in = tools / "espeak-ng"
        stand_in.write_text(STAND_IN.format(python=sys.executable))
        stand_in.chmod(0o755)
        with Journal(home / "coach.db") as journal:
            journal.set_meta(WELCOME_KEY, "benchmark")
        env = {
            **os.environ,
            "COACH_HOME": str(home),
            "TERM": "xterm-256color",
            "PATH": f"{tools}:{os.environ['PATH']}",
            "VOICE_LOG": str(log),
            "REAL_ESPEAK": shutil.which("espeak-ng") or "",
        }
        env.pop("COACH_VOICE", None)
        print(f"{routine}: a whole session at real speed ({starts[-1][0]:.0f} s) ...")
        app = PtyProcess([*COACH, "start", routine, "--voice"], env)
        app.read_until(b"before you start")
        app.send(b"\x1b")  # skip the pain check
        app.read_until(b"voice on")
        began = time.time()
        updates: list[float] = []
        deadline = time.monotonic() + total + extra_s
        while time.monotonic() < deadline:
            chunk_before = len(app.output)
            with contextlib.suppress(TimeoutError):
                app.read_until(b"\x00", timeout=0.05)
            if len(app.output) > chunk_before:
                updates.append(time.time())
            if b"after the session" in app.output[-4000:]:
                break
        app.drain(6)  # "Done" is spoken after the session screen closes
        app.stop()
        report(log, began, starts, updates)


def report(log: Path, began: float, starts: list[tuple[float, str]], updates: list[float]) -> None:
    rows = [line.split(" ", 2) for line in log.read_text().splitlines()]
    said = sorted((float(a) - began, float(b) - began, text) for a, b, text in rows)
    print(f"\n{len(said)} announcements (time from the session start, step, lag):")
    lags = []
    for start, end, text in said:
        step_at, label = max((s for s in starts if s[0] <= start + 0.5), default=(0.0, "?"))
        lag = start - step_at
        lags.append(lag)
        print(f"  {start:7.2f}-{end:7.2f}  {label:<32} +{lag:4.2f} s  {text}")
    overlaps = [(a, b) for a, b in itertools.pairwise(said) if b[0] < a[1] - 0.02]
    print(f"\nOverlapping announcements: {len(overlaps)}")
    if lags:
        print(
            f"Lag from step start to announcement: median {statistics.median(lags):.2f} s, "
            f"max {max(lags):.2f} s"
        )
    speaking = [(a + began, b + began) for a, b, _ in said]
    gaps = {"speaking": 0.0, "silent": 0.0}
    for earlier, later in itertools.pairwise(updates):
        during = any(a <= later and earlier <= b for a, b in speaking)
        key = "speaking" if during else "silent"
        gaps[key] = max(gaps[key], later - earlier)
    print(
        f"Longest pause between screen updates: {gaps['speaking']:.2f} s while speaking, "
        f"{gaps['silent']:.2f} s while silent ({len(updates)} updates)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--routine", default="daily-core")
    parser.add_argument("--extra", type=float, default=10, help="seconds of slack at the end")
    args = parser.parse_args()
    run(args.routine, args.extra)


if __name__ == "__main__":
    main()
