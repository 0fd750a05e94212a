"""Which routine a name means: an id from the library or the path of a routine file.

One place for it, so ``coach start daily-cor`` gives the same answer (exit 1, the known ids,
the nearest match) with or without a terminal, before any screen opens.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from coach.routine import Library, ResolvedRoutine, load_default_library
from coach.routine.problems import Problem
from coach.textsafe import quoted_id, visible

__all__ = ["BREATHING_ROUTINE", "FLARE_ROUTINE", "Found", "NotFound", "is_flare", "resolve_routine"]

FLARE_ROUTINE = "flare-up"
"""The built-in flare-up protocol, offered when pain is high."""
BREATHING_ROUTINE = "diaphragmatic-breathing"
"""Breathing only: with heat, what a red pain score suggests (shared/DOMAIN.md section 4)."""


def is_flare(routine: ResolvedRoutine) -> bool:
    """A flare routine needs a current red-flag check and is recorded as a flare session."""
    return routine.routine.purpose == "flare"


@dataclass(frozen=True)
class Found:
    """The routine, and the library it was found in (for switching to flare-up)."""

    library: Library
    routine: ResolvedRoutine


@dataclass(frozen=True)
class NotFound:
    """Why nothing was found: a message, and the problems of a broken file if that is why."""

    message: str
    problems: list[Problem] = field(default_factory=list)


def _looks_like_path(name: str) -> bool:
    return name.endswith(".toml") or "/" in name


def find_in(library: Library, name: str) -> Found | NotFound:
    """A routine by id in a loaded library."""
    if name in library.routines:
        return Found(library, library.routines[name])
    broken = [p for p in library.problems if p.path.stem == name]
    if broken:
        return NotFound(f"routine {quoted_id(name)} could not be loaded:", broken)
    known = sorted(library.routines)
    near = difflib.get_close_matches(name, known, n=1)
    hint = f" Did you mean {quoted_id(near[0])}?" if near else ""
    listed = ", ".join(known) or "none"
    return NotFound(f"no routine {quoted_id(name)}.{hint} Known routines: {listed}")


def resolve_routine(name: str, library: Library | None = None) -> Found | NotFound:
    """Find ``name`` (an id, or a path to a routine file, loaded on top of the library)."""
    candidate = Path(name)
    if not _looks_like_path(name) and not candidate.is_dir():
        return find_in(library if library is not None else load_default_library(), name)
    library = load_default_library([candidate])
    matches = [r for r in library.routines.values() if r.path == candidate]
    if matches:
        return Found(library, matches[0])
    problems = library.problems_for(candidate)
    return NotFound(f"{visible(name)}: no routine was loaded from this file", problems)
