"""Fuzzing the loader: whatever a file holds, ``load_library`` reports problems and never raises."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.engine.plan import Side, build_plan
from coach.routine import Library, load_library
from coach.textsafe import visible

FUZZ = settings(max_examples=200, deadline=None)

EXERCISE = """\
# A hold exercise with most of the format in it.
name = "Side bridge"
spoken_name = "Side bridge"
kind = "hold"
sides = "both"
alternate_sides = false
side_order = "painful-first"
safety = [
    "Stop if pain spreads down a leg.",
    'Keep your neck long.',
]

[setup]
text = "Lie on your {side} side, propped on an elbow."
spoken = "On your {side} side"

[[cues]]
text = "Lift the hips; keep a straight line."
spoken = "Lift"

[[cues]]
text = \"\"\"Breathe; the {other_side} hand rests
on the {side} shoulder [not = a key].\"\"\"
spoken = "Breathe"

[moments]
start = { text = "Begin on your {side} side.", spoken = "Begin" }
halfway.text = "Halfway."
halfway.spoken = "Halfway"

[moments.last_rep]
text = "Last one."
spoken = "Last one"

[easier]
name = "Knees bent"
text = "Bridge from the knees."

[dose]
sets = [3, 2, 1]
hold_s = 8
rest_between_reps_s = 2
rest_between_sets_s = 10
"""

STRETCH = """\
name = "QL stretch"
spoken_name = "Side stretch"
kind = "stretch"
sides = "both"
setup = { text = "Stand tall.", spoken = "Stand tall" }
cues = [
  { text = "Lean away from your {side} side.", spoken = "Lean" },
  { text = "Breathe out.", spoken = "Out" },
]

[dose]
reps = 2
hold_s = 20
"""

BREATHING = """\
name = "Belly breathing"
spoken_name = "Belly breathing"
kind = "breathing"
sides = "one"

[setup]
text = "Lie down; a hand on your {side} side."
spoken = "Lie down"

[[cues]]
text = "Breathe into your {side} side."
spoken = "In"

[central.setup]
text = "Lie down; a hand on each flank."
spoken = "Lie down"

[[central.cues]]
text = "Breathe into both flanks."
spoken = "In"

[dose]
inhale_s = 4
hold_in_s = 1
exhale_s = 6
duration_s = 60
"""

ROUTINE = """\
title = "Fuzz routine"
purpose = "daily"
summary = "Every kind of exercise."
side_aware = true
prepare_s = 5
switch_s = 3
rest_between_exercises_s = 10

[[exercises]]
use = "side-bridge"
sets = [2, 1]

[[exercises]]
use = "ql-stretch"
prepare_s = 0
note = "Gently."

[[exercises]]
use = "belly"
breaths = 3
"""

FILES = {
    "exercises/side-bridge.toml": EXERCISE,
    "exercises/ql-stretch.toml": STRETCH,
    "exercises/belly.toml": BREATHING,
    "fuzz.toml": ROUTINE,
}


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder the examples of one test overwrite in turn (hypothesis reuses fixtures)."""
    return tmp_path_factory.mktemp("fuzz")


def fresh_folder(base: Path, files: dict[str, str | bytes]) -> Path:
    """Empty ``base/lib`` and write ``files`` into it."""
    folder = base / "lib"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "exercises").mkdir(parents=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def check_library(library: Library, folder: Path, raw: dict[str, bytes]) -> None:
    """Every problem names one of the files, on a line that exists; every routine plans."""
    for problem in library.problems:
        name = problem.path.relative_to(folder).as_posix()
        assert name in raw
        assert str(problem).startswith(visible(str(problem.path)))  # escaped where unseen
        assert problem.message
        if problem.line is not None:
            assert 1 <= problem.line <= raw[name].count(b"\n") + 1, str(problem)
    for resolved in library.routines.values():
        sides: tuple[Side | None, ...] = (None, "left", "right")
        for side in sides:
            plan = build_plan(resolved, side)
            assert all(step.seconds > 0 for step in plan.steps)
            assert plan.total_s == sum(step.seconds for step in plan.steps)


def test_the_fuzz_files_are_valid(fuzz_dir: Path) -> None:
    library = load_library(fresh_folder(fuzz_dir, dict(FILES)), None)
    assert library.problems == []
    assert sorted(library.routines) == ["fuzz"]
    assert sorted(library.exercises) == ["belly", "ql-stretch", "side-bridge"]


toml_like = st.text(alphabet="[]{}\"'=#.,\n\t abc_sk0123-+:\\", max_size=300)


@FUZZ
@given(
    content=st.one_of(
        st.binary(max_size=600), toml_like.map(str.encode), st.text(max_size=300).map(str.encode)
    ),
    name=st.sampled_from(["exercises/x.toml", "x.toml"]),
)
def test_arbitrary_bytes_never_raise(fuzz_dir: Path, content: bytes, name: str) -> None:
    folder = fresh_folder(fuzz_dir, {name: content})
    library = load_library(folder, None)
    check_library(library, folder, {name: content})
    if name == "x.toml":
        # No exercise exists, so a routine can never load: there is always a problem.
        assert library.routines == {}
        assert [problem.path for problem in library.problems] != []
        assert all(problem.path == folder / name for problem in library.problems)
        assert all(str(folder / name) in str(problem) for problem in library.problems)


@FUZZ
@given(content=st.binary(max_size=300))
def test_arbitrary_bytes_as_an_extra_path_never_raise(fuzz_dir: Path, content: bytes) -> None:
    folder = fresh_folder(fuzz_dir, {"given.toml": content})
    path = folder / "given.toml"
    library = load_library(None, None, [path])
    assert library.routines == {}
    assert library.problems != []
    assert all(problem.path == path for problem in library.problems)
    assert all(str(problem).startswith(f"{path}") for problem in library.problems)


# -- mutations of valid files ---------------------------------------------------------------------


def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


toml_scalars = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.integers(min_value=-(2**63), max_value=2**63 - 1).map(str),
    st.floats().map(lambda value: str(value).replace("e+", "e")),
    st.booleans().map(lambda value: "true" if value else "false"),
    st.text(max_size=20).map(toml_string),
    st.text(max_size=700).map(toml_string),
    st.sampled_from(
        [
            "1979-05-27",
            "07:32:00",
            "1979-05-27T07:32:00Z",
            "[]",
            "{}",
            "[1, 2]",
            "[[]]",
            "{ a = 1 }",
            '""',
            "''",
            "0x1F",
            "0o17",
            "0b101",
            "1_000",
            "+inf",
            "-nan",
            '"hold"',
            '"stretch"',
            '"breathing"',
            '"both"',
            '"one"',
            '"none"',
            "[0]",
            "[5, 3, 1]",
        ]
    ),
)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` after one to four random edits."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        edit = draw(st.sampled_from(["delete", "duplicate", "replace", "insert"]))
        index = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if edit == "delete" and lines:
            del lines[index]
        elif edit == "duplicate" and lines:
            lines.insert(index, lines[index])
        elif edit == "replace":
            assignments = [i for i, line in enumerate(lines) if " = " in line]
            if assignments:
                target = draw(st.sampled_from(assignments))
                key = lines[target].split(" = ", 1)[0]
                lines[target] = f"{key} = {draw(toml_scalars)}"
        else:
            joined = "\n".join(lines)
            at = draw(st.integers(0, len(joined)))
            chars = draw(st.text(alphabet="[]{}\"'=#.,\n ab_0-", min_size=1, max_size=8))
            lines = (joined[:at] + chars + joined[at:]).split("\n")
    return "\n".join(lines)


@FUZZ
@given(data=st.data(), name=st.sampled_from(sorted(FILES)))
def test_mutated_valid_files_never_raise(fuzz_dir: Path, data: st.DataObject, name: str) -> None:
    files: dict[str, str | bytes] = dict(FILES)
    files[name] = data.draw(mutated(FILES[name]), label="mutated")
    folder = fresh_folder(fuzz_dir, files)
    library = load_library(folder, None)
    raw = {key: value.encode() if isinstance(value, str) else value for key, value in files.items()}
    check_library(library, folder, raw)
    # The untouched files are never blamed for the mutated one, except a routine whose
    # exercise no longer loads (or now has a different kind or dose).
    for problem in library.problems:
        relative = problem.path.relative_to(folder).as_posix()
        assert relative in (name, "fuzz.toml"), str(problem)


@FUZZ
@given(data=st.data(), name=st.sampled_from(sorted(FILES)))
def test_mutated_files_as_extra_paths_never_raise(
    fuzz_dir: Path, data: st.DataObject, name: str
) -> None:
    files: dict[str, str | bytes] = dict(FILES)
    files[name] = data.draw(mutated(FILES[name]), label="mutated")
    folder = fresh_folder(fuzz_dir, files)
    library = load_library(None, None, [folder / key for key in sorted(files)])
    raw = {key: value.encode() if isinstance(value, str) else value for key, value in files.items()}
    check_library(library, folder, raw)
