"""``coach progress [--json]`` and ``coach progress accept|decline|set``: the progression ladders.

What is shown and what each answer records comes from ``coach.services.progress``; this
module only prints it. Going up needs the person's yes (``accept``); a step back the rules call
for is applied when the states are worked out and shown here with its reason.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from coach.journal import Journal, now_local
from coach.routine import load_default_library
from coach.services.progress import (
    ProgressError,
    RoutineProgress,
    accept,
    change_line,
    decline,
    progress_states,
    set_level,
)
from coach.textsafe import inert, one_line

__all__ = ["run"]


def _print_state(state: RoutineProgress, out: TextIO) -> None:
    print(
        f"{one_line(state.title)} ({state.routine_id}): level {state.level} of "
        f"{state.level_count}, {one_line(state.level_name)}",
        file=out,
    )
    print(f"  {one_line(state.dose)}", file=out)
    last = state.last_change
    if last is not None:
        print(f"  Last change {one_line(change_line(last))}", file=out)
    if state.offer is not None:
        offer = state.offer
        print(
            f"  Offered: level {offer.to_level}, {one_line(offer.name)}, after {offer.reason}. "
            f"Take it: coach progress accept {state.routine_id} · stay: coach progress decline "
            f"{state.routine_id}",
            file=out,
        )


def _listing(journal: Journal, as_json: bool, out: TextIO) -> int:
    states = progress_states(journal, load_default_library(), now_local())
    if as_json:
        json.dump([state.to_json() for state in states], out, indent=2, ensure_ascii=False)
        print(file=out)
        return 0
    if not states:
        print("No routine has a progression ladder.", file=out)
    for state in states:
        _print_state(state, out)
    return 0


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """The listing (exit 0), or an answer recorded (exit 0) or refused with a reason (exit 1)."""
    out, err = inert(out or sys.stdout), inert(err or sys.stderr)  # titles come from files
    action = getattr(args, "progress_command", None)
    with Journal() as journal:
        if action is None:
            return _listing(journal, bool(args.json), out)
        library = load_default_library()
        now = now_local()
        try:
            if action == "accept":
                message = accept(journal, library, args.routine, now)
            elif action == "decline":
                message = decline(journal, library, args.routine, now)
            else:
                message = set_level(journal, library, args.routine, args.level, now)
        except ProgressError as exc:
            print(f"coach: {exc}", file=err)
            return 1
    print(message, file=out)
    return 0
