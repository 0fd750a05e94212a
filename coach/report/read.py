"""Reading what a report needs from the journal: the period's sessions and events, walks,
level changes, the red-flag check, and what the services say about outcomes and levels.

Only the period is read (and the stats' kept history prefix for the streaks), never the
whole journal: a month of a fifty-year journal reads a month.
"""

from __future__ import annotations

import getpass
from datetime import date, datetime

from coach.journal import logbook
from coach.journal.history import read_for_stats
from coach.journal.records import Journal
from coach.journal.stats import TrainingPlan
from coach.report.data import (
    LevelChangeRow,
    LevelRow,
    RedFlagsCheck,
    ReportData,
    ReportInputs,
    WalkRow,
    assemble,
)
from coach.safety import RED_FLAGS_ACK_KEY

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


def _walks(journal: Journal, since: date, today: date) -> list[WalkRow]:
    return [
        WalkRow(entry.date, entry.minutes or 0, entry.pain)
        for entry in logbook.entries(journal, ("walk",), since)
        if entry.date <= today
    ]


def _levels(journal: Journal, since: date, today: date, titles: dict[str, str]) -> list[LevelRow]:
    """Each routine's level from its recorded changes (the last one holds) and the changes in
    the period. A declined offer keeps the level, so it is listed but does not set it."""
    by_routine: dict[str, list[logbook.LevelChange]] = {}
    for change in logbook.level_changes(journal):
        by_routine.setdefault(change.routine_id, []).append(change)
    rows = []
    for routine_id, changes in sorted(by_routine.items()):
        setting = [c for c in changes if c.change != "declined"] or changes
        shown = tuple(
            LevelChangeRow(day, c.level, c.change, c.reason)
            for c in changes
            if since <= (day := datetime.fromisoformat(c.changed_at).date()) <= today
        )
        rows.append(
            LevelRow(
                routine_id,
                titles.get(routine_id, routine_id),
                setting[-1].level,
                None,
                None,
                shown,
            )
        )
    return rows


def read_report(
    journal: Journal, plan: TrainingPlan, today: date, since: date, user: str | None = None
) -> ReportData:
    """The report for ``since``..``today`` from ``journal``."""
    read = read_for_stats(journal, plan, today, (today - since).days + 1)
    events = journal.events_of(s.id for s in read.sessions)
    titles = {s.routine_id: s.routine_title for s in sorted(read.sessions, key=lambda s: s.started)}
    inputs = ReportInputs(
        today=today,
        since=since,
        plan=plan,
        sessions=read.sessions,
        events=events,
        history=read.history,
        prefix=read.prefix,
        walks=_walks(journal, since, today),
        levels=_levels(journal, since, today, titles),
        red_flags=red_flags_check(journal),
        user=user,
    )
    return assemble(inputs)
