"""The traffic light at the start of a session, asked: what each light offers, and the default.

The bands and words are ``coach.coaching.traffic``'s; this module turns them into a question.
Green runs the routine as planned. Amber offers the easier variants (the default), the
flare-up protocol, or the routine as planned. Red first shows the red flags when a check is
due, then offers breathing and heat only (the default), the flare-up protocol, the easier
variants or the routine as planned. A rise kept from the last session makes the easier
variants the default even on a green day. Without a terminal it is one line, never a switch.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from coach.coaching import after
from coach.coaching.traffic import Light, light_for, light_text
from coach.flow.context import FlowContext, FlowRequest, Keys, remember
from coach.flow.gate import check_red_flags
from coach.flow.questions import Choose, Option, Question, Tell, ask
from coach.flow.resolve import BREATHING_ROUTINE, FLARE_ROUTINE
from coach.routine import ResolvedRoutine

__all__ = ["Choice", "traffic_light"]

Choice = str
"""``as-planned``, ``easier``, ``breathing``, ``flare`` or ``stop``."""


def _has_easier(routine: ResolvedRoutine) -> bool:
    return any(use.exercise.easier is not None for use in routine.uses)


def _options(ctx: FlowContext, routine: ResolvedRoutine, light: Light | None) -> list[Option]:
    known = ctx.library.routines
    options = []
    if light is Light.RED and BREATHING_ROUTINE in known:
        options.append(Option("b", "Breathing and heat only", "breathing"))
    if _has_easier(routine):
        options.append(Option("e", "The easier variants", "easier"))
    if FLARE_ROUTINE in known and light is not None and light is not Light.GREEN:
        options.append(Option("f", "The flare-up protocol (breathing, gentle stretches)", "flare"))
    options.append(Option("p", f"{routine.routine.title}, as planned", "as-planned"))
    options.append(Option("s", "Stop for today", "stop"))
    return options


def _default(options: list[Option], light: Light | None) -> str:
    """The safer choice: breathing, then flare-up, at red; the easier variants otherwise."""
    values = [option.value for option in options]
    wanted = ["breathing", "flare", "easier"] if light is Light.RED else ["easier", "flare"]
    return next((value for value in wanted if value in values), values[0])


def _lines(ctx: FlowContext, pain: int | None) -> tuple[list[str], Light | None]:
    kept = after.GentlerNext.from_meta(ctx.journal.get_meta(Keys.GENTLER_NEXT))
    if kept is not None:
        remember(ctx, Keys.GENTLER_NEXT, "")  # said once, at this start
    light = light_for(pain, ctx.red_from)
    lines = [] if kept is None else [after.gentler_note(kept)]
    if light is not None and pain is not None and light is not Light.GREEN:
        lines.append(light_text(light, pain))
    return lines, light


def traffic_light(
    ctx: FlowContext, request: FlowRequest, pain: int | None
) -> Generator[Question[Any], object, Choice]:
    """What to run today, given the score before (and a rise kept from last time)."""
    lines, light = _lines(ctx, pain)
    if not lines:
        return "as-planned"
    if not ctx.interactive:
        for line in lines:  # without a terminal: a suggestion, never a switch
            yield from ask(Tell(line))
        return "as-planned"
    if light is Light.RED:
        checked = yield from check_red_flags(ctx, request)
        if checked.exit_code:
            return "stop"
    options = _options(ctx, request.routine, light)
    title = f"Pain {pain} of 10" if pain is not None else "A gentler start"
    question = Choose(title, " ".join(lines), tuple(options), _default(options, light), "stop")
    return (yield from ask(question))
