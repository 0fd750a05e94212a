"""The progression ladder's rules (DOMAIN.md section 1), pure: small records in, a verdict out.

* A session is **tolerated** when all its reps were done (it completed, ``reps_done ==
  reps_planned``, no easier variant taken and no exercise skipped), pain before and after were
  both given and pain after is at most 1 above pain before, and no ``worse`` morning check was
  logged for the next day. A session without both pain scores cannot be judged: it is not
  tolerated, and it breaks a run like any other session that was not.
* **Two tolerated sessions in a row**, on two different days, at the current level -> offer the
  next level (never past the last). Two sessions on one day count as one day's dose: the
  next morning has to answer for both. Only sessions at the current level, after the last
  level change, count: an offer declined (a ``declined`` change) is therefore not made again
  until two more tolerated sessions. Previews never count and never break a run. A gap of
  7 days or more between two sessions breaks the run: after a week off the first session back
  starts a new one.
* A session with pain after 2 or more above pain before, or a ``worse`` next morning after a
  session at the current level (after the last change) -> **step back** one level (never below
  1), with the reason in words. The step back is applied by the caller and recorded as a level
  change, so its evidence is then older than the last change and it is never applied twice.

Going up always needs the person's yes; stepping back is told, with its reason, never silent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = [
    "MAX_PAIN_RISE_TOLERATED",
    "RUN_BREAK_DAYS",
    "STEP_BACK_RISE",
    "TOLERATED_IN_A_ROW",
    "TOLERATED_MEANS",
    "LevelMark",
    "Offer",
    "SessionFacts",
    "StepBack",
    "Verdict",
    "current_level",
    "judge",
    "short_day",
    "tolerated",
]

TOLERATED_MEANS = (
    "Tolerated: all reps done, pain after no more than 1 point above pain before, "
    "and no worse next morning."
)
"""What "tolerated" means, in the words shown next to an offer."""
MAX_PAIN_RISE_TOLERATED = 1
"""Pain after may be at most this much above pain before for a session to be tolerated."""
STEP_BACK_RISE = 2
"""A rise of this much or more steps back one level."""
TOLERATED_IN_A_ROW = 2
"""Tolerated sessions in a row at a level before the next one is offered."""
RUN_BREAK_DAYS = 7
"""Days between two sessions (or more) that break a run of tolerated sessions."""


@dataclass(frozen=True)
class SessionFacts:
    """What the rules need of one recorded session of a routine."""

    started: datetime
    level: int | None
    """The level it ran at; ``None`` never counts (the progress service reads a session
    recorded before its routine had a ladder as level 1)."""
    preview: bool
    all_reps_done: bool
    """Completed, every planned rep done, no easier variant taken, no exercise skipped."""
    pain_before: int | None
    pain_after: int | None

    @property
    def day(self) -> date:
        """The day it started."""
        return self.started.date()


@dataclass(frozen=True)
class LevelMark:
    """A level change as the rules see it: when, and the level it left the routine at."""

    at: datetime
    level: int
    up: bool = False
    """An offer taken: the session that earned it may still have a worse next morning."""


@dataclass(frozen=True)
class Offer:
    """The next level, offered, and why."""

    to_level: int
    reason: str


@dataclass(frozen=True)
class StepBack:
    """One level down, and why (``session`` is the evidence)."""

    to_level: int
    reason: str
    session: SessionFacts


@dataclass(frozen=True)
class Verdict:
    """What the history says now: at most one of a step back or an offer."""

    level: int
    step_back: StepBack | None = None
    offer: Offer | None = None


def short_day(day: date) -> str:
    """``20 Nov`` (the day without a leading zero)."""
    return f"{day.day} {day:%b}"


def current_level(changes: Sequence[LevelMark], level_count: int) -> int:
    """The level after the last change (1 without any), kept within the ladder: a routine
    file edited to fewer levels leaves the person on its last one."""
    level = changes[-1].level if changes else 1
    return min(max(level, 1), level_count) if level_count else level


def tolerated(session: SessionFacts, worse_mornings: frozenset[date]) -> bool:
    """All reps done, both pain scores given, at most 1 point higher after, and no worse
    next morning."""
    if not session.all_reps_done or session.pain_before is None or session.pain_after is None:
        return False
    if session.pain_after > session.pain_before + MAX_PAIN_RISE_TOLERATED:
        return False
    return session.day + timedelta(days=1) not in worse_mornings


def _step_back_reason(session: SessionFacts, worse_mornings: frozenset[date]) -> str | None:
    """Why ``session`` calls for a step back, in words, or None."""
    before, after = session.pain_before, session.pain_after
    if before is not None and after is not None and after >= before + STEP_BACK_RISE:
        return f"pain rose from {before} to {after} after the session on {short_day(session.day)}"
    if session.day + timedelta(days=1) in worse_mornings:
        return f"the morning after the session on {short_day(session.day)} was worse"
    return None


def _counted(
    sessions: Sequence[SessionFacts], changes: Sequence[LevelMark], level: int
) -> list[SessionFacts]:
    """Sessions that count at ``level``: not previews, at that level, after the last change."""
    since = changes[-1].at if changes else None
    return sorted(
        (
            s
            for s in sessions
            if not s.preview and s.level == level and (since is None or s.started > since)
        ),
        key=lambda s: s.started,
    )


def _run_length(counted: Sequence[SessionFacts], worse_mornings: frozenset[date]) -> int:
    """Days of tolerated sessions in a row at the end of ``counted`` (a 7-day gap starts anew,
    a session not tolerated ends the run, a second one on the same day adds nothing)."""
    run = 0
    previous: SessionFacts | None = None
    for session in counted:
        gap = (session.day - previous.day).days if previous is not None else 0
        if not tolerated(session, worse_mornings):
            run = 0
        elif run and gap >= RUN_BREAK_DAYS:
            run = 1
        elif not run or gap > 0:
            run += 1  # a second tolerated session on the same day adds nothing
        previous = session
    return run


def _last_days(counted: Sequence[SessionFacts]) -> list[date]:
    """The days of the run that earned an offer, oldest first."""
    days = sorted({session.day for session in counted})
    return days[-TOLERATED_IN_A_ROW:]


def _worse_morning_after_moving_up(
    sessions: Sequence[SessionFacts], changes: Sequence[LevelMark], worse_mornings: frozenset[date]
) -> StepBack | None:
    """An offer is taken before the next morning of the session that earned it is known: a
    worse morning after it still steps back (DOMAIN.md section 1), once (the step back is a
    change that is not ``up``)."""
    if not changes or not changes[-1].up:
        return None
    last = changes[-1]
    before = [s for s in sessions if not s.preview and s.started <= last.at]
    if not before:
        return None
    latest = max(before, key=lambda s: s.started)
    morning = latest.day + timedelta(days=1)
    if morning < last.at.date() or morning not in worse_mornings:
        return None
    reason = f"the morning after the session on {short_day(latest.day)} was worse"
    return StepBack(last.level - 1, reason, latest)


def judge(
    sessions: Sequence[SessionFacts],
    worse_mornings: frozenset[date],
    changes: Sequence[LevelMark],
    level_count: int,
) -> Verdict:
    """The verdict on a routine's history: step back, offer the next level, or neither.

    ``worse_mornings`` are the days with a ``worse`` morning check; ``changes`` the routine's
    level changes, oldest first; ``level_count`` the length of its ladder.
    """
    level = current_level(changes, level_count)
    counted = _counted(sessions, changes, level)
    morning = _worse_morning_after_moving_up(sessions, changes, worse_mornings)
    if morning is not None and level > 1:
        return Verdict(level, step_back=morning)
    if level > 1:
        for session in counted:
            reason = _step_back_reason(session, worse_mornings)
            if reason is not None:
                return Verdict(level, step_back=StepBack(level - 1, reason, session))
    run = _run_length(counted, worse_mornings)
    if run >= TOLERATED_IN_A_ROW and level < level_count:
        days = " and ".join(short_day(day) for day in _last_days(counted))
        reason = f"{TOLERATED_IN_A_ROW} tolerated sessions in a row ({days})"
        return Verdict(level, offer=Offer(level + 1, reason))
    return Verdict(level)
