"""Every path coach reads or writes, in one place.

Config, the user's routines and the journal live in the platformdirs user folders for the app
name ``coach``. When ``COACH_HOME`` is set, everything lives under that one folder instead: the
tests always set it, and so can a person who wants a portable or throw-away setup.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import platformdirs

APP_NAME = "coach"
HOME_ENV = "COACH_HOME"

__all__ = [
    "APP_NAME",
    "HOME_ENV",
    "builtin_routines_dir",
    "cache_dir",
    "config_dir",
    "config_file",
    "data_dir",
    "journal_file",
    "make_private_dir",
    "recovery_dir",
    "user_routines_dir",
]


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    """The folder holding ``config.toml`` and the user's ``routines/``."""
    home = _home()
    return home if home else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """The folder holding the journal database."""
    home = _home()
    return home if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Files coach makes and can make again (the breathing tones): safe to delete."""
    home = _home()
    return home / "cache" if home else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    """The user's settings file (TOML)."""
    return config_dir() / "config.toml"


def user_routines_dir() -> Path:
    """The user's own routines; files here are loaded after the built-ins."""
    return config_dir() / "routines"


def journal_file() -> Path:
    """The SQLite journal of sessions."""
    return data_dir() / "coach.db"


def recovery_dir() -> Path:
    """Sessions the journal could not take when they ended (locked, disk full), one JSON file
    each, beside the journal; the next session start adds them to it and deletes them."""
    return journal_file().parent / "recovery"


def builtin_routines_dir() -> Path:
    """The routines shipped with coach.

    In an installed wheel they sit inside the package (``coach/routines``, put there by the
    build's force-include); in a source checkout or an editable install they are the
    top-level ``routines/`` folder beside the package.
    """
    package_dir = Path(__file__).resolve().parent
    packaged = package_dir / "routines"
    if packaged.is_dir():
        return packaged
    return package_dir.parent / "routines"


def make_private_dir(path: Path) -> None:
    """Make ``path`` and any missing parent readable by this user only (0700), whatever the
    umask: ``Path.mkdir(parents=True)`` gives the parents the umask's mode (0777 under umask
    000), and these folders hold health data. Folders that exist are left as they are."""
    missing: list[Path] = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another coach
            folder.mkdir(mode=0o700)
