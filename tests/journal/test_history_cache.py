"""The kept history prefix: used while it holds, dropped the moment an old session changes.

``read_for_stats`` keeps the streak walk up to a month ago in the journal's meta table. These
tests change the journal behind it every way a session can change (a new old session, an
update, a delete, an import, a change of plan, written by coach or by plain SQL) and check the
figures always equal those worked out from the whole history, and that a prefix that holds
saves reading the old history.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_stats_window import TODAY, session_records

from coach.journal import Journal
from coach.journal.db import HISTORY_CUTOFF_KEY, HISTORY_VERSION_KEY, SCHEMA_VERSION
from coach.journal.history import PREFIX_KEY, read_for_stats
from coach.journal.logbook import LogEntry, add_entry
from coach.journal.records import SessionRecord
from coach.journal.stats import Stats, TrainingPlan, compute_stats

PLAN = TrainingPlan(5, frozenset({"sat"}))


def figures(journal: Journal, plan: TrainingPlan = PLAN, days: int = 28) -> Stats:
    read = read_for_stats(journal, plan, TODAY, days)
    return compute_stats(read.sessions, plan, TODAY, days, read.history, read.prefix)


def whole(journal: Journal, plan: TrainingPlan = PLAN, days: int = 28) -> Stats:
    return compute_stats(journal.sessions(), plan, TODAY, days)


def old_session(days_ago: int, **changes: object) -> SessionRecord:
    """A completed daily session ``days_ago`` days before TODAY at 08:00 +01:00."""
    day = TODAY - timedelta(days=days_ago)
    started = f"{day.isoformat()}T08:00:00+01:00"
    record = SessionRecord(
        id=f"old{days_ago:04d}", routine_id="daily-core", routine_title="x", purpose="core",
        fingerprint="f", side=None, speed=1.0, started_at=started, ended_at=started,
        status="completed", pain_before=3, pain_after=2, note=None, flare=False,
        planned_s=200, work_planned_s=100, reps_planned=4, work_done_s=100.0, reps_done=4,
        active_s=200.0,
    )  # fmt: skip
    return replace(record, **changes)  # type: ignore[arg-type]


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    opened = Journal(tmp_path / "coach.db")
    opened.open()
    days = [d for d in range(1, 140) if d % 9]  # a streak broken every ninth day
    opened.import_sessions([old_session(d) for d in days], {})
    yield opened  # type: ignore[misc]
    opened.close()


def raw(journal: Journal) -> sqlite3.Connection:
    """A second connection, as another program would write the file."""
    return contextlib.closing(sqlite3.connect(journal.path, isolation_level=None))  # type: ignore[return-value]


def test_the_schema_counts_changes_only_before_the_cutoff(journal: Journal) -> None:
    assert SCHEMA_VERSION == 5
    figures(journal)  # sets the cutoff and keeps a prefix
    cutoff = journal.get_meta(HISTORY_CUTOFF_KEY)
    assert cutoff is not None and cutoff < TODAY.isoformat()
    before = journal.get_meta(HISTORY_VERSION_KEY)
    journal.import_sessions([old_session(0)], {})  # today: after the cutoff
    assert journal.get_meta(HISTORY_VERSION_KEY) == before
    journal.import_sessions([old_session(126)], {})  # a day that had none
    assert journal.get_meta(HISTORY_VERSION_KEY) != before


def test_a_kept_prefix_spares_reading_the_old_history(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = figures(journal)
    assert first == whole(journal)
    assert journal.get_meta(PREFIX_KEY) is not None
    asked: list[date | None] = []
    real = Journal.session_days

    def recording(self: Journal, after: date | None = None) -> object:
        asked.append(after)
        return real(self, after)

    monkeypatch.setattr(Journal, "session_days", recording)
    assert figures(journal) == first
    assert asked and all(after is not None for after in asked)


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE sessions SET status = 'ended_early' WHERE id = 'old0100'",
        "UPDATE sessions SET speed = 2 WHERE id = 'old0050'",
        "UPDATE sessions SET started_at = '2026-03-30T08:00:00+01:00' WHERE id = 'old0080'",
        "DELETE FROM sessions WHERE id = 'old0061'",
        "INSERT INTO sessions SELECT 'new' || id, routine_id, routine_title, purpose, fingerprint,"
        " side, speed, replace(started_at, '08:00', '09:00'), ended_at, status, pain_before,"
        " pain_after, note, flare, planned_s, work_planned_s, reps_planned, work_done_s,"
        " reps_done, active_s, pid, host, level FROM sessions WHERE id = 'old0100'",
    ],
)
def test_a_change_to_an_old_session_by_any_program_drops_the_prefix(
    journal: Journal, change: str
) -> None:
    figures(journal)
    journal.import_sessions([old_session(90, status="interrupted", id="odd")], {})
    with raw(journal) as conn:
        conn.execute(change)
    assert figures(journal) == whole(journal)


def test_a_missing_day_filled_in_by_an_import_lengthens_the_best_streak(journal: Journal) -> None:
    before = figures(journal)
    journal.import_sessions([old_session(d) for d in range(99, 140, 9)], {})
    after = figures(journal)
    assert after == whole(journal)
    assert after.best_streak > before.best_streak


def test_another_plan_is_not_served_the_kept_prefix(journal: Journal) -> None:
    figures(journal)
    other = TrainingPlan(7, frozenset())
    assert figures(journal, other) == whole(journal, other)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=st.lists(session_records(), max_size=25),
    later=st.lists(session_records(), max_size=10),
    days=st.sampled_from([7, 28, 90]),
)
def test_figures_equal_the_whole_walk_through_any_history_of_writes(
    tmp_path_factory: pytest.TempPathFactory,
    first: list[SessionRecord],
    later: list[SessionRecord],
    days: int,
) -> None:
    with Journal(tmp_path_factory.mktemp("cache") / "coach.db") as journal:
        journal.import_sessions(first, {})
        assert figures(journal, days=days) == whole(journal, days=days)
        journal.import_sessions(later, {})
        assert figures(journal, days=days) == whole(journal, days=days)
        assert figures(journal, days=days) == whole(journal, days=days)


def test_a_longer_window_leaves_the_kept_prefix_for_the_usual_one(journal: Journal) -> None:
    figures(journal)
    kept = journal.get_meta(PREFIX_KEY)
    cutoff = journal.get_meta(HISTORY_CUTOFF_KEY)
    assert figures(journal, days=400) == whole(journal, days=400)
    assert (journal.get_meta(PREFIX_KEY), journal.get_meta(HISTORY_CUTOFF_KEY)) == (kept, cutoff)
    assert figures(journal) == whole(journal)


# -- walks keep a streak, so the prefix holds them too ---------------------------------------------


def walked_figures(journal: Journal) -> Stats:
    read = read_for_stats(journal, PLAN, TODAY)
    return compute_stats(read.sessions, PLAN, TODAY, 28, read.history, read.prefix, read.walk_days)


def walked_whole(journal: Journal) -> Stats:
    return compute_stats(journal.sessions(), PLAN, TODAY, 28, walk_days=journal.walk_days())


def old_walk(days_ago: int) -> LogEntry:
    day = (TODAY - timedelta(days=days_ago)).isoformat()
    return LogEntry(f"walk{days_ago}", "walk", day, f"{day}T18:00:00+01:00", minutes=20)


def test_a_walk_before_the_cutoff_changes_the_kept_prefix(journal: Journal) -> None:
    before = walked_figures(journal)
    version = journal.get_meta(HISTORY_VERSION_KEY)
    add_entry(journal, old_walk(99))  # bridges the broken ninth day
    assert journal.get_meta(HISTORY_VERSION_KEY) != version
    after = walked_figures(journal)
    assert after == walked_whole(journal)
    assert after.best_streak > before.best_streak
    with raw(journal) as conn:
        conn.execute("DELETE FROM log_entries WHERE id = 'walk99'")
    assert walked_figures(journal) == walked_whole(journal) == before


def test_walk_days_are_read_only_after_the_kept_prefix(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_entry(journal, old_walk(99))
    first = walked_figures(journal)
    asked: list[date | None] = []
    real = Journal.walk_days

    def recording(self: Journal, after: date | None = None) -> set[date]:
        asked.append(after)
        return real(self, after)

    monkeypatch.setattr(Journal, "walk_days", recording)
    assert walked_figures(journal) == first
    assert asked and all(after is not None for after in asked)


def test_a_prefix_kept_before_walks_counted_is_worked_out_again(journal: Journal) -> None:
    walked_figures(journal)
    stored = json.loads(journal.get_meta(PREFIX_KEY) or "{}")
    del stored["rules"]
    stored["best"] = 999
    journal.set_meta(PREFIX_KEY, json.dumps(stored))
    assert walked_figures(journal) == walked_whole(journal)
    assert walked_figures(journal).best_streak < 999
