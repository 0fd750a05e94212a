"""``coach log`` end to end: each kind is confirmed in one line and shows in ``coach stats``.

The real command runs with its own clock, so days are "today" and "yesterday" as it sees
them (read back from its own output, never from the test's clock).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cli_support import run_coach


def logged(home: Path, *args: str) -> str:
    result = run_coach("log", *args, home=home)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    return lines[0]


def stats(home: Path) -> dict[str, Any]:
    result = run_coach("stats", "--json", home=home)
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_each_kind_is_confirmed_and_shows_in_stats_json(tmp_path: Path) -> None:
    walk = logged(tmp_path, "walk", "20")
    assert walk.startswith("Logged a 20-minute walk for ")
    assert logged(tmp_path, "morning", "same").startswith(
        "Logged the morning as the same as the day before for "
    )
    assert logged(tmp_path, "pain", "4").startswith("Logged pain 4 for")
    again = run_coach("log", "pain", "4", "--leg", "2", home=tmp_path)
    assert again.stdout.startswith("Logged pain 4, leg pain 2 for")
    peg = logged(tmp_path, "peg", "6", "5", "4")
    assert "pain 6, enjoyment 5, activity 4 (score 5.0) for the week of " in peg
    data = stats(tmp_path)
    assert {"statuses", "pain", "this_week", "outcomes", "walking"} <= data.keys()
    today = data["today"]
    walking, outcomes = data["walking"], data["outcomes"]
    assert walking["days"] == {today: 20}
    assert (walking["this_week"]["walk_days"], walking["this_week"]["minutes"]) == (1, 20)
    assert outcomes["daily_pain"] == [{"day": today, "pain": 4.0, "source": "daily"}]
    assert outcomes["leg_pain"] == [{"day": today, "leg": 2}]
    assert outcomes["mornings"] == [{"day": today, "answer": "same"}]
    assert [(p["day"], p["score"]) for p in outcomes["peg"]] == [(today, 5.0)]
    assert outcomes["baseline"]["mean"] == 4.0
    assert not outcomes["morning_due"] and not outcomes["peg_due"]
    text = run_coach("stats", home=tmp_path).stdout
    assert "Walking:    1 walk day this week, 20 minutes" in text
    assert "PEG:        5.0" in text


def test_a_second_score_of_a_day_replaces_the_first_and_says_so(tmp_path: Path) -> None:
    logged(tmp_path, "pain", "6", "--date", "yesterday")
    again = logged(tmp_path, "pain", "3", "--date", "yesterday")
    assert again.endswith("; it replaces the one logged before (pain 6).")
    logged(tmp_path, "morning", "worse")
    assert "replaces" in logged(tmp_path, "morning", "better")
    outcomes = stats(tmp_path)["outcomes"]
    assert [s["pain"] for s in outcomes["daily_pain"]] == [3.0]
    assert [m["answer"] for m in outcomes["mornings"]] == ["better"]


def test_walks_add_up_and_a_back_filled_walk_lands_on_its_day(tmp_path: Path) -> None:
    first = logged(tmp_path, "walk", "15", "--pain", "3", "--date", "yesterday")
    assert "15-minute walk (pain 3)" in first and "replaces" not in first
    logged(tmp_path, "walk", "10", "--date", "yesterday")
    data = stats(tmp_path)
    assert list(data["walking"]["days"].values()) == [25]
    assert list(data["walking"]["days"]) != [data["today"]]


def test_a_second_peg_in_a_week_replaces_the_first(tmp_path: Path) -> None:
    logged(tmp_path, "peg", "6", "5", "4")
    second = logged(tmp_path, "peg", "3", "3", "3")
    assert "; it replaces this week's PEG of " in second
    assert [p["score"] for p in stats(tmp_path)["outcomes"]["peg"]] == [3.0]


@pytest.mark.parametrize(
    ("args", "cause"),
    [
        (("walk", "0"), "minutes are a whole number from 1 to 600, found '0'"),
        (("pain", "11"), "pain is a whole number from 0 (no pain) to 10"),
        (("pain", "3", "--date", "2999-01-01"), "2999-01-01 is after today"),
        (("peg", "6", "5", "eleven"), "pain is a whole number from 0"),
        (("morning", "fine"), "invalid choice: 'fine'"),
    ],
)
def test_bad_input_is_one_error_line_and_exit_2(
    tmp_path: Path, args: tuple[str, ...], cause: str
) -> None:
    result = run_coach("log", *args, home=tmp_path)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1 and cause in errors[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "coach.db").exists()


def test_a_journal_that_cannot_be_used_is_one_line_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "coach.db").mkdir()
    result = run_coach("log", "walk", "20", home=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("coach: ") and "folder" in result.stderr


def test_new_leg_pain_shows_the_red_flags_and_the_next_session_asks_them(tmp_path: Path) -> None:
    first = run_coach("log", "pain", "5", "--leg", "3", home=tmp_path)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[1].startswith("New leg pain: please read the red flags now")
    assert "Seek emergency care now if back or leg pain comes with:" in first.stdout
    # Leg pain logged again (ongoing, not new) is not asked twice.
    second = run_coach("log", "pain", "4", "--leg", "2", home=tmp_path)
    assert "red flags" not in second.stdout
    # Without a terminal, a daily session now stops at the red flags (exit 2) until checked.
    session = run_coach("start", "daily-core", "--speed", "100", "--no-voice", home=tmp_path)
    assert session.returncode == 2, session.stdout + session.stderr
    checked = run_coach(
        "start", "daily-core", "--speed", "100", "--no-voice", "--red-flags-checked", home=tmp_path
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_logged_entries_export_and_import_into_another_journal(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    logged(first, "walk", "20")
    logged(first, "peg", "6", "5", "4")
    out = tmp_path / "export.json"
    assert run_coach("export", "--format", "json", "-o", str(out), home=first).returncode == 0
    result = run_coach("import", str(out), home=second)
    assert result.returncode == 0, result.stderr
    assert stats(second)["walking"]["this_week"]["minutes"] == 20
    assert stats(second)["outcomes"]["peg"][0]["score"] == 5.0
