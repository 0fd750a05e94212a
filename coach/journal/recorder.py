"""The recorder: one more consumer of session events, writing the journal as the session goes.

The plain runner and the Textual app both subscribe the same recorder, so a session is saved
the same way whichever screen ran it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from coach.engine.plan import Plan
from coach.engine.session import Event, SessionEnded, SessionStarted, StepEnded
from coach.journal.records import Journal, StepRecord, now_local

__all__ = ["Recorder"]


class Recorder:
    """Writes one session to a journal: a row at the start, a row per step, the end state."""

    def __init__(
        self,
        journal: Journal,
        plan: Plan,
        *,
        speed: float = 1.0,
        pain_before: int | None = None,
        flare: bool = False,
        now: Callable[[], datetime] = now_local,
    ) -> None:
        self.journal = journal
        self.plan = plan
        self.speed = speed
        self.pain_before = pain_before
        self.flare = flare or plan.purpose == "flare"
        self.now = now
        self.session_id: str | None = None
        self._seq = 0

    def __call__(self, event: Event) -> None:
        """Handle one session event (pass the recorder to ``Session.subscribe``)."""
        if isinstance(event, SessionStarted):
            self.session_id = self.journal.start_session(
                routine_id=self.plan.routine_id,
                routine_title=self.plan.title,
                purpose=self.plan.purpose,
                fingerprint=self.plan.fingerprint,
                side=self.plan.side,
                speed=self.speed,
                planned_s=self.plan.total_s,
                work_planned_s=self.plan.work_s,
                reps_planned=self.plan.reps,
                pain_before=self.pain_before,
                flare=self.flare,
                started_at=self.now(),
            )
        elif isinstance(event, StepEnded) and self.session_id is not None:
            step = event.step
            self.journal.record_step(
                self.session_id,
                StepRecord(
                    seq=self._seq,
                    step_index=step.index,
                    kind=step.kind,
                    exercise=step.exercise,
                    side=step.side,
                    set_no=step.set,
                    rep=step.rep,
                    planned_s=float(step.seconds),
                    done_s=round(event.done_s, 3),
                    work=step.is_work,
                    counts_rep=step.counts_rep,
                    outcome=event.outcome,
                    ended_at=self.now().isoformat(timespec="seconds"),
                ),
            )
            self._seq += 1
        elif isinstance(event, SessionEnded) and self.session_id is not None:
            summary = event.summary
            self.journal.finish_session(
                self.session_id,
                status=summary.outcome,
                ended_at=self.now(),
                work_done_s=round(summary.work_done_s, 3),
                reps_done=summary.reps_done,
                active_s=round(summary.active_s, 3),
            )
