"""Hostile imports (issue 10): each is refused whole, naming the file, the session and the
field, ending with "nothing was imported", and the journal is left byte for byte as it was.

Sessions are made by hand (``import_support``) so each case changes exactly one thing.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from import_support import document, dump, valid_session, write_document

from coach.cli import main
from coach.journal import export as export_module
from coach.journal import json_stream
from coach.journal.export import ExportFormatError, read_export, read_export_stream
from coach.journal.records import ImportConflictError, Journal, SessionImport

Change = Callable[[dict[str, Any]], None]


@pytest.fixture
def journal_path(coach_home: Path) -> Path:
    """The journal of the test's home, holding one session already (number 99)."""
    path = coach_home / "coach.db"
    with Journal(path) as journal:
        journal.import_sessions(*read_export(json.dumps(document([valid_session(99)]))))
    return path


def run_import(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["import", str(path)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def refused(
    data: Any, tmp_path: Path, journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> str:
    """Import ``data``; assert it is refused and changes nothing; return the message."""
    source = write_document(tmp_path / "export.json", data)
    before = dump(journal_path)
    code, out, err = run_import(source, capsys)
    assert code == 1, out
    assert out == ""
    assert err.startswith(f"coach: {source}: ") and err.endswith("; nothing was imported\n")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert dump(journal_path) == before
    return err


# -- identical or refused, per session id --------------------------------------------------------


def test_an_identical_session_is_skipped_as_already_in_the_journal(
    tmp_path: Path, journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_document(tmp_path / "e.json", document([valid_session(99), valid_session(1)]))
    assert run_import(source, capsys)[:2] == (
        0,
        "Imported 1 new session (1 already in the journal).\n",
    )
    after = dump(journal_path)
    assert run_import(source, capsys)[:2] == (
        0,
        "Imported 0 new sessions (2 already in the journal).\n",
    )
    assert dump(journal_path) == after


@pytest.mark.parametrize(
    ("change", "difference"),
    [
        (lambda s: s.update(note="changed"), "note"),
        (lambda s: s.update(pain_after=4), "pain_after"),
        (lambda s: s["steps"][1].update(done_s=19.5), "steps.1.done_s"),
        (lambda s: s["steps"].pop(), "steps (one has 3, the other 2)"),
        (lambda s: s["events"].clear(), "events (one has 1, the other 0)"),
        (lambda s: s["events"][0].update(detail="dull"), "events.0.detail"),
    ],
    ids=["note", "pain", "step-value", "step-missing", "event-missing", "event-value"],
)
def test_a_known_id_with_other_content_is_refused_naming_the_first_difference(
    change: Change,
    difference: str,
    tmp_path: Path,
    journal_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    other = valid_session(99)
    change(other)
    err = refused(document([valid_session(1), other]), tmp_path, journal_path, capsys)
    assert f"session 2 (id {99:032x}, line " in err
    assert (
        f"a different session with this id is in the journal (first difference: {difference})"
        in err
    )


def test_an_id_repeated_in_the_file_with_the_same_content_is_imported_once(
    tmp_path: Path, journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = document([valid_session(1), valid_session(2), valid_session(1)])
    code, out, _ = run_import(write_document(tmp_path / "e.json", data), capsys)
    assert (code, out) == (
        0,
        "Imported 2 new sessions (0 already in the journal, 1 repeated in the file).\n",
    )
    with Journal(journal_path) as journal:
        assert len(journal.sessions()) == 3
        assert len(journal.steps(f"{1:032x}")) == 3


@pytest.mark.parametrize("batch_size", [1, 2, 500], ids=["own-batch", "next-batch", "same-batch"])
def test_an_id_repeated_in_the_file_with_other_content_is_refused(
    batch_size: int, journal_path: Path
) -> None:
    """Whether the first one is still waiting in the batch or already written by the import."""
    sessions = [valid_session(1), valid_session(2), valid_session(1, note="other")]
    before = dump(journal_path)
    stream = export_module.io.BytesIO(json.dumps(document(sessions)).encode())
    with Journal(journal_path) as journal, pytest.raises(ImportConflictError) as caught:
        journal.import_stream(read_export_stream(stream), batch_size=batch_size)
    assert f"session 3 (id {1:032x}, line 1): a different session with this id is earlier " in str(
        caught.value
    )
    assert "(first difference: note)" in str(caught.value)
    assert dump(journal_path) == before


def test_a_row_the_journal_refuses_is_named_not_a_bare_sqlite_message(journal_path: Path) -> None:
    """Records handed to ``import_sessions`` directly skip the file's checks: SQLite's CHECK
    still refuses them, and the refusal names the session."""
    parsed = read_export(json.dumps(document([valid_session(1), valid_session(2)])))
    bad = dataclasses.replace(parsed.sessions[1], status="finished")
    before = dump(journal_path)
    with Journal(journal_path) as journal, pytest.raises(ImportConflictError) as caught:
        journal.import_sessions([parsed.sessions[0], bad], parsed.steps, parsed.events)
    assert str(caught.value).startswith(f"session 2 (id {2:032x}): the journal refuses it (")
    assert dump(journal_path) == before


# -- nonsense no recorded session holds ----------------------------------------------------------


def setter(*where: str | int, value: Any) -> Change:
    def change(session: dict[str, Any]) -> None:
        target: Any = session
        for key in where[:-1]:
            target = target[key]
        target[where[-1]] = value

    return change


NONSENSE: dict[str, tuple[Change, str]] = {
    "negative-speed": (setter("speed", value=-1.0), "speed: Input should be greater than or equal"),
    "zero-speed": (setter("speed", value=0.0), "speed: "),
    "huge-speed": (setter("speed", value=1e300), "speed: "),
    "nan-speed": (setter("speed", value=float("nan")), "speed: Input should be a finite number"),
    "infinite-done": (
        setter("work_done_s", value=float("inf")),
        "work_done_s: Input should be a finite",
    ),
    "minus-infinity": (
        setter("active_s", value=float("-inf")),
        "active_s: Input should be a finite",
    ),
    "negative-reps": (setter("reps_done", value=-1), "reps_done: "),
    "negative-work": (setter("work_done_s", value=-0.5), "work_done_s: "),
    "negative-step": (setter("steps", 2, "done_s", value=-1.0), "steps.2.done_s: "),
    "negative-event": (setter("events", 0, "at_s", value=-3.0), "events.0.at_s: "),
    "done-beyond-planned": (setter("work_done_s", value=400.0), "work_done_s: "),
    "reps-beyond-planned": (setter("reps_done", value=30), "reps_done: more than reps_planned"),
    "work-beyond-plan": (
        setter("work_planned_s", value=100),
        "work_planned_s: more than planned_s",
    ),
    "ends-before-start": (
        setter("ended_at", value="2026-03-02T08:59:00+01:00"),
        "ended_at: before started_at",
    ),
    "three-days-long": (
        setter("ended_at", value="2026-03-06T09:00:00+01:00"),
        "ended_at: more than 48 hours after started_at",
    ),
    "year-1": (setter("started_at", value="0001-01-01T00:00:00+01:00"), "started_at: before 2000"),
    "year-1970": (setter("started_at", value="1970-01-01T00:00:00+00:00"), "started_at: before"),
    "year-2099": (
        setter("started_at", value="2099-03-02T09:00:00+01:00"),
        "started_at: more than a day in the future",
    ),
    "year-9999": (
        setter("started_at", value="9999-12-31T23:59:59-12:00"),
        "started_at: more than a day",
    ),
    "no-offset": (
        setter("started_at", value="2026-03-02T09:00:00"),
        "started_at: Value error, expected a time with its UTC offset",
    ),
    "zulu-time": (
        setter("started_at", value="2026-03-02T08:00:00Z"),
        "started_at: Value error, expected a time written as coach writes it, such as "
        "2026-03-02T08:00:00+00:00",
    ),
    "space-in-time": (setter("ended_at", value="2026-03-02 09:00:48+01:00"), "ended_at: "),
    "step-after-session": (
        setter("steps", 1, "ended_at", value="2026-03-02T12:00:00+01:00"),
        "steps.1.ended_at: outside its session",
    ),
    "step-before-session": (
        setter("steps", 0, "ended_at", value="2026-03-01T09:00:00+01:00"),
        "steps.0.ended_at: outside its session",
    ),
    "plan-331-days": (
        setter("planned_s", value=331 * 86400),
        "planned_s: Input should be less than",
    ),
    "step-plan-too-long": (setter("steps", 0, "planned_s", value=1e6), "steps.0.planned_s: "),
    "int-beyond-sqlite": (setter("pain_before", value=2**63), "pain_before: "),
    "int-beyond-64-bits": (setter("reps_planned", value=2**70), "reps_planned: "),
    "negative-huge-seq": (setter("steps", 0, "seq", value=-(2**70)), "steps.0.seq: "),
    "seq-twice": (setter("steps", 1, "seq", value=0), "steps.1.seq: seq 0 appears twice"),
    "float-for-int": (setter("reps_done", value=2.5), "reps_done: Input should be a valid integer"),
    "string-for-number": (setter("speed", value="1"), "speed: Input should be a valid number"),
    "bad-routine-id": (setter("routine_id", value="../../etc"), "routine_id: String should match"),
    "upper-case-id": (setter("routine_id", value="Daily"), "routine_id: "),
    "bad-exercise": (setter("steps", 0, "exercise", value="a b"), "steps.0.exercise: "),
    "long-note": (setter("note", value="x" * 201), "note: String should have at most 200"),
    "note-escape": (
        setter("note", value="fine\x1b]0;owned\x07"),
        "note: Value error, contains the control character '\\x1b'",
    ),
    "note-newline": (
        setter("note", value="two\nlines"),
        "note: Value error, contains the control character '\\n'",
    ),
    "note-surrogate": (
        setter("note", value="\ud800"),
        "note: Value error, contains a lone surrogate ('\\ud800')",
    ),
    "title-control": (setter("routine_title", value="Daily\x00core"), "routine_title: "),
    "title-too-long": (setter("routine_title", value="D" * 201), "routine_title: "),
    "detail-surrogate": (setter("events", 0, "detail", value="\udfff"), "events.0.detail: "),
    "fingerprint": (setter("fingerprint", value="<script>"), "fingerprint: "),
    "unknown-step-kind": (setter("steps", 0, "kind", value="nap"), "steps.0.kind: "),
    "missing-field": (lambda s: s.pop("started_at"), "started_at: Field required"),
    "not-an-object": (lambda s: s.clear(), "id: Field required"),
}


@pytest.mark.parametrize("case", sorted(NONSENSE))
def test_nonsense_is_refused_naming_session_and_field(
    case: str, tmp_path: Path, journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    change, message = NONSENSE[case]
    bad = valid_session(2)
    change(bad)
    err = refused(document([valid_session(1), bad]), tmp_path, journal_path, capsys)
    label = f"id {2:032x}, line " if "id" in bad else "no id, line "
    assert f"session 2 ({label}" in err
    assert f"): {message}" in err


def test_a_number_too_large_for_a_float_is_refused_as_not_finite(
    tmp_path: Path, journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = json.dumps(document([valid_session(1, speed=12345.5)])).replace("12345.5", "1e999")
    source = tmp_path / "e.json"
    source.write_text(text, encoding="utf-8")
    before = dump(journal_path)
    code, _, err = run_import(source, capsys)
    assert code == 1
    assert "session 1 (id " in err and "speed: Input should be a finite number" in err
    assert dump(journal_path) == before


def test_an_integer_of_thousands_of_digits_is_refused_with_its_session_and_line(
    tmp_path: Path, journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = json.dumps(document([valid_session(1), valid_session(2, reps_done=7777)]))
    source = tmp_path / "e.json"
    source.write_text(text.replace("7777", "9" * 5000), encoding="utf-8")
    code, _, err = run_import(source, capsys)
    assert code == 1
    assert "session 2: not JSON that coach reads" in err and "at line 1" in err


@pytest.mark.parametrize(
    ("session_id", "shown"),
    [
        ("abc\u200bdef", r"'abc\u200bdef'"),
        ("\u202eabc", r"'\u202eabc'"),
        ("abc def", "'abc def'"),
        ("ABC", "ABC"),
        ("", "''"),
        (42, "42"),
    ],
    ids=["zero-width", "right-to-left", "space", "upper-case", "empty", "number"],
)
def test_a_refused_id_is_shown_escaped_so_it_never_looks_valid(
    session_id: object,
    shown: str,
    tmp_path: Path,
    journal_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = refused(document([valid_session(1, id=session_id)]), tmp_path, journal_path, capsys)
    assert f"session 1 (id {shown}, line " in err
    assert "): id: " in err


def test_a_huge_id_is_refused_and_shown_short(
    tmp_path: Path, journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(document([valid_session(1, id="a" * 100_000)]), tmp_path, journal_path, capsys)
    assert "): id: String should have at most 60 characters" in err
    assert len(err) < 400


# -- files that are not exports --------------------------------------------------------------------


@pytest.mark.parametrize("where", ["session", "header", "top"])
def test_deep_nesting_is_a_clear_message_with_its_line(
    where: str, tmp_path: Path, journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    text = {
        "session": '{"format": "coach-journal", "version": 2,\n"sessions": [\n' + deep + "]}",
        "header": '{"format": "coach-journal",\n\n"exported_at": ' + deep + ', "sessions": []}',
        "top": deep,
    }[where]
    source = tmp_path / "e.json"
    source.write_text(text, encoding="utf-8")
    before = dump(journal_path)
    code, _, err = run_import(source, capsys)
    assert code == 1
    assert "Traceback" not in err and "nothing was imported" in err
    expected = {
        "session": "nested too deeply at line 3",
        "header": "nested too deeply at line 3",
        "top": "not a coach export",
    }[where]
    assert expected in err
    assert dump(journal_path) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "not JSON: Expecting value at line 1"),
        ('{"format": "coach-journal", "version": 2, "sessions": [', "not JSON"),
        ('{"format": "coach-journal", "version": 2, "sessions": []} []', "extra data"),
        ('{"format": "coach-journal", "version": 2, "sessions": [], "sessions": []}', "twice"),
        ('{"format": "coach-journal", "sessions": []}', 'expected "version": 4, found None'),
        ('{"version": 2, "sessions": [], "format": "x"}', "not a coach export"),
        ('{"sessions": [], "version": 5, "format": "coach-journal"}', "export version 5 is newer"),
        ('{"format": "coach-journal", "version": 2}', 'expected a list under "sessions"'),
        ('{"format": "coach-journal", "version": NaN, "sessions": []}', "found nan"),
        ("\ufeff" + '{"format": "coach-journal", "version": 2, "sessions": [1]}', "session 1"),
    ],
    ids=[
        "empty",
        "cut",
        "extra",
        "twice",
        "no-version",
        "format-last",
        "version-last",
        "no-sessions",
        "nan-version",
        "bom",
    ],
)
def test_a_file_that_is_not_an_export_is_refused(
    text: str, message: str, tmp_path: Path, journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "e.json"
    source.write_text(text, encoding="utf-8")
    before = dump(journal_path)
    code, _, err = run_import(source, capsys)
    assert code == 1
    assert message in err and err.endswith("; nothing was imported\n")
    assert dump(journal_path) == before


def test_bytes_that_are_not_utf8_are_refused_with_their_place(
    tmp_path: Path, journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "e.json"
    source.write_bytes(json.dumps(document([valid_session(1)])).encode() + b"\xff")
    code, _, err = run_import(source, capsys)
    assert code == 1 and "not UTF-8 text (byte " in err


def test_sorted_keys_with_the_version_after_the_sessions_still_import(
    tmp_path: Path, journal_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``jq -S`` puts "sessions" before "version": checked at the end, not refused."""
    data = document([valid_session(1)])
    source = tmp_path / "e.json"
    source.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    assert run_import(source, capsys)[:2] == (
        0,
        "Imported 1 new session (0 already in the journal).\n",
    )


def test_a_session_larger_than_the_bound_is_refused_unread(
    tmp_path: Path,
    journal_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(export_module, "MAX_SESSION_CHARS", 4000)
    monkeypatch.setattr(json_stream, "CHUNK_BYTES", 1000)
    big = valid_session(2, note="n" * 50_000)
    err = refused(document([valid_session(1), big]), tmp_path, journal_path, capsys)
    assert "session 2: a value larger than" in err


@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_the_reader_gives_the_same_sessions_whatever_the_chunk_size(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Values cut anywhere (a number, a string, an escape, a multi-byte character) are read
    whole: the window only takes a value that text follows."""
    data = document([valid_session(n, note=f'n° {n} ✓ \\ " é', speed=12.25) for n in range(1, 6)])
    text = json.dumps(data, indent=1, ensure_ascii=False)
    expected = read_export(text)
    monkeypatch.setattr(json_stream, "CHUNK_BYTES", chunk)
    assert read_export(text) == expected
    assert [s.speed for s in expected.sessions] == [12.25] * 5


def test_a_refusal_names_the_line_of_its_session(journal_path: Path) -> None:
    text = json.dumps(document([valid_session(1), valid_session(2, speed=-1.0)]), indent=2)
    line = text.splitlines().index("    {", 40) + 1  # the second session's opening brace
    with pytest.raises(ExportFormatError, match=rf"^session 2 \(id 0+2, line {line}\): speed: "):
        read_export(text)


# -- all or nothing, even after kill -9 ------------------------------------------------------------


def test_a_killed_import_leaves_the_journal_as_it_was(tmp_path: Path, journal_path: Path) -> None:
    """``kill -9`` while the import writes (the write-ahead log is growing): SQLite drops the
    uncommitted transaction, and the journal holds exactly what it held before."""
    source = tmp_path / "big.json"
    with source.open("w", encoding="utf-8") as stream:
        stream.write('{"format": "coach-journal", "version": 2, "sessions": [')
        stream.write(",".join(json.dumps(valid_session(n)) for n in range(1, 20_001)))
        stream.write("]}")
    before = dump(journal_path)
    env = {**os.environ, "COACH_HOME": str(journal_path.parent)}
    process = subprocess.Popen(
        [sys.executable, "-m", "coach", "import", str(source)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = journal_path.with_name("coach.db-wal")
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 256 * 1024:
            break
        time.sleep(0.01)
    assert process.poll() is None, "the import ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=20)
    with sqlite3.connect(journal_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert dump(journal_path) == before


def test_sessions_import_lazily_one_batch_at_a_time(journal_path: Path) -> None:
    """The importer never asks for more than a batch ahead of what it has written."""
    read: list[int] = []

    def items() -> Any:
        parsed = read_export(json.dumps(document([valid_session(n) for n in range(1, 8)])))
        for number, session in enumerate(parsed.sessions, start=1):
            read.append(number)
            yield SessionImport(session, parsed.steps[session.id], parsed.events[session.id])
            if number == 5:
                raise ExportFormatError("stop here")

    with Journal(journal_path) as journal, pytest.raises(ExportFormatError):
        journal.import_stream(items(), batch_size=2)
    assert read == [1, 2, 3, 4, 5]
    with Journal(journal_path) as journal:
        assert [s.id for s in journal.sessions()] == [f"{99:032x}"]


# -- the export writes standard JSON and CSV only --------------------------------------------------


@pytest.mark.parametrize("export_format", ["json", "csv"])
def test_an_infinity_already_in_the_journal_is_never_exported(
    export_format: str, journal_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An old import let ``Infinity`` in; the export names it instead of writing it (JSON has
    no Infinity) and leaves the old backup as it was."""
    with sqlite3.connect(journal_path) as conn:
        conn.execute("UPDATE sessions SET work_done_s = ?", (float("inf"),))
    conn.close()
    backup = tmp_path / "backup"
    backup.write_text("old\n")
    assert main(["export", "--format", export_format, "-o", str(backup)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"coach: session 1 (id {99:032x}): work_done_s is inf, which standard JSON and CSV "
        "cannot hold; nothing was exported\n"
    )
    assert backup.read_text() == "old\n"
