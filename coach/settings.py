"""User settings: a pydantic model read from ``config.toml`` with tomllib, saved in place.

A broken settings file is never overwritten: loading reports its problems and falls back to
the default for each setting that is wrong (the others still apply: one typo must not undo a
whole file), and saving writes only the values changed, in place (``coach.settings_write``),
so a hand edit with a typo stays as written until it is fixed or changed in the app. A file
that is not TOML at all gives the defaults, and is never saved over. Values only Textual or
the routines can judge (a key name, a binding id, a theme, a routine id) are checked by
``coach.settings_check``.
"""

from __future__ import annotations

import contextlib
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coach import locations
from coach.errors import SettingsError
from coach.limits import MAX_CONFIG_BYTES
from coach.routine.names import ID_PATTERN, SoundProfile
from coach.routine.problems import Problem, problems_from_validation
from coach.routine.toml_lines import KeyLines, scan_key_lines
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
    """Settings as loaded, with any problems in the file (each wrong setting is at its default).

    ``lines`` says where each key is written and ``key_paths`` where each ``[keys]`` entry is
    (``session.pause`` may be written as a dotted key), so later checks can name the line.
    """

    settings: Settings
    path: Path
    problems: list[Problem] = field(default_factory=list)
    lines: KeyLines = field(default_factory=lambda: KeyLines({}))
    key_paths: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def line_of(self, *path: str) -> int:
        """The line of a setting (``"theme"``; ``"keys", "session.pause"``); 1 if unwritten."""
        if path[:1] == ("keys",) and len(path) == 2:
            path = self.key_paths.get(path[1], path)
        return self.lines.line_of(path)


_ALLOWED_KEYS: dict[tuple[str | int, ...], list[str]] = {
    (): list(Settings.model_fields),
    ("voice",): list(VoiceSettings.model_fields),
}
MAX_FALLBACK_ROUNDS = 8
"""Each round drops every value pydantic refused; more rounds than fields means a bug."""


def _flatten_keys(data: dict[str, object]) -> dict[str, tuple[str, ...]]:
    """Make ``[keys]`` written as dotted TOML keys (``session.pause = "p"``, which TOML reads
    as a table ``session`` holding ``pause``) into the binding ids Textual uses; return where
    each id is written. Anything else is left for validation to refuse."""
    table = data.get("keys")
    if not isinstance(table, dict):
        return {}
    flat: dict[str, object] = {}
    paths: dict[str, tuple[str, ...]] = {}

    def walk(prefix: tuple[str, ...], value: object) -> None:
        if isinstance(value, dict) and value and prefix:
            for name, inner in value.items():
                walk((*prefix, str(name)), inner)
        else:
            flat[".".join(prefix)] = value
            paths[".".join(prefix)] = ("keys", *prefix)

    for name, value in table.items():
        walk((str(name),), value)
    data["keys"] = flat
    return paths


def _drop(data: dict[str, object], loc: tuple[str | int, ...]) -> None:
    """Remove the value at ``loc`` (or its nearest enclosing setting): it takes its default."""
    container: object = data
    for depth, part in enumerate(loc):
        if not isinstance(container, dict) or part not in container:
            break
        inner = container[part]
        last = depth == len(loc) - 1
        if last or not isinstance(inner, dict):
            del container[part]
            return
        container = inner


def _validate_each(data: dict[str, object]) -> tuple[Settings, list[ValidationError]]:
    """The settings with each refused value dropped (so at its default), and the errors."""
    errors: list[ValidationError] = []
    for _ in range(MAX_FALLBACK_ROUNDS):
        try:
            return Settings.model_validate(data), errors
        except ValidationError as exc:
            errors.append(exc)
            for error in exc.errors(include_url=False):
                _drop(data, tuple(error["loc"]))
    return Settings(), errors  # pragma: no cover - each round drops at least one value


def load_settings(path: Path | None = None) -> LoadedSettings:
    """Read the settings file; a missing file means the defaults, a broken one its problems
    (each wrong value at its default, the rest as written)."""
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
    lines = scan_key_lines(text)
    key_paths = _flatten_keys(data)
    settings, errors = _validate_each(data)
    problems = [
        problem
        for exc in errors
        for problem in problems_from_validation(exc, path, lines, _ALLOWED_KEYS)
    ]
    problems = [_with_default_note(problem) for problem in problems]
    return LoadedSettings(settings, path, problems, lines, key_paths)


ENTRY_TABLES = ("keys.", "voice.profiles.")
"""Settings that are tables of entries: a wrong entry is ignored, the others apply."""


def _with_default_note(problem: Problem) -> Problem:
    """Say what is used instead, so a problem never leaves the reader guessing."""
    key = (problem.key or "").removesuffix(".[key]")
    instead = "this entry is ignored" if key.startswith(ENTRY_TABLES) else "the default is used"
    return Problem(problem.path, problem.line, key or None, f"{problem.message}; {instead}")


def save_settings(
    settings: Settings, path: Path | None = None, previous: Settings | None = None
) -> None:
    """Write what changed into the file, keeping everything else byte for byte (comments,
    order, other keys: ``coach.settings_write``). ``previous``: the settings the change was
    made from (the app's), so only that change is written and an edit made to the file by
    hand meanwhile stays; without it, what differs from the file. A file that is not TOML is
    never written over; a value the file had wrong is replaced only when it is changed."""
    from coach.settings_write import write_changes

    path = path or locations.config_file()
    written = previous if previous is not None else load_settings(path).settings
    before = written.model_dump(mode="json")
    write_changes(path, before, settings.model_dump(mode="json"))


@contextlib.contextmanager
def update_settings(path: Path | None = None) -> Iterator[Settings]:
    """Load, let the block change a copy, then save it.

    ``with update_settings() as settings: settings.bell = True``
    """
    loaded = load_settings(path)
    settings = loaded.settings.model_copy(deep=True)
    yield settings
    save_settings(settings, loaded.path)
