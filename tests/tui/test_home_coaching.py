"""Home as a coach over weeks: the level and its offer, the morning check, the PEG, walks and
daily pain logged with a key, and the card of the day (issue 11)."""

from __future__ import annotations

from test_flows import text
from tui_support import NOW, SIZE, MakeCoach, hand_session

from coach.journal import Journal
from coach.journal.logbook import entries, level_changes
from coach.services.cards import peek_card
from coach.settings import Settings
from coach.tui.screens.history import HistoryScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.logdialogs import NumbersScreen
from coach.tui.screens.safety import RedFlagsScreen


def tolerated_days() -> list[tuple[object, list[object]]]:
    """Two daily-core sessions on the two days before NOW, all reps done, pain 3 -> 3."""
    return [hand_session(n, days_ago=days, pain=(3, 3)) for n, days in ((1, 2), (2, 1))]


async def test_an_offer_is_shown_and_u_takes_it(make_coach: MakeCoach) -> None:
    coach = make_coach(sessions=tolerated_days())  # type: ignore[arg-type]
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        assert text(coach, "#level-line").startswith("Level 1 of 4: curl-up 3-2-1, others 2-1")
        prompts = text(coach, "#prompts")
        assert "Ready for level 2 (curl-up 4-2-1, others 3-1), after 2 tolerated" in prompts
        assert "u take it · k stay at this level" in prompts
        before = text(coach, "#start-line")
        await pilot.press("u")
        await coach.home_settled(pilot)
        assert text(coach, "#level-line").startswith("Level 2 of 4: curl-up 4-2-1, others 3-1")
        assert "Ready for level" not in text(coach, "#prompts")
        assert text(coach, "#start-line") != before  # the plan at level 2 is longer
    with Journal(coach.db) as journal:
        assert [(c.level, c.change) for c in level_changes(journal, "daily-core")] == [(2, "up")]


async def test_k_stays_at_this_level_and_keys_act_only_while_an_offer_is_open(
    make_coach: MakeCoach,
) -> None:
    coach = make_coach(sessions=tolerated_days())  # type: ignore[arg-type]
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("k")
        await coach.home_settled(pilot)
        assert "Ready for level" not in text(coach, "#prompts")
        await pilot.press("u")  # no offer now: nothing happens
        await coach.home_settled(pilot)
    with Journal(coach.db) as journal:
        assert [(c.level, c.change) for c in level_changes(journal, "daily-core")] == [
            (1, "declined")
        ]


async def test_the_morning_check_is_one_key_and_goes_away_once_answered(
    make_coach: MakeCoach,
) -> None:
    coach = make_coach(sessions=tolerated_days())  # type: ignore[arg-type]
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        assert "This morning against yesterday: 1 worse · 2 same · 3 better" in text(
            coach, "#prompts"
        )
        await pilot.press("2")
        await coach.home_settled(pilot)
        assert "This morning" not in text(coach, "#prompts")
        await pilot.press("1")  # answered: the key does nothing more today
        await coach.home_settled(pilot)
    with Journal(coach.db) as journal:
        assert [(e.day, e.morning) for e in entries(journal, ("morning",))] == [
            (NOW.date().isoformat(), "same")
        ]


async def test_no_morning_check_on_the_first_day(make_coach: MakeCoach) -> None:
    coach = make_coach()
    async with coach.app.run_test(size=SIZE) as pilot:
        home = await coach.screen(pilot, HomeScreen)
        assert "This morning" not in text(coach, "#prompts")
        assert home.check_action("morning", ("same",)) is False


async def test_w_logs_a_walk_and_home_counts_it(make_coach: MakeCoach) -> None:
    coach = make_coach()
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        assert "Walks this week: 0 days, 0 min" in text(coach, "#glance")
        await pilot.press("w")
        dialog = await coach.screen(pilot, NumbersScreen)
        await pilot.press("0", "enter")  # out of range: explained, nothing saved
        assert "from 1 to 600, not 0" in str(dialog.query_one("#numbers-error").render())
        await pilot.press("backspace", "2", "0", "enter", "enter")  # no pain given
        await coach.screen(pilot, HomeScreen)
        assert "Walks this week: 1 day, 20 min" in text(coach, "#glance")
    with Journal(coach.db) as journal:
        assert [(e.minutes, e.pain) for e in entries(journal, ("walk",))] == [(20, None)]


async def test_p_logs_todays_pain_with_leg_pain(make_coach: MakeCoach) -> None:
    coach = make_coach()
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("p")
        await coach.screen(pilot, NumbersScreen)
        await pilot.press("4", "enter", "2", "enter")
        await coach.screen(pilot, RedFlagsScreen)  # new leg pain: the red flags, now
        await pilot.press("escape")
        await coach.screen(pilot, HomeScreen)
        assert "Pain, weekly mean: 4.0" in text(coach, "#glance")
    with Journal(coach.db) as journal:
        assert [(e.pain, e.leg) for e in entries(journal, ("pain",))] == [(4, 2)]


async def test_the_peg_is_three_scores_and_escape_saves_nothing(make_coach: MakeCoach) -> None:
    coach = make_coach()
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("g")
        await coach.screen(pilot, NumbersScreen)
        await pilot.press("6", "enter", "escape")
        await coach.screen(pilot, HomeScreen)
        with Journal(coach.db) as journal:
            assert entries(journal, ("peg",)) == []
        await pilot.press("g")
        await coach.screen(pilot, NumbersScreen)
        await pilot.press("6", "enter", "5", "enter", "4", "enter")
        await coach.screen(pilot, HomeScreen)
        assert "Weekly PEG" not in text(coach, "#prompts")
    with Journal(coach.db) as journal:
        assert [(e.pain, e.enjoyment, e.activity) for e in entries(journal, ("peg",))] == [
            (6, 5, 4)
        ]


async def test_home_shows_the_card_of_the_day_and_remapped_keys(make_coach: MakeCoach) -> None:
    coach = make_coach(settings=Settings(keys={"home.peg": "e"}))
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        assert "Weekly PEG: e answers three questions" in text(coach, "#prompts")
        with Journal(coach.db) as journal:
            card = peek_card(journal, NOW.date())
        assert text(coach, "#card") == card.line
        assert card.source in text(coach, "#card")


async def test_history_shows_the_weeks_and_level_changes_with_their_dates(
    make_coach: MakeCoach,
) -> None:
    from coach.journal.logbook import LevelChange, LogEntry, add_entry, add_level_change, new_id

    coach = make_coach(sessions=tolerated_days())  # type: ignore[arg-type]
    with Journal(coach.db) as journal:
        stamp = "2026-11-20T08:00:00+01:00"
        add_level_change(journal, LevelChange(new_id(), "daily-core", 2, "up", "accepted", stamp))
        add_entry(journal, LogEntry(new_id(), "walk", "2026-11-20", stamp, minutes=25))
    async with coach.app.run_test(size=(160, 48)) as pilot:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("h")
        await coach.screen(pilot, HistoryScreen)
        weeks = text(coach, "#weeks")
        assert "· Daily core (five minutes): 20 Nov 2026: level 2 (up), accepted" in weeks
        assert "Walking:    1 walk day this week, 25 minutes" in weeks
        assert "PEG:        none yet" in weeks


async def test_the_history_overview_scrolls_with_the_arrow_keys(make_coach: MakeCoach) -> None:
    from textual.containers import VerticalScroll

    coach = make_coach(sessions=tolerated_days())  # type: ignore[arg-type]
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("h")
        await coach.home_settled(pilot)
        overview = coach.app.screen.query_one("#overview VerticalScroll", VerticalScroll)
        assert overview.scroll_y == 0
        await pilot.press("down", "down", "pagedown")
        await coach.home_settled(pilot)
        assert overview.scroll_y > 0  # "Over the weeks" is below the fold at 80x24


async def test_a_walk_on_a_day_without_a_session_keeps_the_streak_on_home(
    make_coach: MakeCoach,
) -> None:
    from datetime import timedelta

    from coach.journal.logbook import LogEntry, add_entry, new_id

    sessions = [hand_session(n, days_ago=days) for n, days in ((1, 3), (2, 1))]
    coach = make_coach(sessions=sessions)  # type: ignore[arg-type]
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        assert "Streak: 1 day " in text(coach, "#glance")  # two days ago was missed
    walked = (NOW - timedelta(days=2)).date().isoformat()
    with Journal(coach.db) as journal:
        add_entry(journal, LogEntry(new_id(), "walk", walked, NOW.isoformat(), minutes=20))
    again = make_coach()
    async with again.app.run_test(size=SIZE) as pilot:
        await again.screen(pilot, HomeScreen)
        assert "Streak: 2 days " in text(again, "#glance")


async def test_l_chooses_a_level_and_escape_keeps_it(make_coach: MakeCoach) -> None:
    from coach.tui.screens.choice import ChoiceScreen

    coach = make_coach()
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        assert text(coach, "#level-line").endswith("· l to choose")
        await pilot.press("l")
        choice = await coach.screen(pilot, ChoiceScreen)
        labels = [option.label for option in choice.question.options]
        assert labels[0] == "Level 1: curl-up 3-2-1, others 2-1 (now)" and len(labels) == 4
        await pilot.press("escape")
        await coach.screen(pilot, HomeScreen)
        await pilot.press("l")
        await coach.screen(pilot, ChoiceScreen)
        await pilot.press("3")
        await coach.screen(pilot, HomeScreen)
        await coach.home_settled(pilot)
        assert text(coach, "#level-line").startswith("Level 3 of 4: curl-up 4-3-1, others 3-2")
    with Journal(coach.db) as journal:
        assert [(c.level, c.change) for c in level_changes(journal, "daily-core")] == [(3, "set")]


async def test_home_never_says_not_done_on_a_rest_day_nor_zero_of_zero(
    make_coach: MakeCoach,
) -> None:
    empty = make_coach()
    async with empty.app.run_test(size=SIZE) as pilot:
        await empty.screen(pilot, HomeScreen)
        glance = text(empty, "#glance")
        assert "0 of 0" not in glance and "nothing planned yet this week" in glance
    assert NOW.strftime("%a") == "Sat"
    resting = make_coach(
        settings=Settings(rest_days=["sat"]),
        sessions=[hand_session(1, days_ago=1)],  # type: ignore[list-item]
    )
    async with resting.app.run_test(size=SIZE) as pilot:
        await resting.screen(pilot, HomeScreen)
        glance = text(resting, "#glance")
        assert glance.startswith("A rest day today: nothing is planned.")
        assert "Not done yet" not in glance
