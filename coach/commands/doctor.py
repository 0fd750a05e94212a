"""``coach doctor``: is everything in place? One line per area, exit 1 when something is wrong.

It looks, and never changes anything: the settings file is parsed, routines loaded, the
journal opened read-only (integrity check, session count, schema version), the speech and
sound programs looked up (a silent test sound is played to see the player works), and the
terminal measured. Each line is ``ok``, ``note`` (worth knowing, nothing broken) or
``PROBLEM`` (with what to do); the exit code is 1 when any line is a problem.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import wave
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal, TextIO

from coach import __version__, locations
from coach.journal.db import SCHEMA_VERSION, JournalError, access_problems, check_journal
from coach.journal.liveness import RunningSession, still_running, this_machine
from coach.settings import Settings, load_settings
from coach.textsafe import one_line, printable, visible
from coach.voice import VOICE_ENV, find_backends, voice_disabled_by_env
from coach.voice.backends import SoundPlayer

__all__ = [
    "MIN_COLUMNS",
    "MIN_ROWS",
    "Check",
    "check_config",
    "check_journal_file",
    "check_routines",
    "check_terminal",
    "check_voice",
    "run_doctor",
]

Status = Literal["ok", "note", "problem"]
MIN_COLUMNS, MIN_ROWS = 80, 24
"""The app is laid out for at least 80 x 24."""


@dataclass(frozen=True)
class Check:
    """One finding."""

    area: str
    status: Status
    detail: str


def check_config() -> tuple[list[Check], Settings]:
    """The settings file: where it is, whether it loads, and whether each key, theme and
    routine it names exists (the settings in use come back, each wrong one at its default)."""
    from coach.routine import load_default_library
    from coach.settings_check import check_settings

    loaded = load_settings()
    checked = check_settings(loaded, routine_ids=set(load_default_library().routines))
    problems = [*loaded.problems, *checked.problems]
    if problems:
        found = [Check("config", "problem", printable(str(problem))) for problem in problems]
        return found, checked.settings
    state = "loads cleanly" if loaded.path.exists() else "not written yet: the defaults apply"
    return [Check("config", "ok", f"{loaded.path} ({state})")], checked.settings


def check_routines() -> list[Check]:
    """Built-in and user routines: how many loaded from where, and every broken file.

    A routines folder of yours that cannot be read (a file, a link to nothing, no permission)
    takes the place of the "of yours" line: "0 of yours" would hide why."""
    from coach.routine import load_default_library
    from coach.routine.folders import EXERCISES

    library = load_default_library()
    builtin_dir = locations.builtin_routines_dir()
    user_dir = locations.user_routines_dir()
    builtin = sum(1 for r in library.routines.values() if r.path.is_relative_to(builtin_dir))
    yours = len(library.routines) - builtin
    folders = (user_dir, user_dir / EXERCISES)
    unreadable = [p for p in library.problems if p.path in folders and p.line is None]
    found = [
        Check(
            "routines",
            "ok" if builtin else "problem",
            f"{builtin} built-in in {builtin_dir}" + ("" if builtin else ": none found"),
        ),
    ]
    found.extend(Check("routines", "problem", f"{yours} of yours: {p}") for p in unreadable)
    if not unreadable:
        found.append(Check("routines", "ok", f"{yours} of yours in {user_dir}"))
    others = [problem for problem in library.problems if problem not in unreadable]
    found.extend(Check("routines", "problem", str(problem)) for problem in others)
    return found


def _running_notes(running: Iterable[RunningSession]) -> list[Check]:
    """A note per session marked running: who runs it, or what coach will do with it (doctor
    itself only looks; the next coach to open the journal marks a dead one interrupted)."""
    machine = this_machine()
    found = []
    for session in running:
        try:
            when = datetime.fromisoformat(session.started_at).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            when = session.started_at
        what = one_line(f"a session of {session.routine_title} started {when}")
        if still_running(session, machine):
            fate = f"is still running in process {session.pid}"
        else:
            fate = (
                "is marked running but its coach is gone; it will be marked interrupted "
                "the next time coach opens the journal, with the steps it recorded"
            )
        found.append(Check("journal", "note", f"{what} {fate}"))
    return found


def check_journal_file() -> list[Check]:
    """The journal, read-only: who may write and read it, integrity, sessions, schema version,
    and sessions left marked running."""
    path = locations.journal_file()
    if path.is_symlink() and not path.exists():
        return [
            Check(
                "journal",
                "problem",
                f"{path} is a symlink to {path.readlink()}, which does not exist",
            )
        ]
    if not path.exists():
        return [Check("journal", "ok", f"{path} (not created yet: the first session makes it)")]
    access = [Check("journal", "problem", problem) for problem in access_problems(path)]
    try:
        health = check_journal(path)
    except JournalError as exc:
        return [Check("journal", "problem", str(exc)), *access]  # what it is, first
    running = _running_notes(health.running)
    if access:
        return [*access, *running]
    detail = (
        f"{path}: integrity {health.integrity}, {health.sessions} "
        f"session{'' if health.sessions == 1 else 's'}, "
        f"schema version {health.version} of {SCHEMA_VERSION}"
    )
    if health.integrity != "ok":
        return [Check("journal", "problem", f"{detail}. Back it up before anything else")]
    if health.version < SCHEMA_VERSION:
        return [Check("journal", "note", f"{detail} (updated on the next session)"), *running]
    return [Check("journal", "ok", detail), *running]


def _program_version(argv: list[str]) -> str:
    try:
        result = subprocess.run(argv, capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    lines = (result.stdout or result.stderr).strip().splitlines()
    if not lines or result.returncode != 0:
        return ""
    # espeak-ng adds "  Data at: <folder>" on the same line: keep the name and number.
    return lines[0].split("  ")[0].strip()


def _player_works(player: SoundPlayer) -> bool:
    """Play a tenth of a second of silence: does the player reach a sound device?"""
    with tempfile.TemporaryDirectory(prefix="coach-doctor-") as folder:
        sound = Path(folder) / "silence.wav"
        with wave.open(str(sound), "wb") as writer:
            writer.setnchannels(1)
            writer.setsampwidth(2)
            writer.setframerate(22_050)
            writer.writeframes(bytes(2 * 2_205))
        try:
            result = subprocess.run(player.argv(sound), capture_output=True, timeout=5, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return False
        return result.returncode == 0


def check_voice(settings: Settings) -> list[Check]:
    """Which speech program and sound player were found, and whether the voice can work."""
    voice = settings.voice
    backends = find_backends(voice)
    found: list[Check] = []
    if voice_disabled_by_env():
        found.append(Check("voice", "note", f"off for now: {VOICE_ENV} is set to off"))
    elif not voice.enabled:
        found.append(Check("voice", "note", "off in the settings (voice.enabled = false)"))
    if backends.speech is None:
        wanted = voice.enabled and not voice_disabled_by_env()
        which = "any of espeak-ng, spd-say, say" if voice.program == "auto" else voice.program
        found.append(
            Check(
                "voice",
                "problem" if wanted else "note",
                f"no speech program found ({which}). Install espeak-ng, or set "
                "voice.enabled = false",
            )
        )
    else:
        speech = backends.speech
        # macOS say has no version flag; the others print theirs.
        version = "" if speech.name == "say" else _program_version([speech.path, "--version"])
        about = f" ({version})" if version else ""
        found.append(
            Check("voice", "ok", f"{speech.name} at {speech.path}{about}, {voice.rate} wpm")
        )
    if backends.player is None:
        found.append(
            Check(
                "sound",
                "note",
                "no sound player (paplay, pw-play, aplay, afplay): breaths "
                "ring the terminal bell instead",
            )
        )
    elif _player_works(backends.player):
        found.append(Check("sound", "ok", f"{backends.player.name} at {backends.player.path}"))
    else:
        found.append(
            Check(
                "sound",
                "note",
                f"{backends.player.name} could not play a test sound (no "
                "sound device?): breaths ring the terminal bell instead",
            )
        )
    return found


def _colours() -> tuple[Status, str]:
    term = os.environ.get("TERM", "")
    if "NO_COLOR" in os.environ:
        return "ok", "no colour (NO_COLOR is set); the app still marks everything with text"
    if term == "dumb":
        return "problem", "TERM=dumb: the app needs a real terminal (coach start --plain does not)"
    if os.environ.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        return "ok", "24-bit colour"
    if "256" in term:
        return "ok", "256 colours"
    return "ok", f"basic colours (TERM={term or 'unset'})"


def check_terminal(stream: TextIO) -> list[Check]:
    """Size and colours, when there is a terminal at all."""
    try:
        size = os.get_terminal_size(stream.fileno()) if stream.isatty() else None
    except (OSError, ValueError):
        size = None
    if size is None:
        return [
            Check(
                "terminal",
                "note",
                "output is not a terminal; the app needs one, coach start --plain does not",
            )
        ]
    status, colours = _colours()
    found = [Check("terminal", status, colours)]
    shape = f"{size.columns}x{size.lines}"
    if size.columns < MIN_COLUMNS or size.lines < MIN_ROWS:
        found.append(
            Check(
                "terminal",
                "problem",
                f"{shape}: the app needs at least {MIN_COLUMNS}x{MIN_ROWS}; enlarge the window",
            )
        )
    else:
        found.append(Check("terminal", "ok", f"{shape}"))
    return found


def run_doctor(args: argparse.Namespace, out: TextIO = sys.stdout) -> int:
    """``coach doctor [--json]``: print every finding; 1 when any is a problem."""
    config, settings = check_config()
    checks = [
        *config,
        *check_routines(),
        *check_journal_file(),
        *check_voice(settings),
        *check_terminal(out),
    ]
    problems = [check for check in checks if check.status == "problem"]
    if args.json:
        report = {
            "version": __version__,
            "ok": not problems,
            "checks": [asdict(check) for check in checks],
        }
        print(json.dumps(report, indent=2), file=out)
        return 1 if problems else 0
    print(f"coach {__version__} doctor", file=out)
    for check in checks:
        mark = {"ok": "ok", "note": "note", "problem": "PROBLEM"}[check.status]
        # Details quote file names and values: anything unseen is shown as an escape.
        print(f"  {mark:<8} {check.area:<9} {visible(check.detail)}", file=out)
    if problems:
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        print(f"{count}: {problems[0].area}: {visible(problems[0].detail)}", file=out)
        return 1
    print("All well.", file=out)
    return 0
