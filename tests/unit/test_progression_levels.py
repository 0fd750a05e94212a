"""Ladders in routine files: applying a level, the built-in ladders, and located problems."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from coach import locations
from coach.engine.plan import build_plan
from coach.routine import Library, ResolvedRoutine, load_library
from coach.routine.levels import at_level, level_count
from coach.routine.model import HoldDose, Routine

HEAD = """title = "Ladder"
purpose = "daily"
summary = "A test."

[[exercises]]
use = "curl-up"
sets = [3, 2, 1]

[[exercises]]
use = "side-bridge"
sets = [2, 1]
"""


def load(tmp_path: Path, text: str) -> tuple[Library, Path]:
    path = tmp_path / "ladder.toml"
    path.write_text(text, encoding="utf-8")
    return load_library(locations.builtin_routines_dir(), None, [path]), path


def messages(library: Library, path: Path) -> list[str]:
    return [str(problem) for problem in library.problems_for(path)]


@pytest.fixture(scope="module")
def builtin() -> Library:
    return load_library(locations.builtin_routines_dir())


def sets_of(resolved: ResolvedRoutine) -> list[list[int]]:
    return [list(use.dose.sets) for use in resolved.uses if isinstance(use.dose, HoldDose)]


def test_a_level_sets_sets_then_exercise_overrides(tmp_path: Path) -> None:
    library, path = load(
        tmp_path,
        HEAD
        + '[[levels]]\nname = "one"\n\n[[levels]]\nname = "two"\nsets = [4, 2]\n'
        + "[levels.exercises.side-bridge]\nsets = [3, 1]\nhold_s = 9\n",
    )
    assert messages(library, path) == []
    resolved = library.routines["ladder"]
    assert level_count(resolved) == 2
    assert sets_of(at_level(resolved, 1)) == [[3, 2, 1], [2, 1]]
    two = at_level(resolved, 2)
    assert sets_of(two) == [[4, 2], [3, 1]]
    assert two.uses[1].dose.hold_s == 9
    assert two.fingerprint != resolved.fingerprint
    assert at_level(resolved, 99).uses == two.uses  # clamped to the last level


def test_a_harder_level_uses_the_variant_words(builtin: Library) -> None:
    big3 = builtin.routines["mcgill-big-3"]
    top = at_level(big3, level_count(big3))
    bridge, dog = top.uses[1].exercise, top.uses[2].exercise
    assert bridge.name == "Side bridge, straight legs"
    assert "legs straight" in bridge.setup.text
    assert dog.name == "Bird dog, small squares"
    assert "small squares" in dog.cues[0].text
    steps = build_plan(top).steps
    assert any(step.exercise_name == "Bird dog, small squares" for step in steps)


def test_the_big_3_ladder_adds_one_rep_per_set_at_a_time(builtin: Library) -> None:
    big3 = builtin.routines["mcgill-big-3"]
    firsts = [sets_of(at_level(big3, n))[0] for n in range(1, level_count(big3) + 1)]
    assert firsts[:4] == [[5, 3, 1], [6, 3, 1], [6, 4, 1], [6, 4, 2]]
    assert all(sum(b) - sum(a) in (0, 1) for a, b in pairwise(firsts))
    holds = {use.dose.hold_s for n in range(1, 7) for use in at_level(big3, n).uses}
    assert holds == {10}  # never longer holds


def test_the_daily_core_ladder_grows_by_a_rep_and_starts_at_its_own_dose(
    builtin: Library,
) -> None:
    daily = builtin.routines["daily-core"]
    assert at_level(daily, 1).uses == daily.uses
    reps = [build_plan(at_level(daily, n)).reps for n in range(1, level_count(daily) + 1)]
    assert reps == [18, 23, 28, 33]


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        (
            '[[levels]]\nname = "only"\n',
            "ladder.toml:13: levels: a ladder has 2 to 12 levels, not one",
        ),
        (
            '[[levels]]\nname = "a"\n[[levels]]\nname = "a"\n',
            "ladder.toml:13: levels: level names must differ: 'a' is repeated",
        ),
        (
            '[[levels]]\nname = "a"\n[[levels]]\nname = "b"\nharder = ["curl-up"]\n',
            "ladder.toml:17: levels[2].harder[1]: 'curl-up' has no harder variant",
        ),
        (
            '[[levels]]\nname = "a"\n[[levels]]\nname = "b"\nharder = ["bird-dog"]\n',
            "levels[2].harder[1]: the routine does not use 'bird-dog'",
        ),
        (
            '[[levels]]\nname = "a"\n[[levels]]\nname = "b"\n'
            "[levels.exercises.curl-up]\nreps = 3\n",
            "ladder.toml:18: levels[2].exercises.curl-up.reps: does not apply to 'curl-up'",
        ),
        (
            '[[levels]]\nname = "a"\n[[levels]]\nname = "b"\nsets = [50, 50, 50, 50, 50, 50]\n',
            "level 2 ('b'): the plan would last",
        ),
    ],
)
def test_a_broken_ladder_is_a_located_problem(tmp_path: Path, levels: str, expected: str) -> None:
    library, path = load(tmp_path, HEAD + "\n" + levels)
    found = messages(library, path)
    assert "ladder" not in library.routines
    assert any(expected in message for message in found), found


def test_sets_need_a_hold_exercise(tmp_path: Path) -> None:
    text = (
        'title = "S"\npurpose = "stretch"\nsummary = "S."\n[[exercises]]\nuse = "ql-stretch"\n'
        '[[levels]]\nname = "a"\n[[levels]]\nname = "b"\nsets = [2]\n'
    )
    library, path = load(tmp_path, text)
    assert any("sets apply to hold exercises" in m for m in messages(library, path))


def test_levels_show_in_the_schema() -> None:
    schema = Routine.model_json_schema()
    assert "levels" in schema["properties"]
    assert "Level" in schema["$defs"]
    assert "harder" in schema["$defs"]["Level"]["properties"]
