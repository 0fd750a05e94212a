"""What the app's first frame needs of the settings, read without pydantic.

The first frame of ``coach`` needs only the look of the app: the theme, the key remaps (the
footer and the home menu show keys) and reduced motion. Validating the whole file with
pydantic costs more than drawing the frame (issue 12: the first frame within 1.3x of a bare
Textual app), so the app draws with these, read leniently here with tomllib, and loads the
settings in full (``coach.settings.load_settings``) off the UI thread straight after. A value
of the wrong type is left out here (the default is used); the full load then reports it with
its line, as before, and the app uses what it found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coach.limits import MAX_CONFIG_BYTES
from coach.safefile import UnreadableFileError, read_bounded

__all__ = ["DEFAULT_THEME", "FirstSettings", "read_first"]

DEFAULT_THEME = "textual-dark"
"""The theme without a setting (``Settings.theme``'s default; a test keeps the two equal)."""


@dataclass(frozen=True)
class FirstSettings:
    """The look of the app: theme, key remaps (binding id to keys), reduced motion."""

    theme: str = DEFAULT_THEME
    keys: dict[str, str] = field(default_factory=dict)
    reduced_motion: bool = False


def read_first(path: Path) -> FirstSettings:
    """The look the settings file asks for; the defaults when it is absent or unreadable
    (the full load says why)."""
    try:
        text = read_bounded(path, MAX_CONFIG_BYTES).decode("utf-8")
    except (OSError, UnreadableFileError, UnicodeDecodeError):
        return FirstSettings()  # no settings file yet, most often
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return FirstSettings()
    theme = data.get("theme")
    keys = data.get("keys")
    motion = data.get("reduced_motion")
    return FirstSettings(
        theme=theme if isinstance(theme, str) else DEFAULT_THEME,
        keys=_string_pairs(keys) if isinstance(keys, dict) else {},
        reduced_motion=motion if isinstance(motion, bool) else False,
    )


def _string_pairs(table: dict[str, object]) -> dict[str, str]:
    """The entries of a ``[keys]`` table that are text; dotted keys (``session.pause = "k"``
    written unquoted) arrive nested and are joined back."""
    pairs: dict[str, str] = {}
    for name, value in table.items():
        if isinstance(value, str):
            pairs[name] = value
        elif isinstance(value, dict):
            for inner, keys in _string_pairs(value).items():
                pairs[f"{name}.{inner}"] = keys
    return pairs
