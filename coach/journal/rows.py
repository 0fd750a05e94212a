"""The journal's records and the writes of a session, as values: no connection here.

``SessionRecord``, ``StepRecord`` and ``EventRecord`` are rows as stored; ``SessionDay`` is
the little of a session a day's status needs. The writes a session makes are ``Write``
values (an SQL statement and its parameters) that ``apply_writes`` commits in one
transaction on any connection: the recorder keeps them in order while the journal is locked
or full and writes them later. Each is idempotent (an insert of a row already there does
nothing; updates set values), so writing one twice after a failure whose outcome was unclear
is harmless. ``coach.journal.records`` re-exports all of it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any, Literal, NamedTuple, TypeAlias

from coach.journal.db import transaction

__all__ = [
    "EVENT_KINDS",
    "EventKind",
    "EventRecord",
    "SessionDay",
    "SessionRecord",
    "SessionStatus",
    "StepRecord",
    "Write",
    "apply_writes",
    "clean_note",
    "dose_of",
    "event_insert",
    "finish_update",
    "is_preview",
    "note_update",
    "now_local",
    "pain_after_update",
    "session_insert",
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
    level: int | None = None
    """The progression level the session ran at (1 = the first); ``None`` without a ladder."""

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
        data["counts"] = counts(data["end"], self.preview, bool(self.flare), self.purpose)
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
