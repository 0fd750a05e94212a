"""Export the journal as CSV (one row per session) or JSON (everything), and import JSON back.

The JSON export is the backup format: importing it into an empty journal and exporting again
gives the same data, and importing the same file twice adds nothing (sessions keep their ids).
Each session carries its ``steps`` and its ``events`` (``{"at_s", "kind", "exercise",
"detail"}``, in order; DESIGN.md section 4). Version 1 exports, from before events were
recorded, have no ``events`` and still import.

The CSV stays one row per session with the columns it always had: spreadsheets and scripts
rely on its shape, and a session's events are a list (none to many, each with four fields)
that fits a row no better than its steps do, which the CSV leaves out too. Events are in the
JSON export.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, fields
from datetime import datetime
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from coach import __version__
from coach.journal.records import (
    EventKind,
    EventRecord,
    Journal,
    SessionRecord,
    StepRecord,
    now_local,
)

__all__ = [
    "CSV_COLUMNS",
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "ExportFormatError",
    "ParsedExport",
    "export_csv",
    "export_document",
    "export_json",
    "parse_export",
    "read_export",
    "session_data",
]

EXPORT_FORMAT = "coach-journal"
EXPORT_VERSION = 2
"""1: sessions and steps; 2: each session also carries its ``events``."""
CSV_COLUMNS = [
    "id",
    "date",
    "started_at",
    "ended_at",
    "routine_id",
    "routine_title",
    "purpose",
    "status",
    "preview",
    "speed",
    "flare",
    "side",
    "pain_before",
    "pain_after",
    "work_done_s",
    "work_planned_s",
    "dose_percent",
    "reps_done",
    "reps_planned",
    "active_s",
    "fingerprint",
    "note",
]


class ExportFormatError(Exception):
    """The file to import is not a coach export; the message says what is wrong."""


def export_csv(journal: Journal) -> str:
    """One row per session, oldest first; spreadsheets open it as it is."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for session in reversed(journal.sessions()):
        row = {name: value for name, value in asdict(session).items() if name in CSV_COLUMNS}
        row["date"] = session.day.isoformat()
        row["preview"] = int(session.preview)
        row["flare"] = int(session.flare)
        row["dose_percent"] = round(100 * session.dose, 1)
        writer.writerow(row)
    return buffer.getvalue()


def session_data(
    session: SessionRecord, steps: list[StepRecord], events: list[EventRecord]
) -> dict[str, Any]:
    """One session of the JSON export: its stored fields, its steps and its events."""
    data = asdict(session)
    data["steps"] = [asdict(step) for step in steps]
    data["events"] = [
        {"at_s": e.at_s, "kind": e.kind, "exercise": e.exercise, "detail": e.detail}
        for e in sorted(events, key=lambda event: event.seq)
    ]
    return data


def export_document(sessions: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON export around sessions made by ``session_data``."""
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "coach_version": __version__,
        "exported_at": now_local().isoformat(timespec="seconds"),
        "sessions": sessions,
    }


def export_data(journal: Journal) -> dict[str, Any]:
    """Everything in the journal as plain data, sessions oldest first, each with its steps."""
    steps: dict[str, list[StepRecord]] = {}
    for session_id, step in journal.all_steps():
        steps.setdefault(session_id, []).append(step)
    events: dict[str, list[EventRecord]] = {}
    for session_id, event in journal.all_events():
        events.setdefault(session_id, []).append(event)
    return export_document(
        [
            session_data(session, steps.get(session.id, []), events.get(session.id, []))
            for session in sorted(journal.sessions(), key=lambda s: (s.started, s.id))
        ]
    )


def export_json(journal: Journal) -> str:
    """The JSON export, indented for people to read."""
    return json.dumps(export_data(journal), indent=2, ensure_ascii=False) + "\n"


def _aware_timestamp(value: str) -> str:
    """An ISO 8601 time with its UTC offset, as the journal stores them."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("expected an ISO 8601 time such as 2026-03-02T09:00:00+01:00") from None
    if parsed.utcoffset() is None:
        raise ValueError("expected a time with its UTC offset, such as +01:00")
    return value


Timestamp = Annotated[str, AfterValidator(_aware_timestamp)]
Side = Literal["left", "right"] | None


class _StepIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    seq: int = Field(ge=0)
    step_index: int = Field(ge=0)
    kind: str
    exercise: str
    side: Side
    set_no: int | None
    rep: int | None
    planned_s: float = Field(ge=0)
    done_s: float = Field(ge=0)
    work: bool
    counts_rep: bool
    outcome: Literal["completed", "skipped", "back", "ended"]
    ended_at: Timestamp


class _EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    at_s: float = Field(ge=0)
    kind: EventKind
    exercise: str
    detail: str | None


class _SessionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    id: str = Field(min_length=1)
    routine_id: str
    routine_title: str
    purpose: str
    fingerprint: str
    side: Side
    speed: float = Field(gt=0)
    started_at: Timestamp
    ended_at: Timestamp | None
    status: Literal["running", "completed", "ended_early", "interrupted"]
    pain_before: int | None = Field(ge=0, le=10)
    pain_after: int | None = Field(ge=0, le=10)
    note: str | None
    flare: bool
    planned_s: int
    work_planned_s: int
    reps_planned: int
    work_done_s: float
    reps_done: int
    active_s: float
    steps: list[_StepIn]
    events: list[_EventIn] = []


class ParsedExport(NamedTuple):
    """What a JSON export holds, ready for ``Journal.import_sessions(*parsed)``."""

    sessions: list[SessionRecord]
    steps: dict[str, list[StepRecord]]
    events: dict[str, list[EventRecord]]


def read_export(text: str) -> ParsedExport:
    """Read a JSON export; raise ``ExportFormatError`` with a clear reason when it is not one.

    Sessions, their steps and their events, each validated as the journal would store it.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportFormatError(f"not JSON: {exc.msg} at line {exc.lineno}") from exc
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ExportFormatError(f'not a coach export (expected "format": "{EXPORT_FORMAT}")')
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise ExportFormatError(f'expected "version": {EXPORT_VERSION}, found {version!r}')
    if version > EXPORT_VERSION:
        raise ExportFormatError(f"export version {version} is newer than this coach understands")
    raw_sessions = data.get("sessions")
    if not isinstance(raw_sessions, list):
        raise ExportFormatError('expected a list under "sessions"')
    parsed = ParsedExport([], {}, {})
    session_fields = {f.name for f in fields(SessionRecord)}
    for number, raw in enumerate(raw_sessions, start=1):
        try:
            session = _SessionIn.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            where = ".".join(str(part) for part in first["loc"])
            raise ExportFormatError(f"session {number}: {where}: {first['msg']}") from exc
        values = session.model_dump()
        step_values = values.pop("steps")
        event_values = values.pop("events")
        parsed.sessions.append(
            SessionRecord(**{k: v for k, v in values.items() if k in session_fields})
        )
        parsed.steps[session.id] = [StepRecord(**step) for step in step_values]
        parsed.events[session.id] = [
            EventRecord(seq=seq, **event) for seq, event in enumerate(event_values)
        ]
    return parsed


def parse_export(text: str) -> tuple[list[SessionRecord], dict[str, list[StepRecord]]]:
    """Sessions and steps of a JSON export, **without its events**: use ``read_export``.

    Kept for callers written before events; ``Journal.import_sessions(*read_export(text))``
    imports everything.
    """
    parsed = read_export(text)
    return parsed.sessions, parsed.steps
