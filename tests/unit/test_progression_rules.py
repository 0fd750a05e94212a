"""The progression ladder's rules with hand-built histories and known answers."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from coach.coaching.progression import LevelMark, SessionFacts, judge, tolerated

CET = timezone(timedelta(hours=1))
NO_MORNINGS: frozenset[date] = frozenset()


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=CET)


def session(
    day: int,
    before: int | None = 3,
    after: int | None = 3,
    *,
    level: int | None = 1,
    preview: bool = False,
    all_reps: bool = True,
    hour: int = 9,
) -> SessionFacts:
    return SessionFacts(at(day, hour), level, preview, all_reps, before, after)


def test_two_tolerated_sessions_on_two_days_offer_the_next_level() -> None:
    verdict = judge([session(18), session(20, 3, 4)], NO_MORNINGS, [], level_count=4)
    assert verdict.level == 1
    assert verdict.step_back is None
    assert verdict.offer is not None and verdict.offer.to_level == 2
    assert "18 Nov and 20 Nov" in verdict.offer.reason


def test_one_tolerated_session_offers_nothing() -> None:
    assert judge([session(20)], NO_MORNINGS, [], 4).offer is None


def test_two_sessions_on_one_day_count_as_one_day() -> None:
    verdict = judge([session(20, hour=8), session(20, hour=18)], NO_MORNINGS, [], 4)
    assert verdict.offer is None


def test_no_offer_past_the_last_level() -> None:
    changes = [LevelMark(at(10), 4)]
    verdict = judge([session(18, level=4), session(19, level=4)], NO_MORNINGS, changes, 4)
    assert verdict.level == 4 and verdict.offer is None


def test_a_three_point_rise_steps_back_with_the_reason() -> None:
    changes = [LevelMark(at(10), 3)]
    verdict = judge([session(20, 3, 6, level=3)], NO_MORNINGS, changes, 4)
    assert verdict.step_back is not None
    assert verdict.step_back.to_level == 2
    assert verdict.step_back.reason == "pain rose from 3 to 6 after the session on 20 Nov"
    assert verdict.offer is None


def test_a_worse_next_morning_steps_back() -> None:
    changes = [LevelMark(at(10), 2)]
    verdict = judge([session(20, level=2)], frozenset({date(2026, 11, 21)}), changes, 4)
    assert verdict.step_back is not None and verdict.step_back.to_level == 1
    assert verdict.step_back.reason == "the morning after the session on 20 Nov was worse"


def test_a_worse_morning_makes_a_session_not_tolerated_at_level_one() -> None:
    worse = frozenset({date(2026, 11, 19)})
    assert not tolerated(session(18), worse)
    verdict = judge([session(18), session(20)], worse, [], 4)
    assert verdict.step_back is None  # never below level 1
    assert verdict.offer is None


def test_a_step_back_is_not_made_twice() -> None:
    """Once recorded (a change after its evidence), the same session calls for nothing."""
    changes = [LevelMark(at(10), 3), LevelMark(at(20, 12), 2)]
    verdict = judge([session(20, 3, 6, level=3)], NO_MORNINGS, changes, 4)
    assert verdict.level == 2 and verdict.step_back is None and verdict.offer is None


def test_a_rise_of_two_is_neither_tolerated_nor_ignored() -> None:
    assert not tolerated(session(20, 3, 5), NO_MORNINGS)
    assert tolerated(session(20, 3, 4), NO_MORNINGS)
    verdict = judge([session(20, 3, 5, level=2)], NO_MORNINGS, [LevelMark(at(1), 2)], 4)
    assert verdict.step_back is not None


def test_previews_never_count_and_never_break_a_run() -> None:
    previews = [session(19, 1, 9, preview=True), session(21, preview=True)]
    assert judge(previews, NO_MORNINGS, [], 4).offer is None
    verdict = judge([session(18), previews[0], session(20)], NO_MORNINGS, [], 4)
    assert verdict.offer is not None and verdict.step_back is None


def test_missing_pain_scores_do_not_count() -> None:
    history = [session(18), session(19, None, 3), session(20, 3, None)]
    assert judge(history, NO_MORNINGS, [], 4).offer is None
    assert judge([*history, session(21)], NO_MORNINGS, [], 4).offer is None
    assert judge([*history, session(21), session(22)], NO_MORNINGS, [], 4).offer is not None


def test_reps_not_all_done_break_the_run() -> None:
    history = [session(18), session(19, all_reps=False), session(20)]
    assert judge(history, NO_MORNINGS, [], 4).offer is None


def test_a_week_off_breaks_the_run() -> None:
    assert judge([session(1), session(8)], NO_MORNINGS, [], 4).offer is None
    assert judge([session(1), session(7)], NO_MORNINGS, [], 4).offer is not None
    assert judge([session(1), session(8), session(9)], NO_MORNINGS, [], 4).offer is not None


def test_a_level_change_after_a_week_off_starts_counting_anew() -> None:
    """Sessions before a change count for nothing at the new level, even when tolerated."""
    changes = [LevelMark(at(12), 2)]
    history = [session(1), session(2), session(20, level=2)]
    verdict = judge(history, NO_MORNINGS, changes, 4)
    assert verdict.level == 2 and verdict.offer is None
    verdict = judge([*history, session(21, level=2)], NO_MORNINGS, changes, 4)
    assert verdict.offer is not None and verdict.offer.to_level == 3


def test_a_declined_offer_waits_for_two_more_tolerated_sessions() -> None:
    declined = [LevelMark(at(20, 12), 1)]  # a decline records the level it stays at
    history = [session(18), session(20)]
    assert judge(history, NO_MORNINGS, declined, 4).offer is None
    assert judge([*history, session(21)], NO_MORNINGS, declined, 4).offer is None
    verdict = judge([*history, session(21), session(22)], NO_MORNINGS, declined, 4)
    assert verdict.offer is not None and verdict.offer.to_level == 2


def test_sessions_at_another_level_or_without_one_do_not_count() -> None:
    history = [session(18, level=None), session(19, level=2), session(20)]
    assert judge(history, NO_MORNINGS, [], 4).offer is None


def test_a_worse_morning_after_taking_an_offer_still_steps_back() -> None:
    # Offered after 18 and 20 Nov; taken on the 20th at 10:00, before the morning of the 21st.
    sessions = [session(18), session(20)]
    taken = [LevelMark(at(20, 10), 2, up=True)]
    verdict = judge(sessions, frozenset({date(2026, 11, 21)}), taken, 4)
    assert verdict.step_back is not None and verdict.step_back.to_level == 1
    assert verdict.step_back.reason == "the morning after the session on 20 Nov was worse"
    # A same or better morning keeps the new level.
    assert judge(sessions, NO_MORNINGS, taken, 4).step_back is None
    # Once stepped back (a change that is not "up"), the same morning steps back no further.
    stepped = [*taken, LevelMark(at(21, 8), 1)]
    assert judge(sessions, frozenset({date(2026, 11, 21)}), stepped, 4).step_back is None


def test_a_worse_morning_after_a_level_chosen_by_hand_is_not_held_against_it() -> None:
    chosen = [LevelMark(at(20, 10), 3)]  # "set": no session earned it
    verdict = judge([session(20, level=1)], frozenset({date(2026, 11, 21)}), chosen, 4)
    assert verdict.step_back is None
