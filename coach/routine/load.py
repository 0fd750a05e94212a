"""Load routine and exercise files into validated models, collecting every problem.

Order: the built-ins, then the user's folder, then paths named on the command line. A later
routine or exercise with the same id replaces an earlier one (and the library remembers which
file it replaced, so ``coach routines list`` can say so). Two files of the *same* source with
one id are a problem. A broken file is reported and skipped; it never stops the others.

Within a folder, routine files sit at the top (``<id>.toml``) and exercise files in its
``exercises/`` sub-folder. A path given on the command line is an exercise file when it sits in
a folder named ``exercises``, and a routine file otherwise.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from coach.routine.model import (
    DOSE_MODELS,
    EXERCISE_MODELS,
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
)
from coach.routine.problems import Problem, describe_value, problems_from_validation
from coach.routine.toml_lines import KeyLines, scan_key_lines
from coach.safefile import UnreadableFileError, read_bounded

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

MAX_FILE_BYTES = 256 * 1024
"""Routine files are a few kilobytes; anything this large is not one."""

Source = Literal["built-in", "user", "command line"]
AnyExercise = HoldExercise | StretchExercise | BreathingExercise
AnyDose = HoldDose | StretchDose | BreathingDose

_SYNTAX_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_KEY_ON_LINE = re.compile(r"^\s*(\[{1,2}\s*[^\]=#]+|[A-Za-z0-9_\-\.\"' ]+?)\s*(=|\]|$)")


def _key_near(text: str, line: int) -> str | None:
    """The key or table written on ``line`` or the nearest line above (for syntax errors)."""
    lines = text.splitlines()
    for number in range(min(line, len(lines)), 0, -1):
        match = _KEY_ON_LINE.match(lines[number - 1])
        if match and match.group(1).strip() and match.group(2) is not None:
            return match.group(1).strip().lstrip("[").strip()
    return None


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


# -- allowed keys, for "did you mean" ---------------------------------------------------------


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin is not None:  # list[...], X | Y, Optional[...]: look inside
        for arg in typing.get_args(annotation):
            found.extend(_models_in(arg))
    return found


def _allowed_keys(model: type[BaseModel], table: tuple[str, ...] = ()) -> dict[Any, Any]:
    keys: dict[Any, Any] = {table: list(model.model_fields)}
    for name, info in model.model_fields.items():
        for sub in _models_in(info.annotation):
            keys.update(_allowed_keys(sub, (*table, name)))
    return keys


# -- reading one file ---------------------------------------------------------------------------


class _Parsed:
    """A parsed file. Its key lines are found only when a problem needs one: most files have
    none, and scanning every file would double the time it takes to load the library."""

    def __init__(self, path: Path, text: str, data: dict[str, Any]) -> None:
        self.path = path
        self.text = text
        self.data = data

    @cached_property
    def lines(self) -> KeyLines:
        """Where each key is written."""
        return scan_key_lines(self.text)


def _read_toml(path: Path, problems: list[Problem]) -> _Parsed | None:
    """Read and parse one file; on failure add a problem and return ``None``."""
    try:
        if path.is_dir():
            problems.append(Problem(path, None, None, "is a folder; expected a .toml file"))
            return None
        raw = read_bounded(path, MAX_FILE_BYTES)  # never a FIFO, a device or a huge file
    except UnreadableFileError as exc:
        problems.append(Problem(path, None, None, exc.reason))
        return None
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        problems.append(Problem(path, None, None, f"cannot be read: {reason}"))
        return None
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark (Windows editors) is harmless
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start : exc.start + 1].hex()
        message = f"is not UTF-8 text: byte 0x{byte} cannot be read (save the file as UTF-8)"
        key = _key_near(raw.decode("utf-8", errors="replace"), bad_line)
        problems.append(Problem(path, bad_line, key, message))
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _SYNTAX_POSITION.search(str(exc))
        line = int(match.group(1)) if match else None
        reason = _SYNTAX_POSITION.sub("", str(exc)).strip().rstrip(".")
        column = f" at column {match.group(2)}" if match else ""
        if line is None and "end of document" in reason:
            # Something left open (a list, a string) until the end: the last line is where
            # tomllib gave up; the key it belongs to is found from there.
            line = max(1, len(text.splitlines()))
            reason = reason.replace(" (at end of document)", "") + ": something is not closed"
        key = _key_near(text, line) if line else None
        problems.append(Problem(path, line, key, f"is not valid TOML: {reason}{column}"))
        return None
    except RecursionError:
        problems.append(Problem(path, None, None, "is not valid TOML: nested too deeply"))
        return None
    except ValueError as exc:  # e.g. an integer of more digits than Python will read
        problems.append(Problem(path, None, None, f"cannot be read: {exc}"))
        return None
    if not data:
        message = (
            "is empty; a routine needs title, purpose, summary and [[exercises]] "
            "(see coach routines schema)"
        )
        problems.append(Problem(path, 1, None, message))
        return None
    return _Parsed(path, text, data)


def _with_default_id(parsed: _Parsed) -> dict[str, Any]:
    data = dict(parsed.data)
    data.setdefault("id", parsed.path.stem)
    return data


def _parse_exercise(parsed: _Parsed, problems: list[Problem]) -> AnyExercise | None:
    data = _with_default_id(parsed)
    kind = data.get("kind")
    model = EXERCISE_MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        line = parsed.lines.line_of(("kind",))
        found = describe_value(kind) if "kind" in data else "nothing"
        message = f"expected one of 'hold', 'stretch', 'breathing', found {found}"
        problems.append(Problem(parsed.path, line, "kind", message))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(
            problems_from_validation(exc, parsed.path, parsed.lines, _allowed_keys(model))
        )
        return None


def _parse_routine(parsed: _Parsed, problems: list[Problem]) -> Routine | None:
    try:
        return Routine.model_validate(_with_default_id(parsed))
    except ValidationError as exc:
        problems.extend(
            problems_from_validation(exc, parsed.path, parsed.lines, _allowed_keys(Routine))
        )
        return None


# -- linking a routine to its exercises ---------------------------------------------------------


def _resolve_use(
    routine: Routine,
    index: int,
    use: ExerciseUse,
    exercises: dict[str, LoadedExercise],
    parsed: _Parsed,
    problems: list[Problem],
) -> ResolvedUse | None:
    loc: tuple[str | int, ...] = ("exercises", index)
    loaded = exercises.get(use.use)
    if loaded is None:
        close = [name for name in sorted(exercises) if name.startswith(use.use[:3])][:3]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        message = f"no exercise with id {use.use!r}{hint}"
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


def _link(
    routine: Routine,
    parsed: _Parsed,
    source: Source,
    exercises: dict[str, LoadedExercise],
    problems: list[Problem],
) -> ResolvedRoutine | None:
    before = len(problems)
    uses = [
        _resolve_use(routine, index, use, exercises, parsed, problems)
        for index, use in enumerate(routine.exercises)
    ]
    if len(problems) > before:
        return None
    return ResolvedRoutine(
        routine=routine,
        uses=tuple(use for use in uses if use is not None),
        path=parsed.path,
        source=source,
    )


# -- the library ----------------------------------------------------------------------------------


def _toml_files(folder: Path) -> list[Path]:
    try:
        return sorted(path for path in folder.iterdir() if path.suffix == ".toml")
    except OSError:
        return []


def _is_exercise_file(path: Path) -> bool:
    return path.parent.name == "exercises"


def load_library(
    builtin_dir: Path | None,
    user_dir: Path | None = None,
    extra_paths: Sequence[Path] = (),
) -> Library:
    """Load exercises and routines from every source, in override order.

    Missing folders are simply empty. Every problem is collected in ``Library.problems``;
    nothing here raises for bad input.
    """
    library = Library()
    folders: list[tuple[Source, Path]] = []
    if builtin_dir is not None:
        folders.append(("built-in", builtin_dir))
    if user_dir is not None:
        folders.append(("user", user_dir))

    routine_files: list[tuple[Source, _Parsed]] = []
    groups: list[tuple[Source, Iterable[Path], Iterable[Path]]] = [
        (source, _toml_files(folder / "exercises"), _toml_files(folder))
        for source, folder in folders
    ]
    extra = list(extra_paths)
    groups.append(
        (
            "command line",
            [path for path in extra if _is_exercise_file(path)],
            [path for path in extra if not _is_exercise_file(path)],
        )
    )

    for source, exercise_paths, routine_paths in groups:
        seen_exercises: dict[str, Path] = {}
        for path in exercise_paths:
            parsed = _read_toml(path, library.problems)
            exercise = _parse_exercise(parsed, library.problems) if parsed else None
            if parsed is None or exercise is None:
                continue
            if exercise.id in seen_exercises:
                _duplicate(library, parsed, exercise.id, seen_exercises[exercise.id])
                continue
            seen_exercises[exercise.id] = path
            library.exercises[exercise.id] = LoadedExercise(exercise, path, source)
        for path in routine_paths:
            parsed = _read_toml(path, library.problems)
            if parsed is not None:
                routine_files.append((source, parsed))

    seen_routines: dict[tuple[Source, str], Path] = {}
    for source, parsed in routine_files:
        routine = _parse_routine(parsed, library.problems)
        if routine is None:
            continue
        if (source, routine.id) in seen_routines:
            _duplicate(library, parsed, routine.id, seen_routines[(source, routine.id)])
            continue
        seen_routines[(source, routine.id)] = parsed.path
        resolved = _link(routine, parsed, source, library.exercises, library.problems)
        if resolved is None:
            continue
        previous = library.routines.get(routine.id)
        if previous is not None:
            resolved = ResolvedRoutine(
                resolved.routine, resolved.uses, resolved.path, source, replaces=previous.path
            )
        library.routines[routine.id] = resolved
    return library


def _duplicate(library: Library, parsed: _Parsed, item_id: str, first: Path) -> None:
    line = parsed.lines.line_of(("id",)) if "id" in parsed.data else 1
    message = f"duplicate id {item_id!r}: {first} already defines it"
    library.problems.append(Problem(parsed.path, line, "id", message))
