"""Which files the loader reads: the routines folders, and paths named on the command line.

A routines folder that is missing is simply empty: a new user has none. One that is there but
cannot be listed (a file where the folder should be, a link to nothing, no permission) is a
problem that names the folder and the fix: otherwise every routine in it would vanish without
a word and ``coach doctor`` would say "0 of yours".

A path named on the command line is an exercise file when it sits in a folder named
``exercises``, as the path is written (``x.toml`` from inside ``exercises/`` counts) or once its
links are followed (a link elsewhere to an exercise file counts); a routine file otherwise.
The same file named twice, or named and also found in a folder, is read once.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from coach.routine.problems import Problem
from coach.safefile import file_kind

__all__ = ["file_identity", "folder_problem", "is_exercise_path", "toml_files", "unique_files"]

EXERCISES = "exercises"
"""The sub-folder (and the folder name on the command line) that holds exercise files."""


def _missing_link_problem(folder: Path) -> Problem | None:
    """A link to nothing where the folder should be, or None when nothing is there at all."""
    try:
        target = folder.readlink()
    except OSError:
        return None
    message = (
        f"is a link to {target}, which does not exist, so nothing in it is loaded: "
        f"fix the link, or remove it (rm {folder}) if you have no routines of your own"
    )
    return Problem(folder, None, None, message)


def folder_problem(folder: Path) -> Problem | None:
    """Why ``folder`` cannot be listed, with the fix; None when it can, or is simply missing."""
    try:
        info = folder.stat()
    except FileNotFoundError:
        return _missing_link_problem(folder)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return Problem(folder, None, None, f"cannot be opened ({reason}), so nothing in it loads")
    if not stat.S_ISDIR(info.st_mode):
        what = "a file" if stat.S_ISREG(info.st_mode) else file_kind(info.st_mode)
        message = (
            f"is {what}, not a folder, so nothing in it loads: move it away "
            f"(mv {folder} {folder}.old) and make the folder (mkdir {folder})"
        )
        return Problem(folder, None, None, message)
    if not os.access(folder, os.R_OK | os.X_OK):
        message = (
            f"cannot be read (no permission), so nothing in it loads: "
            f"let yourself read it (chmod u+rx {folder})"
        )
        return Problem(folder, None, None, message)
    return None


def toml_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The ``.toml`` files in ``folder``, sorted; a folder that cannot be listed is a problem."""
    problem = folder_problem(folder)
    if problem is not None:
        problems.append(problem)
        return []
    try:
        return sorted(path for path in folder.iterdir() if path.suffix == ".toml")
    except FileNotFoundError:  # removed a moment ago
        return []
    except OSError as exc:
        problems.append(Problem(folder, None, None, f"cannot be listed: {exc.strerror or exc}"))
        return []


def is_exercise_path(path: Path) -> bool:
    """True when ``path`` sits in a folder named ``exercises``, as written or as linked."""
    try:
        if path.absolute().parent.name == EXERCISES:
            return True
        return path.resolve().parent.name == EXERCISES
    except (OSError, RuntimeError, ValueError):  # no working folder, a link loop
        return False


def file_identity(path: Path) -> object:
    """What tells two names of one file apart from two files: device and inode, when the file
    exists; else its absolute path."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        try:
            return path.absolute()
        except OSError:  # no working folder
            return path
    return (info.st_dev, info.st_ino)


def unique_files(paths: Iterable[Path]) -> list[Path]:
    """``paths`` without the later names of a file already named (first names kept, in order)."""
    seen: set[object] = set()
    unique: list[Path] = []
    for path in paths:
        identity = file_identity(path)
        if identity not in seen:
            seen.add(identity)
            unique.append(path)
    return unique
