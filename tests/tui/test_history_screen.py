"""History: a pain chart whose range widens and fills the width, years, side and level in the
table, and deleting a session with a confirm (issue 12 item 5)."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import DataTable, Static, TabbedContent
from tui_support import SIZE, MakeCoach, hand_session

from coach.tui.screens.history import HistoryScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.pain import ConfirmScreen
from coach.tui.widgets.pain_chart import PainChart


def weeks_of_sessions() -> list[tuple[object, list[object]]]:
    """A session every third day for about a year at level 2, pain easing from 6 to 3."""
    sessions = []
    for n, days in enumerate(range(1, 360, 3)):
        record, steps = hand_session(n, days, pain=(3 + days // 90, 2 + days // 90), side="left")
        sessions.append((replace(record, level=2), steps))
    return sessions  # type: ignore[return-value]


async def test_r_widens_the_chart_and_it_fills_the_width(make_coach: MakeCoach) -> None:
    coach = make_coach(sessions=weeks_of_sessions())  # type: ignore[arg-type]
    async with coach.app.run_test(size=(160, 48)) as pilot:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("h")
        screen = await coach.screen(pilot, HistoryScreen)
        chart = screen.query_one(PainChart)
        title = lambda: str(screen.query_one("#chart-title", Static).render())  # noqa: E731
        assert title().startswith("Pain, 4 weeks: 7-day mean")
        assert "r widens" in title()
        four_weeks = chart.points
        for name in ("3 months", "a year"):
            await pilot.press("r")
            await coach.history_settled(pilot, screen)
            assert title().startswith(f"Pain, {name}: mean of each")
        year = chart.points
        assert year[0].day < four_weeks[0].day  # reaches back a year
        scored = [point.before for point in year if point.before is not None]
        assert scored[0] > scored[-1]  # pain eased over the year
        bars = 2 * len(year) * max(1, (chart.size.width - 3) // (2 * len(year)))
        assert bars > chart.size.width - 3 - 2 * len(year)  # the bars fill the width
        await pilot.press("r", "r")  # all, then back to four weeks
        await coach.history_settled(pilot, screen)
        assert title().startswith("Pain, 4 weeks")


async def test_the_table_shows_years_side_and_level(make_coach: MakeCoach) -> None:
    coach = make_coach(sessions=weeks_of_sessions())  # type: ignore[arg-type]
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("h")
        screen = await coach.screen(pilot, HistoryScreen)
        table = screen.query_one(DataTable)
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[0] == "Fri 20 Nov 2026 07:15"
        assert first[2:4] == ["left", "2"]


async def test_d_deletes_the_picked_session_after_a_confirm(make_coach: MakeCoach) -> None:
    coach = make_coach(sessions=[hand_session(1, 1), hand_session(2, 2)])  # type: ignore[list-item]
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("h")
        screen = await coach.screen(pilot, HistoryScreen)
        await pilot.press("d")  # overview tab: nothing picked, nothing asked
        await pilot.pause()
        assert coach.app.screen is screen
        screen.query_one(TabbedContent).active = "sessions"
        await pilot.pause()
        screen.query_one(DataTable).focus()
        await pilot.press("d")
        confirm = await coach.screen(pilot, ConfirmScreen)
        assert "Friday 20 November 2026" in confirm.question
        await pilot.press("n")  # kept
        await coach.screen(pilot, HistoryScreen)
        assert len(coach.sessions()) == 2
        await pilot.press("d")
        await coach.screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await coach.screen(pilot, HistoryScreen)
        await coach.history_settled(pilot, screen)
        assert screen.query_one(DataTable).row_count == 1
        assert "Sessions: 1" in str(screen.query_one("#figures", Static).render())
    assert [s.started.day for s in coach.sessions()] == [19]
    assert coach.steps(coach.sessions()[0].id)
