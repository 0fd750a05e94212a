"""Home and history at 160x48 (issue 12 item 8): the room a large terminal gives is used."""

from __future__ import annotations

from typing import Any

from test_snapshots import Snap
from textual.pilot import Pilot
from tui_support import MakeCoach, three_weeks

from coach.tui.screens.history import HistoryScreen
from coach.tui.screens.home import HomeScreen

WIDE = (160, 48)


def test_home_wide(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """Home at 160x48 after three weeks: two columns. Left, the glance box (not done yet
    today, the streak and week, the last session, walks, pain), the daily routine line with
    its time and "Enter starts it", the level line. Right, the card of the day, the menu one
    key a line with its words, and "The last 6 weeks" as a calendar with its legend."""
    coach = make_coach(sessions=three_weeks())

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, HomeScreen)

    assert snap_compare(coach.app, terminal_size=WIDE, run_before=run_before)


def test_history_wide(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """History at 160x48: the 16-week calendar and the adherence figures side by side; the
    pain chart across the whole width (each bar several columns wide), dated with years at
    both ends; "Over the weeks" below; the footer with r Range."""
    coach = make_coach(sessions=three_weeks())

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("h")
        await coach.screen(pilot, HistoryScreen)

    assert snap_compare(coach.app, terminal_size=WIDE, run_before=run_before)
