"""Reading and writing sessions: the only module that knows the journal's SQL.

Every write is its own short transaction, committed at once with ``synchronous=FULL``: a
session row when it starts, a row per step as it ends, each event (hurts, easier, a skipped
exercise), the end state when it ends. A crash or ``kill -9`` loses at most the step in
progress; the next start marks such a session ``interrupted`` (its process is gone) and fills
in the work its recorded steps show.

The writes a session makes are also available as ``Write`` values (an SQL statement and its
parameters, made here) that ``apply_writes`` commits in one transaction on any connection: the
recorder keeps them in order while the journal is locked or full and writes them later. Each
is idempotent (an insert of a row already there does nothing; updates set values), so writing
one twice after a failure whose outcome was unclear is harmless.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, NamedTuple, Self, TypeAlias

from coach import locations
from coach.journal.db import BUSY_TIMEOUT_MS, JournalError, connect, transaction
from coach.journal.liveness import Machine, running_sessions, still_running, this_machine
from coach.textsafe import quoted_id

__all__ = [
    "EVENT_KINDS",
    "EventKind",
    "EventRecord",
    "ImportConflictError",
    "ImportCounts",
    "Journal",
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

SessionStatus = Literal["running", "completed", "ended_early", "interrupted"]
EventKind = Literal["hurts", "easier", "skipped-exercise", "leg-symptoms"]
EVENT_KINDS: tuple[EventKind, ...] = ("hurts", "easier", "skipped-exercise", "leg-symptoms")

Write: TypeAlias = tuple[str, tuple[Any, ...]]
"""One statement of a journal write and its parameters, made by the functions of this module."""


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
class EventRecord:
    """Something said or chosen during a session, at ``at_s`` seconds of session time.

    ``seq`` orders a session's events (0, 1, ...); ``detail`` says more where there is more to
    say (the easier variant's name, what kind of pain), else ``None``.
    """

    seq: int
    at_s: float
    kind: EventKind
    exercise: str
    detail: str | None


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
        return is_preview(self.speed)

    @cached_property
    def started(self) -> datetime:
        """Start time with the UTC offset it was recorded with (parsed once: stats ask often)."""
        return datetime.fromisoformat(self.started_at)

    @property
    def day(self) -> date:
        """The local calendar day the session started on (in the offset of that moment)."""
        return self.started.date()

    @property
    def dose(self) -> float:
        """Work done / planned, 0..1."""
        return dose_of(self.work_done_s, self.work_planned_s)

    def to_json(self) -> dict[str, Any]:
        """All stored fields, plus ``preview``, and in the one vocabulary (coaching.outcome)
        how it ended (``end``: completed, skipped-through, ...) and whether it ``counts``."""
        from coach.coaching.outcome import counts, session_end

        data = asdict(self)
        data["preview"] = self.preview
        data["end"] = session_end(self.status, self.dose)
        data["counts"] = counts(data["end"], self.preview, bool(self.flare))
        return data


def is_preview(speed: float) -> bool:
    """A session run at a speed other than 1 is a preview: shown, never counted."""
    return speed != 1


def dose_of(work_done_s: float, work_planned_s: int) -> float:
    """Work done / planned, 0..1 (a session that plans no work has done all of it)."""
    return work_done_s / work_planned_s if work_planned_s else 1.0


class SessionDay(NamedTuple):
    """What a day's status needs of one session, and nothing else.

    Streaks and the first day run over the whole history; reading this much of each session
    (``Journal.session_days``) keeps that cheap with fifty years of sessions, where building
    every ``SessionRecord`` would not be (a named tuple: the lightest record Python builds).
    """

    day: date
    status: SessionStatus
    dose: float
    preview: bool
    flare: bool
    purpose: str


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


@dataclass
class ImportCounts:
    """What an import did: sessions added, already in the journal, repeated in the file."""

    added: int = 0
    present: int = 0
    repeated: int = 0


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


_SESSION_COLUMNS = [f.name for f in fields(SessionRecord)]
_STEP_COLUMNS = [f.name for f in fields(StepRecord)]
_EVENT_COLUMNS = [f.name for f in fields(EventRecord)]


def _session(row: sqlite3.Row) -> SessionRecord:
    values = dict(zip(_SESSION_COLUMNS, row, strict=True))
    values["flare"] = bool(values["flare"])
    return SessionRecord(**values)


def _step(row: sqlite3.Row) -> StepRecord:
    values = dict(zip(_STEP_COLUMNS, row, strict=True))
    values["work"] = bool(values["work"])
    values["counts_rep"] = bool(values["counts_rep"])
    return StepRecord(**values)


_IDS_PER_QUERY = 500
"""Ids bound in one ``IN (...)``: well under SQLite's limit of bound parameters."""
_DAY_COLUMNS = "started_at, status, work_done_s, work_planned_s, speed, flare, purpose"


def _session_days(rows: Iterable[sqlite3.Row]) -> list[SessionDay]:
    """``SessionDay`` of each row of ``_DAY_COLUMNS``; the day of a start time stored as
    ``isoformat`` is its first ten characters, parsed once per day."""
    days: dict[str, date] = {}
    found = []
    for started_at, status, work_done_s, work_planned_s, speed, flare, purpose in rows:
        if started_at[10:11] == "T":
            key = started_at[:10]
            day = days.get(key) or days.setdefault(key, date.fromisoformat(key))
        else:
            day = datetime.fromisoformat(started_at).date()
        dose = dose_of(work_done_s, work_planned_s)
        found.append(SessionDay(day, status, dose, is_preview(speed), bool(flare), purpose))
    return found


def _day_before(day: date) -> str:
    """The stored-day bound two days before ``day``: a start time stored in any UTC offset
    that is at or after ``day``'s first instant anywhere sorts at or after this."""
    return (day - timedelta(days=2)).isoformat()


def _event(row: sqlite3.Row) -> EventRecord:
    return EventRecord(**dict(zip(_EVENT_COLUMNS, row, strict=True)))


def clean_note(note: str | None) -> str | None:
    """A note as stored: whitespace runs made one space, blank made ``None``."""
    return " ".join((note or "").split()) or None


# -- writes, as values --------------------------------------------------------------------------


def session_insert(record: SessionRecord, *, pid: int | None, host: str | None) -> Write:
    """Insert a session row (``pid``/``host`` say which process runs it, while it runs)."""
    columns = [*_SESSION_COLUMNS, "pid", "host"]
    values = [getattr(record, name) for name in _SESSION_COLUMNS]
    values[_SESSION_COLUMNS.index("flare")] = int(record.flare)
    return (
        f"INSERT INTO sessions ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)}) ON CONFLICT (id) DO NOTHING",
        (*values, pid, host),
    )


def _if_absent(if_absent: bool) -> str:
    return " ON CONFLICT DO NOTHING" if if_absent else ""


def step_insert(session_id: str, step: StepRecord, *, if_absent: bool = True) -> Write:
    """Append one ended step (``if_absent=False``: a step already there is an error)."""
    return (
        f"INSERT INTO steps (session_id, {', '.join(_STEP_COLUMNS)}) "
        f"VALUES (?, {', '.join('?' for _ in _STEP_COLUMNS)}){_if_absent(if_absent)}",
        (session_id, *(getattr(step, name) for name in _STEP_COLUMNS)),
    )


def event_insert(session_id: str, event: EventRecord, *, if_absent: bool = True) -> Write:
    """Append one event (``if_absent=False``: an event already there is an error)."""
    return (
        f"INSERT INTO events (session_id, {', '.join(_EVENT_COLUMNS)}) "
        f"VALUES (?, {', '.join('?' for _ in _EVENT_COLUMNS)}){_if_absent(if_absent)}",
        (session_id, *(getattr(event, name) for name in _EVENT_COLUMNS)),
    )


def finish_update(
    session_id: str,
    *,
    status: SessionStatus,
    ended_at: str,
    work_done_s: float,
    reps_done: int,
    active_s: float,
) -> Write:
    """How the session ended and what was done; the session no longer runs."""
    return (
        """UPDATE sessions SET status = ?, ended_at = ?, work_done_s = ?, reps_done = ?,
               active_s = ?, pid = NULL WHERE id = ?""",
        (status, ended_at, work_done_s, reps_done, active_s, session_id),
    )


def pain_after_update(session_id: str, pain: int | None) -> Write:
    """Pain after the session (0-10), or ``None`` when skipped."""
    if pain is not None and not 0 <= pain <= 10:
        raise ValueError("pain is a whole number from 0 to 10")
    return ("UPDATE sessions SET pain_after = ? WHERE id = ?", (pain, session_id))


def note_update(session_id: str, note: str | None) -> Write:
    """The session's note, cleaned as ``clean_note`` does."""
    return ("UPDATE sessions SET note = ? WHERE id = ?", (clean_note(note), session_id))


def apply_writes(conn: sqlite3.Connection, writes: Sequence[Write]) -> None:
    """Commit ``writes`` in order, in one transaction: all of them or none.

    Raises ``sqlite3.Error`` as SQLite gives it (locked, full, I/O error, read-only).
    """
    with transaction(conn):
        for sql, params in writes:
            conn.execute(sql, params)


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

    def session_days(self) -> list[SessionDay]:
        """Every session, reduced to what its day's status needs (streaks, the first day)."""
        return _session_days(self.conn.execute(f"SELECT {_DAY_COLUMNS} FROM sessions"))

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
        self, items: Iterable[SessionImport], batch_size: int = IMPORT_BATCH
    ) -> ImportCounts:
        """Add sessions from ``items`` (read lazily, so a huge file stays small in memory).

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

    def __len__(self) -> int:
        return len(self.pending)

    def add(self, number: int, item: SessionImport) -> None:
        """Keep ``item`` for the next flush; one repeating a kept id must be identical."""
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
