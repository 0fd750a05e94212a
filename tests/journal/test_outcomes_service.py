"""coach.services.outcomes on a real journal: what it reads, and what it makes of it.

November 2026: the weeks start on Monday the 2nd, 9th, 16th and 23rd; "today" is Wednesday
the 25th throughout.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path

import pytest

from coach.journal import Journal, SessionRecord
from coach.journal.logbook import LogEntry, add_entry, new_id
from coach.services.outcomes import (
    home_lines,
    morning_due,
    outcome_lines,
    outcomes,
    peg_due,
    walking,
    walking_lines,
)

TODAY = date(2026, 11, 25)
_logged = itertools.count()


def d(day: int) -> date:
    return date(2026, 11, day)


def log(journal: Journal, kind: str, day: int, **values: object) -> None:
    stamp = f"2026-11-25T10:{next(_logged) % 60:02d}:00+01:00"
    add_entry(journal, LogEntry(new_id(), kind, d(day).isoformat(), stamp, **values))  # type: ignore[arg-type]


def session(
    day: int, *, pain_before: int | None, speed: float = 1.0, flare: bool = False
) -> SessionRecord:
    return SessionRecord(
        id=new_id(),
        routine_id="daily-core",
        routine_title="Daily core",
        purpose="flare" if flare else "core",
        fingerprint="0123456789abcdef",
        side=None,
        speed=speed,
        started_at=f"2026-11-{day:02d}T08:00:00+01:00",
        ended_at=None,
        status="completed",
        pain_before=pain_before,
        pain_after=None,
        note=None,
        flare=flare,
        planned_s=120,
        work_planned_s=100,
        reps_planned=3,
        work_done_s=100.0,
        reps_done=3,
        active_s=120.0,
    )


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    opened = Journal(tmp_path / "coach.db")
    opened.open()
    return opened


def test_the_baseline_week_is_read_even_before_the_window(journal: Journal) -> None:
    journal.import_sessions([session(3, pain_before=6), session(4, pain_before=9, speed=4)], {})
    log(journal, "pain", 5, pain=8)
    log(journal, "pain", 24, pain=3)
    result = outcomes(journal, TODAY, since=d(16))
    assert result.baseline is not None
    assert (result.baseline.week, result.baseline.mean) == (d(2), 7.0)  # preview left out
    assert [s.day for s in result.scores] == [d(24)]
    assert result.change is not None
    assert (result.change.points, result.change.meaningful) == (-4.0, True)


def test_a_second_daily_score_of_a_day_replaces_the_first(journal: Journal) -> None:
    log(journal, "pain", 24, pain=3, leg=5)
    log(journal, "pain", 24, pain=4)
    result = outcomes(journal, TODAY)
    assert [(s.day, s.pain, s.source) for s in result.scores] == [(d(24), 4.0, "daily")]
    assert result.leg == ()


def test_flare_episodes_join_flare_sessions_and_red_scores(journal: Journal) -> None:
    journal.import_sessions([session(10, pain_before=5, flare=True)], {})
    log(journal, "pain", 11, pain=7)
    log(journal, "pain", 13, pain=6)
    log(journal, "pain", 20, pain=8)
    result = outcomes(journal, TODAY, red_from=6)
    assert [(f.start, f.days) for f in result.flares] == [(d(10), 4), (d(20), 1)]
    assert "Flare-ups:  2 (10 Nov, 4 days; 20 Nov, 1 day)" in outcome_lines(result)


def test_peg_mornings_and_due_checks(journal: Journal) -> None:
    log(journal, "peg", 17, pain=6, enjoyment=5, activity=4)
    log(journal, "morning", 24, morning="better")
    result = outcomes(journal, TODAY)
    assert [(p.day, p.score) for p in result.peg] == [(d(17), 5.0)]
    assert result.mornings == ((d(24), "better"),)
    assert morning_due(journal, TODAY) and peg_due(journal, TODAY)
    log(journal, "morning", 25, morning="same")
    log(journal, "peg", 23, pain=2, enjoyment=2, activity=2)
    assert not morning_due(journal, TODAY) and not peg_due(journal, TODAY)
    assert home_lines(outcomes(journal, TODAY), walking(journal, TODAY)) == [
        "Walks this week: 0 days, 0 min (goal 1 walk of 10 minutes)"
    ]


def test_the_first_day_has_no_yesterday_to_compare_the_morning_with(journal: Journal) -> None:
    assert not morning_due(journal, TODAY)
    assert not outcomes(journal, TODAY).morning_due
    log(journal, "walk", 24, minutes=10)  # coach was used yesterday
    assert morning_due(journal, TODAY)


def test_walking_this_week_the_weeks_before_and_the_calendar_days(journal: Journal) -> None:
    for day in (16, 17, 18):
        log(journal, "walk", day, minutes=15)
    log(journal, "walk", 24, minutes=10)
    log(journal, "walk", 24, minutes=20, pain=2)
    walks = walking(journal, TODAY, since=d(17))
    assert walks.this_week.goal.days == 4  # 3 x 10 reached the week before
    assert (walks.this_week.walk_days, walks.this_week.minutes) == (1, 30)
    assert [w.week for w in walks.weeks] == [date(2026, 10, 26), d(2), d(9), d(16), d(23)]
    week_before = walks.weeks[-2].adherence
    assert (week_before.goal.days, week_before.goal.minutes, week_before.reached) == (1, 10, True)
    assert walks.days == {d(17): 15, d(18): 15, d(24): 30}
    assert walking_lines(walks)[0].startswith("Walking:    1 walk day this week, 30 minutes")


def test_home_tells_a_recent_flare_up_and_then_no_more(journal: Journal) -> None:
    from coach.services.outcomes import flare_home_line

    for day in (20, 21):
        log(journal, "pain", day, pain=8)
    assert flare_home_line(outcomes(journal, TODAY)) == "Flare-up: 2 days from Fri 20 Nov"
    assert flare_home_line(outcomes(journal, TODAY + timedelta(days=8))) is None
