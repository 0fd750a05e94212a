"""A session walks a plan in time: start, pause, resume, next, previous, end early, finish.

Time comes from an injected clock. The current step ends at a *deadline*; what remains is the
deadline minus the clock, never a count of timer ticks (a UI drops overdue ticks, and counting
them would stretch every hold). Pausing keeps the remaining seconds and moves the deadline on
resume, so paused time never counts as work.

Consumers (the screen, the plain runner, the voice, the journal's recorder) call ``update()``
as often as they like and subscribe to events. When the clock has jumped past several
deadlines at once, ``update()`` catches up step by step, each starting at the previous
deadline, so the timeline stays exact whatever the refresh rate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from coach.engine.clock import Clock
from coach.engine.plan import Plan, Step

__all__ = [
    "Event",
    "Listener",
    "MarkKind",
    "Marked",
    "Paused",
    "Resumed",
    "Session",
    "SessionEnded",
    "SessionStarted",
    "SessionState",
    "StepEnded",
    "StepOutcome",
    "StepStarted",
    "Summary",
]

StepOutcome = Literal["completed", "skipped", "back", "ended"]
MarkKind = Literal["hurts", "easier", "skipped-exercise", "leg-symptoms"]
"""What a person said or chose during a session, recorded as an event with its exercise."""


class SessionState(StrEnum):
    """Where a session is in its life."""

    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    ENDED_EARLY = "ended_early"


@dataclass(frozen=True)
class Summary:
    """What was done, for the end-of-session line, the summary screen and the journal."""

    outcome: Literal["completed", "ended_early"]
    active_s: float
    work_done_s: float
    work_planned_s: int
    reps_done: int
    reps_planned: int
    steps_completed: int
    steps_total: int

    @property
    def dose(self) -> float:
        """Work seconds done / planned, 0..1."""
        return self.work_done_s / self.work_planned_s if self.work_planned_s else 1.0


@dataclass(frozen=True)
class SessionStarted:
    """The session began; ``at`` is clock time."""

    plan: Plan
    at: float


@dataclass(frozen=True)
class StepStarted:
    """A step began (also after next, previous, or catching up)."""

    step: Step
    at: float
    elapsed_s: float


@dataclass(frozen=True)
class StepEnded:
    """A step ended: completed on time, skipped, left by going back, or cut by ending early."""

    step: Step
    done_s: float
    outcome: StepOutcome
    at: float


@dataclass(frozen=True)
class Paused:
    """The session was paused."""

    step: Step
    remaining_s: float
    at: float


@dataclass(frozen=True)
class Resumed:
    """The session was resumed."""

    step: Step
    remaining_s: float
    at: float


@dataclass(frozen=True)
class SessionEnded:
    """The session is over, finished or ended early; ``summary.outcome`` says which."""

    summary: Summary
    at: float


@dataclass(frozen=True)
class Marked:
    """Something said or chosen during the session ("it hurts", the easier variant, a skip).

    ``elapsed_s`` is session time (pauses excluded), the journal's ``at_s``; ``detail`` says
    more where there is more to say (what kind of pain; the variant's name).
    """

    kind: MarkKind
    exercise: str
    detail: str | None
    at: float
    elapsed_s: float


Event = SessionStarted | StepStarted | StepEnded | Paused | Resumed | SessionEnded | Marked
Listener = Callable[[Event], None]


class Session:
    """One run of a plan on a clock."""

    def __init__(self, plan: Plan, clock: Clock) -> None:
        if not plan.steps:
            raise ValueError("a plan without steps cannot be run")
        self.plan = plan
        self.clock = clock
        self._listeners: list[Listener] = []
        self._state = SessionState.READY
        self._index = 0
        self._deadline = 0.0
        self._paused_remaining = float(plan.steps[0].seconds)
        self._active_before = 0.0
        self._running_since = 0.0
        self._done = [0.0] * len(plan.steps)
        self._completed = [False] * len(plan.steps)

    # -- subscribing ----------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` with every event from now on."""
        self._listeners.append(listener)

    def _emit(self, event: Event) -> None:
        for listener in list(self._listeners):
            listener(event)

    # -- state ------------------------------------------------------------------------------------

    @property
    def state(self) -> SessionState:
        """Ready, running, paused, finished or ended early."""
        return self._state

    @property
    def is_over(self) -> bool:
        """True once finished or ended early."""
        return self._state in (SessionState.FINISHED, SessionState.ENDED_EARLY)

    @property
    def index(self) -> int:
        """Index of the current step in the plan."""
        return self._index

    @property
    def current_step(self) -> Step:
        """The step being done (the last one once the session is over)."""
        return self.plan.steps[self._index]

    @property
    def next_step(self) -> Step | None:
        """The step after the current one, if any."""
        return self.plan.step_after(self._index)

    @property
    def remaining_s(self) -> float:
        """Seconds left in the current step (never negative)."""
        if self._state is SessionState.RUNNING:
            left = self._deadline - self.clock.now()
            return min(float(self.current_step.seconds), max(0.0, left))
        if self.is_over:
            return 0.0
        return self._paused_remaining

    @property
    def step_elapsed_s(self) -> float:
        """Seconds done of the current step."""
        return self.current_step.seconds - self.remaining_s

    @property
    def active_s(self) -> float:
        """Seconds the session has been running, pauses excluded."""
        if self._state is SessionState.RUNNING:
            return self._active_before + (self.clock.now() - self._running_since)
        return self._active_before

    @property
    def deadline(self) -> float | None:
        """Clock time at which the current step ends, while running."""
        return self._deadline if self._state is SessionState.RUNNING else None

    @property
    def work_done_s(self) -> float:
        """Work seconds done so far (each step counted once, at most its planned seconds)."""
        return sum(
            self._step_done(index) for index, step in enumerate(self.plan.steps) if step.is_work
        )

    @property
    def reps_done(self) -> int:
        """Holds and stretches completed in full."""
        return sum(
            1
            for index, step in enumerate(self.plan.steps)
            if step.counts_rep and self._completed[index]
        )

    @property
    def progress(self) -> float:
        """How far through the plan, 0..1, by planned time."""
        if self._state is SessionState.FINISHED:
            return 1.0
        before = sum(step.seconds for step in self.plan.steps[: self._index])
        return min(1.0, max(0.0, (before + self.step_elapsed_s) / self.plan.total_s))

    @property
    def time_left_s(self) -> float:
        """Planned seconds left from here to the end."""
        return self.plan.total_s * (1.0 - self.progress)

    def _step_done(self, index: int) -> float:
        done = self._done[index]
        if index == self._index and self._state in (SessionState.RUNNING, SessionState.PAUSED):
            done = max(done, self.step_elapsed_s)
        return min(done, float(self.plan.steps[index].seconds))

    def summary(self) -> Summary:
        """What has been done so far (final once the session is over)."""
        outcome: Literal["completed", "ended_early"] = (
            "ended_early" if self._state is SessionState.ENDED_EARLY else "completed"
        )
        return Summary(
            outcome=outcome,
            active_s=self.active_s,
            work_done_s=self.work_done_s,
            work_planned_s=self.plan.work_s,
            reps_done=self.reps_done,
            reps_planned=self.plan.reps,
            steps_completed=sum(self._completed),
            steps_total=len(self.plan.steps),
        )

    # -- commands -------------------------------------------------------------------------------

    def start(self) -> None:
        """Begin the first step now."""
        if self._state is not SessionState.READY:
            return
        now = self.clock.now()
        self._state = SessionState.RUNNING
        self._running_since = now
        self._deadline = now + self.current_step.seconds
        self._emit(SessionStarted(self.plan, now))
        self._emit(StepStarted(self.current_step, now, 0.0))

    def update(self) -> None:
        """Catch up with the clock: end every step whose deadline has passed."""
        if self._state is not SessionState.RUNNING:
            return
        now = self.clock.now()
        while self._state is SessionState.RUNNING and now >= self._deadline:
            ended_at = self._deadline
            self._finish_step(self._index, float(self.current_step.seconds), "completed", ended_at)
            if self._index + 1 >= len(self.plan.steps):
                self._active_before += ended_at - self._running_since
                self._close(SessionState.FINISHED, ended_at)
                return
            self._index += 1
            self._deadline = ended_at + self.current_step.seconds
            self._emit(StepStarted(self.current_step, ended_at, self._elapsed_at(ended_at)))

    def pause(self) -> None:
        """Stop the clock for this session; the step keeps its remaining seconds."""
        self.update()
        if self._state is not SessionState.RUNNING:
            return
        now = self.clock.now()
        self._paused_remaining = max(0.0, self._deadline - now)
        self._active_before += now - self._running_since
        self._state = SessionState.PAUSED
        self._emit(Paused(self.current_step, self._paused_remaining, now))

    def resume(self) -> None:
        """Carry on from where the pause left off."""
        if self._state is not SessionState.PAUSED:
            return
        now = self.clock.now()
        self._state = SessionState.RUNNING
        self._running_since = now
        self._deadline = now + self._paused_remaining
        self._emit(Resumed(self.current_step, self._paused_remaining, now))

    def toggle_pause(self) -> None:
        """Pause when running, resume when paused."""
        if self._state is SessionState.PAUSED:
            self.resume()
        else:
            self.pause()

    def next(self) -> None:
        """Skip the rest of this step; skipping the last step finishes the session."""
        self.update()  # the step to skip is the one running *now*, however late we are told
        self._jump(self._index + 1, "skipped")

    def previous(self) -> None:
        """Go back to the previous step (at the first step: start it again)."""
        self.update()
        self._jump(max(0, self._index - 1), "back")

    def end(self) -> None:
        """End early: what was done so far counts, the rest does not."""
        self.update()
        if self._state not in (SessionState.RUNNING, SessionState.PAUSED):
            return
        now = self.clock.now()
        self._finish_step(self._index, self.step_elapsed_s, "ended", now)
        if self._state is SessionState.RUNNING:
            self._active_before += now - self._running_since
        self._close(SessionState.ENDED_EARLY, now)

    def mark(self, kind: MarkKind, detail: str | None = None, exercise: str | None = None) -> None:
        """Record that something was said or chosen about an exercise (the current one unless
        named)."""
        if self._state is SessionState.READY:
            return
        now = self.clock.now()
        named = exercise if exercise is not None else self.current_step.exercise
        self._emit(Marked(kind, named, detail, now, self.active_s))

    def take_easier(self) -> bool:
        """Switch the current exercise to its easier variant for the rest of this session.

        The plan keeps its timeline (same steps, same seconds); only what is shown and said
        changes. False when there is no easier variant, it is already in use, or it is over.
        """
        if self.is_over or self._state is SessionState.READY:
            return False
        step = self.current_step
        if step.easier is None or step.easier_taken:
            return False
        self.plan = self.plan.with_easier(step.exercise)
        self.mark("easier", step.easier_name)
        return True

    def skip_exercise(self) -> None:
        """Leave the current exercise: go to the next exercise's first step (or finish)."""
        self.update()
        if self._state not in (SessionState.RUNNING, SessionState.PAUSED):
            return
        self.mark("skipped-exercise")
        self._jump(self.plan.next_exercise_index(self._index), "skipped")

    # -- internals --------------------------------------------------------------------------------

    def _elapsed_at(self, at: float) -> float:
        return self._active_before + (at - self._running_since)

    def _finish_step(self, index: int, done_s: float, outcome: StepOutcome, at: float) -> None:
        step = self.plan.steps[index]
        done_s = min(max(done_s, 0.0), float(step.seconds))
        self._done[index] = max(self._done[index], done_s)
        if outcome == "completed":
            self._completed[index] = True
        self._emit(StepEnded(step, done_s, outcome, at))

    def _jump(self, target: int, outcome: StepOutcome) -> None:
        self.update()
        if self._state not in (SessionState.RUNNING, SessionState.PAUSED):
            return
        now = self.clock.now()
        self._finish_step(self._index, self.step_elapsed_s, outcome, now)
        if target >= len(self.plan.steps):
            if self._state is SessionState.RUNNING:
                self._active_before += now - self._running_since
            self._close(SessionState.FINISHED, now)
            return
        self._index = target
        seconds = float(self.current_step.seconds)
        if self._state is SessionState.RUNNING:
            self._deadline = now + seconds
        else:
            self._paused_remaining = seconds
        self._emit(StepStarted(self.current_step, now, self._elapsed_or_active(now)))

    def _elapsed_or_active(self, now: float) -> float:
        if self._state is SessionState.RUNNING:
            return self._elapsed_at(now)
        return self._active_before

    def _close(self, state: SessionState, at: float) -> None:
        self._state = state
        self._emit(SessionEnded(self.summary(), at))
