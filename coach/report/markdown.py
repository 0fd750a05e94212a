"""The report as Markdown: readable as plain text at 80 columns, and safe when rendered.

Every text from the journal goes through ``escape``: ``<``, ``>`` and ``&`` become entities
(no raw HTML passes through a Markdown renderer), Markdown's inline specials get a backslash,
and a note is kept on one line. The pain trend is a sparkline, one block character per day.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from coach.journal.records import SessionRecord
from coach.report.data import ReportData
from coach.report.words import (
    INTRODUCTION,
    chart_title,
    event_counts_text,
    glance_lines,
    level_items,
    outcome_items,
    pain_text,
    period_text,
    score,
    week_label,
    week_text,
)
from coach.textsafe import one_line

__all__ = ["escape", "render_markdown", "sparkline"]

WIDTH = 80
_BLOCKS = "▁▂▃▄▅▆▇█"
MISSING = "·"
"""A day without a score in the sparkline."""
_LABEL = " " * 10
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_INLINE = re.compile(r"([\\`*_\[\]|~#!{}])")
_LINE_START = re.compile(r"(?<!\S)([-+=])")
_ORDERED = re.compile(r"(?<!\S)(\d+)([.)])")


def escape(text: str) -> str:
    """Journal text made inert in Markdown, on one line: entities for ``& < >``, a backslash
    before inline specials and before what would start a list or heading after a wrap."""
    text = one_line(text)
    text = "".join(_ENTITIES.get(ch, ch) for ch in text)
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


def sparkline(values: Sequence[float | None], week_starts: Sequence[bool] = ()) -> str:
    """One block per value on the 0-10 scale (``▁`` low, ``█`` 10), ``·`` for none; a space
    before each day marked in ``week_starts`` (except the first) groups the weeks."""
    marks = []
    for i, value in enumerate(values):
        if i and i < len(week_starts) and week_starts[i]:
            marks.append(" ")
        if value is None:
            marks.append(MISSING)
        else:
            marks.append(_BLOCKS[round(min(max(value, 0.0), 10.0) * (len(_BLOCKS) - 1) / 10)])
    return "".join(marks)


def _item(text: str) -> list[str]:
    """A list item wrapped at 80 columns, continued under its first word."""
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent="- ",
        subsequent_indent="  ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def _chart(data: ReportData) -> list[str]:
    """The pain trend: two labelled sparklines (before, after) and the Monday of each week."""
    days = data.pain_days
    mondays = [d.day.weekday() == 0 and not data.weekly_chart for d in days]
    dates, column = "", 0
    for i, day in enumerate(days):
        column += 1 if i and mondays[i] else 0
        if i == 0 or (mondays[i] and len(dates) < column):
            dates = dates.ljust(column) + f"{day.day.day} {day.day:%b}"
        column += 1
    line = sparkline([d.before for d in days], mondays)
    after = sparkline([d.after for d in days], mondays)
    lines = [
        f"{'before':<10}{line}  mean {score(data.pain_mean_before)}",
        f"{'after':<10}{after}  mean {score(data.pain_mean_after)}",
        _LABEL + dates,
    ]
    outcomes = data.outcomes
    if outcomes and outcomes.daily_pain:
        scores = dict(outcomes.daily_pain)
        lines.insert(2, f"{'daily':<10}{sparkline([scores.get(d.day) for d in days], mondays)}")
    return ["```text", *lines, "```"]


def _section(title: str, items: Sequence[str], empty: str) -> list[str]:
    lines = ["", f"## {title}", ""]
    for text in items:
        lines += _item(text)
    return lines if items else [*lines, empty]


def _weeks(data: ReportData) -> list[str]:
    lines: list[str] = []
    for week in data.weeks:
        notes = "; ".join(
            f'"{escape(n.text)}"' + (f" (×{len(n.days)})" if len(n.days) > 1 else "")
            for n in week.notes
        )
        head = f"{week_label(week)}: {week_text(week)}"
        lines += _item(head + (f"; notes: {notes}" if notes else ""))
    return ["", "## Weeks", "", *lines]


def _session_row(s: SessionRecord) -> str:
    from coach.coaching.outcome import label, session_end

    side = f", {escape(s.side)}" if s.side else ""
    level = "" if s.level is None else f" L{s.level}"
    note = f' "{escape(s.note)}"' if s.note else ""
    return (
        f"{s.started:%a %d %b %H:%M} {escape(s.routine_title)}{side}{level}: "
        f"{label(session_end(s.status, s.dose))}, {s.dose:.0%} done, "
        f"pain {pain_text(s.pain_before)} → {pain_text(s.pain_after)}{note}"
    )


def render_markdown(data: ReportData, sessions: bool = False) -> str:
    """The whole report; the full session list only with ``sessions``."""
    who = f"For {escape(data.user)}. " if data.user else ""
    lines = [f"# coach report: {period_text(data)}", ""]
    lines += textwrap.wrap(who + INTRODUCTION, WIDTH)
    lines += ["", "## At a glance", ""]
    for text in glance_lines(data, escape):
        lines += _item(text)
    lines += ["", f"## {chart_title(data)}", "", *_chart(data)]
    lines += _section("Outcomes", outcome_items(data), "No daily scores or PEG recorded.")
    lines += _section("Levels", level_items(data, escape), "No routine has levels yet.")
    lines += _section(
        "During sessions, by exercise",
        [event_counts_text(row, escape) for row in data.events],
        "Nothing was reported during sessions.",
    )
    lines += _weeks(data)
    if sessions:
        rows = [_session_row(s) for s in data.sessions]
        lines += _section("All sessions", rows, "No sessions in this period.")
    return "\n".join(lines) + "\n"
