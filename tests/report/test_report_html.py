"""The HTML report: one self-contained file, journal text escaped, a chart without colour."""

from __future__ import annotations

import re
from datetime import date

from report_support import HTML_NOTE, daily_notes, full_outcomes, inputs

from coach.report.data import assemble
from coach.report.html import render_html


def report(sessions: bool = False, notes: dict[date, str] | None = None) -> str:
    return render_html(assemble(inputs(notes, full_outcomes())), sessions=sessions)


def test_no_note_becomes_markup() -> None:
    html = report(sessions=True)
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert HTML_NOTE not in html


def test_nothing_is_fetched_and_nothing_runs() -> None:
    html = report(sessions=True)
    tags = re.findall(r"<[^>]*>", html)
    assert [t for t in tags if re.search(r"\b(?:src|href|action|srcset)\s*=", t, re.I)] == []
    for fetch in ("url(", "@import", "<link", "<iframe", "<object", "<embed", "<script"):
        assert fetch not in html.lower()
    assert "default-src 'none'" in html  # the Content-Security-Policy
    # Without a note that names one, no address at all.
    assert re.findall(r"https?:", report(notes=daily_notes()), re.I) == []


def test_a_print_stylesheet_for_one_a4_page() -> None:
    html = report()
    assert "@page { size: A4;" in html
    assert "break-inside: avoid" in html


def test_the_chart_tells_before_and_after_apart_without_colour() -> None:
    html = report()
    (svg,) = re.findall(r"<svg.*?</svg>", html, re.DOTALL)
    dashes = re.findall(r'<polyline [^>]*stroke-dasharray="([^"]+)"', svg)
    assert set(dashes) == {"none", "6 4", "1.5 3"}  # before, after, daily score
    # 27 days with sessions: a filled circle and an open square each, plus the legend's.
    assert svg.count('<circle cx="') == 27 + 1
    assert svg.count('fill="#fff" stroke="#000"') == 27 + 1
    labels = re.findall(r'text-anchor="end">(\d+)</text>', svg)
    assert labels == ["0", "2", "4", "6", "8", "10"]
    assert ">before</text>" in svg and ">after</text>" in svg
    assert ">2 Mar 2026</text>" in svg and ">23 Mar</text>" in svg
    assert 'role="img"' in svg


def test_a_missed_day_breaks_the_line() -> None:
    (svg,) = re.findall(r"<svg.*?</svg>", report(), re.DOTALL)
    solid = re.findall(r'<polyline points="([^"]+)"[^>]*stroke-dasharray="none"', svg)
    # Wed 11 Mar has no session: 2-10 Mar and 12-29 Mar.
    assert sorted(len(points.split()) for points in solid) == [9, 18]


def test_the_facts_are_those_of_the_markdown() -> None:
    html = report()
    for text in (
        "For alice · 2026-03-02 to 2026-03-29 (28 days)",
        "Days done: 26 of 27 planned (96%)",
        "Red flags last checked Sat 14 Mar 2026: none applied.",
        "curl-up: it hurt 3, easier variant 2",
        "Daily core: level 2 of 5 (4-3-2); 9 Mar 2026: level 2 (up), offer accepted",
        "<q>felt good</q> ×3",
        "Flare-ups: 1 (18 Mar, 3 days)",
        "Change: 3.0 points less pain, 54%: a meaningful change",
        "PEG by week: Mon 2 Mar 5.7, Mon 9 Mar 4.7, Mon 16 Mar 3.7, Mon 23 Mar 2.7",
        "<th>walk days</th>",
        "<td class=n>2 (40 min)</td>",
    ):
        assert text in html, text
    assert "All sessions" not in html
    assert html.count("<tr><td class=n>Mon 02 Mar 08:00</td>") == 0
    assert report(sessions=True).count("<td class=n>Mon 02 Mar 08:00</td>") == 1
