"""config.toml with wrong values: each is a problem naming line, key, what was found and what is
allowed (with the closest match), and only that setting falls back to its default."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.keys import Keys, _character_to_key

from coach.routine import load_default_library
from coach.settings import Settings, load_settings, save_settings
from coach.settings_check import check_settings, key_name_problem

ROUTINES = set(load_default_library().routines)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_one_wrong_value_falls_back_alone(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'bell = true\nweekly_goal = 12\nrest_days = ["sun", "someday"]\n'
        '[voice]\nrate = 5000\nbreathing = "words"\n'
        'profiles = { "Bad Id" = "off", flare-up = "x" }\n',
    )
    loaded = load_settings(path)
    settings = loaded.settings
    assert settings.bell is True and settings.voice.breathing == "words"  # still applied
    defaults = Settings()
    assert settings.weekly_goal == defaults.weekly_goal
    assert settings.rest_days == defaults.rest_days
    assert settings.voice.rate == defaults.voice.rate
    assert settings.voice.profiles == {}
    text = [str(problem) for problem in loaded.problems]
    assert f"{path}:2: weekly_goal: expected at most 7, found 12; the default is used" in text
    assert any(t.startswith(f"{path}:3: rest_days[2]: expected one of") for t in text)
    assert f"{path}:5: voice.rate: expected at most 400, found 5000; the default is used" in text
    assert any("voice.profiles.Bad Id: " in t and "this entry is ignored" in t for t in text)
    assert len(text) == 5


def test_a_file_with_problems_is_never_overwritten(tmp_path: Path) -> None:
    """The hand edit with a typo stays as written: a save writes only what it changes."""
    path = write(tmp_path, "weekly_goal = 12\nbell = true\n")
    before = path.read_bytes()
    save_settings(load_settings(path).settings, path)
    assert path.read_bytes() == before
    save_settings(load_settings(path).settings.model_copy(update={"bell": False}), path)
    assert path.read_text(encoding="utf-8") == "weekly_goal = 12\nbell = false\n"


def test_unknown_top_level_key_is_dropped_and_named(tmp_path: Path) -> None:
    loaded = load_settings(write(tmp_path, 'colour = "red"\nbell = true\n'))
    assert loaded.settings.bell is True
    [problem] = loaded.problems
    assert problem.line == 1 and problem.key == "colour"


def checked(tmp_path: Path, text: str) -> tuple[Settings, list[str]]:
    loaded = load_settings(write(tmp_path, text))
    assert loaded.problems == []
    result = check_settings(loaded, routine_ids=ROUTINES)
    return result.settings, [str(problem) for problem in result.problems]


def test_dotted_keys_are_binding_ids(tmp_path: Path) -> None:
    settings, problems = checked(tmp_path, '[keys]\nsession.pause = "k"\n')
    assert problems == []
    assert settings.keys == {"session.pause": "k"}


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("Space", "did you mean space?"),
        ("ctl+s", "did you mean ctrl+s?"),
        ("shift+ctrl+x", "did you mean ctrl+shift+x?"),
        ("spacebar", "did you mean space?"),
        ("", "no key at all"),
        ("p,,q", "an empty key between commas"),
        ("p, Escape", "did you mean escape?"),
        ("\u200bp", '"\\u200bp"'),  # a zero-width space is shown escaped
    ],
)
def test_key_names_textual_never_reports_are_refused(tmp_path: Path, value: str, hint: str) -> None:
    text = f'[keys]\n"app.quit" = "{value}"\nbell = true\n'.replace("bell = true\n", "")
    settings, problems = checked(tmp_path, f"bell = true\n{text}")
    [problem] = problems
    assert problem.startswith(f"{tmp_path / 'config.toml'}:3: keys.app.quit: ")
    assert hint in problem
    assert "its usual key (q) is used" in problem
    assert settings.keys == {} and settings.bell is True


@pytest.mark.parametrize(
    "value",
    ["space", "p", "P", "ctrl+p", "f5", "question_mark", "?", "shift+tab", "p,space", "p, space",
     "ctrl+shift+left", "alt+x", "escape", "enter", "slash", "pageup", "ctrl+question_mark"],
)  # fmt: skip
def test_key_names_textual_reports_are_accepted(value: str) -> None:
    assert key_name_problem(value) is None


@given(st.characters(min_codepoint=33, max_codepoint=0x2FFF).filter(str.isprintable))
def test_the_name_textual_gives_any_printable_character_is_accepted(char: str) -> None:
    assert key_name_problem(char) is None or char == ","
    if char != ",":
        assert key_name_problem(_character_to_key(char)) is None


def test_every_key_textual_defines_is_accepted() -> None:
    for key in Keys:
        if not key.value.startswith("<") and key.value != "ctrl-at":
            assert key_name_problem(key.value) is None, key.value


def test_unknown_binding_id_names_the_closest(tmp_path: Path) -> None:
    settings, problems = checked(tmp_path, '[keys]\n"sesion.pause" = "k"\n"zzz.q" = "k"\n')
    assert len(problems) == 2
    assert "did you mean session.pause?" in problems[0] and "this entry is ignored" in problems[0]
    assert "ids start with one of: app, " in problems[1]
    assert settings.keys == {}


def test_a_remap_onto_a_key_in_use_on_the_same_screen(tmp_path: Path) -> None:
    settings, problems = checked(
        tmp_path,
        '[keys]\n"session.pause" = "n"\n"app.quit" = "question_mark"\n"home.flare" = "n"\n',
    )
    assert len(problems) == 2, problems
    assert 'keys.session.pause: "n" is already the key of session.next' in problems[0]
    assert "is already the key of app.help" in problems[1]
    assert settings.keys == {"home.flare": "n"}  # n is free on home


def test_a_swap_of_two_keys_is_no_clash(tmp_path: Path) -> None:
    settings, problems = checked(
        tmp_path, '[keys]\n"session.next" = "p"\n"session.previous" = "n"\n'
    )
    assert problems == []
    assert settings.keys == {"session.next": "p", "session.previous": "n"}


def test_unknown_theme_routine_and_profile(tmp_path: Path) -> None:
    settings, problems = checked(
        tmp_path,
        'theme = "solarized"\ndaily_routine = "daly-core"\nbell = true\n'
        '[voice]\nprofiles = { "flare-upp" = "off", flare-up = "quiet" }\n',
    )
    assert len(problems) == 3
    assert ':1: theme: no theme is called "solarized"; did you mean solarized-dark?' in problems[0]
    assert "textual-dark is used" in problems[0]
    assert (
        ':2: daily_routine: no routine has the id "daly-core"; did you mean daily-core?'
        in (problems[1])
    )
    assert ":5: voice.profiles.flare-upp: " in problems[2]
    assert settings.theme == "textual-dark" and settings.daily_routine == "daily-core"
    assert settings.voice.profiles == {"flare-up": "quiet"} and settings.bell is True
