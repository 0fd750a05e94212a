"""The one session flow: every rule tested once, through the question protocol."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from flow_support import NOW, Script, World, open_world, skip_through

from coach.flow.context import EXIT_NOT_CHECKED, EXIT_STOPPED, Keys
from coach.flow.control import SessionControl
from coach.flow.questions import AskPain, AskRedFlags, AskSide, Choose, ShowSummary, Tell
from coach.routine import Library, load_default_library

FLARE = "flare-up"
DAILY = "daily-core"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_default_library()


@pytest.fixture
def world(tmp_path: Path, library: Library) -> Iterator[World]:
    yield from open_world(tmp_path / "coach.db", library)


def purposes(world: World) -> list[str]:
    return [s.routine_id for s in reversed(world.journal.sessions())]


# -- red flags -----------------------------------------------------------------------------------


def test_first_flare_session_asks_the_red_flags_and_records_a_passed_check(world: World) -> None:
    script = Script(red_flags=["none"], sides=["both"], pains=[6, 4], notes=[None])
    result = world.run(FLARE, script)
    assert result.exit_code == 0
    assert len(script.of(AskRedFlags)) == 1
    assert world.journal.get_meta(Keys.RED_FLAGS_PASSED) == NOW.isoformat(timespec="seconds")
    (session,) = world.journal.sessions()
    assert session.flare and session.pain_before == 6 and session.pain_after == 4


def test_a_current_check_is_not_asked_again(world: World) -> None:
    world.mark_checked(NOW - timedelta(days=10))
    script = Script(sides=["left"], pains=[5, 5], notes=[None])
    assert world.run(FLARE, script).exit_code == 0
    assert script.of(AskRedFlags) == []


def test_a_check_older_than_30_days_is_asked_again_and_says_why(world: World) -> None:
    world.mark_checked(NOW - timedelta(days=31))
    script = Script(red_flags=["none"], sides=["both"], pains=[5, 5], notes=[None])
    world.run(FLARE, script)
    (question,) = script.of(AskRedFlags)
    assert "31 days" in question.reason


def test_leg_symptoms_reported_after_the_check_make_it_due(world: World) -> None:
    world.mark_checked(NOW - timedelta(days=2))
    world.journal.set_meta(Keys.LEG_SYMPTOMS, (NOW - timedelta(days=1)).isoformat())
    script = Script(red_flags=["none"], sides=["both"], pains=[5, 5], notes=[None])
    world.run(FLARE, script)
    (question,) = script.of(AskRedFlags)
    assert "leg" in question.reason


@pytest.mark.parametrize("answer", ["emergency", "urgent"])
def test_an_emergency_or_urgent_item_stops_and_says_where_to_go(world: World, answer: str) -> None:
    script = Script(red_flags=[answer])
    result = world.run(FLARE, script)
    assert result.exit_code == EXIT_STOPPED
    assert world.journal.sessions() == []
    stops = [t for t in script.of(Tell) if t.kind == "stop"]
    assert stops and ("emergency" in stops[-1].text or "today" in stops[-1].text)
    assert world.journal.get_meta(Keys.RED_FLAGS_PASSED) is None


def test_a_soon_item_advises_and_a_clinician_check_lets_the_session_go_on(world: World) -> None:
    script = Script(
        red_flags=["soon"], choices=["soon-checked"], sides=["both"], pains=[4, 3], notes=[None]
    )
    assert world.run(FLARE, script).exit_code == 0
    (choice,) = script.of(Choose)
    assert choice.default == "cancel"  # going on needs its own key
    assert any("doctor soon" in t.text for t in script.of(Tell))
    assert len(world.journal.sessions()) == 1


def test_a_soon_item_not_yet_checked_stops_but_does_not_block_for_ever(world: World) -> None:
    script = Script(red_flags=["soon"], choices=["cancel"])
    assert world.run(FLARE, script).exit_code == EXIT_STOPPED
    assert world.journal.sessions() == []
    # Next time it is asked again, and "none of these apply" then lets the session start.
    again = Script(red_flags=["none"], sides=["both"], pains=[3, 3], notes=[None])
    assert world.run(FLARE, again).exit_code == 0
    assert len(world.journal.sessions()) == 1


def test_closing_the_red_flags_starts_nothing(world: World) -> None:
    script = Script(red_flags=["cancel"])
    assert world.run(FLARE, script).exit_code == EXIT_STOPPED
    assert world.journal.sessions() == []


def test_without_a_terminal_a_flare_routine_needs_the_flag(world: World) -> None:
    script = Script()
    result = world.run(FLARE, script, interactive=False)
    assert result.exit_code == EXIT_NOT_CHECKED
    assert "emergency care" in script.told()
    assert "--red-flags-checked" in script.told()
    assert world.journal.sessions() == []


def test_without_a_terminal_the_flag_runs_and_records_a_flare_session(world: World) -> None:
    script = Script()
    result = world.run(FLARE, script, interactive=False, red_flags_checked=True, pain_before=6)
    assert result.exit_code == 0
    (session,) = world.journal.sessions()
    assert session.flare and session.pain_before == 6


# -- side ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("answer", "side"), [("both", None), ("left", "left"), ("right", "right")])
def test_the_side_answer_is_the_plan_side(world: World, answer: str, side: str | None) -> None:
    world.mark_checked()
    script = Script(sides=[answer], pains=[5, 5], notes=[None])
    world.run(FLARE, script)
    assert script.runs[0].session.plan.side == side


def test_a_side_given_on_the_command_line_is_not_asked(world: World) -> None:
    world.mark_checked()
    script = Script(pains=[5, 5], notes=[None])
    world.run(FLARE, script, side="both")
    assert script.of(AskSide) == []
    assert script.runs[0].session.plan.side is None


def test_cancelling_the_side_starts_nothing(world: World) -> None:
    world.mark_checked()
    assert world.run(FLARE, Script(sides=[None])).exit_code == EXIT_STOPPED
    assert world.journal.sessions() == []


# -- the traffic light -----------------------------------------------------------------------------


def test_green_runs_the_routine_as_planned(world: World) -> None:
    script = Script(pains=[2, 2], notes=[None])
    world.run(DAILY, script)
    assert script.of(Choose) == []
    assert not any(step.easier_taken for step in script.runs[0].session.plan.steps)


def test_amber_offers_the_easier_variants_by_default(world: World) -> None:
    script = Script(pains=[5, 4], notes=[None], choices=["easier"])
    world.run(DAILY, script)
    (choice,) = script.of(Choose)
    assert choice.default == "easier"
    assert {o.value for o in choice.options} >= {"easier", "flare", "as-planned", "stop"}
    steps = script.runs[0].session.plan.steps
    assert any(step.easier_taken for step in steps)
    assert all(step.easier_taken for step in steps if step.easier is not None)


def test_red_suggests_flare_up_and_the_score_carries_over(world: World) -> None:
    script = Script(
        pains=[8, 6], choices=["flare"], red_flags=["none"], sides=["both"], notes=[None]
    )
    world.run(DAILY, script)
    (choice,) = script.of(Choose)
    assert choice.default == "breathing"  # red: breathing and heat only, by default
    assert "heat" in choice.text
    assert [q.when for q in script.of(AskPain)] == ["before", "after"]  # never asked twice
    assert len(script.of(AskRedFlags)) == 1  # shown at red (due), not again for flare-up
    (session,) = world.journal.sessions()
    assert session.routine_id == FLARE and session.flare and session.pain_before == 8


def test_red_shows_the_red_flags_when_due_and_breathing_is_a_flare_day(world: World) -> None:
    script = Script(pains=[8, 7], red_flags=["none"], choices=["breathing"], notes=[None])
    world.run(DAILY, script)
    assert len(script.of(AskRedFlags)) == 1
    (session,) = world.journal.sessions()
    assert session.routine_id == "diaphragmatic-breathing"
    assert session.flare and session.pain_before == 8


def test_red_with_a_current_check_does_not_ask_it_and_an_emergency_stops(world: World) -> None:
    world.mark_checked()
    script = Script(pains=[9, 9], choices=["as-planned"], notes=[None])
    world.run(DAILY, script)
    assert script.of(AskRedFlags) == []
    fresh = Script(pains=[9], red_flags=["emergency"])
    world.journal.conn.execute("DELETE FROM meta WHERE key = ?", (Keys.RED_FLAGS_PASSED,))
    assert world.run(DAILY, fresh).exit_code == EXIT_STOPPED
    assert len(world.journal.sessions()) == 1


@pytest.mark.parametrize(
    ("red_from", "pain", "default"), [(5, 5, "breathing"), (9, 7, "breathing")]
)
def test_the_red_threshold_setting_can_only_make_red_earlier(
    world: World, red_from: int, pain: int, default: str
) -> None:
    world.red_from = red_from
    world.mark_checked()
    script = Script(pains=[pain, pain], notes=[None], choices=["as-planned"])
    world.run(DAILY, script)
    assert script.of(Choose)[0].default == "breathing"


def test_without_a_terminal_the_light_is_one_line_and_never_switches(world: World) -> None:
    script = Script()
    world.run(DAILY, script, interactive=False, pain_before=8)
    assert "flare-up" in script.told()
    (session,) = world.journal.sessions()
    assert session.routine_id == DAILY


def test_stop_for_today_records_nothing(world: World) -> None:
    script = Script(pains=[6], choices=["stop"])
    assert world.run(DAILY, script).exit_code == EXIT_STOPPED
    assert world.journal.sessions() == []


# -- after the session -----------------------------------------------------------------------------


def test_pain_after_and_the_note_are_recorded(world: World) -> None:
    script = Script(pains=[3, 1], notes=["stiff in the morning"])
    world.run(DAILY, script)
    (session,) = world.journal.sessions()
    assert (session.pain_before, session.pain_after, session.note) == (3, 1, "stiff in the morning")
    (summary,) = script.of(ShowSummary)
    assert summary.pain.startswith("Relief of 2 points")
    assert "meaningful" not in summary.pain.lower()


def test_pain_flags_are_used_and_not_asked(world: World) -> None:
    script = Script(notes=[None])
    world.run(DAILY, script, pain_before=2, pain_after=1)
    assert script.of(AskPain) == []
    (session,) = world.journal.sessions()
    assert (session.pain_before, session.pain_after) == (2, 1)


def test_a_rise_of_two_gets_a_response_kept_for_the_next_start(world: World) -> None:
    world.mark_checked()
    script = Script(pains=[3, 6], notes=[None], choices=["later"])
    world.run(DAILY, script)
    (summary,) = script.of(ShowSummary)
    assert any("No more loaded holds today" in line for line in summary.advice)
    (offer,) = script.of(Choose)
    assert offer.default == "flare"  # flare-up relief now? (the safer default)
    # Later that day: no more loaded holds; breathing and heat by default, no easier holds.
    script = Script(pains=[2], choices=["stop"])
    world.run(DAILY, script)
    (choice,) = script.of(Choose)
    assert "no more loaded holds today" in choice.text and choice.default == "breathing"
    assert "easier" not in {o.value for o in choice.options}
    assert any("anyway" in o.label for o in choice.options)
    # The next day's start says so and starts gentler, even with a green score.
    world.now = NOW + timedelta(days=1)
    script = Script(pains=[2, 2], notes=[None], choices=["easier"])
    world.run(DAILY, script)
    (choice,) = script.of(Choose)
    assert "rose from 3 to 6" in choice.text and choice.default == "easier"
    # ... once.
    script = Script(pains=[2, 2], notes=[None])
    world.run(DAILY, script)
    assert script.of(Choose) == []


def test_pain_in_the_red_after_a_session_gets_advice_even_without_a_rise(world: World) -> None:
    world.mark_checked()
    script = Script(pains=[6, 7], notes=[None], choices=["as-planned"])
    world.run(DAILY, script)
    (summary,) = script.of(ShowSummary)
    assert any("breathing and heat only" in line for line in summary.advice)


def test_easier_variants_chosen_at_the_start_are_recorded(world: World) -> None:
    script = Script(pains=[5, 4], notes=[None], choices=["easier"])
    world.run(DAILY, script)
    kinds = events(world)
    assert ("easier", "curl-up") in kinds and ("easier", "bird-dog") in kinds
    assert {kind for kind, _ in kinds} == {"easier"}


def test_an_emergency_answer_asks_the_red_flags_again_before_any_session(world: World) -> None:
    assert world.run(FLARE, Script(red_flags=["emergency"])).exit_code == EXIT_STOPPED
    script = Script(red_flags=["emergency"])
    assert world.run(DAILY, script).exit_code == EXIT_STOPPED
    (question,) = script.of(AskRedFlags)
    assert "Last time" in question.reason
    assert world.journal.sessions() == []
    # Once none applies, the daily routine runs without asking again.
    script = Script(red_flags=["none"], pains=[2, 2], notes=[None])
    assert world.run(DAILY, script).exit_code == 0
    assert world.run(DAILY, Script(pains=[2, 2], notes=[None])).exit_code == 0


def test_the_hurts_answers_that_change_nothing_are_still_recorded(world: World) -> None:
    def script(control: SessionControl, clock: object) -> None:
        control.session.start()
        control.answer(control.hurts().cancel)  # Escape: stay paused
        control.session.resume()
        control.hurts()
        control.answer("carry-on")
        control.session.end()

    world.run(DAILY, Script(pains=[2, 2], notes=[None], sessions=[script]))
    session = world.journal.sessions()[0]
    details = [e.detail for e in world.journal.events(session.id)]
    assert details == ["stayed paused", "it settled: carried on"]


def test_a_rise_of_one_is_not_a_rise(world: World) -> None:
    script = Script(pains=[3, 4], notes=[None])
    world.run(DAILY, script)
    assert script.of(ShowSummary)[0].advice == ()
    assert world.journal.get_meta(Keys.GENTLER_NEXT) in (None, "")


def test_skipping_through_is_not_headed_completed(world: World) -> None:
    script = Script(pains=[None, None], notes=[None], sessions=[skip_through])
    world.run(DAILY, script)
    (summary,) = script.of(ShowSummary)
    assert "Completed" not in summary.heading and "Well done" not in summary.heading
    assert "not counted" in summary.heading


def test_a_preview_says_so(world: World) -> None:
    script = Script(pains=[None, None], notes=[None])
    world.run(DAILY, script, speed=30.0)
    assert "a preview: never counted" in script.of(ShowSummary)[0].heading


def test_the_disclaimer_is_told_once_on_first_use(world: World) -> None:
    world.journal.set_meta(Keys.WELCOME, "")
    world.journal.conn.execute("DELETE FROM meta WHERE key = ?", (Keys.WELCOME,))
    script = Script(pains=[None, None], notes=[None])
    world.run(DAILY, script)
    assert [t.kind for t in script.of(Tell)].count("welcome") == 1
    again = Script(pains=[None, None], notes=[None])
    world.run(DAILY, again)
    assert [t.kind for t in again.of(Tell)].count("welcome") == 0


# -- "it hurts" during the session -----------------------------------------------------------------


def hurts(answer: str, after_s: float = 12.0) -> object:
    def script(control: SessionControl, clock: object) -> None:
        from coach.engine.clock import FakeClock

        assert isinstance(clock, FakeClock)
        session = control.session
        session.start()
        clock.advance(after_s)
        session.update()
        control.hurts()
        control.answer(answer)
        clock.advance(session.plan.total_s + 1)
        session.update()

    return script


def events(world: World) -> list[tuple[str, str]]:
    session = world.journal.sessions()[-1]
    return [(e.kind, e.exercise) for e in world.journal.events(session.id)]


def test_hurts_then_easier_records_both_and_switches_the_exercise(world: World) -> None:
    script = Script(pains=[3, 3], notes=[None], sessions=[hurts("easier")])  # type: ignore[list-item]
    world.run(DAILY, script)
    assert events(world) == [("hurts", "curl-up"), ("easier", "curl-up")]
    steps = script.runs[0].session.plan.steps
    assert all(s.easier_taken for s in steps if s.exercise == "curl-up")


def test_hurts_then_skip_records_the_skipped_exercise(world: World) -> None:
    script = Script(pains=[3, 3], notes=[None], sessions=[hurts("skip")])  # type: ignore[list-item]
    world.run(DAILY, script)
    assert events(world) == [("hurts", "curl-up"), ("skipped-exercise", "curl-up")]


def test_hurts_then_flare_ends_and_goes_to_flare_up_with_the_score_carried(world: World) -> None:
    script = Script(
        pains=[4, 6, 5],
        notes=[None, None],
        choices=["as-planned"],
        red_flags=["none"],
        sides=["both"],
        sessions=[hurts("flare")],  # type: ignore[list-item]
    )
    world.run(DAILY, script)
    first, second = reversed(world.journal.sessions())
    assert first.status == "ended_early" and second.routine_id == FLARE
    assert second.pain_before == 6
    assert [q.when for q in script.of(AskPain)] == ["before", "after", "after"]


def test_in_a_flare_session_hurts_offers_no_flare_up_and_escape_stays_paused(world: World) -> None:
    world.mark_checked()

    def script(control: SessionControl, clock: object) -> None:
        control.session.start()
        question = control.hurts()
        assert "flare" not in {option.value for option in question.options}
        control.answer(question.cancel)
        assert control.session.state == "paused"
        control.session.resume()
        control.session.end()

    run = Script(sides=["both"], pains=[5, 5], notes=[None], sessions=[script])
    world.run(FLARE, run)
    assert world.journal.sessions()[0].status == "ended_early"


def test_hurts_in_a_leg_stops_and_shows_the_red_flags_even_when_current(world: World) -> None:
    world.mark_checked()
    script = Script(
        pains=[3, 4],
        notes=[None],
        red_flags=["none"],
        sessions=[hurts("leg")],  # type: ignore[list-item]
    )
    world.run(DAILY, script)
    assert events(world) == [("leg-symptoms", "curl-up")]
    assert len(script.of(AskRedFlags)) == 1
    assert world.journal.sessions()[0].status == "ended_early"
    assert world.journal.get_meta(Keys.LEG_SYMPTOMS) is not None
