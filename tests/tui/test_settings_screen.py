"""The settings screen keeps the person's file (only the changed key differs), asks before
leaving with unsaved changes, says each switch in words, and saves a theme picked in the
command palette (issue 12 item 4)."""

from __future__ import annotations

from tui_support import SIZE, MakeCoach

from coach.settings import Settings
from coach.tui.screens.choice import ChoiceScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.settings import SettingsScreen

COMMENTED = """\
# my settings, by hand
weekly_goal = 4  # four is plenty

favourite_colour = "green"

[keys]
"home.walk" = "j"  # w is far away
"""


async def test_saving_from_the_screen_keeps_the_file_but_the_changed_key(
    make_coach: MakeCoach,
) -> None:
    coach = make_coach(settings=Settings(weekly_goal=4, keys={"home.walk": "j"}))
    coach.config.write_text(COMMENTED, encoding="utf-8")
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("s")
        screen = await coach.screen(pilot, SettingsScreen)
        screen.query_one("#bell").toggle()  # type: ignore[attr-defined]
        await pilot.pause()
        assert str(screen.query_one("#bell-words").render()) == "on"
        await pilot.press("ctrl+s")
        await coach.screen(pilot, HomeScreen)
    assert coach.config.read_text(encoding="utf-8") == COMMENTED.replace(
        'favourite_colour = "green"\n', 'favourite_colour = "green"\nbell = true\n'
    )


async def test_escape_with_changes_asks_and_each_answer_does_what_it_says(
    make_coach: MakeCoach,
) -> None:
    coach = make_coach()
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("s")
        screen = await coach.screen(pilot, SettingsScreen)
        await pilot.press("escape")  # nothing changed: leaves at once
        await coach.screen(pilot, HomeScreen)
        await pilot.press("s")
        screen = await coach.screen(pilot, SettingsScreen)
        screen.query_one("#bell").toggle()  # type: ignore[attr-defined]
        await pilot.press("escape")
        await coach.screen(pilot, ChoiceScreen)
        await pilot.press("escape")  # keep editing
        await coach.screen(pilot, SettingsScreen)
        await pilot.press("escape")
        await coach.screen(pilot, ChoiceScreen)
        await pilot.press("d")  # discard
        await coach.screen(pilot, HomeScreen)
        assert not coach.config.exists()
        await pilot.press("s")
        screen = await coach.screen(pilot, SettingsScreen)
        screen.query_one("#bell").toggle()  # type: ignore[attr-defined]
        await pilot.press("escape")
        await coach.screen(pilot, ChoiceScreen)
        await pilot.press("s")  # save
        await coach.screen(pilot, HomeScreen)
    assert coach.config.read_text(encoding="utf-8") == "bell = true\n"


async def test_a_theme_picked_in_the_palette_is_saved(make_coach: MakeCoach) -> None:
    coach = make_coach()
    coach.config.write_text("# mine\nbell = true\n", encoding="utf-8")
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        coach.app.theme = "textual-light"  # what the palette's "Change theme" does
        await coach.until(pilot, lambda: "theme" in coach.config.read_text(), "the theme saved")
    assert coach.config.read_text(encoding="utf-8") == (
        '# mine\nbell = true\ntheme = "textual-light"\n'
    )
