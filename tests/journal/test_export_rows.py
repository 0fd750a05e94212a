"""Export version 3: log entries, level changes, cards shown and a session's level round-trip,
are checked row by row on import, and are added once by id."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from import_support import document, dump, valid_session, write_document

from coach.journal.export import (
    EXPORT_VERSION,
    ExportFormatError,
    export_data,
    export_json,
    read_export_stream,
)
from coach.journal.importing import ImportConflictError
from coach.journal.records import Journal

LOG_ENTRIES: list[dict[str, Any]] = [
    {"id": "a1", "kind": "walk", "day": "2026-03-02", "logged_at": "2026-03-02T18:00:00+01:00",
     "minutes": 20, "pain": 3, "leg": None, "enjoyment": None, "activity": None, "morning": None},
    {"id": "a2", "kind": "morning", "day": "2026-03-03", "logged_at": "2026-03-03T07:30:00+01:00",
     "minutes": None, "pain": None, "leg": None, "enjoyment": None, "activity": None,
     "morning": "same"},
    {"id": "a3", "kind": "pain", "day": "2026-03-03", "logged_at": "2026-03-03T20:00:00+01:00",
     "minutes": None, "pain": 4, "leg": 2, "enjoyment": None, "activity": None, "morning": None},
    {"id": "a4", "kind": "peg", "day": "2026-03-04", "logged_at": "2026-03-04T20:00:00+01:00",
     "minutes": None, "pain": 6, "leg": None, "enjoyment": 5, "activity": 4, "morning": None},
]  # fmt: skip
LEVEL_CHANGES: list[dict[str, Any]] = [
    {"id": "b1", "routine_id": "daily-core", "level": 2, "change": "up",
     "reason": "two tolerated sessions in a row", "changed_at": "2026-03-03T09:10:00+01:00"},
    {"id": "b2", "routine_id": "daily-core", "level": 1, "change": "down",
     "reason": "pain rose 3 points", "changed_at": "2026-03-04T09:10:00+01:00"},
]  # fmt: skip
CARDS_SHOWN: list[dict[str, Any]] = [
    {"day": "2026-03-02", "card_id": "stay-active"},
    {"day": "2026-03-03", "card_id": "spasms-settle"},
]
ROWS = {"log_entries": LOG_ENTRIES, "level_changes": LEVEL_CHANGES, "cards_shown": CARDS_SHOWN}


def full_document(**changes: Any) -> dict[str, Any]:
    data = document([valid_session(1, level=2), valid_session(2)], **ROWS)
    data.update(changes)
    return data


def import_file(journal: Journal, path: Path) -> Any:
    with path.open("rb") as stream:
        return journal.import_stream(read_export_stream(stream))


def without_time(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in ("exported_at",)}


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    return write_document(tmp_path / "in.json", full_document())


def test_export_import_export_gives_the_same_document(exported: Path, tmp_path: Path) -> None:
    with Journal(tmp_path / "one.db") as journal:
        counts = import_file(journal, exported)
        first = export_data(journal)
        text = export_json(journal)
    assert (counts.added, counts.rows_added, counts.rows_present) == (2, 8, 0)
    assert first["version"] == EXPORT_VERSION == 4
    assert [s["level"] for s in first["sessions"]] == [2, None]
    assert (first["log_entries"], first["level_changes"]) == (LOG_ENTRIES, LEVEL_CHANGES)
    assert first["cards_shown"] == CARDS_SHOWN
    assert without_time(json.loads(text)) == without_time(first)  # the streamed text agrees
    again_path = tmp_path / "again.json"
    again_path.write_text(text, encoding="utf-8")
    with Journal(tmp_path / "two.db") as journal:
        import_file(journal, again_path)
        second = export_data(journal)
    assert without_time(second) == without_time(first)


def test_the_same_file_twice_adds_nothing(exported: Path, tmp_path: Path) -> None:
    with Journal(tmp_path / "coach.db") as journal:
        import_file(journal, exported)
        before = dump(journal.path)
        counts = import_file(journal, exported)
        assert (counts.added, counts.rows_added, counts.rows_present) == (0, 0, 8)
    assert dump(tmp_path / "coach.db") == before


def test_a_row_of_a_stored_id_that_differs_is_refused_and_nothing_is_added(
    exported: Path, tmp_path: Path
) -> None:
    changed = [{**LOG_ENTRIES[0], "minutes": 25}, *LOG_ENTRIES[1:]]
    other = write_document(tmp_path / "other.json", full_document(log_entries=changed))
    with Journal(tmp_path / "coach.db") as journal:
        import_file(journal, exported)
        with pytest.raises(ImportConflictError, match=r"^log entry 1 \(id a1, line \d+\): "
                           r"a different row with this id is in the journal "
                           r"\(first difference: minutes\)$"):  # fmt: skip
            import_file(journal, other)
        assert export_data(journal)["log_entries"] == LOG_ENTRIES


def test_two_cards_for_one_day_in_a_file_are_refused(tmp_path: Path) -> None:
    twice = [*CARDS_SHOWN, {"day": "2026-03-02", "card_id": "walking"}]
    path = write_document(tmp_path / "in.json", full_document(cards_shown=twice))
    with (
        Journal(tmp_path / "coach.db") as journal,
        pytest.raises(ImportConflictError, match=r"card shown 3 \(day 2026-03-02.*earlier in"),
    ):
        import_file(journal, path)


@pytest.mark.parametrize(
    ("table", "index", "change", "message"),
    [
        ("log_entries", 0, {"minutes": 0}, r"log entry 1 \(id a1, line \d+\): minutes: "),
        ("log_entries", 1, {"morning": "awful"}, r"log entry 2 .*: morning: "),
        ("log_entries", 0, {"leg": 3}, r"log entry 1 .*: a walk entry has no leg"),
        ("log_entries", 3, {"activity": None}, r"log entry 4 .*: a peg entry needs activity"),
        ("log_entries", 2, {"pain": 11}, r"log entry 3 .*: pain: "),
        ("log_entries", 2, {"day": "2026-3-3"}, r"log entry 3 .*: day: expected a day"),
        ("log_entries", 2, {"kind": "swim"}, r"log entry 3 .*: kind: "),
        ("log_entries", 2, {"extra": 1}, r"log entry 3 .*: extra: "),
        ("level_changes", 1, {"level": 0}, r"level change 2 \(id b2, line \d+\): level: "),
        ("level_changes", 0, {"changed_at": "2026-03-03 09:10"}, r"level change 1 .*changed_at"),
        ("level_changes", 0, {"change": "sideways"}, r"level change 1 .*: change: "),
        ("cards_shown", 1, {"day": "1999-12-31"}, r"card shown 2 \(day 1999-12-31.*: day: before"),
        ("cards_shown", 0, {"card_id": "Not An Id"}, r"card shown 1 .*: card_id: "),
    ],
)
def test_a_bad_row_is_refused_naming_its_place_and_field(
    table: str, index: int, change: dict[str, Any], message: str, tmp_path: Path
) -> None:
    rows = [dict(row) for row in ROWS[table]]
    rows[index].update(change)
    path = write_document(tmp_path / "in.json", full_document(**{table: rows}))
    with Journal(tmp_path / "coach.db") as journal:
        with pytest.raises(ExportFormatError, match=message):
            import_file(journal, path)
        assert export_data(journal)["sessions"] == []  # one transaction: nothing kept


def test_a_version_2_file_without_the_new_lists_still_imports(tmp_path: Path) -> None:
    path = write_document(tmp_path / "v2.json", document([valid_session(1)], version=2))
    with Journal(tmp_path / "coach.db") as journal:
        counts = import_file(journal, path)
        data = export_data(journal)
    assert (counts.added, counts.rows_added) == (1, 0)
    assert (data["log_entries"], data["level_changes"], data["cards_shown"]) == ([], [], [])


def test_lists_sorted_before_the_sessions_still_import(tmp_path: Path) -> None:
    text = json.dumps(full_document(), sort_keys=True)  # as jq -S writes it
    with Journal(tmp_path / "coach.db") as journal:
        counts = journal.import_stream(read_export_stream(io.BytesIO(text.encode())))
    assert (counts.added, counts.rows_added) == (2, 8)


def test_a_list_given_twice_is_refused(tmp_path: Path) -> None:
    text = json.dumps(full_document())[:-1] + ', "cards_shown": []}'
    with (
        Journal(tmp_path / "coach.db") as journal,
        pytest.raises(ExportFormatError, match='"cards_shown" appears twice'),
    ):
        journal.import_stream(read_export_stream(io.BytesIO(text.encode())))
