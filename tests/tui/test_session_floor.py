"""Floor mode: the session screen at 80x24 and 160x48, paused, too small, and its keys.

Snapshots at both sizes of each state (each docstring says what to see); the countdown's
size in rows; a remapped pause key in the paused prompt; the too-small view that comes and
goes while the session runs on.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_snapshots import daily_session
from textual.pilot import Pilot
from textual.widgets import Static
from tui_support import Coach, MakeCoach

from coach.engine.session import SessionState
from coach.settings import Settings
from coach.tui.screens.session import SessionScreen, layout_for
from coach.tui.widgets.big_countdown import BigCountdown
from coach.tui.widgets.pacer import Pacer

Snap = Any
SIZES = [(80, 24), (160, 48)]


def shown(coach: Coach, selector: str) -> str:
    """The text a Static on the active screen was last given."""
    return str(coach.app.screen.query_one(selector, Static).content)


async def to_kind(coach: Coach, pilot: Pilot[Any], screen: SessionScreen, kind: str) -> None:
    """Advance the clock to one second into the first step of ``kind``."""
    await coach.until(pilot, lambda: screen.session.state is SessionState.RUNNING, "a start")
    steps = screen.session.plan.steps
    target = next(s for s in steps if s.kind == kind)
    await coach.advance(pilot, sum(s.seconds for s in steps[: target.index]) + 1)
    assert screen.session.current_step.kind == kind


@pytest.mark.parametrize("size", SIZES)
def test_floor_get_ready(snap_compare: Snap, make_coach: MakeCoach, size: tuple[int, int]) -> None:
    """Curl-up, "◇ GET READY" in blue (at 160x48 in block letters in a round frame titled
    "◇ Get ready"), a big "10", the cue, two "Safety:" lines, "e: easier (...)", "Next"."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await daily_session(coach, pilot)

    assert snap_compare(coach.app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_floor_hold(snap_compare: Snap, make_coach: MakeCoach, size: tuple[int, int]) -> None:
    """One second into the first hold: "■ HOLD" in amber, a heavy amber frame (sides only at
    80x24), a big amber "7" (20 rows at 160x48), "Rep 1 of 3 · Set 1 of 3"."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await daily_session(coach, pilot)
        await coach.advance(pilot, 11)

    assert snap_compare(coach.app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_floor_rest(snap_compare: Snap, make_coach: MakeCoach, size: tuple[int, int]) -> None:
    """Four seconds into the set rest: "○ REST" in green, a dashed green frame, a big "11"."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await daily_session(coach, pilot)
        await coach.advance(pilot, 44)

    assert snap_compare(coach.app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_floor_switch_sides(
    snap_compare: Snap, make_coach: MakeCoach, size: tuple[int, int]
) -> None:
    """QL stretch, the first switch: "⇄ SWITCH SIDES" in violet in a double frame; at 160x48
    the new side in block letters under it."""
    coach = make_coach(start_routine="ql-stretch", side="left", pain_before=2, pain_after=2)

    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await coach.screen(pilot, SessionScreen)
        await to_kind(coach, pilot, screen, "switch")

    assert snap_compare(coach.app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_floor_breathing(snap_compare: Snap, make_coach: MakeCoach, size: tuple[int, int]) -> None:
    """Diaphragmatic breathing, 1 s into the first in-breath: "▲ BREATHE IN" in sky blue, no
    digits, a calm pacer bar (3 rows at 80x24, taller at 160x48)."""
    coach = make_coach(start_routine="diaphragmatic-breathing", pain_before=2, pain_after=2)

    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await coach.screen(pilot, SessionScreen)
        await to_kind(coach, pilot, screen, "inhale")

    assert snap_compare(coach.app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_floor_paused(snap_compare: Snap, make_coach: MakeCoach, size: tuple[int, int]) -> None:
    """Paused in the first hold: a grey ascii frame, "PAUSED · space resumes" in reverse, a
    dimmed grey "5"; at 160x48 a large "PAUSED" where "HOLD" was, the frame titled
    "‖ Hold · paused"."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await daily_session(coach, pilot)
        await coach.advance(pilot, 13)
        await pilot.press("space")
        coach.clock.advance(60)
        await pilot.pause(0.25)

    assert snap_compare(coach.app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_floor_too_small(snap_compare: Snap, make_coach: MakeCoach, size: tuple[int, int]) -> None:
    """Started at ``size``, then shrunk to 50x14: only "Make the window larger to see the
    session (it is still running: 7 s of Hold left)." and the footer."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await daily_session(coach, pilot)
        await coach.advance(pilot, 11)
        await pilot.resize_terminal(50, 14)
        await pilot.pause(0.25)

    assert snap_compare(coach.app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize(("size", "rows"), [((80, 24), 5), ((160, 48), 11)])
async def test_the_countdown_grows_with_the_terminal(
    make_coach: MakeCoach, size: tuple[int, int], rows: int
) -> None:
    coach = make_coach()
    async with coach.app.run_test(size=size) as pilot:
        screen = await daily_session(coach, pilot)
        countdown = screen.query_one(BigCountdown)
        await coach.advance(pilot, 11)
        await pilot.pause(0.1)
        drawn = [line for line in countdown.render().plain.split("\n") if line.strip()]
        if size == (80, 24):
            assert countdown.rows == len(drawn) == 5
        else:
            assert countdown.rows == len(drawn) >= rows
        # Also at the busiest step (Get ready, with safety lines and the easier hint).
        await pilot.press("p")
        await pilot.pause(0.1)
        assert countdown.rows >= rows


async def test_a_remapped_pause_key_shows_in_the_paused_prompt(make_coach: MakeCoach) -> None:
    coach = make_coach(settings=Settings(keys={"session.pause": "k"}))
    async with coach.app.run_test(size=(160, 48)) as pilot:
        screen = await daily_session(coach, pilot)
        await pilot.press("k")
        assert screen.session.state is SessionState.PAUSED
        assert shown(coach, "#paused") == "PAUSED · k resumes"
        await pilot.resize_terminal(50, 14)
        await pilot.pause(0.1)
        assert "k resumes" in shown(coach, "#too-small")


async def test_too_small_keeps_the_session_running_and_comes_back(
    make_coach: MakeCoach,
) -> None:
    coach = make_coach()
    async with coach.app.run_test(size=(80, 24)) as pilot:
        screen = await daily_session(coach, pilot)
        await pilot.resize_terminal(50, 14)
        await pilot.pause(0.1)
        assert not screen.query_one("#session").display
        await coach.advance(pilot, 11)
        assert screen.session.current_step.kind == "hold"
        assert "still running: 7 s of Hold left" in shown(coach, "#too-small")
        await pilot.resize_terminal(160, 48)
        await pilot.pause(0.1)
        assert screen.query_one("#session").display
        assert not screen.query_one("#too-small").display
        assert screen.query_one(BigCountdown).rows >= 11


def test_layouts_by_size() -> None:
    assert layout_for(59, 24) == layout_for(80, 15) == "small"
    assert layout_for(80, 24) == layout_for(160, 39) == "compact"
    assert layout_for(160, 48) == layout_for(100, 40) == "floor"


async def test_reduced_motion_keeps_the_big_pacer_still(make_coach: MakeCoach) -> None:
    coach = make_coach(
        settings=Settings(reduced_motion=True),
        start_routine="diaphragmatic-breathing",
        pain_before=2,
        pain_after=2,
    )
    async with coach.app.run_test(size=(160, 48)) as pilot:
        screen = await coach.screen(pilot, SessionScreen)
        await to_kind(coach, pilot, screen, "inhale")
        pacer = screen.query_one(Pacer)
        first = pacer.render().plain
        await coach.advance(pilot, 2)
        assert pacer.still and pacer.render().plain == first
        assert pacer.size.height > 3
