"""Before a session: the first-use disclaimer, the red-flag check, the painful side.

The red-flag *policy* (the list, when a check is due, what each answer means) is in
``coach.coaching.redflags``; this module asks and stores.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from coach.coaching import redflags
from coach.engine.plan import Side, painful_side
from coach.flow.context import (
    EXIT_NOT_CHECKED,
    EXIT_STOPPED,
    Flow,
    FlowContext,
    FlowRequest,
    FlowResult,
    Keys,
    meta_time,
    remember,
    stamp,
)
from coach.flow.questions import AskRedFlags, AskSide, Choose, Option, Question, Tell, ask
from coach.routine import ResolvedRoutine
from coach.safety import DISCLAIMER

__all__ = ["ask_side", "check_red_flags", "red_flags_due", "welcome"]


def welcome(ctx: FlowContext) -> Flow:
    """The disclaimer, once, on first use (the app shows its own welcome screen first)."""
    if ctx.journal.get_meta(Keys.WELCOME) is None:
        yield from ask(Tell(DISCLAIMER, "welcome", "Welcome to coach"))
        remember(ctx, Keys.WELCOME, stamp(ctx))
    return FlowResult()


def red_flags_due(ctx: FlowContext) -> redflags.CheckDue | None:
    """Whether a flare session needs the red flags first."""
    journal = ctx.journal
    return redflags.check_due(
        meta_time(journal, Keys.RED_FLAGS_PASSED),
        meta_time(journal, Keys.LEG_SYMPTOMS),
        ctx.now(),
    )


def _record_check(ctx: FlowContext, answer: str) -> None:
    remember(ctx, Keys.RED_FLAGS_ANSWER, answer)
    if answer in redflags.PASSING_ANSWERS:
        remember(ctx, Keys.RED_FLAGS_PASSED, stamp(ctx))


def check_red_flags(ctx: FlowContext, request: FlowRequest, force: bool = False) -> Flow:
    """Ask the red flags when due; exit code 0 when a flare session may go on."""
    due = red_flags_due(ctx)
    if due is None and not force:
        return FlowResult()
    reason = due.text if due is not None else "Please check these again."
    if not ctx.interactive:
        if request.red_flags_checked:
            _record_check(ctx, "none")
            return FlowResult()
        yield from ask(Tell(redflags.red_flags_text(), "stop", redflags.TITLE))
        yield from ask(
            Tell(
                "No terminal to ask on: read the red flags above, then run again with "
                "--red-flags-checked if none of them applies.",
                "stop",
            )
        )
        return FlowResult(EXIT_NOT_CHECKED)
    answer = yield from ask(AskRedFlags(reason))
    if answer == "soon":
        yield from ask(Tell(redflags.ADVICE["soon"], "advice", "See a doctor soon"))
        checked = yield from ask(
            Choose(
                "See a doctor soon",
                "Has a clinician already checked this?",
                (
                    Option("c", "A clinician has already checked this: go on", "soon-checked"),
                    Option("s", "Stop here", "cancel"),
                ),
                default="cancel",
                cancel="cancel",
            )
        )
        answer = checked
    if answer == "cancel":
        return FlowResult(EXIT_STOPPED)
    _record_check(ctx, answer)
    if answer in ("emergency", "urgent"):
        yield from ask(Tell(redflags.ADVICE[answer], "stop", "Please get help"))
        return FlowResult(EXIT_STOPPED)
    return FlowResult()


SideResult = tuple[bool, Side | None]
"""Whether to go on, and the painful side (``None``: both sides or the middle)."""


def ask_side(
    ctx: FlowContext, routine: ResolvedRoutine, given: str | None
) -> Generator[Question[Any], object, SideResult]:
    """The painful side for a side-aware routine (asked once, on a terminal)."""
    if not routine.routine.side_aware:
        return True, None
    answer = given
    if answer is None and ctx.interactive:
        answer = yield from ask(AskSide())
        if answer is None:
            return False, None
    return True, painful_side(answer)
