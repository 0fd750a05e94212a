"""The report as one self-contained HTML file that prints on one A4 page for four weeks.

No scripts, no links, no fonts or images from anywhere: the CSS is inline, the chart is inline
SVG, and a Content-Security-Policy forbids everything else even if something slipped through.
Every text from the journal goes through ``html.escape``: a note ``<img src=x onerror=...>``
shows as those characters. The print stylesheet sets the A4 page and keeps each section
whole on a page.
"""

from __future__ import annotations

from html import escape as _html_escape

from coach.coaching.outcome import label, session_end
from coach.journal.records import SessionRecord
from coach.report.chart import Series, pain_chart
from coach.report.data import ReportData, WeekRow
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
)
from coach.textsafe import one_line

__all__ = ["escape", "render_html"]

_CSS = """
:root { color: #111; background: #fff; }
body { font: 10.5pt/1.3 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; }
main { max-width: 180mm; margin: 0 auto; padding: 8mm 6mm; }
h1 { font-size: 14pt; margin: 0 0 1mm; }
h2 { font-size: 10pt; margin: 2mm 0 1mm; border-bottom: 0.3mm solid #999; }
p, ul { margin: 0 0 1mm; }
ul { padding-left: 5mm; }
.meta { color: #333; }
.intro { font-size: 8pt; color: #333; }
section { break-inside: avoid; page-break-inside: avoid; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 0 6mm; }
svg { width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { text-align: left; vertical-align: top; padding: 0.6mm 1.5mm; }
td { border-bottom: 0.2mm solid #ccc; }
td.n { text-align: right; white-space: nowrap; }
.notes { font-size: 8pt; width: 58%; }
q { quotes: "\\201C" "\\201D"; }
@page { size: A4; margin: 8mm 10mm; }
@media print {
  main { max-width: none; padding: 0; }
  body { font-size: 9pt; }
  .sessions { break-before: page; }
}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def escape(text: str) -> str:
    """Journal text for HTML: control characters dropped, on one line, every ``< > & " '``
    as an entity."""
    return _html_escape(one_line(text), quote=True)


def _chart(data: ReportData) -> str:
    days = [d.day for d in data.pain_days]
    series = [
        Series("before", [d.before for d in data.pain_days], "none", "circle"),
        Series("after", [d.after for d in data.pain_days], "6 4", "square"),
    ]
    if data.outcomes and data.outcomes.daily_pain:
        scores = dict(data.outcomes.daily_pain)
        series.append(Series("daily score", [scores.get(d) for d in days], "1.5 3", "triangle"))
    return pain_chart(days, series, chart_title(data))


def _list(items: list[str], empty: str) -> str:
    if not items:
        return f"<p>{empty}</p>"
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _walk_cell(week: WeekRow) -> str:
    """``2 (40 min)`` under "walk days": narrow, so the notes keep their width."""
    return f"{week.walk_days} ({week.walk_minutes} min)" if week.walk_days else ""


def _weeks(data: ReportData) -> str:
    rows = []
    for week in data.weeks:
        notes = "; ".join(
            f"<q>{escape(n.text)}</q>" + (f" ×{len(n.days)}" if len(n.days) > 1 else "")
            for n in week.notes
        )
        rows.append(
            f"<tr><td class=n>{week_label(week)}</td><td class=n>{week.sessions}</td>"
            f"<td class=n>{week.done_days} of {week.planned_days}</td>"
            f"<td class=n>{week.minutes}</td><td class=n>{score(week.pain_before)} → "
            f"{score(week.pain_after)}</td><td class=n>{_walk_cell(week)}</td>"
            f"<td class=notes>{notes}</td></tr>"
        )
    head = (
        "<tr><th>week</th><th>sessions</th><th>days done</th><th>min</th>"
        "<th>pain before → after</th><th>walk days</th><th>notes</th></tr>"
    )
    return f"<section><h2>Weeks</h2><table>{head}{''.join(rows)}</table></section>"


def _session_row(s: SessionRecord) -> str:
    side = f", {escape(s.side)}" if s.side else ""
    level = "" if s.level is None else str(s.level)
    return (
        f"<tr><td class=n>{s.started:%a %d %b %H:%M}</td><td>{escape(s.routine_title)}{side}</td>"
        f"<td class=n>{level}</td><td>{label(session_end(s.status, s.dose))}</td>"
        f"<td class=n>{s.dose:.0%}</td><td class=n>{pain_text(s.pain_before)} → "
        f"{pain_text(s.pain_after)}</td><td class=notes>{escape(s.note or '')}</td></tr>"
    )


def _sessions(data: ReportData) -> str:
    head = (
        "<tr><th>started</th><th>routine</th><th>level</th><th>end</th><th>done</th>"
        "<th>pain</th><th>note</th></tr>"
    )
    rows = "".join(_session_row(s) for s in data.sessions) or (
        "<tr><td colspan=7>No sessions in this period.</td></tr>"
    )
    return f"<section class=sessions><h2>All sessions</h2><table>{head}{rows}</table></section>"


def render_html(data: ReportData, sessions: bool = False) -> str:
    """The whole report as one HTML document; the full session list only with ``sessions``."""
    period = period_text(data)
    who = f"For {escape(data.user)} · " if data.user else ""
    levels = level_items(data, escape)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>coach report: {period}</title><style>{_CSS}</style></head><body><main>",
        f"<header><h1>coach report</h1><p class=meta>{who}{period}</p>",
        f"<p class=intro>{INTRODUCTION}</p></header>",
        "<section><h2>At a glance</h2>" + _list(glance_lines(data, escape), "") + "</section>",
        f"<section><h2>{chart_title(data)}</h2>" + _chart(data) + "</section>",
        "<section><h2>Outcomes</h2>"
        + _list(outcome_items(data), "No daily scores or PEG recorded.")
        + '</section><div class="columns"><section><h2>Levels</h2>'
        + _list(levels, "No routine has levels yet.")
        + "</section><section><h2>During sessions, by exercise</h2>"
        + _list(
            [event_counts_text(row, escape) for row in data.events],
            "Nothing was reported during sessions.",
        )
        + "</section></div>",
        _weeks(data),
        _sessions(data) if sessions else "",
        "</main></body></html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"
