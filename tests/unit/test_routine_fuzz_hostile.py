"""Fuzzing the loader with the hostile classes of issue 10 (extends ``test_loader_fuzz``).

Ids with invisible and right-to-left characters, huge sets, reps and holds, deep TOML nesting,
64-bit integers, floats where whole numbers belong, ``inf`` and ``nan`` as seconds. Whatever
the file, the loader gives either a routine whose plan is within ``MAX_ROUTINE_S`` or problems
with a file and a line, printed with nothing invisible in them; it never raises.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_loader_fuzz import FILES, check_library, fresh_folder

from coach.engine.plan import build_plan
from coach.limits import MAX_ROUTINE_S
from coach.routine import Library, load_library
from coach.routine.length import at_least_s
from coach.routine.names import ID_PATTERN

FUZZ = settings(max_examples=150, deadline=None)
HEAD = 'title = "Fuzz"\npurpose = "daily"\nsummary = "Hostile."\n'
INVISIBLE = (
    "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\u00a0\u0430"
)
"""Zero-width, direction and no-break characters, and a Cyrillic a that looks like a Latin one."""


def hostile_library(fuzz_dir: Path, routine: str, name: str = "hostile.toml") -> Library:
    files: dict[str, str | bytes] = {**FILES, name: routine}
    folder = fresh_folder(fuzz_dir, files)
    library = load_library(folder, None)
    raw = {key: value.encode() if isinstance(value, str) else value for key, value in files.items()}
    check_library(library, folder, raw)
    return library


def assert_within_bounds_or_located(library: Library, path: Path) -> None:
    """The routine of ``path`` loaded within the bound, or its file has located problems; and
    nothing printed of a problem hides a character."""
    for problem in library.problems:
        text = str(problem)
        assert text.isprintable(), text
        assert problem.line is None or problem.line >= 1
    for resolved in library.routines.values():
        for side in (None, "left", "right"):
            assert build_plan(resolved, side).total_s <= MAX_ROUTINE_S
    if not any(r.path == path for r in library.routines.values()):
        assert library.problems_for(path), "refused without a word"


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile-fuzz")


# -- ids with invisible characters -----------------------------------------------------------------

ids = st.text(alphabet="abc-0" + INVISIBLE, min_size=1, max_size=12)


@FUZZ
@given(routine_id=ids, as_file_name=st.booleans())
def test_ids_with_invisible_characters(fuzz_dir: Path, routine_id: str, as_file_name: bool) -> None:
    body = HEAD + '\n[[exercises]]\nuse = "side-bridge"\n'
    if as_file_name:
        name = f"{routine_id.replace('/', '')}.toml"
        text = body
    else:
        name, text = "hostile.toml", f'id = "{routine_id}"\n' + body
    library = hostile_library(fuzz_dir, text, name)
    path = fuzz_dir / "lib" / name
    assert_within_bounds_or_located(library, path)
    for loaded in library.routines:
        assert re.fullmatch(ID_PATTERN, loaded), ascii(loaded)
    if any(char in routine_id for char in INVISIBLE):
        assert routine_id not in library.routines
        shown = [str(problem) for problem in library.problems_for(path)]
        # The id is quoted with every look-alike escaped; nothing unseen is printed raw.
        assert any(ascii(routine_id) in line for line in shown), shown
        assert all(line.isprintable() for line in shown), shown


# -- numbers of every kind where seconds and counts belong -----------------------------------------

numbers = st.one_of(
    st.integers(0, 60).map(str),
    st.integers(-(2**63), 2**63 - 1).map(str),
    st.sampled_from(
        ["inf", "+inf", "-inf", "nan", "-nan", "10.0", "1e3", "0.5", "9223372036854775807"]
    ),
    st.floats(allow_nan=True, allow_infinity=False).map(
        lambda value: repr(value).replace("e+", "e")
    ),
)
sets = st.lists(st.one_of(st.integers(1, 50).map(str), numbers), min_size=1, max_size=10).map(
    lambda items: "[" + ", ".join(items) + "]"
)
ENTRY_KEYS = {
    "side-bridge": ["sets", "hold_s", "rest_between_reps_s", "rest_between_sets_s", "switch_s"],
    "ql-stretch": ["reps", "hold_s", "rest_between_reps_s", "prepare_s"],
    "belly": ["breaths", "duration_s", "inhale_s", "exhale_s", "hold_in_s", "hold_out_s"],
}


@st.composite
def hostile_entry(draw: st.DrawFn) -> str:
    exercise = draw(st.sampled_from(sorted(ENTRY_KEYS)))
    lines = [f'use = "{exercise}"']
    for key in draw(st.lists(st.sampled_from(ENTRY_KEYS[exercise]), unique=True, max_size=4)):
        value = draw(sets) if key == "sets" else draw(numbers)
        lines.append(f"{key} = {value}")
    if exercise == "belly" and any(line.startswith("duration_s") for line in lines):
        lines = [line for line in lines if not line.startswith("breaths")]
    return "\n".join(lines)


@FUZZ
@given(
    entries=st.lists(hostile_entry(), min_size=1, max_size=40),
    rest=numbers,
    prepare=numbers,
)
def test_huge_and_odd_numbers(fuzz_dir: Path, entries: list[str], rest: str, prepare: str) -> None:
    head = HEAD + f"rest_between_exercises_s = {rest}\nprepare_s = {prepare}\n"
    text = head + "".join(f"\n[[exercises]]\n{entry}\n" for entry in entries)
    library = hostile_library(fuzz_dir, text)
    assert_within_bounds_or_located(library, fuzz_dir / "lib" / "hostile.toml")


# -- right at the bound: refused exactly when the plan would be too long ---------------------------


@st.composite
def valid_entry(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["hold", "stretch", "breathing"]))
    rest = f"rest_between_reps_s = {draw(st.integers(0, 600))}"
    if kind == "hold":
        reps = draw(st.lists(st.integers(1, 12), min_size=1, max_size=4))
        set_rest = draw(st.integers(0, 600))
        dose = f"sets = {reps}\nhold_s = {draw(st.integers(1, 120))}\n{rest}\n"
        dose += f"rest_between_sets_s = {set_rest}"
        name = "side-bridge"
    elif kind == "stretch":
        dose = f"reps = {draw(st.integers(1, 12))}\nhold_s = {draw(st.integers(1, 180))}\n{rest}"
        name = "ql-stretch"
    else:
        dose = f"inhale_s = {draw(st.integers(1, 20))}\nexhale_s = {draw(st.integers(1, 20))}\n"
        dose += f"breaths = {draw(st.integers(1, 40))}"
        name = "belly"
    alternate = draw(st.booleans()) and kind != "breathing"
    extra = f"\nalternate_sides = {'true' if alternate else 'false'}" if kind != "breathing" else ""
    return f'use = "{name}"\n{dose}{extra}\nprepare_s = {draw(st.integers(0, 120))}'


@settings(max_examples=100, deadline=None)
@given(
    entries=st.lists(valid_entry(), min_size=1, max_size=5),
    rest=st.integers(0, 600),
)
def test_refused_exactly_when_the_plan_is_too_long(
    fuzz_dir: Path, entries: list[str], rest: int
) -> None:
    text = HEAD + f"rest_between_exercises_s = {rest}\n"
    text += "".join(f"\n[[exercises]]\n{entry}\n" for entry in entries)
    library = hostile_library(fuzz_dir, text)
    with pytest.MonkeyPatch.context() as patch:  # the same routine, its length unchecked
        patch.setattr("coach.routine.load.length_problem", lambda *_: None)
        unchecked = hostile_library(fuzz_dir, text).routines["hostile"]
    plan = build_plan(unchecked)
    if plan.total_s <= MAX_ROUTINE_S:
        assert library.problems == [], [str(p) for p in library.problems]
        assert build_plan(library.routines["hostile"]).total_s == plan.total_s
    else:
        assert "hostile" not in library.routines
        [problem] = library.problems
        assert "the plan would last" in problem.message and problem.line is not None
    for position, use in enumerate(unchecked.uses):
        own = [s for s in plan.steps if s.position == position and "next exercise" not in s.cue]
        assert at_least_s(use) <= sum(step.seconds for step in own)


# -- deep nesting ----------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    depth=st.integers(1, 5000),
    shape=st.sampled_from(["array", "inline", "dotted", "header"]),
    where=st.sampled_from(["top", "entry"]),
)
def test_deep_nesting(fuzz_dir: Path, depth: int, shape: str, where: str) -> None:
    if shape == "array":
        nested = "hold_s = " + "[" * depth + "1" + "]" * depth
    elif shape == "inline":
        nested = "hold_s = " + "{ a = " * depth + "1" + " }" * depth
    elif shape == "dotted":
        nested = "hold_s" + ".a" * depth + " = 1"
    else:
        nested = "[" + ".".join(["deep"] * depth) + "]\nx = 1"
    body = '\n[[exercises]]\nuse = "side-bridge"\n'
    if where == "top" or shape == "header":
        text = HEAD + nested + "\n" + body
    else:
        text = HEAD + body + nested + "\n"
    library = hostile_library(fuzz_dir, text)
    path = fuzz_dir / "lib" / "hostile.toml"
    assert "hostile" not in library.routines
    assert library.problems_for(path)
    assert_within_bounds_or_located(library, path)
