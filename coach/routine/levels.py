"""A routine's progression ladder: the routine as it is at level N, and the checks of its levels.

A routine file may declare ``[[levels]]`` (``coach.routine.model.Level``). Level 1 is the first
entry. A level is applied to the routine as written, never to another level, in three steps:

1. its ``sets`` become the sets of every hold exercise;
2. its ``[levels.exercises.<id>]`` overrides apply to every entry using that exercise;
3. each exercise named in ``harder`` is done as its ``harder`` variant: the variant's name is
   added to the exercise's, its setup (when given) replaces the setup and its text replaces
   the form cues, the way an easier variant replaces them when taken.

The engine plans whatever ``at_level`` returns; it knows nothing of ladders. The loader calls
``level_problems`` once a routine is linked, so a ladder that cannot be applied is a problem
in the file (with its line and key), like any other, and ``at_level`` never fails on a routine
that loaded.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from coach.routine.length import length_problem
from coach.routine.model import DOSE_MODELS, HoldDose, Level, Text, Variant
from coach.routine.problems import Problem, format_key, problems_from_validation
from coach.routine.reading import Parsed
from coach.textsafe import quoted_id

if TYPE_CHECKING:  # the loader imports this module
    from coach.routine.load import AnyDose, AnyExercise, ResolvedRoutine, ResolvedUse

__all__ = ["at_level", "harder_exercise", "level_count", "level_name", "level_problems"]

_SPOKEN_MAX = 60


def level_count(resolved: ResolvedRoutine) -> int:
    """How many levels the routine's ladder has (0: no ladder)."""
    return len(resolved.routine.levels)


def level_name(resolved: ResolvedRoutine, level: int) -> str:
    """The name of ``level`` (1-based), e.g. ``6-3-1``."""
    return resolved.routine.levels[level - 1].name


def _overrides(level: Level, use: ResolvedUse) -> dict[str, Any]:
    """The dose keys ``level`` sets for ``use``."""
    keys: dict[str, Any] = {}
    if level.sets is not None and isinstance(use.dose, HoldDose):
        keys["sets"] = list(level.sets)
    own = level.exercises.get(use.exercise.id)
    if own is not None:
        keys.update(own.model_dump(exclude_none=True))
    return keys


def _dose(use: ResolvedUse, keys: dict[str, Any]) -> AnyDose:
    """``use``'s dose with ``keys`` applied (raises ``ValidationError``)."""
    merged: dict[str, Any] = use.dose.model_dump()
    if "breaths" in keys:
        merged["duration_s"] = None
    if "duration_s" in keys:
        merged["breaths"] = None
    merged.update(keys)
    return DOSE_MODELS[use.exercise.kind].model_validate(merged)


def _spoken(words: str) -> str:
    return words[:_SPOKEN_MAX].rstrip()


def _joined_name(name: str, variant: str) -> str:
    """``Side bridge`` + ``Straight legs`` -> ``Side bridge, straight legs``."""
    tail = variant[:1].lower() + variant[1:] if variant[1:2].islower() else variant
    return f"{name}, {tail}"


def harder_exercise(exercise: AnyExercise, variant: Variant) -> AnyExercise:
    """``exercise`` done as its harder ``variant``: its words replace the exercise's."""
    cue = Text(text=variant.text, spoken=_spoken(variant.name))
    update: dict[str, Any] = {
        "name": _joined_name(exercise.name, variant.name),
        "spoken_name": _spoken(_joined_name(exercise.spoken_name, variant.name)),
        "cues": [cue],
        "harder": None,
    }
    setup = None
    if variant.setup is not None:
        setup = Text(text=variant.setup, spoken=_spoken(variant.name))
        update["setup"] = setup
    if exercise.central is not None:
        central: dict[str, Any] = {"cues": [cue]}
        if setup is not None:
            central["setup"] = setup
        update["central"] = exercise.central.model_copy(update=central)
    return exercise.model_copy(update=update)


def at_level(resolved: ResolvedRoutine, level: int) -> ResolvedRoutine:
    """The routine as planned at ``level`` (1-based; clamped to the ladder). A routine without
    a ladder is returned as it is. The fingerprint follows, so history tells levels apart."""
    levels = resolved.routine.levels
    if not levels:
        return resolved
    chosen = levels[min(max(level, 1), len(levels)) - 1]
    uses: list[ResolvedUse] = []
    for use in resolved.uses:
        keys = _overrides(chosen, use)
        changed = replace(use, dose=_dose(use, keys)) if keys else use
        variant = use.exercise.harder
        if use.exercise.id in chosen.harder and variant is not None:
            changed = replace(changed, exercise=harder_exercise(use.exercise, variant))
        uses.append(changed)
    return replace(resolved, uses=tuple(uses))


# -- checks ----------------------------------------------------------------------------------------


def _problem(parsed: Parsed, loc: tuple[str | int, ...], message: str) -> Problem:
    return Problem(parsed.path, parsed.lines.line_of(loc), format_key(loc), message)


def _exercise_problems(
    resolved: ResolvedRoutine, index: int, level: Level, parsed: Parsed
) -> list[Problem]:
    """Ids in ``exercises`` and ``harder`` that the routine does not use or cannot take."""
    problems: list[Problem] = []
    by_id = {use.exercise.id: use for use in resolved.uses}
    used = ", ".join(by_id)
    for exercise_id in level.exercises:
        if exercise_id not in by_id:
            loc: tuple[str | int, ...] = ("levels", index, "exercises", exercise_id)
            message = f"the routine does not use {quoted_id(exercise_id)} (it uses {used})"
            problems.append(_problem(parsed, loc, message))
    for position, exercise_id in enumerate(level.harder):
        loc = ("levels", index, "harder", position)
        use = by_id.get(exercise_id)
        if use is None:
            message = f"the routine does not use {quoted_id(exercise_id)} (it uses {used})"
            problems.append(_problem(parsed, loc, message))
        elif use.exercise.harder is None:
            message = f"{quoted_id(exercise_id)} has no harder variant in its exercise file"
            problems.append(_problem(parsed, loc, message))
    if level.sets is not None and not any(isinstance(u.dose, HoldDose) for u in resolved.uses):
        message = "sets apply to hold exercises, and this routine has none"
        problems.append(_problem(parsed, ("levels", index, "sets"), message))
    return problems


def _dose_problems(
    resolved: ResolvedRoutine, index: int, level: Level, parsed: Parsed
) -> list[Problem]:
    """Dose keys that do not apply to the exercise's kind, or give an impossible dose."""
    problems: list[Problem] = []
    for use in resolved.uses:
        own = level.exercises.get(use.exercise.id)
        if own is None:
            continue
        loc: tuple[str | int, ...] = ("levels", index, "exercises", use.exercise.id)
        allowed = set(DOSE_MODELS[use.exercise.kind].model_fields)
        wrong = [key for key in own.model_dump(exclude_none=True) if key not in allowed]
        for key in wrong:
            message = (
                f"does not apply to {quoted_id(use.exercise.id)}, a {use.exercise.kind} "
                f"exercise (its dose keys: {', '.join(sorted(allowed))})"
            )
            problems.append(_problem(parsed, (*loc, key), message))
        if wrong:
            continue
        try:
            _dose(use, _overrides(level, use))
        except ValidationError as exc:
            problems.extend(problems_from_validation(exc, parsed.path, parsed.lines, prefix=loc))
    return problems


def level_problems(resolved: ResolvedRoutine, parsed: Parsed) -> list[Problem]:
    """Every problem of the routine's ladder; each level's plan is timed only when it can be
    built, and a level that lasts too long is named with its line."""
    problems: list[Problem] = []
    for index, level in enumerate(resolved.routine.levels):
        found = _exercise_problems(resolved, index, level, parsed)
        found += _dose_problems(resolved, index, level, parsed)
        problems += found
        if found:
            continue
        too_long = length_problem(at_level(resolved, index + 1), parsed)
        if too_long is not None:
            message = f"level {index + 1} ({level.name!r}): {too_long.message}"
            problems.append(_problem(parsed, ("levels", index), message))
    return problems
