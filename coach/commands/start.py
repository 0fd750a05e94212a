"""``coach start ROUTINE``: run a routine as a guided session."""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TextIO

from coach.commands.routines import find_routine
from coach.engine.clock import Clock, MonotonicClock, ScaledClock
from coach.engine.plan import build_plan
from coach.engine.session import Session
from coach.plain import PlainRunner, Stopped, stdin_keys, summary_line

__all__ = ["run_start"]


def run_start(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the routine in plain text; exit 0 at the end, 128 + signal number when stopped."""
    found = find_routine(args.routine, err)
    if found is None:
        return 1
    _, resolved = found
    plan = build_plan(resolved, args.side)
    clock: Clock = MonotonicClock() if args.speed == 1 else ScaledClock(args.speed)
    session = Session(plan, clock)
    if args.speed != 1:
        print(f"Preview at {args.speed:g}x speed: not counted as a session.", file=out)
    keys = stdin_keys()
    runner = PlainRunner(session, out, speed=args.speed, keys=keys)
    try:
        with keys.active() if keys is not None else contextlib.nullcontext():
            summary = runner.run()
    except Stopped as stop:
        print(summary_line(session.summary(), plan.title, interrupted=True), file=out)
        return 128 + stop.signum
    print(summary_line(summary, plan.title), file=out)
    return 0
