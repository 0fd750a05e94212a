"""``coach`` where the app cannot be drawn (``TERM=dumb``, or no terminal): plain home, the
plain commands, and the one-line menu; never Textual, never a traceback (issue 12, item 5)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from cli_support import run_coach

from coach.plain_home import MENU, menu


def test_dumb_coach_prints_home_and_the_plain_commands(tmp_path: Path) -> None:
    env = {**os.environ, "COACH_HOME": str(tmp_path), "TERM": "dumb"}
    env.pop("COACH_VOICE", None)
    result = subprocess.run(
        [sys.executable, "-m", "coach"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == "Not done yet today."
    assert lines[2] == "Streak: 0 days (best 0) · nothing planned yet this week"
    assert "Daily routine: Daily core (five minutes) (daily-core)" in lines
    assert any(line.startswith("Level 1 of ") for line in lines)
    assert "  coach start daily-core --plain    the daily routine" in lines
    assert "  coach flare --plain               flare-up relief" in lines
    assert "\x1b" not in result.stdout  # no escape sequence: Textual never started
    assert "Traceback" not in result.stderr
    assert MENU.strip() not in result.stdout  # stdin is no terminal: no menu to answer


def test_coach_without_a_terminal_prints_home_too(tmp_path: Path) -> None:
    result = run_coach(home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Not done yet today." in result.stdout
    assert "usage:" not in result.stdout


def test_menu_enter_starts_the_daily_f_flare_q_and_eof_quit() -> None:
    started: list[str | None] = []

    def start(routine: str | None) -> int:
        started.append(routine)
        return 7

    def answers(*typed: str):  # type: ignore[no-untyped-def]
        queue = list(typed)

        def ask(prompt: str) -> str:
            assert prompt == MENU
            if not queue:
                raise EOFError
            return queue.pop(0)

        return ask

    out = io.StringIO()
    assert menu(answers(""), start, out) == 7
    assert menu(answers("x", " F "), start, out) == 7
    assert started == [None, "flare"]
    assert "Not a choice: 'x'. Enter, f or q." in out.getvalue()
    assert menu(answers("q"), start, out) == 0
    assert menu(answers(), start, out) == 0  # end of input quits
    assert started == [None, "flare"]
