"""The ``coach`` command as a person or a script uses it: real subprocesses, real files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

BUILTIN_IDS = {
    "mcgill-big-3",
    "mcgill-big-3-full",
    "daily-core",
    "diaphragmatic-breathing",
    "spasm-side-breathing",
    "ql-stretch",
    "psoas-stretch",
    "seated-forward-bend",
    "childs-pose",
    "flare-up",
    "walk",
}


def coach(
    *args: str, home: Path, timeout: float = 60, stdin: str | None = ""
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m coach`` with COACH_HOME set and no terminal."""
    env = {**os.environ, "COACH_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        input=stdin,
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def test_version(home: Path) -> None:
    result = coach("--version", home=home)
    assert result.returncode == 0
    assert result.stdout.startswith("coach ")


def test_list_shows_the_builtin_routines_with_durations(home: Path) -> None:
    result = coach("routines", "list", "--json", home=home)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {row["id"] for row in rows} == BUILTIN_IDS
    for row in rows:
        assert set(row) >= {"id", "title", "purpose", "duration_s"}
        assert row["duration_s"] > 0
    text = coach("routines", "list", home=home)
    assert text.returncode == 0
    assert text.stderr == ""
    for routine_id in BUILTIN_IDS:
        assert routine_id in text.stdout


def test_daily_core_totals_four_to_six_minutes_and_steps_add_up(home: Path) -> None:
    result = coach("routines", "show", "daily-core", "--json", home=home)
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert 240 <= plan["duration_s"] <= 360
    assert sum(step["seconds"] for step in plan["steps"]) == plan["duration_s"]
    for step in plan["steps"]:
        assert set(step) >= {"kind", "exercise", "side", "set", "rep", "seconds"}


def test_big_3_is_ten_second_holds_in_a_5_3_1_pyramid(home: Path) -> None:
    result = coach("routines", "show", "mcgill-big-3", "--json", home=home)
    assert result.returncode == 0, result.stderr
    holds = [step for step in json.loads(result.stdout)["steps"] if step["kind"] == "hold"]
    assert {step["seconds"] for step in holds} == {10}
    by_exercise: dict[str, list[dict[str, object]]] = {}
    for step in holds:
        by_exercise.setdefault(str(step["exercise"]), []).append(step)
    assert list(by_exercise) == ["curl-up", "side-bridge", "bird-dog"]
    assert [Counter(s["set"] for s in by_exercise["curl-up"])[n] for n in (1, 2, 3)] == [5, 3, 1]
    for exercise in ("side-bridge", "bird-dog"):
        for side in ("left", "right"):
            reps = Counter(s["set"] for s in by_exercise[exercise] if s["side"] == side)
            assert [reps[n] for n in (1, 2, 3)] == [5, 3, 1], (exercise, side)


def test_show_text_outline(home: Path) -> None:
    result = coach("routines", "show", "mcgill-big-3", "--steps", home=home)
    assert result.returncode == 0
    assert "Side bridge" in result.stdout
    assert "Total" in result.stdout
    assert "Switch sides" in result.stdout


def test_unknown_routine_is_a_clear_error(home: Path) -> None:
    result = coach("routines", "show", "no-such-routine", home=home)
    assert result.returncode == 1
    assert "no routine 'no-such-routine'" in result.stderr
    assert "daily-core" in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_is_json_schema(home: Path) -> None:
    routine = json.loads(coach("routines", "schema", home=home).stdout)
    assert "exercises" in routine["properties"]
    exercise = json.loads(coach("routines", "schema", "--exercise", home=home).stdout)
    assert "oneOf" in exercise or "anyOf" in exercise or "discriminator" in exercise


def test_childs_pose_runs_to_the_end(home: Path) -> None:
    result = coach("start", "childs-pose", "--plain", "--speed", "30", home=home)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-2].startswith("Completed (a preview: never counted). Child's pose: ")
    assert lines[-1].endswith("(Source: NICE NG59)")  # the card of the day comes last
    assert any("Stretch" in line for line in lines)
    # One line per step change and milestone, never one per second.
    plan = json.loads(coach("routines", "show", "childs-pose", "--json", home=home).stdout)
    timed = [line for line in lines if line.startswith("[")]
    assert len(timed) <= len(plan["steps"]) * 3 + 3  # a step, its milestone, a safety line


def test_flare_up_follows_the_painful_side(home: Path) -> None:
    result = coach(
        "start",
        "flare-up",
        "--plain",
        "--side",
        "left",
        "--speed",
        "300",
        "--red-flags-checked",
        home=home,
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "painful side left" in text
    assert "Left side" in text
    assert "{side}" not in text and "{other_side}" not in text
    right = coach(
        "start",
        "flare-up",
        "--plain",
        "--side",
        "right",
        "--speed",
        "300",
        "--red-flags-checked",
        home=home,
    )
    first_side_left = text.index("Left side") < text.index("Right side")
    first_side_right = right.stdout.index("Right side") < right.stdout.index("Left side")
    assert first_side_left and first_side_right


def test_ctrl_c_ends_cleanly_with_a_summary_and_130(home: Path) -> None:
    env = {**os.environ, "COACH_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "coach", "start", "daily-core", "--plain"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    assert first.strip()
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert out.splitlines()[-1].startswith("Ended early: saved. ")


def test_bad_pain_score_is_refused_with_the_range(home: Path) -> None:
    result = coach("start", "childs-pose", "--plain", "--pain-before", "11", home=home)
    assert result.returncode == 2
    assert "0 (no pain) to 10" in result.stderr


def test_routines_list_does_not_import_textual(home: Path) -> None:
    code = (
        "import sys, io, contextlib\n"
        "from coach.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['routines', 'list'])\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
        "assert 'rich' not in sys.modules, 'rich was imported'\n"
    )
    env = {**os.environ, "COACH_HOME": str(home)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr


# -- validate: every malformed case names the file, the line and the key ---------------------

VALID_ROUTINE = """\
title = "Mine"
purpose = "daily"
summary = "A test routine."

[[exercises]]
use = "curl-up"
sets = [3, 2, 1]

[[exercises]]
use = "bird-dog"
hold_s = 8
"""

MALFORMED = {
    "syntax": ('title = "Mine"\npurpose = "daily\n', 2, "purpose", "not valid TOML"),
    "wrong type": (VALID_ROUTINE.replace("hold_s = 8", 'hold_s = "ten"'), 11, "hold_s", "whole"),
    "zero duration": (VALID_ROUTINE.replace("hold_s = 8", "hold_s = 0"), 11, "hold_s", "at least"),
    "negative": (VALID_ROUTINE.replace("hold_s = 8", "hold_s = -5"), 11, "hold_s", "at least 1"),
    "ten-hour hold": (VALID_ROUTINE.replace("hold_s = 8", "hold_s = 36000"), 11, "hold_s", "10 h"),
    "empty sets": (VALID_ROUTINE.replace("[3, 2, 1]", "[]"), 7, "sets", "empty list"),
    "unknown key": (
        VALID_ROUTINE.replace("hold_s = 8", "hold_secs = 8"),
        11,
        "hold_secs",
        "hold_s",
    ),
    "unknown exercise": (VALID_ROUTINE.replace('"bird-dog"', '"bird-cat"'), 10, "use", "bird-cat"),
    "unknown purpose": (VALID_ROUTINE.replace('"daily"', '"fun"'), 2, "purpose", "'flare'"),
    "wrong kind key": (VALID_ROUTINE.replace("hold_s = 8", "reps = 3"), 11, "reps", "does not"),
    "missing title": (VALID_ROUTINE.replace('title = "Mine"\n', ""), 1, "title", "missing"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_validate_names_file_line_and_key(case: str, home: Path, tmp_path: Path) -> None:
    text, line, key, fragment = MALFORMED[case]
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    result = coach("routines", "validate", str(path), home=home)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{path}:{line}:" in result.stderr, result.stderr
    assert key in result.stderr
    assert fragment in result.stderr


def test_validate_ok(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(VALID_ROUTINE, encoding="utf-8")
    result = coach("routines", "validate", str(path), home=home)
    assert result.returncode == 0, result.stderr
    assert "ok:" in result.stdout and "'mine'" in result.stdout


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b'title = "caf\xe9"\n', "not UTF-8"),
        (b"", "is empty"),
        (b"\x00\x01\x02", "not valid TOML"),
    ],
)
def test_validate_bytes(content: bytes, fragment: str, home: Path, tmp_path: Path) -> None:
    path = tmp_path / "odd.toml"
    path.write_bytes(content)
    result = coach("routines", "validate", str(path), home=home)
    assert result.returncode == 1
    assert str(path) in result.stderr and fragment in result.stderr
    assert f"{path}:1:" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_directory_and_missing_file(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    result = coach("routines", "validate", str(folder), str(tmp_path / "nope.toml"), home=home)
    assert result.returncode == 1
    assert "is a folder" in result.stderr
    assert "no such file" in result.stderr


def test_user_routine_replaces_builtin_and_list_says_so(home: Path) -> None:
    routines = home / "routines"
    routines.mkdir(parents=True)
    (routines / "daily-core.toml").write_text(VALID_ROUTINE, encoding="utf-8")
    (routines / "broken.toml").write_text("title = [\n", encoding="utf-8")
    (routines / "dup-a.toml").write_text('id = "twin"\n' + VALID_ROUTINE, encoding="utf-8")
    (routines / "dup-b.toml").write_text('id = "twin"\n' + VALID_ROUTINE, encoding="utf-8")
    result = coach("routines", "list", home=home)
    assert result.returncode == 0
    line = next(row for row in result.stdout.splitlines() if row.startswith("daily-core"))
    assert "replaces the built-in" in line
    assert "broken.toml:1" in result.stderr
    assert "duplicate id 'twin'" in result.stderr
    data = json.loads(coach("routines", "list", "--json", home=home).stdout)
    assert {row["id"] for row in data} == BUILTIN_IDS | {"twin"}


def test_start_a_routine_file_by_path(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(VALID_ROUTINE, encoding="utf-8")
    result = coach("start", str(path), "--plain", "--speed", "200", home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-2].startswith("Completed (a preview: never counted). Mine: ")
