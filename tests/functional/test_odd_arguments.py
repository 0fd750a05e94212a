"""Odd arguments get a clear refusal or a sensible answer, never a traceback (issue 10).

Periods that reach back before any session could exist mean "everything"; a date after today
is refused; speeds too small or too large to time a session are refused before anything is
written. Each runs the real command with its own home (``coach_home``, tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import run_coach

from coach.journal import Journal


@pytest.mark.parametrize(
    "period", ["9999999y", "99999999999999999999999999999d", "0001-01-01", "1970-01-01"]
)
@pytest.mark.parametrize("command", ["history", "report"])
def test_a_period_before_any_session_means_everything(
    command: str, period: str, coach_home: Path
) -> None:
    done = run_coach(command, "--since", period, home=coach_home)
    assert (done.returncode, done.stderr) == (0, "")
    out = done.stdout
    if command == "report":
        assert "2000-01-01" in out  # the period starts at the earliest possible session


@pytest.mark.parametrize("period", ["9999-12-31", "2099-01-01"])
def test_a_date_after_today_is_refused(period: str, coach_home: Path) -> None:
    done = run_coach("history", "--since", period, home=coach_home)
    assert done.returncode == 2
    assert f"{period} is after today" in done.stderr


def test_a_period_with_control_characters_is_echoed_escaped(coach_home: Path) -> None:
    done = run_coach("history", "--since", "4w\x1b[2J", home=coach_home)
    assert done.returncode == 2
    err = done.stderr
    assert "\x1b" not in err
    assert "'4w\\x1b[2J'" in err


@pytest.mark.parametrize("speed", ["1e-300", "0", "-1", "nan", "inf", "1e309", "1001", "0.01"])
def test_speeds_that_cannot_be_timed_are_refused_before_anything_is_written(
    speed: str, coach_home: Path
) -> None:
    done = run_coach("start", "daily-core", "--plain", "--speed", speed, home=coach_home)
    assert done.returncode == 2
    assert "expected a speed from 0.1 to 1000" in done.stderr
    journal = coach_home / "coach.db"
    if journal.exists():
        with Journal(journal) as opened:
            assert opened.sessions() == []
