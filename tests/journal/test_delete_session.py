"""Deleting a session: it goes with its steps and events, and stays deleted through export,
import (both ways) and the next machine's import (schema 5, export version 4)."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from import_support import document, valid_session

from coach.journal.export import export_data, export_json, read_export_stream
from coach.journal.records import Journal

WHEN = datetime(2026, 3, 20, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def imported(path: Path, data: object) -> Journal:
    journal = Journal(path)
    journal.open()
    journal.import_stream(read_export_stream(io.BytesIO(json.dumps(data).encode())))
    return journal


def two_sessions(path: Path) -> Journal:
    return imported(path, document([valid_session(1), valid_session(2)]))


def test_delete_takes_steps_and_events_and_keeps_a_tombstone(tmp_path: Path) -> None:
    journal = two_sessions(tmp_path / "coach.db")
    gone = f"{1:032x}"
    try:
        assert journal.delete_session(gone, WHEN) is True
        assert [s.id for s in journal.sessions()] == [f"{2:032x}"]
        assert journal.steps(gone) == [] and journal.events(gone) == []
        assert export_data(journal)["deleted_sessions"] == [
            {"id": gone, "deleted_at": WHEN.isoformat()}
        ]
        assert journal.delete_session(gone, WHEN) is False  # already gone: nothing to do
        assert journal.session_count() == 1
    finally:
        journal.close()


def test_an_old_export_never_brings_a_deleted_session_back(tmp_path: Path) -> None:
    old = document([valid_session(1), valid_session(2)])  # made before the deletion
    journal = two_sessions(tmp_path / "coach.db")
    try:
        journal.delete_session(f"{1:032x}", WHEN)
        journal.import_stream(read_export_stream(io.BytesIO(json.dumps(old).encode())))
        assert [s.id for s in journal.sessions()] == [f"{2:032x}"]
    finally:
        journal.close()


def test_a_tombstone_imported_deletes_the_local_copy(tmp_path: Path) -> None:
    here = two_sessions(tmp_path / "here.db")
    there = two_sessions(tmp_path / "there.db")
    try:
        there.delete_session(f"{2:032x}", WHEN)
        here.import_stream(read_export_stream(io.BytesIO(export_json(there).encode())))
        assert [s.id for s in here.sessions()] == [f"{1:032x}"]
        assert export_data(here)["deleted_sessions"] == export_data(there)["deleted_sessions"]
    finally:
        here.close()
        there.close()


def test_export_import_export_keeps_the_tombstones(tmp_path: Path) -> None:
    source = two_sessions(tmp_path / "source.db")
    try:
        source.delete_session(f"{1:032x}", WHEN)
        first = export_json(source)
    finally:
        source.close()
    copy = imported(tmp_path / "copy.db", json.loads(first))
    try:
        again = json.loads(export_json(copy))
    finally:
        copy.close()
    expected = json.loads(first)
    for data in (again, expected):
        data.pop("exported_at", None)
    assert again == expected


def test_a_session_still_being_recorded_is_not_deleted(tmp_path: Path) -> None:
    import pytest

    from coach.journal import JournalError

    journal = two_sessions(tmp_path / "coach.db")
    try:
        running = journal.start_session(
            routine_id="daily-core", routine_title="Daily core", purpose="daily",
            fingerprint="f", side=None, speed=1.0, planned_s=60, work_planned_s=40,
            reps_planned=3, pain_before=None, flare=False, started_at=WHEN,
        )  # fmt: skip
        with pytest.raises(JournalError, match="still being recorded"):
            journal.delete_session(running)
        assert journal.session(running) is not None
    finally:
        journal.close()
