"""Property: whatever is answered, no path reaches a flare session without a current check.

Random answers to every question, random sessions (run through, skipped through, "it hurts"
with any answer), random red-flag history: at the moment a flare session is handed to the
front end, the journal must hold a passed red-flag check under 30 days old and newer than any
reported leg symptoms.
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from flow_support import NOW, Script, open_world, run_to_end, skip_through
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.engine.clock import FakeClock
from coach.flow.context import Keys, meta_time
from coach.flow.control import SessionControl
from coach.flow.questions import (
    RED_FLAG_ANSWERS,
    AskNote,
    AskPain,
    AskRedFlags,
    AskSide,
    Choose,
    Question,
    RunSession,
)
from coach.journal import Journal
from coach.routine import load_default_library

LIBRARY = load_default_library()
ROUTINES = ["daily-core", "flare-up", "mcgill-big-3", "diaphragmatic-breathing"]


class RandomAnswers(Script):
    """Draws every answer from hypothesis; checks the invariant at each session."""

    def __init__(self, data: st.DataObject, journal: Journal) -> None:
        super().__init__()
        self.data = data
        self.journal = journal
        self.flare_sessions = 0

    def __call__(self, question: Question[Any]) -> object:
        if isinstance(question, RunSession):
            if question.session.plan.purpose == "flare" or question.control.flare:
                self.flare_sessions += 1
                assert_check_current(self.journal)
            return self._session(question)
        return self._answer(question)

    def _session(self, question: RunSession) -> object:
        kind = self.data.draw(st.sampled_from(["end", "skip", "hurts"]))
        if kind == "hurts":
            answers = ["skip", "easier", "flare", "leg", "carry-on", "stay-paused"]
            answer = self.data.draw(st.sampled_from(answers))
            self.sessions.append(lambda c, k: hurt(c, k, answer))
        else:
            self.sessions.append(run_to_end if kind == "end" else skip_through)
        return super().__call__(question)

    def _answer(self, question: Question[Any]) -> object:
        draw = self.data.draw
        if isinstance(question, AskRedFlags):
            return draw(st.sampled_from(RED_FLAG_ANSWERS))
        if isinstance(question, AskSide):
            return draw(st.sampled_from(["left", "right", "both", None]))
        if isinstance(question, AskPain):
            return draw(st.one_of(st.none(), st.integers(0, 10)))
        if isinstance(question, AskNote):
            return None
        if isinstance(question, Choose):
            values = [o.value for o in question.options] + [question.cancel]
            return draw(st.sampled_from(values))
        return super().__call__(question)


def hurt(control: SessionControl, clock: FakeClock, answer: str) -> None:
    session = control.session
    session.start()
    clock.advance(5)
    session.update()
    question = control.hurts()
    if answer in {option.value for option in question.options} | {question.cancel}:
        control.answer(answer)
    session.resume()  # a front end's space key, after "stay paused"
    clock.advance(session.plan.total_s + 1)
    session.update()


def assert_check_current(journal: Journal) -> None:
    passed = meta_time(journal, Keys.RED_FLAGS_PASSED)
    leg = meta_time(journal, Keys.LEG_SYMPTOMS)
    assert passed is not None, "a flare session without any red-flag check"
    assert NOW - passed <= timedelta(days=30), "a flare session on a stale check"
    assert leg is None or passed >= leg, "a flare session after leg symptoms, unchecked"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    routine=st.sampled_from(ROUTINES),
    checked_days_ago=st.one_of(st.none(), st.integers(0, 60)),
    leg_days_ago=st.one_of(st.none(), st.integers(0, 60)),
    interactive=st.booleans(),
    flag=st.booleans(),
    pain_before=st.one_of(st.none(), st.integers(0, 10)),
)
def test_no_path_reaches_a_flare_session_without_a_current_check(
    data: st.DataObject,
    routine: str,
    checked_days_ago: int | None,
    leg_days_ago: int | None,
    interactive: bool,
    flag: bool,
    pain_before: int | None,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for world in open_world(Path(folder) / "coach.db", LIBRARY):
            stamp = lambda days: (NOW - timedelta(days=days)).isoformat()  # noqa: E731
            if checked_days_ago is not None:
                world.journal.set_meta(Keys.RED_FLAGS_PASSED, stamp(checked_days_ago))
            if leg_days_ago is not None:
                world.journal.set_meta(Keys.LEG_SYMPTOMS, stamp(leg_days_ago))
            script = RandomAnswers(data, world.journal)
            world.run(
                routine,
                script,
                interactive=interactive,
                red_flags_checked=flag and not interactive,
                pain_before=pain_before,
            )
