"""Screens run on a state object, not the App (issue 12 item 7); journal reads are cached until
the next write and run off the UI thread (item 6); keys shown come from the live bindings and
q, ? and ctrl+q act the same everywhere (item 3)."""

from __future__ import annotations

import ast
from pathlib import Path

from test_snapshots import daily_session
from tui_support import NOW, SIZE, MakeCoach, hand_session

from coach.journal import Journal
from coach.settings import Settings
from coach.tui.screens.help import HelpScreen, scope_title
from coach.tui.screens.history import HistoryScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.pain import ConfirmScreen
from coach.tui.screens.session import SessionScreen
from coach.tui.state import Reads

SCREENS = Path(__file__).parents[2] / "coach" / "tui" / "screens"


def test_no_screen_reaches_into_the_app() -> None:
    """No screen module imports the app module or casts ``self.app`` to the app's class."""
    for path in sorted(SCREENS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        } | {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names}  # fmt: skip
        assert "coach.tui.app" not in imported, path.name
        assert "CoachApp" not in path.read_text(encoding="utf-8"), path.name


# -- reads: cached until the next write ----------------------------------------------------------


def test_a_read_is_cached_until_anything_writes_to_the_journal(home: Path) -> None:
    path = home / "coach.db"
    with Journal(path) as writer:
        reads = Reads(path)
        calls: list[int] = []

        def count(journal: Journal) -> int:
            calls.append(1)
            return len(journal.sessions())

        try:
            assert reads.read("n", None, count) == 0
            assert reads.read("n", None, count) == 0
            assert len(calls) == 1  # nothing written: the cached value
            record, steps = hand_session(1, days_ago=1)
            writer.import_sessions([record], {record.id: steps})
            assert reads.read("n", None, count) == 1  # another connection wrote: read again
            assert len(calls) == 2
            assert reads.latest("n") == 1
            assert reads.latest("other") is None
        finally:
            reads.close()


def test_what_a_read_records_does_not_make_its_own_value_stale(home: Path) -> None:
    path = home / "coach.db"
    with Journal(path):
        reads = Reads(path)
        calls: list[int] = []

        def read_and_record(journal: Journal) -> str:
            calls.append(1)
            journal.set_meta("seen", "yes")  # as the card of the day is recorded
            return "value"

        try:
            assert reads.read("k", None, read_and_record) == "value"
            assert reads.read("k", None, read_and_record) == "value"
            assert len(calls) == 1
        finally:
            reads.close()


async def test_home_shows_the_figures_read_in_a_thread_and_after_a_write(
    make_coach: MakeCoach,
) -> None:
    coach = make_coach(sessions=[hand_session(1, days_ago=1, pain=(4, 3))])
    async with coach.app.run_test(size=SIZE) as pilot:
        home = await coach.screen(pilot, HomeScreen)
        assert home.figures is not None
        assert home.figures.last is not None and home.figures.last.pain_before == 4
        with Journal(coach.db) as other:  # another process (coach log, a second window)
            record, steps = hand_session(2, days_ago=0, pain=(6, 5))
            other.import_sessions([record], {record.id: steps})
        await pilot.press("h")
        await coach.screen(pilot, HistoryScreen)
        await pilot.press("escape")
        home = await coach.screen(pilot, HomeScreen)
        assert home.figures is not None and home.figures.last is not None
        assert home.figures.last.pain_before == 6
        assert "Done today" in str(home.query_one("#glance").render())


# -- keys as the person has them -----------------------------------------------------------------


async def test_remapped_keys_show_in_the_home_menu_the_prompts_and_help(
    make_coach: MakeCoach,
) -> None:
    keys = {"home.walk": "j", "home.history": "y", "app.quit": "z", "session.pause": "k"}
    coach = make_coach(settings=Settings(keys=keys))
    async with coach.app.run_test(size=(160, 48)) as pilot:
        home = await coach.screen(pilot, HomeScreen)
        menu = [
            " ".join(line.split()) for line in str(home.query_one("#menu").render()).splitlines()
        ]
        assert "j log a walk" in menu
        assert "y history" in menu and "z quit (asks during a session)" in menu
        assert not [line for line in menu if line.startswith(("w ", "h ", "q "))]
        await pilot.press("question_mark")
        help_screen = await coach.screen(pilot, HelpScreen)
        shown = "\n".join(str(s.render()) for s in help_screen.query("Static"))
        rows = [" ".join(line.replace("\u00a0", " ").split()) for line in shown.splitlines()]
        assert "k pause/resume [session.pause]" in rows
        assert "j log a walk [home.walk]" in rows
        assert "z quit (asks during a session) [app.quit]" in rows
        assert rows.index("Home") < rows.index("Session") < rows.index("Anywhere")


async def test_help_lists_the_screen_it_was_opened_from_first(make_coach: MakeCoach) -> None:
    coach = make_coach()
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("h")
        await coach.screen(pilot, HistoryScreen)
        await pilot.press("question_mark")
        help_screen = await coach.screen(pilot, HelpScreen)
        shown = "\n".join(str(s.render()) for s in help_screen.query("Static"))
        titles = [line for line in shown.splitlines() if line in {"History", "Home"}]
        assert titles == ["History", "Home"]


def test_scope_titles_read_as_words() -> None:
    assert scope_title("RedFlagsScreen") == "Red flags"
    assert scope_title("HomeScreen") == "Home"
    assert scope_title("app") == "Anywhere"


# -- q, ctrl+q -----------------------------------------------------------------------------------


async def test_q_quits_from_any_screen_outside_a_session(make_coach: MakeCoach) -> None:
    coach = make_coach()
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("h")
        await coach.screen(pilot, HistoryScreen)
        await pilot.press("q")
        await coach.until(pilot, lambda: not coach.app.is_running, "the app to exit")


async def test_quitting_during_a_session_asks_and_keeps_going_on_no(
    make_coach: MakeCoach,
) -> None:
    coach = make_coach(red_flags_acknowledged=True)
    async with coach.app.run_test(size=SIZE) as pilot:
        await daily_session(coach, pilot)
        await coach.advance(pilot, 3)
        await pilot.press("ctrl+q")
        await coach.screen(pilot, ConfirmScreen)
        assert coach.session().state.value == "paused"  # nothing runs on while asked
        await pilot.press("n")
        await coach.screen(pilot, SessionScreen)
        assert coach.session().state.value == "running"
        assert coach.app.is_running


async def test_quitting_during_a_session_saves_it_as_ended_early(make_coach: MakeCoach) -> None:
    coach = make_coach(red_flags_acknowledged=True)
    async with coach.app.run_test(size=SIZE) as pilot:
        await daily_session(coach, pilot)
        await coach.advance(pilot, 20)
        await pilot.press("q")
        await coach.screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await coach.until(pilot, lambda: not coach.app.is_running, "the app to exit", 10)
    [session] = coach.sessions()
    assert session.status == "ended_early"
    assert session.pain_before == 3
    assert session.started.date() == NOW.date()


async def test_help_and_quit_act_on_a_dialog_too(make_coach: MakeCoach) -> None:
    """A modal screen does not take the app's keys: each dialog has ? and q itself (with the
    app's binding ids, so a remap of app.quit to z applies there too)."""
    from coach.tui.screens.pain import PainScreen

    coach = make_coach(settings=Settings(keys={"app.quit": "z"}))
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("enter")
        await coach.screen(pilot, PainScreen)
        await pilot.press("question_mark")
        await coach.screen(pilot, HelpScreen)
        await pilot.press("escape")
        await coach.screen(pilot, PainScreen)
        await pilot.press("q")  # remapped away: nothing
        await pilot.pause()
        assert coach.app.is_running
        await pilot.press("z")
        await coach.until(pilot, lambda: not coach.app.is_running, "the app to exit")
