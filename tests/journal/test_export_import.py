"""Export and import: sessions recorded through the real path survive a round trip unchanged.

The journal is filled the way a person fills it (Journal + Recorder + Session on a fake
clock), exported, imported into a fresh journal and exported again.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from coach.cli import main
from coach.engine.clock import FakeClock
from coach.engine.plan import Plan, Step, StepKind
from coach.engine.session import Session
from coach.journal.db import JournalError
from coach.journal.export import (
    CSV_COLUMNS,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    ExportFormatError,
    export_csv,
    export_data,
    export_json,
    parse_export,
    read_export,
)
from coach.journal.recorder import Recorder
from coach.journal.records import EventRecord, Journal

CET = timezone(timedelta(hours=1))
SESSION_1 = r"^session 1 \(id \w+, line \d+\): "
"""How a refusal names the first session of a file (its id and line vary)."""
NOTE = 'ça va, "mieux" ✓ — ok'


def make_plan(*steps: tuple[StepKind, int]) -> Plan:
    return Plan(
        routine_id="daily-core",
        title="Daily core",
        purpose="core",
        side=None,
        steps=tuple(
            Step(index, kind, "ex", "Ex", seconds, f"cue {index}", f"spoken {index}")
            for index, (kind, seconds) in enumerate(steps)
        ),
        fingerprint="feedc0de12345678",
    )


# prepare 5 | hold 10 | rest 3 | hold 10 | stretch 20: 48 s in all, 40 s of work, 3 reps.
PLAN = make_plan(("prepare", 5), ("hold", 10), ("rest", 3), ("hold", 10), ("stretch", 20))


def run(
    journal: Journal,
    started: datetime,
    *,
    speed: float = 1.0,
    pain_before: int | None = None,
    end_after: float | None = None,
    marks: bool = False,
) -> str:
    """Run PLAN through a Recorder: to the end, or ended early after ``end_after`` seconds.

    With ``marks``, "it hurts" 7.5 s in (during the first hold) and leg symptoms at 30 s.
    """
    clock = FakeClock()
    session = Session(PLAN, clock)
    recorder = Recorder(
        journal,
        PLAN,
        speed=speed,
        pain_before=pain_before,
        now=lambda: started + timedelta(seconds=clock.now()),
    )
    session.subscribe(recorder)
    session.start()
    if marks:
        clock.advance(7.5)
        session.update()
        session.mark("hurts", "sharp, low back")
        clock.advance(30 - 7.5)
        session.update()
        session.mark("leg-symptoms")
        clock.advance(48 - 30)
        session.update()
    elif end_after is None:
        for step in PLAN.steps:
            clock.advance(step.seconds)
            session.update()
    else:
        clock.advance(end_after)
        session.update()
        session.end()
    assert session.is_over
    assert recorder.session_id is not None
    return recorder.session_id


def fill(journal: Journal) -> list[str]:
    """Three sessions: completed with pain and a note, ended early, a preview at speed 30."""
    completed = run(journal, datetime(2026, 3, 2, 9, 0, tzinfo=CET), pain_before=5, marks=True)
    journal.set_pain_after(completed, 3)
    journal.set_note(completed, NOTE)
    early = run(journal, datetime(2026, 3, 3, 18, 30, tzinfo=CET), end_after=22.5)
    preview = run(journal, datetime(2026, 3, 4, 7, 15, tzinfo=CET), speed=30)
    return [completed, early, preview]


def counts(journal: Journal) -> tuple[int, int]:
    sessions = journal.conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
    steps = journal.conn.execute("SELECT count(*) FROM steps").fetchone()[0]
    return sessions, steps


def without_time(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key != "exported_at"}


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "source" / "coach.db"
    with Journal(path) as journal:
        fill(journal)
    return path


@pytest.fixture
def exported(source: Path, tmp_path: Path) -> Path:
    path = tmp_path / "export.json"
    with Journal(source) as journal:
        path.write_text(export_json(journal), encoding="utf-8")
    return path


# -- JSON round trip -------------------------------------------------------------------------------


def test_the_export_holds_every_session_with_its_steps(source: Path) -> None:
    with Journal(source) as journal:
        data = export_data(journal)
    assert data["format"] == EXPORT_FORMAT == "coach-journal"
    assert data["version"] == EXPORT_VERSION == 4
    sessions = data["sessions"]
    assert [s["status"] for s in sessions] == ["completed", "ended_early", "completed"]
    assert [s["speed"] for s in sessions] == [1.0, 1.0, 30.0]
    first, early, _ = sessions
    assert (first["pain_before"], first["pain_after"], first["note"]) == (5, 3, NOTE)
    assert first["started_at"] == "2026-03-02T09:00:00+01:00"
    assert first["ended_at"] == "2026-03-02T09:00:48+01:00"
    assert [step["outcome"] for step in first["steps"]] == ["completed"] * 5
    assert first["events"] == [
        {"at_s": 7.5, "kind": "hurts", "exercise": "ex", "detail": "sharp, low back"},
        {"at_s": 30.0, "kind": "leg-symptoms", "exercise": "ex", "detail": None},
    ]
    assert early["events"] == []
    assert (early["work_done_s"], early["reps_done"], early["active_s"]) == (14.5, 1, 22.5)
    assert [(step["step_index"], step["outcome"]) for step in early["steps"]] == [
        (0, "completed"),
        (1, "completed"),
        (2, "completed"),
        (3, "ended"),
    ]


def test_json_round_trip_into_an_empty_journal_gives_the_same_export(
    source: Path, exported: Path, tmp_path: Path
) -> None:
    with Journal(source) as journal:
        original = export_data(journal)
    sessions, steps, events = read_export(exported.read_text(encoding="utf-8"))
    with Journal(tmp_path / "fresh" / "coach.db") as fresh:
        assert fresh.import_sessions(sessions, steps, events) == 3
        again = export_data(fresh)
        assert counts(fresh) == (3, 5 + 4 + 5)
    assert without_time(again) == without_time(original)


def test_the_json_export_text_is_the_same_after_a_round_trip(
    exported: Path, tmp_path: Path
) -> None:
    text = exported.read_text(encoding="utf-8")
    with Journal(tmp_path / "fresh" / "coach.db") as fresh:
        fresh.import_sessions(*read_export(text))
        again = export_json(fresh)
    assert json.dumps(NOTE, ensure_ascii=False) in text  # "ç" and "✓" not \u-escaped
    assert without_time(json.loads(again)) == without_time(json.loads(text))


def test_importing_the_same_file_twice_adds_nothing(exported: Path, tmp_path: Path) -> None:
    text = exported.read_text(encoding="utf-8")
    with Journal(tmp_path / "fresh" / "coach.db") as fresh:
        assert fresh.import_sessions(*read_export(text)) == 3
        after_first = counts(fresh)
        assert fresh.import_sessions(*read_export(text)) == 0
        assert counts(fresh) == after_first == (3, 14)


def test_importing_an_export_into_its_own_journal_adds_nothing(
    source: Path, exported: Path
) -> None:
    with Journal(source) as journal:
        before = counts(journal)
        assert journal.import_sessions(*read_export(exported.read_text(encoding="utf-8"))) == 0
        assert counts(journal) == before


def test_an_import_adds_only_the_sessions_the_journal_lacks(exported: Path, tmp_path: Path) -> None:
    with Journal(tmp_path / "fresh" / "coach.db") as fresh:
        newest = run(fresh, datetime(2026, 3, 5, 9, 0, tzinfo=CET))
        assert fresh.import_sessions(*read_export(exported.read_text(encoding="utf-8"))) == 3
        assert counts(fresh) == (4, 19)
        assert fresh.sessions()[0].id == newest


def test_events_round_trip_through_the_json_export(exported: Path, tmp_path: Path) -> None:
    """(d) Each session's events, in order, come back from an import as they were recorded."""
    with Journal(tmp_path / "fresh" / "coach.db") as fresh:
        fresh.import_sessions(*read_export(exported.read_text(encoding="utf-8")))
        first = min(fresh.sessions(), key=lambda s: s.started)
        assert fresh.events(first.id) == [
            EventRecord(0, 7.5, "hurts", "ex", "sharp, low back"),
            EventRecord(1, 30.0, "leg-symptoms", "ex", None),
        ]
        assert sum(len(fresh.events(s.id)) for s in fresh.sessions()) == 2


def test_an_export_without_events_still_imports(exported: Path, tmp_path: Path) -> None:
    """A version 1 export (before events) has no "events" key: it imports, with none."""
    data = valid_document(exported)
    data["version"] = 1
    for session in data["sessions"]:
        del session["events"]
    with Journal(tmp_path / "fresh" / "coach.db") as fresh:
        assert fresh.import_sessions(*read_export(json.dumps(data))) == 3
        assert list(fresh.all_events()) == []
        assert len(list(fresh.all_steps())) == 14


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("kind", "cramp", SESSION_1 + r"events\.1\.kind: Input should be 'hurts', "),
        ("at_s", -1.0, SESSION_1 + r"events\.1\.at_s: Input should be greater than or equal"),
        ("exercise", None, SESSION_1 + r"events\.1\.exercise: Input should be a valid string"),
        ("seq", 1, SESSION_1 + r"events\.1\.seq: Extra inputs are not permitted"),
    ],
    ids=["unknown-kind", "negative-time", "no-exercise", "unknown-field"],
)
def test_events_are_validated_like_the_steps(
    exported: Path, field: str, value: object, message: str
) -> None:
    data = valid_document(exported)
    data["sessions"][0]["events"][1][field] = value
    with pytest.raises(ExportFormatError, match=message):
        read_export(json.dumps(data))


def test_the_journal_refuses_an_event_kind_it_does_not_know(tmp_path: Path) -> None:
    """The CHECK constraint, as for steps' outcomes: a bad kind never gets in by another way."""
    with Journal(tmp_path / "coach.db") as journal:
        session_id = run(journal, datetime(2026, 3, 2, 9, 0, tzinfo=CET))
        bad = EventRecord(0, 1.0, "cramp", "ex", None)  # type: ignore[arg-type]
        with pytest.raises(JournalError, match="CHECK constraint failed"):
            journal.add_event(session_id, bad)
        journal.add_event(session_id, EventRecord(0, 1.0, "easier", "ex", "Curl-up, hands"))
        assert journal.events(session_id) == [EventRecord(0, 1.0, "easier", "ex", "Curl-up, hands")]


def test_parse_export_is_kept_for_older_callers(exported: Path) -> None:
    sessions, steps = parse_export(exported.read_text(encoding="utf-8"))
    assert len(sessions) == 3
    assert sum(len(rows) for rows in steps.values()) == 14


# -- CSV -------------------------------------------------------------------------------------------


def test_csv_has_one_row_per_session_and_keeps_the_note(source: Path) -> None:
    with Journal(source) as journal:
        text = export_csv(journal)
        ids = [s.id for s in reversed(journal.sessions())]
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == CSV_COLUMNS
    rows = list(reader)
    assert [row["id"] for row in rows] == ids
    completed, early, preview = rows
    assert completed["note"] == NOTE
    assert completed["date"] == "2026-03-02"
    assert completed["started_at"] == "2026-03-02T09:00:00+01:00"
    assert (completed["pain_before"], completed["pain_after"]) == ("5", "3")
    assert completed["status"] == "completed"
    assert (completed["preview"], completed["flare"]) == ("0", "0")
    assert completed["dose_percent"] == "100.0"
    assert (completed["work_done_s"], completed["work_planned_s"]) == ("40.0", "40")
    assert (completed["reps_done"], completed["reps_planned"]) == ("3", "3")
    assert early["status"] == "ended_early"
    assert early["dose_percent"] == "36.2"  # 14.5 of 40 s
    assert (early["pain_before"], early["note"], early["side"]) == ("", "", "")
    assert (preview["preview"], preview["speed"]) == ("1", "30.0")


def test_csv_of_an_empty_journal_is_the_header(tmp_path: Path) -> None:
    with Journal(tmp_path / "coach.db") as journal:
        assert export_csv(journal) == ",".join(CSV_COLUMNS) + "\n"


# -- refusing what is not an export ----------------------------------------------------------------


def valid_document(exported: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(exported.read_text(encoding="utf-8"))
    return data


NOT_AN_EXPORT = r'^not a coach export \(expected "format": "coach-journal"\)$'


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda data: "this is not json {", r"^not JSON: "),
        (lambda data: json.dumps([data]), NOT_AN_EXPORT),
        (lambda data: json.dumps({**data, "format": "other-app"}), NOT_AN_EXPORT),
        (
            lambda data: json.dumps({k: v for k, v in data.items() if k != "format"}),
            r"^not a coach export",
        ),
        (
            lambda data: json.dumps({**data, "version": 5}),
            r"^export version 5 is newer than this coach understands$",
        ),
        (
            lambda data: json.dumps({**data, "sessions": {"a": 1}}),
            r'^expected a list under "sessions"$',
        ),
    ],
    ids=["not-json", "a-list", "other-format", "no-format", "newer-version", "no-session-list"],
)
def test_parse_export_refuses_what_is_not_an_export(
    exported: Path, change: Any, message: str
) -> None:
    with pytest.raises(ExportFormatError, match=message):
        read_export(change(valid_document(exported)))


def test_parse_export_refuses_a_pain_score_above_ten(exported: Path) -> None:
    data = valid_document(exported)
    data["sessions"][1]["pain_before"] = 11
    with pytest.raises(ExportFormatError) as caught:
        read_export(json.dumps(data))
    session_id = data["sessions"][1]["id"]
    assert str(caught.value).startswith(f"session 2 (id {session_id}, line ")
    assert str(caught.value).endswith("): pain_before: Input should be less than or equal to 10")


def test_parse_export_names_the_step_at_fault(exported: Path) -> None:
    data = valid_document(exported)
    data["sessions"][0]["steps"][2]["done_s"] = -1.0
    with pytest.raises(ExportFormatError, match=SESSION_1 + r"steps\.2\.done_s: "):
        read_export(json.dumps(data))


def test_parse_export_refuses_unknown_fields(exported: Path) -> None:
    data = valid_document(exported)
    data["sessions"][0]["mood"] = "good"
    with pytest.raises(ExportFormatError, match=SESSION_1 + r"mood: Extra inputs"):
        read_export(json.dumps(data))


def test_a_refused_import_on_the_command_line_changes_nothing(
    exported: Path, coach_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Journal(coach_home / "coach.db") as journal:
        run(journal, datetime(2026, 3, 9, 9, 0, tzinfo=CET))
        before = counts(journal)
    data = valid_document(exported)
    data["sessions"][2]["pain_before"] = 11
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")

    assert main(["import", str(bad)]) == 1

    err = capsys.readouterr().err
    assert f"session 3 (id {data['sessions'][2]['id']}, line 1): pain_before" in err
    assert "nothing was imported" in err
    with Journal(coach_home / "coach.db") as journal:
        assert counts(journal) == before


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("status",), "finished"),
        (("side",), "up"),
        (("steps", 1, "outcome"), "great"),
    ],
    ids=["session-status", "session-side", "step-outcome"],
)
def test_an_import_with_a_value_the_journal_refuses_adds_nothing(
    exported: Path, tmp_path: Path, where: tuple[str | int, ...], value: str
) -> None:
    """Refused whole, with a reason: not partly imported, with rows silently dropped."""
    data = valid_document(exported)
    target: Any = data["sessions"][1]
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    with Journal(tmp_path / "fresh" / "coach.db") as fresh:
        with pytest.raises((ExportFormatError, JournalError)):
            fresh.import_sessions(*read_export(json.dumps(data)))
        assert counts(fresh) == (0, 0)


@pytest.mark.parametrize("started_at", ["yesterday", "2026-03-02T09:00:00"])
def test_parse_export_refuses_a_start_time_without_a_utc_offset(
    exported: Path, started_at: str
) -> None:
    """Such a row, once imported, makes every later read of the journal fail."""
    data = valid_document(exported)
    data["sessions"][0]["started_at"] = started_at
    with pytest.raises(ExportFormatError, match="started_at"):
        read_export(json.dumps(data))


def test_a_failed_import_transaction_leaves_the_journal_unchanged(
    exported: Path, tmp_path: Path
) -> None:
    """An error on the third session rolls back the first two and their steps."""
    sessions, steps, _ = read_export(exported.read_text(encoding="utf-8"))
    path = tmp_path / "fresh" / "coach.db"
    with Journal(path) as fresh:
        run(fresh, datetime(2026, 3, 9, 9, 0, tzinfo=CET))
        before = counts(fresh)
        with contextlib.closing(sqlite3.connect(path)) as other:
            other.execute(
                "CREATE TRIGGER refuse_third BEFORE INSERT ON sessions "
                f"WHEN NEW.id = '{sessions[2].id}' BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
            other.commit()
        with pytest.raises(JournalError, match="refused"):
            fresh.import_sessions(sessions, steps)
        assert counts(fresh) == before
        assert [s.id for s in fresh.sessions() if s.id in {x.id for x in sessions}] == []


# -- the command line, end to end ------------------------------------------------------------------


def coach(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COACH_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_export_and_import_through_the_command_line(tmp_path: Path) -> None:
    home_a = tmp_path / "a"
    home_b = tmp_path / "b"
    with Journal(home_a / "coach.db") as journal:
        fill(journal)
    backup = tmp_path / "backup.json"

    exported = coach("export", "--format", "json", "-o", str(backup), home=home_a)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == ""
    assert len(json.loads(backup.read_text(encoding="utf-8"))["sessions"]) == 3

    imported = coach("import", str(backup), home=home_b)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == "Imported 3 new sessions (0 already in the journal).\n"
    again = coach("import", str(backup), home=home_b)
    assert again.returncode == 0, again.stderr
    assert again.stdout == "Imported 0 new sessions (3 already in the journal).\n"

    history_a = coach("history", "--json", home=home_a)
    history_b = coach("history", "--json", home=home_b)
    assert history_a.returncode == history_b.returncode == 0, history_a.stderr + history_b.stderr
    sessions_a = json.loads(history_a.stdout)
    assert len(sessions_a) == 3
    assert [s["preview"] for s in sessions_a] == [True, False, False]
    assert sessions_a[2]["note"] == NOTE
    assert json.loads(history_b.stdout) == sessions_a


def test_csv_export_through_the_command_line(tmp_path: Path) -> None:
    home = tmp_path / "a"
    with Journal(home / "coach.db") as journal:
        fill(journal)
    result = coach("export", "--format", "csv", home=home)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3
    assert rows[0]["note"] == NOTE
