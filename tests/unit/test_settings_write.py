"""Saving settings keeps the person's file: only the changed value differs, byte for byte."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from coach.errors import SettingsError
from coach.settings import Settings, load_settings, save_settings, update_settings

COMMENTED = """\
# My coach settings. Written by hand; keep this comment.

daily_routine = "mcgill-big-3"   # the one my physio gave me
weekly_goal = 4

# rest on Sundays
rest_days = ["sun"]
favourite_colour = "green"  # not a coach setting (yet)

[voice]
# slower at night
rate = 150

[keys]
"session.pause" = "k"   # space is awkward on the floor
home.walk = "j"
"""


def test_one_change_keeps_every_other_byte(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    loaded = load_settings(path)
    save_settings(loaded.settings.model_copy(update={"weekly_goal": 5}), path)
    assert path.read_text(encoding="utf-8") == COMMENTED.replace(
        "weekly_goal = 4", "weekly_goal = 5"
    )


def test_a_change_inside_a_table_and_a_dotted_key_are_edited_in_place(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    with update_settings(path) as settings:
        settings.keys = {"session.pause": "k", "home.walk": "w"}
        settings.voice.rate = 130
    expected = COMMENTED.replace("rate = 150", "rate = 130").replace(
        'home.walk = "j"', 'home.walk = "w"'
    )
    assert path.read_text(encoding="utf-8") == expected
    assert load_settings(path).settings.keys == {"session.pause": "k", "home.walk": "w"}


def test_a_removed_remap_is_removed_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    with update_settings(path) as settings:
        settings.keys = {"home.walk": "j"}
    text = path.read_text(encoding="utf-8")
    assert "session.pause" not in text
    assert text == COMMENTED.replace(
        '"session.pause" = "k"   # space is awkward on the floor\n', ""
    )


def test_a_new_file_gets_only_what_differs_from_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_settings(Settings(bell=True), path)
    assert path.read_text(encoding="utf-8") == "bell = true\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    before = path.stat().st_mtime_ns
    save_settings(load_settings(path).settings, path)
    assert path.stat().st_mtime_ns == before


def test_a_file_that_is_not_toml_is_never_written_over(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("weekly_goal = = 4\n# half an edit\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="not valid TOML"):
        save_settings(Settings(bell=True), path)
    assert path.read_text(encoding="utf-8") == "weekly_goal = = 4\n# half an edit\n"


def test_a_wrong_value_elsewhere_is_kept_and_the_change_saved(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('weekly_goal = "lots"  # fixing this later\n', encoding="utf-8")
    save_settings(Settings(bell=True), path)
    assert path.read_text(encoding="utf-8") == (
        'weekly_goal = "lots"  # fixing this later\nbell = true\n'
    )


def test_a_symlink_is_written_through_and_the_mode_kept(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "coach.toml"
    real.parent.mkdir()
    real.write_text("# linked\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    save_settings(Settings(bell=True), link)
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "# linked\nbell = true\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
