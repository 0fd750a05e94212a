"""Fuzzing the importer: a valid export, mutated at random, is either imported cleanly or
refused with a message; never another exception, and the journal unchanged on refusal.

Mutations cover the classes of issue 10: wrong types, values out of bounds (huge, negative,
non-finite), deep nesting, lone surrogates and control characters, repeated session ids (the
same or changed), and bytes cut or inserted anywhere in the file.
"""

from __future__ import annotations

import copy
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_support import document, dump, valid_session

from coach.journal.db import JournalError
from coach.journal.export import ExportFormatError, export_json, read_export, read_export_stream
from coach.journal.records import Journal

pytestmark = pytest.mark.slow

NASTY_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.sampled_from([2**63, -(2**63) - 1, 2**64, 10**30, -1, 0]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "\ud800", "a\udfffb", "\x1b[2J", "x\u202ey", "a\u200bb", "x" * 500]),
    st.text(max_size=30),
    st.sampled_from(["0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+14:00", "2026-03-02"]),
    st.builds(lambda depth: json.loads("[" * depth + "]" * depth), st.integers(1, 900)),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value, as a path of keys and indexes."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


def replace_at(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@st.composite
def mutated_exports(draw: st.DrawFn) -> bytes:
    data: Any = document([valid_session(n) for n in range(1, 4)])
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["replace", "delete", "repeat", "repeat-changed"]))
        sessions = data.get("sessions") if isinstance(data, dict) else None
        if kind.startswith("repeat") and isinstance(sessions, list) and sessions:
            twin = copy.deepcopy(draw(st.sampled_from(sessions)))
            if kind == "repeat-changed" and isinstance(twin, dict):
                twin["note"] = draw(st.text(max_size=10)) or None
            sessions.insert(draw(st.integers(0, len(sessions))), twin)
            continue
        path = draw(st.sampled_from(paths(data)))
        if kind == "delete" and path:
            parent = data
            for key in path[:-1]:
                parent = parent[key]
            del parent[path[-1]]
        else:
            data = replace_at(data, path, draw(NASTY_VALUES))
    raw = json.dumps(data).encode()  # \\u escapes: a lone surrogate can be written
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(raw)))
        raw = raw[:cut] + draw(st.binary(max_size=4)) + raw[cut + draw(st.integers(0, 3)) :]
    return raw


@pytest.fixture(scope="module")
def seeded() -> Path:
    """A journal holding sessions 2 and 7 already (2 is also in the mutated files)."""
    folder = Path(tempfile.mkdtemp(prefix="coach-fuzz-"))
    path = folder / "seed.db"
    with Journal(path) as journal:
        journal.import_sessions(
            *read_export(json.dumps(document([valid_session(n) for n in (2, 7)])))
        )
    return path


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=mutated_exports())
def test_a_mutated_export_is_imported_or_refused_never_crashed(seeded: Path, raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "coach.db"
        path.write_bytes(seeded.read_bytes())
        before = dump(path)
        with Journal(path) as journal:
            try:
                journal.import_stream(read_export_stream(io.BytesIO(raw)))
            except (ExportFormatError, JournalError) as exc:
                assert str(exc) and "\n" not in str(exc)
                refused = True
            else:
                refused = False
            text = export_json(journal)
        after = dump(path)
    if refused:
        assert after == before
    else:
        assert set(before) <= set(after)
    json.loads(text, parse_constant=lambda name: pytest.fail(f"non-standard {name} exported"))
