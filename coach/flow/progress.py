"""The progression ladder in the one flow: the plan at the routine's level, and after the
summary, a step back told with its reason or the next level offered.

Both front ends get this through the flow. The offer is a ``Choose`` whose default (Enter,
Escape, the end of input) is "not now": nothing is recorded and the offer stays on the home
screen and in ``coach progress``. "Stay at this level" records a decline (offered again after
two more tolerated sessions). Without a terminal nothing is asked: the flow says how to accept.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from coach.coaching.progression import TOLERATED_MEANS
from coach.flow.context import FlowContext
from coach.flow.questions import Choose, Option, Question, Tell, ask
from coach.journal.db import JournalError
from coach.routine import ResolvedRoutine
from coach.routine.levels import at_level, level_count, level_name
from coach.services.progress import (
    ProgressError,
    RoutineProgress,
    accept,
    decline,
    level_for,
    offer_sentence,
    progress_for,
)

__all__ = ["after_session", "at_current_level", "level_question"]

_UP, _STAY, _LATER = "up", "stay", "later"


def at_current_level(
    ctx: FlowContext, routine: ResolvedRoutine
) -> tuple[ResolvedRoutine, int | None]:
    """The routine at the level it is done at now, and that level (None without a ladder).
    A journal that cannot be read now (locked) gives level 1 rather than no session."""
    try:
        level = level_for(ctx.journal, routine)
    except JournalError:
        level = 1 if routine.routine.levels else None
    return (at_level(routine, level) if level else routine), level


def _offer_question(state: RoutineProgress, to_level: int) -> Choose:
    return Choose(
        "Next level?",
        f"{offer_sentence(state)} {TOLERATED_MEANS} You can choose another level any time "
        f"(coach progress set {state.routine_id} LEVEL).",
        (
            Option("y", f"Yes, level {to_level} next time", _UP),
            Option("s", "Stay at this level", _STAY),
            Option("l", "Not now", _LATER),
        ),
        default=_LATER,
        cancel=_LATER,
        cancel_label="not now",
    )


def after_session(
    ctx: FlowContext, routine: ResolvedRoutine, preview: bool
) -> Generator[Question[Any], object, None]:
    """After the summary: tell a step back with its reason, or offer the next level."""
    if preview or not routine.routine.levels:
        return
    try:
        state = progress_for(ctx.journal, routine, ctx.now())
    except JournalError:
        return  # worked out again (and told) next time
    if state is None:
        return
    if state.stepped_back is not None:
        text = f"{state.title}: next time at level {state.level}, {state.stepped_back.reason}."
        yield from ask(Tell(text, "advice", "A step back"))
        return
    offer = state.offer
    if offer is None:
        return
    if not ctx.interactive:
        line = f"{offer_sentence(state)} To take it: coach progress accept {state.routine_id}"
        yield from ask(Tell(line))
        return
    answer = yield from ask(_offer_question(state, offer.to_level))
    if answer == _LATER:
        return
    try:
        if answer == _UP:
            message = accept(ctx.journal, ctx.library, state.routine_id, ctx.now())
        else:
            message = decline(ctx.journal, ctx.library, state.routine_id, ctx.now())
    except (JournalError, ProgressError) as exc:
        message = f"Not recorded: {exc}"
    yield from ask(Tell(message))


def level_question(routine: ResolvedRoutine, current: int) -> Choose:
    """Choose a level yourself (the app's **l**; ``coach progress set`` on the command line):
    every level of the ladder by its number, the current one the default, Escape keeps it."""
    options = tuple(
        Option(
            str(number),
            f"Level {number}: {level_name(routine, number)}"
            + (" (now)" if number == current else ""),
            str(number),
        )
        for number in range(1, min(level_count(routine), 9) + 1)
    )
    return Choose(
        "Choose a level",
        f"{routine.routine.title}: going up is best after two sessions in a row went well "
        "(coach offers it); you may go back a level at any time.",
        options,
        default=str(current),
        cancel="",
        cancel_label="keep this level",
    )
