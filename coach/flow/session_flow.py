"""The one session flow every front end runs.

red flags (when due) -> side (side-aware routines) -> pain check with the traffic light ->
the session (with "it hurts" and "easier"), planned at the routine's progression level -> pain
after -> note -> summary and advice -> a step back told, or the next level offered.

``session_flow`` is a generator of questions (``coach.flow.questions``): the app answers with
screens, the plain runner with prompts or flags, tests with a script. What is asked, in what
order, what the answers lead to and what is stored lives here, in ``coach.flow.gate`` and in
``coach.coaching``; the front ends keep only how they ask and show.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, replace
from typing import Any

from coach.coaching import after, redflags
from coach.engine.plan import Side, build_plan
from coach.engine.session import Event, Listener, Session, SessionStarted
from coach.flow.context import (
    EXIT_STOPPED,
    Flow,
    FlowContext,
    FlowRequest,
    FlowResult,
    Keys,
    remember,
    stamp,
)
from coach.flow.control import SessionControl
from coach.flow.gate import ask_side, check_red_flags, red_flag_reported, welcome
from coach.flow.light import traffic_light
from coach.flow.progress import after_session, at_current_level
from coach.flow.questions import (
    AskNote,
    AskPain,
    Choose,
    Option,
    Question,
    RunSession,
    SessionRun,
    Tell,
    ask,
)
from coach.flow.resolve import BREATHING_ROUTINE, FLARE_ROUTINE, is_flare
from coach.flow.summary import interrupted_line, summary_question
from coach.journal.db import JournalError
from coach.journal.recorder import Recorder, import_recovered
from coach.routine import ResolvedRoutine

__all__ = ["session_flow"]


@dataclass(frozen=True)
class _Start:
    """What the questions before a session settled."""

    routine: ResolvedRoutine
    side: Side | None
    pain_before: int | None
    easier: bool
    flare: bool


def session_flow(ctx: FlowContext, request: FlowRequest) -> Flow:
    """Run the whole flow for ``request``; returns the exit code and the recorded sessions."""
    for line in import_recovered(ctx.journal):
        yield from ask(Tell(line))
    yield from welcome(ctx)
    if is_flare(request.routine):
        return (yield from _flare(ctx, request, request.pain_before))
    if red_flag_reported(ctx):  # one applied last time: ask again before any session
        checked = yield from check_red_flags(ctx, request)
        if checked.exit_code:
            return checked
    sided = yield from ask_side(ctx, request.routine, request.side)
    if not sided.go_on:
        return FlowResult(EXIT_STOPPED)
    request = replace(request, side=sided.answer)  # a later flare flow never asks it again
    pain = yield from _pain_before(ctx, request)
    choice = yield from traffic_light(ctx, request, pain)
    if choice == "stop":
        return FlowResult(EXIT_STOPPED)
    library = ctx.library.routines
    if choice == "flare":
        # The score carries over: the flare flow never asks it again.
        return (yield from _flare(ctx, replace(request, routine=library[FLARE_ROUTINE]), pain))
    if choice == "breathing":
        # Red: breathing and heat only; a flare day (the red flags were asked when due).
        yield from ask(Tell(redflags.HEAT_ADVICE, "advice", "Heat"))
        start = _Start(library[BREATHING_ROUTINE], None, pain, easier=False, flare=True)
    else:
        easier = choice == "easier"
        start = _Start(request.routine, sided.side, pain, easier=easier, flare=False)
    return (yield from _run(ctx, request, start))


def _pain_before(
    ctx: FlowContext, request: FlowRequest
) -> Generator[Question[Any], object, int | None]:
    if request.pain_before is not None or not ctx.interactive:
        return request.pain_before
    return (yield from ask(AskPain("before", request.routine.routine.title)))


def _flare(ctx: FlowContext, request: FlowRequest, pain: int | None) -> Flow:
    """A flare routine: the red flags when due, the side, pain (unless carried over)."""
    checked = yield from check_red_flags(ctx, request)
    if checked.exit_code:
        return checked
    sided = yield from ask_side(ctx, request.routine, request.side)
    if not sided.go_on:
        return FlowResult(EXIT_STOPPED)
    if pain is None:
        pain = yield from _pain_before(ctx, request)
    start = _Start(request.routine, sided.side, pain, easier=False, flare=True)
    return (yield from _run(ctx, request, start))


# -- the session and after ---------------------------------------------------------------------


def _run(ctx: FlowContext, request: FlowRequest, start: _Start) -> Flow:
    """Run the session, then pain after, the note, the summary, and what follows."""
    routine, level = at_current_level(ctx, start.routine)
    plan = build_plan(routine, start.side, easier=start.easier)
    session = Session(plan, ctx.clock_factory(request.speed))
    relief = FLARE_ROUTINE in ctx.library.routines
    control = SessionControl(session, flare=start.flare, relief_available=relief)
    recorder = Recorder(
        ctx.journal,
        plan,
        speed=request.speed,
        pain_before=start.pain_before,
        flare=start.flare,
        level=level,
        now=ctx.now,
        on_notice=ctx.on_notice,
    )
    session.subscribe(recorder)
    if start.easier:
        session.subscribe(_easier_at_start(session))
    if request.speed != 1:
        yield from ask(Tell(f"Preview at {request.speed:g}x speed: saved, but never counted."))
    run = yield from ask(RunSession(control, request.speed))
    ids = [recorder.session_id] if recorder.session_id else []
    if run.signal is not None:
        return (yield from _interrupted(ctx, request, recorder, run, ids))
    if control.then == "red-flags":
        remember(ctx, Keys.LEG_SYMPTOMS, stamp(ctx))
        checked = yield from check_red_flags(ctx, request, force=True)
        if checked.exit_code:
            yield from _close(ctx, recorder, request.pain_after, None)
            return FlowResult(checked.exit_code, ids)
    pain_after = request.pain_after
    if pain_after is None and ctx.interactive:
        pain_after = yield from ask(AskPain("after", plan.title))
    note = (yield from ask(AskNote())) if ctx.interactive else None
    yield from _close(ctx, recorder, pain_after, note)
    rose = after.pain_rose(start.pain_before, pain_after)
    advice = [] if rose and start.flare else after.high_pain_advice(pain_after, ctx.red_from)
    if rose and start.pain_before is not None and pain_after is not None:
        advice = after.rise_advice(start.pain_before, pain_after, start.flare) + advice
        kept = after.GentlerNext(ctx.now().date(), start.pain_before, pain_after)
        remember(ctx, Keys.GENTLER_NEXT, kept.to_meta())
    preview = request.speed != 1
    yield from ask(
        summary_question(
            plan.title,
            run.summary,
            preview,
            start.flare,
            start.pain_before,
            pain_after,
            advice,
            card=_card_line(ctx),
            purpose=start.routine.routine.purpose,
        )
    )
    yield from after_session(ctx, start.routine, preview)
    result = FlowResult(0, ids)
    follow = yield from _what_next(ctx, control, rose, start.flare)
    if follow:
        flare_routine = ctx.library.routines[FLARE_ROUTINE]
        # The score after is the flare session's score before; its own after is asked anew.
        chained = replace(request, routine=flare_routine, pain_before=None, pain_after=None)
        more = yield from _flare(ctx, chained, pain_after)
        result = FlowResult(more.exit_code, ids + more.session_ids)
    return result


def _easier_at_start(session: Session) -> Listener:
    """Record, as the session starts, each exercise run as its easier variant from the start
    (the traffic light's choice), so the journal says what was done."""

    def on_event(event: Event) -> None:
        if not isinstance(event, SessionStarted):
            return
        marked: set[str] = set()
        for step in event.plan.steps:
            if step.easier_taken and step.exercise not in marked:
                marked.add(step.exercise)
                session.mark("easier", f"{step.easier_name} (from the start)", step.exercise)

    return on_event


def _card_line(ctx: FlowContext) -> str:
    """The card of the day, after a session as on home (the same card all day)."""
    from coach.services.cards import card_of_the_day

    try:
        return card_of_the_day(ctx.journal, ctx.now().date()).line
    except JournalError:
        return ""


def _what_next(
    ctx: FlowContext, control: SessionControl, rose: bool, flare: bool
) -> Generator[Question[Any], object, bool]:
    """True when flare-up relief follows (chosen during the session, or offered after a rise)."""
    if flare or FLARE_ROUTINE not in ctx.library.routines:
        return False
    if control.then == "flare":
        return True
    if not rose or not ctx.interactive:
        return False
    question = Choose(
        "Flare-up relief now?",
        "Slow breathing and gentle stretches can ease it.",
        (Option("f", "Flare-up relief now", "flare"), Option("l", "Not now", "later")),
        default="flare",
        cancel="later",
        cancel_label="not now",
    )
    return (yield from ask(question)) == "flare"


def _close(
    ctx: FlowContext, recorder: Recorder, pain_after: int | None, note: str | None
) -> Generator[Question[Any], object, None]:
    """Pain after and the note through the recorder, then everything written (or kept)."""
    recorder.set_pain_after(pain_after)
    recorder.set_note(note)
    for line in recorder.finish(ctx.flush_timeout_s):
        yield from ask(Tell(line, "advice"))


def _interrupted(
    ctx: FlowContext, request: FlowRequest, recorder: Recorder, run: SessionRun, ids: list[str]
) -> Flow:
    """SIGINT or SIGTERM: save what there is, say so, exit 128 + the signal."""
    yield from _close(ctx, recorder, request.pain_after, None)
    yield from ask(Tell(interrupted_line(recorder.plan.title, run.summary)))
    assert run.signal is not None
    return FlowResult(128 + run.signal, ids)
