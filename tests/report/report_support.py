"""Four weeks built by hand, Monday 2 to Sunday 29 March 2026 (every day planned):

- a daily-core session at 08:00 every day but Wednesday 11 (missed) and Thursday 19 (a
  flare-up session instead, not counted); pain before falls from 6 to 3 over the weeks, after
  is one point lower; 10 min 10 s active each (610 s);
- a preview on Saturday 7 with a note (never shown) and a session on 27 February, before the
  period (never shown);
- notes: "felt good" on Mon 2, Tue 3 and "Felt  good" on Thu 5 (one note, three days), a note
  with HTML on Fri 6 and one with Markdown on Tue 10;
- events: curl-up hurt on 3 days and the easier variant twice, side-bridge skipped once,
  bird-dog hurt once, all in week 1 and 2;
- a timed walk (a routine of purpose ``walk``) on Sun 8 at 17:00: not a core session, never
  counted among sessions (its minutes are in the walking log);
- walk days: 20 min on Sat 7 and Sun 8, 30 min on Sat 28;
- daily-core went up to level 2 on Mon 9 Mar (an accepted offer);
- the red flags passed on Sat 14 at 19:05 with nothing applying.

The outcomes, walking and levels are the services' own records (``Outcomes``, ``Walking``,
``RoutineProgress``) built by hand and turned into report parts as ``read_report`` does.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

from coach.coaching import measures
from coach.coaching.measures import DayScore, FlareEpisode
from coach.coaching.walking import walk_adherence
from coach.journal.logbook import LevelChange
from coach.journal.records import EventRecord, SessionRecord
from coach.journal.stats import TrainingPlan
from coach.report.data import OutcomesPart, RedFlagsCheck, ReportInputs
from coach.report.parts import level_rows, outcomes_part, walk_days, walk_goal_text
from coach.services.outcomes import Outcomes, PegResult, Walking
from coach.services.progress import RoutineProgress

SINCE = date(2026, 3, 2)
TODAY = date(2026, 3, 29)
HTML_NOTE = "<img src=x onerror=alert(1)> & <script>alert(2)</script>"
MARKDOWN_NOTE = "*bold* | [link](https://example.org) `code` # 1. - \\ ~x~"
_ids = itertools.count(1)


def session(
    day: date,
    *,
    before: int | None = None,
    after: int | None = None,
    note: str | None = None,
    speed: float = 1.0,
    flare: bool = False,
    routine_id: str = "daily-core",
    level: int | None = 2,
    purpose: str | None = None,
    at: str = "08:00",
) -> SessionRecord:
    titles = {"daily-core": "Daily core", "flare-up": "Flare-up", "walk": "Timed walk"}
    return SessionRecord(
        id=f"s{next(_ids)}",
        routine_id=routine_id,
        routine_title=titles[routine_id],
        purpose=purpose or ("flare" if flare else "core"),
        fingerprint="aaaa1111",
        side=None,
        speed=speed,
        started_at=f"{day.isoformat()}T{at}:00+01:00",
        ended_at=None,
        status="completed",
        pain_before=before,
        pain_after=after,
        note=note,
        flare=flare,
        planned_s=610,
        work_planned_s=300,
        reps_planned=12,
        work_done_s=300.0,
        reps_done=12,
        active_s=610.0,
        level=level,
    )


NOTES = {
    date(2026, 3, 2): "felt good",
    date(2026, 3, 3): "felt good",
    date(2026, 3, 5): "Felt  good",
    date(2026, 3, 6): HTML_NOTE,
    date(2026, 3, 10): MARKDOWN_NOTE,
}


def sessions(notes: dict[date, str] | None = None) -> list[SessionRecord]:
    notes = NOTES if notes is None else notes
    runs = [session(date(2026, 2, 27), before=9, after=1, note="old note")]
    for offset in range(28):
        day = SINCE + timedelta(days=offset)
        before = 6 - offset // 7
        if day == date(2026, 3, 11):
            continue
        if day == date(2026, 3, 19):
            runs.append(
                session(day, before=7, after=6, flare=True, routine_id="flare-up", level=None)
            )
            continue
        runs.append(session(day, before=before, after=before - 1, note=notes.get(day)))
    runs.append(session(date(2026, 3, 7), speed=30, note="preview note", before=0, after=0))
    walk = date(2026, 3, 8)
    runs.append(session(walk, routine_id="walk", purpose="walk", level=None, at="17:00"))
    return runs


def events(runs: list[SessionRecord]) -> dict[str, list[EventRecord]]:
    by_day = {s.day: s.id for s in runs if not s.preview and s.routine_id == "daily-core"}
    hurt = EventRecord(0, 70.0, "hurts", "curl-up", "sharper or rising pain")
    easier = EventRecord(1, 71.0, "easier", "curl-up", "head down")
    return {
        by_day[date(2026, 3, 2)]: [hurt, easier],
        by_day[date(2026, 3, 4)]: [hurt, easier],
        by_day[date(2026, 3, 9)]: [
            hurt,
            EventRecord(2, 200.0, "skipped-exercise", "side-bridge", None),
            EventRecord(3, 300.0, "hurts", "bird-dog", None),
        ],
    }


WALKED = {date(2026, 2, 20): 45, date(2026, 3, 7): 20, date(2026, 3, 8): 20, date(2026, 3, 28): 30}
"""Walk days (the one in February is before the period)."""


def walking() -> Walking:
    """The walking service's record for the month (this week: Sat 28, 30 minutes)."""
    week = walk_adherence(TODAY, WALKED)
    return Walking(today=TODAY, this_week=week, weeks=(), days=dict(WALKED))


LEVEL_UP = LevelChange(
    id="c1",
    routine_id="daily-core",
    level=2,
    change="up",
    reason="offer accepted: two tolerated sessions in a row",
    changed_at="2026-03-09T08:30:00+01:00",
)


def progress() -> list[RoutineProgress]:
    """The progress service's record: daily-core at level 2 of 5 since Mon 9 Mar."""
    first = LevelChange("c0", "daily-core", 1, "set", "chosen: 3-2-1", "2026-02-01T09:00:00+01:00")
    return [
        RoutineProgress(
            routine_id="daily-core",
            title="Daily core",
            level=2,
            level_count=5,
            level_name="4-3-2",
            dose="curl-up holds 4-3-2 × 8 s",
            offer=None,
            changes=(first, LEVEL_UP),  # the first is before the period
        )
    ]


def inputs(
    notes: dict[date, str] | None = None, outcomes: OutcomesPart | None = None
) -> ReportInputs:
    runs = sessions(notes)
    walks = walking()
    return ReportInputs(
        today=TODAY,
        since=SINCE,
        plan=TrainingPlan(),
        sessions=runs,
        events=events(runs),
        walks=walk_days(walks, SINCE, TODAY),
        walk_goal=walk_goal_text(walks),
        levels=level_rows(progress(), SINCE, TODAY, {"daily-core"}),
        outcomes=outcomes,
        red_flags=RedFlagsCheck(datetime.fromisoformat("2026-03-14T19:05:00+01:00"), "none"),
        user="alice",
    )


def service_outcomes() -> Outcomes:
    """The outcomes service's record for a busy month: a daily score on two days of three
    (falling from 6 to 2.3), the baseline in the first week, a PEG each week and a flare-up
    episode from Wed 18 Mar."""
    scores = [
        DayScore(SINCE + timedelta(days=d), 6 - d / 7, "daily") for d in range(28) if d % 3 != 2
    ]
    weeks = measures.weekly_means(scores)
    return Outcomes(
        today=TODAY,
        since=SINCE,
        scores=tuple(scores),
        leg=(),
        weeks=tuple(weeks),
        baseline=weeks[0],
        change=measures.baseline_change(weeks[0], weeks[-1]),
        peg=tuple(PegResult(SINCE + timedelta(days=7 * w), 6 - w, 5 - w, 6 - w) for w in range(4)),
        mornings=((date(2026, 3, 27), "better"), (date(2026, 3, 28), "same")),
        flares=(FlareEpisode(date(2026, 3, 18), 3),),
        morning_due=False,
        peg_due=False,
    )


def full_outcomes() -> OutcomesPart:
    """Outcomes as the report takes them from the service (for the one-page check)."""
    return outcomes_part(service_outcomes())


def daily_notes() -> dict[date, str]:
    """A different note every day, as long as people write them."""
    words = [
        "stiff on waking, eased after the cat-camel",
        "slept badly; side bridge on knees felt fine",
        "good day, walked to the shop and back",
        "sore after gardening yesterday, took it slow",
        "felt strong, could have done another rep",
        "tight on the left, breathing helped",
        "long car drive, back ached in the evening",
    ]
    return {SINCE + timedelta(days=d): f"{words[d % 7]} (day {d + 1})" for d in range(28)}
