"""Tests of ``build_plan``: routines compiled into exact, ordered, timed steps."""

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

[setup]
text = "Lie on your {side} side."
spoken = "On your {side} side"

[[cues]]
text = "Lift on the {side} elbow."
spoken = "Lift {side}"

[[cues]]
text = "Keep the {other_side} arm across."
spoken = "Breathe"

[moments.start]
text = "First, {side}."
spoken = "Start {side}"

[moments.halfway]
text = "Halfway."
spoken = "Halfway"

[moments.last_rep]
text = "Last one."
spoken = "Last one"

[dose]
sets = [5, 3, 1]
hold_s = 10
rest_between_reps_s = 3
rest_between_sets_s = 20
"""

CURL = """\
name = "Curl-up"
spoken_name = "Curl up"
kind = "hold"

[setup]
text = "Lie on your back."
spoken = "On your back"

[[cues]]
text = "Brace gently."
spoken = "Brace"

[dose]
sets = [2]
hold_s = 8
rest_between_reps_s = 2
"""

QLS = """\
name = "QL stretch"
spoken_name = "Side stretch"
kind = "stretch"
sides = "both"

[setup]
text = "Stand tall."
spoken = "Stand tall"

[[cues]]
text = "Lean away from your {side} side."
spoken = "Lean"

[[cues]]
text = "Breathe into the {side} ribs."
spoken = "Breathe"

[dose]
reps = 2
hold_s = 20
rest_between_reps_s = 5
"""

BELLY = """\
name = "Belly breathing"
spoken_name = "Belly breathing"
kind = "breathing"

[setup]
text = "Lie on your back."
spoken = "On your back"

[[cues]]
text = "Into the belly."
spoken = "Belly"

[[cues]]
text = "Soften your belly."
spoken = "Soft"

[moments.last_rep]
text = "Last breath."
spoken = "Last breath"

[dose]
inhale_s = 4
hold_in_s = 2
exhale_s = 6
breaths = 3
"""

SPASM = """\
name = "Breathe into the spasm"
spoken_name = "Spasm breathing"
kind = "breathing"
sides = "one"

[setup]
text = "Hand on your {side} side, not the {other_side}."
spoken = "Hand on your {side} side"

[[cues]]
text = "Breathe into your {side} side."
spoken = "Into the {side} side"

[central.setup]
text = "Hands on both flanks."
spoken = "Hands on both flanks"

[[central.cues]]
text = "Breathe into both flanks."
spoken = "Into both flanks"

[dose]
inhale_s = 3
exhale_s = 5
breaths = 2
"""

EXERCISES = {"bridge": BRIDGE, "curl": CURL, "qls": QLS, "belly": BELLY, "spasm": SPASM}


def routine(*entries: str, top: str = "") -> str:
    """A routine file with ``top`` keys and one ``[[exercises]]`` entry per argument."""
    head = f'title = "Test"\npurpose = "core"\nsummary = "A test routine."\n{top}\n'
    return head + "".join(f"\n[[exercises]]\n{entry}\n" for entry in entries)


def plan_of(tmp_path: Path, text: str, side: Side | None = None) -> Plan:
    folder = tmp_path / "lib"
    (folder / "exercises").mkdir(parents=True, exist_ok=True)
    for name, exercise in EXERCISES.items():
        (folder / "exercises" / f"{name}.toml").write_text(exercise, encoding="utf-8")
    (folder / "r.toml").write_text(text, encoding="utf-8")
    library = load_library(folder, None)
    assert library.problems == [], [str(problem) for problem in library.problems]
    return build_plan(library.routines["r"], side)


def shape(plan: Plan) -> list[tuple[str, int, str | None, int | None, int | None]]:
    """Kind, seconds, side, set and rep of each step."""
    return [(step.kind, step.seconds, step.side, step.set, step.rep) for step in plan.steps]


def holds(side: Side, set_no: int, reps: int) -> list[tuple[str, int, str | None, int, int]]:
    """``reps`` holds of 10 s on ``side`` with a 3 s rest between them."""
    out: list[tuple[str, int, str | None, int | None, int | None]] = []
    for rep in range(1, reps + 1):
        out.append(("hold", 10, side, set_no, rep))
        if rep < reps:
            out.append(("rest", 3, side, None, None))
    return out  # type: ignore[return-value]


def check_plan_invariants(plan: Plan) -> None:
    assert [step.index for step in plan.steps] == list(range(len(plan.steps)))
    assert all(step.seconds > 0 for step in plan.steps)
    assert plan.total_s == sum(step.seconds for step in plan.steps)
    assert plan.work_s == sum(step.seconds for step in plan.steps if step.is_work)
    assert plan.reps == sum(1 for step in plan.steps if step.kind in ("hold", "stretch"))
    assert plan.to_json()["duration_s"] == plan.total_s


# -- holds ---------------------------------------------------------------------------------------


BRIDGE_ROUTINE = routine('use = "bridge"', top="prepare_s = 15\nswitch_s = 5")


def test_hold_on_both_sides_painful_side_first_in_every_set(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, BRIDGE_ROUTINE, "right")
    check_plan_invariants(plan)
    assert shape(plan) == [
        ("prepare", 15, "right", None, None),
        *holds("right", 1, 5),
        ("switch", 5, "left", None, None),
        *holds("left", 1, 5),
        # The side changes back during the set rest: no separate switch step after it.
        ("rest", 20, "right", None, None),
        *holds("right", 2, 3),
        ("switch", 5, "left", None, None),
        *holds("left", 2, 3),
        ("rest", 20, "right", None, None),
        *holds("right", 3, 1),
        ("switch", 5, "left", None, None),
        *holds("left", 3, 1),
    ]
    assert plan.reps == 18
    assert plan.work_s == 180
    assert plan.total_s == 15 + 180 + 12 * 3 + 2 * 20 + 3 * 5
    assert plan.side == "right"
    assert plan.routine_id == "r"
    assert all(step.exercise == "bridge" for step in plan.steps)
    assert all(step.exercise_name == "Side bridge" for step in plan.steps)
    assert [step.painful_side for step in plan.steps] == [
        step.side == "right" for step in plan.steps
    ]


def test_hold_counters_and_labels(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, BRIDGE_ROUTINE, "right")
    work = [step for step in plan.steps if step.kind == "hold"]
    assert [(step.set, step.sets, step.rep, step.reps) for step in work[:6]] == [
        (1, 3, 1, 5),
        (1, 3, 2, 5),
        (1, 3, 3, 5),
        (1, 3, 4, 5),
        (1, 3, 5, 5),
        (1, 3, 1, 5),
    ]
    assert work[1].counters() == "Rep 2 of 5 · Set 1 of 3 · Right side"
    assert work[-1].counters() == "Rep 1 of 1 · Set 3 of 3 · Left side"
    assert plan.steps[0].counters() == "Right side"
    assert [plan.steps[0].label, work[0].label] == ["Get ready", "Hold"]
    assert plan.steps[2].label == "Rest"
    switch = next(step for step in plan.steps if step.kind == "switch")
    assert switch.label == "Switch sides"
    assert switch.spoken == "Switch sides. Left side."
    assert "left" in switch.cue


def test_hold_rests_say_what_comes(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, BRIDGE_ROUTINE, "right")
    rep_rest, set_rest = plan.steps[2], plan.steps[20]
    assert (rep_rest.kind, rep_rest.seconds, rep_rest.cue) == ("rest", 3, "Relax.")
    assert (set_rest.kind, set_rest.seconds) == ("rest", 20)
    assert set_rest.cue.startswith("Rest. Breathe easily before the next set.")
    assert "right side" in set_rest.cue
    assert rep_rest.is_work is False
    assert plan.steps[1].is_work is True


def test_hold_milestones_and_moment_cues(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, BRIDGE_ROUTINE, "right")
    work = [step for step in plan.steps if step.kind == "hold"]
    marked = [(step.index, step.milestone) for step in plan.steps if step.milestone]
    # 18 reps: the start at the first, halfway when 9 are done, and the very last rep.
    assert marked == [
        (work[0].index, "start"),
        (work[9].index, "halfway"),
        (work[17].index, "last-rep"),
    ]
    assert (work[9].side, work[9].set, work[9].rep) == ("left", 1, 5)
    assert (work[17].side, work[17].set, work[17].rep) == ("left", 3, 1)

    # Moment text goes before the form cue; its spoken form is kept beside the cue's.
    assert work[0].cue == "First, right. Lift on the right elbow."
    assert (work[0].moment_spoken, work[0].spoken) == ("Start right", "Lift right")
    assert work[9].cue == "Halfway. Keep the right arm across."
    assert work[9].moment_spoken == "Halfway"
    assert work[17].cue == "Last one. Keep the right arm across."
    assert (work[17].moment_spoken, work[17].spoken) == ("Last one", "Breathe")
    assert work[1].moment_spoken is None
    # Unmarked reps take the form cues in turn, with the side filled in.
    assert [step.cue for step in work[1:3]] == [
        "Keep the left arm across.",
        "Lift on the right elbow.",
    ]
    assert work[1].spoken == "Breathe"
    assert work[2].spoken == "Lift right"
    assert work[5].cue == "Keep the right arm across."  # left side: the other side is right


@pytest.mark.parametrize(
    ("side", "order", "first"),
    [
        ("right", "painful-first", "right"),
        ("left", "painful-first", "left"),
        (None, "painful-first", "left"),
        ("right", "other-first", "left"),
        ("left", "other-first", "right"),
        (None, "other-first", "right"),
        ("right", "left-first", "left"),
        ("left", "right-first", "right"),
    ],
)
def test_side_order(tmp_path: Path, side: Side | None, order: str, first: str) -> None:
    text = routine(f'use = "bridge"\nsets = [2, 1]\nside_order = "{order}"')
    plan = plan_of(tmp_path, text, side)
    second = "left" if first == "right" else "right"
    assert [step.side for step in plan.steps if step.kind == "hold"] == [
        first,
        first,
        second,
        second,
        first,
        second,
    ]
    assert plan.steps[0].kind == "prepare"
    assert plan.steps[0].side == first
    assert plan.steps[0].cue == f"Lie on your {first} side."
    assert plan.steps[0].spoken == f"Side bridge. On your {first} side"
    assert all(step.painful_side is (step.side == side) for step in plan.steps)


def test_alternate_sides_interleaves_rep_by_rep(tmp_path: Path) -> None:
    text = routine('use = "bridge"\nsets = [2, 1]\nalternate_sides = true', top="prepare_s = 6")
    plan = plan_of(tmp_path, text, "right")
    check_plan_invariants(plan)
    assert shape(plan) == [
        ("prepare", 6, "right", None, None),
        ("hold", 10, "right", 1, 1),
        ("switch", 5, "left", None, None),
        ("hold", 10, "left", 1, 1),
        ("switch", 5, "right", None, None),
        ("hold", 10, "right", 1, 2),
        ("switch", 5, "left", None, None),
        ("hold", 10, "left", 1, 2),
        ("rest", 20, "right", None, None),
        ("hold", 10, "right", 2, 1),
        ("switch", 5, "left", None, None),
        ("hold", 10, "left", 2, 1),
    ]


def test_no_zero_second_steps(tmp_path: Path) -> None:
    text = routine(
        'use = "bridge"\nsets = [2, 1]\nrest_between_reps_s = 0\nrest_between_sets_s = 0',
        'use = "qls"\nrest_between_reps_s = 0',
        top="prepare_s = 0\nswitch_s = 0\nrest_between_exercises_s = 0",
    )
    plan = plan_of(tmp_path, text, "left")
    check_plan_invariants(plan)
    assert [step.kind for step in plan.steps] == ["hold"] * 6 + ["stretch"] * 4
    assert [step.side for step in plan.steps] == ["left"] * 2 + ["right"] * 2 + [
        "left",
        "right",
    ] + ["left"] * 2 + ["right"] * 2


def test_single_set_without_sides(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, routine('use = "curl"', top="prepare_s = 4"), None)
    check_plan_invariants(plan)
    assert shape(plan) == [
        ("prepare", 4, None, None, None),
        ("hold", 8, None, 1, 1),
        ("rest", 2, None, None, None),
        ("hold", 8, None, 1, 2),
    ]
    # One set: the counter does not mention sets.
    assert plan.steps[1].counters() == "Rep 1 of 2"
    assert [step.milestone for step in plan.steps] == [None, "start", None, "last-rep"]
    assert all(step.painful_side is False for step in plan.steps)


# -- side texts ------------------------------------------------------------------------------------


def test_without_a_side_one_sided_exercises_use_their_central_texts(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, routine('use = "curl"', 'use = "spasm"'), None)
    prepare, hold = plan.steps[0], plan.steps[1]
    assert prepare.cue == "Lie on your back."
    assert prepare.spoken == "Curl up. On your back"
    assert hold.cue == "Brace gently."
    spasm = [step for step in plan.steps if step.exercise == "spasm"]
    assert spasm[0].cue == "Hands on both flanks."
    assert spasm[0].spoken == "Spasm breathing. Hands on both flanks"
    assert all(step.side is None for step in spasm)
    assert spasm[1].cue == "Breathe into both flanks."
    for step in plan.steps:
        for text in (step.cue, step.spoken):
            assert "{" not in text and "sore" not in text and "left" not in text, text


def test_one_sided_exercise_follows_the_chosen_side(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, routine('use = "spasm"'), "right")
    assert plan.steps[0].cue == "Hand on your right side, not the left."
    assert plan.steps[0].spoken == "Spasm breathing. Hand on your right side"
    assert {step.side for step in plan.steps} == {"right"}
    assert all(step.painful_side for step in plan.steps)
    assert plan.steps[1].cue == "Breathe into your right side."
    assert not any(step.kind == "switch" for step in plan.steps)


def test_side_texts_with_a_known_side(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, routine('use = "qls"'), None)
    stretches = [step for step in plan.steps if step.kind == "stretch"]
    assert [step.cue for step in stretches] == [
        "Lean away from your left side.",
        "Breathe into the left ribs.",
        "Lean away from your right side.",
        "Breathe into the right ribs.",
    ]


# -- stretches -------------------------------------------------------------------------------------


def test_stretch_on_both_sides(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, routine('use = "qls"', top="prepare_s = 10\nswitch_s = 4"), "right")
    check_plan_invariants(plan)
    assert shape(plan) == [
        ("prepare", 10, "right", None, None),
        ("stretch", 20, "right", None, 1),
        ("rest", 5, "right", None, None),
        ("stretch", 20, "right", None, 2),
        ("switch", 4, "left", None, None),
        ("stretch", 20, "left", None, 1),
        ("rest", 5, "left", None, None),
        ("stretch", 20, "left", None, 2),
    ]
    stretches = [step for step in plan.steps if step.kind == "stretch"]
    assert [step.reps for step in stretches] == [2, 2, 2, 2]
    assert [step.milestone for step in stretches] == ["start", None, "halfway", "last-rep"]
    assert stretches[1].counters() == "Rep 2 of 2 · Right side"
    assert stretches[0].label == "Stretch"
    assert plan.steps[2].cue == "Ease off gently."
    assert plan.reps == 4
    assert plan.work_s == 80


def test_stretch_alternating_sides(tmp_path: Path) -> None:
    text = routine('use = "qls"\nalternate_sides = true', top="prepare_s = 0\nswitch_s = 4")
    plan = plan_of(tmp_path, text, "left")
    assert shape(plan) == [
        ("stretch", 20, "left", None, 1),
        ("switch", 4, "right", None, None),
        ("stretch", 20, "right", None, 1),
        ("switch", 4, "left", None, None),
        ("stretch", 20, "left", None, 2),
        ("switch", 4, "right", None, None),
        ("stretch", 20, "right", None, 2),
    ]


# -- breathing -------------------------------------------------------------------------------------


def test_breathing_phases(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, routine('use = "belly"', top="prepare_s = 5"), None)
    check_plan_invariants(plan)
    breath = [("inhale", 4), ("breath-hold", 2), ("exhale", 6)]
    assert [(step.kind, step.seconds) for step in plan.steps] == [("prepare", 5), *breath * 3]
    assert [step.rep for step in plan.steps[1:]] == [1, 1, 1, 2, 2, 2, 3, 3, 3]
    assert {step.reps for step in plan.steps[1:]} == {3}
    assert plan.steps[1].counters() == "Breath 1 of 3"
    assert [plan.steps[1].label, plan.steps[2].label, plan.steps[3].label] == [
        "Breathe in",
        "Hold the breath",
        "Breathe out",
    ]
    assert [plan.steps[1].spoken, plan.steps[2].spoken, plan.steps[3].spoken] == [
        "In",
        "Hold",
        "Out",
    ]
    # Breaths are work but not reps.
    assert plan.reps == 0
    assert plan.work_s == 36
    # Moments fall on in-breaths; three breaths have no halfway.
    assert [(step.index, step.milestone) for step in plan.steps if step.milestone] == [
        (1, "start"),
        (7, "last-rep"),
    ]
    assert plan.steps[7].cue == "Last breath. Into the belly."
    assert (plan.steps[7].moment_spoken, plan.steps[7].spoken) == ("Last breath", "In")
    # Cues change per breath, not per phase.
    assert [step.cue for step in plan.steps[4:7]] == ["Soften your belly."] * 3


def test_breathing_without_hold_in_but_with_hold_out(tmp_path: Path) -> None:
    entry = 'use = "belly"\nhold_in_s = 0\nhold_out_s = 3\nbreaths = 2'
    plan = plan_of(tmp_path, routine(entry, top="prepare_s = 0"), None)
    assert [(step.kind, step.seconds) for step in plan.steps] == [
        ("inhale", 4),
        ("exhale", 6),
        ("breath-hold", 3),
    ] * 2


@pytest.mark.parametrize(
    ("duration", "breaths"), [(10, 1), (12, 1), (13, 2), (24, 2), (25, 3), (36, 3), (37, 4)]
)
def test_breathing_duration_rounds_up_to_whole_breaths(
    tmp_path: Path, duration: int, breaths: int
) -> None:
    plan = plan_of(
        tmp_path, routine(f'use = "belly"\nduration_s = {duration}', top="prepare_s = 0")
    )
    inhales = [step for step in plan.steps if step.kind == "inhale"]
    assert len(inhales) == breaths
    assert plan.total_s == 12 * breaths
    assert plan.total_s >= duration
    assert plan.total_s - duration < 12
    assert {step.reps for step in plan.steps} == {breaths}


def test_breathing_with_four_breaths_has_a_halfway(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, routine('use = "belly"\nbreaths = 4', top="prepare_s = 0"))
    marked = [(step.rep, step.kind, step.milestone) for step in plan.steps if step.milestone]
    assert marked == [(1, "inhale", "start"), (3, "inhale", "halfway"), (4, "inhale", "last-rep")]


def test_breathing_with_sides_both_does_each_side(tmp_path: Path) -> None:
    # sides = "both" means "each side in turn" (model.Sides); breathing should honour it too.
    entry = 'use = "spasm"\nsides = "both"'
    plan = plan_of(tmp_path, routine(entry, top="prepare_s = 0\nswitch_s = 5"), "right")
    sides = [step.side for step in plan.steps if step.kind == "inhale"]
    assert sides == ["right", "right", "left", "left"]
    assert any(step.kind == "switch" for step in plan.steps)


# -- whole routines ------------------------------------------------------------------------------


def test_several_exercises_with_rests_between_them(tmp_path: Path) -> None:
    text = routine(
        'use = "curl"\nnote = "Slowly today."',
        'use = "belly"\nbreaths = 1\nprepare_s = 3',
        'use = "qls"\nreps = 1',
        top="prepare_s = 7\nswitch_s = 2\nrest_between_exercises_s = 30",
    )
    plan = plan_of(tmp_path, text, None)
    check_plan_invariants(plan)
    assert [(step.exercise, step.kind, step.seconds) for step in plan.steps] == [
        ("curl", "prepare", 7),
        ("curl", "hold", 8),
        ("curl", "rest", 2),
        ("curl", "hold", 8),
        ("curl", "rest", 30),
        ("belly", "prepare", 3),
        ("belly", "inhale", 4),
        ("belly", "breath-hold", 2),
        ("belly", "exhale", 6),
        ("belly", "rest", 30),
        ("qls", "prepare", 7),
        ("qls", "stretch", 20),
        ("qls", "switch", 2),
        ("qls", "stretch", 20),
    ]
    assert plan.steps[0].cue == "Lie on your back. Slowly today."
    assert plan.steps[4].cue == "Rest before the next exercise."
    assert plan.steps[4].side is None
    # Milestones are per exercise.
    assert [(step.exercise, step.milestone) for step in plan.steps if step.milestone] == [
        ("curl", "start"),
        ("curl", "last-rep"),
        ("belly", "start"),
        ("qls", "start"),
        ("qls", "last-rep"),
    ]
    assert plan.total_s == 7 + 8 + 2 + 8 + 30 + 3 + 12 + 30 + 7 + 20 + 2 + 20
    assert plan.step_after(0) == plan.steps[1]
    assert plan.step_after(len(plan.steps) - 1) is None
    assert plan.title == "Test"
    assert plan.purpose == "core"
    assert len(plan.fingerprint) == 16


def test_plan_json(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, routine('use = "curl"', top="prepare_s = 4"), None)
    data = plan.to_json()
    assert data["routine"] == "r"
    assert data["duration_s"] == 22
    assert data["work_s"] == 16
    assert data["reps"] == 2
    steps = data["steps"]
    assert isinstance(steps, list)
    assert steps[1] == {
        "index": 1,
        "kind": "hold",
        "exercise": "curl",
        "side": None,
        "set": 1,
        "rep": 1,
        "seconds": 8,
        "label": "Hold",
        "cue": "Brace gently.",
        "milestone": "start",
    }
    assert steps[0]["safety"] == []
    assert steps[0]["easier"] is None


def test_step_properties() -> None:
    step = Step(0, "inhale", "x", "X", 4, "In", "In", rep=2, reps=5)
    assert step.is_work
    assert not step.counts_rep
    assert step.counters() == "Breath 2 of 5"
    assert not Step(0, "switch", "x", "X", 4, "c", "s").is_work
    assert Step(0, "stretch", "x", "X", 4, "c", "s").counts_rep


def test_moments_without_words_of_their_own_get_plain_ones() -> None:
    """Child's pose has no last-rep words in its file: the voice still says "Last rep"."""
    from coach.routine import load_default_library

    library = load_default_library()
    plan = build_plan(library.routines["childs-pose"])
    [last] = [step for step in plan.steps if step.milestone == "last-rep"]
    assert last.moment_spoken == f"Last rep. {last.spoken}"
    breathing = build_plan(library.routines["diaphragmatic-breathing"])
    [halfway] = [step for step in breathing.steps if step.milestone == "halfway"]
    assert halfway.moment_spoken == "Halfway"
