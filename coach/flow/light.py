"""The traffic light at the start of a session, asked: what each light offers, and the default.

The bands and words are ``coach.coaching.traffic``'s; this module turns them into a question.
Green runs the routine as planned. Amber offers the easier variants (the default), the
flare-up protocol, or the routine as planned. Red first shows the red flags when a check is
due, then offers breathing and heat only (the default) or the flare-up protocol; the routine
as planned stays possible, named for what it is. A rise kept from an earlier day makes the
easier variants the default even on a green day; a rise earlier the same day means no more
loaded holds today, so the easier variants are not offered either. Without a terminal it is
one line, never a switch.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import Any, Literal, cast

from coach.coaching import after
from coach.coaching.traffic import Light, light_for, light_text
from coach.flow.context import FlowContext, FlowRequest, Keys, remember
from coach.flow.gate import check_red_flags
from coach.flow.questions import Choose, Option, Question, Tell, ask
from coach.flow.resolve import BREATHING_ROUTINE, FLARE_ROUTINE
from coach.routine import ResolvedRoutine

__all__ = ["Choice", "traffic_light"]

Choice = Literal["as-planned", "easier", "breathing", "flare", "stop"]
"""What the traffic light settled (the values of its options)."""


@dataclass(frozen=True)
class _Today:
    """What the start knows: the light, a rise kept from before, and whether it was today."""

    light: Light | None
    lines: list[str]
    kept: after.GentlerNext | None
    rose_today: bool

    @property
    def holds_ok(self) -> bool:
        """Loaded holds (even the easier variants) are fine today: not red, no rise today."""
        return self.light is not Light.RED and not self.rose_today


def _today(ctx: FlowContext, pain: int | None) -> _Today:
    kept = after.GentlerNext.from_meta(ctx.journal.get_meta(Keys.GENTLER_NEXT))
    rose_today = kept is not None and kept.day == ctx.now().date()
    if kept is not None and not rose_today:
        remember(ctx, Keys.GENTLER_NEXT, "")  # said once, at the next day's start
    light = light_for(pain, ctx.red_from)
    lines = [] if kept is None else [after.gentler_note(kept, rose_today)]
    if light is not None and pain is not None and light is not Light.GREEN:
        lines.append(light_text(light, pain))
    return _Today(light, lines, kept, rose_today)


def _has_easier(routine: ResolvedRoutine) -> bool:
    return any(use.exercise.easier is not None for use in routine.uses)


def _options(ctx: FlowContext, routine: ResolvedRoutine, today: _Today) -> list[Option]:
    known = ctx.library.routines
    options = []
    if not today.holds_ok and BREATHING_ROUTINE in known:
        options.append(Option("b", "Breathing and heat only", "breathing"))
    if today.holds_ok and _has_easier(routine):
        options.append(Option("e", "The easier variants", "easier"))
    if FLARE_ROUTINE in known and (today.light not in (None, Light.GREEN) or today.rose_today):
        options.append(Option("f", "The flare-up protocol (breathing, gentle stretches)", "flare"))
    planned = "as planned" if today.holds_ok else "as planned anyway"
    options.append(Option("p", f"{routine.routine.title}, {planned}", "as-planned"))
    options.append(Option("s", "Stop for today", "stop"))
    return options


def _default(options: list[Option]) -> str:
    """The safest choice offered: breathing, then the easier variants, then flare-up."""
    values = [option.value for option in options]
    return next((v for v in ("breathing", "easier", "flare") if v in values), values[0])


def traffic_light(
    ctx: FlowContext, request: FlowRequest, pain: int | None
) -> Generator[Question[Any], object, Choice]:
    """What to run today, given the score before (and a rise kept from last time)."""
    today = _today(ctx, pain)
    if not today.lines:
        return "as-planned"
    if not ctx.interactive:  # without a terminal: a suggestion in one line, never a switch
        yield from ask(Tell(" ".join(today.lines)))
        return "as-planned"
    if today.light is Light.RED:
        checked = yield from check_red_flags(ctx, request)
        if checked.exit_code:
            return "stop"
    options = _options(ctx, request.routine, today)
    title = "Your pain check" if pain is not None else "A gentler start"
    text = " ".join(today.lines)
    question = Choose(title, text, tuple(options), _default(options), "stop", "stop for today")
    return cast(Choice, (yield from ask(question)))
