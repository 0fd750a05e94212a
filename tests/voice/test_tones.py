"""The two breathing tones: valid soft WAV files, rising in, falling out, cached on disk."""

from __future__ import annotations

import io
import wave
from array import array
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

from coach.voice.tones import SAMPLE_RATE, TONES, ToneName, render, tone_files

NAMES: list[ToneName] = ["in", "out"]


@dataclass(frozen=True)
class Wav:
    """What a WAV file's header says, and its 16-bit samples."""

    channels: int
    sample_width: int
    rate: int
    frames: int
    samples: array[int]


def read(data: bytes) -> Wav:
    """Read WAV bytes back with the standard library."""
    with wave.open(io.BytesIO(data), "rb") as reader:
        samples = array("h")
        samples.frombytes(reader.readframes(reader.getnframes()))
        return Wav(
            reader.getnchannels(),
            reader.getsampwidth(),
            reader.getframerate(),
            reader.getnframes(),
            samples,
        )


def frequency(samples: array[int]) -> float:
    """Estimated pitch in Hz: sign changes (zeros skipped) per second, halved."""
    signs = [value > 0 for value in samples if value != 0]
    changes = sum(a != b for a, b in pairwise(signs))
    return changes / 2 / (len(samples) / SAMPLE_RATE)


@pytest.mark.parametrize("name", NAMES)
def test_each_tone_is_a_mono_16_bit_wav_of_its_length(name: ToneName) -> None:
    """Mono, 16-bit, 22050 Hz, as long as the tone's design says (within two frames)."""
    wav = read(render(name))
    assert wav.channels == 1
    assert wav.sample_width == 2
    assert wav.rate == 22_050 == SAMPLE_RATE
    assert abs(wav.frames - TONES[name].seconds * SAMPLE_RATE) <= 2
    assert len(wav.samples) == wav.frames


@pytest.mark.parametrize("name", NAMES)
def test_each_tone_is_soft_and_starts_and_ends_without_a_click(name: ToneName) -> None:
    """Peak well below full scale; the first and last samples (and their 5 ms) near zero."""
    samples = read(render(name)).samples
    peak = max(abs(value) for value in samples)
    assert 0.05 * 32767 < peak < 0.3 * 32767
    edge = int(0.005 * SAMPLE_RATE)
    assert abs(samples[0]) <= 30
    assert abs(samples[-1]) <= 30
    assert max(abs(v) for v in samples[:edge]) < 0.1 * peak
    assert max(abs(v) for v in samples[-edge:]) < 0.1 * peak


@pytest.mark.parametrize(("name", "rises"), [("in", True), ("out", False)])
def test_the_in_tone_rises_and_the_out_tone_falls(name: ToneName, rises: bool) -> None:
    """Pitch from zero crossings in the first and last quarter: in goes up, out comes down."""
    samples = read(render(name)).samples
    quarter = len(samples) // 4
    first, last = frequency(samples[:quarter]), frequency(samples[-quarter:])
    assert (last > first * 1.1) if rises else (last < first / 1.1), (first, last)
    tone = TONES[name]
    low, high = sorted((tone.start_hz, tone.end_hz))
    assert 0.8 * low < first < 1.2 * high
    assert 0.8 * low < last < 1.2 * high


def test_the_two_tones_differ() -> None:
    """In and out are different sounds, and the out-tone is the longer."""
    assert render("in") != render("out")
    assert TONES["out"].seconds > TONES["in"].seconds
    assert read(render("out")).frames > read(render("in")).frames


def test_rendering_is_repeatable() -> None:
    """The same tone renders to the same bytes (the cache can be trusted)."""
    assert render("in") == render("in")


# -- the cached files --------------------------------------------------------------------------


def test_tone_files_writes_both_tones(tmp_path: Path) -> None:
    """Both files exist in the folder, hold the rendered tones, and no temporary file is left."""
    folder = tmp_path / "cache" / "coach"
    files = tone_files(folder)
    assert set(files) == {"in", "out"}
    for name in NAMES:
        assert files[name].parent == folder
        assert files[name].read_bytes() == render(name)
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in files.values())


def test_a_second_call_does_not_rewrite_the_files(tmp_path: Path) -> None:
    """Cached: the same paths, the same inode and modification time."""
    first = tone_files(tmp_path)
    before = {name: (path.stat().st_ino, path.stat().st_mtime_ns) for name, path in first.items()}
    second = tone_files(tmp_path)
    assert second == first
    after = {name: (path.stat().st_ino, path.stat().st_mtime_ns) for name, path in second.items()}
    assert after == before


def test_a_missing_file_is_written_again(tmp_path: Path) -> None:
    """Delete the out-tone: the next call writes it back; the in-tone is left alone."""
    files = tone_files(tmp_path)
    kept = files["in"].stat().st_ino, files["in"].stat().st_mtime_ns
    files["out"].unlink()
    again = tone_files(tmp_path)
    assert again["out"].read_bytes() == render("out")
    assert (again["in"].stat().st_ino, again["in"].stat().st_mtime_ns) == kept


def test_a_folder_that_cannot_be_made_raises_oserror(tmp_path: Path) -> None:
    """A file where the folder should be: OSError (start_voice then falls back to the bell)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OSError):
        tone_files(blocker)
    with pytest.raises(OSError):
        tone_files(blocker / "inside")
