"""Export the journal as CSV (one row per session) or JSON (everything), and import JSON back.

The JSON export is the backup format: importing it into an empty journal and exporting again
gives the same data, and importing the same file twice adds nothing (sessions keep their ids).
Each session carries its ``steps`` and its ``events`` (``{"at_s", "kind", "exercise",
"detail"}``, in order; DESIGN.md section 4) and its ``level`` (null without a ladder).
After the sessions come ``log_entries`` (walks, morning checks, pain scores, PEGs),
``level_changes`` and ``cards_shown``, each a list of plain rows keyed by their id (a card
shown by its day), checked on import like sessions are. Version 1 exports, from before events
were recorded, have no ``events``; versions 1 and 2 have none of the three lists; both still
import.

The CSV stays one row per session with the columns it always had: spreadsheets and scripts
rely on its shape, and a session's events are a list (none to many, each with four fields)
that fits a row no better than its steps do, which the CSV leaves out too. Events are in the
JSON export.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import IO, TYPE_CHECKING, Any, NamedTuple, cast

from coach import __version__
from coach.journal.importing import ROW_NOUNS, ImportItem
from coach.journal.json_stream import ExportFormatError, JsonReader
from coach.journal.logbook import cards_shown, deleted_sessions, entries, level_changes
from coach.journal.records import (
    EventRecord,
    Journal,
    SessionImport,
    SessionRecord,
    StepRecord,
    now_local,
    session_label,
)

if TYPE_CHECKING:
    from coach.journal.import_check import RowKind

__all__ = [
    "CSV_COLUMNS",
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "MAX_SESSION_CHARS",
    "ROW_LISTS",
    "ExportFormatError",
    "ParsedExport",
    "UnexportableError",
    "csv_chunks",
    "export_csv",
    "export_document",
    "export_json",
    "json_chunks",
    "parse_export",
    "read_export",
    "read_export_stream",
    "row_lists",
    "session_data",
]

EXPORT_FORMAT = "coach-journal"
EXPORT_VERSION = 4
"""1: sessions and steps; 2: each session also carries its ``events``; 3: ``log_entries``,
``level_changes`` and ``cards_shown`` follow the sessions; 4: ``deleted_sessions``, the
tombstones of sessions deleted on purpose (an import deletes them and never adds them)."""
ROW_LISTS: tuple[RowKind, ...] = (
    "log_entries",
    "level_changes",
    "cards_shown",
    "deleted_sessions",
)
"""The lists of an export besides ``sessions``, in the order they are written."""
MAX_SESSION_CHARS = 16 * 1024 * 1024
"""One session of an export is a few kilobytes; one larger than this is refused, not read."""
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
NOT_AN_EXPORT = f'not a coach export (expected "format": "{EXPORT_FORMAT}")'


class UnexportableError(Exception):
    """A session in the journal holds a value standard JSON and CSV cannot carry (an
    infinity written by an old import); the message names the session and the field."""


# -- writing ------------------------------------------------------------------------------------


def _refuse_non_finite(number: int, item: SessionImport) -> None:
    """Raise ``UnexportableError`` naming the first infinite or NaN number of ``item``."""
    parts: list[tuple[str, Any]] = [("", item.session)]
    parts += [(f"steps.{i}.", step) for i, step in enumerate(item.steps)]
    parts += [(f"events.{i}.", event) for i, event in enumerate(item.events)]
    for prefix, record in parts:
        for name, value in asdict(record).items():
            if isinstance(value, float) and not math.isfinite(value):
                raise UnexportableError(
                    f"{session_label(number, item.session.id)}: {prefix}{name} is {value}, "
                    "which standard JSON and CSV cannot hold; nothing was exported"
                )


def _csv_row(session: SessionRecord) -> dict[str, Any]:
    row = {name: value for name, value in asdict(session).items() if name in CSV_COLUMNS}
    row["date"] = session.day.isoformat()
    row["preview"] = int(session.preview)
    row["flare"] = int(session.flare)
    row["dose_percent"] = round(100 * session.dose, 1)
    return row


def csv_chunks(journal: Journal) -> Iterator[str]:
    """The CSV export piece by piece: the header, then one row per session, oldest first."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for number, item in enumerate(journal.export_sessions(), start=1):
        _refuse_non_finite(number, item)
        writer.writerow(_csv_row(item.session))
        if buffer.tell() > 1 << 16:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def export_csv(journal: Journal) -> str:
    """One row per session, oldest first; spreadsheets open it as it is."""
    return "".join(csv_chunks(journal))


def session_data(
    session: SessionRecord, steps: Iterable[StepRecord], events: Iterable[EventRecord]
) -> dict[str, Any]:
    """One session of the JSON export: its stored fields, its steps and its events."""
    data = asdict(session)
    data["steps"] = [asdict(step) for step in steps]
    data["events"] = [
        {"at_s": e.at_s, "kind": e.kind, "exercise": e.exercise, "detail": e.detail}
        for e in sorted(events, key=lambda event: event.seq)
    ]
    return data


def _header() -> dict[str, Any]:
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "coach_version": __version__,
        "exported_at": now_local().isoformat(timespec="seconds"),
    }


def export_document(
    sessions: list[dict[str, Any]], rows: dict[str, list[dict[str, Any]]] | None = None
) -> dict[str, Any]:
    """The JSON export around sessions made by ``session_data`` and the other ``rows``
    (``row_lists``; each list empty when not given)."""
    rows = rows or {}
    return {**_header(), "sessions": sessions, **{name: rows.get(name, []) for name in ROW_LISTS}}


def row_lists(journal: Journal) -> dict[str, list[dict[str, Any]]]:
    """The journal's log entries (by day, then as logged), level changes (as changed) and
    cards shown (by day) as plain rows. They are a few a day, so they are read whole."""
    return {
        "log_entries": [asdict(entry) for entry in entries(journal)],
        "level_changes": [asdict(change) for change in level_changes(journal)],
        "cards_shown": [asdict(card) for card in cards_shown(journal)],
        "deleted_sessions": [asdict(gone) for gone in deleted_sessions(journal)],
    }


def export_data(journal: Journal) -> dict[str, Any]:
    """Everything in the journal as plain data, sessions oldest first, each with its steps."""
    return export_document(
        [session_data(item.session, item.steps, item.events) for item in _checked(journal)],
        row_lists(journal),
    )


def _list_chunks(name: str, items: Iterable[dict[str, Any]]) -> Iterator[str]:
    """``"name": [...]`` as ``json.dumps(indent=2)`` writes a list of the document's object."""
    yield f',\n  "{name}": ['
    separator = "\n    "
    for data in items:
        text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
        yield separator + text.replace("\n", "\n    ")
        separator = ",\n    "
    yield "]" if separator == "\n    " else "\n  ]"


def _checked(journal: Journal) -> Iterator[SessionImport]:
    for number, item in enumerate(journal.export_sessions(), start=1):
        _refuse_non_finite(number, item)
        yield item


def json_chunks(journal: Journal) -> Iterator[str]:
    """The JSON export, indented for people to read, one session at a time (standard JSON:
    ``allow_nan=False``). The same text ``json.dumps(export_data(...), indent=2)`` gives."""
    head = json.dumps(_header(), indent=2, ensure_ascii=False, allow_nan=False)
    yield head[:-2]
    sessions = (session_data(i.session, i.steps, i.events) for i in _checked(journal))
    yield from _list_chunks("sessions", sessions)
    for name, rows in row_lists(journal).items():
        yield from _list_chunks(name, rows)
    yield "\n}\n"


def export_json(journal: Journal) -> str:
    """The JSON export as one string (``json_chunks`` for a large journal)."""
    return "".join(json_chunks(journal))


# -- reading ------------------------------------------------------------------------------------


class ParsedExport(NamedTuple):
    """What a JSON export holds, ready for ``Journal.import_sessions(*parsed)``."""

    sessions: list[SessionRecord]
    steps: dict[str, list[StepRecord]]
    events: dict[str, list[EventRecord]]


def _check_header(header: dict[str, Any], *, final: bool) -> None:
    """Refuse a file that is not a coach export, or one newer than this coach.

    Before the sessions (``final`` false) only what has been read is checked: a file whose
    keys were sorted (``jq -S``) has its ``version`` after them, checked at the end.
    """
    if ("format" in header or final) and header.get("format") != EXPORT_FORMAT:
        raise ExportFormatError(NOT_AN_EXPORT)
    if "version" not in header and not final:
        return
    version = header.get("version")
    if type(version) is not int or version < 1:
        raise ExportFormatError(f'expected "version": {EXPORT_VERSION}, found {version!r}')
    if version > EXPORT_VERSION:
        raise ExportFormatError(f"export version {version} is newer than this coach understands")


def _elements(reader: JsonReader, name: str) -> Iterator[tuple[int, int, Any]]:
    """Each element of the list under ``name`` as ``(number from 1, line, decoded value)``."""
    if reader.peek() != "[":
        raise ExportFormatError(f'expected a list under "{name}"')
    reader.expect("[", "'['")
    if reader.peek() == "]":
        reader.expect("]", "']'")
        return
    number = 0
    noun = "session" if name == "sessions" else ROW_NOUNS[name]
    while True:
        number += 1
        reader.peek()
        line = reader.line()
        try:
            raw = reader.value()
        except ExportFormatError as exc:
            raise ExportFormatError(f"{noun} {number}: {exc}") from None
        yield number, line, raw
        if reader.peek() != ",":
            reader.expect("]", f"',' or ']' after a {noun}")
            return
        reader.expect(",", "','")


def _list_items(reader: JsonReader, name: str) -> Iterator[ImportItem]:
    """The checked items of the list under ``name`` (sessions or rows of ``ROW_LISTS``)."""
    from coach.journal.import_check import check_row, check_session

    for number, line, raw in _elements(reader, name):
        if name == "sessions":
            yield check_session(raw, number, line)
        else:
            yield check_row(cast("RowKind", name), raw, number, line)


_LISTS = ("sessions", *ROW_LISTS)


def _refuse_top_level(reader: JsonReader) -> None:
    """The document is not an object: not JSON at all, or JSON that is not an export."""
    if reader.peek() not in ("[", "{"):
        reader.value()  # raises "not JSON: ..." when it is not JSON
    raise ExportFormatError(NOT_AN_EXPORT)


def read_export_stream(stream: IO[bytes]) -> Iterator[ImportItem]:
    """The sessions and other rows of a JSON export, read and checked one at a time (bounded
    memory); the lists may come in any order (``jq -S`` sorts them before ``sessions``).

    Raises ``ExportFormatError`` (with the line, and for a session its number and id) as
    soon as something is wrong, or at the end when the file was not a coach export after
    all; the caller imports in one transaction, so nothing before it is kept.
    """
    reader = JsonReader(stream, MAX_SESSION_CHARS)
    if reader.peek() != "{":
        _refuse_top_level(reader)
    reader.expect("{", "'{'")
    header: dict[str, Any] = {}
    lists_read: set[str] = set()
    while reader.peek() != "}":
        key = reader.value()
        if not isinstance(key, str):
            raise reader.error("not JSON: expected a key in double quotes")
        reader.expect(":", "':'")
        if key in _LISTS and key in lists_read:
            raise ExportFormatError(f'the key "{key}" appears twice')
        if key in _LISTS:
            _check_header(header, final=False)
            yield from _list_items(reader, key)
            lists_read.add(key)
        elif key in ("format", "version"):
            header[key] = reader.value()
        else:
            reader.value()  # coach_version, exported_at, and anything added later: skipped
        if reader.peek() != ",":
            break
        reader.expect(",", "','")
    reader.expect("}", "',' or '}'")
    if not reader.at_end():
        raise reader.error("not JSON: extra data after the export")
    _check_header(header, final=True)
    if "sessions" not in lists_read:
        raise ExportFormatError('expected a list under "sessions"')


def read_export(text: str) -> ParsedExport:
    """Read a whole JSON export held in memory (a recovery file, a test); raise
    ``ExportFormatError`` with a clear reason when it is not one."""
    parsed = ParsedExport([], {}, {})
    stream = io.BytesIO(text.encode("utf-8", "surrogatepass"))
    for item in read_export_stream(stream):
        if not isinstance(item, SessionImport):
            continue  # rows besides sessions: import the stream (``Journal.import_stream``)
        parsed.sessions.append(item.session)
        parsed.steps[item.session.id] = list(item.steps)
        parsed.events[item.session.id] = list(item.events)
    return parsed


def parse_export(text: str) -> tuple[list[SessionRecord], dict[str, list[StepRecord]]]:
    """Sessions and steps of a JSON export, **without its events**: use ``read_export``.

    Kept for callers written before events; ``Journal.import_sessions(*read_export(text))``
    imports everything.
    """
    parsed = read_export(text)
    return parsed.sessions, parsed.steps
