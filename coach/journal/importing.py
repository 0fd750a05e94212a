"""Importing sessions into the journal: whole, in batches, identical or refused per id.

``Journal.import_stream`` reads sessions lazily and hands them to an ``_ImportBatch``, which
checks a batch of ids against the journal in one query and inserts the new ones with
``executemany``, all inside the import's one transaction.

Rows besides sessions (log entries, level changes, cards shown: export version 3) follow the
same rule, keyed by their id (a card shown by its day): a row already there is skipped when
identical and refused when it differs. They are few (a handful a day), so each is checked and
written as it comes, and memory stays as small as for sessions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from coach.journal.db import JournalError
from coach.journal.rows import (
    _EVENT_COLUMNS,
    _SESSION_COLUMNS,
    _STEP_COLUMNS,
    EventRecord,
    SessionRecord,
    StepRecord,
    _event,
    _session,
    _step,
)
from coach.textsafe import quoted_id

if TYPE_CHECKING:  # logbook imports the journal, which imports this module
    from coach.journal.logbook import CardShown, DeletedSession, LevelChange, LogEntry

    ImportRow: TypeAlias = LogEntry | LevelChange | CardShown | DeletedSession

__all__ = [
    "IMPORT_BATCH",
    "ROW_NOUNS",
    "ImportConflictError",
    "ImportCounts",
    "ImportItem",
    "RowImport",
    "SessionImport",
    "first_difference",
    "session_label",
]


@dataclass(frozen=True)
class SessionImport:
    """One session to import, whole: its row, its steps and its events.

    ``label`` names it in a refusal ("session 3 (id 9f2c..., line 80)"); empty, the import
    names it by its place and id.
    """

    session: SessionRecord
    steps: Sequence[StepRecord]
    events: Sequence[EventRecord]
    label: str = ""


RowTable = Literal["log_entries", "level_changes", "cards_shown", "deleted_sessions"]


@dataclass(frozen=True)
class RowImport:
    """One row of a table besides sessions, checked, with how a refusal names it."""

    table: RowTable
    row: ImportRow
    label: str


ImportItem = SessionImport | RowImport
"""What an export stream yields: sessions, then (or before) the other rows."""

_ROW_KEYS: dict[str, str] = {
    "log_entries": "id",
    "level_changes": "id",
    "cards_shown": "day",
    "deleted_sessions": "id",
}
ROW_NOUNS: dict[str, str] = {
    "log_entries": "log entry",
    "level_changes": "level change",
    "cards_shown": "card shown",
    "deleted_sessions": "deleted session",
}
"""How a refusal names one row of each table."""


@dataclass
class ImportCounts:
    """What an import did: sessions added, already in the journal, repeated in the file;
    other rows (log entries, level changes, cards shown) added and already there."""

    added: int = 0
    present: int = 0
    repeated: int = 0
    rows_added: int = 0
    rows_present: int = 0


class ImportConflictError(JournalError):
    """A session of an import cannot be added as it is; nothing of the import was written."""


IMPORT_BATCH = 500
"""Sessions checked and inserted per round trip: large enough for ``executemany`` to pay off,
small enough that a batch's memory never matters."""


def session_label(number: int, session_id: object, line: int | None = None) -> str:
    """How a refusal names a session: its place in the file, its id and perhaps its line.

    An id of plain visible ASCII is shown as it is; any other (empty, with a space, an
    invisible, right-to-left or control character, not a string) escaped with ``ascii()``,
    so a refused id never looks the same as a valid one.
    """
    plain = isinstance(session_id, str) and session_id.isascii() and session_id.isprintable()
    if session_id is None:
        shown = "no id"
    elif plain and session_id and " " not in str(session_id):
        shown = f"id {session_id}"
    elif isinstance(session_id, str):
        shown = f"id {quoted_id(session_id)}"
    else:
        shown = f"id {session_id!a}"
    if len(shown) > 80:
        shown = f"{shown[:77]}..."
    at_line = "" if line is None else f", line {line}"
    return f"session {number} ({shown}{at_line})"


# -- import, batch by batch ------------------------------------------------------------------


def _max_session_rowid(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(rowid), 0) FROM sessions").fetchone()[0])


def first_difference(stored: SessionImport, other: SessionImport) -> str | None:
    """The first field in which two sessions of one id differ, or ``None`` when identical.

    Steps are compared in ``seq`` order and events in theirs, field by field.
    """
    for name in _SESSION_COLUMNS:
        if getattr(stored.session, name) != getattr(other.session, name):
            return name
    children: tuple[tuple[str, Sequence[Any], Sequence[Any]], ...] = (
        ("steps", sorted(stored.steps, key=_seq), sorted(other.steps, key=_seq)),
        ("events", sorted(stored.events, key=_seq), sorted(other.events, key=_seq)),
    )
    for name, mine, theirs in children:
        for index, (first, second) in enumerate(zip(mine, theirs, strict=False)):
            for column in fields(first):
                if getattr(first, column.name) != getattr(second, column.name):
                    return f"{name}.{index}.{column.name}"
        if len(mine) != len(theirs):
            return f"{name} (one has {len(mine)}, the other {len(theirs)})"
    return None


def _seq(record: StepRecord | EventRecord) -> int:
    return record.seq


class _ImportBatch:
    """Sessions read but not yet written, checked against the journal a batch at a time.

    A session of an id already there (in the journal before the import, or written earlier
    by it: its rowid tells which) must be identical, else the import is refused.
    """

    def __init__(self, conn: sqlite3.Connection, rowid_before: int) -> None:
        self.conn = conn
        self.rowid_before = rowid_before
        self.pending: dict[str, tuple[int, SessionImport]] = {}
        self.counts = ImportCounts()
        self.rows_before = {
            table: int(conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0])
            for table in _ROW_KEYS
        }

    def __len__(self) -> int:
        return len(self.pending)

    def add(self, number: int, item: ImportItem) -> None:
        """Keep a session for the next flush (one repeating a kept id must be identical);
        write another row now, or compare it with the row of its key already there."""
        if isinstance(item, RowImport):
            self._add_row(item)
            return
        earlier = self.pending.get(item.session.id)
        if earlier is None:
            self.pending[item.session.id] = (number, item)
            return
        _same_or_refuse(earlier[1], number, item, "earlier in the file")
        self.counts.repeated += 1

    def flush(self) -> None:
        """Compare the kept sessions whose id is stored already; insert the others."""
        if not self.pending:
            return
        self._drop_deleted()
        ids = list(self.pending)
        marks = ", ".join("?" for _ in ids)
        stored = self.conn.execute(
            f"SELECT id, rowid FROM sessions WHERE id IN ({marks})", ids
        ).fetchall()
        for session_id, rowid in stored:
            number, item = self.pending.pop(session_id)
            imported_now = rowid > self.rowid_before
            where = "earlier in the file" if imported_now else "in the journal"
            _same_or_refuse(self._load(session_id), number, item, where)
            if imported_now:
                self.counts.repeated += 1
            else:
                self.counts.present += 1
        self._insert(list(self.pending.values()))
        self.counts.added += len(self.pending)
        self.pending.clear()

    def _add_row(self, item: RowImport) -> None:
        if item.table == "deleted_sessions":
            self._add_tombstone(item)
            return
        key_name = _ROW_KEYS[item.table]
        values = asdict(item.row)
        columns = list(values)
        stored = self.conn.execute(
            f"SELECT rowid, {', '.join(columns)} FROM {item.table} WHERE {key_name} = ?",
            (values[key_name],),
        ).fetchone()
        if stored is None:
            try:
                self.conn.execute(
                    f"INSERT INTO {item.table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' for _ in columns)})",
                    tuple(values.values()),
                )
            except sqlite3.IntegrityError as exc:
                raise ImportConflictError(f"{item.label}: the journal refuses it ({exc})") from exc
            self.counts.rows_added += 1
            return
        rowid, *old = stored
        pairs = zip(columns, old, strict=True)
        different = [name for name, value in pairs if values[name] != value]
        if different:
            imported_now = rowid > self.rows_before[item.table]
            where = "earlier in the file" if imported_now else "in the journal"
            key = "day" if key_name == "day" else "id"
            raise ImportConflictError(
                f"{item.label}: a different row with this {key} is {where} "
                f"(first difference: {different[0]})"
            )
        self.counts.rows_present += 1

    def _add_tombstone(self, item: RowImport) -> None:
        """A session deleted elsewhere: keep its tombstone and delete it here too (whether it
        came earlier in the file or was here before); the first deletion's time stays."""
        values = asdict(item.row)
        added = self.conn.execute(
            "INSERT OR IGNORE INTO deleted_sessions (id, deleted_at) VALUES (?, ?)",
            (values["id"], values["deleted_at"]),
        ).rowcount
        self.pending.pop(values["id"], None)
        self.conn.execute("DELETE FROM sessions WHERE id = ?", (values["id"],))
        if added:
            self.counts.rows_added += 1
        else:
            self.counts.rows_present += 1

    def _drop_deleted(self) -> None:
        """Sessions deleted here (or by a tombstone already imported) are never brought back."""
        ids = list(self.pending)
        marks = ", ".join("?" for _ in ids)
        deleted = self.conn.execute(
            f"SELECT id FROM deleted_sessions WHERE id IN ({marks})", ids
        ).fetchall()
        for (session_id,) in deleted:
            self.pending.pop(session_id)
            self.counts.present += 1

    def _load(self, session_id: str) -> SessionImport:
        columns = ", ".join(_SESSION_COLUMNS)
        row = self.conn.execute(
            f"SELECT {columns} FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        steps = self.conn.execute(
            f"SELECT {', '.join(_STEP_COLUMNS)} FROM steps WHERE session_id = ?", (session_id,)
        ).fetchall()
        events = self.conn.execute(
            f"SELECT {', '.join(_EVENT_COLUMNS)} FROM events WHERE session_id = ?",
            (session_id,),
        ).fetchall()
        return SessionImport(_session(row), tuple(map(_step, steps)), tuple(map(_event, events)))

    def _insert(self, items: list[tuple[int, SessionImport]]) -> None:
        """All of ``items`` at once; when SQLite refuses one, find it and name it."""
        self.conn.execute("SAVEPOINT import_batch")
        try:
            _insert_rows(self.conn, [item for _, item in items])
        except sqlite3.IntegrityError:
            self.conn.execute("ROLLBACK TO import_batch")
            for number, item in items:
                try:
                    _insert_rows(self.conn, [item])
                except sqlite3.IntegrityError as exc:
                    label = item.label or session_label(number, item.session.id)
                    raise ImportConflictError(f"{label}: the journal refuses it ({exc})") from exc
        finally:
            self.conn.execute("RELEASE import_batch")


def _same_or_refuse(stored: SessionImport, number: int, item: SessionImport, where: str) -> None:
    difference = first_difference(stored, item)
    if difference is not None:
        label = item.label or session_label(number, item.session.id)
        raise ImportConflictError(
            f"{label}: a different session with this id is {where} (first difference: {difference})"
        )


def _insert_rows(conn: sqlite3.Connection, items: Sequence[SessionImport]) -> None:
    sessions = [tuple(getattr(i.session, name) for name in _SESSION_COLUMNS) for i in items]
    conn.executemany(
        f"INSERT INTO sessions ({', '.join(_SESSION_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in _SESSION_COLUMNS)})",
        sessions,
    )
    for table, columns, rows in (
        ("steps", _STEP_COLUMNS, [(i.session.id, s) for i in items for s in i.steps]),
        ("events", _EVENT_COLUMNS, [(i.session.id, e) for i in items for e in i.events]),
    ):
        conn.executemany(
            f"INSERT INTO {table} (session_id, {', '.join(columns)}) "
            f"VALUES (?, {', '.join('?' for _ in columns)})",
            [(session_id, *(getattr(row, c) for c in columns)) for session_id, row in rows],
        )
