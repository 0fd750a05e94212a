"""The report's facts (``ReportData``) for four weeks built by hand (see report_support)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from report_support import HTML_NOTE, SINCE, TODAY, inputs, session

from coach.journal.stats import TrainingPlan
from coach.report.data import (
    WALK_PURPOSE,
    ExerciseEvents,
    NoteRow,
    PainDay,
    RedFlagsCheck,
    ReportInputs,
    assemble,
)
from coach.report.words import red_flags_text


def test_adherence_counts_days_dose_sessions_flares_and_walk_days() -> None:
    glance = assemble(inputs()).glance
    # 28 days: Wed 11 missed, Thu 19 a flare day (neither planned nor missed): 26 of 27.
    assert (glance.done_days, glance.planned_days) == (26, 27)
    assert glance.dose == 1.0
    assert glance.sessions == 27
    assert glance.per_routine == {"daily-core": 26, "flare-up": 1}
    assert glance.flare_sessions == 1
    # Sun 22 Mar -> Sun 29: the flare day bridges, Wed 11 broke the run.
    assert (glance.current_streak, glance.best_streak) == (17, 17)
    # The walk day of 20 February is before the period.
    assert (glance.walk_days, glance.walk_minutes) == (3, 70)


def test_one_row_per_week() -> None:
    weeks = assemble(inputs()).weeks
    rows = [
        (w.start.day, w.end.day, w.sessions, w.done_days, w.planned_days, w.minutes) for w in weeks
    ]
    # 610 s a session: 7 -> 71 min, 6 -> 61 min.
    assert rows == [(2, 8, 7, 7, 7, 71), (9, 15, 6, 6, 7, 61), (16, 22, 7, 6, 6, 71),
                    (23, 29, 7, 7, 7, 71)]  # fmt: skip
    assert [(w.pain_before, w.pain_after) for w in weeks] == [
        (6.0, 5.0),
        (5.0, 4.0),
        (4.4, 3.4),  # 4 x 6 days and the flare day's 7 -> 6
        (3.0, 2.0),
    ]
    assert [(w.walk_days, w.walk_minutes) for w in weeks] == [(2, 40), (0, 0), (0, 0), (1, 30)]


def test_a_note_is_shown_once_with_its_days() -> None:
    first = assemble(inputs()).weeks[0]
    assert first.notes == (
        NoteRow("felt good", (date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 5))),
        NoteRow(HTML_NOTE, (date(2026, 3, 6),)),
    )


def test_previews_walks_and_sessions_before_the_period_are_left_out() -> None:
    data = assemble(inputs())
    notes = [n.text for w in data.weeks for n in w.notes]
    assert "preview note" not in notes and "old note" not in notes
    assert len(data.sessions) == 27
    assert all(not s.preview and s.day >= SINCE for s in data.sessions)
    # The timed walk of Sun 8 Mar is in the walking log, not among the sessions.
    assert all(s.purpose != WALK_PURPOSE for s in data.sessions)
    assert data.weeks[0].sessions == 7 and data.weeks[0].minutes == 71


def test_a_timed_walk_is_no_done_day() -> None:
    walk = session(TODAY, routine_id="walk", purpose="walk", level=None)
    data = assemble(ReportInputs(today=TODAY, since=TODAY, plan=TrainingPlan(), sessions=[walk]))
    assert (data.glance.sessions, data.glance.done_days, data.glance.per_routine) == (0, 0, {})
    assert data.sessions == ()


def test_levels_in_the_progress_service_words() -> None:
    (row,) = assemble(inputs()).levels
    assert (row.title, row.level, row.levels, row.level_name) == ("Daily core", 2, 5, "4-3-2")
    # The change of 1 February is before the period; the one of 9 March in change_line's words.
    assert [c.text for c in row.changes] == [
        "9 Mar 2026: level 2 (up), offer accepted: two tolerated sessions in a row"
    ]


def test_events_are_counted_by_exercise_most_first() -> None:
    assert assemble(inputs()).events == (
        ExerciseEvents("curl-up", hurts=3, easier=2),
        ExerciseEvents("bird-dog", hurts=1),
        ExerciseEvents("side-bridge", skipped=1),
    )


def test_pain_a_day_with_the_missed_day_empty() -> None:
    days = assemble(inputs()).pain_days
    assert len(days) == 28
    assert days[0] == PainDay(SINCE, 6.0, 5.0)
    assert days[9] == PainDay(date(2026, 3, 11), None, None)
    assert days[17] == PainDay(date(2026, 3, 19), 7.0, 6.0)


def test_a_long_period_has_a_point_a_week() -> None:
    base = inputs()
    data = assemble(
        ReportInputs(
            today=TODAY,
            since=date(2025, 12, 1),
            plan=TrainingPlan(),
            sessions=base.sessions,
        )
    )
    assert data.weekly_chart
    assert len(data.pain_days) == 17  # the Mondays from 1 December to 23 March
    assert data.pain_days[-1] == PainDay(date(2026, 3, 23), 3.0, 2.0)


def test_red_flags_check_in_words() -> None:
    assert red_flags_text(assemble(inputs()).red_flags) == (
        "Red flags last checked Sat 14 Mar 2026: none applied."
    )
    when = datetime.fromisoformat("2026-03-01T10:00:00+01:00")
    assert red_flags_text(RedFlagsCheck(None, None)) == "Red flags: never checked with coach."
    assert red_flags_text(RedFlagsCheck(when, "soon-checked")) == (
        "Red flags last checked Sun 1 Mar 2026: a 'soon' item, already checked by a clinician."
    )
    assert red_flags_text(RedFlagsCheck(when, "emergency")) == (
        "Red flags: the last check reported one (emergency: see a doctor); "
        "last passed Sun 1 Mar 2026."
    )


def test_a_period_without_anything() -> None:
    data = assemble(ReportInputs(today=TODAY, since=SINCE, plan=TrainingPlan(), sessions=[]))
    assert (data.glance.done_days, data.glance.planned_days, data.glance.sessions) == (0, 0, 0)
    assert [w.sessions for w in data.weeks] == [0, 0, 0, 0]
    assert data.events == () and data.relief_text.startswith("No session with pain")


def test_a_week_cut_by_the_period() -> None:
    since = date(2026, 3, 4)  # a Wednesday
    runs = [session(since + timedelta(days=d), before=3, after=2) for d in range(5)]
    data = assemble(ReportInputs(today=date(2026, 3, 8), since=since, plan=TrainingPlan(),
                                 sessions=runs))  # fmt: skip
    (week,) = data.weeks
    assert (week.start, week.end, week.sessions, week.done_days, week.planned_days) == (
        since,
        date(2026, 3, 8),
        5,
        5,
        5,
    )


def test_the_data_as_json() -> None:
    plain = assemble(inputs()).to_json()
    assert json.loads(json.dumps(plain)) == plain
    assert plain["since"] == "2026-03-02"
    assert plain["red_flags"]["passed_at"] == "2026-03-14T19:05:00+01:00"
    assert plain["levels"][0]["changes"][0]["day"] == "2026-03-09"
