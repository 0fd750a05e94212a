"""What an imported session may hold: no more than a session coach records could.

An import is refused, naming the session and the field, for anything the recorder can never
write (DESIGN.md section 5, issue 10): negative or non-finite seconds, reps or speeds; work
done beyond what was planned; a session ending before it starts or lasting longer than
``MAX_SESSION_WALL_S``; a start before ``EARLIEST_SESSION`` or more than a day from now; a
step ending outside its session; a plan longer than ``MAX_ROUTINE_S``; integers SQLite cannot
hold; ids that are not routine-style ids; notes longer than the app lets a person type; and
text with lone surrogates or control characters. The bounds live in ``coach.limits``, the id
rule in ``coach.routine.model.Id`` and the note length in ``coach.flow.questions``, so a
recorded session always passes and a routine coach accepts always gives importable sessions.

Rows besides sessions (``check_row``: log entries, level changes, cards shown) are held to the
same standard: values in their ranges and of their kind (``coach.journal.logbook`` says which
a kind needs), days and times no earlier than any session and at most a day ahead, ids in the
id shape; a refusal names the row's place in its list and the field.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from coach.engine.plan import StepKind
from coach.flow.questions import NOTE_MAX_CHARS
from coach.journal.importing import ROW_NOUNS, RowImport
from coach.journal.json_stream import ExportFormatError
from coach.journal.logbook import (
    MAX_WALK_MIN,
    CardShown,
    DeletedSession,
    LevelChange,
    LevelChangeKind,
    LogEntry,
    LogKind,
    MorningAnswer,
    check_entry,
)
from coach.journal.records import (
    EventKind,
    EventRecord,
    SessionImport,
    SessionRecord,
    StepRecord,
    now_local,
    session_label,
)
from coach.limits import (
    EARLIEST_SESSION,
    MAX_ROUTINE_S,
    MAX_SESSION_WALL_S,
    MAX_SPEED,
    MIN_SPEED,
)
from coach.routine.model import Id, Purpose

if TYPE_CHECKING:
    from coach.journal.importing import ImportRow

__all__ = [
    "CLOCK_SLACK",
    "MAX_STEPS",
    "RowKind",
    "SessionRefusedError",
    "check_row",
    "check_session",
    "row_label",
]

MAX_STEPS = 100_000
"""Steps (or events) of one session: a two-hour plan has a few thousand at most."""
MAX_COUNT = 1_000_000
"""Any sequence number, step index, set or rep: far beyond a real session, far inside SQLite."""
MAX_LINE_CHARS = 200
"""A routine title or an event's detail: routine files allow 80; a little room for suffixes."""
CLOCK_SLACK = timedelta(minutes=1)
"""A step may end this much outside its session: the wall clock can be set back a little
(NTP) between a step's end and the session's."""
FUTURE_SLACK = timedelta(days=1)
"""A session may start up to a day ahead of this machine's clock (another time zone's clock
set wrong), not more."""


class SessionRefusedError(ExportFormatError):
    """One session of an import breaks a rule; the message names the session and the field."""


def _text_rule(allow_format: bool) -> BeforeValidator:
    """Refuse lone surrogates (never valid text) and control characters (a newline or an
    escape sequence in a title); ``allow_format`` keeps joiners and direction marks, which
    notes in many languages and emoji need."""

    def check(value: object) -> object:
        if not isinstance(value, str) or value.isprintable():
            return value
        for char in value:
            category = unicodedata.category(char)
            if category == "Cs":
                raise ValueError(f"contains a lone surrogate ({char!a})")
            if category == "Cc" or (category == "Cf" and not allow_format):
                raise ValueError(f"contains the control character {char!a}")
        return value

    return BeforeValidator(check)  # before pydantic's own, vaguer, refusal of a surrogate


def _aware_timestamp(value: str) -> str:
    """An ISO 8601 time with its UTC offset, written exactly as the journal writes them: the
    journal finds sessions by comparing stored times as text, which other spellings of the
    same instant (``Z``, a space, fractions of a second) would break."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("expected an ISO 8601 time such as 2026-03-02T09:00:00+01:00") from None
    if parsed.utcoffset() is None:
        raise ValueError("expected a time with its UTC offset, such as +01:00")
    if parsed.isoformat(timespec="seconds") != value:
        raise ValueError(
            f"expected a time written as coach writes it, such as "
            f"{parsed.isoformat(timespec='seconds')}"
        )
    return value


Timestamp = Annotated[str, Field(max_length=40), AfterValidator(_aware_timestamp)]
Line = Annotated[str, Field(min_length=1, max_length=MAX_LINE_CHARS), _text_rule(True)]
Note = Annotated[str, Field(min_length=1, max_length=NOTE_MAX_CHARS), _text_rule(True)]
Fingerprint = Annotated[str, Field(pattern=r"^[0-9a-f]{0,64}$")]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
PlanSeconds = Annotated[int, Field(ge=0, le=MAX_ROUTINE_S)]
WallSeconds = Annotated[float, Field(ge=0, le=MAX_SESSION_WALL_S)]
Side = Literal["left", "right"] | None


class _Strict(BaseModel):
    """Unknown keys are errors, values are not coerced, NaN and infinities are refused."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class _StepIn(_Strict):
    seq: Count
    step_index: Count
    kind: StepKind
    exercise: Id
    side: Side
    set_no: Count | None
    rep: Count | None
    planned_s: Annotated[float, Field(ge=0, le=MAX_ROUTINE_S)]
    done_s: WallSeconds
    work: bool
    counts_rep: bool
    outcome: Literal["completed", "skipped", "back", "ended"]
    ended_at: Timestamp


class _EventIn(_Strict):
    at_s: WallSeconds
    kind: EventKind
    exercise: Id
    detail: Line | None


class _SessionIn(_Strict):
    id: Id
    routine_id: Id
    routine_title: Line
    purpose: Purpose
    fingerprint: Fingerprint
    side: Side
    speed: Annotated[float, Field(ge=MIN_SPEED, le=MAX_SPEED)]
    started_at: Timestamp
    ended_at: Timestamp | None
    status: Literal["running", "completed", "ended_early", "interrupted"]
    pain_before: Annotated[int, Field(ge=0, le=10)] | None
    pain_after: Annotated[int, Field(ge=0, le=10)] | None
    note: Note | None
    flare: bool
    planned_s: PlanSeconds
    work_planned_s: PlanSeconds
    reps_planned: PlanSeconds
    work_done_s: Annotated[float, Field(ge=0, le=MAX_ROUTINE_S)]
    reps_done: PlanSeconds
    active_s: WallSeconds
    level: Annotated[int, Field(ge=1, le=100)] | None = None
    steps: Annotated[list[_StepIn], Field(max_length=MAX_STEPS)]
    events: Annotated[list[_EventIn], Field(max_length=MAX_STEPS)] = []


def _time_problem(session: _SessionIn) -> tuple[str, str] | None:
    """The first field whose time a recorded session could not have, and why."""
    started = datetime.fromisoformat(session.started_at)
    if started < EARLIEST_SESSION:
        return "started_at", f"before {EARLIEST_SESSION:%Y-%m-%d}, when no session can start"
    if started > now_local() + FUTURE_SLACK:
        return "started_at", "more than a day in the future"
    last = started + timedelta(seconds=MAX_SESSION_WALL_S)
    if session.ended_at is not None:
        ended = datetime.fromisoformat(session.ended_at)
        if ended < started:
            return "ended_at", "before started_at"
        if ended > last:
            return "ended_at", f"more than {MAX_SESSION_WALL_S // 3600} hours after started_at"
        last = ended
    for index, step in enumerate(session.steps):
        step_end = datetime.fromisoformat(step.ended_at)
        if not started - CLOCK_SLACK <= step_end <= last + CLOCK_SLACK:
            return f"steps.{index}.ended_at", "outside its session (started_at to ended_at)"
    return None


def _amount_problem(session: _SessionIn) -> tuple[str, str] | None:
    """The first amount a recorded session could not have, and why."""
    if session.work_planned_s > session.planned_s:
        return "work_planned_s", "more than planned_s"
    if session.work_done_s > session.work_planned_s + 1:
        return "work_done_s", "more than work_planned_s"
    if session.reps_done > session.reps_planned:
        return "reps_done", "more than reps_planned"
    seen: set[int] = set()
    for index, step in enumerate(session.steps):
        if step.seq in seen:
            return f"steps.{index}.seq", f"seq {step.seq} appears twice"
        seen.add(step.seq)
    return None


def _validated(raw: Any, label: str) -> _SessionIn:
    try:
        session = _SessionIn.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "the session"
        raise SessionRefusedError(f"{label}: {where}: {first['msg']}") from None
    problem = _time_problem(session) or _amount_problem(session)
    if problem is not None:
        raise SessionRefusedError(f"{label}: {problem[0]}: {problem[1]}")
    return session


def check_session(raw: Any, number: int, line: int | None = None) -> SessionImport:
    """The session ``raw`` (decoded JSON) as the journal stores it; ``SessionRefusedError`` when
    it breaks a rule. ``number`` is its place in the file (from 1), ``line`` its first line."""
    raw_id = raw.get("id") if isinstance(raw, dict) else None
    label = session_label(number, raw_id, line)
    session = _validated(raw, label)
    values = session.model_dump(exclude={"steps", "events"})
    return SessionImport(
        SessionRecord(**values),
        tuple(StepRecord(**step.model_dump()) for step in session.steps),
        tuple(
            EventRecord(seq=seq, **event.model_dump()) for seq, event in enumerate(session.events)
        ),
        label,
    )


# -- rows besides sessions (export version 3) ---------------------------------------------------

_LOG_FIELDS: dict[str, frozenset[str]] = {
    "walk": frozenset({"minutes", "pain"}),
    "morning": frozenset({"morning"}),
    "pain": frozenset({"pain", "leg"}),
    "peg": frozenset({"pain", "enjoyment", "activity"}),
}
"""The values each kind of log entry may have (``coach.journal.logbook`` says which it needs)."""
_LOG_VALUES = ("minutes", "pain", "leg", "enjoyment", "activity", "morning")
Score = Annotated[int, Field(ge=0, le=10)] | None
Reason = Annotated[str, Field(max_length=MAX_LINE_CHARS), _text_rule(True)]


def _day(value: str) -> str:
    """A day written ``YYYY-MM-DD``, from ``EARLIEST_SESSION`` to tomorrow."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError("expected a day such as 2026-03-02") from None
    if day.isoformat() != value:
        raise ValueError(f"expected a day written as {day.isoformat()}")
    if day < EARLIEST_SESSION.date():
        raise ValueError(f"before {EARLIEST_SESSION:%Y-%m-%d}")
    if day > (now_local() + FUTURE_SLACK).date():
        raise ValueError("more than a day in the future")
    return value


def _recent(value: str) -> str:
    """A time (``Timestamp``) no earlier than any session and at most a day ahead."""
    moment = datetime.fromisoformat(value)
    if moment < EARLIEST_SESSION:
        raise ValueError(f"before {EARLIEST_SESSION:%Y-%m-%d}")
    if moment > now_local() + FUTURE_SLACK:
        raise ValueError("more than a day in the future")
    return value


Day = Annotated[str, Field(max_length=10), AfterValidator(_day)]
RecentTime = Annotated[Timestamp, AfterValidator(_recent)]


class _LogEntryIn(_Strict):
    id: Id
    kind: LogKind
    day: Day
    logged_at: RecentTime
    minutes: Annotated[int, Field(ge=1, le=MAX_WALK_MIN)] | None = None
    pain: Score = None
    leg: Score = None
    enjoyment: Score = None
    activity: Score = None
    morning: MorningAnswer | None = None

    @model_validator(mode="after")
    def _values_of_its_kind(self) -> _LogEntryIn:
        allowed = _LOG_FIELDS[self.kind]
        for name in _LOG_VALUES:
            if getattr(self, name) is not None and name not in allowed:
                raise ValueError(f"a {self.kind} entry has no {name}")
        check_entry(LogEntry(**self.model_dump()))  # the values the kind needs
        return self


class _LevelChangeIn(_Strict):
    id: Id
    routine_id: Id
    level: Annotated[int, Field(ge=1, le=100)]
    change: LevelChangeKind
    reason: Reason
    changed_at: RecentTime


class _CardShownIn(_Strict):
    day: Day
    card_id: Id


class _DeletedSessionIn(_Strict):
    id: Id
    deleted_at: RecentTime


RowKind = Literal["log_entries", "level_changes", "cards_shown", "deleted_sessions"]
_ROW_MODELS: dict[str, type[_LogEntryIn | _LevelChangeIn | _CardShownIn | _DeletedSessionIn]] = {
    "log_entries": _LogEntryIn,
    "level_changes": _LevelChangeIn,
    "cards_shown": _CardShownIn,
    "deleted_sessions": _DeletedSessionIn,
}


def row_label(table: str, number: int, key: object, line: int | None = None) -> str:
    """How a refusal names a row: ``log entry 2 (id 9f2c..., line 80)``; a card shown is
    named by its day."""
    label = session_label(number, key, line).replace("session", ROW_NOUNS[table], 1)
    return label.replace("(id ", "(day ", 1) if table == "cards_shown" else label


def check_row(table: RowKind, raw: Any, number: int, line: int | None = None) -> RowImport:
    """A row of ``table`` (decoded JSON) as the journal stores it; ``SessionRefusedError``
    naming the row's place and field when it breaks a rule."""
    key_name = "day" if table == "cards_shown" else "id"
    label = row_label(table, number, raw.get(key_name) if isinstance(raw, dict) else None, line)
    try:
        row = _ROW_MODELS[table].model_validate(raw)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "the row"
        message = str((first.get("ctx") or {}).get("error", first["msg"]))
        raise SessionRefusedError(f"{label}: {where}: {message}") from None
    record: ImportRow
    if isinstance(row, _LogEntryIn):
        record = LogEntry(**row.model_dump())
    elif isinstance(row, _LevelChangeIn):
        record = LevelChange(**row.model_dump())
    elif isinstance(row, _DeletedSessionIn):
        record = DeletedSession(**row.model_dump())
    else:
        record = CardShown(**row.model_dump())
    return RowImport(table, record, label)
