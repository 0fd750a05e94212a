"""The voice from the command line, and ``coach doctor``: real processes, fake programs on PATH.

A fake ``espeak-ng`` (and ``paplay``) is a tiny shell script that logs its arguments, so a
test can see exactly what the real program would have been asked to say, without a sound card.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from coach.commands.doctor import check_terminal
from coach.journal.db import SCHEMA_VERSION


def fake_program(folder: Path, name: str, log: Path, exit_code: int = 0) -> Path:
    """An executable that appends ``name arg arg ...`` (one line) to ``log``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\nexit {exit_code}\n')
    path.chmod(0o755)
    return path


def coach(
    *args: str, home: Path, path: str, voice_env: str | None = None, timeout: float = 90
) -> subprocess.CompletedProcess[str]:
    """``python -m coach`` with its own home, a chosen PATH and no terminal."""
    env = {**os.environ, "COACH_HOME": str(home), "PATH": path}
    env.pop("COACH_VOICE", None)
    if voice_env is not None:
        env["COACH_VOICE"] = voice_env
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def log(tmp_path: Path) -> Path:
    return tmp_path / "said.log"


@pytest.fixture
def bin_dir(tmp_path: Path, log: Path) -> Path:
    """A PATH folder with a fake espeak-ng and a fake paplay."""
    folder = tmp_path / "bin"
    fake_program(folder, "espeak-ng", log)
    fake_program(folder, "paplay", log)
    return folder


def said(log: Path) -> list[str]:
    """What the fake espeak-ng was asked to say (its last argument), in order."""
    if not log.exists():
        return []
    lines = log.read_text().splitlines()
    return [line.split(" ", 3)[3] for line in lines if line.startswith("espeak-ng ")]


# -- the plain runner ---------------------------------------------------------------------------


def test_plain_voice_says_only_milestones(home: Path, bin_dir: Path, log: Path) -> None:
    """``--plain --voice``: names, switches, halfway, last rep, done; never each rep or rest."""
    result = coach("start", "daily-core", "--plain", "--speed", "20", "--voice",
                   home=home, path=str(bin_dir))  # fmt: skip
    assert result.returncode == 0, result.stderr
    words = said(log)
    assert words, "nothing was said"
    assert words[-1].startswith("Done. ")
    milestones = ("Curl-up. ", "Side bridge. ", "Bird dog. ", "Switch sides. ", "Halfway",
                  "Switch the bent leg", "Last ", "Done. ")  # fmt: skip
    assert all(w.startswith(milestones) for w in words), words
    assert "Rest" not in words
    assert any(w.startswith("Curl-up. ") for w in words)
    # The rate from the settings reaches the program.
    assert log.read_text().splitlines()[0].startswith("espeak-ng -s 160 ")


def test_breathing_in_plain_mode_plays_the_two_tones(home: Path, bin_dir: Path, log: Path) -> None:
    result = coach("start", "diaphragmatic-breathing", "--plain", "--speed", "20", "--voice",
                   home=home, path=str(bin_dir), timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    played = [line for line in log.read_text().splitlines() if line.startswith("paplay ")]
    assert any(line.endswith("breath-in-v1.wav") for line in played)
    assert any(line.endswith("breath-out-v1.wav") for line in played)
    assert (home / "cache" / "breath-in-v1.wav").is_file()
    assert said(log)[0].startswith("Belly breathing. ")


@pytest.mark.parametrize(
    ("flag", "voice_env"), [("--no-voice", None), ("--voice", "off")], ids=["flag", "env"]
)
def test_voice_can_be_switched_off(
    flag: str, voice_env: str | None, home: Path, bin_dir: Path, log: Path
) -> None:
    result = coach("start", "childs-pose", "--plain", "--speed", "50", flag,
                   home=home, path=str(bin_dir), voice_env=voice_env)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert not log.exists()


def test_no_speech_program_is_one_line_and_the_session_runs(home: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = coach("start", "childs-pose", "--plain", "--speed", "50",
                   home=home, path=str(empty))  # fmt: skip
    assert result.returncode == 0, result.stderr
    notices = [line for line in result.stdout.splitlines() if line.startswith("Voice off")]
    assert notices == [
        "Voice off: no speech program found. Install espeak-ng (or speech-dispatcher); "
        "macOS has say built in."
    ]
    assert "Completed (a preview: never counted). Child's pose" in result.stdout


# -- coach doctor -------------------------------------------------------------------------------


def test_doctor_all_well(home: Path, bin_dir: Path) -> None:
    result = coach("doctor", home=home, path=str(bin_dir))
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[-1] == "All well."
    assert any(line.split()[:2] == ["ok", "voice"] and "espeak-ng" in line for line in lines)
    assert any(line.split()[:2] == ["ok", "sound"] and "paplay" in line for line in lines)
    assert any("not created yet" in line for line in lines if "journal" in line)
    assert any("11 built-in" in line for line in lines)


def test_doctor_reports_the_journal_once_there_are_sessions(home: Path, bin_dir: Path) -> None:
    coach("start", "childs-pose", "--plain", "--speed", "50", "--no-voice",
          home=home, path=str(bin_dir))  # fmt: skip
    result = coach("doctor", "--json", home=home, path=str(bin_dir))
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["ok"] is True
    [journal] = [c for c in report["checks"] if c["area"] == "journal"]
    assert journal["status"] == "ok"
    assert (
        f"integrity ok, 1 session, schema version {SCHEMA_VERSION} of {SCHEMA_VERSION}"
        in journal["detail"]
    )


def test_doctor_without_speech_program_fails_with_the_reason(home: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = coach("doctor", home=home, path=str(empty))
    assert result.returncode == 1
    last = result.stdout.splitlines()[-1]
    assert last.startswith("1 problem: voice: no speech program found")
    assert "Install espeak-ng" in last
    assert any(line.split()[:2] == ["note", "sound"] for line in result.stdout.splitlines())


def test_doctor_with_voice_off_does_not_need_a_speech_program(home: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    home.mkdir()
    (home / "config.toml").write_text("[voice]\nenabled = false\n")
    result = coach("doctor", home=home, path=str(empty))
    assert result.returncode == 0, result.stdout
    assert "off in the settings" in result.stdout


def test_doctor_finds_a_failing_player(home: Path, tmp_path: Path, log: Path) -> None:
    folder = tmp_path / "bin"
    fake_program(folder, "espeak-ng", log)
    fake_program(folder, "aplay", log, exit_code=1)
    result = coach("doctor", home=home, path=str(folder))
    assert result.returncode == 0
    assert "aplay could not play a test sound" in result.stdout


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        ("journal", "not a coach journal"),
        ("config", "config.toml"),
        ("routine", "mine.toml"),
    ],
)
def test_doctor_problems_exit_1_and_touch_nothing(
    setup: str, reason: str, home: Path, bin_dir: Path
) -> None:
    home.mkdir()
    target = {
        "journal": home / "coach.db",
        "config": home / "config.toml",
        "routine": home / "routines" / "mine.toml",
    }[setup]
    target.parent.mkdir(parents=True, exist_ok=True)
    content = b"this is not sqlite" if setup == "journal" else b'title = "x"\nprepare_s = -1\n'
    target.write_bytes(content)
    result = coach("doctor", home=home, path=str(bin_dir))
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if line.startswith("  PROBLEM")]
    assert problems and reason in problems[0]
    assert reason in result.stdout.splitlines()[-1]
    assert target.read_bytes() == content


def _pty_of_size(columns: int, rows: int) -> tuple[int, int]:
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    return leader, follower


@pytest.mark.parametrize(("size", "status"), [((120, 40), "ok"), ((70, 20), "problem")])
def test_doctor_measures_the_terminal(
    size: tuple[int, int], status: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("COLORTERM", raising=False)
    leader, follower = _pty_of_size(*size)
    with os.fdopen(follower, "w") as stream:
        found = check_terminal(stream)
    os.close(leader)
    assert (found[0].status, found[0].detail) == ("ok", "256 colours")
    assert found[1].status == status
    assert found[1].detail.startswith(f"{size[0]}x{size[1]}")


def test_doctor_without_a_terminal_is_a_note(tmp_path: Path) -> None:
    with (tmp_path / "out.txt").open("w") as stream:
        [found] = check_terminal(stream)
    assert found.status == "note"
