"""Reading and writing sessions: the only module that knows the journal's SQL.

Every write is its own short transaction, committed at once with ``synchronous=FULL``: a
session row when it starts, a row per step as it ends, each event (hurts, easier, a skipped
exercise), the end state when it ends. A crash or ``kill -9`` loses at most the step in
progress; the next start marks such a session ``interrupted`` (its process is gone) and fills
in the work its recorded steps show.

The records and the writes of a session as values live in ``coach.journal.rows``, the import's
batches in ``coach.journal.importing``; this module re-exports what callers use of them.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from coach import locations
from coach.journal.db import (
    BUSY_TIMEOUT_MS,
    JournalError,
    connect,
    connect_writer,
    transaction,
)
from coach.journal.importing import (
    IMPORT_BATCH,
    ImportConflictError,
    ImportCounts,
    ImportItem,
    SessionImport,
    _ImportBatch,
    _max_session_rowid,
    session_label,
)
from coach.journal.liveness import Machine, running_sessions, still_running, this_machine
from coach.journal.rows import (
    _DAY_COLUMNS,
    _EVENT_COLUMNS,
    _IDS_PER_QUERY,
    _SESSION_COLUMNS,
    _STEP_COLUMNS,
    EVENT_KINDS,
    EventKind,
    EventRecord,
    SessionDay,
    SessionRecord,
    SessionStatus,
    StepRecord,
    Write,
    _day_before,
    _event,
    _session,
    _session_days,
    _step,
    apply_writes,
    clean_note,
    event_insert,
    finish_update,
    note_update,
    now_local,
    pain_after_update,
    session_insert,
    step_insert,
)

__all__ = [
    "EVENT_KINDS",
    "EventKind",
    "EventRecord",
    "ImportConflictError",
    "ImportCounts",
    "Journal",
    "SessionDay",
    "SessionImport",
    "SessionRecord",
    "SessionStatus",
    "StepRecord",
    "Write",
    "apply_writes",
    "clean_note",
    "event_insert",
    "finish_update",
    "note_update",
    "now_local",
    "pain_after_update",
    "session_insert",
    "session_label",
    "step_insert",
]


class Journal:
    """An open journal. Use as a context manager so the connection is always closed."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or locations.journal_file()
        self._conn: sqlite3.Connection | None = None

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def open(self) -> None:
        """Connect (creating and migrating as needed) and mark dead sessions interrupted."""
        if self._conn is None:
            self._conn = connect(self.path)
            self.mark_interrupted()

    def close(self) -> None:
        """Close the connection; safe to call twice."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @classmethod
    def reader(cls, path: Path) -> Self:
        """A second connection to a journal already opened (and so migrated) elsewhere.

        For reads off the UI thread: it never creates or migrates the file, and may be used
        from any thread, one at a time (the caller holds a lock). It can write what a read
        records (the card of the day, a step back that is due).
        """
        journal = cls(path)
        try:
            journal._conn = connect_writer(journal.path)
            journal._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        except sqlite3.DatabaseError as exc:
            journal.close()
            raise JournalError(f"cannot read the journal {journal.path}: {exc}") from exc
        return journal

    def change_mark(self) -> tuple[int, int]:
        """Differs after any commit to the journal, from this connection or any other: what
        a cache of reads is keyed on (SQLite's ``data_version`` and this connection's own
        change count)."""
        try:
            version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"cannot read the journal {self.path}: {exc}") from exc
        return int(version), self.conn.total_changes

    @property
    def conn(self) -> sqlite3.Connection:
        """The open connection."""
        if self._conn is None:
            raise JournalError("the journal is not open")
        return self._conn

    def write(self, sql: str, params: Iterable[Any] = ()) -> None:
        """Commit one statement; ``JournalError`` (one line) when the journal can't take it."""
        self._write(sql, params)

    def _write(self, sql: str, params: Iterable[Any] = ()) -> None:
        try:
            apply_writes(self.conn, [(sql, tuple(params))])
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"cannot write the journal {self.path}: {exc}") from exc

    # -- writing a session as it goes ---------------------------------------------------------

    def start_session(
        self,
        *,
        routine_id: str,
        routine_title: str,
        purpose: str,
        fingerprint: str,
        side: str | None,
        speed: float,
        planned_s: int,
        work_planned_s: int,
        reps_planned: int,
        pain_before: int | None,
        flare: bool,
        started_at: datetime,
        session_id: str | None = None,
        level: int | None = None,
    ) -> str:
        """Insert a running session and return its id (a new one unless ``session_id``)."""
        record = SessionRecord(
            id=session_id or uuid.uuid4().hex,
            routine_id=routine_id,
            routine_title=routine_title,
            purpose=purpose,
            fingerprint=fingerprint,
            side=side,
            speed=speed,
            started_at=started_at.isoformat(timespec="seconds"),
            ended_at=None,
            status="running",
            pain_before=pain_before,
            pain_after=None,
            note=None,
            flare=flare,
            planned_s=planned_s,
            work_planned_s=work_planned_s,
            reps_planned=reps_planned,
            work_done_s=0.0,
            reps_done=0,
            active_s=0.0,
            level=level,
        )
        self._write(*session_insert(record, pid=os.getpid(), host=socket.gethostname()))
        return record.id

    def record_step(self, session_id: str, step: StepRecord) -> None:
        """Append one ended step; committed before this returns."""
        self._write(*step_insert(session_id, step))

    def add_event(self, session_id: str, event: EventRecord) -> None:
        """Append one event (hurts, easier, skipped exercise, leg symptoms)."""
        self._write(*event_insert(session_id, event))

    def finish_session(
        self,
        session_id: str,
        *,
        status: SessionStatus,
        ended_at: datetime,
        work_done_s: float,
        reps_done: int,
        active_s: float,
    ) -> None:
        """Record how the session ended and what was done."""
        self._write(
            *finish_update(
                session_id,
                status=status,
                ended_at=ended_at.isoformat(timespec="seconds"),
                work_done_s=work_done_s,
                reps_done=reps_done,
                active_s=active_s,
            )
        )

    def set_pain_after(self, session_id: str, pain: int | None) -> None:
        """Pain after the session (0-10), or ``None`` when skipped."""
        self._write(*pain_after_update(session_id, pain))

    def set_note(self, session_id: str, note: str | None) -> None:
        """A one-line note on the session (blank means none)."""
        self._write(*note_update(session_id, note))

    def mark_interrupted(self, machine: Machine | None = None) -> int:
        """Mark running sessions no live process runs as interrupted; return how many.

        A session run by a live coach (a second one open right now) is left alone;
        ``liveness.still_running`` decides, on ``machine`` (this one, now, by default).
        Its done work is summed from its recorded steps, each step counted once.
        """
        machine = machine or this_machine()
        dead = [
            session
            for session in running_sessions(self.conn)
            if not still_running(session, machine)
        ]
        for session in dead:
            self._write(*self._interrupt(session.id, session.started_at))
        return len(dead)

    def _interrupt(self, session_id: str, started: str) -> Write:
        """The update marking a running session interrupted, with the work its steps show."""
        work, reps, active, last = self._done_from_steps(session_id)
        return (
            """UPDATE sessions SET status = 'interrupted', ended_at = ?, work_done_s = ?,
                   reps_done = ?, active_s = ?, pid = NULL
               WHERE id = ? AND status = 'running'""",
            (last or started, work, reps, active, session_id),
        )

    def _done_from_steps(self, session_id: str) -> tuple[float, int, float, str | None]:
        """Work seconds, full reps, active seconds and last step time from recorded steps."""
        work, reps, last = self.conn.execute(
            """SELECT coalesce(sum(best), 0), coalesce(sum(done_rep), 0), max(last)
               FROM (SELECT min(max(done_s), max(planned_s)) * max(work) AS best,
                            max(counts_rep AND outcome = 'completed') AS done_rep,
                            max(ended_at) AS last
                     FROM steps WHERE session_id = ? GROUP BY step_index)""",
            (session_id,),
        ).fetchone()
        (active,) = self.conn.execute(
            "SELECT coalesce(sum(done_s), 0) FROM steps WHERE session_id = ?", (session_id,)
        ).fetchone()
        return float(work), int(reps), float(active), last

    # -- app state ------------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        """A stored app-state value (e.g. when the red flags were acknowledged)."""
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"cannot read the journal {self.path}: {exc}") from exc
        return None if row is None else str(row[0])

    def set_meta_soon(self, key: str, value: str, wait_s: float = 0.5) -> None:
        """Store an app-state value, waiting at most ``wait_s`` for a lock (not the usual 10 s):
        for writes on a screen's thread that may be skipped (JournalError when they are)."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(wait_s * 1000)}")
        try:
            self.set_meta(key, value)
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def set_meta(self, key: str, value: str) -> None:
        """Store an app-state value."""
        self._write("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # -- reading --------------------------------------------------------------------------------

    def sessions(
        self, since: datetime | None = None, limit: int | None = None
    ) -> list[SessionRecord]:
        """Sessions newest first; ``since`` compares start instants (offsets respected);
        ``limit`` keeps only the newest so many.

        Stored start times sort by their local time, not their instant, so SQL narrows to a
        superset and the instants are compared here: with ``since``, the rows whose stored
        day is at most two days before it (no UTC offset moves a day further), through the
        ``started_at`` index; with ``limit``, those at most two days older than the
        ``limit``-th newest. A month of a fifty-year journal reads a month.
        """
        lowest = None if since is None else _day_before(since.date())
        if limit is not None:
            nth = self.conn.execute(
                "SELECT started_at FROM sessions WHERE started_at >= ? "
                "ORDER BY started_at DESC LIMIT 1 OFFSET ?",
                (lowest or "", max(0, limit - 1)),
            ).fetchone()
            if nth is not None:
                lowest = max(lowest or "", _day_before(datetime.fromisoformat(nth[0]).date()))
        columns = ", ".join(_SESSION_COLUMNS)
        query = (
            f"SELECT {columns} FROM sessions WHERE started_at >= ? "
            "ORDER BY started_at DESC, rowid DESC"
        )
        records = [_session(row) for row in self.conn.execute(query, (lowest or "",))]
        if since is not None:
            records = [record for record in records if record.started >= since]
        records.sort(key=lambda record: record.started, reverse=True)
        return records if limit is None else records[:limit]

    def session_days(self, after: date | None = None) -> list[SessionDay]:
        """Every session (or those of days after ``after``), reduced to what its day's status
        needs (streaks, the first day)."""
        if after is None:
            return _session_days(self.conn.execute(f"SELECT {_DAY_COLUMNS} FROM sessions"))
        rows = self.conn.execute(
            f"SELECT {_DAY_COLUMNS} FROM sessions WHERE started_at >= ?", (_day_before(after),)
        )
        return [day for day in _session_days(rows) if day.day > after]

    def walk_days(self, after: date | None = None) -> set[date]:
        """The days with a walk logged (or those after ``after``), through the index on
        ``log_entries.day``: what a day's status needs of the walking log."""
        query = "SELECT DISTINCT day FROM log_entries WHERE kind = 'walk' AND day > ?"
        rows = self.conn.execute(query, ("" if after is None else after.isoformat(),))
        days = set()
        for (day,) in rows:
            with contextlib.suppress(ValueError):  # not a day: never written by coach
                days.add(date.fromisoformat(day))
        return days if after is None else {day for day in days if day > after}

    def session_count(self) -> int:
        """How many sessions the journal holds."""
        return int(self.conn.execute("SELECT count(*) FROM sessions").fetchone()[0])

    def first_session_day(self) -> date | None:
        """The day of the earliest session (any kind), through the ``started_at`` index."""
        row = self.conn.execute("SELECT min(started_at) FROM sessions").fetchone()
        return None if row[0] is None else datetime.fromisoformat(row[0]).date()

    def delete_session(self, session_id: str, deleted_at: datetime | None = None) -> bool:
        """Delete a session with its steps and events, keeping a tombstone (its id) so that
        no export, import or second machine brings it back; returns whether it was there."""
        moment = (deleted_at or now_local()).isoformat(timespec="seconds")
        row = self.conn.execute("SELECT status FROM sessions WHERE id = ?", (session_id,))
        if (row.fetchone() or ("",))[0] == "running":
            raise JournalError("a session still being recorded cannot be deleted; end it first")
        try:
            with transaction(self.conn) as conn:
                gone = conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount
                conn.execute(
                    "INSERT OR IGNORE INTO deleted_sessions (id, deleted_at) VALUES (?, ?)",
                    (session_id, moment),
                )
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"cannot write the journal {self.path}: {exc}") from exc
        return bool(gone)

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Self]:
        """Reads inside see one state of the journal, whatever others write meanwhile."""
        self.conn.execute("BEGIN")
        try:
            yield self
        finally:
            self.conn.execute("COMMIT")

    def session(self, session_id: str) -> SessionRecord | None:
        """One session by id."""
        columns = ", ".join(_SESSION_COLUMNS)
        row = self.conn.execute(
            f"SELECT {columns} FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        return None if row is None else _session(row)

    def steps(self, session_id: str) -> list[StepRecord]:
        """The ended steps of one session, in order."""
        columns = ", ".join(_STEP_COLUMNS)
        rows = self.conn.execute(
            f"SELECT {columns} FROM steps WHERE session_id = ? ORDER BY seq", (session_id,)
        ).fetchall()
        return [_step(row) for row in rows]

    def events(self, session_id: str) -> list[EventRecord]:
        """The events of one session, in order."""
        columns = ", ".join(_EVENT_COLUMNS)
        rows = self.conn.execute(
            f"SELECT {columns} FROM events WHERE session_id = ? ORDER BY seq", (session_id,)
        ).fetchall()
        return [_event(row) for row in rows]

    def events_of(self, session_ids: Iterable[str]) -> dict[str, list[EventRecord]]:
        """The events of each of these sessions, in order (the report's period, not all)."""
        columns = ", ".join(_EVENT_COLUMNS)
        found: dict[str, list[EventRecord]] = {}
        wanted = list(dict.fromkeys(session_ids))
        for start in range(0, len(wanted), _IDS_PER_QUERY):
            chunk = wanted[start : start + _IDS_PER_QUERY]
            marks = ", ".join("?" for _ in chunk)
            for row in self.conn.execute(
                f"SELECT session_id, {columns} FROM events WHERE session_id IN ({marks}) "
                "ORDER BY session_id, seq",
                chunk,
            ):
                found.setdefault(row[0], []).append(_event(row[1:]))
        return found

    def all_events(self) -> Iterator[tuple[str, EventRecord]]:
        """Every event of every session (for export), ordered by session and sequence."""
        columns = ", ".join(_EVENT_COLUMNS)
        for row in self.conn.execute(
            f"SELECT session_id, {columns} FROM events ORDER BY session_id, seq"
        ):
            yield row[0], _event(row[1:])

    def all_steps(self) -> Iterator[tuple[str, StepRecord]]:
        """Every step of every session (for export), ordered by session and sequence."""
        columns = ", ".join(_STEP_COLUMNS)
        for row in self.conn.execute(
            f"SELECT session_id, {columns} FROM steps ORDER BY session_id, seq"
        ):
            yield row[0], _step(row[1:])

    def export_sessions(self) -> Iterator[SessionImport]:
        """Every session with its steps and events, oldest first (by instant, then id), read
        one at a time: an export of a journal of any size stays small in memory."""
        columns = ", ".join(_SESSION_COLUMNS)
        rows = self.conn.execute(
            f"SELECT {columns} FROM sessions ORDER BY julianday(started_at), id"
        )
        for row in rows:
            session = _session(row)
            yield SessionImport(
                session, tuple(self.steps(session.id)), tuple(self.events(session.id))
            )

    # -- import -------------------------------------------------------------------------------

    def import_sessions(
        self,
        sessions: list[SessionRecord],
        steps: Mapping[str, list[StepRecord]],
        events: Mapping[str, list[EventRecord]] | None = None,
    ) -> int:
        """Add sessions (with their steps and events) not already present; return how many.

        The list form of ``import_stream`` (same rules: one transaction, identical or
        refused per id).
        """
        items = (
            SessionImport(s, tuple(steps.get(s.id, ())), tuple((events or {}).get(s.id, ())))
            for s in sessions
        )
        return self.import_stream(items).added

    def import_stream(
        self, items: Iterable[ImportItem], batch_size: int = IMPORT_BATCH
    ) -> ImportCounts:
        """Add sessions (and other rows) from ``items`` (read lazily, so a huge file stays
        small in memory).

        One transaction: an import lands whole or not at all, even after ``kill -9`` (SQLite
        drops an uncommitted transaction). A session whose id is already in the journal, or
        earlier in ``items``, is skipped when identical and refused (``ImportConflictError``)
        when not: importing it would mix two sessions under one id. Any exception raised while
        ``items`` is read (a refused session further on) rolls everything back too.
        """
        try:
            with transaction(self.conn) as conn:
                batch = _ImportBatch(conn, _max_session_rowid(conn))
                for number, item in enumerate(items, start=1):
                    batch.add(number, item)
                    if len(batch) >= batch_size:
                        batch.flush()
                batch.flush()
                return batch.counts
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"cannot import into {self.path}: {exc}") from exc

    def restore_sessions(
        self,
        sessions: list[SessionRecord],
        steps: Mapping[str, list[StepRecord]],
        events: Mapping[str, list[EventRecord]] | None = None,
    ) -> None:
        """Bring back sessions saved aside (recovery files), in one transaction.

        Unlike an import, a session already present (its start, some steps, perhaps marked
        interrupted since) takes every stored value of the saved one, which knows everything
        the journal has of it and more; steps and events already present stay, the others are
        added. A saved session still running is marked interrupted, as a crash would be.
        """
        columns = ", ".join(_SESSION_COLUMNS)
        updates = ", ".join(f"{name} = excluded.{name}" for name in _SESSION_COLUMNS[1:])
        session_sql = (
            f"INSERT INTO sessions ({columns}) VALUES ({', '.join('?' for _ in _SESSION_COLUMNS)})"
            f" ON CONFLICT (id) DO UPDATE SET {updates}, pid = NULL"
        )
        try:
            with transaction(self.conn) as conn:
                for record in sessions:
                    conn.execute(session_sql, [getattr(record, n) for n in _SESSION_COLUMNS])
                    self._insert_children(record.id, steps, events, if_absent=True)
                    if record.status == "running":
                        conn.execute(*self._interrupt(record.id, record.started_at))
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"cannot write the journal {self.path}: {exc}") from exc

    def _insert_children(
        self,
        session_id: str,
        steps: Mapping[str, list[StepRecord]],
        events: Mapping[str, list[EventRecord]] | None,
        *,
        if_absent: bool,
    ) -> None:
        for step in steps.get(session_id, []):
            self.conn.execute(*step_insert(session_id, step, if_absent=if_absent))
        for event in (events or {}).get(session_id, []):
            self.conn.execute(*event_insert(session_id, event, if_absent=if_absent))
