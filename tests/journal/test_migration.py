"""A journal written by the previous coach (schema 1, before events) opens, migrates, and keeps
every session; events then go in beside them. A real file, as the older coach left it."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from coach.journal import db
from coach.journal.db import MIGRATIONS, SCHEMA_VERSION, check_journal
from coach.journal.export import export_data
from coach.journal.records import EventRecord, Journal

SESSION = (
    "0123456789abcdef0123456789abcdef", "daily-core", "Daily core", "core", "feedc0de12345678",
    None, 1.0, "2026-03-02T09:00:00+01:00", "2026-03-02T09:05:00+01:00", "completed", 5, 3,
    "felt better", 0, 300, 200, 12, 200.0, 12, 300.0, None, None,
)  # fmt: skip
STEP = (
    "0123456789abcdef0123456789abcdef", 0, 0, "hold", "curl-up", None, 1, 1, 10.0, 10.0, 1, 1,
    "completed", "2026-03-02T09:00:10+01:00",
)  # fmt: skip


def make_version_1_journal(path: Path) -> None:
    """The file the previous coach made: schema 1 in WAL mode, one session with one step."""
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN")
        for statement in MIGRATIONS[0]:
            conn.execute(statement)
        conn.execute("PRAGMA user_version = 1")
        conn.execute(f"INSERT INTO sessions VALUES ({', '.join('?' * len(SESSION))})", SESSION)
        conn.execute(f"INSERT INTO steps VALUES ({', '.join('?' * len(STEP))})", STEP)
        conn.execute("INSERT INTO meta VALUES ('red_flags_ack', '2026-03-01T08:00:00+01:00')")
        conn.execute("COMMIT")


def test_the_current_schema_is_5_with_log_entries_levels_cards_and_tombstones() -> None:
    assert SCHEMA_VERSION == 5


def test_a_version_1_journal_migrates_and_keeps_its_sessions(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    make_version_1_journal(path)
    assert check_journal(path).version == 1

    with Journal(path) as journal:
        (session,) = journal.sessions()
        assert session.id == SESSION[0]
        assert (session.status, session.pain_before, session.pain_after) == ("completed", 5, 3)
        assert session.note == "felt better"
        assert [step.exercise for step in journal.steps(session.id)] == ["curl-up"]
        assert journal.get_meta("red_flags_ack") == "2026-03-01T08:00:00+01:00"
        assert journal.events(session.id) == []
        journal.add_event(session.id, EventRecord(0, 12.5, "hurts", "curl-up", None))
        assert journal.events(session.id) == [EventRecord(0, 12.5, "hurts", "curl-up", None)]
        assert export_data(journal)["sessions"][0]["events"] == [
            {"at_s": 12.5, "kind": "hurts", "exercise": "curl-up", "detail": None}
        ]

    health = check_journal(path)
    assert (health.version, health.integrity, health.sessions) == (5, "ok", 1)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_failed_migration_leaves_the_version_1_journal_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migration 2 breaking half way (here: a statement after the events table) rolls back."""
    path = tmp_path / "coach.db"
    make_version_1_journal(path)
    broken = (*MIGRATIONS[1], "THIS IS NOT SQL")
    monkeypatch.setattr(db, "MIGRATIONS", (MIGRATIONS[0], broken))
    with pytest.raises(db.JournalError):
        Journal(path).open()
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert "events" not in tables
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
    monkeypatch.undo()
    with Journal(path) as journal:
        assert len(journal.sessions()) == 1


def test_deleting_a_session_deletes_its_events(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    make_version_1_journal(path)
    with Journal(path) as journal:
        journal.add_event(SESSION[0], EventRecord(0, 1.0, "skipped-exercise", "curl-up", None))
        journal.conn.execute("DELETE FROM sessions")
        assert list(journal.all_events()) == []
