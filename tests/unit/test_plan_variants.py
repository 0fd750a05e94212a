"""Plan mechanics for the easier variant, exercise boundaries, set breaks, switch times,
side notes and texts for no side (``coach.engine.plan``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.engine.plan import Plan, Side, Step, build_plan
from coach.routine import load_library

BRIDGE = """\
name = "Side bridge"
spoken_name = "Side bridge"
kind = "hold"
sides = "both"
switch_s = 9
safety = ["Stop if pain spreads down a leg."]
safety_spoken = "Stop if pain spreads"

[setup]
text = "Lie on your {side} side, legs straight."
spoken = "On your {side} side"

[[cues]]
text = "Lift on the {side} elbow."
spoken = "Lift {side}"

[moments.last_rep]
text = "Last one."
spoken = "Last one"

[easier]
name = "Knees bent"
setup = "Lie on your side, knees bent."
text = "Weight on forearm and knee."

[dose]
sets = [2, 1]
hold_s = 10
rest_between_reps_s = 3
rest_between_sets_s = 20
"""

CURL = """\
name = "Curl-up"
spoken_name = "Curl up"
kind = "hold"

[setup]
text = "Lie on your back, one knee bent."
spoken = "On your back"

[[cues]]
text = "Brace first, then lift."
spoken = "Brace, lift"

[moments.set_break]
text = "Switch the bent leg."
spoken = "Switch the bent leg"

[easier]
name = "Head down"
text = "Head and shoulders stay down; just brace and breathe."

[dose]
sets = [3, 2, 1]
hold_s = 8
rest_between_reps_s = 2
rest_between_sets_s = 15
"""

SPASM = """\
name = "Breathe into the spasm"
spoken_name = "Spasm breathing"
kind = "breathing"
sides = "one"

[setup]
text = "Hand on your {side} flank."
spoken = "Hand on your {side} flank"

[[cues]]
text = "Breathe into your {side} side."
spoken = "Into the {side} side"

[central.setup]
text = "A hand on each flank."
spoken = "A hand on each flank"

[[central.cues]]
text = "Breathe into both flanks."
spoken = "Both flanks"

[dose]
inhale_s = 3
exhale_s = 5
breaths = 2
"""

EXERCISES = {"bridge": BRIDGE, "curl": CURL, "spasm": SPASM}


def routine(*entries: str, top: str = "") -> str:
    head = f'title = "Test"\npurpose = "core"\nsummary = "A test routine."\n{top}\n'
    return head + "".join(f"\n[[exercises]]\n{entry}\n" for entry in entries)


def plan_of(tmp_path: Path, text: str, side: Side | None = None, *, easier: bool = False) -> Plan:
    folder = tmp_path / "lib"
    (folder / "exercises").mkdir(parents=True, exist_ok=True)
    for name, exercise in EXERCISES.items():
        (folder / "exercises" / f"{name}.toml").write_text(exercise, encoding="utf-8")
    (folder / "r.toml").write_text(text, encoding="utf-8")
    library = load_library(folder, None)
    assert library.problems == [], [str(problem) for problem in library.problems]
    return build_plan(library.routines["r"], side, easier=easier)


def timeline(plan: Plan) -> list[tuple[int, str, int, str | None, int | None, int | None, int]]:
    return [(s.index, s.kind, s.seconds, s.side, s.set, s.rep, s.position) for s in plan.steps]


TWO = routine('use = "curl"', 'use = "bridge"', top="rest_between_exercises_s = 30")


# -- the easier variant ---------------------------------------------------------------------------


def test_every_step_of_an_exercise_with_an_easier_variant_offers_it(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, TWO, "left")
    for step in plan.steps:
        assert step.easier_taken is False
        if step.exercise == "bridge":
            assert (step.easier, step.easier_name) == ("Weight on forearm and knee.", "Knees bent")
        else:
            assert step.easier_name == "Head down"


def test_with_easier_keeps_the_timeline_and_changes_only_that_exercise(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, TWO, "left")
    easier = plan.with_easier("bridge")
    assert timeline(easier) == timeline(plan)
    assert (easier.total_s, easier.work_s, easier.reps) == (plan.total_s, plan.work_s, plan.reps)
    assert easier.fingerprint == plan.fingerprint
    assert [s.counters() for s in easier.steps] == [s.counters() for s in plan.steps]
    for before, after in zip(plan.steps, easier.steps, strict=True):
        if before.exercise != "bridge":
            assert after == before
            continue
        assert after.easier_taken
        if before.kind == "prepare":
            assert (
                after.cue
                == "Easier: Knees bent. Lie on your side, knees bent. Weight on forearm and knee."
            )
            assert after.spoken == "Side bridge. Knees bent"
            assert after.safety == before.safety
        elif before.kind == "hold":
            assert after.cue.endswith("Weight on forearm and knee.")
            assert after.spoken == "Knees bent"
            assert after.milestone == before.milestone
            assert after.moment_spoken == before.moment_spoken
        else:
            assert (after.cue, after.spoken) == (before.cue, before.spoken)
    # Taking it twice changes nothing more.
    assert easier.with_easier("bridge") == easier


def test_build_plan_easier_takes_every_easier_variant(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, TWO, "right")
    assert plan_of(tmp_path, TWO, "right", easier=True) == plan.with_easier("curl").with_easier(
        "bridge"
    )
    easier = plan_of(tmp_path, TWO, "right", easier=True)
    assert all(step.easier_taken for step in easier.steps)
    assert easier.steps[0].cue.startswith("Easier: Head down. Lie on your back, one knee bent.")


def test_the_easier_spoken_name_is_at_most_sixty_characters(tmp_path: Path) -> None:
    long_name = "Knees bent and a pillow under the hips for a gentler and shorter hold"
    EXERCISES["long"] = BRIDGE.replace('name = "Knees bent"', f'name = "{long_name}"')
    try:
        plan = plan_of(tmp_path, routine('use = "long"'), "left", easier=True)
    finally:
        del EXERCISES["long"]
    holds = [s for s in plan.steps if s.kind == "hold"]
    assert all(len(s.spoken) <= 60 and long_name.startswith(s.spoken) for s in holds)


def test_prepare_json_carries_safety_and_easier(tmp_path: Path) -> None:
    data = plan_of(tmp_path, TWO, "left").to_json()
    steps = data["steps"]
    assert isinstance(steps, list)
    prepares = [s for s in steps if s["kind"] == "prepare"]
    assert [(s["safety"], s["easier"]) for s in prepares] == [
        ([], "Head and shoulders stay down; just brace and breathe."),
        (["Stop if pain spreads down a leg."], "Weight on forearm and knee."),
    ]
    assert all("safety" not in s for s in steps if s["kind"] != "prepare")
    prepare = plan_of(tmp_path, TWO, "left").steps[0]
    assert prepare.safety_spoken is None
    bridge = next(s for s in plan_of(tmp_path, TWO).steps if s.exercise == "bridge")
    assert (bridge.kind, bridge.safety_spoken) == ("prepare", "Stop if pain spreads")


# -- exercise boundaries ---------------------------------------------------------------------------


def test_next_exercise_index_groups_by_position_and_rests_belong_before(tmp_path: Path) -> None:
    text = routine(
        'use = "curl"', 'use = "curl"', 'use = "bridge"', top="rest_between_exercises_s = 30"
    )
    plan = plan_of(tmp_path, text, "left")
    starts = [s.index for s in plan.steps if s.kind == "prepare"]
    assert [plan.steps[i].position for i in starts] == [0, 1, 2]
    assert [plan.steps[i].exercise for i in starts] == ["curl", "curl", "bridge"]
    for step in plan.steps:
        expected = next((i for i in starts if i > step.index), len(plan.steps))
        assert plan.next_exercise_index(step.index) == expected, step.index
    between = plan.steps[starts[1] - 1]
    assert (between.kind, between.cue, between.position) == (
        "rest",
        "Rest before the next exercise.",
        0,
    )
    assert plan.next_exercise_index(len(plan.steps) - 1) == len(plan.steps)


def test_step_defaults_keep_old_constructors_working() -> None:
    step = Step(0, "hold", "x", "X", 4, "c", "s")
    assert (step.position, step.safety, step.easier, step.easier_taken) == (0, (), None, False)
    assert "safety" not in step.to_json()


# -- the set break --------------------------------------------------------------------------------


def test_the_set_break_lands_in_the_rest_nearest_halfway(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, routine('use = "curl"'))
    marked = [s for s in plan.steps if s.moment_spoken == "Switch the bent leg"]
    [rest] = marked
    assert rest.kind == "rest" and rest.seconds == 15
    assert rest.cue == "Switch the bent leg. Rest. Breathe easily before the next set."
    assert sum(1 for s in plan.steps[: rest.index] if s.kind == "hold") == 3
    assert not any("bent leg" in s.cue for s in plan.steps if s.kind != "rest")


def test_with_one_set_the_set_break_words_go_in_the_rep_rest_nearest_halfway(
    tmp_path: Path,
) -> None:
    plan = plan_of(tmp_path, routine('use = "curl"\nsets = [4]'))
    [rest] = [s for s in plan.steps if s.moment_spoken == "Switch the bent leg"]
    assert rest.kind == "rest"
    assert sum(1 for s in plan.steps[: rest.index] if s.kind == "hold") == 2


def test_without_any_rest_the_set_break_is_not_said_on_a_hold(tmp_path: Path) -> None:
    entry = 'use = "curl"\nrest_between_reps_s = 0\nrest_between_sets_s = 0'
    plan = plan_of(tmp_path, routine(entry))
    assert not any(
        "bent leg" in s.cue or s.moment_spoken == "Switch the bent leg" for s in plan.steps
    )


# -- switch times ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "top", "seconds"),
    [
        ("", "switch_s = 5", 9),  # the exercise's own beats the routine's
        ("switch_s = 10", "switch_s = 5", 10),  # the entry's beats both
        ("switch_s = 0", "", None),  # no switch step at all
    ],
)
def test_switch_seconds_entry_then_exercise_then_routine(
    tmp_path: Path, entry: str, top: str, seconds: int | None
) -> None:
    plan = plan_of(tmp_path, routine(f'use = "bridge"\n{entry}', top=top), "left")
    switches = {s.seconds for s in plan.steps if s.kind == "switch"}
    assert switches == (set() if seconds is None else {seconds})


# -- notes and central texts ---------------------------------------------------------------


def test_the_side_note_shows_only_with_a_side(tmp_path: Path) -> None:
    entry = (
        'use = "bridge"\nnote = "Go slowly."\nnote_with_side = "The side that hurts goes first."'
    )
    text = routine(entry)
    assert (
        plan_of(tmp_path, text, None).steps[0].cue
        == "Lie on your left side, legs straight. Go slowly."
    )
    assert plan_of(tmp_path, text, "right").steps[0].cue == (
        "Lie on your right side, legs straight. Go slowly. The side that hurts goes first."
    )


def test_one_sided_exercise_without_a_side_uses_its_central_texts(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, routine('use = "spasm"'), None)
    assert plan.steps[0].cue == "A hand on each flank."
    assert plan.steps[0].spoken == "Spasm breathing. A hand on each flank"
    assert {s.cue for s in plan.steps[1:]} == {"Breathe into both flanks."}
    assert all(s.side is None and not s.painful_side for s in plan.steps)
    sided = plan_of(tmp_path, routine('use = "spasm"'), "left")
    assert sided.steps[0].cue == "Hand on your left flank."
