"""The plain front end of the session flow: how it asks (prompts on a pty) and what it prints.

The flow's rules are tested in tests/flow; here, the real ``coach`` command, with and without
a terminal.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run_coach as coach
from pty_support import Terminal


def history(home: Path) -> list[dict[str, object]]:
    result = coach("history", "--json", home=home)
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def test_a_flare_routine_without_a_terminal_prints_the_red_flags_and_exits_2(home: Path) -> None:
    result = coach("start", "flare-up", "--plain", "--speed", "300", home=home)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Seek emergency care now" in result.stdout
    assert "--red-flags-checked" in result.stdout
    assert "Traceback" not in result.stderr
    assert history(home) == []


def test_coach_flare_without_a_terminal_also_needs_the_check(home: Path) -> None:
    result = coach("flare", "--speed", "300", home=home)
    assert result.returncode == 2
    assert history(home) == []


def test_with_the_flag_it_runs_and_is_recorded_as_a_flare_session(home: Path) -> None:
    result = coach(
        "start", "flare-up", "--plain", "--speed", "300", "--red-flags-checked", home=home
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (session,) = history(home)
    assert session["routine_id"] == "flare-up" and session["flare"] is True


def test_the_disclaimer_is_printed_once_on_first_use(home: Path) -> None:
    first = coach("start", "childs-pose", "--plain", "--speed", "300", home=home)
    second = coach("start", "childs-pose", "--plain", "--speed", "300", home=home)
    assert "does not diagnose or treat" in first.stdout
    assert "does not diagnose or treat" not in second.stdout


def test_an_unknown_routine_exits_1_naming_the_nearest_without_a_terminal(home: Path) -> None:
    result = coach("start", "daily-cor", home=home)
    assert result.returncode == 1
    assert "daily-core" in result.stderr


def test_an_unknown_routine_exits_1_on_a_terminal_without_opening_the_app(home: Path) -> None:
    terminal = Terminal("start", "daily-cor", home=home)
    assert terminal.finish(timeout=30) == 1
    assert "daily-core" in terminal.text
    assert "\x1b[?1049h" not in terminal.text  # the app's alternate screen never opened


def test_high_pain_without_a_terminal_suggests_in_one_line_and_runs_the_routine(
    home: Path,
) -> None:
    result = coach(
        "start", "childs-pose", "--plain", "--speed", "300", "--pain-before", "8", home=home
    )
    assert result.returncode == 0
    suggestions = [line for line in result.stdout.splitlines() if "flare-up" in line]
    assert len(suggestions) == 1
    (session,) = history(home)
    assert session["routine_id"] == "childs-pose"


def test_central_pain_names_no_side_as_painful(home: Path) -> None:
    result = coach("flare", "--side", "both", "--speed", "300", "--red-flags-checked", home=home)
    assert result.returncode == 0
    text = result.stdout.lower()
    assert "sore side" not in text and "painful side" not in text
    assert "side that hurts" not in text


# -- on a terminal ---------------------------------------------------------------------------------


def test_on_a_terminal_the_red_flags_need_their_own_key(home: Path) -> None:
    terminal = Terminal("flare", "--plain", "--speed", "300", home=home)
    terminal.expect("Type n if none of these apply")
    terminal.send("\n")  # Enter alone is never "none apply": it goes back
    assert terminal.finish() == 1
    assert history(home) == []


def test_on_a_terminal_a_whole_flare_session_with_questions(home: Path) -> None:
    terminal = Terminal("flare", "--plain", "--speed", "300", home=home)
    terminal.expect("Type n if none of these apply")
    terminal.send("n\n")
    terminal.expect("Which side hurts?")
    terminal.send("\n")  # both / the middle
    terminal.expect("Pain now, before you start")
    terminal.send("6\n")
    terminal.expect("Pain now, after the session", timeout=60)
    terminal.send("4\n")
    terminal.expect("A note for your log")
    terminal.send("easier than yesterday\n")
    assert terminal.finish() == 0
    assert "Relief of 2 points" in terminal.text
    (session,) = history(home)
    assert session["flare"] is True and session["side"] is None
    assert (session["pain_before"], session["pain_after"]) == (6, 4)
    assert session["note"] == "easier than yesterday"


def test_on_a_terminal_x_then_leg_stops_and_shows_the_red_flags(home: Path) -> None:
    terminal = Terminal("start", "daily-core", "--plain", "--speed", "5", home=home)
    terminal.expect("Pain now, before you start")
    terminal.send("2\n")
    terminal.expect("Safety:")  # the first exercise's safety line at its get-ready
    terminal.send("x")
    terminal.expect("What is happening?")
    terminal.send("l")
    terminal.expect("Type n if none of these apply")
    terminal.send("n\n")
    terminal.expect("Pain now, after the session")
    terminal.send("\n")
    terminal.expect("A note for your log")
    terminal.send("\n")
    assert terminal.finish() == 0
    export = coach("export", "--format", "json", home=home)
    (session,) = json.loads(export.stdout)["sessions"]
    assert [e["kind"] for e in session["events"]] == ["leg-symptoms"]
    assert session["status"] == "ended_early"


def test_on_a_terminal_e_takes_the_easier_variant(home: Path) -> None:
    terminal = Terminal("start", "daily-core", "--plain", "--speed", "5", home=home)
    terminal.expect("Pain now, before you start")
    terminal.send("\n")
    terminal.expect("e: easier")
    terminal.send("e")
    terminal.expect("Easier:")
    terminal.send("q")  # end early
    terminal.expect("Pain now, after the session")
    terminal.send("\n\n")
    assert terminal.finish() == 0
    export = coach("export", "--format", "json", home=home)
    (session,) = json.loads(export.stdout)["sessions"]
    assert [e["kind"] for e in session["events"]] == ["easier"]


def test_coach_import_keeps_the_events(home: Path, tmp_path: Path) -> None:
    terminal = Terminal("start", "daily-core", "--plain", "--speed", "5", home=home)
    terminal.expect("Pain now, before you start")
    terminal.send("\n")
    terminal.expect("e: easier")
    terminal.send("x")
    terminal.expect("What is happening?")
    terminal.send("s")  # skip this exercise
    terminal.expect("Skipped this exercise.")
    terminal.send("q")
    terminal.expect("Pain now, after the session")
    terminal.send("\n\n")
    assert terminal.finish() == 0
    exported = tmp_path / "export.json"
    assert coach("export", "--format", "json", "-o", str(exported), home=home).returncode == 0
    other = tmp_path / "other"
    assert coach("import", str(exported), home=other).returncode == 0
    again = json.loads(coach("export", "--format", "json", home=other).stdout)
    (session,) = again["sessions"]
    assert [e["kind"] for e in session["events"]] == ["hurts", "skipped-exercise"]
    assert {e["exercise"] for e in session["events"]} == {"curl-up"}


def test_history_json_says_how_a_session_ended_in_the_one_vocabulary(home: Path) -> None:
    terminal = Terminal(
        "start", "childs-pose", "--plain", "--pain-before", "1", "--pain-after", "1", home=home
    )
    terminal.expect("get ready")
    terminal.send("nnnnnnnnnn")  # skip through every step, typed ahead
    terminal.expect("A note for your log", timeout=30)
    terminal.send("\n")
    assert terminal.finish() == 0
    (session,) = history(home)
    assert session["status"] == "completed"  # it reached the end...
    assert session["end"] == "skipped-through" and session["counts"] is False
    assert session["note"] is None  # the typed-ahead keys never became the note
