"""User settings: a pydantic model read from ``config.toml`` with tomllib, written with tomli-w.

A broken settings file is never overwritten: loading reports its problems and falls back to
the defaults for this run, and saving refuses until the file is fixed (or moved away), so a
hand edit with a typo is not lost to the next change made in the app.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coach import locations
from coach.errors import SettingsError
from coach.limits import MAX_CONFIG_BYTES
from coach.routine.names import ID_PATTERN, SoundProfile
from coach.routine.problems import Problem, problems_from_validation
from coach.routine.toml_lines import scan_key_lines
from coach.safefile import UnreadableFileError, read_bounded
from coach.training import (
    DEFAULT_WEEKLY_GOAL,
    WEEKDAYS,
    WEEKLY_GOAL_MAX,
    WEEKLY_GOAL_MIN,
    Weekday,
)

__all__ = [
    "ANNOUNCEMENTS",
    "WEEKDAYS",
    "Announcement",
    "BreathingCues",
    "LoadedSettings",
    "Settings",
    "SettingsError",
    "SpeechProgramName",
    "VoiceSettings",
    "Weekday",
    "load_settings",
    "save_settings",
    "update_settings",
]


Announcement = Literal[
    "exercise", "work", "switch", "halfway", "last-rep", "rest", "countdown", "done"
]
ANNOUNCEMENTS: dict[Announcement, str] = {
    "exercise": "Exercise name and setup as it starts",
    "work": "Each hold or stretch as it starts",
    "switch": "Switch sides",
    "halfway": "Halfway through an exercise",
    "last-rep": "Last rep or last breath",
    "rest": "Rest",
    "countdown": "3-2-1 at the end of holds",
    "done": "Done, with the time",
}
"""What the voice can say, with the words the settings screen uses for each."""
DEFAULT_ANNOUNCEMENTS: tuple[Announcement, ...] = tuple(
    a for a in ANNOUNCEMENTS if a != "countdown"
)
"""Everything but the 3-2-1, which not everyone wants in every hold."""
BreathingCues = Literal["tones", "words", "silent"]
SpeechProgramName = Literal["auto", "espeak-ng", "spd-say", "say"]
RoutineId = Annotated[str, Field(pattern=ID_PATTERN)]


class VoiceSettings(BaseModel):
    """Spoken cues and breathing tones (``[voice]`` in config.toml)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    enabled: bool = Field(
        default=True,
        description="Speak cues aloud and mark breaths with tones, so your eyes can stay closed.",
    )
    program: SpeechProgramName = Field(
        default="auto",
        description="Text-to-speech program: auto finds espeak-ng, spd-say or macOS say.",
    )
    rate: Annotated[int, Field(ge=80, le=400)] = Field(
        default=160, description="Speaking rate in words a minute."
    )
    announce: list[Announcement] = Field(
        default_factory=lambda: list(DEFAULT_ANNOUNCEMENTS),
        description="What is said (a routine's sound profile may say less).",
    )
    breathing: BreathingCues = Field(
        default="tones",
        description="Breaths in and out marked by two soft tones, by words, or not at all.",
    )
    profiles: dict[RoutineId, SoundProfile] = Field(
        default_factory=dict,
        description='Sound profile per routine, over the routine\'s own: { "flare-up" = "off" }.',
    )


class Settings(BaseModel):
    """Everything a user can set. Each field's description is shown on the settings screen."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    daily_routine: str = Field(
        default="daily-core", description="The routine Enter starts on the home screen."
    )
    weekly_goal: Annotated[int, Field(ge=WEEKLY_GOAL_MIN, le=WEEKLY_GOAL_MAX)] = Field(
        default=DEFAULT_WEEKLY_GOAL, description="Days a week you plan to train (rest days aside)."
    )
    rest_days: list[Weekday] = Field(
        default_factory=list, description="Planned rest days; they never break a streak."
    )
    pain_threshold: Annotated[int, Field(ge=0, le=10)] = Field(
        default=7,
        description="Pain at or above this is red (7 at the latest): breathing and heat only.",
    )
    bell: bool = Field(default=False, description="Ring the terminal bell at step changes.")
    reduced_motion: bool = Field(
        default=False, description="Keep the breathing pacer still (also TEXTUAL_ANIMATIONS)."
    )
    theme: str = Field(default="textual-dark", description="The colour theme of the app.")
    keys: dict[str, str] = Field(
        default_factory=dict,
        description='Remap keys by binding id, e.g. keys = { "session.pause" = "p" }.',
    )
    voice: VoiceSettings = Field(
        default_factory=VoiceSettings, description="Spoken cues and breathing tones."
    )

    @property
    def planned_days_per_week(self) -> int:
        """The weekly goal, never more than the days left after rest days."""
        return max(0, min(self.weekly_goal, 7 - len(set(self.rest_days))))


@dataclass
class LoadedSettings:
    """Settings as loaded, with any problems in the file (then the defaults are in use)."""

    settings: Settings
    path: Path
    problems: list[Problem] = field(default_factory=list)


def load_settings(path: Path | None = None) -> LoadedSettings:
    """Read the settings file; a missing file means the defaults, a broken one its problems."""
    path = path or locations.config_file()
    try:
        raw = read_bounded(path, MAX_CONFIG_BYTES)  # never a FIFO, a device or a huge file
    except UnreadableFileError as exc:
        problems = [] if exc.missing else [Problem(path, None, None, exc.reason)]
        return LoadedSettings(Settings(), path, problems)
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return LoadedSettings(Settings(), path, [Problem(path, None, None, f"is not valid: {exc}")])
    try:
        return LoadedSettings(Settings.model_validate(data), path)
    except ValidationError as exc:
        keys: dict[tuple[str | int, ...], list[str]] = {
            (): list(Settings.model_fields),
            ("voice",): list(VoiceSettings.model_fields),
        }
        problems = problems_from_validation(exc, path, scan_key_lines(text), keys)
        return LoadedSettings(Settings(), path, problems)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically (a temporary file renamed over the old one).

    Refuses to replace a file that does not load cleanly: it may hold a hand edit.
    """
    path = path or locations.config_file()
    if path.exists():
        current = load_settings(path)
        if current.problems:
            first = current.problems[0]
            raise SettingsError(f"not saving: {first}. Fix or move {path} first.")
    data = settings.model_dump(mode="json")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".config-", suffix=".toml")
        with os.fdopen(handle, "wb") as stream:
            tomli_w.dump(data, stream)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temp).replace(path)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise SettingsError(f"cannot save settings to {path}: {reason}") from exc


@contextlib.contextmanager
def update_settings(path: Path | None = None) -> Iterator[Settings]:
    """Load, let the block change a copy, then save it.

    ``with update_settings() as settings: settings.bell = True``
    """
    loaded = load_settings(path)
    if loaded.problems:
        raise SettingsError(f"not saving: {loaded.problems[0]}")
    settings = loaded.settings.model_copy(deep=True)
    yield settings
    save_settings(settings, loaded.path)
