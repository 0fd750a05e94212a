"""Valid exports made by hand, and a dump of a journal to compare before and after an import."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from coach.journal.export import EXPORT_FORMAT, EXPORT_VERSION


def valid_session(number: int = 1, **changes: Any) -> dict[str, Any]:
    """A session as the recorder writes it: three steps, one event, ended 48 s after its start."""
    session: dict[str, Any] = {
        "id": f"{number:032x}",
        "routine_id": "daily-core",
        "routine_title": "Daily core",
        "purpose": "daily",
        "fingerprint": "feedc0de12345678",
        "side": None,
        "speed": 1.0,
        "started_at": f"2026-03-{1 + number % 28:02d}T09:00:00+01:00",
        "ended_at": f"2026-03-{1 + number % 28:02d}T09:00:48+01:00",
        "status": "completed",
        "pain_before": 5,
        "pain_after": 3,
        "note": "ça va ✓",
        "flare": False,
        "planned_s": 48,
        "work_planned_s": 40,
        "reps_planned": 3,
        "work_done_s": 40.0,
        "reps_done": 3,
        "active_s": 48.0,
        "steps": [
            {
                "seq": seq,
                "step_index": seq,
                "kind": kind,
                "exercise": "curl-up",
                "side": None,
                "set_no": 1,
                "rep": seq or None,
                "planned_s": seconds,
                "done_s": seconds,
                "work": kind == "hold",
                "counts_rep": kind == "hold",
                "outcome": "completed",
                "ended_at": f"2026-03-{1 + number % 28:02d}T09:00:{ended:02d}+01:00",
            }
            for seq, (kind, seconds, ended) in enumerate(
                [("prepare", 8.0, 8), ("hold", 20.0, 28), ("hold", 20.0, 48)]
            )
        ],
        "events": [{"at_s": 12.5, "kind": "hurts", "exercise": "curl-up", "detail": "sharp"}],
    }
    session.update(changes)
    return session


def document(sessions: list[dict[str, Any]], **header: Any) -> dict[str, Any]:
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "coach_version": "test",
        "exported_at": "2026-03-30T10:00:00+02:00",
        "sessions": sessions,
        **header,
    }


def write_document(path: Path, data: Any) -> Path:
    """``data`` as JSON (``\\u`` escapes, so a lone surrogate can be written); NaN and
    infinities written the way Python writes them."""
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def dump(path: Path) -> list[tuple[Any, ...]]:
    """Every row of the journal's tables, to compare before and after an import."""
    if not path.exists():
        return []
    with contextlib.closing(sqlite3.connect(path)) as conn:
        rows: list[tuple[Any, ...]] = []
        for table in ("sessions", "steps", "events", "meta"):
            with contextlib.suppress(sqlite3.OperationalError):
                rows += [(table, *row) for row in conn.execute(f"SELECT * FROM {table}")]
        return sorted(rows, key=repr)
