"""The routine format: pydantic models, and loading files into them with located problems.

Free of any UI: nothing here imports Textual or Rich.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from coach import locations
from coach.routine.load import (
    Library,
    LoadedExercise,
    ResolvedRoutine,
    ResolvedUse,
    load_library,
)
from coach.routine.problems import Problem

__all__ = [
    "Library",
    "LoadedExercise",
    "Problem",
    "ResolvedRoutine",
    "ResolvedUse",
    "load_default_library",
    "load_library",
]


def load_default_library(extra_paths: Sequence[Path] = ()) -> Library:
    """Built-ins, then the user's routines folder, then ``extra_paths``."""
    return load_library(
        locations.builtin_routines_dir(), locations.user_routines_dir(), extra_paths
    )
