"""Compile a routine into a plan: the exact, ordered list of timed steps of a session.

A plan is plain data. Everything a consumer shows or says about a step is decided here, once:
its kind, exercise, side, set and rep (with their totals, for "Rep 2 of 5 · Set 1 of 3"), its
seconds, its label and cue, and whether it is a moment (start, halfway, last rep) of its
exercise. The session only walks through it; the screen, the plain runner, the voice and the
journal read it.

Step kinds:

===============  =========================================================================
``prepare``      get into position for an exercise (shows the setup)
``hold``         one isometric rep (work)
``rest``         rest between reps, sets or exercises
``switch``       change sides
``stretch``      one static stretch (work)
``inhale``       breathe in (work)
``exhale``       breathe out (work)
``breath-hold``  hold the breath after an in- or out-breath (work)
===============  =========================================================================
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from coach.routine.load import ResolvedRoutine, ResolvedUse
from coach.routine.model import BreathingDose, HoldDose, SoundProfile, StretchDose, Text

__all__ = [
    "LABELS",
    "WORK_KINDS",
    "Milestone",
    "Plan",
    "Side",
    "Step",
    "StepKind",
    "build_plan",
    "other_side",
]

StepKind = Literal[
    "prepare", "hold", "rest", "switch", "stretch", "inhale", "exhale", "breath-hold"
]
Side = Literal["left", "right"]
Milestone = Literal["start", "halfway", "last-rep"]

WORK_KINDS: frozenset[str] = frozenset({"hold", "stretch", "inhale", "exhale", "breath-hold"})
"""Kinds that count as work done (dose); the others are pauses around the work."""

LABELS: dict[str, str] = {
    "prepare": "Get ready",
    "hold": "Hold",
    "rest": "Rest",
    "switch": "Switch sides",
    "stretch": "Stretch",
    "inhale": "Breathe in",
    "exhale": "Breathe out",
    "breath-hold": "Hold the breath",
}


def other_side(side: Side) -> Side:
    """The opposite side."""
    return "right" if side == "left" else "left"


@dataclass(frozen=True)
class Step:
    """One timed step of a plan."""

    index: int
    kind: StepKind
    exercise: str
    exercise_name: str
    seconds: int
    cue: str
    spoken: str
    side: Side | None = None
    set: int | None = None
    sets: int | None = None
    rep: int | None = None
    reps: int | None = None
    milestone: Milestone | None = None
    moment_spoken: str | None = None
    """The words for this step's milestone ("Last hold", "Switch the bent leg"), if any."""
    painful_side: bool = False

    @property
    def is_work(self) -> bool:
        """True for steps that count towards the dose (holds, stretches, breaths)."""
        return self.kind in WORK_KINDS

    @property
    def counts_rep(self) -> bool:
        """True for steps that are one rep (holds and stretches; breaths are not reps)."""
        return self.kind in ("hold", "stretch")

    @property
    def label(self) -> str:
        """The step's name on screen: Get ready, Hold, Rest, Switch sides, ..."""
        return LABELS[self.kind]

    def counters(self) -> str:
        """``Rep 2 of 5 · Set 1 of 3 · Left side`` (only the parts that apply)."""
        parts: list[str] = []
        if self.rep is not None and self.reps is not None:
            noun = "Breath" if self.kind in ("inhale", "exhale", "breath-hold") else "Rep"
            parts.append(f"{noun} {self.rep} of {self.reps}")
        if self.set is not None and self.sets is not None and self.sets > 1:
            parts.append(f"Set {self.set} of {self.sets}")
        if self.side is not None:
            parts.append(f"{self.side.capitalize()} side")
        return " · ".join(parts)

    def to_json(self) -> dict[str, object]:
        """The step as plain data (``coach routines show --json``)."""
        return {
            "index": self.index,
            "kind": self.kind,
            "exercise": self.exercise,
            "side": self.side,
            "set": self.set,
            "rep": self.rep,
            "seconds": self.seconds,
            "label": self.label,
            "cue": self.cue,
            "milestone": self.milestone,
        }


@dataclass(frozen=True)
class Plan:
    """The steps of one session of one routine, for one chosen side."""

    routine_id: str
    title: str
    purpose: str
    side: Side | None
    steps: tuple[Step, ...]
    fingerprint: str = ""
    sound_profile: SoundProfile = "full"
    total_s: int = field(init=False)
    work_s: int = field(init=False)
    reps: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "total_s", sum(step.seconds for step in self.steps))
        object.__setattr__(self, "work_s", sum(s.seconds for s in self.steps if s.is_work))
        object.__setattr__(self, "reps", sum(1 for s in self.steps if s.counts_rep))

    def step_after(self, index: int) -> Step | None:
        """The step after ``index``, or ``None`` at the end (what the screen shows as next)."""
        return self.steps[index + 1] if index + 1 < len(self.steps) else None

    def to_json(self) -> dict[str, object]:
        """The plan as plain data; ``duration_s`` is the sum of the steps' seconds."""
        return {
            "routine": self.routine_id,
            "title": self.title,
            "purpose": self.purpose,
            "side": self.side,
            "duration_s": self.total_s,
            "work_s": self.work_s,
            "reps": self.reps,
            "fingerprint": self.fingerprint,
            "sound_profile": self.sound_profile,
            "steps": [step.to_json() for step in self.steps],
        }


# -- compiling ---------------------------------------------------------------------------------


@dataclass
class _Draft:
    """A step before its index and milestone are known."""

    kind: StepKind
    seconds: int
    cue: str
    spoken: str
    side: Side | None = None
    set: int | None = None
    sets: int | None = None
    rep: int | None = None
    reps: int | None = None
    milestone: Milestone | None = None
    moment_spoken: str | None = None


def _fill(text: str, side: Side | None) -> str:
    """Put the side into a text: ``{side}`` and ``{other_side}``."""
    if side is None:
        return text.replace("{side}", "sore").replace("{other_side}", "other")
    return text.replace("{side}", side).replace("{other_side}", other_side(side))


def _default_moment(milestone: Milestone, breathing: bool, spoken: str) -> str:
    """The spoken words for halfway or last rep when the exercise file gives none."""
    if milestone == "halfway":
        return "Halfway" if breathing else f"Halfway. {spoken}"
    return "Last breath" if breathing else f"Last rep. {spoken}"


def _sides_for(use: ResolvedUse, painful: Side | None) -> list[Side | None]:
    if use.sides == "none":
        return [None]
    if use.sides == "one":
        return [painful]
    first: Side
    if use.side_order == "left-first":
        first = "left"
    elif use.side_order == "right-first":
        first = "right"
    elif use.side_order == "other-first":
        first = other_side(painful) if painful else "right"
    else:
        first = painful or "left"
    return [first, other_side(first)]


class _Compiler:
    def __init__(self, resolved: ResolvedRoutine, painful: Side | None) -> None:
        self.routine = resolved.routine
        self.painful = painful
        self.uses = resolved.uses

    def work_text(self, use: ResolvedUse, counter: int, side: Side | None) -> tuple[str, str]:
        cues = use.exercise.cues
        cue = cues[counter % len(cues)]
        return _fill(cue.text, side), _fill(cue.spoken, side)

    def switch(self, side: Side | None) -> Iterator[_Draft]:
        if self.routine.switch_s > 0 and side is not None:
            yield _Draft(
                "switch",
                self.routine.switch_s,
                f"Switch sides: {side} side next.",
                f"Switch sides. {side.capitalize()} side.",
                side=side,
            )

    def rest(self, seconds: int, cue: str, side: Side | None = None) -> Iterator[_Draft]:
        if seconds > 0:
            yield _Draft("rest", seconds, cue, "Rest", side=side)

    def holds(self, use: ResolvedUse, dose: HoldDose, sides: list[Side | None]) -> Iterator[_Draft]:
        counter = 0
        total_sets = len(dose.sets)
        current: Side | None = sides[0]
        for set_no, reps in enumerate(dose.sets, start=1):
            if use.alternate_sides and len(sides) == 2:
                for rep in range(1, reps + 1):
                    for side in sides:
                        if side != current:
                            yield from self.switch(side)
                            current = side
                        cue, spoken = self.work_text(use, counter, side)
                        counter += 1
                        yield _Draft(
                            "hold", dose.hold_s, cue, spoken, side, set_no, total_sets, rep, reps
                        )
            else:
                for side in sides:
                    if side != current:
                        yield from self.switch(side)
                        current = side
                    for rep in range(1, reps + 1):
                        cue, spoken = self.work_text(use, counter, side)
                        counter += 1
                        yield _Draft(
                            "hold", dose.hold_s, cue, spoken, side, set_no, total_sets, rep, reps
                        )
                        if rep < reps:
                            yield from self.rest(dose.rest_between_reps_s, "Relax.", side)
            if set_no < total_sets:
                cue = "Rest. Breathe easily before the next set."
                if sides[0] != current and dose.rest_between_sets_s > 0:
                    # Change sides during the set rest rather than in a switch step after it.
                    current = sides[0]
                    cue = f"{cue} Get ready on your {current} side."
                yield from self.rest(dose.rest_between_sets_s, cue, current)

    def stretches(
        self, use: ResolvedUse, dose: StretchDose, sides: list[Side | None]
    ) -> Iterator[_Draft]:
        current: Side | None = sides[0]
        order: list[tuple[int, Side | None]]
        if use.alternate_sides and len(sides) == 2:
            order = [(rep, side) for rep in range(1, dose.reps + 1) for side in sides]
        else:
            order = [(rep, side) for side in sides for rep in range(1, dose.reps + 1)]
        for position, (rep, side) in enumerate(order):
            if side != current:
                yield from self.switch(side)
                current = side
            cue, spoken = self.work_text(use, position, side)
            yield _Draft("stretch", dose.hold_s, cue, spoken, side, None, None, rep, dose.reps)
            following = order[position + 1] if position + 1 < len(order) else None
            if following is not None and following[1] == side:
                yield from self.rest(dose.rest_between_reps_s, "Ease off gently.", side)

    def breaths(
        self, use: ResolvedUse, dose: BreathingDose, sides: list[Side | None]
    ) -> Iterator[_Draft]:
        count = dose.breath_count
        cues = use.exercise.cues
        phases: list[tuple[StepKind, int, str]] = [
            ("inhale", dose.inhale_s, "In"),
            ("breath-hold", dose.hold_in_s, "Hold"),
            ("exhale", dose.exhale_s, "Out"),
            ("breath-hold", dose.hold_out_s, "Hold"),
        ]
        for position, side in enumerate(sides):
            if position:
                yield from self.switch(side)
            for breath in range(1, count + 1):
                cue = _fill(cues[(breath - 1) % len(cues)].text, side)
                for kind, seconds, spoken in phases:
                    if seconds > 0:
                        yield _Draft(kind, seconds, cue, spoken, side, None, None, breath, count)

    def exercise(self, position: int, use: ResolvedUse) -> Iterator[_Draft]:
        sides = _sides_for(use, self.painful)
        setup = _fill(use.exercise.setup.text, sides[0])
        if use.note:
            setup = f"{setup} {use.note}"
        if use.prepare_s > 0:
            spoken = f"{use.exercise.spoken_name}. {_fill(use.exercise.setup.spoken, sides[0])}"
            yield _Draft("prepare", use.prepare_s, setup, spoken, side=sides[0])
        dose = use.dose
        if isinstance(dose, HoldDose):
            yield from self.holds(use, dose, sides)
        elif isinstance(dose, StretchDose):
            yield from self.stretches(use, dose, sides)
        else:
            yield from self.breaths(use, dose, sides)
        if position < len(self.uses) - 1:
            yield from self.rest(
                self.routine.rest_between_exercises_s, "Rest before the next exercise."
            )

    def mark_moments(self, use: ResolvedUse, drafts: list[_Draft]) -> None:
        """Tag the first, middle and last work steps of one exercise and apply moment cues."""
        if isinstance(use.dose, BreathingDose):
            work = [d for d in drafts if d.kind == "inhale"]
        else:
            work = [d for d in drafts if d.kind in ("hold", "stretch")]
        if not work:
            return
        marks: list[tuple[_Draft, Milestone, Text | None]] = [
            (work[0], "start", use.exercise.moments.start)
        ]
        if len(work) >= 4:
            marks.append((work[len(work) // 2], "halfway", use.exercise.moments.halfway))
        if len(work) >= 2:
            marks.append((work[-1], "last-rep", use.exercise.moments.last_rep))
        breathing = isinstance(use.dose, BreathingDose)
        for draft, milestone, text in marks:
            draft.milestone = milestone
            if text is not None:
                draft.cue = f"{_fill(text.text, draft.side)} {draft.cue}"
                draft.moment_spoken = _fill(text.spoken, draft.side)
            elif milestone != "start":
                # Said even when the exercise has no words of its own for the moment.
                draft.moment_spoken = _default_moment(milestone, breathing, draft.spoken)

    def compile(self) -> Iterator[tuple[ResolvedUse, _Draft]]:
        for position, use in enumerate(self.uses):
            chunk = list(self.exercise(position, use))
            self.mark_moments(use, chunk)
            for draft in chunk:
                yield use, draft


def build_plan(resolved: ResolvedRoutine, side: Side | None = None) -> Plan:
    """Compile ``resolved`` into a plan; ``side`` is the painful side, if the user gave one."""
    steps = tuple(
        Step(
            index=index,
            kind=draft.kind,
            exercise=use.exercise.id,
            exercise_name=use.exercise.name,
            seconds=draft.seconds,
            cue=draft.cue,
            spoken=draft.spoken,
            side=draft.side,
            set=draft.set,
            sets=draft.sets,
            rep=draft.rep,
            reps=draft.reps,
            milestone=draft.milestone,
            moment_spoken=draft.moment_spoken,
            painful_side=side is not None and draft.side == side,
        )
        for index, (use, draft) in enumerate(_Compiler(resolved, side).compile())
    )
    return Plan(
        routine_id=resolved.routine.id,
        title=resolved.routine.title,
        purpose=resolved.routine.purpose,
        side=side,
        steps=steps,
        fingerprint=resolved.fingerprint,
        sound_profile=resolved.routine.sound_profile,
    )
