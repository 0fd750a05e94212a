"""``start_voice``: when a session gets a voice, with what, and what the user is told."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from voice_support import FakeOutput, plan_of

from coach import locations
from coach.engine.clock import FakeClock
from coach.settings import VoiceSettings
from coach.voice import NO_SPEECH_NOTICE, VOICE_ENV, VoiceCoach, start_voice, voice_disabled_by_env
from coach.voice.backends import ProgramOutput
from coach.voice.script import voice_options


@pytest.fixture
def coaches() -> Iterator[list[VoiceCoach]]:
    """Voices made by a test; their speaker threads are closed afterwards."""
    made: list[VoiceCoach] = []
    yield made
    for coach in made:
        coach.speaker.close()


def no_bell() -> None:
    """A bell that makes no sound."""


def fake_program(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_disabled_voice_gives_no_coach_and_no_notice() -> None:
    """``enabled = false``: nothing at all, not even a lookup."""
    clock = FakeClock()
    settings = VoiceSettings(enabled=False)
    result = start_voice(settings, plan_of("daily-core"), clock, no_bell, output=FakeOutput(clock))
    assert result == (None, None)


def test_a_routine_set_to_off_gives_no_coach() -> None:
    """Nothing would be said or played: no voice, so no thread."""
    clock = FakeClock()
    settings = VoiceSettings(profiles={"daily-core": "off"})
    result = start_voice(settings, plan_of("daily-core"), clock, no_bell, output=FakeOutput(clock))
    assert result == (None, None)


def test_with_an_output_the_coach_speaks_on_the_sessions_clock(coaches: list[VoiceCoach]) -> None:
    """A given output is used as is; the options are ``voice_options``'s; plain is passed on."""
    clock = FakeClock(7.0)
    output = FakeOutput(clock)
    plan = plan_of("daily-core")
    coach, notice = start_voice(VoiceSettings(), plan, clock, no_bell, plain=True, output=output)
    assert coach is not None
    coaches.append(coach)
    assert notice is None
    assert coach.options == voice_options(VoiceSettings(), plan, plain=True)
    assert coach.speaker.channel.output is output
    assert coach.speaker.channel.clock is clock


@pytest.mark.parametrize("value", ["off", "OFF", " off ", "0", "no", "false"])
def test_coach_voice_off_disables_the_real_programs(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``COACH_VOICE=off`` (or 0, no, false): no voice when the real programs would be used."""
    monkeypatch.setenv(VOICE_ENV, value)
    assert voice_disabled_by_env()
    assert start_voice(VoiceSettings(), plan_of("daily-core"), FakeClock(), no_bell) == (None, None)


@pytest.mark.parametrize("value", ["", "on", "1"])
def test_other_values_of_coach_voice_do_not_disable_it(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anything else leaves the voice to the settings."""
    monkeypatch.setenv(VOICE_ENV, value)
    assert not voice_disabled_by_env()


def test_without_a_speech_program_the_user_is_told_and_tones_remain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, coaches: list[VoiceCoach]
) -> None:
    """No speech program: the notice says how to get one; announcements are off, tones stay."""
    monkeypatch.delenv(VOICE_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    plan = plan_of("diaphragmatic-breathing")
    coach, notice = start_voice(VoiceSettings(), plan, FakeClock(), no_bell)
    assert notice == NO_SPEECH_NOTICE
    assert coach is not None
    coaches.append(coach)
    assert coach.options.announce == frozenset()
    assert coach.options.breathing == "tones"


def test_a_missing_chosen_program_is_named_in_the_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``program = "spd-say"`` not installed: the notice names it; with breathing silent too,
    nothing is left to say, so no coach."""
    monkeypatch.delenv(VOICE_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    fake_program(tmp_path, "espeak-ng")  # installed, but not the one chosen
    settings = VoiceSettings(program="spd-say", breathing="silent")
    coach, notice = start_voice(settings, plan_of("daily-core"), FakeClock(), no_bell)
    assert coach is None
    assert notice is not None
    assert "spd-say was not found" in notice


def test_found_programs_are_used_and_the_tones_written_to_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, coaches: list[VoiceCoach]
) -> None:
    """espeak-ng and aplay on PATH: the output runs them, the tone files are in the cache."""
    monkeypatch.delenv(VOICE_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    speech = fake_program(tmp_path, "espeak-ng")
    player = fake_program(tmp_path, "aplay")
    settings = VoiceSettings(rate=190)
    coach, notice = start_voice(settings, plan_of("daily-core"), FakeClock(), no_bell)
    assert notice is None
    assert coach is not None
    coaches.append(coach)
    output = coach.speaker.channel.output
    assert isinstance(output, ProgramOutput)
    assert output.speech is not None
    assert output.speech.path == str(speech)
    assert output.player is not None
    assert output.player.path == str(player)
    assert output.rate == 190
    assert set(output.tones) == {"in", "out"}
    for path in output.tones.values():
        assert path.parent == locations.cache_dir()
        assert path.is_file()
