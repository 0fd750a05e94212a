"""``read_report`` on a real journal: outcomes, walking and levels come from the services
(the words and numbers of ``coach stats`` and ``coach progress``), and a routine library that
cannot be read never fails the report."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from report_support import LEVEL_UP, SINCE, TODAY, WALKED, sessions

from coach.journal import Journal
from coach.journal.logbook import LogEntry, LogKind, add_entry, add_level_change, new_id
from coach.journal.stats import TrainingPlan
from coach.report.parts import LIBRARY_UNREADABLE, ROUTINES_MISSING
from coach.report.read import read_report
from coach.routine import Library, load_default_library
from coach.services.outcomes import outcome_lines, outcomes, walking, walking_lines
from coach.services.progress import change_line

_minute = itertools.count()


def log(journal: Journal, kind: LogKind, day: date, **values: int) -> None:
    stamp = f"{day.isoformat()}T20:{next(_minute) % 60:02d}:00+01:00"
    add_entry(journal, LogEntry(new_id(), kind, day.isoformat(), stamp, **values))  # type: ignore[arg-type]


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    """The month of report_support, with a daily pain score every day (8 on Tue 17 and Wed
    18, red), a PEG in the first and last week, the walks and the level change."""
    with Journal(tmp_path / "coach.db") as opened:
        opened.import_sessions(sessions(), {})
        for offset in range(28):
            day = SINCE + timedelta(days=offset)
            red = day in (date(2026, 3, 17), date(2026, 3, 18))
            log(opened, "pain", day, pain=8 if red else 6 - offset // 7)
        log(opened, "peg", SINCE, pain=6, enjoyment=5, activity=6)
        log(opened, "peg", date(2026, 3, 23), pain=3, enjoyment=2, activity=3)
        for day, minutes in WALKED.items():
            log(opened, "walk", day, minutes=minutes)
        add_level_change(opened, LEVEL_UP)
        yield opened


def test_outcomes_and_walking_say_what_coach_stats_says(journal: Journal) -> None:
    data = read_report(journal, TrainingPlan(), TODAY, SINCE, red_from=7, library=Library())
    service = outcomes(journal, TODAY, SINCE, 7)
    stats_words = [" ".join(line.split()) for line in outcome_lines(service)]
    assert data.outcomes is not None and list(data.outcomes.lines) == stats_words
    # The baseline is the first week with scores ever: 9 on Fri 27 Feb, before the period.
    assert stats_words[1].startswith("Change: 6.0 points less pain, 67%: a meaningful change")
    assert "against a baseline of 9.0 (week of 23 Feb)" in stats_words[1]
    assert data.outcomes.change == service.change and data.outcomes.baseline == service.baseline
    assert [(p.day, p.score) for p in data.outcomes.peg] == [
        (SINCE, 17 / 3),
        (date(2026, 3, 23), 8 / 3),
    ]
    assert [(f.start, f.days) for f in data.outcomes.flares] == [(date(2026, 3, 17), 3)]
    assert len(data.outcomes.daily_pain) == 28
    walks = walking(journal, TODAY, SINCE)
    assert data.glance.walk_goal == " ".join(walking_lines(walks)[0].split())
    assert (data.glance.walk_days, data.glance.walk_minutes) == (3, 70)


def test_the_pain_threshold_sets_the_flare_days(journal: Journal) -> None:
    data = read_report(journal, TrainingPlan(), TODAY, SINCE, red_from=5, library=Library())
    assert data.outcomes is not None
    # Red from 5: the first two weeks (6 and 5), then 17-19 Mar, one day apart: one episode.
    assert [(f.start, f.days) for f in data.outcomes.flares] == [(SINCE, 18)]


def test_a_timed_walk_is_not_a_session(journal: Journal) -> None:
    data = read_report(journal, TrainingPlan(), TODAY, SINCE, library=Library())
    assert "walk" not in data.glance.per_routine and data.glance.sessions == 27
    assert all(s.purpose != "walk" for s in data.sessions)


def test_levels_come_from_the_progress_service(journal: Journal) -> None:
    data = read_report(journal, TrainingPlan(), TODAY, SINCE, library=load_default_library())
    # The ladders of routines never done and never moved (McGill Big 3 ...) are left out.
    (row,) = data.levels
    assert (row.level, row.levels) == (2, 4) and row.level_name
    assert [c.text for c in row.changes] == [change_line(LEVEL_UP)]
    assert data.levels_note is None


def test_without_the_library_levels_come_from_the_journal_with_a_line(journal: Journal) -> None:
    data = read_report(journal, TrainingPlan(), TODAY, SINCE, library=None)
    (row,) = data.levels
    assert (row.routine_id, row.title, row.level, row.levels, row.level_name) == (
        "daily-core",
        "Daily core",
        2,
        None,
        None,
    )
    assert [c.text for c in row.changes] == [change_line(LEVEL_UP)]
    assert data.levels_note == LIBRARY_UNREADABLE


def test_a_routine_missing_from_the_library_is_read_from_the_journal(journal: Journal) -> None:
    data = read_report(journal, TrainingPlan(), TODAY, SINCE, library=Library())
    assert [(r.routine_id, r.level) for r in data.levels] == [("daily-core", 2)]
    assert data.levels_note == ROUTINES_MISSING
