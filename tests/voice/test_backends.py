"""Finding and running the speech and sound programs, with fake programs on a private PATH."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from coach.voice.backends import (
    PLAYERS,
    SPEECH_PROGRAMS,
    BellHandle,
    ProcessHandle,
    ProgramOutput,
    SoundPlayer,
    SpeechProgram,
    find_player,
    find_speech,
    spawn,
)
from coach.voice.channel import Cue, Handle, Priority

SLEEP = shutil.which("sleep") or "/bin/sleep"
"""Found before any test narrows PATH: the fake programs call it by its full path."""


def program(folder: Path, name: str, body: str = "exit 0", mode: int = 0o755) -> Path:
    """A fake program: a shell script named ``name`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(mode)
    return path


def logging_program(folder: Path, name: str, log: Path, status: int = 0) -> Path:
    """A fake program that writes each argument on a line of ``log`` and exits with ``status``."""
    return program(folder, name, f"printf '%s\\n' \"$@\" >> '{log}'\nexit {status}")


def wait_until(condition: Callable[[], bool], timeout: float = 2.0) -> bool:
    """Poll ``condition`` until true or ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def wait_done(handle: Handle) -> None:
    assert wait_until(handle.done), "the program did not exit"


def speech_cue(text: str) -> Cue:
    return Cue("work", text, due=0.0, max_wait_s=1e9)


def tone_cue(tone: str) -> Cue:
    return Cue("breath", "inhale", Priority.TIMED, tone=tone, due=0.0, max_wait_s=1e9)


class Bell:
    """Counts rings of the terminal bell."""

    def __init__(self) -> None:
        self.rings = 0

    def __call__(self) -> None:
        self.rings += 1


# -- command lines -----------------------------------------------------------------------------


def test_espeak_ng_takes_the_rate_with_s() -> None:
    """espeak-ng: ``-s`` words a minute, then the text as one argument."""
    argv = SpeechProgram("espeak-ng", "/opt/espeak-ng").argv("Switch sides. Right side.", 175)
    assert argv == ["/opt/espeak-ng", "-s", "175", "Switch sides. Right side."]


def test_say_takes_the_rate_with_r() -> None:
    """macOS say: ``-r`` words a minute."""
    assert SpeechProgram("say", "/usr/bin/say").argv("Rest", 200) == [
        "/usr/bin/say",
        "-r",
        "200",
        "Rest",
    ]


@pytest.mark.parametrize(
    ("rate", "relative"),
    [
        (160, "0"),
        (200, "20"),
        (100, "-30"),
        (80, "-40"),
        (400, "100"),
        (1000, "100"),
        (-300, "-100"),
    ],
)
def test_spd_say_waits_and_takes_a_relative_rate_clamped_to_100(rate: int, relative: str) -> None:
    """spd-say: ``--wait`` (so done means spoken) and a rate of -100..100 around 160 wpm."""
    argv = SpeechProgram("spd-say", "/usr/bin/spd-say").argv("Rest", rate)
    assert argv == ["/usr/bin/spd-say", "--wait", "--rate", relative, "Rest"]


@pytest.mark.parametrize("name", ["espeak-ng", "say", "spd-say"])
@pytest.mark.parametrize("text", ["-5 seconds", "--help", "-"])
def test_a_text_starting_with_a_dash_cannot_be_read_as_an_option(name: str, text: str) -> None:
    """The words are the last argument and never start with "-"; the words themselves are kept."""
    argv = SpeechProgram(name, f"/bin/{name}").argv(text, 160)
    assert not argv[-1].startswith("-")
    assert argv[-1].strip() == text
    assert argv[:-1] == SpeechProgram(name, f"/bin/{name}").argv("words", 160)[:-1]


def test_players_take_the_sound_file_and_aplay_is_quiet() -> None:
    """aplay gets ``-q``; the others just the file."""
    sound = Path("/tmp/breath-in.wav")
    assert SoundPlayer("aplay", "/usr/bin/aplay").argv(sound) == [
        "/usr/bin/aplay",
        "-q",
        str(sound),
    ]
    assert SoundPlayer("paplay", "/usr/bin/paplay").argv(sound) == ["/usr/bin/paplay", str(sound)]


# -- finding the programs ------------------------------------------------------------------------


def test_the_order_of_preference_is_the_platforms() -> None:
    """macOS prefers say and afplay; elsewhere espeak-ng, then spd-say, and paplay first."""
    if sys.platform == "darwin":
        assert SPEECH_PROGRAMS == ("say", "espeak-ng", "spd-say")
        assert PLAYERS == ("afplay", "paplay", "aplay")
    else:
        assert SPEECH_PROGRAMS == ("espeak-ng", "spd-say", "say")
        assert PLAYERS == ("paplay", "pw-play", "aplay")


def test_find_speech_takes_the_first_installed_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All three installed: the first; take it away: the next; and so on."""
    monkeypatch.setenv("PATH", str(tmp_path))
    paths = {name: program(tmp_path, name) for name in SPEECH_PROGRAMS}
    for name in SPEECH_PROGRAMS:
        assert find_speech() == SpeechProgram(name, str(paths[name]))
        paths[name].unlink()
    assert find_speech() is None


def test_find_speech_honours_the_preferred_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A named program is used even when another comes first; missing, it is not replaced."""
    monkeypatch.setenv("PATH", str(tmp_path))
    for name in SPEECH_PROGRAMS:
        program(tmp_path, name)
    last = SPEECH_PROGRAMS[-1]
    assert find_speech(last) == SpeechProgram(last, str(tmp_path / last))
    (tmp_path / last).unlink()
    assert find_speech(last) is None
    assert find_speech("auto") is not None


def test_find_speech_is_none_with_nothing_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty PATH, or only files that are not executable: no speech program."""
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_speech() is None
    for name in SPEECH_PROGRAMS:
        program(tmp_path, name, mode=0o644)
    assert find_speech() is None
    assert find_speech("espeak-ng") is None


def test_find_player_takes_the_first_installed_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Players are tried in order; none installed gives None (the bell stands in)."""
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_player() is None
    paths = {name: program(tmp_path, name) for name in PLAYERS}
    for name in PLAYERS:
        assert find_player() == SoundPlayer(name, str(paths[name]))
        paths[name].unlink()
    assert find_player() is None


# -- running them --------------------------------------------------------------------------------


def test_speaking_starts_the_program_and_returns_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """start() does not wait: the program is still running (held by a gate) when it returns;
    the program gets the rate and the words."""
    log, gate = tmp_path / "said.log", tmp_path / "gate"
    body = (
        f"printf '%s\\n' \"$@\" >> '{log}'\n"
        f"i=0; while [ ! -e '{gate}' ] && [ $i -lt 500 ]; do {SLEEP} 0.01; i=$((i+1)); done"
    )
    program(tmp_path / "bin", "espeak-ng", body)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    speech = find_speech()
    assert speech is not None
    output = ProgramOutput(speech, None, {}, Bell(), rate=175)
    handle = output.start(speech_cue("Side bridge. On your left side"))
    try:
        assert isinstance(handle, ProcessHandle)
        assert not handle.done()
        assert wait_until(lambda: log.exists() and len(log.read_text().splitlines()) == 3)
        assert log.read_text().splitlines() == ["-s", "175", "Side bridge. On your left side"]
        assert not handle.done()
        gate.touch()
        wait_done(handle)
        assert not handle.failed
    finally:
        handle.stop()


def test_programs_run_detached_and_their_output_is_discarded(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Nothing a program prints reaches the terminal, and it runs in a session of its own."""
    noisy = program(tmp_path, "noisy", "echo out\necho err >&2")
    process = spawn([str(noisy)])
    try:
        assert os.getsid(process.pid) == process.pid != os.getsid(0)
    finally:
        process.wait(timeout=5)
    assert capfd.readouterr() == ("", "")


def test_a_tone_is_played_by_the_player(tmp_path: Path) -> None:
    """With a player and the tone's file: the player gets the file, the bell stays quiet."""
    log = tmp_path / "played.log"
    player = SoundPlayer("aplay", str(logging_program(tmp_path / "bin", "aplay", log)))
    sound = tmp_path / "breath-in.wav"
    bell = Bell()
    output = ProgramOutput(None, player, {"in": sound}, bell)
    handle = output.start(tone_cue("in"))
    wait_done(handle)
    assert log.read_text().splitlines() == ["-q", str(sound)]
    assert bell.rings == 0


def test_a_player_that_fails_is_given_up_for_the_bell(tmp_path: Path) -> None:
    """A player exiting 1 (no sound card): the next tones ring the bell and don't run it."""
    log = tmp_path / "played.log"
    player = SoundPlayer("paplay", str(logging_program(tmp_path / "bin", "paplay", log, 1)))
    bell = Bell()
    tones = {"in": tmp_path / "in.wav", "out": tmp_path / "out.wav"}
    output = ProgramOutput(None, player, tones, bell)
    first = output.start(tone_cue("in"))
    wait_done(first)
    assert isinstance(first, ProcessHandle)
    assert first.failed
    assert bell.rings == 0
    second = output.start(tone_cue("out"))
    third = output.start(tone_cue("in"))
    assert isinstance(second, BellHandle)
    assert isinstance(third, BellHandle)
    assert second.done()
    assert bell.rings == 2
    assert len(log.read_text().splitlines()) == 1


def test_a_player_that_works_is_kept(tmp_path: Path) -> None:
    """A player exiting 0 is used for every tone."""
    log = tmp_path / "played.log"
    player = SoundPlayer("paplay", str(logging_program(tmp_path / "bin", "paplay", log)))
    bell = Bell()
    output = ProgramOutput(None, player, {"in": tmp_path / "in.wav"}, bell)
    for _ in range(2):
        wait_done(output.start(tone_cue("in")))
    assert log.read_text().splitlines() == [str(tmp_path / "in.wav")] * 2
    assert bell.rings == 0


def test_without_a_player_or_a_tone_file_the_bell_rings(tmp_path: Path) -> None:
    """No player: the bell; a player but no file for that tone: the bell, player not run."""
    bell = Bell()
    handle = ProgramOutput(None, None, {"in": tmp_path / "in.wav"}, bell).start(tone_cue("in"))
    assert isinstance(handle, BellHandle)
    assert handle.done()
    assert bell.rings == 1
    log = tmp_path / "played.log"
    player = SoundPlayer("paplay", str(logging_program(tmp_path / "bin", "paplay", log)))
    handle = ProgramOutput(None, player, {}, bell).start(tone_cue("out"))
    assert handle.done()
    assert bell.rings == 2
    assert not log.exists()


@pytest.mark.parametrize("broken", ["missing", "not executable"])
def test_a_speech_program_that_cannot_run_is_a_quiet_failure(tmp_path: Path, broken: str) -> None:
    """OSError from starting it is swallowed: a finished handle, no exception."""
    path = tmp_path / "espeak-ng"
    if broken == "not executable":
        program(tmp_path, "espeak-ng", mode=0o644)
    output = ProgramOutput(SpeechProgram("espeak-ng", str(path)), None, {}, Bell())
    handle = output.start(speech_cue("Rest"))
    assert handle.done()


def test_a_player_that_cannot_run_is_a_quiet_failure(tmp_path: Path) -> None:
    """A player that has vanished: no exception, a finished handle."""
    player = SoundPlayer("paplay", str(tmp_path / "gone"))
    output = ProgramOutput(None, player, {"in": tmp_path / "in.wav"}, Bell())
    assert output.start(tone_cue("in")).done()


def test_no_speech_program_means_no_words_and_no_error() -> None:
    """Without a speech program a spoken cue finishes at once."""
    assert ProgramOutput(None, None, {}, Bell()).start(speech_cue("Rest")).done()


# -- stopping ------------------------------------------------------------------------------------


def test_stop_terminates_a_running_program_promptly_and_reaps_it(tmp_path: Path) -> None:
    """A 30 s program is stopped well within a second or two, and leaves no zombie."""
    sleeper = program(tmp_path, "sleeper", f"exec {SLEEP} 30")
    handle = ProcessHandle(spawn([str(sleeper)]))
    assert not handle.done()
    began = time.monotonic()
    handle.stop()
    assert time.monotonic() - began < 5.0
    assert handle.process.returncode == -signal.SIGTERM
    assert handle.done()
    assert handle.failed
    with pytest.raises(ChildProcessError):
        os.waitpid(handle.process.pid, os.WNOHANG)


def test_stop_after_the_program_has_ended_does_nothing(tmp_path: Path) -> None:
    """Stopping a finished program is harmless; it exited cleanly, so it has not failed."""
    quick = program(tmp_path, "quick")
    handle = ProcessHandle(spawn([str(quick)]))
    wait_done(handle)
    handle.stop()
    assert handle.process.returncode == 0
    assert not handle.failed
    bell = BellHandle()
    bell.stop()
    assert bell.done()
