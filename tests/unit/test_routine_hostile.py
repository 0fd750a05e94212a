"""Hostile routine files and folders (issue 10): plans too long, invisible characters, broken
folders, files of the other kind, and user exercises that would break a built-in routine.

Real files, real symlinks and FIFOs; an unreadable folder is made unreadable for real (under
``unshare -U`` when the tests run as root, who could read it anyway).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_loader import CURL, QLS, assert_problem, make_folder, only_problem, toml, write

from coach import locations
from coach.engine.plan import build_plan
from coach.flow.resolve import NotFound, find_in
from coach.limits import MAX_ROUTINE_S
from coach.routine import Library, load_library
from coach.routine.folders import is_exercise_path, unique_files
from coach.routine.length import at_least_s, length_words
from coach.textsafe import quoted_id, visible

ZWSP, RLO, LRI, CYRILLIC_A = "\u200b", "\u202e", "\u2066", "\u0430"


def routine(*entries: str, head: tuple[str, ...] = ()) -> str:
    """A routine document: title, purpose, summary, ``head`` lines, then ``entries``."""
    lines = ['title = "Hostile"', 'purpose = "daily"', 'summary = "Too much."', *head]
    return toml(*lines) + "".join(f"\n[[exercises]]\n{entry}\n" for entry in entries)


def loaded(tmp_path: Path, text: str, name: str = "hostile") -> tuple[Library, Path]:
    folder = make_folder(tmp_path / "lib", routines={name: text})
    return load_library(folder, None), folder / f"{name}.toml"


# -- 1. a plan longer than MAX_ROUTINE_S ----


def test_every_builtin_routine_loads_within_the_bound() -> None:
    library = load_library(locations.builtin_routines_dir(), None)
    assert library.problems == []
    assert len(library.routines) >= 10
    for resolved in library.routines.values():
        assert build_plan(resolved).total_s <= MAX_ROUTINE_S


def test_the_331_day_routine_is_refused_naming_the_entry_and_its_key(tmp_path: Path) -> None:
    entry = 'use = "curl"\nsets = [50, 50, 50, 50, 50, 50, 50, 50, 50, 50]\nhold_s = 120\n'
    entry += "rest_between_reps_s = 600\nrest_between_sets_s = 600"
    text = routine(*[entry] * 40, head=("rest_between_exercises_s = 600",))
    library, path = loaded(tmp_path, text)
    assert library.routines.get("hostile") is None
    problem = only_problem(library, path)
    # The first entry's sets, on line 8 (four head lines, a blank line, [[exercises]], use).
    assert_problem(problem, path, 8, "exercises[1].sets", "at least", "days", "at most 2 h")
    assert "entry 1 ('curl': holds 50-50-50" in problem.message


def test_just_over_the_bound_is_refused_with_the_exact_length(tmp_path: Path) -> None:
    # Ten holds of 120 s with nine set rests of 600 s: the lower bound (1,210 s) is well under
    # two hours, so the plan is timed exactly: 6,610 s an entry, 13,220 s for two.
    entry = 'use = "curl"\nsets = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\nhold_s = 120\n'
    entry += "rest_between_sets_s = 600"
    library, path = loaded(tmp_path, routine(entry, entry))
    problem = only_problem(library, path)
    assert_problem(problem, path, 7, "exercises[1].sets", "would last 3 h 40 min 20 s")
    assert "at least" not in problem.message
    assert "entry 1 ('curl': holds 1-1-1-1-1-1-1-1-1-1 × 120 s" in problem.message


@pytest.mark.parametrize(("last", "loads"), [(120, True), (121, False)])
def test_exactly_two_hours_loads_and_ten_seconds_more_does_not(
    tmp_path: Path, last: int, loads: bool
) -> None:
    # Breaths of 4 + 6 s with no get-ready time: 300 + 300 + last breaths.
    entries = [f'use = "belly"\nbreaths = {count}' for count in (300, 300, last)]
    library, path = loaded(tmp_path, routine(*entries, head=("prepare_s = 0",)))
    if loads:
        assert library.problems == []
        assert build_plan(library.routines["hostile"]).total_s == MAX_ROUTINE_S
    else:
        problem = only_problem(library, path)
        assert "would last at least 2 h 10 s" in problem.message


def test_rests_between_exercises_are_blamed_when_they_make_it_long(tmp_path: Path) -> None:
    text = routine(
        *['use = "qls"\nreps = 1\nhold_s = 5'] * 30, head=("rest_between_exercises_s = 600",)
    )
    library, path = loaded(tmp_path, text)
    problem = only_problem(library, path)
    assert_problem(problem, path, 4, "rest_between_exercises_s", "29 rests", "4 h 50 min")


def test_many_short_entries_are_blamed_on_the_list(tmp_path: Path) -> None:
    library, path = loaded(tmp_path, routine(*['use = "curl"'] * 40, head=("prepare_s = 120",)))
    problem = only_problem(library, path)
    assert_problem(problem, path, 6, "exercises", "its 40 entries add up", "at most 2 h")


def test_an_entry_long_by_its_exercise_dose_is_blamed_on_its_use(tmp_path: Path) -> None:
    long_curl = CURL.replace("sets = [5, 3, 1]", "sets = [50, 50, 50, 50, 50]")
    long_curl = long_curl.replace("hold_s = 10", "hold_s = 60")
    folder = make_folder(
        tmp_path / "lib", exercises={"curl": long_curl}, routines={"r": routine('use = "curl"')}
    )
    library = load_library(folder, None)
    path = folder / "r.toml"
    problem = only_problem(library, path)
    assert_problem(problem, path, 6, "exercises[1].use", "with the dose of its exercise file")


def test_a_hostile_routine_is_refused_without_drafting_its_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lower bound refuses it: the compiler, which would draft ~300,000 steps, is not run."""

    def no_drafting(*_: object) -> list[int]:
        raise AssertionError("the plan was drafted")

    monkeypatch.setattr("coach.engine.plan.entry_seconds", no_drafting)
    entry = 'use = "belly"\ninhale_s = 1\nexhale_s = 1\nduration_s = 3600'
    library, path = loaded(tmp_path, routine(*[entry] * 40))
    assert "would last at least 1 day 16 h" in only_problem(library, path).message


def test_the_lower_bound_is_never_above_the_plan(tmp_path: Path) -> None:
    library = load_library(locations.builtin_routines_dir(), None)
    folder = make_folder(tmp_path / "lib")
    mine = load_library(folder, None)
    for resolved in [*library.routines.values(), *mine.routines.values()]:
        plan = build_plan(resolved)
        for position, use in enumerate(resolved.uses):
            steps = [step for step in plan.steps if step.position == position]
            own = sum(step.seconds for step in steps if "next exercise" not in step.cue)
            assert at_least_s(use) <= own, (resolved.id, position)


def test_length_in_words() -> None:
    assert [length_words(s) for s in (59, 7200, 7210, 13_220, 28_641_600)] == [
        "59 s",
        "2 h",
        "2 h 10 s",
        "3 h 40 min 20 s",
        "331 days 12 h",
    ]


# -- 2. invisible characters are shown escaped ----


def test_visible_escapes_what_does_not_show_and_keeps_the_rest() -> None:
    assert visible(f"daily{ZWSP}core") == "daily\\u200bcore"
    assert visible(f"a{RLO}b{LRI}c\u00a0d\n\te\x1b") == "a\\u202eb\\u2066c\\xa0d\\n\\te\\x1b"
    assert visible("Café – ça va 🙂") == "Café – ça va 🙂"
    assert visible(visible(f"x{ZWSP}")) == visible(f"x{ZWSP}")  # safe to apply twice


def test_quoted_id_escapes_every_look_alike() -> None:
    assert quoted_id(f"daily{ZWSP}core") == "'daily\\u200bcore'"
    assert quoted_id(f"d{CYRILLIC_A}ily-core") == "'d\\u0430ily-core'"
    assert quoted_id("daily-core") == "'daily-core'"


def test_a_file_name_with_a_zero_width_space_is_shown_escaped(tmp_path: Path) -> None:
    name = f"daily{ZWSP}core"
    library, path = loaded(tmp_path, routine('use = "curl"'), name=name)
    problem = only_problem(library, path)
    text = str(problem)
    assert ZWSP not in text
    assert text.startswith(f"{visible(str(path))}: id: ")
    assert "its name 'daily\\u200bcore' is the id" in text
    assert 'rename the file to dailycore.toml, or add id = "dailycore"' in text


def test_an_id_with_a_look_alike_letter_is_shown_escaped(tmp_path: Path) -> None:
    text = toml(f'id = "d{CYRILLIC_A}ily"') + routine('use = "curl"')
    library, path = loaded(tmp_path, text)
    problem = only_problem(library, path)
    assert_problem(problem, path, 1, "id", "found 'd\\u0430ily'")


@pytest.mark.parametrize("char", [ZWSP, RLO, LRI])
def test_keys_and_values_from_the_file_are_shown_escaped(tmp_path: Path, char: str) -> None:
    text = routine(f'use = "curl"\n"hold{char}_s" = 5').replace('"daily"', f'"daily{char}"')
    library, path = loaded(tmp_path, text)
    shown = [str(problem) for problem in library.problems_for(path)]
    escaped = visible(char)
    assert any(f'found "daily{escaped}"' in line for line in shown), shown
    assert any(f"exercises[1].hold{escaped}_s: unknown key" in line for line in shown), shown
    assert not any(char in line for line in shown)


def test_did_you_mean_shows_the_name_escaped(tmp_path: Path) -> None:
    library = load_library(make_folder(tmp_path / "lib"), None)
    found = find_in(library, f"dai{ZWSP}ly")
    assert isinstance(found, NotFound)
    assert found.message.startswith("no routine 'dai\\u200bly'. Did you mean 'daily'?")
    assert ZWSP not in found.message


def test_a_rejected_id_looks_different_from_the_valid_one(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "lib", routines={f"daily{ZWSP}": routine('use = "curl"')})
    library = load_library(folder, None)
    found = find_in(library, f"daily{ZWSP}")
    assert isinstance(found, NotFound)
    assert found.message == "routine 'daily\\u200b' could not be loaded:"
    assert found.problems and all(ZWSP not in str(problem) for problem in found.problems)


# -- 2. files of the other kind, and command-line paths ----


def test_a_routine_in_the_exercises_folder_says_so(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "lib", routines={})
    path = write(folder / "exercises" / "mine.toml", routine('use = "curl"'))
    problem = only_problem(load_library(folder, None), path)
    assert_problem(problem, path, 5, None, "this is a routine", "move it to the folder above")


def test_an_exercise_among_the_routines_says_so(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "lib", routines={"curl-up": CURL})
    path = folder / "curl-up.toml"
    problem = only_problem(load_library(folder, None), path)
    assert_problem(problem, path, 3, None, "this is an exercise", "folder named exercises")


@pytest.fixture
def exercise_file(tmp_path: Path) -> Path:
    return write(tmp_path / "lib" / "exercises" / "curl.toml", CURL)


def test_an_exercise_named_from_inside_its_folder_is_an_exercise(
    exercise_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(exercise_file.parent)
    assert is_exercise_path(Path("curl.toml"))
    library = load_library(None, None, [Path("curl.toml")])
    assert library.problems == []
    assert library.exercises["curl"].path == Path("curl.toml")


def test_every_way_of_naming_an_exercise_file_is_an_exercise(
    exercise_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path / "lib")
    link = tmp_path / "elsewhere" / "link.toml"
    link.parent.mkdir()
    link.symlink_to(exercise_file)
    random = write(tmp_path / "any" / "exercises" / "other.toml", CURL)
    ways = [
        Path("exercises/curl.toml"),
        Path("./exercises/curl.toml"),
        exercise_file,
        link,
        random,
        Path("../lib/exercises/curl.toml"),
    ]
    for way in ways:
        assert is_exercise_path(way), way
        library = load_library(None, None, [way])
        assert library.problems == [], (way, library.problems)
        assert [e.path for e in library.exercises.values()] == [way]
    assert not is_exercise_path(tmp_path / "lib" / "daily.toml")


def test_one_file_named_twice_or_also_in_a_folder_is_read_once(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "lib", routines={"broken": 'title = "x"\n'})
    path = folder / "broken.toml"
    link = tmp_path / "link.toml"
    link.symlink_to(path)
    named = unique_files([path, Path(os.path.relpath(path)), link, path])
    assert named == [path]
    library = load_library(None, folder, named)
    assert len(library.problems_for(path)) == 3  # purpose, summary, exercises: once each
    assert len(library.problems) == 3


# -- 2. a user exercise that would break a built-in routine ----

USES_SETS = routine('use = "curl"\nsets = [3, 2, 1]')


def two_sources(tmp_path: Path, user_curl: str) -> tuple[Library, Path, Path]:
    builtin = make_folder(tmp_path / "builtin", routines={"core": USES_SETS})
    user = make_folder(tmp_path / "user", exercises={"curl": user_curl}, routines={})
    library = load_library(builtin, user)
    return library, builtin / "core.toml", user / "exercises" / "curl.toml"


def test_a_user_exercise_of_another_kind_leaves_the_builtin_routine_usable(
    tmp_path: Path,
) -> None:
    as_stretch = QLS.replace('sides = "both"', 'sides = "none"').replace("{side} side", "back")
    library, core, user_curl = two_sources(tmp_path, as_stretch)
    # The built-in routine loads, with the built-in exercise.
    resolved = library.routines["core"]
    assert resolved.uses[0].exercise.kind == "hold"
    assert resolved.uses[0].dose.sets == [3, 2, 1]  # type: ignore[union-attr]
    # Everywhere else, the user's exercise is the one.
    assert library.exercises["curl"].path == user_curl
    problem = only_problem(library, user_curl)
    assert_problem(problem, user_curl, 3, "kind", "replaces the built-in 'curl'")
    assert f"routine 'core' cannot use yours: {core}:7: exercises[1].sets" in problem.message
    assert "keeps using the built-in 'curl'" in problem.message
    assert library.problems_for(core) == []


def test_a_user_exercise_that_makes_a_builtin_routine_too_long_is_blamed(tmp_path: Path) -> None:
    # 2,308 s an entry with the user's dose: four entries are over two hours.
    long_curl = CURL.replace("hold_s = 10", "hold_s = 120\nrest_between_sets_s = 600")
    builtin = make_folder(tmp_path / "builtin", routines={"core": routine(*['use = "curl"'] * 4)})
    user = make_folder(tmp_path / "user", exercises={"curl": long_curl}, routines={})
    library = load_library(builtin, user)
    assert library.routines["core"].uses[0].exercise.dose.hold_s == 10  # type: ignore[union-attr]
    problem = only_problem(library, user / "exercises" / "curl.toml")
    assert problem.key == "dose"
    assert "would last" in problem.message and "at most 2 h" in problem.message


def test_a_compatible_user_exercise_is_used_by_the_builtin_routine(tmp_path: Path) -> None:
    library, _, user_curl = two_sources(tmp_path, CURL.replace("hold_s = 10", "hold_s = 7"))
    assert library.problems == []
    assert library.routines["core"].uses[0].exercise is library.exercises["curl"].exercise
    assert library.exercises["curl"].path == user_curl


def test_a_user_routine_broken_by_its_own_exercise_is_reported_in_the_routine(
    tmp_path: Path,
) -> None:
    user = make_folder(tmp_path / "user", exercises={"curl": QLS}, routines={"mine": USES_SETS})
    library = load_library(make_folder(tmp_path / "builtin", routines={}), user)
    problem = only_problem(library, user / "mine.toml")
    assert_problem(problem, user / "mine.toml", 7, "exercises[1].sets", "does not apply")


# -- 3. a routines folder that cannot be read ----


def folder_problem_of(library: Library, folder: Path) -> str:
    problems = [str(problem) for problem in library.problems if problem.path == folder]
    assert len(problems) == 1, [str(problem) for problem in library.problems]
    return problems[0]


def test_a_routines_folder_that_is_a_file(tmp_path: Path) -> None:
    user = write(tmp_path / "routines", "not a folder")
    text = folder_problem_of(load_library(None, user), user)
    assert text.startswith(f"{user}: is a file, not a folder, so nothing in it loads")
    assert f"mkdir {user}" in text


def test_a_routines_folder_that_is_a_dangling_link(tmp_path: Path) -> None:
    user = tmp_path / "routines"
    user.symlink_to(tmp_path / "gone")
    text = folder_problem_of(load_library(None, user), user)
    assert f"is a link to {tmp_path / 'gone'}, which does not exist" in text
    assert "fix the link" in text


def test_a_routines_folder_that_is_a_fifo(tmp_path: Path) -> None:
    user = tmp_path / "routines"
    os.mkfifo(user)
    assert "is a FIFO (named pipe), not a folder" in folder_problem_of(
        load_library(None, user), user
    )


def test_an_exercises_folder_that_is_a_file(tmp_path: Path) -> None:
    user = make_folder(tmp_path / "user", exercises={}, routines={"mine": USES_SETS})
    shutil.rmtree(user / "exercises")
    write(user / "exercises", "")
    library = load_library(make_folder(tmp_path / "builtin", routines={}), user)
    assert "is a file, not a folder" in folder_problem_of(library, user / "exercises")
    assert "mine" in library.routines  # its routines still load, with the built-in exercises


def test_a_missing_routines_folder_is_simply_empty(tmp_path: Path) -> None:
    library = load_library(None, tmp_path / "nothing-here")
    assert library.problems == [] and library.routines == {}


UNREADABLE = """
import json, sys
from pathlib import Path
from coach.routine import load_library
library = load_library(None, Path(sys.argv[1]))
print(json.dumps([str(problem) for problem in library.problems]))
"""


def run_unprivileged(folder: Path) -> list[str]:
    """The loader's problems for ``folder`` as a process that permissions apply to: as root,
    under ``unshare -U`` (its files' owner is not mapped there, so no capability overrides)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("unshare") is None:
            pytest.skip("running as root without unshare: permissions cannot be tested")
        probe = subprocess.run(["unshare", "-U", "true"], capture_output=True, check=False)
        if probe.returncode != 0:
            pytest.skip("running as root and unshare -U is not allowed here")
        prefix = ["unshare", "-U"]
    result = subprocess.run(
        [*prefix, sys.executable, "-c", UNREADABLE, str(folder)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    problems: list[str] = json.loads(result.stdout)
    return problems


def test_an_unreadable_routines_folder(tmp_path: Path) -> None:
    user = make_folder(tmp_path / "user", routines={"mine": USES_SETS})
    user.chmod(0)
    try:
        problems = run_unprivileged(user)
    finally:
        user.chmod(0o755)
    assert problems == [
        f"{user}: cannot be read (no permission), so nothing in it loads: "
        f"let yourself read it (chmod u+rx {user})"
    ]


def test_an_unreadable_routine_file_is_reported(tmp_path: Path) -> None:
    user = make_folder(tmp_path / "user", routines={"mine": USES_SETS})
    (user / "mine.toml").chmod(0)
    problems = run_unprivileged(user)
    assert problems == [f"{user / 'mine.toml'}: cannot be read: Permission denied"]
