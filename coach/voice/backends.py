"""The system's own speech and sound programs, found at run time and run as subprocesses.

coach bundles no voice: every desktop already has one. Speech comes from espeak-ng (Linux),
spd-say (speech-dispatcher, the Linux screen readers' voice, so it uses the voice a
screen-reader user has set up) or ``say`` (macOS). Tones are played by paplay (PulseAudio and
PipeWire), pw-play, aplay (ALSA) or afplay (macOS); with none of them, or when the player
fails (no sound card), the terminal bell stands in.

Every program runs as a subprocess with its output thrown away, in a session of its own (a
Ctrl-C meant for coach does not reach it, and its complaints never scribble over the screen).
Starting one never waits for it: the channel polls ``done()``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.voice.channel import Cue, Handle

__all__ = [
    "PLAYERS",
    "SPEECH_PROGRAMS",
    "BellHandle",
    "ProcessHandle",
    "ProgramOutput",
    "SoundPlayer",
    "SpeechProgram",
    "find_player",
    "find_speech",
    "spawn",
]


@dataclass(frozen=True)
class SpeechProgram:
    """A text-to-speech command line."""

    name: str
    path: str

    def argv(self, text: str, rate: int) -> list[str]:
        """The command that says ``text`` at ``rate`` words a minute and exits when done."""
        # A leading space keeps a text that starts with "-" from reading as an option.
        words = f" {text}" if text.startswith("-") else text
        if self.name == "spd-say":
            # spd-say's rate is -100..100 around the voice's own default (about 160 wpm);
            # --wait keeps it running until spoken, so "done" means done.
            relative = max(-100, min(100, round((rate - 160) / 2)))
            return [self.path, "--wait", "--rate", str(relative), words]
        return [self.path, "-r" if self.name == "say" else "-s", str(rate), words]


@dataclass(frozen=True)
class SoundPlayer:
    """A command that plays a WAV file and exits when done."""

    name: str
    path: str

    def argv(self, sound: Path) -> list[str]:
        """The command that plays ``sound``."""
        if self.name == "aplay":
            return [self.path, "-q", str(sound)]
        return [self.path, str(sound)]


SPEECH_PROGRAMS: tuple[str, ...] = (
    ("say", "espeak-ng", "spd-say") if sys.platform == "darwin" else ("espeak-ng", "spd-say", "say")
)
"""Speech programs in the order they are tried."""
PLAYERS: tuple[str, ...] = (
    ("afplay", "paplay", "aplay") if sys.platform == "darwin" else ("paplay", "pw-play", "aplay")
)
"""Sound players in the order they are tried."""


def find_speech(preferred: str = "auto") -> SpeechProgram | None:
    """The speech program to use: ``preferred`` if it is installed, else the first found."""
    names = SPEECH_PROGRAMS if preferred == "auto" else (preferred,)
    for name in names:
        path = shutil.which(name)
        if path:
            return SpeechProgram(name, path)
    return None


def find_player() -> SoundPlayer | None:
    """The first sound player found, or None (then the terminal bell marks breaths)."""
    for name in PLAYERS:
        path = shutil.which(name)
        if path:
            return SoundPlayer(name, path)
    return None


class ProcessHandle:
    """A running program; ``done()`` polls it without waiting."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process

    def done(self) -> bool:
        """True once the program has exited."""
        return self.process.poll() is not None

    @property
    def failed(self) -> bool:
        """True if it exited with an error (a player with no sound card, say)."""
        return self.process.poll() not in (None, 0)

    def stop(self) -> None:
        """Stop it (pause, quit); it is reaped so no zombie is left behind."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=1)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class BellHandle:
    """The terminal bell: done the moment it rings."""

    def done(self) -> bool:
        """Always done."""
        return True

    def stop(self) -> None:
        """Nothing to stop."""


def spawn(argv: Sequence[str]) -> subprocess.Popen[bytes]:
    """Start a program detached from the terminal, its output discarded."""
    return subprocess.Popen(
        list(argv),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        close_fds=True,
    )


class ProgramOutput:
    """Says cues with a speech program and plays tones with a player (or rings the bell)."""

    def __init__(
        self,
        speech: SpeechProgram | None,
        player: SoundPlayer | None,
        tones: dict[str, Path],
        bell: Callable[[], None],
        rate: int = 160,
    ) -> None:
        self.speech = speech
        self.player = player
        self.tones = tones
        self.bell = bell
        self.rate = rate
        self._last_tone: ProcessHandle | None = None

    def start(self, cue: Cue) -> Handle:
        """Start speaking or playing; a program that can't start is a quiet failure."""
        try:
            if cue.tone is not None:
                return self._play(cue.tone)
            if self.speech is not None:
                return ProcessHandle(spawn(self.speech.argv(cue.text, self.rate)))
        except OSError:
            pass
        return BellHandle()

    def _play(self, tone: str) -> Handle:
        # A player that failed (no sound card) is given up for the bell from then on.
        if self._last_tone is not None and self._last_tone.failed:
            self.player = None
        sound = self.tones.get(tone)
        if self.player is None or sound is None:
            self.bell()
            return BellHandle()
        self._last_tone = ProcessHandle(spawn(self.player.argv(sound)))
        return self._last_tone
