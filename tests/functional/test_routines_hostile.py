"""The real ``coach`` command with hostile routine files and folders (issue 10).

Each command answers within the timeout, without a traceback, and names the file (or folder),
the line and the key; invisible characters are shown escaped; a problem is printed once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coach import locations

TIMEOUT_S = 20.0
ZWSP = "\u200b"
BROKEN = 'title = "Mine"\npurpose = "daily"\nsummary = "s"\n\n[[exercises]]\nuse = "bird-dog"\n'
BROKEN += 'hold_s = "ten"\n'


def coach(*args: str, home: Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m coach ARGS`` with ``COACH_HOME=home``, run from ``cwd``, no terminal."""
    env = {**os.environ, "COACH_HOME": str(home), "COACH_VOICE": "off"}
    result = subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT_S,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "home").mkdir()
    return tmp_path / "home"


def user_routines(home: Path) -> Path:
    folder = home / "routines"
    (folder / "exercises").mkdir(parents=True, exist_ok=True)
    return folder


def test_validate_prints_each_problem_once_for_a_file_in_the_users_folder(home: Path) -> None:
    path = user_routines(home) / "mine.toml"
    path.write_text(BROKEN, encoding="utf-8")
    for names in ([str(path)], ["routines/mine.toml"], [str(path), "./routines/mine.toml"]):
        result = coach("routines", "validate", *names, home=home, cwd=home)
        assert result.returncode == 1
        lines = result.stderr.splitlines()
        assert len(lines) == 1, (names, lines)
        assert lines[0].endswith(
            'mine.toml:7: exercises[1].hold_s: expected a whole number of seconds, found "ten"'
        )


def test_an_exercise_validated_from_inside_its_folder_is_an_exercise(
    home: Path, tmp_path: Path
) -> None:
    builtin = locations.builtin_routines_dir() / "exercises" / "bird-dog.toml"
    for folder in (user_routines(home) / "exercises", tmp_path / "any" / "exercises"):
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(builtin, folder / "my-bird.toml")
        result = coach("routines", "validate", "my-bird.toml", home=home, cwd=folder)
        assert result.returncode == 0, result.stderr
        assert result.stdout == "ok: my-bird.toml: exercise 'my-bird'\n"


def test_a_routine_of_331_days_is_refused_quickly_with_its_key(home: Path, tmp_path: Path) -> None:
    entry = '\n[[exercises]]\nuse = "bird-dog"\nsets = [50, 50, 50, 50, 50, 50, 50, 50, 50, 50]\n'
    entry += "hold_s = 120\nrest_between_reps_s = 600\nrest_between_sets_s = 600\n"
    path = tmp_path / "long.toml"
    path.write_text('title = "Long"\npurpose = "daily"\nsummary = "s"\n' + entry * 40)
    result = coach("routines", "validate", str(path), home=home)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{path}:7: exercises[1].sets: the plan would last at least ")
    assert re.search(
        r"at least 3\d\d days( \d+ h)? at speed 1, and a routine may last at most 2 h",
        result.stderr,
    ), result.stderr


def test_doctor_says_a_routines_folder_that_is_a_file_is_a_problem(home: Path) -> None:
    (home / "routines").write_text("oops", encoding="utf-8")
    result = coach("doctor", home=home)
    assert result.returncode == 1
    routines = [line for line in result.stdout.splitlines() if " routines " in line]
    assert routines[1].split()[:5] == ["PROBLEM", "routines", "0", "of", "yours:"]
    assert f"{home / 'routines'}: is a file, not a folder" in routines[1]
    assert "of yours in" not in result.stdout  # no "ok 0 of yours" beside it


def test_routines_list_names_a_dangling_routines_link(home: Path) -> None:
    (home / "routines").symlink_to(home / "gone")
    result = coach("routines", "list", home=home)
    assert result.returncode == 0
    assert f"{home / 'routines'}: is a link to {home / 'gone'}, which does not exist" in (
        result.stderr
    )


def test_show_escapes_a_zero_width_space_in_the_name_asked_for(home: Path) -> None:
    result = coach("routines", "show", f"daily{ZWSP}-core", home=home)
    assert result.returncode == 1
    assert "no routine 'daily\\u200b-core'. Did you mean 'daily-core'?" in result.stderr
    assert ZWSP not in result.stderr


def test_list_escapes_a_broken_file_name_with_a_zero_width_space(home: Path) -> None:
    (user_routines(home) / f"daily{ZWSP}core.toml").write_text(BROKEN, encoding="utf-8")
    result = coach("routines", "list", home=home)
    assert "daily\\u200bcore.toml: id: the file sets no id" in result.stderr
    assert ZWSP not in result.stderr


def test_a_user_exercise_of_another_kind_keeps_the_builtin_routines(home: Path) -> None:
    stretch = locations.builtin_routines_dir() / "exercises" / "psoas-stretch.toml"
    mine = user_routines(home) / "exercises" / "curl-up.toml"
    shutil.copy(stretch, mine)
    listed = coach("routines", "list", home=home)
    for routine_id in ("daily-core", "mcgill-big-3", "mcgill-big-3-full"):
        assert routine_id in listed.stdout
        assert f"the built-in routine '{routine_id}' cannot use yours" in listed.stderr
    problems = [line for line in listed.stderr.splitlines() if "cannot use yours" in line]
    assert all(line.startswith(f"{mine}:") for line in problems)
    shown = coach("routines", "show", "mcgill-big-3", "--json", home=home)
    assert shown.returncode == 0
