"""The progression ladder in the one flow: the plan at the routine's level, the offer after
two tolerated sessions, a step back told with its reason, previews left alone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from flow_support import NOW, Script, World, open_world

from coach.flow.questions import Choose, Tell
from coach.journal.logbook import level_changes
from coach.routine import Library, load_default_library
from coach.services.progress import set_level

DAILY = "daily-core"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_default_library()


@pytest.fixture
def world(tmp_path: Path, library: Library) -> Iterator[World]:
    yield from open_world(tmp_path / "coach.db", library)


def run_on(
    world: World, days_ago: int, script: Script, interactive: bool = True, **request: object
) -> None:
    world.now = NOW - timedelta(days=days_ago)
    assert world.run(DAILY, script, interactive, **request).exit_code == 0


def offers(script: Script) -> list[Choose]:
    return [q for q in script.of(Choose) if q.title == "Next level?"]


def test_two_tolerated_days_offer_the_next_level_and_yes_changes_the_plan(world: World) -> None:
    first = Script(pains=[3, 3], notes=[None])
    run_on(world, 1, first)
    assert offers(first) == []
    second = Script(pains=[3, 4], notes=[None], choices=["up"])
    run_on(world, 0, second)
    (offer,) = offers(second)
    assert offer.default == "later" and "level 2" in offer.text
    assert "now at level 2 of 4" in second.told()
    run_on(world, 0, Script(pains=[3, 3], notes=[None]))
    newest, middle, oldest = world.journal.sessions()
    assert (oldest.level, middle.level, newest.level) == (1, 1, 2)
    assert newest.reps_planned == oldest.reps_planned + 5
    assert [c.change for c in level_changes(world.journal, DAILY)] == ["up"]


def test_not_now_records_nothing_and_without_a_terminal_the_offer_is_told(world: World) -> None:
    run_on(world, 2, Script(pains=[3, 3], notes=[None]))
    later = Script(pains=[3, 3], notes=[None], choices=["later"])
    run_on(world, 1, later)
    assert len(offers(later)) == 1
    assert level_changes(world.journal) == []
    plain = Script()
    run_on(world, 0, plain, False, pain_before=3, pain_after=3)
    assert plain.of(Choose) == []
    assert "To take it: coach progress accept daily-core" in plain.told()


def test_a_pain_rise_steps_back_and_says_why(world: World) -> None:
    set_level(world.journal, world.library, DAILY, 3, NOW - timedelta(days=3))
    script = Script(pains=[2, 5], notes=[None], choices=["later"])
    run_on(world, 1, script)
    (told,) = [q for q in script.of(Tell) if q.title == "A step back"]
    assert "next time at level 2" in told.text
    assert "pain rose from 2 to 5 after the session on 19 Nov" in told.text
    run_on(world, 0, Script(pains=[2, 2], notes=[None], choices=["as-planned"]))
    newest, older = world.journal.sessions()
    assert (older.level, newest.level) == (3, 2)


def test_previews_are_never_offered_anything(world: World) -> None:
    run_on(world, 2, Script(pains=[3, 3], notes=[None]))
    run_on(world, 1, Script(pains=[3, 3], notes=[None], choices=["later"]))
    preview = Script(pains=[3, 3], notes=[None])
    run_on(world, 0, preview, speed=10.0)
    assert offers(preview) == []
