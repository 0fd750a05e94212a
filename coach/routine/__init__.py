"""The routine format: pydantic models, and loading files into them with located problems.

Free of any UI: nothing here imports Textual or Rich. The names below are imported on first
use (PEP 562), so importing one light submodule (``coach.routine.problems``, used by the
settings) does not build every pydantic model of the format.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_LAZY = {
    "Library": "coach.routine.load",
    "LoadedExercise": "coach.routine.load",
    "ResolvedRoutine": "coach.routine.load",
    "ResolvedUse": "coach.routine.load",
    "load_library": "coach.routine.load",
    "Problem": "coach.routine.problems",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'coach.routine' has no attribute {name!r}")


def load_default_library(extra_paths: Sequence[Path] = ()) -> Library:
    """Built-ins, then the user's routines folder, then ``extra_paths``."""
    from coach import locations
    from coach.routine.load import load_library

    return load_library(
        locations.builtin_routines_dir(), locations.user_routines_dir(), extra_paths
    )
