"""What the services say, turned into the report's parts: words and values taken as they
are, never worked out again, so the report reads the same as ``coach stats`` and
``coach progress``.

Pure functions over the services' records (``Outcomes``, ``Walking``, ``RoutineProgress``) and
the journal's ``LevelChange`` rows; ``coach.report.read`` does the reading.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime

from coach.journal.logbook import LevelChange
from coach.report.data import LevelChangeRow, LevelRow, OutcomesPart, PegRow, WalkDay
from coach.services.outcomes import Outcomes, Walking, outcome_lines, walking_lines
from coach.services.progress import RoutineProgress, change_line

__all__ = [
    "LIBRARY_UNREADABLE",
    "ROUTINES_MISSING",
    "journal_levels",
    "level_rows",
    "outcomes_part",
    "walk_days",
    "walk_goal_text",
]

LIBRARY_UNREADABLE = (
    "The routine files could not be read: levels are shown as recorded in the journal."
)
ROUTINES_MISSING = (
    "Some routines with levels are missing from the routine files or could not be read: "
    "their levels are shown as recorded in the journal."
)


def _words(line: str) -> str:
    """A service line without its column padding (``Change:     less`` -> ``Change: less``):
    the words stay, the alignment meant for a terminal goes."""
    return " ".join(line.split())


def outcomes_part(result: Outcomes) -> OutcomesPart:
    """The outcomes service's lines and values for the report."""
    return OutcomesPart(
        lines=tuple(_words(line) for line in outcome_lines(result)),
        peg=tuple(PegRow(p.day, p.pain, p.enjoyment, p.activity, p.score) for p in result.peg),
        flares=result.flares,
        daily_pain=tuple((s.day, s.pain) for s in result.scores if s.source == "daily"),
        baseline=result.baseline,
        change=result.change,
    )


def walk_days(walks: Walking, since: date, today: date) -> tuple[WalkDay, ...]:
    """The walk days of ``since``..``today`` as the walking service counts them."""
    return tuple(
        WalkDay(day, minutes)
        for day, minutes in sorted(walks.days.items())
        if since <= day <= today
    )


def walk_goal_text(walks: Walking) -> str:
    """This week's walking against its goal, in the walking service's words."""
    return "; ".join(_words(line) for line in walking_lines(walks))


def _day(change: LevelChange) -> date:
    return datetime.fromisoformat(change.changed_at).date()


def _change_rows(
    changes: Iterable[LevelChange], since: date, today: date
) -> tuple[LevelChangeRow, ...]:
    return tuple(
        LevelChangeRow(_day(c), c.level, c.change, c.reason, change_line(c))
        for c in changes
        if since <= _day(c) <= today
    )


def level_rows(
    states: Sequence[RoutineProgress], since: date, today: date, done: Collection[str]
) -> list[LevelRow]:
    """The level of each routine ``done`` in the period or ever moved on its ladder, as the
    progress service has it, with its changes in the period (a ladder never used is left
    out: it says nothing about this person)."""
    return [
        LevelRow(
            state.routine_id,
            state.title,
            state.level,
            state.level_name,
            state.level_count,
            _change_rows(state.changes, since, today),
        )
        for state in states
        if state.routine_id in done or state.changes
    ]


def journal_levels(
    changes: Sequence[LevelChange], since: date, today: date, titles: Mapping[str, str]
) -> list[LevelRow]:
    """Levels from the journal alone, for routines the library cannot give: the last change
    that set a level holds (a declined offer keeps the level it was at); no name, no ladder."""
    by_routine: dict[str, list[LevelChange]] = {}
    for change in changes:
        by_routine.setdefault(change.routine_id, []).append(change)
    rows = []
    for routine_id, own in sorted(by_routine.items()):
        setting = [c for c in own if c.change != "declined"] or own
        rows.append(
            LevelRow(
                routine_id,
                titles.get(routine_id, routine_id),
                setting[-1].level,
                None,
                None,
                _change_rows(own, since, today),
            )
        )
    return rows
