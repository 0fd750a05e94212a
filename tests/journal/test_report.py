"""The Markdown report for a physio, on a hand-built week whose figures are worked out by hand.

Monday 2 to Sunday 8 March 2026, every day planned:

====  =========================================================  ==========
day   sessions                                                    status
====  =========================================================  ==========
2     daily-core (content A), pain 6 -> 4, note with a ``|``      done
3     daily-core (A), pain 5 -> 5                                 done
4     nothing                                                     missed
5     daily-core (content B), ended early, 50 of 100 s, pain 7    partial
6     ql-stretch left side, pain 4 -> 2                           done
7     a preview of daily-core (content C) with pain and a note    missed
8     daily-core (B), no pain scores                              done
====  =========================================================  ==========
"""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from coach.journal.records import SessionRecord, SessionStatus
from coach.journal.report import markdown_report
from coach.journal.stats import TrainingPlan

_ids = itertools.count(1)
CONTENT_A = "aaaaaaaa11111111"
CONTENT_B = "bbbbbbbb22222222"
CONTENT_C = "cccccccc33333333"
SINCE = date(2026, 3, 2)
TODAY = date(2026, 3, 8)


def record(
    started_at: str,
    *,
    status: SessionStatus = "completed",
    routine_id: str = "daily-core",
    title: str = "Daily core",
    purpose: str = "core",
    fingerprint: str = CONTENT_A,
    side: str | None = None,
    speed: float = 1.0,
    flare: bool = False,
    pain_before: int | None = None,
    pain_after: int | None = None,
    note: str | None = None,
    work_planned_s: int = 100,
    work_done_s: float | None = None,
) -> SessionRecord:
    return SessionRecord(
        id=f"r{next(_ids)}",
        routine_id=routine_id,
        routine_title=title,
        purpose=purpose,
        fingerprint=fingerprint,
        side=side,
        speed=speed,
        started_at=started_at,
        ended_at=None,
        status=status,
        pain_before=pain_before,
        pain_after=pain_after,
        note=note,
        flare=flare,
        planned_s=work_planned_s + 30,
        work_planned_s=work_planned_s,
        reps_planned=3,
        work_done_s=float(work_planned_s) if work_done_s is None else work_done_s,
        reps_done=3,
        active_s=float(work_planned_s + 30),
    )


def week() -> list[SessionRecord]:
    return [
        # Before the period: neither in the table nor in the figures of the period.
        record("2026-02-20T09:00:00+01:00", note="old note", pain_before=9, pain_after=1),
        record("2026-03-02T09:00:00+01:00", pain_before=6, pain_after=4, note="ok | better"),
        record("2026-03-03T09:00:00+01:00", pain_before=5, pain_after=5),
        record(
            "2026-03-05T09:00:00+01:00",
            status="ended_early",
            fingerprint=CONTENT_B,
            work_done_s=50.0,
            pain_before=7,
            note="stopped, back hurt",
        ),
        record(
            "2026-03-06T18:30:00+01:00",
            routine_id="ql-stretch",
            title="QL stretch",
            fingerprint="dddddddd44444444",
            side="left",
            work_planned_s=60,
            pain_before=4,
            pain_after=2,
        ),
        record(
            "2026-03-07T20:00:00+01:00",
            speed=50,
            fingerprint=CONTENT_C,
            pain_before=0,
            pain_after=0,
            note="preview note",
        ),
        record("2026-03-08T09:00:00+01:00", fingerprint=CONTENT_B),
    ]


@pytest.fixture
def report() -> str:
    return markdown_report(week(), TrainingPlan(), TODAY, SINCE)


def section(report: str, title: str) -> list[str]:
    """The lines of one ``## title`` section, without blank lines."""
    lines = report.splitlines()
    start = lines.index(f"## {title}") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return [line for line in lines[start:end] if line]


def test_the_title_names_the_period(report: str) -> None:
    assert report.startswith("# coach report: 2026-03-02 to 2026-03-08\n")
    assert report.endswith("\n")


def test_the_adherence_section(report: str) -> None:
    assert section(report, "Adherence") == [
        "- Days with a completed session: 4 of 7 planned (57%); goal 7 days a week",
        "- Dose (work time done / planned): 89%",  # 410 of 460 s
        "- Current streak 1 day, best 2",
        "- Sessions: 5 (daily-core 4, ql-stretch 1)",
        "- Flare-up sessions: 0",
    ]


def test_the_pain_section(report: str) -> None:
    assert section(report, "Pain") == [
        # 6 5 7 4; 4 5 2
        "- Mean before sessions 5.5, after 3.7 "
        "(days with a session only: days without one are missing)",
        # -2, 0, -2: relief in 6->4 and 4->2
        "- Relief of 1.3 points on average within a session; "
        "relief in 2 of 3 sessions with both scores.",
        "- 7-day mean pain before sessions, weekly: 2026-03-08 5.5",
    ]


def test_a_session_change_is_relief_never_meaningful() -> None:
    sessions = [record("2026-03-02T09:00:00+01:00", pain_before=1, pain_after=0)]
    text = markdown_report(sessions, TrainingPlan(), TODAY, SINCE)
    assert "meaningful" not in text.lower()
    assert (
        "- Relief of 1.0 points on average within a session; "
        "relief in 1 of 1 session with both scores."
    ) in section(text, "Pain")


def test_the_introduction_says_what_counts(report: str) -> None:
    intro = report.split("## Adherence")[0]
    assert "short-term relief" in intro
    assert "at least half its planned work" in intro
    assert "meaningful" not in intro


def test_the_sessions_table(report: str) -> None:
    assert section(report, "Sessions") == [
        "| date | routine | status | done | pain | note |",
        "| --- | --- | --- | --- | --- | --- |",
        "| 2026-03-02 09:00 | Daily core | Completed | 100% of 1 min 40 s | 6 → 4 "
        "| ok \\| better |",
        "| 2026-03-03 09:00 | Daily core | Completed | 100% of 1 min 40 s | 5 → 5 |  |",
        "| 2026-03-05 09:00 | Daily core | Ended early | 50% of 1 min 40 s | 7 → - "
        "| stopped, back hurt |",
        "| 2026-03-06 18:30 | QL stretch, left | Completed | 100% of 1 min | 4 → 2 |  |",
        "| 2026-03-08 09:00 | Daily core | Completed | 100% of 1 min 40 s | - → - |  |",
    ]


def test_a_session_skipped_through_is_listed_as_such_and_not_counted() -> None:
    sessions = [
        record("2026-03-02T09:00:00+01:00"),
        record("2026-03-03T09:00:00+01:00", work_done_s=9.0),  # `n` through every step
        record("2026-03-04T09:00:00+01:00", status="interrupted", work_done_s=30.0),
    ]
    text = markdown_report(sessions, TrainingPlan(), date(2026, 3, 4), SINCE)
    rows = section(text, "Sessions")[2:]
    assert [row.split(" | ")[2] for row in rows] == ["Completed", "Skipped through", "Interrupted"]
    assert section(text, "Adherence")[0] == (
        "- Days with a completed session: 1 of 3 planned (33%); goal 7 days a week"
    )


def test_every_table_row_has_six_cells(report: str) -> None:
    for line in section(report, "Sessions"):
        assert line.replace("\\|", "").count("|") == 7, line


def test_the_notes_section(report: str) -> None:
    assert section(report, "Notes") == [
        "- 2026-03-02 (Daily core): ok | better",
        "- 2026-03-05 (Daily core): stopped, back hurt",
    ]


def test_a_changed_routine_is_listed(report: str) -> None:
    assert section(report, "Routine changes") == [
        "- daily-core changed before the session of 2026-03-05 (content aaaaaaaa → bbbbbbbb)",
    ]


def test_previews_and_sessions_outside_the_period_are_left_out(report: str) -> None:
    assert "preview note" not in report
    assert "2026-03-07" not in report
    assert "cccccccc" not in report
    assert "old note" not in report
    assert "2026-02-20" not in report


def test_rest_days_and_weekly_goal_are_in_the_adherence_line() -> None:
    plan = TrainingPlan(weekly_goal=5, rest_days=frozenset({"sun", "sat"}))
    text = markdown_report(week(), plan, TODAY, SINCE)
    # Saturday 7 is a rest day; Sunday 8 too, but a session was done: six days available,
    # five of them planned by the goal, four done (2, 3, 6, 8).
    assert section(text, "Adherence")[0] == (
        "- Days with a completed session: 4 of 5 planned (80%); goal 5 days a week, "
        "rest days sat, sun"
    )


def test_flare_sessions_are_counted() -> None:
    sessions = [
        record("2026-03-02T09:00:00+01:00"),
        record("2026-03-03T09:00:00+01:00", routine_id="flare-up", purpose="flare"),
        record("2026-03-04T09:00:00+01:00", flare=True, status="ended_early"),
    ]
    text = markdown_report(sessions, TrainingPlan(), date(2026, 3, 4), SINCE)
    assert "- Flare-up sessions: 2" in section(text, "Adherence")
    assert "- Days with a completed session: 1 of 1 planned (100%); goal 7 days a week" in (
        section(text, "Adherence")
    )
    assert "- Current streak 1 day, best 1" in section(text, "Adherence")


def test_the_same_content_across_routines_is_not_a_change() -> None:
    sessions = [
        record("2026-03-02T09:00:00+01:00", routine_id="one", fingerprint=CONTENT_A),
        record("2026-03-03T09:00:00+01:00", routine_id="two", fingerprint=CONTENT_B),
        record("2026-03-04T09:00:00+01:00", routine_id="one", fingerprint=CONTENT_A),
    ]
    text = markdown_report(sessions, TrainingPlan(), date(2026, 3, 4), SINCE)
    assert section(text, "Routine changes") == ["No routine changed in this period."]


def test_a_period_without_sessions() -> None:
    text = markdown_report([], TrainingPlan(), TODAY, SINCE)
    assert section(text, "Sessions") == ["No sessions in this period."]
    assert "## Notes" not in text
    assert section(text, "Routine changes") == ["No routine changed in this period."]
    assert section(text, "Adherence")[:3] == [
        "- Days with a completed session: 0 of 0 planned (n/a); goal 7 days a week",
        "- Dose (work time done / planned): n/a",
        "- Current streak 0 days, best 0",
    ]
    assert section(text, "Pain") == [
        "- Mean before sessions n/a, after n/a "
        "(days with a session only: days without one are missing)",
        "- No session with pain scored before and after.",
    ]


def test_a_period_with_only_previews_has_no_sessions() -> None:
    sessions = [record("2026-03-04T09:00:00+01:00", speed=30, note="just looking")]
    text = markdown_report(sessions, TrainingPlan(), TODAY, SINCE)
    assert section(text, "Sessions") == ["No sessions in this period."]
    assert "just looking" not in text
    assert "- Sessions: 0" in section(text, "Adherence")


def test_what_was_said_during_sessions_reaches_the_physio() -> None:
    from coach.journal.records import EventRecord

    hurt = record("2026-03-02T09:00:00+01:00", title="Daily core")
    calm = record("2026-03-03T09:00:00+01:00")
    events = {
        hurt.id: [
            EventRecord(0, 72.4, "hurts", "curl-up", "sharper or rising pain"),
            EventRecord(1, 72.4, "skipped-exercise", "curl-up", None),
            EventRecord(2, 190.0, "leg-symptoms", "bird-dog", "pain spreading down a leg"),
        ]
    }
    text = markdown_report([hurt, calm], TrainingPlan(), TODAY, SINCE, events)
    (line,) = section(text, "During sessions")
    assert line.startswith("- 2026-03-02 (Daily core): curl-up at 1:12: it hurt (sharper")
    assert "curl-up at 1:12: skipped" in line and "bird-dog at 3:10: leg symptoms" in line
    quiet = markdown_report([calm], TrainingPlan(), TODAY, SINCE, {})
    assert section(quiet, "During sessions") == ["Nothing was reported during sessions."]
