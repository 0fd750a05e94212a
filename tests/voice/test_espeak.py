"""The real espeak-ng: the command line coach builds is one the program accepts and speaks.

Each run writes a WAV file (``-w``) instead of playing it, so nothing is heard and no sound card
is needed. Skipped when espeak-ng is not installed, except under CI, where scripts/test.sh
installs it and its absence is a failure.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import wave
from array import array
from pathlib import Path

import pytest

from coach.voice.backends import SpeechProgram

pytestmark = pytest.mark.slow

SENTENCE = "Side bridge. On your left side, elbow under your shoulder"
LONGER = (
    "Bird dog. On hands and knees, hands under your shoulders, knees under your hips. "
    "Reach your left arm and right leg out, level with your back, and keep breathing."
)


@pytest.fixture
def espeak() -> str:
    """The path of espeak-ng; skip without it, fail without it under CI."""
    path = shutil.which("espeak-ng")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("espeak-ng is not installed, but CI is set (scripts/test.sh installs it)")
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng to run this test)")
    return path


def run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)


def speak_to_file(espeak: str, out: Path, text: str, rate: int = 160) -> None:
    result = run([espeak, "-s", str(rate), "-w", str(out), text])
    assert result.returncode == 0, result.stderr


def measure(path: Path) -> tuple[int, float, float]:
    """Sample rate, seconds and RMS (0..1) of a 16-bit mono WAV file."""
    with wave.open(str(path), "rb") as reader:
        assert reader.getnchannels() == 1
        assert reader.getsampwidth() == 2
        rate = reader.getframerate()
        data = reader.readframes(reader.getnframes())
    samples = array("h")
    samples.frombytes(data[: len(data) // 2 * 2])
    assert len(samples) > 0
    rms = math.sqrt(sum(v * v for v in samples) / len(samples)) / 32768
    return rate, len(samples) / rate, rms


def test_espeak_speaks_a_cue_into_a_plausible_wav(espeak: str, tmp_path: Path) -> None:
    """A sane sample rate, not silence, and 1.5 to 8 s for ten words at 160 wpm."""
    out = tmp_path / "cue.wav"
    speak_to_file(espeak, out, SENTENCE)
    rate, seconds, rms = measure(out)
    assert 8_000 <= rate <= 48_000
    assert rms > 0.01
    assert 1.5 <= seconds <= 8.0


def test_more_words_take_longer_and_a_faster_rate_less_time(espeak: str, tmp_path: Path) -> None:
    """The file's length follows the words and the rate: longer text longer, -s 300 shorter."""
    speak_to_file(espeak, tmp_path / "base.wav", SENTENCE)
    speak_to_file(espeak, tmp_path / "longer.wav", LONGER)
    speak_to_file(espeak, tmp_path / "fast.wav", SENTENCE, rate=300)
    base = measure(tmp_path / "base.wav")[1]
    assert measure(tmp_path / "longer.wav")[1] > base * 1.5
    assert measure(tmp_path / "fast.wav")[1] < base * 0.8


def test_the_command_line_coach_builds_is_accepted(espeak: str, tmp_path: Path) -> None:
    """``SpeechProgram.argv`` with ``-w`` put after the program: the same speech as by hand."""
    argv = SpeechProgram("espeak-ng", espeak).argv(SENTENCE, 160)
    out = tmp_path / "ours.wav"
    result = run([argv[0], "-w", str(out), *argv[1:]])
    assert result.returncode == 0, result.stderr
    speak_to_file(espeak, tmp_path / "by-hand.wav", SENTENCE)
    ours, by_hand = measure(out), measure(tmp_path / "by-hand.wav")
    assert ours[0] == by_hand[0]
    assert ours[2] > 0.01
    assert abs(ours[1] - by_hand[1]) < 0.1


def test_a_text_starting_with_a_dash_is_spoken_not_taken_as_an_option(
    espeak: str, tmp_path: Path
) -> None:
    """ "--help" as a cue: espeak-ng speaks it to the file instead of printing its help."""
    argv = SpeechProgram("espeak-ng", espeak).argv("--help", 160)
    out = tmp_path / "dash.wav"
    result = run([argv[0], "-w", str(out), *argv[1:]])
    assert result.returncode == 0, result.stderr
    assert "[options]" not in result.stdout  # the first line of its help
    assert out.is_file()
    assert measure(out)[2] > 0.01
