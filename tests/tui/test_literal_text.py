"""Text from routine files and the journal is drawn literally on every screen (DESIGN.md 5).

A user routine whose title, summary, safety lines, exercise name, cues and easier variant all
hold Textual markup (``[/]`` closes a tag that was never opened, so parsed as markup it raises;
``[@click=...]`` would bind an action) is walked through home, the routines screen, settings
(its routine dropdown open), a session with "it hurts", the summary and history. Each
screen must draw the text as written, and nothing may raise.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Select
from tui_support import SIZE, Coach, MakeCoach

from coach.routine import load_default_library
from coach.settings import Settings
from coach.tui.screens.choice import ChoiceScreen
from coach.tui.screens.history import HistoryScreen, SessionDetailScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.pain import NoteScreen, PainScreen
from coach.tui.screens.routines import RoutinesScreen
from coach.tui.screens.session import SessionScreen
from coach.tui.screens.settings import SettingsScreen
from coach.tui.screens.summary import SummaryScreen

DATA = Path(__file__).parent / "data"
TITLE = "Mark [/] up [b]x[/b]"
NOTE = "[/] note [b]y"


def drawn(coach: Coach) -> str:
    """What the screen shows, as the SVG screenshot has it (spaces made plain)."""
    return coach.app.export_screenshot().replace("&#160;", " ").replace("&#x27;", "'")


def install_markup_routine(home: Path) -> None:
    """The hostile routine and its exercise in the user's routines folder."""
    folder = home / "routines"
    (folder / "exercises").mkdir(parents=True)
    shutil.copy(DATA / "markup.toml", folder / "markup.toml")
    shutil.copy(DATA / "exercises" / "markup-hold.toml", folder / "exercises")


async def test_markup_in_routine_and_note_is_drawn_literally(
    make_coach: MakeCoach, home: Path
) -> None:
    install_markup_routine(home)
    library = load_default_library()
    assert not library.problems, library.problems
    coach = make_coach(library=library, settings=Settings(daily_routine="markup"))
    async with coach.app.run_test(size=(160, 48)) as pilot:
        await coach.screen(pilot, HomeScreen)
        assert TITLE in drawn(coach)

        await pilot.press("r")
        await coach.screen(pilot, RoutinesScreen)
        assert TITLE in drawn(coach)
        await pilot.press("escape")
        await coach.screen(pilot, HomeScreen)

        await pilot.press("s")
        settings = await coach.screen(pilot, SettingsScreen)
        select = settings.query_one("#daily_routine", Select)
        assert select.value == "markup"
        select.focus()
        await pilot.press("enter")  # open the dropdown: every title drawn as an option
        await pilot.pause()
        assert TITLE in drawn(coach)
        await pilot.press("escape", "escape")
        await coach.screen(pilot, HomeScreen)

        await pilot.press("enter")
        await coach.screen(pilot, PainScreen)
        await pilot.press("2", "enter")
        session = await coach.screen(pilot, SessionScreen)
        shown = drawn(coach)
        assert "Hold [/] [b]bold[/b]" in shown
        assert "Stop [/] if it hurts [red]now[/red]." in shown
        await pilot.press("x")
        await coach.screen(pilot, ChoiceScreen)
        await pilot.press("escape")  # stays paused
        await coach.screen(pilot, SessionScreen)
        session.action_toggle_pause()
        await coach.advance(pilot, 60)
        await coach.screen(pilot, PainScreen)
        await pilot.press("1", "enter")
        await coach.screen(pilot, NoteScreen)
        await pilot.press(*NOTE, "enter")
        await coach.screen(pilot, SummaryScreen)
        assert TITLE in drawn(coach)
        await pilot.press("enter")
        await coach.screen(pilot, HomeScreen)

        await pilot.press("h")
        await coach.screen(pilot, HistoryScreen)
        await pilot.press("right", "tab", "enter")
        await coach.screen(pilot, SessionDetailScreen)
        shown = drawn(coach)
        assert TITLE in shown
        assert f"Note: {NOTE}" in shown
    [recorded] = coach.sessions()
    assert (recorded.routine_title, recorded.note) == (TITLE, NOTE)


async def test_markup_title_in_the_settings_dropdown_at_80x24(
    make_coach: MakeCoach, home: Path
) -> None:
    install_markup_routine(home)
    coach = make_coach(library=load_default_library())
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("s")
        settings = await coach.screen(pilot, SettingsScreen)
        settings.query_one("#daily_routine", Select).value = "markup"
        await pilot.pause()
        assert TITLE in drawn(coach)
