"""``coach start ROUTINE`` and ``coach flare``: run a session in plain text and record it.

With a terminal on stdin the runner asks for pain before and after (a number or Enter) and an
optional note; without one it reads no keys and takes pain only from ``--pain-before`` and
``--pain-after``. The session is written to the journal as it goes by the same ``Recorder`` the
Textual app uses. SIGINT and SIGTERM end it early, saved; exit code 128 + the signal number.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from coach.commands.prompts import Ask, ask_note, ask_pain, ask_side, ask_yes
from coach.commands.routines import find_routine
from coach.engine.clock import Clock, MonotonicClock, ScaledClock
from coach.engine.plan import Side, build_plan
from coach.engine.session import Session
from coach.journal import Journal, now_local
from coach.journal.recorder import Recorder
from coach.plain import PlainRunner, Stopped, stdin_keys, summary_line
from coach.routine import ResolvedRoutine
from coach.safety import RED_FLAGS_ACK_KEY, red_flags_text
from coach.settings import Settings, VoiceSettings, load_settings
from coach.voice import start_voice

__all__ = ["FLARE_ROUTINE", "SessionRequest", "run_flare", "run_session", "run_start"]

FLARE_ROUTINE = "flare-up"
VOICE_GRACE_S = 5.0
"""How long the end of a session may wait for the voice to start its last words."""


@dataclass
class SessionRequest:
    """What to run and how, gathered from flags and (on a terminal) questions."""

    routine: ResolvedRoutine
    side: Side | None
    speed: float
    pain_before: int | None
    pain_after: int | None
    flare: bool
    voice: VoiceSettings
    voice_enabled: bool | None = None
    """``--voice`` / ``--no-voice``, over the setting (None: the setting)."""


def _settings(err: TextIO) -> Settings:
    loaded = load_settings()
    for problem in loaded.problems:
        print(f"coach: settings ignored: {problem}", file=err)
    return loaded.settings


def _terminal_bell(out: TextIO) -> Callable[[], None]:
    """The bell for breath tones when no player is found: only on a terminal, never in a file."""

    def ring() -> None:
        if out.isatty():
            out.write("\a")
            out.flush()

    return ring


def run_session(
    request: SessionRequest,
    journal: Journal,
    out: TextIO,
    ask: Ask | None,
) -> int:
    """Run one recorded session in plain text; ``ask`` is None without a terminal."""
    plan = build_plan(request.routine, request.side)
    clock: Clock = MonotonicClock() if request.speed == 1 else ScaledClock(request.speed)
    session = Session(plan, clock)
    recorder = Recorder(
        journal, plan, speed=request.speed, pain_before=request.pain_before, flare=request.flare
    )
    session.subscribe(recorder)
    if request.speed != 1:
        print(f"Preview at {request.speed:g}x speed: saved, but never counted.", file=out)
    voice, notice = start_voice(
        request.voice, plan, clock, _terminal_bell(out), plain=True, enabled=request.voice_enabled
    )
    if notice:
        print(notice, file=out)
    if voice is not None:
        session.subscribe(voice)
    keys = stdin_keys() if ask is not None else None
    runner = PlainRunner(session, out, speed=request.speed, keys=keys)
    try:
        with keys.active() if keys is not None else contextlib.nullcontext():
            summary = runner.run()
        if voice is not None:
            voice.close(wait_s=VOICE_GRACE_S)  # let "Done" start before the questions
    except Stopped as stop:
        if voice is not None:
            voice.stop()
        if recorder.session_id is not None and request.pain_after is not None:
            journal.set_pain_after(recorder.session_id, request.pain_after)
        print(summary_line(session.summary(), plan.title, interrupted=True), file=out)
        return 128 + stop.signum
    pain_after = request.pain_after
    note = None
    if ask is not None:
        if pain_after is None:
            pain_after = ask_pain("Pain now, after the session", ask, out)
        note = ask_note(ask)
    if recorder.session_id is not None:
        journal.set_pain_after(recorder.session_id, pain_after)
        journal.set_note(recorder.session_id, note)
    change = ""
    if request.pain_before is not None and pain_after is not None:
        change = f" Pain {request.pain_before} → {pain_after}."
    print(summary_line(summary, plan.title) + change, file=out)
    return 0


def _interactive_ask() -> Ask | None:
    return input if sys.stdin.isatty() else None


def _confirm_red_flags(journal: Journal, ask: Ask | None, out: TextIO) -> bool:
    """Show the red flags until acknowledged once; False when one applies (don't start)."""
    if journal.get_meta(RED_FLAGS_ACK_KEY) is not None:
        return True
    print(red_flags_text(), file=out)
    print(file=out)
    if ask is None:
        return True  # no one to ask: shown, not acknowledged, so shown again next time
    if ask_yes("Do any of these apply to you now?", ask):
        print(
            "Please seek medical help now (emergency care for the first list). "
            "coach will not start a session.",
            file=out,
        )
        return False
    journal.set_meta(RED_FLAGS_ACK_KEY, now_local().isoformat(timespec="seconds"))
    return True


def run_start(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """``coach start ROUTINE``."""
    settings = _settings(err)
    found = find_routine(args.routine, err)
    if found is None:
        return 1
    library, resolved = found
    ask = _interactive_ask()
    with Journal() as journal:
        pain_before = args.pain_before
        if pain_before is None and ask is not None:
            pain_before = ask_pain("Pain now, before you start", ask, out)
        flare = resolved.routine.purpose == "flare"
        if (
            pain_before is not None
            and pain_before >= settings.pain_threshold
            and not flare
            and FLARE_ROUTINE in library.routines
        ):
            print(
                f"Pain {pain_before} of 10: the flare-up protocol (coach flare) may suit "
                "today better.",
                file=out,
            )
            if ask is not None and ask_yes("Start the flare-up protocol instead?", ask):
                if not _confirm_red_flags(journal, ask, out):
                    return 1
                resolved, flare = library.routines[FLARE_ROUTINE], True
        request = SessionRequest(
            resolved, args.side, args.speed, pain_before, args.pain_after, flare,
            settings.voice, args.voice,
        )  # fmt: skip
        return run_session(request, journal, out, ask)


def run_flare(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """``coach flare``: red flags first (until acknowledged once), the side, then the session."""
    settings = _settings(err)
    found = find_routine(FLARE_ROUTINE, err)
    if found is None:
        return 1
    _, resolved = found
    ask = _interactive_ask()
    with Journal() as journal:
        if not _confirm_red_flags(journal, ask, out):
            return 1
        side: Side | None = args.side
        if side is None and ask is not None:
            side = ask_side(ask)
        pain_before = args.pain_before
        if pain_before is None and ask is not None:
            pain_before = ask_pain("Pain now, before you start", ask, out)
        request = SessionRequest(
            resolved,
            side,
            args.speed,
            pain_before,
            args.pain_after,
            True,
            settings.voice,
            args.voice,
        )
        return run_session(request, journal, out, ask)
