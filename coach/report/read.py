"""Reading what a report needs: the period's sessions and events and the red-flag check from
the journal; outcomes, walking and levels from the services (``coach.services``), so the
report shows the words and numbers of ``coach stats`` and ``coach progress``.

Only the period is read (and the stats' kept history prefix for the streaks), never the
whole journal: a month of a fifty-year journal reads a month.
"""

from __future__ import annotations

import getpass
from datetime import date, datetime
from typing import Literal

from coach.journal import logbook
from coach.journal.history import read_for_stats
from coach.journal.records import Journal
from coach.journal.rows import now_local
from coach.journal.stats import TrainingPlan
from coach.report.data import LevelRow, RedFlagsCheck, ReportData, ReportInputs, assemble
from coach.report.parts import (
    LIBRARY_UNREADABLE,
    ROUTINES_MISSING,
    journal_levels,
    level_rows,
    outcomes_part,
    walk_days,
    walk_goal_text,
)
from coach.routine import Library, load_default_library
from coach.safety import RED_FLAGS_ACK_KEY
from coach.services.outcomes import outcomes, walking
from coach.services.progress import progress_states

__all__ = ["machine_user", "read_report", "red_flags_check"]

RED_FLAGS_ANSWER_KEY = "red_flags_answer"
"""The flow's ``Keys.RED_FLAGS_ANSWER`` (coach.flow.context), named here so the report does not
load the flow."""


def machine_user() -> str | None:
    """The login name of this machine's user: the only "who" coach knows (it asks no name)."""
    try:
        return getpass.getuser() or None
    except (OSError, KeyError):
        return None


def red_flags_check(journal: Journal) -> RedFlagsCheck:
    """When the red flags were last checked and passed, and the last answer."""
    text = journal.get_meta(RED_FLAGS_ACK_KEY)
    try:
        passed = datetime.fromisoformat(text) if text else None
    except ValueError:
        passed = None
    return RedFlagsCheck(passed, journal.get_meta(RED_FLAGS_ANSWER_KEY))


def _library() -> Library | None:
    """The routine library as ``coach routines list`` loads it, or None when it cannot be
    read at all (a broken file only leaves its routine out: ``Library.problems``)."""
    try:
        return load_default_library()
    except (OSError, ValueError):
        return None


def _levels(
    journal: Journal,
    library: Library | None,
    period: tuple[date, date],
    titles: dict[str, str],
) -> tuple[list[LevelRow], str | None]:
    """Levels from the progress service; from the journal alone, with a plain line saying
    so, for what the library cannot give. A broken routine file never fails the report."""
    since, today = period
    recorded = logbook.level_changes(journal)
    if library is None:
        return journal_levels(recorded, since, today, titles), (
            LIBRARY_UNREADABLE if recorded else None
        )
    try:
        states = progress_states(journal, library, now_local())
    except (OSError, ValueError):
        return journal_levels(recorded, since, today, titles), LIBRARY_UNREADABLE
    known = {state.routine_id for state in states}
    missing = [c for c in recorded if c.routine_id not in known]
    rows = level_rows(states, since, today, titles) + journal_levels(missing, since, today, titles)
    return rows, ROUTINES_MISSING if missing else None


def read_report(
    journal: Journal,
    plan: TrainingPlan,
    today: date,
    since: date,
    user: str | None = None,
    red_from: int = 7,
    library: Library | Literal["load"] | None = "load",
) -> ReportData:
    """The report for ``since``..``today`` from ``journal``.

    ``red_from`` is the ``pain_threshold`` setting (the outcomes service's flare days);
    ``library`` the routine library (``"load"``: the default one, as ``coach routines list``
    loads it; None: unreadable, levels then come from the journal alone). Working out the
    levels records a step back the rules call for (``coach.services.progress``), as
    ``coach progress`` would.
    """
    read = read_for_stats(journal, plan, today, (today - since).days + 1)
    events = journal.events_of(s.id for s in read.sessions)
    titles = {s.routine_id: s.routine_title for s in sorted(read.sessions, key=lambda s: s.started)}
    loaded = _library() if library == "load" else library
    levels, levels_note = _levels(journal, loaded, (since, today), titles)
    walks = walking(journal, today, since)
    inputs = ReportInputs(
        today=today,
        since=since,
        plan=plan,
        sessions=read.sessions,
        events=events,
        history=read.history,
        prefix=read.prefix,
        walked=read.walk_days,
        walks=walk_days(walks, since, today),
        walk_goal=walk_goal_text(walks),
        levels=levels,
        levels_note=levels_note,
        outcomes=outcomes_part(outcomes(journal, today, since, red_from)),
        red_flags=red_flags_check(journal),
        user=user,
    )
    return assemble(inputs)
