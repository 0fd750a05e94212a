"""The two breathing tones, made by the program itself as small WAV files.

Breathing is marked by sound rather than words (words every four seconds would keep the mind
busy, the opposite of what slow breathing is for). The two tones differ in every way a
half-listening ear picks up: the in-tone glides *up* a fifth in a middle register and is short;
the out-tone glides *down* from lower and lasts longer, like the breath it marks. Both start
and end softly (raised-cosine edges), so neither clicks or startles.

The files are written once to the cache folder with the standard library's ``wave`` module and
rewritten only when missing or when the tone design (``TONE_VERSION``) changes.
"""

from __future__ import annotations

import io
import math
import os
import tempfile
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from coach.locations import make_private_dir

__all__ = ["SAMPLE_RATE", "TONES", "TONE_VERSION", "Tone", "ToneName", "render", "tone_files"]

ToneName = Literal["in", "out"]
SAMPLE_RATE = 22_050
TONE_VERSION = 1
"""Part of the file names: raise it when a tone changes so old cached files are not used."""


@dataclass(frozen=True)
class Tone:
    """A soft sine glide from one pitch to another."""

    start_hz: float
    end_hz: float
    seconds: float
    volume: float = 0.22
    edge_s: float = 0.09


TONES: dict[ToneName, Tone] = {
    "in": Tone(start_hz=330.0, end_hz=495.0, seconds=0.45),
    "out": Tone(start_hz=392.0, end_hz=262.0, seconds=0.7, edge_s=0.15),
}


def _samples(tone: Tone) -> array[int]:
    count = round(tone.seconds * SAMPLE_RATE)
    edge = max(1, round(tone.edge_s * SAMPLE_RATE))
    out = array("h", bytes(2 * count))
    phase = 0.0
    for i in range(count):
        progress = i / count
        # Glide on a log scale, as the ear hears pitch.
        frequency = tone.start_hz * (tone.end_hz / tone.start_hz) ** progress
        phase += 2 * math.pi * frequency / SAMPLE_RATE
        envelope = 1.0
        if i < edge:
            envelope = 0.5 - 0.5 * math.cos(math.pi * i / edge)
        elif i >= count - edge:
            envelope = 0.5 - 0.5 * math.cos(math.pi * (count - 1 - i) / edge)
        # A little second harmonic makes it warmer than a bare sine, still soft.
        value = math.sin(phase) + 0.15 * math.sin(2 * phase)
        out[i] = round(32767 * tone.volume * envelope * value / 1.15)
    return out


def render(name: ToneName) -> bytes:
    """The WAV file (16-bit mono) of one tone, as bytes."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(SAMPLE_RATE)
        writer.writeframes(_samples(TONES[name]).tobytes())
    return buffer.getvalue()


def tone_files(folder: Path) -> dict[str, Path]:
    """Both tones as files in ``folder``, written now if missing; raises OSError if it can't."""
    make_private_dir(folder)  # 0700 and files 0600 (mkstemp), whatever the umask
    files: dict[str, Path] = {}
    for name in TONES:
        path = folder / f"breath-{name}-v{TONE_VERSION}.wav"
        if not path.is_file():
            handle, temp = tempfile.mkstemp(dir=folder, prefix=".tone-", suffix=".wav")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(render(name))
                Path(temp).replace(path)
            except OSError:
                Path(temp).unlink(missing_ok=True)
                raise
        files[name] = path
    return files
