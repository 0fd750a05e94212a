"""SVG snapshots of every screen at 80x24, drawn with a frozen clock and a fixed "now".

Each test's docstring says what a reviewer should see in its snapshot (the plugin's report
shows it beside a failing diff). Update with ``pytest tests/tui --snapshot-update`` only after
looking at the new pictures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, TabbedContent
from tui_support import SIZE, Coach, MakeCoach, three_weeks

from coach import locations
from coach.routine import load_library
from coach.settings import Settings
from coach.tui.screens.choice import ChoiceScreen
from coach.tui.screens.help import HelpScreen
from coach.tui.screens.history import HistoryScreen, SessionDetailScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.pain import ConfirmScreen, NoteScreen, PainScreen
from coach.tui.screens.routines import RoutinesScreen
from coach.tui.screens.safety import MessageScreen, RedFlagsScreen, SideScreen, WelcomeScreen
from coach.tui.screens.session import SessionScreen
from coach.tui.screens.settings import SettingsScreen
from coach.tui.screens.summary import SummaryScreen
from coach.tui.widgets.pacer import Pacer

Snap = Any  # the plugin's snap_compare fixture


def snap(snap_compare: Snap, coach: Coach, run_before: Any = None) -> None:
    """Compare the app, after ``run_before(pilot)``, with its stored snapshot."""
    assert snap_compare(coach.app, terminal_size=SIZE, run_before=run_before)


async def daily_session(coach: Coach, pilot: Pilot[Any], pain: str = "3") -> SessionScreen:
    """Home Enter, a pain score, and the session screen in its first step."""
    await coach.screen(pilot, HomeScreen)
    await pilot.press("enter")
    await coach.screen(pilot, PainScreen)
    await pilot.press(*pain, "enter")
    return await coach.screen(pilot, SessionScreen)


# -- first run and home --------------------------------------------------------------------------


def test_welcome(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """First run: the "Welcome to coach" dialog over home, with the disclaimer (a yellow bar
    on its left; it names the emergency red flags) and a "Continue (Enter)" button, all of
    it inside the dialog at 80x24."""
    coach = make_coach(welcome_seen=False)

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, WelcomeScreen)

    snap(snap_compare, coach, run_before)


def test_home_empty(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """Home with an empty journal: "Not done yet today.", streak 0, "No sessions yet", the
    daily routine line "Daily core (five minutes) · 4 min 43 s", a tip, the key menu and the
    footer keys."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, HomeScreen)

    snap(snap_compare, coach, run_before)


def test_home_with_history(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """Home after three weeks of hand-recorded sessions (none today): "Not done yet today.",
    "Streak: 4 days  (best 4)", "This week: 4 of 5 planned days (80%)" and "Last session:
    Daily core (five minutes), Fri 20 Nov · pain 2 → 0"."""
    coach = make_coach(sessions=three_weeks())

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, HomeScreen)

    snap(snap_compare, coach, run_before)


# -- pain, session, summary ----------------------------------------------------------------------


def test_pain_prompt(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """The pain check before the daily routine: title "Daily core (five minutes)", the
    question, the eleven boxes with 1 filled, the anchors under the ends, "Your answer: 1 of
    10.", the keys in words and the dialog's own footer (digits, t, arrows, Enter, esc)."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("enter")
        await coach.screen(pilot, PainScreen)
        await pilot.press("1")

    snap(snap_compare, coach, run_before)


def test_pain_prompt_ten(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """The pain picker after "1" then "0": the box 10 filled with a heavy border, "Your
    answer: 10 of 10.", still on the dialog (nothing above 10 can be picked)."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("enter")
        await coach.screen(pilot, PainScreen)
        await pilot.press("1", "0")

    snap(snap_compare, coach, run_before)


def test_session_prepare(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """The session's first step: "Curl-up", "◇ GET READY" in blue, a blue frame at the
    sides, a big "10", the set-up cue, two yellow "Safety: ..." lines, "e: easier (Head
    and shoulders down)" in grey, "Next: Hold 8 s", the time left top right and an empty
    progress bar at the bottom."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await daily_session(coach, pilot)

    snap(snap_compare, coach, run_before)


def test_session_hold(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """One second into the first hold: "■ HOLD" in amber, an amber frame at the sides,
    "Rep 1 of 3 · Set 1 of 3" top right of the exercise line, a big "7", the hold cue,
    "Next: Rest 3 s → then hold 8 s · Curl-up", "4:32 left"."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await daily_session(coach, pilot)
        await coach.advance(pilot, 11)

    snap(snap_compare, coach, run_before)


def test_session_rest(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """Four seconds into the 15 s rest after the first set: "○ REST" in green, a big "11",
    "Rest. Breathe easily before the next set.", what comes next (a hold, set 2), "3:59
    left"."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await daily_session(coach, pilot)
        await coach.advance(pilot, 44)

    snap(snap_compare, coach, run_before)


def test_session_paused(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """Paused three seconds into the first hold: the big "5" dimmed grey, "PAUSED · space
    resumes" in reverse on the state line, a grey frame; the countdown stayed put while the
    clock ran."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await daily_session(coach, pilot)
        await coach.advance(pilot, 13)
        await pilot.press("space")
        coach.clock.advance(60)
        await pilot.pause(0.25)

    snap(snap_compare, coach, run_before)


def test_session_breathing_pacer(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """Flare-up for the left side, in the spasm-side breathing: "Breathing into the spasm",
    "Breath 1 of 12 · Left side", "BREATHE IN", no big digits but a half-width pacer bar
    (halfway into a 4 s in-breath), a cue about the left side widening, "5:54 left"."""
    coach = make_coach(red_flags_acknowledged=True)

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("f")
        await coach.screen(pilot, SideScreen)
        await pilot.press("l")
        await coach.screen(pilot, PainScreen)
        await pilot.press("6", "enter")
        screen = await coach.screen(pilot, SessionScreen)
        # Through the belly breathing and the spasm-side breathing's prepare, 2 s into its
        # first 4 s in-breath.
        steps = screen.session.plan.steps
        first = next(s for s in steps if s.exercise == "spasm-side-breathing")
        await coach.advance(pilot, sum(s.seconds for s in steps[: first.index + 1]) + 2)
        pacer = screen.query_one(Pacer)
        await coach.until(pilot, lambda: abs(pacer.fraction - 0.5) < 0.03, "a half-full pacer")

    snap(snap_compare, coach, run_before)


def test_end_early_confirm(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """Escape during a hold: the dialog "End the session now? What you have done so far is
    saved." with "End now (y)" and "Keep going (n)" over the dimmed session screen."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await daily_session(coach, pilot)
        await coach.advance(pilot, 12)
        await pilot.press("escape")
        await coach.screen(pilot, ConfirmScreen)

    snap(snap_compare, coach, run_before)


def test_note_prompt(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """After the session and the pain-after score: "A note for your log? (optional)" with an
    input holding "stiff [b]am" literally."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await daily_session(coach, pilot)
        await pilot.press("escape", "y")
        await coach.screen(pilot, PainScreen)
        await pilot.press("3", "enter")
        await coach.screen(pilot, NoteScreen)
        await pilot.press(*"stiff [b]am")

    snap(snap_compare, coach, run_before)


def test_summary(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """The end of a whole daily session: "Completed.  Daily core (five minutes)", the reps
    and work done against planned (4 min 43 s in all), "Relief of 2 points (3 → 1).", the
    streak line in grey and a "Done (Enter)" button. No "Well done"."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await daily_session(coach, pilot, "3")
        await coach.advance(pilot, 400)
        await coach.screen(pilot, PainScreen)
        await pilot.press("1", "enter")
        await coach.screen(pilot, NoteScreen)
        await pilot.press("escape")
        await coach.screen(pilot, SummaryScreen)

    snap(snap_compare, coach, run_before)


# -- flare-up questions --------------------------------------------------------------------------


def test_red_flags(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """The first flare-up: "Red flags: when to seek medical help instead", why in bold
    ("Before your first session for a flare-up or high pain, please read these."), the
    emergency list first in
    a scrolling list, and four compact answer buttons in two rows, each with its own key:
    "None of these apply (n)", "An emergency item applies (e)" in red, "A same-day item
    applies (u)" in orange, "A 'soon' item applies (s)" in blue; none focused."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("f")
        await coach.screen(pilot, RedFlagsScreen)

    snap(snap_compare, coach, run_before)


def test_side_question(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """ "Which side hurts?" with the hint and three buttons: "Left (l)", "Right (r)" and the
    primary, focused "Both / middle (b)"; "Enter: both / middle · Escape cancels" below."""
    coach = make_coach(red_flags_acknowledged=True)

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("f")
        await coach.screen(pilot, SideScreen)

    snap(snap_compare, coach, run_before)


def test_red_flag_emergency_advice(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """After "e" on the red flags: a red-bordered "Please get help" dialog saying to seek
    emergency care now (no "(A&E)") and "coach will not start this session.", with "Close
    (Enter)"."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("f")
        await coach.screen(pilot, RedFlagsScreen)
        await pilot.press("e")
        await coach.screen(pilot, MessageScreen)

    snap(snap_compare, coach, run_before)


def test_pain_choice_amber(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """Pain 5 before the daily routine: "Your pain check", the amber advice ("Pain 5 of 10
    (amber): ..."), and one button per choice with its key: "The easier variants (e)"
    focused and blue (the default), flare-up (f), as planned (p), "Stop for today (s)";
    "Enter: the highlighted choice · Escape: Stop for today" below."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("enter")
        await coach.screen(pilot, PainScreen)
        await pilot.press("5", "enter")
        await coach.screen(pilot, ChoiceScreen)

    snap(snap_compare, coach, run_before)


def test_it_hurts_question(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """x during the first curl-up hold: "What is happening?", "Curl-up: the session is
    paused.", five choices with their keys, "skip this exercise (s)" focused and blue, and
    "Enter: the highlighted choice · Escape: keep the session paused" below."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await daily_session(coach, pilot)
        await coach.advance(pilot, 11)
        await pilot.press("x")
        await coach.screen(pilot, ChoiceScreen)

    snap(snap_compare, coach, run_before)


def test_pain_choice_red(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """Pain 8 before the daily routine (red flags checked before): "Your pain check", the red
    advice (breathing and heat only, wrapped heat for 15-20 minutes), "Breathing and heat
    only (b)" focused and blue (the default), then flare-up (f), "Daily core (five minutes),
    as planned anyway (p)" and "Stop for today (s)"; every button and the hint "Enter: the
    highlighted choice · Escape: Stop for today" inside the dialog at 80x24."""
    coach = make_coach(red_flags_acknowledged=True)

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("enter")
        await coach.screen(pilot, PainScreen)
        await pilot.press("8", "enter")
        await coach.screen(pilot, ChoiceScreen)

    snap(snap_compare, coach, run_before)


# -- routines, history, settings, help -----------------------------------------------------------


def test_routines_with_a_broken_file(
    snap_compare: Snap, make_coach: MakeCoach, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The routine list on the left (title, then purpose · duration), the plan of the
    highlighted "Diaphragmatic breathing" on the right, and at the bottom in red "1 file did
    not load:" with the problems of routines/broken.toml, "[bold]nope" shown literally."""
    (home / "routines").mkdir()
    (home / "routines" / "broken.toml").write_text(
        'title = "x [bold]y"\npurpose = "[bold]nope"\n', encoding="utf-8"
    )
    # A relative folder, so the problem's path (and the snapshot) is the same on every run.
    monkeypatch.chdir(home)
    library = load_library(locations.builtin_routines_dir(), Path("routines"))
    coach = make_coach(library=library)

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("r")
        await coach.screen(pilot, RoutinesScreen)

    snap(snap_compare, coach, run_before)


def test_history_overview(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """History, Overview tab, after three hand-made weeks: a 16-week calendar whose last
    three weeks hold ● done days, three ○ missed, one ✚ flare and one ◐ partial, today ◌;
    the adherence figures to its right; the pain chart title below."""
    coach = make_coach(sessions=three_weeks())

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("h")
        await coach.screen(pilot, HistoryScreen)

    snap(snap_compare, coach, run_before)


def test_history_sessions(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """History, Sessions tab: a zebra-striped table, newest first (Fri 20 Nov 2026), with
    When (with the year), Routine, Side, Level, Status, Done, Pain and Note columns; the
    "felt good" note on 19 Nov, "ended early" on 12 Nov."""
    coach = make_coach(sessions=three_weeks())

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("h")
        screen = await coach.screen(pilot, HistoryScreen)
        await pilot.press("right")
        tabs = screen.query_one(TabbedContent)
        await coach.until(pilot, lambda: tabs.active == "sessions", "the Sessions tab")
        await pilot.pause(0.3)

    snap(snap_compare, coach, run_before)


def test_history_session_detail(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """One session in full, over the history: the flare-up of 6 Nov, "Pain 7 → 4 · left
    side", "Note: spasm after lifting" and its steps per exercise."""
    sessions = three_weeks()
    flare_id = next(record.id for record, _ in sessions if record.flare)
    coach = make_coach(sessions=sessions)

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("h")
        screen = await coach.screen(pilot, HistoryScreen)
        await pilot.press("right")
        table = screen.query_one(DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index(flare_id))
        await pilot.press("enter")
        await coach.screen(pilot, SessionDetailScreen)

    snap(snap_compare, coach, run_before)


def test_settings(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """Settings: daily routine, weekly goal, rest days (Sunday ticked), pain threshold 6
    ("Pain at or above this is red (7 at the latest): breathing and heat only."), bell and
    reduced-motion switches, each with its description below, in a scrolling form."""
    coach = make_coach(settings=Settings(rest_days=["sun"], pain_threshold=6))

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("s")
        await coach.screen(pilot, SettingsScreen)

    snap(snap_compare, coach, run_before)


def test_help(snap_compare: Snap, make_coach: MakeCoach) -> None:
    """Help: "Keys" with every screen's keys, the key-remapping example, "About" with the
    disclaimer; the footer offers "f Red flags"."""
    coach = make_coach()

    async def run_before(pilot: Pilot[Any]) -> None:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("question_mark")
        await coach.screen(pilot, HelpScreen)

    snap(snap_compare, coach, run_before)
