"""Load routine and exercise files into validated models, collecting every problem.

Order: the built-ins, then the user's folder, then paths named on the command line. A later
routine or exercise with the same id replaces an earlier one (and the library remembers which
file it replaced, so ``coach routines list`` can say so). Two files of the *same* source with
one id are a problem. A broken file is reported and skipped; it never stops the others.

Within a folder, routine files sit at the top (``<id>.toml``) and exercise files in its
``exercises/`` sub-folder (``coach.routine.folders`` finds them, and says when a folder cannot
be read). A path given on the command line is an exercise file when it sits in a folder named
``exercises``, and a routine file otherwise; a file named there is read once, as named.

A routine is linked with the exercises of the latest source (your ``curl-up`` replaces the
built-in one everywhere). When a later exercise breaks an earlier routine (your ``curl-up`` is a
stretch; a built-in routine sets ``sets`` on it), that routine keeps the version it was written
for and the problem is told in the later exercise's file, naming the routine: a built-in routine
such as the flare-up protocol stays usable whatever your files say.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from coach.routine.folders import (
    EXERCISES,
    file_identity,
    is_exercise_path,
    toml_files,
    unique_files,
)
from coach.routine.length import length_problem
from coach.routine.levels import level_problems
from coach.routine.model import (
    DOSE_MODELS,
    BreathingDose,
    BreathingExercise,
    ExerciseUse,
    HoldDose,
    HoldExercise,
    Routine,
    SideOrder,
    Sides,
    StretchDose,
    StretchExercise,
    WalkDose,
    WalkExercise,
)
from coach.routine.parsing import parse_exercise, parse_routine
from coach.routine.problems import Problem, problems_from_validation
from coach.routine.reading import MAX_FILE_BYTES, Parsed, read_toml
from coach.routine.toml_lines import KeyLines
from coach.textsafe import quoted_id

__all__ = [
    "MAX_FILE_BYTES",
    "AnyDose",
    "AnyExercise",
    "Library",
    "LoadedExercise",
    "ResolvedRoutine",
    "ResolvedUse",
    "Source",
    "load_library",
]

Source = Literal["built-in", "user", "command line"]
AnyExercise = HoldExercise | StretchExercise | BreathingExercise | WalkExercise
AnyDose = HoldDose | StretchDose | BreathingDose | WalkDose

_DOSE_KEYS = frozenset().union(*(model.model_fields for model in DOSE_MODELS.values()))


@dataclass(frozen=True)
class LoadedExercise:
    """An exercise definition and the file it came from."""

    exercise: AnyExercise
    path: Path
    source: Source


@dataclass(frozen=True)
class ResolvedUse:
    """One exercise of a routine with everything decided: its text, its full dose, its sides."""

    exercise: AnyExercise
    dose: AnyDose
    sides: Sides
    alternate_sides: bool
    side_order: SideOrder
    prepare_s: int
    note: str | None
    switch_s: int = 5
    """Seconds to change sides: the entry's, else the exercise's, else the routine's."""
    note_with_side: str | None = None
    """Shown while getting ready only when a painful side was given."""


@dataclass(frozen=True)
class ResolvedRoutine:
    """A routine whose exercises are all found and whose doses are all complete."""

    routine: Routine
    uses: tuple[ResolvedUse, ...]
    path: Path
    source: Source
    replaces: Path | None = None

    @property
    def id(self) -> str:
        """The routine's id."""
        return self.routine.id

    @property
    def fingerprint(self) -> str:
        """A short hash of everything that shapes a session: routine, exercises and doses.

        The journal stores it so that a later change to a routine shows up in history.
        """
        content = {
            "routine": self.routine.model_dump(mode="json"),
            "uses": [
                {
                    "exercise": use.exercise.model_dump(mode="json"),
                    "dose": use.dose.model_dump(mode="json"),
                    "sides": use.sides,
                    "alternate_sides": use.alternate_sides,
                    "side_order": use.side_order,
                    "prepare_s": use.prepare_s,
                    "switch_s": use.switch_s,
                }
                for use in self.uses
            ],
        }
        blob = json.dumps(content, sort_keys=True, separators=(",", ":")).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


@dataclass
class Library:
    """Everything that loaded, and everything that did not."""

    routines: dict[str, ResolvedRoutine] = field(default_factory=dict)
    exercises: dict[str, LoadedExercise] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def problems_for(self, path: Path) -> list[Problem]:
        """The problems found in one file."""
        return [problem for problem in self.problems if problem.path == path]


# -- linking a routine to its exercises ---------------------------------------------------------


def _resolve_use(
    routine: Routine,
    index: int,
    use: ExerciseUse,
    exercises: dict[str, LoadedExercise],
    parsed: Parsed,
    problems: list[Problem],
) -> ResolvedUse | None:
    loc: tuple[str | int, ...] = ("exercises", index)
    loaded = exercises.get(use.use)
    if loaded is None:
        close = [name for name in sorted(exercises) if name.startswith(use.use[:3])][:3]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        message = f"no exercise with id {quoted_id(use.use)}{hint}"
        line = parsed.lines.line_of((*loc, "use"))
        problems.append(Problem(parsed.path, line, f"exercises[{index + 1}].use", message))
        return None
    exercise = loaded.exercise
    overrides = use.model_dump(include=set(_DOSE_KEYS), exclude_none=True)
    allowed = set(DOSE_MODELS[exercise.kind].model_fields)
    ok = True
    for key in overrides:
        if key not in allowed:
            ok = False
            message = (
                f"does not apply to {exercise.id!r}, a {exercise.kind} exercise "
                f"(its dose keys: {', '.join(sorted(allowed))})"
            )
            line = parsed.lines.line_of((*loc, key))
            problems.append(Problem(parsed.path, line, f"exercises[{index + 1}].{key}", message))
    sides = use.sides or exercise.sides
    if use.sides is not None and use.sides != exercise.sides:
        problem = exercise.without_side_problem(sides)
        if problem is not None:
            ok = False
            line = parsed.lines.line_of((*loc, "sides"))
            message = f"{use.sides!r} does not suit {exercise.id!r}: {problem}"
            problems.append(Problem(parsed.path, line, f"exercises[{index + 1}].sides", message))
    if not ok:
        return None
    merged: dict[str, Any] = exercise.dose.model_dump()
    if "breaths" in overrides:
        merged["duration_s"] = None
    if "duration_s" in overrides:
        merged["breaths"] = None
    merged.update(overrides)
    try:
        dose = DOSE_MODELS[exercise.kind].model_validate(merged)
    except ValidationError as exc:
        problems.extend(problems_from_validation(exc, parsed.path, parsed.lines, prefix=loc))
        return None
    return ResolvedUse(
        exercise=exercise,
        dose=dose,
        sides=sides,
        alternate_sides=(
            use.alternate_sides if use.alternate_sides is not None else exercise.alternate_sides
        ),
        side_order=use.side_order or exercise.side_order,
        prepare_s=use.prepare_s if use.prepare_s is not None else routine.prepare_s,
        note=use.note,
        switch_s=next(
            seconds
            for seconds in (use.switch_s, exercise.switch_s, routine.switch_s)
            if seconds is not None
        ),
        note_with_side=use.note_with_side,
    )


@dataclass(frozen=True)
class _Linked:
    """A routine linked with its exercises, or the problems that stopped it (by exercise id:
    the first problem of an entry using it; the length problem for every one of them)."""

    resolved: ResolvedRoutine | None
    problems: list[Problem]
    blamed: dict[str, Problem]


def _link(
    routine: Routine, parsed: Parsed, source: Source, exercises: dict[str, LoadedExercise]
) -> _Linked:
    problems: list[Problem] = []
    blamed: dict[str, Problem] = {}
    uses: list[ResolvedUse] = []
    for index, use in enumerate(routine.exercises):
        before = len(problems)
        resolved_use = _resolve_use(routine, index, use, exercises, parsed, problems)
        if resolved_use is not None:
            uses.append(resolved_use)
        elif len(problems) > before:
            blamed.setdefault(use.use, problems[before])
    if problems:
        return _Linked(None, problems, blamed)
    resolved = ResolvedRoutine(routine=routine, uses=tuple(uses), path=parsed.path, source=source)
    too_long = length_problem(resolved, parsed)
    if too_long is not None:
        return _Linked(None, [too_long], {use.use: too_long for use in routine.exercises})
    ladder = level_problems(resolved, parsed)
    if ladder:
        return _Linked(None, ladder, {use.use: ladder[0] for use in routine.exercises})
    return _Linked(resolved, [], {})


# -- a routine broken by a later file's exercise ---------------------------------------------------

_ORDER: dict[Source, int] = {"built-in": 0, "user": 1, "command line": 2}


def _cause_key(yours: AnyExercise, theirs: AnyExercise) -> str:
    """The key of ``yours`` that most likely keeps a routine written for ``theirs`` from it."""
    if yours.kind != theirs.kind:
        return "kind"
    return "sides" if yours.sides != theirs.sides else "dose"


@dataclass
class _Versions:
    """Every loaded version of each exercise (in load order) and the parsed file of each."""

    of: dict[str, list[LoadedExercise]] = field(default_factory=dict)
    parsed: dict[Path, Parsed] = field(default_factory=dict)

    def add(self, loaded: LoadedExercise, parsed: Parsed) -> None:
        self.of.setdefault(loaded.exercise.id, []).append(loaded)
        self.parsed[loaded.path] = parsed

    def latest_up_to(self, exercise_id: str, source: Source) -> LoadedExercise | None:
        """The version a routine of ``source`` was written against: the last from a source
        loaded no later than its own."""
        fitting = [v for v in self.of.get(exercise_id, []) if _ORDER[v.source] <= _ORDER[source]]
        return fitting[-1] if fitting else None


def _broken_by(
    yours: LoadedExercise,
    theirs: LoadedExercise,
    routine: Routine,
    cause: Problem,
    lines: KeyLines,
) -> Problem:
    """The problem, told in the file of ``yours``, that it breaks ``routine``."""
    key = _cause_key(yours.exercise, theirs.exercise)
    exercise_id = quoted_id(yours.exercise.id)
    message = (
        f"this exercise replaces the {theirs.source} {exercise_id} ({theirs.path}), but the "
        f"{theirs.source} routine {quoted_id(routine.id)} cannot use yours: {cause}. That "
        f"routine keeps using the {theirs.source} {exercise_id}; to use yours in it, keep its "
        f"{key} as it was, or give yours an id of its own"
    )
    return Problem(yours.path, lines.line_of((key,)), key, message)


def _link_or_fall_back(
    routine: Routine, parsed: Parsed, source: Source, library: Library, versions: _Versions
) -> ResolvedRoutine | None:
    """Link ``routine``; when an exercise from a later source (your file replacing a built-in)
    is what breaks it, link it with the version it was written for instead and tell it in the
    later exercise's file. A built-in routine (the flare-up protocol above all) stays usable
    whatever your exercise files say."""
    linked = _link(routine, parsed, source, library.exercises)
    if linked.resolved is not None:
        return linked.resolved
    fallback: dict[str, tuple[LoadedExercise, LoadedExercise]] = {}
    for exercise_id in linked.blamed:
        yours = library.exercises.get(exercise_id)
        theirs = versions.latest_up_to(exercise_id, source)
        if yours is not None and theirs is not None and yours is not theirs:
            fallback[exercise_id] = (yours, theirs)
    if fallback:
        older = {exercise_id: pair[1] for exercise_id, pair in fallback.items()}
        retry = _link(routine, parsed, source, {**library.exercises, **older})
        if retry.resolved is not None:
            for exercise_id, (yours, theirs) in fallback.items():
                lines = versions.parsed[yours.path].lines
                cause = linked.blamed[exercise_id]
                library.problems.append(_broken_by(yours, theirs, routine, cause, lines))
            return retry.resolved
    library.problems.extend(linked.problems)
    return None


# -- the library ----------------------------------------------------------------------------------


def _groups(
    folders: list[tuple[Source, Path]], extra: list[Path], problems: list[Problem]
) -> list[tuple[Source, list[Path], list[Path]]]:
    """(source, exercise files, routine files) in load order. A file named on the command line
    is read once, as named there, even when it also sits in one of the folders."""
    named = unique_files(extra)
    identities = {file_identity(path) for path in named} if named else set()

    def not_named(paths: list[Path]) -> list[Path]:
        return [path for path in paths if not identities or file_identity(path) not in identities]

    groups: list[tuple[Source, list[Path], list[Path]]] = []
    for source, folder in folders:
        routine_paths = toml_files(folder, problems)
        broken = any(problem.path == folder for problem in problems)
        exercise_paths = [] if broken else toml_files(folder / EXERCISES, problems)
        groups.append((source, not_named(exercise_paths), not_named(routine_paths)))
    exercises = [path for path in named if is_exercise_path(path)]
    routines = [path for path in named if not is_exercise_path(path)]
    groups.append(("command line", exercises, routines))
    return groups


def load_library(
    builtin_dir: Path | None,
    user_dir: Path | None = None,
    extra_paths: Sequence[Path] = (),
) -> Library:
    """Load exercises and routines from every source, in override order.

    Missing folders are simply empty; a folder that is there but cannot be listed is a problem.
    Every problem is collected in ``Library.problems``; nothing here raises for bad input.
    """
    library = Library()
    folders: list[tuple[Source, Path]] = []
    if builtin_dir is not None:
        folders.append(("built-in", builtin_dir))
    if user_dir is not None:
        folders.append(("user", user_dir))

    versions = _Versions()
    routine_files: list[tuple[Source, Parsed]] = []
    for source, exercise_paths, routine_paths in _groups(
        folders, list(extra_paths), library.problems
    ):
        seen_exercises: dict[str, Path] = {}
        for path in exercise_paths:
            parsed = read_toml(path, library.problems)
            exercise = parse_exercise(parsed, library.problems) if parsed else None
            if parsed is None or exercise is None:
                continue
            if exercise.id in seen_exercises:
                _duplicate(library, parsed, exercise.id, seen_exercises[exercise.id])
                continue
            seen_exercises[exercise.id] = path
            loaded = LoadedExercise(exercise, path, source)
            versions.add(loaded, parsed)
            library.exercises[exercise.id] = loaded
        for path in routine_paths:
            parsed = read_toml(path, library.problems)
            if parsed is not None:
                routine_files.append((source, parsed))

    seen_routines: dict[tuple[Source, str], Path] = {}
    for source, parsed in routine_files:
        routine = parse_routine(parsed, library.problems)
        if routine is None:
            continue
        if (source, routine.id) in seen_routines:
            _duplicate(library, parsed, routine.id, seen_routines[(source, routine.id)])
            continue
        seen_routines[(source, routine.id)] = parsed.path
        resolved = _link_or_fall_back(routine, parsed, source, library, versions)
        if resolved is None:
            continue
        previous = library.routines.get(routine.id)
        if previous is not None:
            resolved = ResolvedRoutine(
                resolved.routine, resolved.uses, resolved.path, source, replaces=previous.path
            )
        library.routines[routine.id] = resolved
    return library


def _duplicate(library: Library, parsed: Parsed, item_id: str, first: Path) -> None:
    line = parsed.lines.line_of(("id",)) if "id" in parsed.data else 1
    message = f"duplicate id {quoted_id(item_id)}: {first} already defines it"
    library.problems.append(Problem(parsed.path, line, "id", message))
