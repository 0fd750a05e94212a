"""Progression for every routine with a ladder: its level, the dose it means, any offer.

``progress_states`` reads the journal (sessions, their events, morning checks, level changes),
applies ``coach.coaching.progression`` and returns plain records for ``coach progress``, the
home and summary screens and the report. A step back the rules call for is applied right there,
once (a ``down`` level change with its reason, recorded after its evidence, so working the
states out again finds nothing new); it is then shown with its reason as the routine's latest
change: never silent. Going up needs the person's yes: ``accept``. ``decline`` keeps the level
and holds the offer back until two more tolerated sessions; ``set_level`` is the person's own
choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from coach.coaching.progression import LevelMark, SessionFacts, Verdict, judge
from coach.journal import Journal, SessionRecord
from coach.journal.db import JournalError
from coach.journal.logbook import (
    LevelChange,
    LevelChangeKind,
    add_level_change,
    entries,
    level_changes,
    new_id,
)
from coach.routine import Library, ResolvedRoutine
from coach.routine.describe import describe_dose
from coach.routine.levels import at_level, level_count, level_name
from coach.textsafe import quoted_id

__all__ = [
    "ProgressError",
    "ProgressOffer",
    "RoutineProgress",
    "accept",
    "change_line",
    "current_level",
    "decline",
    "level_for",
    "progress_for",
    "progress_states",
    "set_level",
]

EVIDENCE_DAYS = 56
"""How far back progression looks for sessions and morning checks (eight weeks)."""
_NOT_TOLERATED_EVENTS = frozenset({"easier", "skipped-exercise"})


class ProgressError(ValueError):
    """A request that cannot be done, with a one-line message that says why."""


@dataclass(frozen=True)
class ProgressOffer:
    """The next level, offered: its number, its name, and why."""

    to_level: int
    name: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        """As plain JSON."""
        return {"to_level": self.to_level, "name": self.name, "reason": self.reason}


@dataclass(frozen=True)
class RoutineProgress:
    """One routine's place on its ladder."""

    routine_id: str
    title: str
    level: int
    level_count: int
    level_name: str
    dose: str
    """The dose the level means, in words (``curl-up holds 4-2-1 × 8 s; ...``)."""
    offer: ProgressOffer | None
    changes: tuple[LevelChange, ...] = field(default=())
    """The routine's level changes, oldest first."""
    stepped_back: LevelChange | None = None
    """A step back applied while these states were worked out (told once by the flow)."""

    @property
    def last_change(self) -> LevelChange | None:
        """The latest level change, if any."""
        return self.changes[-1] if self.changes else None

    def to_json(self) -> dict[str, Any]:
        """As plain JSON (``coach progress --json``)."""
        return {
            "routine": self.routine_id,
            "title": self.title,
            "level": self.level,
            "levels": self.level_count,
            "level_name": self.level_name,
            "dose": self.dose,
            "offer": self.offer.to_json() if self.offer else None,
            "stepped_back": self.stepped_back.reason if self.stepped_back else None,
            "changes": [
                {
                    "level": change.level,
                    "change": change.change,
                    "reason": change.reason,
                    "at": change.changed_at,
                }
                for change in self.changes
            ],
        }


def _mark(change: LevelChange) -> LevelMark:
    return LevelMark(
        datetime.fromisoformat(change.changed_at), change.level, up=change.change == "up"
    )


def _facts(journal: Journal, sessions: list[SessionRecord]) -> list[SessionFacts]:
    events = journal.events_of(s.id for s in sessions)
    facts = []
    for session in sessions:
        eased = any(e.kind in _NOT_TOLERATED_EVENTS for e in events.get(session.id, []))
        all_reps = (
            session.status == "completed"
            and session.reps_done == session.reps_planned
            and not eased
        )
        facts.append(
            SessionFacts(
                started=session.started,
                # Recorded before the routine had its ladder: it ran as written, level 1.
                level=session.level or 1,
                preview=session.preview,
                all_reps_done=all_reps,
                pain_before=session.pain_before,
                pain_after=session.pain_after,
            )
        )
    return facts


def _verdict(
    journal: Journal, resolved: ResolvedRoutine, changes: list[LevelChange], now: datetime
) -> Verdict:
    """Judge the sessions since the last change, and at most ``EVIDENCE_DAYS`` back: older
    ones were judged when they were new, and home asks this on every visit."""
    since = now - timedelta(days=EVIDENCE_DAYS)
    if changes:
        # From the day before the last change: the session that earned an offer taken.
        changed = datetime.fromisoformat(changes[-1].changed_at) - timedelta(days=2)
        since = max(since, changed)
    sessions = [s for s in journal.sessions(since) if s.routine_id == resolved.id]
    mornings = entries(journal, ("morning",), since.date())
    worse = frozenset(entry.date for entry in mornings if entry.morning == "worse")
    marks = [_mark(change) for change in changes]
    return judge(_facts(journal, sessions), worse, marks, level_count(resolved))


def _record(
    journal: Journal, routine_id: str, level: int, kind: LevelChangeKind, reason: str, now: datetime
) -> LevelChange:
    change = LevelChange(
        id=new_id(),
        routine_id=routine_id,
        level=level,
        change=kind,
        reason=reason,
        changed_at=now.isoformat(timespec="seconds"),
    )
    add_level_change(journal, change)
    return change


def _dose_words(resolved: ResolvedRoutine) -> str:
    return " · ".join(f"{use.exercise.name} {describe_dose(use)}" for use in resolved.uses)


def progress_for(
    journal: Journal, resolved: ResolvedRoutine, now: datetime
) -> RoutineProgress | None:
    """The progress of one routine (None without a ladder), applying a due step back."""
    count = level_count(resolved)
    if not count:
        return None
    changes = level_changes(journal, resolved.id)
    verdict = _verdict(journal, resolved, changes, now)
    stepped: LevelChange | None = None
    if verdict.step_back is not None:
        back = verdict.step_back
        name = level_name(resolved, back.to_level)
        reason = f"back to {name}: {back.reason}"
        try:
            stepped = _record(journal, resolved.id, back.to_level, "down", reason, now)
        except JournalError:  # read-only or busy: shown now, recorded on a later look
            stepped = LevelChange(
                new_id(), resolved.id, back.to_level, "down", reason, now.isoformat("T", "seconds")
            )
        changes.append(stepped)
        verdict = _verdict(journal, resolved, changes, now)
    level = verdict.level
    offer = None
    if verdict.offer is not None:
        to = verdict.offer.to_level
        offer = ProgressOffer(to, level_name(resolved, to), verdict.offer.reason)
    return RoutineProgress(
        routine_id=resolved.id,
        title=resolved.routine.title,
        level=level,
        level_count=count,
        level_name=level_name(resolved, level),
        dose=_dose_words(at_level(resolved, level)),
        offer=offer,
        changes=tuple(changes),
        stepped_back=stepped,
    )


def progress_states(journal: Journal, library: Library, now: datetime) -> list[RoutineProgress]:
    """Every routine with a ladder, by id (step backs due are applied and recorded)."""
    states = (progress_for(journal, library.routines[rid], now) for rid in sorted(library.routines))
    return [state for state in states if state is not None]


def current_level(journal: Journal, routine_id: str) -> int | None:
    """The level last recorded for ``routine_id`` (None: never changed, so level 1 if it has
    a ladder). ``level_for`` keeps it within the routine's ladder."""
    changes = level_changes(journal, routine_id)
    return changes[-1].level if changes else None


def level_for(journal: Journal, resolved: ResolvedRoutine) -> int | None:
    """The level ``resolved`` is done at now (None: it has no ladder)."""
    count = level_count(resolved)
    if not count:
        return None
    level = current_level(journal, resolved.id) or 1
    return min(max(level, 1), count)


def _laddered(library: Library, routine_id: str) -> ResolvedRoutine:
    resolved = library.routines.get(routine_id)
    if resolved is None:
        known = ", ".join(sorted(library.routines)) or "none"
        raise ProgressError(f"no routine {quoted_id(routine_id)}. Known routines: {known}")
    if not level_count(resolved):
        with_ladder = [r.id for r in library.routines.values() if level_count(r)]
        hint = f" (routines with one: {', '.join(sorted(with_ladder))})" if with_ladder else ""
        raise ProgressError(f"routine {quoted_id(routine_id)} has no progression ladder{hint}")
    return resolved


def _state(journal: Journal, library: Library, routine_id: str, now: datetime) -> RoutineProgress:
    state = progress_for(journal, _laddered(library, routine_id), now)
    assert state is not None  # _laddered checked the ladder
    return state


def accept(journal: Journal, library: Library, routine_id: str, now: datetime) -> str:
    """Take the level offered; the one-line message to show. ``ProgressError`` when there
    is no offer now."""
    state = _state(journal, library, routine_id, now)
    if state.offer is None:
        raise ProgressError(
            f"no new level is offered for {quoted_id(routine_id)} now: it comes after two "
            f"tolerated sessions in a row at {state.level_name}"
        )
    offer = state.offer
    _record(journal, routine_id, offer.to_level, "up", f"offer accepted: {offer.reason}", now)
    return (
        f"{state.title}: now at level {offer.to_level} of {state.level_count}, {offer.name}. "
        "Step back any time with: coach progress set "
        f"{routine_id} {state.level}"
    )


def decline(journal: Journal, library: Library, routine_id: str, now: datetime) -> str:
    """Stay at this level; the offer comes back after two more tolerated sessions."""
    state = _state(journal, library, routine_id, now)
    if state.offer is None:
        raise ProgressError(f"no new level is offered for {quoted_id(routine_id)} now")
    reason = f"stayed at {state.level_name} (level {state.offer.to_level} declined)"
    _record(journal, routine_id, state.level, "declined", reason, now)
    return (
        f"{state.title}: staying at {state.level_name}. The next level is offered again "
        "after two more tolerated sessions."
    )


def set_level(
    journal: Journal, library: Library, routine_id: str, level: int, now: datetime
) -> str:
    """Choose a level yourself (1 is the first); the one-line message to show."""
    resolved = _laddered(library, routine_id)
    count = level_count(resolved)
    if not 1 <= level <= count:
        raise ProgressError(f"routine {quoted_id(routine_id)} has levels 1 to {count}, not {level}")
    name = level_name(resolved, level)
    if level == _state(journal, library, routine_id, now).level:
        return f"{resolved.routine.title}: already at level {level} of {count}, {name}."
    _record(journal, routine_id, level, "set", f"chosen: {name}", now)
    return f"{resolved.routine.title}: now at level {level} of {count}, {name}."


def change_line(change: LevelChange) -> str:
    """One line for a level change: ``20 Nov 2026: level 2 (up), offer accepted: ...``."""
    at = datetime.fromisoformat(change.changed_at)
    return f"{at.day} {at:%b %Y}: level {change.level} ({change.change}), {change.reason}"


def offer_sentence(state: RoutineProgress) -> str:
    """The offer in words, the same on the home screen, after a session and without a
    terminal: ``Daily core: level 3, 4-3-1, is offered after two tolerated sessions ...``."""
    offer = state.offer
    if offer is None:
        return ""
    return f"{state.title}: level {offer.to_level}, {offer.name}, is offered after {offer.reason}."


def offer_line(state: RoutineProgress) -> str:
    """The offer in a line for the home screen: ``Ready for level 2 (4-2-1), after ...``."""
    offer = state.offer
    if offer is None:
        return ""
    return f"Ready for level {offer.to_level} ({offer.name}), after {offer.reason}."
