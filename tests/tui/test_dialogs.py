"""The pain picker, the routines list and the dialogs' own footers (issue 12, item 5)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets._footer import FooterKey
from tui_support import SIZE, MakeCoach

from coach.settings import Settings
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.logdialogs import NumbersScreen
from coach.tui.screens.pain import ConfirmScreen, NoteScreen, PainScreen
from coach.tui.screens.routines import DAILY_STAR, DAILY_WORDS, RoutinesScreen, ordered_routines
from coach.tui.screens.safety import SideScreen
from coach.tui.screens.session import SessionScreen
from coach.tui.widgets.pain_scale import PainBox, PainScale

Snap = Any


def footer_keys(screen: Any) -> list[str]:
    """The keys the dialog's own footer draws (from its active bindings), left to right."""
    return [key.key for key in screen.query(FooterKey)]


async def pain_screen(coach: Any, pilot: Pilot[Any]) -> PainScreen:
    await coach.screen(pilot, HomeScreen)
    await pilot.press("enter")
    return await coach.screen(pilot, PainScreen)


async def test_a_digit_picks_arrows_move_and_enter_saves(make_coach: MakeCoach) -> None:
    coach = make_coach()
    async with coach.app.run_test(size=SIZE) as pilot:
        screen = await pain_screen(coach, pilot)
        assert screen.value is None
        await pilot.press("2")
        assert screen.value == 2
        assert screen.query_one("#pain-2", PainBox).has_class("-chosen")
        await pilot.press("right", "right", "left")
        assert screen.value == 3
        assert not screen.query_one("#pain-2", PainBox).has_class("-chosen")
        await pilot.press("enter")
        await coach.screen(pilot, SessionScreen)
        await pilot.press("escape", "y")
        await coach.screen(pilot, PainScreen)
    assert coach.sessions()[0].pain_before == 3


async def test_ten_is_reachable_by_t_and_by_1_then_0(make_coach: MakeCoach) -> None:
    coach = make_coach()
    async with coach.app.run_test(size=SIZE) as pilot:
        screen = await pain_screen(coach, pilot)
        await pilot.press("1", "0")
        assert screen.value == 10
        await pilot.press("0")
        assert screen.value == 0  # a second 0 is 0 again
        await pilot.press("t")
        assert screen.value == 10
        await pilot.press("right")
        assert screen.value == 10  # never past the top
        await pilot.press("3", "left", "0")
        assert screen.value == 0  # 0 after an arrow is 0, not 10


async def test_a_click_picks_a_box_and_escape_skips(make_coach: MakeCoach) -> None:
    coach = make_coach()
    async with coach.app.run_test(size=SIZE) as pilot:
        screen = await pain_screen(coach, pilot)
        await pilot.click("#pain-7")
        assert screen.value == 7
        assert "Your answer: 7 of 10." in str(screen.query_one("#pain-choice").content)
        await pilot.press("escape")
        await coach.screen(pilot, SessionScreen)
        await pilot.press("escape", "y")
        await coach.screen(pilot, PainScreen)
    assert coach.sessions()[0].pain_before is None


async def test_the_picker_is_large_in_a_large_terminal(make_coach: MakeCoach) -> None:
    coach = make_coach()
    async with coach.app.run_test(size=(160, 48)) as pilot:
        screen = await pain_screen(coach, pilot)
        assert screen.query_one(PainScale).has_class("-large")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not screen.query_one(PainScale).has_class("-large")


async def test_routines_daily_first_and_marked_enter_starts(make_coach: MakeCoach) -> None:
    settings = Settings(daily_routine="childs-pose")
    coach = make_coach(settings=settings)
    library = coach.services.library
    assert library is not None
    order = [r.id for r in ordered_routines(library.routines.values(), "childs-pose")]
    assert order[0] == "childs-pose"
    assert sorted(order) == sorted(library.routines)
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("r")
        screen = await coach.screen(pilot, RoutinesScreen)
        first = screen.query_one("#routine-list").get_option_at_index(0)  # type: ignore[attr-defined]
        label = str(first.prompt)
        assert label.startswith(f"{DAILY_STAR} Child's pose\n{DAILY_WORDS} · stretch · ")
        assert "s" not in screen.active_bindings  # s stays settings: no second meaning here
        assert screen.active_bindings["enter"].binding.id == "routines.start"
        await pilot.press("enter")
        pain = await coach.screen(pilot, PainScreen)
        assert pain.routine_title == "Child's pose"


async def test_each_dialog_footer_shows_only_its_own_keys(make_coach: MakeCoach) -> None:
    coach = make_coach(red_flags_acknowledged=True)
    async with coach.app.run_test(size=SIZE) as pilot:
        pain = await pain_screen(coach, pilot)
        assert footer_keys(pain) == [*"0123456789", "t", "left", "right", "enter", "escape"]
        await pilot.press("escape")
        await coach.until(pilot, lambda: not isinstance(coach.app.screen, PainScreen), "gone")
        await pilot.press("escape")
        confirm = await coach.screen(pilot, ConfirmScreen)
        assert footer_keys(confirm) == ["y", "n", "escape"]
        await pilot.press("y")
        await coach.screen(pilot, PainScreen)
        await pilot.press("escape")
        note = await coach.screen(pilot, NoteScreen)
        assert footer_keys(note) == ["enter", "escape"]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await coach.screen(pilot, HomeScreen)
        await pilot.press("f")
        side = await coach.screen(pilot, SideScreen)
        assert footer_keys(side) == ["l", "r", "b", "escape"]
        await pilot.press("escape")
        await coach.screen(pilot, HomeScreen)
        await pilot.press("w")
        numbers = await coach.screen(pilot, NumbersScreen)
        assert footer_keys(numbers) == ["enter", "escape"]


def test_picker_snapshot_80x24(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """The pain picker at 80x24: eleven boxes 0..10, 6 filled with a heavy border, "0 no
    pain" and "10 worst pain imaginable" under the ends, "Your answer: 6 of 10.", the keys in
    words, and a footer with only the dialog's keys."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await pain_screen(coach, pilot)
        await pilot.press("6")

    assert snap_compare(coach.app, terminal_size=(80, 24), run_before=run_before)


def test_picker_snapshot_160x48(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """The pain picker at 160x48: the same, with three-row digits in boxes five rows tall."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await pain_screen(coach, pilot)
        await pilot.press("6")

    assert snap_compare(coach.app, terminal_size=(160, 48), run_before=run_before)
