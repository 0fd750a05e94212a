"""The Markdown report: escaped journal text, the sparkline, the sections in their order."""

from __future__ import annotations

from markdown_it import MarkdownIt
from report_support import HTML_NOTE, MARKDOWN_NOTE, full_outcomes, inputs

from coach.report.data import assemble
from coach.report.markdown import escape, render_markdown, sparkline


def report(sessions: bool = False) -> str:
    return render_markdown(assemble(inputs(outcomes=full_outcomes())), sessions=sessions)


def section(text: str, title: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index(f"## {title}") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return [line for line in lines[start:end] if line]


def test_escape_leaves_no_html_and_no_markdown_special_active() -> None:
    assert escape("<b>a & b</b>") == "&lt;b&gt;a &amp; b&lt;/b&gt;"
    assert escape("*x* _y_ [l](u) `c` | ~s~ #h") == (
        "\\*x\\* \\_y\\_ \\[l\\](u) \\`c\\` \\| \\~s\\~ \\#h"
    )
    # What would start a list, a numbered list or a heading when a wrap puts it first.
    assert escape("- a + b 1. c 2) d = e") == "\\- a \\+ b 1\\. c 2\\) d \\= e"
    assert escape("two\nlines\x1b[2J") == "two lines\\[2J"


def test_a_rendered_report_has_no_html_of_the_notes() -> None:
    html = MarkdownIt("commonmark").enable("table").render(report(sessions=True))
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<em>bold</em>" not in html and 'href="https://example.org"' not in html


def test_the_sparkline_maps_0_to_10_on_eight_blocks() -> None:
    assert sparkline([0, 5, 10, None, 2.5, 7.5]) == "▁▅█·▃▆"
    assert sparkline([1, 2, 3], [False, True, False]) == "▂ ▂▃"  # 0.7 and 1.4 -> ▂
    assert sparkline([-1, 11]) == "▁█"


def test_the_pain_chart_is_two_labelled_lines_with_dates() -> None:
    assert section(report(), "Pain before and after sessions (daily mean, 0-10)") == [
        "```text",
        "before    ▅▅▅▅▅▅▅ ▅▅·▅▅▅▅ ▄▄▄▆▄▄▄ ▃▃▃▃▃▃▃  mean 4.6",
        "after     ▅▅▅▅▅▅▅ ▄▄·▄▄▄▄ ▃▃▃▅▃▃▃ ▂▂▂▂▂▂▂  mean 3.6",
        "daily     ▅▅·▅▅·▅ ▅·▄▄·▄▄ ·▄▄·▃▃· ▃▃·▃▃·▃",
        "          2 Mar   9 Mar   16 Mar  23 Mar",
        "```",
    ]


def test_the_first_screen_in_order() -> None:
    text = report()
    titles = [line for line in text.splitlines() if line.startswith("#")]
    assert titles == [
        "# coach report: 2026-03-02 to 2026-03-29 (28 days)",
        "## At a glance",
        "## Pain before and after sessions (daily mean, 0-10)",
        "## Outcomes",
        "## Levels",
        "## During sessions, by exercise",
        "## Weeks",
    ]
    assert "For alice." in text
    glance = section(text, "At a glance")
    assert glance[0] == "- Days done: 26 of 27 planned (96%); dose (work done / planned): 100%"
    assert "- Red flags last checked Sat 14 Mar 2026: none applied." in glance
    assert section(text, "Levels") == [
        "- Daily core: level 2 of 5 (4-3-2); 9 Mar 2026: level 2 (up), offer accepted:",
        "  two tolerated sessions in a row",
    ]
    assert (
        "- Walk days: 3, 70 min in all. Walking: 1 walk day this week, 30 minutes; goal 3" in glance
    )
    assert section(text, "During sessions, by exercise") == [
        "- curl-up: it hurt 3, easier variant 2",
        "- bird-dog: it hurt 1",
        "- side-bridge: skipped 1",
    ]


def test_weeks_quote_each_note_once_and_fit_80_columns() -> None:
    text = report()
    weeks = section(text, "Weeks")
    assert weeks[0].startswith("- 2-8 Mar: 7 sessions, 7 of 7 days done, 71 min, pain 6.0 → 5.0")
    week_one = " ".join(weeks[:4])
    assert week_one.count("felt good") == 1 and '"felt good" (×3)' in week_one
    assert HTML_NOTE not in text and MARKDOWN_NOTE not in text
    assert all(len(line) <= 80 for line in text.splitlines() if not line.startswith("before"))


def test_the_session_list_only_on_request() -> None:
    assert "## All sessions" not in report()
    rows = section(report(sessions=True), "All sessions")
    assert (
        rows[0] == '- Mon 02 Mar 08:00 Daily core L2: Completed, 100% done, pain 6 → 5 "felt good"'
    )
    assert sum(1 for row in rows if row.startswith("- ")) == 27


def test_outcomes_in_the_services_words_unescaped() -> None:
    outcomes = section(report(), "Outcomes")
    assert (
        outcomes[0]
        == "- Daily pain: weekly mean 2.6 in the week of 23 Mar (5 days scored; daily pain"
    )
    flowing = " ".join(outcomes)
    assert "Change: 3.0 points less pain, 54%: a meaningful change" in flowing
    assert "- PEG: 2.7 in the week of 23 Mar (pain 3, enjoyment 2, activity 3)" in outcomes
    assert "- Flare-ups: 1 (18 Mar, 3 days)" in outcomes
    assert "\\" not in flowing  # coach's own words and numbers: nothing escaped
