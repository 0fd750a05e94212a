"""The ``coach`` command line.

Argument parsing only: each subcommand lives in ``coach.commands`` and is imported when it
runs, so ``coach routines list`` never loads Textual, and a broken optional part can't stop
the others. Exit codes: 0 success, 1 a problem the message explains, 2 a usage error,
128 + N when stopped by signal N (130 for Ctrl-C).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from coach import __version__
from coach.limits import MAX_SPEED, MIN_SPEED

if TYPE_CHECKING:
    # argparse is imported when a parser is built: plain `coach` starts the app without it.
    import argparse

__all__ = ["build_parser", "main"]

SIDES = ("left", "right", "both")
"""``both``: both sides or the middle; no text then names a side as the painful one."""


def _speed(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        message = f"expected a number such as 2 or 30, found {text!r}"
        raise argparse.ArgumentTypeError(message) from None
    if not MIN_SPEED <= value <= MAX_SPEED:
        raise argparse.ArgumentTypeError(
            f"expected a speed from {MIN_SPEED:g} to {MAX_SPEED:g}, found {text}"
        )
    return value


def pain_score(text: str) -> int:
    """A pain score: a whole number from 0 (no pain) to 10 (worst imaginable)."""
    import argparse

    stripped = text.strip()
    if not stripped.isdigit() or not 0 <= int(stripped) <= 10:
        raise argparse.ArgumentTypeError(
            f"pain is a whole number from 0 (no pain) to 10 (worst imaginable), found {text!r}"
        )
    return int(stripped)


def _since(text: str) -> date:
    from coach.commands.journal import parse_since

    return parse_since(text)


def _days(text: str) -> int:
    import argparse

    if not text.isdigit() or not 1 <= int(text) <= 3660:
        raise argparse.ArgumentTypeError(
            f"expected a number of days from 1 to 3660, found {text!r}"
        )
    return int(text)


def _session_options(command: argparse.ArgumentParser) -> None:
    """The options ``start`` and ``flare`` share."""
    import argparse

    command.add_argument(
        "--speed", type=_speed, default=1.0, help="run N times faster (a preview; not counted)"
    )
    command.add_argument("--plain", action="store_true", help="lines of text instead of the app")
    command.add_argument("--pain-before", type=pain_score, metavar="N", help="pain 0-10 before")
    command.add_argument("--pain-after", type=pain_score, metavar="N", help="pain 0-10 after")
    command.add_argument(
        "--voice",
        action=argparse.BooleanOptionalAction,
        help="speak cues and mark breaths with tones (default: the voice setting)",
    )
    command.add_argument(
        "--red-flags-checked",
        action="store_true",
        help="you have read the red flags and none applies (needed for a flare routine "
        "without a terminal)",
    )


def _log_day(text: str) -> date:
    from coach.commands.log import parse_day

    return parse_day(text)


def _log_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``coach log``: what is done or felt outside a session (DOMAIN.md sections 4 and 6b)."""
    log = commands.add_parser("log", help="log a walk, the morning, a pain score or the PEG")
    kinds = log.add_subparsers(dest="log_command", metavar="WHAT")
    kinds.required = True
    walk = kinds.add_parser("walk", help="a walk: minutes, optional pain 0-10")
    walk.add_argument("minutes", type=_minutes, metavar="MINUTES")
    walk.add_argument("--pain", type=pain_score, metavar="N", help="pain 0-10 during the walk")
    morning = kinds.add_parser("morning", help="this morning against yesterday's")
    morning.add_argument("answer", choices=("worse", "same", "better"))
    pain = kinds.add_parser("pain", help="today's back pain 0-10, optional leg pain")
    pain.add_argument("pain", type=pain_score, metavar="N")
    pain.add_argument("--leg", type=pain_score, metavar="N", help="leg pain 0-10")
    peg = kinds.add_parser("peg", help="the weekly PEG: three scores 0-10 for the past week")
    peg.add_argument("pain", type=pain_score, metavar="PAIN", help="average pain")
    peg.add_argument("enjoyment", type=pain_score, metavar="ENJOYMENT", help="interference")
    peg.add_argument("activity", type=pain_score, metavar="ACTIVITY", help="interference")
    for command in (walk, morning, pain, peg):
        command.add_argument(
            "--date", type=_log_day, metavar="DAY", help="the day it is about (default today)"
        )


def _minutes(text: str) -> int:
    import argparse

    from coach.journal.logbook import MAX_WALK_MIN

    stripped = text.strip()
    if not stripped.isdigit() or not 1 <= int(stripped) <= MAX_WALK_MIN:
        raise argparse.ArgumentTypeError(
            f"minutes are a whole number from 1 to {MAX_WALK_MIN}, found {text!r}"
        )
    return int(stripped)


def _progress_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``coach progress``: each routine's level, and the person's answer to an offer."""
    progress = commands.add_parser("progress", help="each routine's level and any offer")
    progress.add_argument("--json", action="store_true", help="machine-readable output")
    actions = progress.add_subparsers(dest="progress_command", metavar="ACTION")
    accept = actions.add_parser("accept", help="take the level offered")
    decline = actions.add_parser("decline", help="stay at this level for now")
    choose = actions.add_parser("set", help="choose a level yourself")
    for action in (accept, decline, choose):
        action.add_argument("routine", metavar="ROUTINE", help="a routine id")
    choose.add_argument("level", type=int, metavar="LEVEL", help="1 is the first level")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (also used to check the documented commands in tests)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="coach",
        description="A terminal coach for back spasms and low back pain: guided core sessions, "
        "flare-up breathing and a private journal. Coaching, not medical care.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    start = commands.add_parser("start", help="run a routine as a guided session")
    start.add_argument("routine", metavar="ROUTINE", help="a routine id, or a path to a .toml")
    start.add_argument(
        "--side", choices=SIDES, help="the painful side (or both), for side-aware cues"
    )
    _session_options(start)

    flare = commands.add_parser("flare", help="the flare-up protocol (red-flag check first, once)")
    flare.add_argument("--side", choices=SIDES, help="the painful side, or both / the middle")
    _session_options(flare)

    history = commands.add_parser("history", help="sessions, newest first")
    history.add_argument("--since", type=_since, metavar="PERIOD", help="e.g. 7d, 4w, 2026-11-01")
    history.add_argument("--json", action="store_true", help="machine-readable output")
    stats = commands.add_parser("stats", help="adherence, streak and pain trend")
    stats.add_argument("--days", type=_days, default=28, help="the window (default 28 days)")
    stats.add_argument("--json", action="store_true", help="machine-readable output")
    export = commands.add_parser("export", help="the journal as CSV or JSON")
    export.add_argument("--format", choices=("csv", "json"), required=True)
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    importing = commands.add_parser("import", help="add sessions from a JSON export")
    importing.add_argument("file", metavar="FILE")
    report = commands.add_parser("report", help="a one-page summary for a physio")
    report.add_argument("--since", type=_since, metavar="PERIOD", help="default 4w")
    report.add_argument(
        "--format", choices=("md", "html"), default="md", help="Markdown (default) or HTML"
    )
    report.add_argument("--sessions", action="store_true", help="add the full session list")
    report.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    _log_parser(commands)
    _progress_parser(commands)
    learn = commands.add_parser("learn", help="today's education card, with its source")
    learn.add_argument("--all", action="store_true", help="every card")
    learn.add_argument("--json", action="store_true", help="machine-readable output")

    doctor = commands.add_parser(
        "doctor", help="check paths, journal, routines, voice and terminal; exit 1 on a problem"
    )
    doctor.add_argument("--json", action="store_true", help="machine-readable output")
    routines = commands.add_parser("routines", help="list, inspect and check routines")
    routine_commands = routines.add_subparsers(dest="routines_command", metavar="ACTION")
    routine_commands.required = True
    listing = routine_commands.add_parser("list", help="id, title, purpose and duration")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    show = routine_commands.add_parser("show", help="the plan of one routine")
    show.add_argument("id", metavar="ID", help="a routine id, or a path to a .toml")
    show.add_argument("--side", choices=SIDES, help="plan for this painful side")
    show.add_argument("--steps", action="store_true", help="list every step")
    show.add_argument(
        "--level", type=int, metavar="N", help="plan at progression level N (default: yours)"
    )
    show.add_argument("--json", action="store_true", help="machine-readable output")
    validate = routine_commands.add_parser("validate", help="check routine or exercise files")
    validate.add_argument("paths", nargs="+", metavar="PATH")
    schema = routine_commands.add_parser("schema", help="JSON Schema of the routine format")
    schema.add_argument(
        "--exercise", action="store_true", help="the schema of exercise files instead"
    )
    return parser


def _has_terminal() -> bool:
    """A terminal the app can use (``TERM=dumb`` cannot draw it: plain text then)."""
    dumb = os.environ.get("TERM") == "dumb"
    return sys.stdin.isatty() and sys.stdout.isatty() and not dumb


def _run_app(args: argparse.Namespace, routine: str | None) -> int:
    """The Textual app, straight into a routine or the flare-up flow when asked."""
    from coach.tui import create_app

    app = create_app(
        routine,
        flare=args.command == "flare",
        side=getattr(args, "side", None),
        speed=getattr(args, "speed", 1.0),
        voice=getattr(args, "voice", None),
        pain_before=getattr(args, "pain_before", None),
        pain_after=getattr(args, "pain_after", None),
    )
    app.run()
    return app.return_code or 0


def _run_session(args: argparse.Namespace) -> int:
    """``start`` and ``flare``: the routine is found first (exit 1 naming the ids if not),
    then plain text without a terminal or with ``--plain``, else the app."""
    from coach.commands.start import find, run_plain
    from coach.flow.resolve import FLARE_ROUTINE

    found = find(args.routine if args.command == "start" else FLARE_ROUTINE, sys.stderr)
    if found is None:
        return 1
    if args.plain or not _has_terminal():
        if not args.plain:
            print("coach: no terminal, so running in plain text (--plain).", file=sys.stderr)
        return run_plain(args, found)
    return _run_app(args, found.routine.id)


def _run_plain_home(parser: argparse.ArgumentParser) -> int:
    """``coach`` where the app cannot be drawn: home in plain lines, then (when stdin is a
    terminal, as over a serial line or in an editor's shell) a one-line menu whose answers
    run ``coach start DAILY --plain`` or ``coach flare --plain``."""
    from coach.commands.start import _settings
    from coach.journal import Journal, now_local
    from coach.plain_home import menu, show_home
    from coach.routine import load_default_library

    settings = _settings(sys.stderr)
    with Journal() as journal:
        show_home(journal, load_default_library(), settings, now_local(), sys.stdout)
    if not sys.stdin.isatty():
        return 0

    def start(routine: str | None) -> int:
        words = ["flare"] if routine == "flare" else ["start", settings.daily_routine]
        return _run_session(parser.parse_args([*words, "--plain"]))

    sys.stdout.flush()
    return menu(input, start, sys.stdout)


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Run the command ``args`` names; returns its exit code."""
    if args.command == "routines":
        from coach.commands import routines

        handler = {
            "list": routines.run_list,
            "show": routines.run_show,
            "validate": routines.run_validate,
            "schema": routines.run_schema,
        }[args.routines_command]
        return handler(args)
    if args.command in ("start", "flare"):
        return _run_session(args)
    if args.command is None:
        if not _has_terminal():
            return _run_plain_home(parser)
        return _run_app(args, None)
    if args.command == "doctor":
        from coach.commands.doctor import run_doctor

        return run_doctor(args)
    if args.command in ("log", "progress", "learn"):
        import importlib

        return int(importlib.import_module(f"coach.commands.{args.command}").run(args))
    if args.command in ("history", "stats", "export", "import", "report"):
        from coach.commands import journal

        return {
            "history": journal.run_history,
            "stats": journal.run_stats,
            "export": journal.run_export,
            "import": journal.run_import,
            "report": journal.run_report,
        }[args.command](args)
    parser.print_help()  # pragma: no cover - every command is handled above
    return 2


_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _output_failed(exc: OSError) -> bool:
    """True when ``exc`` is standard output failing (a full disk, ``/dev/full``): a write
    error that names no file. Files coach writes itself are handled where they are written."""
    return exc.filename is None and exc.errno in _OUTPUT_ERRNOS


def _detach_stdout() -> None:
    """Point standard output at ``/dev/null`` so that Python's own flush at exit cannot fail
    a second time and print a traceback after our one-line message."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the command; returns the exit code.

    Standard output is flushed here, so that a full disk behind it (``> /dev/full``) is a
    one-line error and exit 1 from every command, and a pipe closed early (``| head``) ends
    quietly, never a traceback at exit.
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments and _has_terminal():
        # Plain ``coach`` in a terminal: the app, without building the parser (its first
        # frame is timed against a bare Textual app: benchmarks/tui_bench.py).
        no_command = cast("argparse.Namespace", SimpleNamespace(command=None))
        return _guarded(lambda: _run_app(no_command, None))
    parser = build_parser()
    args = parser.parse_args(arguments)
    return _guarded(lambda: _dispatch(parser, args))


def _guarded(run: Callable[[], int]) -> int:
    """``run()``, with every error a command can meet turned into a one-line message."""
    from coach.errors import SettingsError
    from coach.journal.db import JournalError

    try:
        code = run()
        sys.stdout.flush()
        return code
    except (JournalError, SettingsError) as exc:
        from coach.textsafe import visible

        print(f"coach: {visible(str(exc))}", file=sys.stderr)  # may quote paths and values
        return 1
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a word.
        _detach_stdout()
        return 0
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if _output_failed(exc):
            _detach_stdout()
            print(f"coach: cannot write the output: {reason}", file=sys.stderr)
        else:
            name = f" ({exc.filename})" if exc.filename else ""
            print(f"coach: {reason}{name}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
