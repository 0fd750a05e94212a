"""``coach start ROUTINE`` and ``coach flare`` in plain text: the one session flow, asked as
prompts on a terminal (or from flags without one), recorded by the same recorder as the app.

The flow (``coach.flow``) decides everything that is asked and what follows; this module only
gathers the flags, picks the front end and returns the exit code. SIGINT and SIGTERM end a
session early, saved; exit code 128 + the signal number.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from coach.commands.prompts import Ask
from coach.commands.routines import find_routine
from coach.flow.context import FlowContext, FlowRequest
from coach.flow.driver import drive
from coach.flow.resolve import FLARE_ROUTINE, Found
from coach.flow.session_flow import session_flow
from coach.journal import Journal, now_local
from coach.plain_flow import PlainFrontEnd
from coach.settings import Settings, load_settings

__all__ = ["find", "run_flare", "run_start"]


def _settings(err: TextIO) -> Settings:
    loaded = load_settings()
    for problem in loaded.problems:
        print(f"coach: settings ignored: {problem}", file=err)
    return loaded.settings


def find(name: str, err: TextIO) -> Found | None:
    """The routine ``name`` means, or None after saying why on ``err`` (exit 1)."""
    return find_routine(name, err)


def _interactive_ask() -> Ask | None:
    return input if sys.stdin.isatty() else None


def run_plain(
    args: argparse.Namespace,
    found: Found,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """Run the flow for ``found`` in plain text."""
    settings = _settings(err)
    ask = _interactive_ask()
    front = PlainFrontEnd(out, ask, settings.voice, args.voice)
    request = FlowRequest(
        found.routine,
        side=args.side,
        speed=args.speed,
        pain_before=args.pain_before,
        pain_after=args.pain_after,
        red_flags_checked=args.red_flags_checked,
    )
    with Journal() as journal:
        ctx = FlowContext(
            journal,
            found.library,
            now_local,
            interactive=ask is not None,
            red_from=settings.pain_threshold,
            on_notice=front.say,
        )
        return drive(session_flow(ctx, request), front).exit_code


def run_start(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """``coach start ROUTINE --plain`` (or without a terminal)."""
    found = find(args.routine, err)
    return 1 if found is None else run_plain(args, found, out, err)


def run_flare(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """``coach flare --plain``: the flare-up protocol through the same flow."""
    found = find(FLARE_ROUTINE, err)
    return 1 if found is None else run_plain(args, found, out, err)
