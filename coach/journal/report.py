"""A Markdown summary a physio can read in a minute: adherence, pain, sessions, notes, changes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from itertools import pairwise

from coach.coaching.outcome import (
    PAIN_BEFORE_SCOPE,
    event_text,
    label,
    mean_relief_text,
    session_end,
)
from coach.journal.records import EventRecord, SessionRecord
from coach.journal.stats import DayFacts, HistoryPrefix, TrainingPlan, compute_stats
from coach.textsafe import one_line
from coach.timefmt import words

__all__ = ["markdown_report"]


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def _cell(text: str) -> str:
    """Text from the user, made safe inside a Markdown table cell (and on a terminal): no
    control characters, no line breaks, no cell breaks."""
    return one_line(text).replace("|", "\\|")


def _events_section(
    shown: list[SessionRecord], events: Mapping[str, list[EventRecord]]
) -> list[str]:
    """What was said or chosen during sessions (it hurt, easier, skipped, leg symptoms)."""
    lines = []
    for s in shown:
        said = events.get(s.id, [])
        if said:
            texts = "; ".join(event_text(e.kind, e.exercise, e.detail, e.at_s) for e in said)
            lines.append(f"- {s.day.isoformat()} ({_cell(s.routine_title)}): {_cell(texts)}")
    return ["", "## During sessions", "", *(lines or ["Nothing was reported during sessions."])]


def markdown_report(
    sessions: list[SessionRecord],
    plan: TrainingPlan,
    today: date,
    since: date,
    events: Mapping[str, list[EventRecord]] | None = None,
    history: Sequence[DayFacts] | None = None,
    prefix: HistoryPrefix | None = None,
) -> str:
    """The report for ``since``..``today``; previews are left out. ``events`` by session id
    (it hurt, easier variant, skipped exercise, leg symptoms) get a section of their own.
    ``sessions``, ``history`` and ``prefix`` are what ``compute_stats`` takes."""
    days = (today - since).days + 1
    stats = compute_stats(sessions, plan, today, days, history, prefix)
    shown = sorted(
        (s for s in sessions if not s.preview and since <= s.day <= today),
        key=lambda s: s.started,
    )
    pain = stats.pain
    lines = [
        f"# coach report: {since.isoformat()} to {today.isoformat()}",
        "",
        "Self-recorded with coach, a home exercise coach (not a medical device). Pain is the "
        "0-10 numeric rating scale. The change from before to after a session is short-term "
        "relief, not a measure of lasting change. A session counts when it reached its end "
        "with at least half its planned work done; one skipped through to the end, ended "
        "early or interrupted is listed but not counted.",
        "",
        "## Adherence",
        "",
        f"- Days with a completed session: {stats.window.done} of {stats.window.planned} "
        f"planned ({_share(stats.window.share)}); goal {plan.weekly_goal} days a week"
        + (f", rest days {', '.join(sorted(plan.rest_days))}" if plan.rest_days else ""),
        f"- Dose (work time done / planned): {_share(stats.dose)}",
        f"- Current streak {stats.current_streak} day{'s' if stats.current_streak != 1 else ''}"
        f", best {stats.best_streak}",
        f"- Sessions: {stats.sessions}"
        + (
            " (" + ", ".join(f"{rid} {n}" for rid, n in stats.per_routine.items()) + ")"
            if stats.per_routine
            else ""
        ),
        f"- Flare-up sessions: {sum(1 for s in shown if s.flare or s.purpose == 'flare')}",
        "",
        "## Pain",
        "",
        f"- Mean before sessions {_score(pain.mean_before)}, after {_score(pain.mean_after)} "
        f"({PAIN_BEFORE_SCOPE}: days without one are missing)",
        "- " + mean_relief_text(pain.mean_change, pain.sessions_with_relief, pain.paired_sessions),
    ]
    weekly = [p for p in pain.points if p.day.weekday() == today.weekday() and p.before is not None]
    if weekly:
        trend = ", ".join(f"{p.day.isoformat()} {p.before:.1f}" for p in weekly)
        lines.append(f"- 7-day mean pain before sessions, weekly: {trend}")
    lines += ["", "## Sessions", ""]
    if shown:
        lines += [
            "| date | routine | status | done | pain | note |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for s in shown:
            before = "-" if s.pain_before is None else str(s.pain_before)
            after = "-" if s.pain_after is None else str(s.pain_after)
            side = f", {s.side}" if s.side else ""
            lines.append(
                f"| {s.started.strftime('%Y-%m-%d %H:%M')} | {_cell(s.routine_title)}{side} | "
                f"{label(session_end(s.status, s.dose))} | {s.dose:.0%} of "
                f"{words(s.work_planned_s)} | {before} → {after} | {_cell(s.note or '')} |"
            )
    else:
        lines.append("No sessions in this period.")
    notes = [s for s in shown if s.note]
    if notes:
        lines += ["", "## Notes", ""]
        lines += [
            f"- {s.day.isoformat()} ({_cell(s.routine_title)}): {one_line(s.note or '')}"
            for s in notes
        ]
    if events is not None:
        lines += _events_section(shown, events)
    changes = []
    by_routine: dict[str, list[SessionRecord]] = {}
    for s in shown:
        by_routine.setdefault(s.routine_id, []).append(s)
    for routine_id, runs in sorted(by_routine.items()):
        for earlier, later in pairwise(runs):
            if earlier.fingerprint != later.fingerprint:
                changes.append(
                    f"- {routine_id} changed before the session of {later.day.isoformat()} "
                    f"(content {earlier.fingerprint[:8]} → {later.fingerprint[:8]})"
                )
    lines += ["", "## Routine changes", ""]
    lines += changes or ["No routine changed in this period."]
    return "\n".join(lines) + "\n"
