"""The app with wrong values in config.toml: each is said, and only that setting falls back.

``Settings`` built in memory stand for a file that passed its shape check (``coach.settings``)
but names a key, binding, theme or routine that does not exist.
"""

from __future__ import annotations

from pathlib import Path

from test_flows import start_daily
from tui_support import SIZE, MakeCoach

from coach.engine.session import SessionState
from coach.routine import load_default_library
from coach.settings import Settings, VoiceSettings
from coach.tui.screens.home import HomeScreen


def notices(coach_app: object) -> list[str]:
    return [note.message for note in coach_app._notifications]  # type: ignore[attr-defined]


async def test_a_wrong_key_name_is_said_and_pause_keeps_its_key(make_coach: MakeCoach) -> None:
    coach = make_coach(settings=Settings(keys={"session.pause": "Space", "session.mute": "k"}))
    async with coach.app.run_test(size=SIZE) as pilot:
        screen = await start_daily(coach, pilot, "1")
        said = notices(coach.app)
        assert any('keys.session.pause: "Space" is not a key name' in n for n in said), said
        assert any("did you mean space?" in n for n in said)
        await pilot.press("space")  # the usual key still pauses
        assert screen.session.state is SessionState.PAUSED
        assert coach.app.settings.keys == {"session.mute": "k"}  # the good remap still applies


async def test_a_remap_onto_a_key_in_use_is_said_and_not_applied(make_coach: MakeCoach) -> None:
    coach = make_coach(settings=Settings(keys={"session.pause": "n"}))
    async with coach.app.run_test(size=SIZE) as pilot:
        screen = await start_daily(coach, pilot, "1")
        said = notices(coach.app)
        assert any("already the key of session.next on the same screen" in n for n in said)
        await pilot.press("space")
        assert screen.session.state is SessionState.PAUSED


async def test_unknown_binding_theme_and_profile_are_said(make_coach: MakeCoach) -> None:
    settings = Settings(
        keys={"sesion.pause": "k"},
        theme="solarized",
        bell=True,
        voice=VoiceSettings(profiles={"flare-upp": "off", "flare-up": "quiet"}),
    )
    coach = make_coach(settings=settings)
    async with coach.app.run_test(size=SIZE) as pilot:
        await start_daily(coach, pilot, "1")
        said = "\n".join(notices(coach.app))
        assert "did you mean session.pause?" in said
        assert 'no theme is called "solarized"; did you mean solarized-dark?' in said
        assert 'no routine has the id "flare-upp"; did you mean flare-up?' in said
        assert coach.app.theme == "textual-dark"
        in_use = coach.app.settings
        assert in_use.bell is True and in_use.keys == {}
        assert in_use.voice.profiles == {"flare-up": "quiet"}


async def test_a_routines_folder_that_is_a_file_is_said_on_home(
    make_coach: MakeCoach, home: Path
) -> None:
    (home / "routines").write_text("not a folder\n", encoding="utf-8")
    coach = make_coach(library=load_default_library())
    async with coach.app.run_test(size=SIZE) as pilot:
        await coach.screen(pilot, HomeScreen)
        await coach.until(pilot, lambda: bool(notices(coach.app)), "a notice")
        [said] = notices(coach.app)
        assert said.startswith(f"{home / 'routines'}: is a file, not a folder")
        assert said.endswith("All of them: r (Routines), or coach doctor.")
        assert "daily-core" in coach.app.library.routines  # the built-ins still load
