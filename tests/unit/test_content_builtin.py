"""The built-in routines say what shared/DOMAIN.md sections 1-3 say, for every side choice."""

from __future__ import annotations

import re
from functools import cache

import pytest

from coach.engine.plan import Plan, Side, Step, build_plan
from coach.routine import Library, load_default_library
from coach.routine.describe import describe_dose

SIDES: list[Side | None] = [None, "left", "right"]
PAINFUL_WORDS = re.compile(r"\b(sore|painful|hurts?|spasm side)\b", re.IGNORECASE)


@cache
def library() -> Library:
    loaded = load_default_library()
    assert loaded.problems == [], [str(problem) for problem in loaded.problems]
    return loaded


def plan(routine_id: str, side: Side | None = None, *, easier: bool = False) -> Plan:
    return build_plan(library().routines[routine_id], side, easier=easier)


def all_plans() -> list[tuple[str, Side | None]]:
    return [(routine_id, side) for routine_id in sorted(library().routines) for side in SIDES]


def texts(step: Step) -> list[str]:
    words = [step.cue, step.spoken, step.moment_spoken, step.safety_spoken]
    return [text for text in words if text]


def one_sided(routine_id: str) -> set[str]:
    uses = library().routines[routine_id].uses
    return {use.exercise.id for use in uses if use.sides == "one"}


# -- 6 and 7: central or both-sided pain names no side as painful --------------------------------


@pytest.mark.parametrize("routine_id", sorted(load_default_library().routines))
def test_without_a_side_no_text_calls_a_side_painful(routine_id: str) -> None:
    for step in plan(routine_id).steps + plan(routine_id, easier=True).steps:
        for text in (step.cue, step.spoken, step.moment_spoken or ""):
            assert not PAINFUL_WORDS.search(text), (routine_id, step.index, text)
            assert "{" not in text, text


@pytest.mark.parametrize("routine_id", sorted(load_default_library().routines))
def test_without_a_side_one_sided_exercises_name_no_side(routine_id: str) -> None:
    for step in plan(routine_id).steps:
        if step.exercise in one_sided(routine_id):
            assert step.side is None
            for text in texts(step):
                assert not re.search(r"\b(left|right)\b", text, re.IGNORECASE), text


def test_spasm_breathing_without_a_side_goes_into_both_flanks() -> None:
    for routine_id in ("spasm-side-breathing", "flare-up"):
        steps = [s for s in plan(routine_id).steps if s.exercise == "spasm-side-breathing"]
        assert "each flank" in steps[0].cue
        assert any("both sides" in step.cue for step in steps[1:])
    with_side = [s for s in plan("flare-up", "left").steps if s.exercise == "spasm-side-breathing"]
    assert "left flank" in with_side[0].cue


def test_the_side_note_is_shown_only_when_a_side_was_given() -> None:
    def ql_prepare(side: Side | None) -> Step:
        steps = plan("flare-up", side).steps
        return next(s for s in steps if s.exercise == "ql-stretch" and s.kind == "prepare")

    assert "The side that hurts" not in ql_prepare(None).cue
    assert "Take your time getting up." in ql_prepare(None).cue
    assert "The side that hurts is stretched first" in ql_prepare("right").cue


@pytest.mark.parametrize("routine_id", sorted(load_default_library().routines))
def test_doses_call_no_side_painful_without_a_side(routine_id: str) -> None:
    for use in library().routines[routine_id].uses:
        assert "painful" not in describe_dose(use), describe_dose(use)
        assert "painful" not in describe_dose(use, None)
    described = [describe_dose(use, "left") for use in library().routines["ql-stretch"].uses]
    assert described == ["2 × 30 s, per side (painful side first)"]
    assert [describe_dose(use) for use in library().routines["ql-stretch"].uses] == [
        "2 × 30 s, per side (left first)"
    ]


# -- 1: knees-bent side bridge by default ---------------------------------------------------------


@pytest.mark.parametrize("routine_id", ["daily-core", "mcgill-big-3"])
def test_the_daily_and_beginner_side_bridge_is_knees_bent(routine_id: str) -> None:
    [prepare] = [
        s
        for s in plan(routine_id, "left").steps
        if s.kind == "prepare" and "ide" in s.exercise_name
    ]
    assert prepare.exercise == "side-bridge"
    assert "knees bent to 90 degrees" in prepare.cue
    assert "elbow right under your shoulder" in prepare.cue
    assert "Free hand on the opposite shoulder" in prepare.cue
    assert "straight" not in prepare.cue.lower()
    bridge = library().exercises["side-bridge"].exercise
    assert bridge.harder is not None and "straight" in bridge.harder.name.lower()
    assert "forearm and knee" in " ".join(cue.text for cue in bridge.cues)


def test_the_full_routine_keeps_the_straight_leg_bridge_with_knees_bent_easier() -> None:
    steps = [
        s for s in plan("mcgill-big-3-full", "left").steps if s.exercise == "side-bridge-straight"
    ]
    assert "legs straight, top foot in front of the bottom one" in steps[0].cue
    assert steps[0].easier_name == "Knees bent"
    easier = plan("mcgill-big-3-full", "left", easier=True)
    prepare = next(s for s in easier.steps if s.exercise == "side-bridge-straight")
    assert prepare.cue.startswith("Easier: Knees bent. ")
    assert "legs straight" not in prepare.cue


# -- 2 and 3: the curl-up -------------------------------------------------------------------------


def test_the_curl_up_braces_first_then_lifts_and_its_easier_variant_keeps_the_head_down() -> None:
    curl = library().exercises["curl-up"].exercise
    first = curl.cues[0].text
    assert first.index("Brace") < first.index("lift")
    assert "never pull on your head" in " ".join(cue.text for cue in curl.cues)
    assert curl.easier is not None
    assert "head and shoulders down" in curl.easier.text
    assert "just brace and breathe" in curl.easier.text
    assert "If a leg or buttock hurts, bend that knee." in curl.safety
    assert curl.moments.halfway is None


@pytest.mark.parametrize("routine_id", ["daily-core", "mcgill-big-3", "mcgill-big-3-full"])
def test_switch_the_bent_leg_is_said_in_a_rest_never_as_a_hold_starts(routine_id: str) -> None:
    steps = [s for s in plan(routine_id).steps if s.exercise == "curl-up"]
    said = [s for s in steps if "bent leg" in (s.moment_spoken or "") or "bent leg" in s.cue]
    assert len(said) == 1
    [rest] = said
    assert rest.kind == "rest"
    assert rest.moment_spoken == "Switch the bent leg"
    assert rest.cue.startswith("Switch the bent leg")
    # The first set break: for 5-3-1, 3-2-1 and 6-4-2 the one nearest halfway.
    holds_before = sum(1 for s in steps[: rest.index - steps[0].index] if s.kind == "hold")
    first_set = library().routines[routine_id].uses[0].dose
    assert holds_before == first_set.sets[0]  # type: ignore[union-attr]
    assert not any("bent leg" in s.cue for s in steps if s.kind == "hold")


# -- 4: side switches take 8-10 s; daily-core stays near five minutes ----------------------------


@pytest.mark.parametrize("routine_id", ["daily-core", "mcgill-big-3", "mcgill-big-3-full"])
@pytest.mark.parametrize("side", SIDES)
def test_side_bridge_switches_take_eight_to_ten_seconds(routine_id: str, side: Side | None) -> None:
    switches = [
        s
        for s in plan(routine_id, side).steps
        if s.kind == "switch" and "side-bridge" in s.exercise
    ]
    assert switches
    assert all(8 <= s.seconds <= 10 for s in switches)


@pytest.mark.parametrize("side", SIDES)
def test_daily_core_totals_four_to_six_minutes(side: Side | None) -> None:
    assert 240 <= plan("daily-core", side).total_s <= 360


# -- 5: the flare-up rocks, and says to go easy in the morning ------------------------------------


def test_flare_up_uses_the_rocking_childs_pose() -> None:
    steps = [s for s in plan("flare-up").steps if s.exercise.startswith("childs-pose")]
    assert {s.exercise for s in steps} == {"childs-pose-rocking"}
    rocks = [s for s in steps if s.kind == "stretch"]
    assert 8 <= len(rocks) <= 10
    assert all(s.seconds <= 12 for s in rocks)  # one slow breath, not a static end-range hold
    assert all("one slow breath" in s.cue.lower() for s in rocks)
    assert "Stop if leg symptoms increase." in steps[0].safety
    assert steps[0].safety_spoken == "Stop if leg symptoms increase"
    safety = " ".join(library().routines["flare-up"].routine.safety)
    assert "first hour after waking" in safety
    assert "Stop if leg symptoms increase." in safety


# -- 8: no setup repeated as a work cue, no "next" at the end ------------------------------------


@pytest.mark.parametrize(("routine_id", "side"), all_plans())
def test_no_work_cue_repeats_the_setup(routine_id: str, side: Side | None) -> None:
    steps = plan(routine_id, side).steps
    for resolved_use in library().routines[routine_id].uses:
        exercise = resolved_use.exercise
        setups = [exercise.setup.text.split("{")[0]]
        if exercise.central:
            setups.append(exercise.central.setup.text)
        for step in steps:
            if step.exercise == exercise.id and step.is_work:
                for setup in setups:
                    assert setup.strip() not in step.cue, (routine_id, step.index)


@pytest.mark.parametrize(("routine_id", "side"), all_plans())
def test_the_last_step_announces_nothing_next(routine_id: str, side: Side | None) -> None:
    last = plan(routine_id, side).steps[-1]
    assert last.is_work
    assert "next" not in last.cue.lower() and "next" not in last.spoken.lower()


# -- safety on prepare steps ----------------------------------------------------------------------


@pytest.mark.parametrize(("routine_id", "side"), all_plans())
def test_prepare_steps_carry_safety_and_the_easier_variant(
    routine_id: str, side: Side | None
) -> None:
    compiled = plan(routine_id, side)
    steps_json = compiled.to_json()["steps"]
    assert isinstance(steps_json, list)
    for step_json, step in zip(steps_json, compiled.steps, strict=True):
        if step.kind != "prepare":
            continue
        exercise = library().exercises[step.exercise].exercise
        assert step_json["safety"] == list(exercise.safety)
        assert step_json["easier"] == (exercise.easier.text if exercise.easier else None)
        if exercise.safety:
            assert exercise.safety_spoken is not None
            assert step.safety_spoken == exercise.safety_spoken
