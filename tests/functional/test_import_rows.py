"""``coach import`` of an export version 3 file with a bad log entry: one line, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import run_coach


def test_the_command_line_refuses_a_bad_row_naming_its_place_and_field(tmp_path: Path) -> None:
    entry = {
        "id": "a1", "kind": "walk", "day": "2026-03-02", "logged_at": "2026-03-02T18:00:00+01:00",
        "minutes": 601, "pain": None, "leg": None, "enjoyment": None, "activity": None,
        "morning": None,
    }  # fmt: skip
    data = {"format": "coach-journal", "version": 3, "sessions": [], "log_entries": [entry]}
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = run_coach("import", str(path), home=tmp_path / "home")
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert "log entry 1 (id a1, line 6): minutes: " in line
    assert line.endswith("nothing was imported")
