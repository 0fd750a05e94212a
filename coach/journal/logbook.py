"""What is kept besides sessions: log entries, level changes and the cards shown.

* A **log entry** is something done or felt outside a session (DOMAIN.md sections 4 and 6b):
  a walk (minutes, optional pain), the next-morning check (worse / same / better than the
  day before), a daily pain score (optional leg pain) or the weekly PEG (three 0-10 items).
  Each belongs to a ``day``: the day it is about, which a back-filled entry may set.
* A **level change** records a routine's progression level (1 = its first level) and why:
  ``up`` (an offer accepted), ``down`` (a step back, with the reason), ``set`` (chosen by the
  person) or ``declined`` (an offer to go up turned down; the level stays).
* **Cards shown**: which education card was the card of which day.

Rows have ids (uuid hex) so that a later import or sync adds each once. Values are checked
here as well as by the schema's CHECKs, so a caller gets a ``ValueError`` that says what is
allowed rather than an SQLite constraint message. No rules live here: which level is current,
what counts as tolerated, the card of the day are worked out in ``coach.coaching``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import date
from typing import Literal

from coach.journal.records import Journal

__all__ = [
    "LEVEL_CHANGES",
    "LOG_KINDS",
    "MORNING_ANSWERS",
    "CardShown",
    "LevelChange",
    "LevelChangeKind",
    "LogEntry",
    "LogKind",
    "MorningAnswer",
    "add_entry",
    "add_level_change",
    "cards_shown",
    "entries",
    "level_changes",
    "mark_card_shown",
]

LogKind = Literal["walk", "morning", "pain", "peg"]
LOG_KINDS: tuple[LogKind, ...] = ("walk", "morning", "pain", "peg")
MorningAnswer = Literal["worse", "same", "better"]
MORNING_ANSWERS: tuple[MorningAnswer, ...] = ("worse", "same", "better")
LevelChangeKind = Literal["up", "down", "set", "declined"]
LEVEL_CHANGES: tuple[LevelChangeKind, ...] = ("up", "down", "set", "declined")
MAX_WALK_MIN = 600
"""Minutes of one logged walk at most (ten hours): more is a typo, refused with the range."""


@dataclass(frozen=True)
class LogEntry:
    """One thing logged outside a session; only the fields of its kind are set."""

    id: str
    kind: LogKind
    day: str
    """The day it is about, ``YYYY-MM-DD``."""
    logged_at: str
    """When it was logged, ``isoformat`` with the UTC offset."""
    minutes: int | None = None
    pain: int | None = None
    """A walk's pain, the daily pain score, or the PEG's average-pain item."""
    leg: int | None = None
    enjoyment: int | None = None
    activity: int | None = None
    morning: MorningAnswer | None = None

    @property
    def date(self) -> date:
        """``day`` as a date."""
        return date.fromisoformat(self.day)


@dataclass(frozen=True)
class LevelChange:
    """A routine's level set to ``level`` at ``changed_at``, and why."""

    id: str
    routine_id: str
    level: int
    change: LevelChangeKind
    reason: str
    changed_at: str


@dataclass(frozen=True)
class CardShown:
    """The education card of a day."""

    day: str
    card_id: str


@dataclass(frozen=True)
class DeletedSession:
    """A session deleted on purpose: its id stays, so that nothing brings it back."""

    id: str
    deleted_at: str


_ENTRY_COLUMNS = [f.name for f in fields(LogEntry)]
_CHANGE_COLUMNS = [f.name for f in fields(LevelChange)]
_SCORES = ("pain", "leg", "enjoyment", "activity")


def new_id() -> str:
    """A new row id."""
    return uuid.uuid4().hex


def check_entry(entry: LogEntry) -> None:
    """Raise ``ValueError`` (saying what is allowed) unless ``entry`` can be stored."""
    if entry.kind not in LOG_KINDS:
        raise ValueError(f"a log entry is one of {', '.join(LOG_KINDS)}, not {entry.kind!r}")
    date.fromisoformat(entry.day)
    for name in _SCORES:
        value = getattr(entry, name)
        if value is not None and not 0 <= value <= 10:
            raise ValueError(f"{name} is a whole number from 0 to 10, not {value}")
    if entry.minutes is not None and not 1 <= entry.minutes <= MAX_WALK_MIN:
        raise ValueError(f"a walk lasts 1 to {MAX_WALK_MIN} minutes, not {entry.minutes}")
    if entry.morning is not None and entry.morning not in MORNING_ANSWERS:
        raise ValueError(f"the morning is one of {', '.join(MORNING_ANSWERS)}")
    needed = {
        "walk": ("minutes",),
        "morning": ("morning",),
        "pain": ("pain",),
        "peg": ("pain", "enjoyment", "activity"),
    }[entry.kind]
    missing = [name for name in needed if getattr(entry, name) is None]
    if missing:
        raise ValueError(f"a {entry.kind} entry needs {', '.join(missing)}")


def add_entry(journal: Journal, entry: LogEntry) -> None:
    """Store ``entry`` (an entry of an id already there is left as it is)."""
    check_entry(entry)
    journal.write(
        f"INSERT INTO log_entries ({', '.join(_ENTRY_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in _ENTRY_COLUMNS)}) ON CONFLICT (id) DO NOTHING",
        tuple(getattr(entry, name) for name in _ENTRY_COLUMNS),
    )


def entries(
    journal: Journal, kinds: tuple[LogKind, ...] = LOG_KINDS, since: date | None = None
) -> list[LogEntry]:
    """Entries of ``kinds`` (about days from ``since`` on), oldest day first, then in the
    order they were logged."""
    marks = ", ".join("?" for _ in kinds)
    rows = journal.conn.execute(
        f"SELECT {', '.join(_ENTRY_COLUMNS)} FROM log_entries "
        f"WHERE kind IN ({marks}) AND day >= ? ORDER BY day, logged_at, rowid",
        (*kinds, since.isoformat() if since else ""),
    )
    return [LogEntry(**dict(zip(_ENTRY_COLUMNS, row, strict=True))) for row in rows]


def add_level_change(journal: Journal, change: LevelChange) -> None:
    """Store ``change`` (one of an id already there is left as it is)."""
    if change.change not in LEVEL_CHANGES:
        raise ValueError(f"a level change is one of {', '.join(LEVEL_CHANGES)}")
    if change.level < 1:
        raise ValueError("levels count from 1")
    journal.write(
        f"INSERT INTO level_changes ({', '.join(_CHANGE_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in _CHANGE_COLUMNS)}) ON CONFLICT (id) DO NOTHING",
        tuple(getattr(change, name) for name in _CHANGE_COLUMNS),
    )


def level_changes(journal: Journal, routine_id: str | None = None) -> list[LevelChange]:
    """Level changes (of one routine, or all), oldest first."""
    where, params = ("WHERE routine_id = ?", (routine_id,)) if routine_id else ("", ())
    rows = journal.conn.execute(
        f"SELECT {', '.join(_CHANGE_COLUMNS)} FROM level_changes {where} "
        "ORDER BY changed_at, rowid",
        params,
    )
    return [LevelChange(**dict(zip(_CHANGE_COLUMNS, row, strict=True))) for row in rows]


def deleted_sessions(journal: Journal) -> list[DeletedSession]:
    """The tombstones of deleted sessions, oldest first."""
    rows = journal.conn.execute("SELECT id, deleted_at FROM deleted_sessions ORDER BY rowid")
    return [DeletedSession(session_id, at) for session_id, at in rows]


def cards_shown(journal: Journal) -> list[CardShown]:
    """Each day's card, oldest day first."""
    rows = journal.conn.execute("SELECT day, card_id FROM cards_shown ORDER BY day")
    return [CardShown(day, card_id) for day, card_id in rows]


def mark_card_shown(journal: Journal, day: date, card_id: str) -> None:
    """Keep ``card_id`` as the card of ``day`` (a day keeps the first card it was given)."""
    journal.write(
        "INSERT INTO cards_shown (day, card_id) VALUES (?, ?) ON CONFLICT (day) DO NOTHING",
        (day.isoformat(), card_id),
    )
