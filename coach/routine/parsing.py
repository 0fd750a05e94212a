"""A parsed file into a model: an exercise or a routine, every problem located and worded.

Two mistakes get a message of their own rather than pydantic's: a file that sets no ``id`` and
whose name is not one (``Daily Core.toml``), and a file read as the other kind (a routine in an
``exercises`` folder, an exercise outside one), which would otherwise bury the cause under a
dozen "unknown key" problems.
"""

from __future__ import annotations

import re
import typing
import unicodedata
from typing import Any

from pydantic import BaseModel, ValidationError

from coach.routine.model import (
    EXERCISE_MODELS,
    BreathingExercise,
    HoldExercise,
    Routine,
    StretchExercise,
    WalkExercise,
)
from coach.routine.names import ID_PATTERN
from coach.routine.problems import Problem, describe_value, problems_from_validation
from coach.routine.reading import Parsed
from coach.textsafe import quoted_id

__all__ = ["id_like", "parse_exercise", "parse_routine"]

AnyExercise = HoldExercise | StretchExercise | BreathingExercise | WalkExercise


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
    """The keys each table of ``model`` accepts, for "did you mean" on an unknown key."""
    keys: dict[Any, Any] = {table: list(model.model_fields)}
    for name, info in model.model_fields.items():
        for sub in _models_in(info.annotation):
            keys.update(_allowed_keys(sub, (*table, name)))
    return keys


def id_like(name: str) -> str:
    """``Daily Core`` -> ``daily-core``: the id a name was probably meant to be ('' if none).

    Accents are dropped and invisible characters with them (``daily\\u200bcore`` ->
    ``dailycore``); every other run of characters an id may not have becomes one hyphen.
    """
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60].strip("-")


def _file_name_id_problem(parsed: Parsed) -> Problem:
    stem = parsed.path.stem
    meant = id_like(stem)
    if meant and re.fullmatch(ID_PATTERN, meant):
        fix = f'rename the file to {meant}.toml, or add id = "{meant}" as its first line'
    else:
        fix = 'rename the file, or add id = "..." as its first line'
    message = (
        f"the file sets no id, so its name {quoted_id(stem)} is the id, and an id is "
        f"lower-case words joined by hyphens (like daily-core, at most 60 characters): {fix}"
    )
    return Problem(parsed.path, None, "id", message)


def _validation_problems(
    exc: ValidationError, parsed: Parsed, model: type[BaseModel]
) -> list[Problem]:
    problems = problems_from_validation(exc, parsed.path, parsed.lines, _allowed_keys(model))
    if "id" in parsed.data:
        return problems
    return [_file_name_id_problem(parsed) if p.key == "id" else p for p in problems]


def _with_default_id(parsed: Parsed) -> dict[str, Any]:
    data = dict(parsed.data)
    data.setdefault("id", parsed.path.stem)
    return data


def parse_exercise(parsed: Parsed, problems: list[Problem]) -> AnyExercise | None:
    """The exercise ``parsed`` holds, or None after adding its problems."""
    data = _with_default_id(parsed)
    kind = data.get("kind")
    model = EXERCISE_MODELS.get(kind) if isinstance(kind, str) else None
    if model is None and "kind" not in data and "exercises" in data:
        message = (
            "this is a routine ([[exercises]], no kind), but it sits in a folder named "
            "exercises, where exercise files go: move it to the folder above"
        )
        problems.append(Problem(parsed.path, parsed.lines.line_of(("exercises",)), None, message))
        return None
    if model is None:
        line = parsed.lines.line_of(("kind",))
        found = describe_value(kind) if "kind" in data else "nothing"
        message = f"expected one of 'hold', 'stretch', 'breathing', 'walk', found {found}"
        problems.append(Problem(parsed.path, line, "kind", message))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(_validation_problems(exc, parsed, model))
        return None


def parse_routine(parsed: Parsed, problems: list[Problem]) -> Routine | None:
    """The routine ``parsed`` holds, or None after adding its problems."""
    if "kind" in parsed.data and "exercises" not in parsed.data:
        message = (
            "this is an exercise (it has a kind, no [[exercises]]), but it is read as a "
            "routine: exercise files go in a folder named exercises (routines/exercises/)"
        )
        problems.append(Problem(parsed.path, parsed.lines.line_of(("kind",)), None, message))
        return None
    try:
        return Routine.model_validate(_with_default_id(parsed))
    except ValidationError as exc:
        problems.extend(_validation_problems(exc, parsed, Routine))
        return None
