"""Tests of ``load_library``: valid files load; every broken file is a located Problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.routine import Library, Problem, load_library
from coach.routine.model import BreathingDose, HoldDose, StretchDose


def toml(*lines: str) -> str:
    """Join ``lines`` into a document; the n-th argument is line n."""
    return "\n".join(lines) + "\n"


CURL = toml(
    'name = "Curl"',  # 1
    'spoken_name = "Curl"',  # 2
    'kind = "hold"',  # 3
    "",  # 4
    "[setup]",  # 5
    'text = "Lie down."',  # 6
    'spoken = "Lie down"',  # 7
    "",  # 8
    "[[cues]]",  # 9
    'text = "Brace."',  # 10
    'spoken = "Brace"',  # 11
    "",  # 12
    "[dose]",  # 13
    "sets = [5, 3, 1]",  # 14
    "hold_s = 10",  # 15
)

QLS = toml(
    'name = "QL stretch"',  # 1
    'spoken_name = "Side stretch"',  # 2
    'kind = "stretch"',  # 3
    'sides = "both"',  # 4
    "",  # 5
    "[setup]",  # 6
    'text = "Stand tall."',  # 7
    'spoken = "Stand tall"',  # 8
    "",  # 9
    "[[cues]]",  # 10
    'text = "Lean away from your {side} side."',  # 11
    'spoken = "Lean"',  # 12
    "",  # 13
    "[dose]",  # 14
    "reps = 2",  # 15
    "hold_s = 20",  # 16
    "",  # 17
    "[central.setup]",  # 18
    'text = "Stand tall, hands on your hips."',  # 19
    'spoken = "Stand tall"',  # 20
    "",  # 21
    "[[central.cues]]",  # 22
    'text = "Breathe into both sides."',  # 23
    'spoken = "Both sides"',  # 24
)

BELLY = toml(
    'name = "Belly breathing"',  # 1
    'spoken_name = "Belly breathing"',  # 2
    'kind = "breathing"',  # 3
    "",  # 4
    "[setup]",  # 5
    'text = "Lie on your back."',  # 6
    'spoken = "On your back"',  # 7
    "",  # 8
    "[[cues]]",  # 9
    'text = "Breathe into your belly."',  # 10
    'spoken = "Belly"',  # 11
    "",  # 12
    "[dose]",  # 13
    "inhale_s = 4",  # 14
    "exhale_s = 6",  # 15
    "breaths = 5",  # 16
)

DAILY = toml(
    'title = "Daily"',  # 1
    'purpose = "daily"',  # 2
    'summary = "A short daily routine."',  # 3
    "",  # 4
    "[[exercises]]",  # 5
    'use = "curl"',  # 6
    "sets = [3, 2]",  # 7
    "",  # 8
    "[[exercises]]",  # 9
    'use = "qls"',  # 10
    "",  # 11
    "[[exercises]]",  # 12
    'use = "belly"',  # 13
    "breaths = 3",  # 14
)

SHORT = toml(
    'title = "Short"',  # 1
    'purpose = "core"',  # 2
    'summary = "Only curls."',  # 3
    "",  # 4
    "[[exercises]]",  # 5
    'use = "curl"',  # 6
)


def write(path: Path, content: str | bytes) -> Path:
    """Write ``content`` to ``path`` (making its folder), and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def make_folder(
    root: Path,
    *,
    exercises: dict[str, str | bytes] | None = None,
    routines: dict[str, str | bytes] | None = None,
) -> Path:
    """A routines folder: routine files at the top, exercise files under ``exercises/``."""
    default_exercises: dict[str, str | bytes] = {"curl": CURL, "qls": QLS, "belly": BELLY}
    default_routines: dict[str, str | bytes] = {"daily": DAILY, "short": SHORT}
    for name, text in (default_exercises if exercises is None else exercises).items():
        write(root / "exercises" / f"{name}.toml", text)
    for name, text in (default_routines if routines is None else routines).items():
        write(root / f"{name}.toml", text)
    (root / "exercises").mkdir(parents=True, exist_ok=True)
    return root


def only_problem(library: Library, path: Path) -> Problem:
    """The single problem of ``path`` (failing if there are none or several)."""
    problems = library.problems_for(path)
    assert len(problems) == 1, [str(problem) for problem in library.problems]
    return problems[0]


def assert_problem(
    problem: Problem, path: Path, line: int | None, key: str | None, *fragments: str
) -> None:
    """``problem`` is at ``path:line`` about ``key`` and its message says every fragment."""
    assert problem.path == path
    assert problem.line == line
    assert problem.key == key
    text = str(problem)
    where = f"{path}:{line}" if line else f"{path}"
    assert text.startswith(f"{where}: {key}: " if key else f"{where}: "), text
    for fragment in fragments:
        assert fragment in problem.message, (fragment, text)


# -- valid files ------------------------------------------------------------------------------


def test_valid_files_load_without_problems(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "lib")
    library = load_library(folder, None)

    assert library.problems == []
    assert sorted(library.exercises) == ["belly", "curl", "qls"]
    assert sorted(library.routines) == ["daily", "short"]

    curl = library.exercises["curl"]
    assert curl.path == folder / "exercises" / "curl.toml"
    assert curl.source == "built-in"
    assert curl.exercise.id == "curl"  # from the file name
    assert curl.exercise.kind == "hold"
    assert curl.exercise.dose == HoldDose(sets=[5, 3, 1], hold_s=10)

    daily = library.routines["daily"]
    assert daily.id == "daily"
    assert daily.path == folder / "daily.toml"
    assert daily.source == "built-in"
    assert daily.replaces is None
    assert daily.routine.title == "Daily"
    assert [use.exercise.id for use in daily.uses] == ["curl", "qls", "belly"]

    curl_use, qls_use, belly_use = daily.uses
    # The routine's override, merged with the exercise's dose and the defaults.
    assert curl_use.dose == HoldDose(
        sets=[3, 2], hold_s=10, rest_between_reps_s=3, rest_between_sets_s=20
    )
    assert curl_use.sides == "none"
    assert curl_use.prepare_s == 10
    assert curl_use.alternate_sides is False
    assert curl_use.side_order == "painful-first"
    assert curl_use.note is None
    assert qls_use.dose == StretchDose(reps=2, hold_s=20, rest_between_reps_s=5)
    assert qls_use.sides == "both"
    assert belly_use.dose == BreathingDose(inhale_s=4, exhale_s=6, breaths=3)
    assert belly_use.dose.breath_count == 3

    # The exercise's own dose is left alone by the routine's override.
    assert library.routines["short"].uses[0].dose == HoldDose(sets=[5, 3, 1], hold_s=10)


def test_explicit_paths_load_as_exercises_or_routines_by_folder(tmp_path: Path) -> None:
    exercise = write(tmp_path / "mine" / "exercises" / "curl.toml", CURL)
    routine = write(tmp_path / "mine" / "short.toml", SHORT)
    library = load_library(None, None, [routine, exercise])
    assert library.problems == []
    assert library.exercises["curl"].source == "command line"
    assert library.routines["short"].source == "command line"
    assert library.routines["short"].path == routine


def test_missing_folders_are_simply_empty(tmp_path: Path) -> None:
    library = load_library(tmp_path / "nope", tmp_path / "nothing")
    assert library.routines == {}
    assert library.exercises == {}
    assert library.problems == []


def test_routine_overrides_of_sides_order_prepare_and_note(tmp_path: Path) -> None:
    routine = toml(
        'title = "Flare"',  # 1
        'purpose = "flare"',  # 2
        'summary = "Gentle."',  # 3
        "prepare_s = 7",  # 4
        "",  # 5
        "[[exercises]]",  # 6
        'use = "qls"',  # 7
        'sides = "one"',  # 8
        'side_order = "other-first"',  # 9
        "alternate_sides = true",  # 10
        "prepare_s = 0",  # 11
        'note = "Go slowly."',  # 12
        "",  # 13
        "[[exercises]]",  # 14
        'use = "belly"',  # 15
        "duration_s = 60",  # 16
    )
    library = load_library(make_folder(tmp_path, routines={"flare": routine}), None)
    assert library.problems == []
    qls, belly = library.routines["flare"].uses
    assert (qls.sides, qls.side_order, qls.alternate_sides) == ("one", "other-first", True)
    assert qls.prepare_s == 0
    assert qls.note == "Go slowly."
    assert belly.prepare_s == 7
    # duration_s given by the routine replaces the exercise's breaths.
    assert belly.dose == BreathingDose(inhale_s=4, exhale_s=6, duration_s=60)
    assert belly.dose.breath_count == 6


# -- broken exercise files --------------------------------------------------------------------


def broken_exercise(tmp_path: Path, text: str | bytes) -> tuple[Library, Path]:
    """Load a folder whose curl.toml is ``text``; the other files are fine."""
    folder = make_folder(tmp_path, exercises={"curl": text, "qls": QLS, "belly": BELLY})
    return load_library(folder, None), folder / "exercises" / "curl.toml"


def test_bad_toml_syntax(tmp_path: Path) -> None:
    library, path = broken_exercise(tmp_path, CURL.replace("hold_s = 10", "hold_s = = 10"))
    problem = only_problem(library, path)
    assert_problem(problem, path, 15, "hold_s", "is not valid TOML", "column 10")


def test_unterminated_string_is_a_syntax_problem_on_its_line(tmp_path: Path) -> None:
    library, path = broken_exercise(tmp_path, CURL.replace('"Lie down."', '"Lie down.'))
    problem = only_problem(library, path)
    assert_problem(problem, path, 6, "text", "is not valid TOML")


def test_wrong_type(tmp_path: Path) -> None:
    library, path = broken_exercise(tmp_path, CURL.replace("hold_s = 10", 'hold_s = "ten"'))
    problem = only_problem(library, path)
    assert_problem(problem, path, 15, "dose.hold_s", "expected a whole number", 'found "ten"')


@pytest.mark.parametrize("value", ["0", "-5"])
def test_zero_and_negative_durations(tmp_path: Path, value: str) -> None:
    library, path = broken_exercise(tmp_path, CURL.replace("hold_s = 10", f"hold_s = {value}"))
    problem = only_problem(library, path)
    assert_problem(problem, path, 15, "dose.hold_s", "expected at least 1", f"found {value}")


def test_absurd_duration(tmp_path: Path) -> None:
    library, path = broken_exercise(tmp_path, CURL.replace("hold_s = 10", "hold_s = 36000"))
    problem = only_problem(library, path)
    assert_problem(problem, path, 15, "dose.hold_s")
    assert problem.message == "expected at most 120 seconds, found 36000 (10 hours)"


def test_empty_sets(tmp_path: Path) -> None:
    library, path = broken_exercise(tmp_path, CURL.replace("sets = [5, 3, 1]", "sets = []"))
    problem = only_problem(library, path)
    assert_problem(problem, path, 14, "dose.sets")
    assert problem.message == "expected at least 1 item, found an empty list"


def test_zero_reps_in_a_set_points_at_the_element(tmp_path: Path) -> None:
    # Lines 14 to 17: "sets = [", "  5,", "  0,", "]".
    text = CURL.replace("sets = [5, 3, 1]", "sets = [\n  5,\n  0,\n]")
    library, path = broken_exercise(tmp_path, text)
    problem = only_problem(library, path)
    assert_problem(problem, path, 16, "dose.sets[2]", "expected at least 1", "found 0")


@pytest.mark.parametrize(
    ("line", "found"), [('kind = "holdd"', 'found "holdd"'), ("kind = 5", "found 5")]
)
def test_unknown_kind(tmp_path: Path, line: str, found: str) -> None:
    library, path = broken_exercise(tmp_path, CURL.replace('kind = "hold"', line))
    problem = only_problem(library, path)
    assert_problem(problem, path, 3, "kind", "'hold', 'stretch', 'breathing'", found)


def test_missing_kind(tmp_path: Path) -> None:
    library, path = broken_exercise(tmp_path, CURL.replace('kind = "hold"', ""))
    problem = only_problem(library, path)
    assert_problem(problem, path, 1, "kind", "'hold', 'stretch', 'breathing'", "found nothing")


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    library, path = broken_exercise(tmp_path, CURL.replace("hold_s = 10", "hold_secs = 10"))
    problems = {str(problem.key): problem for problem in library.problems_for(path)}
    assert sorted(problems) == ["dose.hold_s", "dose.hold_secs"]
    assert_problem(problems["dose.hold_secs"], path, 15, "dose.hold_secs")
    assert problems["dose.hold_secs"].message == (
        "unknown key; did you mean 'hold_s'? "
        "(expected one of: hold_s, rest_between_reps_s, rest_between_sets_s, sets)"
    )
    # hold_s itself is now missing: reported at the [dose] header, where it belongs.
    assert_problem(problems["dose.hold_s"], path, 13, "dose.hold_s", "missing")


def test_unknown_top_level_key(tmp_path: Path) -> None:
    library, path = broken_exercise(tmp_path, CURL.replace('spoken_name = "Curl"', 'spoken = "C"'))
    problems = {str(problem.key): problem for problem in library.problems_for(path)}
    assert sorted(problems) == ["spoken", "spoken_name"]
    assert_problem(problems["spoken"], path, 2, "spoken", "unknown key", "'spoken_name'")
    assert_problem(problems["spoken_name"], path, 1, "spoken_name", "missing")


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    raw = CURL.encode().replace(b'"Lie down."', b'"Lie \xff down."')
    library, path = broken_exercise(tmp_path, raw)
    problem = only_problem(library, path)
    assert_problem(problem, path, 6, "text", "not UTF-8", "0xff")


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    library, path = broken_exercise(tmp_path, text)
    problem = only_problem(library, path)
    assert_problem(problem, path, 1, None, "empty")


def test_breaths_and_duration_both_given_in_an_exercise(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, exercises={"belly": BELLY + "duration_s = 60\n"}, routines={})
    library = load_library(folder, None)
    path = folder / "exercises" / "belly.toml"
    problem = only_problem(library, path)
    assert_problem(problem, path, 13, "dose", "exactly one of breaths or duration_s")
    assert library.exercises == {}


def test_neither_breaths_nor_duration_given(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path, exercises={"belly": BELLY.replace("breaths = 5", "")}, routines={}
    )
    library = load_library(folder, None)
    path = folder / "exercises" / "belly.toml"
    assert_problem(only_problem(library, path), path, 13, "dose", "exactly one of")


def test_broken_exercise_does_not_stop_the_others(tmp_path: Path) -> None:
    library, path = broken_exercise(tmp_path, CURL.replace("hold_s = 10", 'hold_s = "ten"'))
    assert len(library.problems_for(path)) == 1
    assert sorted(library.exercises) == ["belly", "qls"]
    # Routines using the broken exercise cannot load, and say why.
    assert library.routines == {}
    daily = tmp_path / "daily.toml"
    assert_problem(only_problem(library, daily), daily, 6, "exercises[1].use", "'curl'")


# -- broken routine files ---------------------------------------------------------------------


def broken_routine(tmp_path: Path, text: str | bytes) -> tuple[Library, Path]:
    """Load the default folder with daily.toml replaced by ``text``."""
    folder = make_folder(tmp_path, routines={"daily": text, "short": SHORT})
    return load_library(folder, None), folder / "daily.toml"


def test_routine_using_an_unknown_exercise(tmp_path: Path) -> None:
    library, path = broken_routine(tmp_path, DAILY.replace('use = "qls"', 'use = "curll"'))
    problem = only_problem(library, path)
    assert_problem(problem, path, 10, "exercises[2].use", "no exercise with id 'curll'", "curl")
    assert sorted(library.routines) == ["short"]


def test_dose_key_that_does_not_apply_to_the_kind(tmp_path: Path) -> None:
    text = DAILY.replace('use = "qls"', 'use = "qls"\nsets = [3]')
    library, path = broken_routine(tmp_path, text)
    problem = only_problem(library, path)
    assert_problem(problem, path, 11, "exercises[2].sets")
    assert problem.message == (
        "does not apply to 'qls', a stretch exercise "
        "(its dose keys: hold_s, reps, rest_between_reps_s)"
    )
    assert "daily" not in library.routines


def test_breaths_and_duration_both_given_in_a_routine(tmp_path: Path) -> None:
    library, path = broken_routine(tmp_path, DAILY + "duration_s = 60\n")
    problem = only_problem(library, path)
    assert_problem(problem, path, 12, "exercises[3]", "exactly one of breaths or duration_s")


@pytest.mark.parametrize(
    ("value", "fragments"),
    [
        ("0", ("expected at least 1", "found 0")),
        ("-3", ("expected at least 1", "found -3")),
        ("150", ("expected at most 120", "found 150")),
        ("3.5", ("expected a whole number", "found 3.5")),
    ],
)
def test_override_out_of_range(tmp_path: Path, value: str, fragments: tuple[str, ...]) -> None:
    # 150 is a valid override for some kind (stretches go up to 180) but not for a hold.
    library, path = broken_routine(tmp_path, DAILY.replace("sets = [3, 2]", f"hold_s = {value}"))
    problem = only_problem(library, path)
    assert_problem(problem, path, 7, "exercises[1].hold_s", *fragments)


def test_routine_wrong_types_and_missing_keys(tmp_path: Path) -> None:
    text = DAILY.replace('purpose = "daily"', 'purpose = "fun"').replace(
        'title = "Daily"', "title = 3"
    )
    library, path = broken_routine(tmp_path, text)
    problems = {str(problem.key): problem for problem in library.problems_for(path)}
    assert sorted(problems) == ["purpose", "title"]
    assert_problem(problems["title"], path, 1, "title", "expected text", "found 3")
    assert_problem(problems["purpose"], path, 2, "purpose", 'found "fun"')


def test_routine_without_exercises(tmp_path: Path) -> None:
    library, path = broken_routine(
        tmp_path, toml('title = "T"', 'purpose = "core"', 'summary = "S"')
    )
    problem = only_problem(library, path)
    assert_problem(problem, path, 1, "exercises", "missing")


def test_bad_id_from_the_file_name(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, routines={"Bad Name": SHORT})
    library = load_library(folder, None)
    path = folder / "Bad Name.toml"
    problem = only_problem(library, path)
    assert_problem(problem, path, None, "id", "'Bad Name' is the id", "bad-name.toml")


def test_folder_named_like_a_toml_file_in_the_routines_folder(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "x.toml").mkdir()
    (folder / "exercises" / "y.toml").mkdir()
    library = load_library(folder, None)
    for path in (folder / "x.toml", folder / "exercises" / "y.toml"):
        assert_problem(only_problem(library, path), path, None, None, "is a folder")
    assert sorted(library.routines) == ["daily", "short"]


def test_folder_given_as_an_extra_path(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "lib")
    extra = tmp_path / "some-folder"
    extra.mkdir()
    library = load_library(folder, None, [extra])
    assert_problem(only_problem(library, extra), extra, None, None, "is a folder")
    assert str(only_problem(library, extra)) == f"{extra}: is a folder; expected a .toml file"
    assert sorted(library.routines) == ["daily", "short"]


def test_missing_extra_path(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    library = load_library(None, None, [missing])
    assert_problem(only_problem(library, missing), missing, None, None, "no such file")


def test_file_too_large(tmp_path: Path) -> None:
    big = write(tmp_path / "big.toml", SHORT + "# " + "x" * 300_000 + "\n")
    library = load_library(None, None, [big])
    assert_problem(only_problem(library, big), big, None, None, "bytes")


def test_duplicate_exercise_ids_in_one_source(tmp_path: Path) -> None:
    copy = CURL.replace("\n\n[setup]", '\nid = "curl"\n[setup]')
    assert copy.splitlines()[3] == 'id = "curl"'  # line 4
    folder = make_folder(tmp_path, exercises={"curl": CURL, "zz-copy": copy, "qls": QLS})
    library = load_library(folder, None)
    path = folder / "exercises" / "zz-copy.toml"
    problem = only_problem(library, path)
    first = folder / "exercises" / "curl.toml"
    assert_problem(problem, path, 4, "id", "duplicate id 'curl'", str(first))
    assert library.exercises["curl"].path == first


def test_duplicate_routine_ids_in_one_source(tmp_path: Path) -> None:
    copy = toml('id = "short"', *SHORT.splitlines())
    folder = make_folder(tmp_path, routines={"short": SHORT, "zz-copy": copy})
    library = load_library(folder, None)
    path = folder / "zz-copy.toml"
    assert_problem(only_problem(library, path), path, 1, "id", "duplicate id 'short'")
    assert library.routines["short"].path == folder / "short.toml"


def test_broken_files_do_not_stop_the_others(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        exercises={"curl": CURL, "qls": QLS, "belly": BELLY, "bad": b"\xff\xfe", "worse": "x ="},
        routines={"daily": DAILY, "short": SHORT, "empty": "", "broken": "[[exercises]\n"},
    )
    (folder / "folder.toml").mkdir()
    library = load_library(folder, None)
    assert sorted(library.exercises) == ["belly", "curl", "qls"]
    assert sorted(library.routines) == ["daily", "short"]
    assert sorted(problem.path.name for problem in library.problems) == [
        "bad.toml",
        "broken.toml",
        "empty.toml",
        "folder.toml",
        "worse.toml",
    ]


def test_problem_to_json() -> None:
    problem = Problem(Path("/r/x.toml"), 3, "dose.hold_s", "expected at most 120 seconds")
    assert problem.to_json() == {
        "file": "/r/x.toml",
        "line": 3,
        "key": "dose.hold_s",
        "message": "expected at most 120 seconds",
    }
    assert str(problem) == "/r/x.toml:3: dose.hold_s: expected at most 120 seconds"
    assert str(Problem(Path("/r/x.toml"), None, None, "no such file")) == "/r/x.toml: no such file"


# -- inputs that must be problems, not crashes ---------------------------------------------------


def test_huge_integer_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    # 400 digits: tomllib reads it, pydantic rejects it as above 120; describing the value
    # in hours must not overflow a float.
    text = SHORT.replace("\n\n[[exercises]]", "\nprepare_s = " + "9" * 400 + "\n[[exercises]]")
    path = write(tmp_path / "huge.toml", text)
    library = load_library(None, None, [path])
    assert_problem(only_problem(library, path), path, 4, "prepare_s", "expected at most 120")


def test_integer_too_long_to_read_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    # Over Python's 4300-digit limit, tomllib raises a plain ValueError, not TOMLDecodeError.
    path = write(tmp_path / "long.toml", SHORT + "prepare_s = " + "9" * 5000 + "\n")
    library = load_library(None, None, [path])
    problem = only_problem(library, path)
    assert problem.path == path


def test_huge_hex_integer_in_a_text_field_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    # A hex literal reads past the decimal digit limit; describing it must not raise.
    path = write(tmp_path / "hex.toml", SHORT.replace('"Short"', "0x" + "f" * 4000))
    library = load_library(None, None, [path])
    assert_problem(only_problem(library, path), path, 1, "title", "expected text")


def test_nested_array_of_tables_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    # Valid TOML that the key-line scanner must survive; the routine model rejects the keys.
    text = SHORT + toml("[[exercises.extra]]", "[[exercises]]", 'use = "curl"', "[exercises.extra]")
    folder = make_folder(tmp_path, routines={"nested": text})
    library = load_library(folder, None)
    path = folder / "nested.toml"
    problems = library.problems_for(path)
    assert [problem.key for problem in problems] == ["exercises[1].extra", "exercises[2].extra"]
    assert [problem.line for problem in problems] == [7, 10]


# -- sources, overrides and fingerprints ---------------------------------------------------------


def test_user_routine_replaces_a_builtin(tmp_path: Path) -> None:
    builtin = make_folder(tmp_path / "builtin")
    user = make_folder(
        tmp_path / "user",
        exercises={},
        routines={"short": SHORT.replace('"Short"', '"My short"')},
    )
    library = load_library(builtin, user)
    assert library.problems == []
    short = library.routines["short"]
    assert short.routine.title == "My short"
    assert short.source == "user"
    assert short.path == user / "short.toml"
    assert short.replaces == builtin / "short.toml"
    # The user's routine uses the built-in exercise.
    assert short.uses[0].exercise.id == "curl"
    assert library.routines["daily"].replaces is None
    assert library.routines["daily"].source == "built-in"


def test_command_line_routine_replaces_a_user_routine(tmp_path: Path) -> None:
    builtin = make_folder(tmp_path / "builtin")
    user = make_folder(tmp_path / "user", exercises={}, routines={"short": SHORT})
    extra = write(tmp_path / "cli" / "short.toml", SHORT.replace('"Short"', '"CLI"'))
    library = load_library(builtin, user, [extra])
    assert library.problems == []
    short = library.routines["short"]
    assert (short.routine.title, short.source) == ("CLI", "command line")
    assert short.replaces == user / "short.toml"


def test_user_exercise_replaces_a_builtin_one(tmp_path: Path) -> None:
    builtin = make_folder(tmp_path / "builtin")
    user = make_folder(
        tmp_path / "user",
        exercises={"curl": CURL.replace("hold_s = 10", "hold_s = 8")},
        routines={},
    )
    library = load_library(builtin, user)
    assert library.problems == []
    assert library.exercises["curl"].source == "user"
    assert library.routines["short"].uses[0].dose.hold_s == 8  # type: ignore[union-attr]


def test_same_id_in_different_sources_is_not_a_duplicate(tmp_path: Path) -> None:
    builtin = make_folder(tmp_path / "builtin")
    user = make_folder(tmp_path / "user")
    library = load_library(builtin, user)
    assert library.problems == []


def test_fingerprint_changes_when_a_dose_changes(tmp_path: Path) -> None:
    first = load_library(make_folder(tmp_path / "a"), None).routines["daily"].fingerprint
    again = load_library(make_folder(tmp_path / "b"), None).routines["daily"].fingerprint
    changed_routine = load_library(
        make_folder(tmp_path / "c", routines={"daily": DAILY.replace("[3, 2]", "[3, 1]")}),
        None,
    ).routines["daily"]
    changed_exercise = load_library(
        make_folder(
            tmp_path / "d",
            exercises={
                "curl": CURL.replace("hold_s = 10", "hold_s = 9"),
                "qls": QLS,
                "belly": BELLY,
            },
        ),
        None,
    ).routines["daily"]
    assert len(first) == 16
    assert int(first, 16) >= 0
    assert first == again
    assert changed_routine.fingerprint != first
    assert changed_exercise.fingerprint != first
    assert changed_routine.fingerprint != changed_exercise.fingerprint


# -- texts for no side, set breaks, switch times, side notes ------------------------------------


def test_an_exercise_for_one_side_needs_central_texts(tmp_path: Path) -> None:
    text = CURL.replace('kind = "hold"', 'kind = "hold"\nsides = "one"')
    library, path = broken_exercise(tmp_path, text)
    problem = library.problems_for(path)[0]
    assert_problem(problem, path, 1, None, "one side needs [central] texts", "without {side}")


def test_an_exercise_without_sides_may_not_use_side_words_without_central(tmp_path: Path) -> None:
    library, path = broken_exercise(tmp_path, CURL.replace("Lie down.", "Lie on your {side} side."))
    problem = library.problems_for(path)[0]
    assert_problem(problem, path, 1, None, "sides = 'none'", "[central]")


def test_central_texts_and_variants_may_not_use_side_words(tmp_path: Path) -> None:
    central = QLS.replace("Breathe into both sides.", "Breathe into the {side} side.")
    library, path = broken_exercise(tmp_path, central)
    assert_problem(library.problems_for(path)[0], path, 22, "central.cues", "without {side}")
    variant = CURL + '\n[easier]\nname = "Knees"\ntext = "Bend the {side} knee."\n'
    library, path = broken_exercise(tmp_path / "v", variant)
    assert_problem(library.problems_for(path)[0], path, 19, "easier.text", "either side")


def test_a_routine_may_not_take_the_sides_off_an_exercise_that_names_them(tmp_path: Path) -> None:
    plain_qls = QLS.split("\n\n[central")[0] + "\n"
    routine = DAILY.replace('use = "qls"', 'use = "qls"\nsides = "none"')
    folder = make_folder(
        tmp_path,
        exercises={"curl": CURL, "qls": plain_qls, "belly": BELLY},
        routines={"daily": routine},
    )
    library = load_library(folder, None)
    problem = only_problem(library, folder / "daily.toml")
    assert_problem(problem, folder / "daily.toml", 11, "exercises[2].sides", "[central]")
    # With [central] texts it is fine.
    folder = make_folder(tmp_path / "ok", routines={"daily": routine})
    assert load_library(folder, None).problems == []


def test_new_exercise_and_entry_keys_load(tmp_path: Path) -> None:
    exercise = CURL.replace(
        'kind = "hold"', 'kind = "hold"\nswitch_s = 9\nsafety_spoken = "Go gently"'
    )
    exercise += '\n[moments.set_break]\ntext = "Switch legs."\nspoken = "Switch legs"\n'
    routine = SHORT + 'switch_s = 8\nnote_with_side = "The side that hurts goes first."\n'
    folder = make_folder(tmp_path, exercises={"curl": exercise}, routines={"short": routine})
    library = load_library(folder, None)
    assert library.problems == []
    curl = library.exercises["curl"].exercise
    assert (curl.switch_s, curl.safety_spoken) == (9, "Go gently")
    assert curl.moments.set_break is not None
    [use] = library.routines["short"].uses
    assert (use.switch_s, use.note_with_side) == (8, "The side that hurts goes first.")


@pytest.mark.parametrize(
    ("line", "key", "fragment"),
    [
        ("switch_s = 121", "switch_s", "at most 120"),
        (f'safety_spoken = "{"x" * 61}"', "safety_spoken", "at most 60 characters"),
    ],
)
def test_new_exercise_keys_are_checked(tmp_path: Path, line: str, key: str, fragment: str) -> None:
    library, path = broken_exercise(
        tmp_path, CURL.replace('kind = "hold"', f'kind = "hold"\n{line}')
    )
    assert_problem(only_problem(library, path), path, 4, key, fragment)
