"""The ``coach`` command line.

Argument parsing only: each subcommand lives in ``coach.commands`` and is imported when it
runs, so ``coach routines list`` never loads Textual, and a broken optional part can't stop
the others. Exit codes: 0 success, 1 a problem the message explains, 2 a usage error,
128 + N when stopped by signal N (130 for Ctrl-C).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from coach import __version__

__all__ = ["build_parser", "main"]

SIDES = ("left", "right")


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        message = f"expected a number such as 2 or 30, found {text!r}"
        raise argparse.ArgumentTypeError(message) from None
    if not 0 < value <= 1000:
        raise argparse.ArgumentTypeError(f"expected a speed above 0 and at most 1000, found {text}")
    return value


def pain_score(text: str) -> int:
    """A pain score: a whole number from 0 (no pain) to 10 (worst imaginable)."""
    stripped = text.strip()
    if not stripped.isdigit() or not 0 <= int(stripped) <= 10:
        raise argparse.ArgumentTypeError(
            f"pain is a whole number from 0 (no pain) to 10 (worst imaginable), found {text!r}"
        )
    return int(stripped)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (also used to check the documented commands in tests)."""
    parser = argparse.ArgumentParser(
        prog="coach",
        description="A terminal coach for back spasms and low back pain: guided core sessions, "
        "flare-up breathing and a private journal. Coaching, not medical care.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    start = commands.add_parser("start", help="run a routine as a guided session")
    start.add_argument("routine", metavar="ROUTINE", help="a routine id, or a path to a .toml")
    start.add_argument("--side", choices=SIDES, help="the painful side, for side-aware cues")
    start.add_argument(
        "--speed", type=_speed, default=1.0, help="run N times faster (a preview; not counted)"
    )
    start.add_argument("--plain", action="store_true", help="lines of text instead of the app")
    start.add_argument("--pain-before", type=pain_score, metavar="N", help="pain 0-10 before")
    start.add_argument("--pain-after", type=pain_score, metavar="N", help="pain 0-10 after")

    routines = commands.add_parser("routines", help="list, inspect and check routines")
    routine_commands = routines.add_subparsers(dest="routines_command", metavar="ACTION")
    routine_commands.required = True
    listing = routine_commands.add_parser("list", help="id, title, purpose and duration")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    show = routine_commands.add_parser("show", help="the plan of one routine")
    show.add_argument("id", metavar="ID", help="a routine id, or a path to a .toml")
    show.add_argument("--side", choices=SIDES, help="plan for this painful side")
    show.add_argument("--steps", action="store_true", help="list every step")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    validate = routine_commands.add_parser("validate", help="check routine or exercise files")
    validate.add_argument("paths", nargs="+", metavar="PATH")
    schema = routine_commands.add_parser("schema", help="JSON Schema of the routine format")
    schema.add_argument(
        "--exercise", action="store_true", help="the schema of exercise files instead"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "routines":
            from coach.commands import routines

            handler = {
                "list": routines.run_list,
                "show": routines.run_show,
                "validate": routines.run_validate,
                "schema": routines.run_schema,
            }[args.routines_command]
            return handler(args)
        if args.command == "start":
            from coach.commands.start import run_start

            return run_start(args)
        parser.print_help()
        return 0
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a traceback.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
