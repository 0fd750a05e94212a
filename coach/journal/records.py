"""Reading and writing sessions: the only module that knows the journal's SQL.

Every write is its own short transaction, committed at once with ``synchronous=FULL``: a
session row when it starts, a row per step as it ends, the end state when it ends. A crash or
``kill -9`` loses at most the step in progress; the next start marks such a session
``interrupted`` (its process is gone) and fills in the work its recorded steps show.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

from coach import locations
from coach.journal.db import JournalError, connect, transaction

__all__ = [
    "Journal",
    "SessionRecord",
    "SessionStatus",
    "StepRecord",
    "now_local",
]

SessionStatus = Literal["running", "completed", "ended_early", "interrupted"]


def now_local() -> datetime:
    """The wall-clock time now, with the local UTC offset (stored with every timestamp)."""
    return datetime.now().astimezone()


@dataclass(frozen=True)
class StepRecord:
    """One ended step of a recorded session."""

    seq: int
    step_index: int
    kind: str
    exercise: str
    side: str | None
    set_no: int | None
    rep: int | None
    planned_s: float
    done_s: float
    work: bool
    counts_rep: bool
    outcome: str
    ended_at: str


@dataclass(frozen=True)
class SessionRecord:
    """One recorded session, as stored."""

    id: str
    routine_id: str
    routine_title: str
    purpose: str
    fingerprint: str
    side: str | None
    speed: float
    started_at: str
    ended_at: str | None
    status: SessionStatus
    pain_before: int | None
    pain_after: int | None
    note: str | None
    flare: bool
    planned_s: int
    work_planned_s: int
    reps_planned: int
    work_done_s: float
    reps_done: int
    active_s: float

    @property
    def preview(self) -> bool:
        """Run at a speed other than 1: shown, never counted."""
        return self.speed != 1

    @property
    def started(self) -> datetime:
        """Start time with the UTC offset it was recorded with."""
        return datetime.fromisoformat(self.started_at)

    @property
    def day(self) -> date:
        """The local calendar day the session started on (in the offset of that moment)."""
        return self.started.date()

    @property
    def dose(self) -> float:
        """Work done / planned, 0..1."""
        return self.work_done_s / self.work_planned_s if self.work_planned_s else 1.0

    def to_json(self) -> dict[str, Any]:
        """All stored fields, plus ``preview``."""
        data = asdict(self)
        data["preview"] = self.preview
        return data


_SESSION_COLUMNS = [f.name for f in fields(SessionRecord)]
_STEP_COLUMNS = [f.name for f in fields(StepRecord)]


def _session(row: sqlite3.Row) -> SessionRecord:
    values = dict(zip(_SESSION_COLUMNS, row, strict=True))
    values["flare"] = bool(values["flare"])
    return SessionRecord(**values)


def _step(row: sqlite3.Row) -> StepRecord:
    values = dict(zip(_STEP_COLUMNS, row, strict=True))
    values["work"] = bool(values["work"])
    values["counts_rep"] = bool(values["counts_rep"])
    return StepRecord(**values)


def _pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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

    @property
    def conn(self) -> sqlite3.Connection:
        """The open connection."""
        if self._conn is None:
            raise JournalError("the journal is not open")
        return self._conn

    def _write(self, sql: str, params: Iterable[Any] = ()) -> None:
        try:
            with transaction(self.conn) as conn:
                conn.execute(sql, tuple(params))
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
    ) -> str:
        """Insert a running session and return its new id."""
        session_id = uuid.uuid4().hex
        self._write(
            """INSERT INTO sessions (id, routine_id, routine_title, purpose, fingerprint, side,
                   speed, started_at, status, pain_before, flare, planned_s, work_planned_s,
                   reps_planned, pid, host)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?)""",
            (
                session_id,
                routine_id,
                routine_title,
                purpose,
                fingerprint,
                side,
                speed,
                started_at.isoformat(timespec="seconds"),
                pain_before,
                int(flare),
                planned_s,
                work_planned_s,
                reps_planned,
                os.getpid(),
                socket.gethostname(),
            ),
        )
        return session_id

    def record_step(self, session_id: str, step: StepRecord) -> None:
        """Append one ended step; committed before this returns."""
        placeholders = ", ".join("?" for _ in _STEP_COLUMNS)
        values = [getattr(step, name) for name in _STEP_COLUMNS]
        self._write(
            f"INSERT INTO steps (session_id, {', '.join(_STEP_COLUMNS)}) "
            f"VALUES (?, {placeholders})",
            [session_id, *values],
        )

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
            """UPDATE sessions SET status = ?, ended_at = ?, work_done_s = ?, reps_done = ?,
                   active_s = ?, pid = NULL WHERE id = ?""",
            (
                status,
                ended_at.isoformat(timespec="seconds"),
                work_done_s,
                reps_done,
                active_s,
                session_id,
            ),
        )

    def set_pain_after(self, session_id: str, pain: int | None) -> None:
        """Pain after the session (0-10), or ``None`` when skipped."""
        if pain is not None and not 0 <= pain <= 10:
            raise ValueError("pain is a whole number from 0 to 10")
        self._write("UPDATE sessions SET pain_after = ? WHERE id = ?", (pain, session_id))

    def set_note(self, session_id: str, note: str | None) -> None:
        """A one-line note on the session (blank means none)."""
        cleaned = " ".join((note or "").split()) or None
        self._write("UPDATE sessions SET note = ? WHERE id = ?", (cleaned, session_id))

    def mark_interrupted(self) -> int:
        """Mark running sessions whose process is gone as interrupted; return how many.

        A session run by a live process (a second coach open right now) is left alone.
        Its done work is summed from its recorded steps, each step counted once.
        """
        host = socket.gethostname()
        rows = self.conn.execute(
            "SELECT id, pid, host, started_at FROM sessions WHERE status = 'running'"
        ).fetchall()
        dead = [
            (session_id, started)
            for session_id, pid, row_host, started in rows
            if row_host != host or not _pid_alive(pid)
        ]
        for session_id, started in dead:
            work, reps, active, last = self._done_from_steps(session_id)
            self._write(
                """UPDATE sessions SET status = 'interrupted', ended_at = ?, work_done_s = ?,
                       reps_done = ?, active_s = ?, pid = NULL
                   WHERE id = ? AND status = 'running'""",
                (last or started, work, reps, active, session_id),
            )
        return len(dead)

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
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Store an app-state value."""
        self._write("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # -- reading --------------------------------------------------------------------------------

    def sessions(self, since: datetime | None = None) -> list[SessionRecord]:
        """Sessions newest first; ``since`` compares start instants (offsets respected)."""
        columns = ", ".join(_SESSION_COLUMNS)
        rows = self.conn.execute(
            f"SELECT {columns} FROM sessions ORDER BY started_at DESC, rowid DESC"
        ).fetchall()
        records = [_session(row) for row in rows]
        if since is not None:
            records = [record for record in records if record.started >= since]
        records.sort(key=lambda record: record.started, reverse=True)
        return records

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

    def all_steps(self) -> Iterator[tuple[str, StepRecord]]:
        """Every step of every session (for export), ordered by session and sequence."""
        columns = ", ".join(_STEP_COLUMNS)
        for row in self.conn.execute(
            f"SELECT session_id, {columns} FROM steps ORDER BY session_id, seq"
        ):
            yield row[0], _step(row[1:])

    # -- import -------------------------------------------------------------------------------

    def import_sessions(
        self, sessions: list[SessionRecord], steps: dict[str, list[StepRecord]]
    ) -> int:
        """Add sessions (with their steps) not already present; return how many were added.

        One transaction: an import either lands whole or not at all. Ids make it idempotent.
        """
        added = 0
        # ON CONFLICT DO NOTHING skips only sessions already present; unlike INSERT OR
        # IGNORE it does not also skip rows that break a CHECK, which must fail the import.
        session_sql = (
            f"INSERT INTO sessions ({', '.join(_SESSION_COLUMNS)}) "
            f"VALUES ({', '.join('?' for _ in _SESSION_COLUMNS)}) ON CONFLICT (id) DO NOTHING"
        )
        step_sql = (
            f"INSERT INTO steps (session_id, {', '.join(_STEP_COLUMNS)}) "
            f"VALUES (?, {', '.join('?' for _ in _STEP_COLUMNS)})"
        )
        try:
            with transaction(self.conn) as conn:
                for record in sessions:
                    values = [getattr(record, name) for name in _SESSION_COLUMNS]
                    cursor = conn.execute(session_sql, values)
                    if cursor.rowcount:
                        added += 1
                        conn.executemany(
                            step_sql,
                            [
                                [record.id, *(getattr(step, n) for n in _STEP_COLUMNS)]
                                for step in steps.get(record.id, [])
                            ],
                        )
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"cannot import into {self.path}: {exc}") from exc
        return added
