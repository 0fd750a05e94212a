"""The voice in the app: what a daily session says, muting, the notice, and its settings.

The app's voice runs on its own thread; these tests give it a recording output (spoken
instantly) and walk the session with ``n``, waiting for the voice to go idle after each step,
so every cue is heard and the order is exact.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.widgets import Select, SelectionList, Static, Switch
from tui_support import SIZE, Coach, MakeCoach

from coach.engine.plan import build_plan
from coach.settings import Settings, VoiceSettings, load_settings
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.pain import PainScreen
from coach.tui.screens.routines import RoutinesScreen
from coach.tui.screens.session import SessionScreen
from coach.tui.screens.settings import SettingsScreen
from coach.voice.script import cues_for_step, voice_options


async def _open_session(coach: Coach, pilot) -> SessionScreen:
    await coach.screen(pilot, HomeScreen)
    await pilot.press("enter")
    await coach.screen(pilot, PainScreen)
    await pilot.press("escape")
    return await coach.screen(pilot, SessionScreen)


async def _quiet(coach: Coach, pilot, screen: SessionScreen) -> None:
    """Wait until the voice has started everything it was given."""
    voice = screen.voice
    assert voice is not None
    await coach.until(pilot, lambda: voice.speaker.idle, "the voice to go idle")


async def _walk(coach: Coach, pilot, screen: SessionScreen, steps: int) -> None:
    for _ in range(steps):
        await _quiet(coach, pilot, screen)
        await pilot.press("n")


async def test_daily_session_says_exercises_switches_last_reps_and_done(
    make_coach: MakeCoach,
) -> None:
    """The issue's "done when": each exercise, every side switch, each last rep, then the end
    (walked through with n, so it is said to be skipped through, not done)."""
    coach = make_coach()
    plan = build_plan(coach.services.library.routines["daily-core"])
    async with coach.app.run_test(size=SIZE) as pilot:
        screen = await _open_session(coach, pilot)
        assert text_of(screen, "#voice-state") == "voice on · m mutes"
        await _walk(coach, pilot, screen, len(plan.steps))
        await coach.screen(pilot, PainScreen)
        await coach.until(pilot, lambda: not screen.voice.speaker.running, "the voice to end")
    said = coach.voice.said
    # What the script says for each step as it starts (unit-tested in tests/voice): the app
    # must say all of it, in order, none dropped while walking step by step.
    options = voice_options(coach.app.settings.voice, plan)
    expected = [
        cue.text
        for step in plan.steps
        for cue in cues_for_step(step, options, 0.0)
        if cue.tone is None
    ]
    assert said[:-1] == expected
    # Every step was skipped with n, so it ends skipped through: said, and never "Done".
    assert said[-1] == "Session over: skipped through, not counted."
    assert sum(1 for s in plan.steps if s.kind == "switch") == said.count(
        "Switch sides. Right side."
    ) + said.count("Switch sides. Left side.")
    assert said[0].startswith("Curl-up. On your back")
    assert "bend that knee" in said[0]
    assert any(s.startswith("Side bridge. ") for s in said)
    assert any(s.startswith("Bird dog. ") for s in said)
    assert said.count("Last hold") == 2 and said.count("Last rep") == 1


async def test_m_mutes_and_unmutes_the_voice(make_coach: MakeCoach) -> None:
    coach = make_coach()
    async with coach.app.run_test(size=SIZE) as pilot:
        screen = await _open_session(coach, pilot)
        await _quiet(coach, pilot, screen)
        heard = len(coach.voice.said)
        assert heard == 1  # the curl-up's name and setup
        await pilot.press("m")
        assert text_of(screen, "#voice-state") == "voice muted · m"
        await _walk(coach, pilot, screen, 3)
        assert len(coach.voice.said) == heard
        await pilot.press("m")
        assert text_of(screen, "#voice-state") == "voice on · m mutes"
        await pilot.press("n")
        await _quiet(coach, pilot, screen)
        assert len(coach.voice.said) == heard + 1


async def test_no_voice_for_this_run_offers_no_mute(make_coach: MakeCoach) -> None:
    """``coach start --no-voice``: nothing said, nothing shown, no mute key in the footer."""
    coach = make_coach()
    coach.services.voice_enabled = False
    async with coach.app.run_test(size=SIZE) as pilot:
        screen = await _open_session(coach, pilot)
        assert screen.voice is None
        assert text_of(screen, "#voice-state") == ""
        assert screen.check_action("toggle_mute", ()) is False
        await pilot.press("n", "n")
    assert coach.voice.said == []


async def test_quiet_profile_of_a_breathing_routine_marks_breaths_with_tones(
    make_coach: MakeCoach,
) -> None:
    coach = make_coach(settings=Settings(daily_routine="diaphragmatic-breathing"))
    async with coach.app.run_test(size=SIZE) as pilot:
        screen = await _open_session(coach, pilot)
        await _walk(coach, pilot, screen, 5)
        await _quiet(coach, pilot, screen)
    kinds = [(cue.kind, cue.tone) for cue in coach.voice.cues]
    # Get ready, then five breath steps (4 s in, 6 s out, no holds): tones only, no words.
    assert kinds == [("exercise", None)] + [("breath", "in"), ("breath", "out")] * 2 + [
        ("breath", "in")
    ]


async def test_missing_speech_program_is_a_one_line_notice(
    make_coach: MakeCoach, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With the real programs asked for and none on PATH: a notice, and the session runs."""
    monkeypatch.delenv("COACH_VOICE")
    monkeypatch.setenv("PATH", str(tmp_path))
    coach = make_coach()
    coach.services.voice_output = None
    async with coach.app.run_test(size=SIZE) as pilot:
        screen = await _open_session(coach, pilot)
        notices = [n.message for n in coach.app._notifications]
        assert notices == [
            "Voice off: no speech program found. Install espeak-ng (or speech-dispatcher); "
            "macOS has say built in."
        ]
        assert screen.session.plan.routine_id == "daily-core"
        await pilot.press("escape")


async def test_voice_settings_are_saved_in_their_own_table(make_coach: MakeCoach) -> None:
    coach = make_coach()
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("s")
        screen = await coach.screen(pilot, SettingsScreen)
        screen.query_one("#voice_rate", Select).value = 200
        screen.query_one("#voice_breathing", Select).value = "words"
        screen.query_one("#voice_announce", SelectionList).select("countdown")
        screen.query_one("#voice_announce", SelectionList).deselect("rest")
        await pilot.press("ctrl+s")
        await coach.screen(pilot, HomeScreen)
    saved = tomllib.loads(coach.config.read_text())["voice"]
    assert saved["rate"] == 200
    assert saved["breathing"] == "words"
    assert "enabled" not in saved  # unchanged: only what changed is written
    assert "countdown" in saved["announce"] and "rest" not in saved["announce"]
    loaded = load_settings(coach.config)
    assert loaded.problems == []
    assert loaded.settings.voice == VoiceSettings(
        rate=200, breathing="words", announce=saved["announce"]
    )


async def test_voice_switched_off_in_settings_says_nothing(make_coach: MakeCoach) -> None:
    coach = make_coach()
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("s")
        screen = await coach.screen(pilot, SettingsScreen)
        switch = screen.query_one("#voice_enabled", Switch)
        assert switch.value is True
        switch.value = False
        await pilot.press("ctrl+s")
        session = await _open_session(coach, pilot)
        assert session.voice is None
        await pilot.press("escape")
    assert coach.voice.said == []


def text_of(screen: SessionScreen, selector: str) -> str:
    """What a Static on the session screen shows."""
    return str(screen.query_one(selector, Static).content)


async def test_v_on_routines_cycles_the_sound_profile_and_the_session_uses_it(
    make_coach: MakeCoach,
) -> None:
    """Breathing is quiet by its file; v makes it off (saved), then full, then quiet again."""
    coach = make_coach()
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        await pilot.press("r")
        screen = await coach.screen(pilot, RoutinesScreen)
        await pilot.press("down")  # past the daily routine, first in the list
        outline = screen.query_one("#outline", Static)
        assert str(outline.content).endswith(
            "Voice: quiet (names, switches, halfway, last rep, done; tones for breaths). "
            "v changes it."
        )
        await pilot.press("v")
        assert "Voice: off (nothing said or played), your setting (the routine says quiet)" in str(
            outline.content
        )
        assert load_settings(coach.config).settings.voice.profiles == {
            "diaphragmatic-breathing": "off"
        }
        await pilot.press("v", "v")
        assert load_settings(coach.config).settings.voice.profiles == {}
        await pilot.press("v")  # off again, and start it: a silent session
        await pilot.press("enter")
        await coach.screen(pilot, PainScreen)
        await pilot.press("escape")
        session = await coach.screen(pilot, SessionScreen)
        assert session.voice is None
