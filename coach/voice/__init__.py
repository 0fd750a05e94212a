"""Eyes-closed coaching: spoken cues and breathing tones, through the system's own programs.

No Textual here (a test checks): the screen and the plain runner both call ``start_voice``
and subscribe the ``VoiceCoach`` it returns to their session, like the journal's recorder.

* ``backends``  finds espeak-ng / spd-say / say and paplay / pw-play / aplay / afplay
* ``tones``     makes the two breathing tones (WAV, standard library)
* ``channel``   one cue at a time, urgent replaces stale, nothing plays late
* ``speaker``   runs the channel on a background thread
* ``script``    which steps speak, with what words and how urgently
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coach import locations
from coach.engine.clock import Clock
from coach.engine.plan import Plan
from coach.settings import VoiceSettings
from coach.voice.backends import ProgramOutput, SoundPlayer, SpeechProgram, find_player, find_speech
from coach.voice.channel import Channel, Output
from coach.voice.script import VoiceCoach, voice_options
from coach.voice.speaker import Speaker
from coach.voice.tones import tone_files

__all__ = [
    "NO_SPEECH_NOTICE",
    "VOICE_ENV",
    "Backends",
    "VoiceCoach",
    "find_backends",
    "start_voice",
    "voice_disabled_by_env",
]

VOICE_ENV = "COACH_VOICE"
"""``COACH_VOICE=off`` keeps coach silent whatever the settings say (a shared room, tests)."""
NO_SPEECH_NOTICE = (
    "Voice off: no speech program found. Install espeak-ng (or speech-dispatcher); "
    "macOS has say built in."
)


@dataclass(frozen=True)
class Backends:
    """The speech program and sound player this machine has (either may be missing)."""

    speech: SpeechProgram | None
    player: SoundPlayer | None


def find_backends(settings: VoiceSettings) -> Backends:
    """Look for the programs now (a few PATH lookups: cheap, done when a session starts)."""
    return Backends(find_speech(settings.program), find_player())


def voice_disabled_by_env() -> bool:
    """True when ``COACH_VOICE`` says off (also 0, no, false)."""
    return os.environ.get(VOICE_ENV, "").strip().lower() in ("off", "0", "no", "false")


def _no_speech_notice(settings: VoiceSettings) -> str:
    if settings.program != "auto":
        return f'Voice off: {settings.program} was not found. Set program = "auto" to use another.'
    return NO_SPEECH_NOTICE


def start_voice(
    settings: VoiceSettings,
    plan: Plan,
    clock: Clock,
    bell: Callable[[], None],
    *,
    plain: bool = False,
    enabled: bool | None = None,
    output: Output | None = None,
) -> tuple[VoiceCoach | None, str | None]:
    """The voice for one session (None when it would say nothing) and a notice for the user.

    ``output`` replaces the real programs (tests); without it the programs are looked up now
    and the breathing tones written to the cache folder if missing. ``clock`` must be the
    session's, so cues fall due in the session's time. ``enabled`` (``--voice`` /
    ``--no-voice``) overrides the setting for this session.
    """
    if not (settings.enabled if enabled is None else enabled):
        return None, None
    options = voice_options(settings, plan, plain=plain)
    notice = None
    if output is None:
        if voice_disabled_by_env():
            return None, None
        backends = find_backends(settings)
        if backends.speech is None and options.announce:
            notice = _no_speech_notice(settings)
            options = dataclasses.replace(options, announce=frozenset())
        tones: dict[str, Path] = {}
        if options.breathing == "tones" and backends.player is not None:
            with contextlib.suppress(OSError):  # no cache folder: the bell marks breaths
                tones = tone_files(locations.cache_dir())
        output = ProgramOutput(backends.speech, backends.player, tones, bell, settings.rate)
    if options.silent:
        return None, notice
    return VoiceCoach(Speaker(Channel(output, clock)), options), notice
