"""Before a session: the first-use disclaimer, the red-flag check, the painful side.

The red-flag *policy* (the list, when a check is due, what each answer means) is in
``coach.coaching.redflags``; this module asks and stores.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
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
from coach.flow.questions import (
    AskRedFlags,
    AskSide,
    Choose,
    Option,
    Question,
    SideAnswer,
    Tell,
    ask,
)
from coach.routine import ResolvedRoutine
from coach.safety import DISCLAIMER

__all__ = ["ask_side", "check_red_flags", "red_flag_reported", "red_flags_due", "welcome"]


def welcome(ctx: FlowContext) -> Flow:
    """The disclaimer, once, on first use (the app shows its own welcome screen first)."""
    if ctx.journal.get_meta(Keys.WELCOME) is None:
        yield from ask(Tell(DISCLAIMER, "welcome", "Welcome to coach"))
        remember(ctx, Keys.WELCOME, stamp(ctx))
    return FlowResult()


def red_flags_due(ctx: FlowContext) -> redflags.CheckDue | None:
    """Whether the red flags must be asked before a flare session (or, after an answer that
    stopped, before any session)."""
    journal = ctx.journal
    return redflags.check_due(
        meta_time(journal, Keys.RED_FLAGS_PASSED),
        meta_time(journal, Keys.LEG_SYMPTOMS),
        ctx.now(),
        journal.get_meta(Keys.RED_FLAGS_ANSWER),
    )


def red_flag_reported(ctx: FlowContext) -> bool:
    """True when the red flags are due before any session: the last answer stopped
    (emergency, same day), or new leg symptoms were reported since the last check (DOMAIN.md
    section 5: ask "whenever new leg symptoms are reported")."""
    due = red_flags_due(ctx)
    if due is None:
        return False
    never_checked_with_legs = due.reason == "first" and meta_time(ctx.journal, Keys.LEG_SYMPTOMS)
    return due.reason in ("reported", "leg-symptoms") or bool(never_checked_with_legs)


def _record_check(ctx: FlowContext, answer: str) -> None:
    remember(ctx, Keys.RED_FLAGS_ANSWER, answer)
    if answer in redflags.PASSING_ANSWERS:
        ctx.passed_check = True
        remember(ctx, Keys.RED_FLAGS_PASSED, stamp(ctx))


NO_TERMINAL = (
    "No terminal to ask on: read the red flags above, then run again with "
    "--red-flags-checked if none of them applies."
)

CLINICIAN_CHECKED = Choose(
    "See a doctor soon",
    "Has a clinician already checked this?",
    (
        Option("c", "A clinician has already checked this: go on", "soon-checked"),
        Option("s", "Stop here", "cancel"),
    ),
    default="cancel",
    cancel="cancel",
    cancel_label="stop here",
)


def _without_terminal(ctx: FlowContext, request: FlowRequest) -> Flow:
    """The flag stands for the answer "none apply"; without it, the list and exit 2."""
    if request.red_flags_checked:
        _record_check(ctx, "none")
        return FlowResult()
    yield from ask(Tell(redflags.red_flags_text(), "stop"))
    yield from ask(Tell(NO_TERMINAL, "stop"))
    return FlowResult(EXIT_NOT_CHECKED)


def _answer(reason: str) -> Generator[Question[Any], object, str]:
    """The red flags asked; a "soon" item is followed by "has a clinician checked this?"."""
    answer = yield from ask(AskRedFlags(reason))
    if answer != "soon":
        return answer
    yield from ask(Tell(redflags.ADVICE["soon"], "advice", "See a doctor soon"))
    return (yield from ask(CLINICIAN_CHECKED))


def check_red_flags(ctx: FlowContext, request: FlowRequest, force: bool = False) -> Flow:
    """Ask the red flags when due (or when ``force``d); exit code 0 when a session may go on."""
    due = None if ctx.passed_check else red_flags_due(ctx)
    if due is None and not force:
        return FlowResult()
    if not ctx.interactive:
        return (yield from _without_terminal(ctx, request))
    answer = yield from _answer(due.text if due is not None else "Please check these again.")
    if answer == "cancel":
        yield from ask(Tell("Nothing was started. coach asks these again next time."))
        return FlowResult(EXIT_STOPPED)
    _record_check(ctx, answer)
    if answer in redflags.STOPPING_ANSWERS:
        yield from ask(Tell(redflags.ADVICE[answer], "stop", "Please get help"))
        return FlowResult(EXIT_STOPPED)
    return FlowResult()


@dataclass(frozen=True)
class SideResult:
    """Whether to go on, the answer (kept, so a later flare flow never asks again), and the
    side a plan follows (``None``: both sides or the middle)."""

    go_on: bool
    answer: SideAnswer | None = None

    @property
    def side(self) -> Side | None:
        """The painful side for ``build_plan``."""
        return painful_side(self.answer)


def ask_side(
    ctx: FlowContext, routine: ResolvedRoutine, given: SideAnswer | None
) -> Generator[Question[Any], object, SideResult]:
    """The painful side for a side-aware routine (asked once, on a terminal)."""
    if not routine.routine.side_aware or given is not None or not ctx.interactive:
        return SideResult(True, given)
    answer = yield from ask(AskSide())
    return SideResult(answer is not None, answer)
