"""The sentences of the report, written once for both renderings.

Each function takes ``esc``, the rendering's escape for text that comes from the journal
(routine titles, exercise names, notes, reasons): HTML passes ``html.escape``, Markdown its
own escape. coach's own words go through as they are, so neither rendering has to unpick them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from coach.coaching.outcome import PAIN_BEFORE_SCOPE
from coach.coaching.redflags import PASSING_ANSWERS, STOPPING_ANSWERS
from coach.report.data import (
    ExerciseEvents,
    LevelRow,
    RedFlagsCheck,
    ReportData,
    WeekRow,
)

__all__ = [
    "INTRODUCTION",
    "Escape",
    "chart_title",
    "day_text",
    "event_counts_text",
    "glance_lines",
    "level_items",
    "level_text",
    "outcome_items",
    "pain_text",
    "period_text",
    "red_flags_text",
    "score",
    "week_label",
    "week_text",
    "week_walks",
]

Escape = Callable[[str], str]

INTRODUCTION = (
    "Self-recorded with coach, a home exercise coach (not a medical device). Pain is the 0-10 "
    "numeric rating scale. The change from before to after a session is short-term relief, "
    "not a measure of lasting change. A day counts as done with a session that reached its "
    "end with at least half its planned work; flare-up sessions and previews do not count."
)


def day_text(day: date, year: bool = False) -> str:
    """``Mon 2 Mar`` (``Mon 2 Mar 2026`` with ``year``)."""
    text = f"{day:%a} {day.day} {day:%b}"
    return f"{text} {day.year}" if year else text


def period_text(data: ReportData) -> str:
    """``2026-03-02 to 2026-03-29 (28 days)``: ISO dates, read the same everywhere."""
    plural = "s" if data.days != 1 else ""
    return f"{data.since.isoformat()} to {data.today.isoformat()} ({data.days} day{plural})"


def chart_title(data: ReportData) -> str:
    """The pain chart's heading (and the SVG's name for screen readers)."""
    mean = "weekly mean, from each Monday" if data.weekly_chart else "daily mean"
    return f"Pain before and after sessions ({mean}, 0-10)"


def share(value: float | None) -> str:
    """``86%``, or ``n/a``."""
    return "n/a" if value is None else f"{value:.0%}"


def pain_text(value: int | None) -> str:
    """A session's pain score as recorded, or ``-``."""
    return "-" if value is None else str(value)


def score(value: float | None) -> str:
    """``4.5``, or ``-`` when not scored."""
    return "-" if value is None else f"{value:.1f}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def red_flags_text(check: RedFlagsCheck) -> str:
    """When the red flags were last checked, and what the last answer was."""
    when = day_text(check.passed_at.date(), True) if check.passed_at else None
    answer = check.last_answer
    if answer in STOPPING_ANSWERS:
        return (
            f"Red flags: the last check reported one ({answer}: see a doctor); "
            f"last passed {when or 'never'}."
        )
    if answer == "soon":
        return (
            "Red flags: a 'see a doctor soon' item applied at the last check; "
            f"last passed {when or 'never'}."
        )
    if when is None:
        return "Red flags: never checked with coach."
    if answer == "soon-checked":
        return f"Red flags last checked {when}: a 'soon' item, already checked by a clinician."
    if answer is None or answer in PASSING_ANSWERS:
        return f"Red flags last checked {when}: none applied."
    return f"Red flags last checked {when}."


def glance_lines(data: ReportData, esc: Escape) -> list[str]:
    """The first lines: adherence (sessions, dose, walks), streak, pain means, red flags."""
    g = data.glance
    routines = ", ".join(f"{esc(rid)} {n}" for rid, n in g.per_routine.items())
    walks = (
        f"Walk days: {g.walk_days}, {g.walk_minutes} min in all"
        if g.walk_days
        else "Walk days: none logged"
    )
    if g.walk_goal:
        walks += f". {esc(g.walk_goal)}"
    return [
        f"Days done: {g.done_days} of {g.planned_days} planned ({share(g.share)}); "
        f"dose (work done / planned): {share(g.dose)}",
        f"Sessions: {g.sessions}"
        + (f" ({routines})" if routines else "")
        + f"; flare-up sessions: {g.flare_sessions}; "
        f"streak {g.current_streak}, best {g.best_streak}",
        walks + ".",
        f"Pain before sessions {score(data.pain_mean_before)}, after "
        f"{score(data.pain_mean_after)} ({PAIN_BEFORE_SCOPE}). {data.relief_text}",
        red_flags_text(data.red_flags),
    ]


_EVENT_WORDS = (
    ("hurts", "it hurt"),
    ("easier", "easier variant"),
    ("skipped", "skipped"),
    ("leg_symptoms", "leg symptoms"),
)


def event_counts_text(row: ExerciseEvents, esc: Escape) -> str:
    """``curl-up: it hurt 3, easier variant 2``."""
    parts = [f"{words} {getattr(row, name)}" for name, words in _EVENT_WORDS if getattr(row, name)]
    return f"{esc(row.exercise)}: {', '.join(parts)}"


def level_text(row: LevelRow, esc: Escape) -> str:
    """``Daily core: level 3 of 6 (6-4-1); 09 Mar: level 3 (up), offer accepted: ...``: the
    change in the progress service's words (``change_line``)."""
    of = f" of {row.levels}" if row.levels else ""
    name = f" ({esc(row.level_name)})" if row.level_name else ""
    changes = "; ".join(esc(c.text) for c in row.changes) or "no change in this period"
    return f"{esc(row.title)}: level {row.level}{of}{name}; {changes}"


def level_items(data: ReportData, esc: Escape) -> list[str]:
    """Why levels come from the journal (when they do), each routine's level and its
    changes, then any routine whose content changed."""
    note = [data.levels_note] if data.levels_note else []
    return (
        note
        + [level_text(row, esc) for row in data.levels]
        + [
            f"{esc(routine_id)}: routine content changed on {day_text(day)}"
            for routine_id, day in data.content_changes
        ]
    )


def outcome_items(data: ReportData) -> list[str]:
    """The outcomes service's lines, then every PEG of the period when there are several
    (the service's line gives the latest with its three items). Only coach's own words and
    numbers: nothing to escape (``2.6`` must not read ``2\\.6`` in the Markdown)."""
    out = data.outcomes
    if out is None:
        return []
    items = list(out.lines)
    if len(out.peg) > 1:
        items.append(
            "PEG by week: " + ", ".join(f"{day_text(p.day)} {score(p.score)}" for p in out.peg)
        )
    return items


def week_label(week: WeekRow) -> str:
    """``2-8 Mar``, ``30 Mar-5 Apr``."""
    start, end = week.start, week.end
    if start == end:
        return f"{end.day} {end:%b}"
    first = f"{start.day}" if start.month == end.month else f"{start.day} {start:%b}"
    return f"{first}-{end.day} {end:%b}"


def week_walks(week: WeekRow) -> str:
    """``2 walk days (40 min)``, or nothing."""
    if not week.walk_days:
        return ""
    return f"{_plural(week.walk_days, 'walk day')} ({week.walk_minutes} min)"


def week_text(week: WeekRow) -> str:
    """The figures of one week (its notes are rendered apart, quoted)."""
    days = f"{week.done_days} of {week.planned_days} days done"
    walks = f", {week_walks(week)}" if week.walk_days else ""
    return (
        f"{_plural(week.sessions, 'session')}, {days}, {week.minutes} min, "
        f"pain {score(week.pain_before)} → {score(week.pain_after)}{walks}"
    )
