"""How long a routine's plan lasts, checked once the routine is linked with its exercises.

A routine may last at most ``MAX_ROUTINE_S`` at speed 1; the model's ranges alone allowed 331
days (40 entries of ten sets of fifty long holds, per side, with long rests). The plan is never
built to find out, since a hostile file could ask for hundreds of thousands of steps. First a
lower bound is taken from the doses alone (``at_least_s``: the work, the get-ready time and the
rests between reps; no plan is shorter). Only when that is within the bound is the plan timed
exactly, by the plan compiler itself (``coach.engine.plan.entry_seconds``), which then makes at
most a few thousand steps' worth of drafts.

A routine that is too long is refused with a problem that names the key making it long: the
entry that takes most of the time (and the key it sets, such as its ``sets``), the rests between
exercises, or the list of entries when many short ones add up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.limits import MAX_ROUTINE_S
from coach.routine.model import BreathingDose, HoldDose, WalkDose
from coach.routine.problems import Problem, format_key
from coach.routine.reading import Parsed
from coach.textsafe import quoted_id
from coach.timefmt import words

if TYPE_CHECKING:
    from coach.routine.load import ResolvedRoutine, ResolvedUse

__all__ = ["at_least_s", "length_problem", "length_words"]

_BLAME_ORDER = (
    "sets",
    "reps",
    "breaths",
    "duration_s",
    "hold_s",
    "rest_between_reps_s",
    "rest_between_sets_s",
    "inhale_s",
    "exhale_s",
    "hold_in_s",
    "hold_out_s",
    "sides",
    "alternate_sides",
    "prepare_s",
    "switch_s",
)
"""The keys of an entry that lengthen it, the most likely culprit first."""


def length_words(seconds: int) -> str:
    """``7210`` -> ``2 h 10 s``; ``28_641_600`` -> ``331 days 12 h``; under an hour as
    ``timefmt.words``. Just over the bound must not read the same as the bound itself."""
    if seconds < 3600:
        return words(seconds)
    days, rest = divmod(seconds, 86_400)
    if days:
        hours = rest // 3600
        return f"{days} day{'s' if days != 1 else ''}" + (f" {hours} h" if hours else "")
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h", f"{minutes} min" if minutes else "", f"{secs} s" if secs else ""]
    return " ".join(part for part in parts if part)


def at_least_s(use: ResolvedUse) -> int:
    """A lower bound of one entry's seconds, from its dose alone (no steps are made).

    It counts the get-ready time, the work (holds, stretches, breaths, on each side) and, when
    the sides are not alternated, the rests between reps of a set; it leaves out switches and
    the rests between sets, so the plan is never shorter than this.
    """
    dose = use.dose
    sides = 2 if use.sides == "both" else 1
    alternating = use.alternate_sides and sides == 2
    if isinstance(dose, HoldDose):
        reps = sum(dose.sets)
        rests = 0 if alternating else (reps - len(dose.sets)) * dose.rest_between_reps_s
        one_side = reps * dose.hold_s + rests
    elif isinstance(dose, BreathingDose):
        one_side = dose.breath_count * dose.cycle_s
    elif isinstance(dose, WalkDose):
        return use.prepare_s + dose.minutes * 60  # a walk has no sides
    else:
        rests = 0 if alternating else (dose.reps - 1) * dose.rest_between_reps_s
        one_side = dose.reps * dose.hold_s + rests
    return use.prepare_s + sides * one_side


@dataclass(frozen=True)
class _Timing:
    """How long each entry lasts on its own, the rests between entries, and the total."""

    entries: list[int]
    between_s: int
    exact: bool

    @property
    def total(self) -> int:
        return sum(self.entries) + self.between_s


def _least(timing: _Timing) -> str:
    return "" if timing.exact else "at least "


def _timing(resolved: ResolvedRoutine) -> _Timing:
    from coach.engine.plan import entry_seconds  # the plan module imports this package

    rest = resolved.routine.rest_between_exercises_s
    between = rest * (len(resolved.uses) - 1)
    lower = [at_least_s(use) for use in resolved.uses]
    if sum(lower) + between > MAX_ROUTINE_S:
        return _Timing(lower, between, exact=False)
    with_rests = entry_seconds(resolved)
    own = [
        seconds - (rest if index < len(with_rests) - 1 else 0)
        for index, seconds in enumerate(with_rests)
    ]
    return _Timing(own, between, exact=True)


def _entry_blame(
    resolved: ResolvedRoutine, index: int, seconds: int, least: str
) -> tuple[str, str]:
    """The key of entry ``index`` that makes it long, and a few words on the entry."""
    from coach.routine.describe import describe_dose  # it imports the loader

    entry = resolved.routine.exercises[index]
    use = resolved.uses[index]
    given = entry.model_fields_set
    key = next((name for name in _BLAME_ORDER if name in given), "use")
    about = (
        f"entry {index + 1} ({quoted_id(use.exercise.id)}: {describe_dose(use)}) "
        f"lasts {least}{length_words(seconds)}"
    )
    if key == "use":
        about += ", with the dose of its exercise file"
    return format_key(("exercises", index, key)), about


def _blame(resolved: ResolvedRoutine, timing: _Timing) -> tuple[str, tuple[str | int, ...], str]:
    """The key that makes the routine long, where it is, and a few words on why.

    An entry that alone passes the bound, or takes half the time, is named with the key it sets
    (its ``sets``, say); else the rests between exercises if they take half the time; else the
    list of entries, many short ones adding up."""
    longest = max(range(len(timing.entries)), key=timing.entries.__getitem__)
    longest_s = timing.entries[longest]
    between_s = timing.between_s
    total = timing.total
    if longest_s > MAX_ROUTINE_S or (2 * longest_s >= total and longest_s >= between_s):
        key, about = _entry_blame(resolved, longest, longest_s, _least(timing))
        return key, ("exercises", longest, key.rsplit(".", 1)[-1]), about
    if 2 * between_s >= total:
        rests = len(timing.entries) - 1
        about = f"the {rests} rests between exercises last {length_words(between_s)}"
        return "rest_between_exercises_s", ("rest_between_exercises_s",), about
    return "exercises", ("exercises",), f"its {len(timing.entries)} entries add up"


def length_problem(resolved: ResolvedRoutine, parsed: Parsed) -> Problem | None:
    """A problem when the plan of ``resolved`` would last longer than ``MAX_ROUTINE_S``.

    The file's key lines are scanned only then (``parsed.lines``): scanning every routine
    would double the time the library takes to load."""
    timing = _timing(resolved)
    total = timing.total
    if total <= MAX_ROUTINE_S:
        return None
    key, loc, about = _blame(resolved, timing)
    least = _least(timing)
    message = (
        f"the plan would last {least}{length_words(total)} at speed 1, and a routine may last "
        f"at most {length_words(MAX_ROUTINE_S)}: {about}. Use fewer sets, reps or breaths, "
        "shorter holds or rests, or split it into several routines"
    )
    return Problem(resolved.path, parsed.lines.line_of(loc), key, message)
