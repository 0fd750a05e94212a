"""Compile a routine into a plan: the exact, ordered list of timed steps of a session.

A plan is plain data. Everything a consumer shows or says about a step is decided here, once:
its kind, exercise, side, set and rep (with their totals, for "Rep 2 of 5 · Set 1 of 3"), its
seconds, its label and cue, and whether it is a moment (start, halfway, last rep) of its
exercise. The session only walks through it; the screen, the plain runner, the voice and the
journal read it.

Each step also knows which entry of the routine it belongs to (``position``; a rest between
exercises belongs to the one before it), the exercise's safety lines (on ``prepare`` steps) and
its easier variant, if any, with the text it shows and says once that variant is taken
(``Plan.with_easier``): the timeline never changes, only the words.

With no painful side given (central or both-sided pain) no text names a side as the painful
one: one-sided exercises use their ``[central]`` texts (both flanks), and notes meant for a
painful side are left out.

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
``walk``         walk on (work): a timed walk is two, out and back, the second one starting
                 at half time with the "turn back" cue (its ``halfway`` milestone)
===============  =========================================================================
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

from coach.routine.load import ResolvedRoutine, ResolvedUse
from coach.routine.model import (
    BreathingDose,
    HoldDose,
    Moments,
    SoundProfile,
    StretchDose,
    Text,
    Variant,
    WalkDose,
)

__all__ = [
    "LABELS",
    "WORK_KINDS",
    "Milestone",
    "Plan",
    "Side",
    "Step",
    "StepKind",
    "build_plan",
    "entry_seconds",
    "other_side",
    "painful_side",
]

StepKind = Literal[
    "prepare", "hold", "rest", "switch", "stretch", "inhale", "exhale", "breath-hold", "walk"
]
Side = Literal["left", "right"]
Milestone = Literal["start", "halfway", "last-rep"]

WORK_KINDS: frozenset[str] = frozenset(
    {"hold", "stretch", "inhale", "exhale", "breath-hold", "walk"}
)
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
    "walk": "Walk",
}
TURN_BACK_SPOKEN = "Half time. Turn back now."
"""Said at a timed walk's half time when its exercise file gives no halfway words."""


def painful_side(answer: str | None) -> Side | None:
    """The side a plan follows for an answer to "which side hurts?": left or right, else none
    (``both``, the middle, or no answer: then no text names a side as the painful one)."""
    if answer == "left":
        return "left"
    if answer == "right":
        return "right"
    return None


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
    """The words for this step's milestone ("Last hold"), or for the set break in a rest
    ("Switch the bent leg"), if any."""
    painful_side: bool = False
    position: int = 0
    """Which entry of the routine the step comes from (0-based); a rest between exercises
    belongs to the exercise before it. The same exercise may be two entries."""
    safety: tuple[str, ...] = ()
    """The exercise's safety lines (on ``prepare`` steps)."""
    safety_spoken: str | None = None
    """The safety advice in a few words, said at "Get ready" (on ``prepare`` steps)."""
    easier: str | None = None
    """The easier variant's text, on every step of an exercise that has one."""
    easier_name: str | None = None
    """The easier variant's name."""
    easier_taken: bool = False
    """True once the easier variant is in use: ``cue`` and ``spoken`` are its words."""
    easier_cue: str | None = None
    """What ``cue`` becomes when the easier variant is taken."""
    easier_spoken: str | None = None
    """What ``spoken`` becomes when the easier variant is taken."""

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
        """The step as plain data (``coach routines show --json``); a ``prepare`` step also
        carries the exercise's ``safety`` lines and its ``easier`` variant's text (or null)."""
        data: dict[str, object] = {
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
        if self.kind == "prepare":
            data["safety"] = list(self.safety)
            data["easier"] = self.easier
        return data


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

    def next_exercise_index(self, index: int) -> int:
        """The index of the first step of the exercise after the one step ``index`` belongs to
        (``len(steps)`` when it is the last). Exercises are told apart by their position in the
        routine, so the same exercise twice in a row is two exercises."""
        position = self.steps[index].position
        for step in self.steps[index + 1 :]:
            if step.position != position:
                return step.index
        return len(self.steps)

    def with_easier(self, exercise_id: str) -> Plan:
        """This plan with the easier variant of ``exercise_id`` taken on every one of its steps.

        The timeline is the same (steps, kinds, seconds, indexes, counters and fingerprint);
        only what those steps show and say changes. Steps of other exercises are unchanged, as
        is an exercise without an easier variant.
        """
        steps = tuple(
            replace(
                step,
                cue=step.easier_cue if step.easier_cue is not None else step.cue,
                spoken=step.easier_spoken if step.easier_spoken is not None else step.spoken,
                easier_taken=True,
            )
            if step.exercise == exercise_id and step.easier is not None and not step.easier_taken
            else step
            for step in self.steps
        )
        return replace(self, steps=steps)

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

RestOf = Literal["rep", "set", "exercise"]
SPOKEN_MAX = 60
"""The longest words the voice is given for one cue of a step (as in the routine format)."""


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
    rest_of: RestOf | None = None
    moment_text: str | None = None
    easier_cue: str | None = None
    easier_spoken: str | None = None


@dataclass(frozen=True)
class _Texts:
    """The texts of one exercise for the side it starts on: its own, or its central ones."""

    setup: Text
    cues: list[Text]
    moments: Moments


def _fill(text: str, side: Side | None) -> str:
    """Put the side into a text: ``{side}`` and ``{other_side}``.

    Texts used without a side have no placeholders (the routine format checks it); should one
    slip through, it is filled with words that name no side.
    """
    if side is None:
        return text.replace("{side}", "one").replace("{other_side}", "other")
    return text.replace("{side}", side).replace("{other_side}", other_side(side))


def _short(words: str) -> str:
    """``words`` cut at a word to at most ``SPOKEN_MAX`` characters, for the voice."""
    if len(words) <= SPOKEN_MAX:
        return words
    return words[: SPOKEN_MAX + 1].rsplit(" ", 1)[0].rstrip(" ,;:.")


def _texts(use: ResolvedUse, side: Side | None) -> _Texts:
    exercise = use.exercise
    if side is None and exercise.central is not None:
        central = exercise.central
        return _Texts(central.setup, central.cues, central.moments or exercise.moments)
    return _Texts(exercise.setup, exercise.cues, exercise.moments)


def _default_moment(milestone: Milestone, breathing: bool, spoken: str) -> str:
    """The spoken words for halfway or last rep when the exercise file gives none."""
    if milestone == "halfway":
        return "Halfway" if breathing else f"Halfway. {spoken}"
    return "Last breath" if breathing else f"Last rep. {spoken}"


def _sides_for(use: ResolvedUse, painful: Side | None) -> list[Side | None]:
    if use.sides == "none" or isinstance(use.dose, WalkDose):
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


def _set_break_rest(drafts: list[_Draft]) -> _Draft | None:
    """The rest at the set break nearest halfway (with one set, the rep rest nearest halfway)."""
    work_before: list[tuple[int, _Draft]] = []
    done = 0
    for draft in drafts:
        if draft.kind in WORK_KINDS and draft.kind != "breath-hold" and draft.kind != "exhale":
            done += 1
        elif draft.kind == "rest" and draft.rest_of in ("set", "rep"):
            work_before.append((done, draft))
    for rest_of in ("set", "rep"):
        rests = [(count, draft) for count, draft in work_before if draft.rest_of == rest_of]
        if rests:
            # Ties go to the earlier break; min() keeps the first of equals.
            return min(rests, key=lambda item: abs(2 * item[0] - done))[1]
    return None


class _Compiler:
    def __init__(self, resolved: ResolvedRoutine, painful: Side | None) -> None:
        self.routine = resolved.routine
        self.painful = painful
        self.uses = resolved.uses

    def work_text(self, texts: _Texts, counter: int, side: Side | None) -> tuple[str, str]:
        cue = texts.cues[counter % len(texts.cues)]
        return _fill(cue.text, side), _fill(cue.spoken, side)

    def switch(self, use: ResolvedUse, side: Side | None) -> Iterator[_Draft]:
        if use.switch_s > 0 and side is not None:
            yield _Draft(
                "switch",
                use.switch_s,
                f"Switch sides: {side} side next.",
                f"Switch sides. {side.capitalize()} side.",
                side=side,
            )

    def rest(
        self, seconds: int, cue: str, side: Side | None = None, rest_of: RestOf = "rep"
    ) -> Iterator[_Draft]:
        if seconds > 0:
            yield _Draft("rest", seconds, cue, "Rest", side=side, rest_of=rest_of)

    def holds(
        self, use: ResolvedUse, dose: HoldDose, sides: list[Side | None], texts: _Texts
    ) -> Iterator[_Draft]:
        counter = 0
        total_sets = len(dose.sets)
        current: Side | None = sides[0]
        for set_no, reps in enumerate(dose.sets, start=1):
            if use.alternate_sides and len(sides) == 2:
                order = [(rep, side) for rep in range(1, reps + 1) for side in sides]
            else:
                order = [(rep, side) for side in sides for rep in range(1, reps + 1)]
            for position, (rep, side) in enumerate(order):
                if side != current:
                    yield from self.switch(use, side)
                    current = side
                cue, spoken = self.work_text(texts, counter, side)
                counter += 1
                yield _Draft("hold", dose.hold_s, cue, spoken, side, set_no, total_sets, rep, reps)
                following = order[position + 1] if position + 1 < len(order) else None
                if following is not None and following[1] == side:
                    yield from self.rest(dose.rest_between_reps_s, "Relax.", side)
            if set_no < total_sets:
                cue = "Rest. Breathe easily before the next set."
                if sides[0] != current and dose.rest_between_sets_s > 0:
                    # Change sides during the set rest rather than in a switch step after it.
                    current = sides[0]
                    cue = f"{cue} Get ready on your {current} side."
                yield from self.rest(dose.rest_between_sets_s, cue, current, "set")

    def stretches(
        self, use: ResolvedUse, dose: StretchDose, sides: list[Side | None], texts: _Texts
    ) -> Iterator[_Draft]:
        current: Side | None = sides[0]
        order: list[tuple[int, Side | None]]
        if use.alternate_sides and len(sides) == 2:
            order = [(rep, side) for rep in range(1, dose.reps + 1) for side in sides]
        else:
            order = [(rep, side) for side in sides for rep in range(1, dose.reps + 1)]
        for position, (rep, side) in enumerate(order):
            if side != current:
                yield from self.switch(use, side)
                current = side
            cue, spoken = self.work_text(texts, position, side)
            yield _Draft("stretch", dose.hold_s, cue, spoken, side, None, None, rep, dose.reps)
            following = order[position + 1] if position + 1 < len(order) else None
            if following is not None and following[1] == side:
                yield from self.rest(dose.rest_between_reps_s, "Ease off gently.", side)

    def breaths(
        self, use: ResolvedUse, dose: BreathingDose, sides: list[Side | None], texts: _Texts
    ) -> Iterator[_Draft]:
        count = dose.breath_count
        phases: list[tuple[StepKind, int, str]] = [
            ("inhale", dose.inhale_s, "In"),
            ("breath-hold", dose.hold_in_s, "Hold"),
            ("exhale", dose.exhale_s, "Out"),
            ("breath-hold", dose.hold_out_s, "Hold"),
        ]
        for position, side in enumerate(sides):
            if position:
                yield from self.switch(use, side)
            for breath in range(1, count + 1):
                cue = _fill(texts.cues[(breath - 1) % len(texts.cues)].text, side)
                for kind, seconds, spoken in phases:
                    if seconds > 0:
                        yield _Draft(kind, seconds, cue, spoken, side, None, None, breath, count)

    def walk(self, dose: WalkDose, texts: _Texts) -> Iterator[_Draft]:
        """Out for half the time, then back: the second step starts with the turn-back cue."""
        total = dose.minutes * 60
        out = total // 2
        for number, seconds in enumerate((out, total - out)):
            cue, spoken = self.work_text(texts, number, None)
            yield _Draft("walk", seconds, cue, spoken)

    def setup_text(self, use: ResolvedUse, setup: str) -> str:
        """``setup`` with the entry's notes (the side note only when a side was given)."""
        parts = [setup, use.note]
        if self.painful is not None:
            parts.append(use.note_with_side)
        return " ".join(part for part in parts if part)

    def exercise(self, position: int, use: ResolvedUse) -> Iterator[_Draft]:
        sides = _sides_for(use, self.painful)
        texts = _texts(use, sides[0])
        if use.prepare_s > 0:
            spoken = f"{use.exercise.spoken_name}. {_fill(texts.setup.spoken, sides[0])}"
            setup = self.setup_text(use, _fill(texts.setup.text, sides[0]))
            yield _Draft("prepare", use.prepare_s, setup, spoken, side=sides[0])
        dose = use.dose
        if isinstance(dose, HoldDose):
            yield from self.holds(use, dose, sides, texts)
        elif isinstance(dose, StretchDose):
            yield from self.stretches(use, dose, sides, texts)
        elif isinstance(dose, WalkDose):
            yield from self.walk(dose, texts)
        else:
            yield from self.breaths(use, dose, sides, texts)
        if position < len(self.uses) - 1:
            yield from self.rest(
                self.routine.rest_between_exercises_s,
                "Rest before the next exercise.",
                rest_of="exercise",
            )

    def mark_moments(self, use: ResolvedUse, drafts: list[_Draft], moments: Moments) -> None:
        """Tag the first, middle and last work steps of one exercise and apply moment cues;
        put the set-break words in the rest at the set break nearest halfway."""
        if isinstance(use.dose, WalkDose):
            self.mark_walk(drafts, moments)
            return
        if isinstance(use.dose, BreathingDose):
            work = [d for d in drafts if d.kind == "inhale"]
        else:
            work = [d for d in drafts if d.kind in ("hold", "stretch")]
        if not work:
            return
        marks: list[tuple[_Draft, Milestone, Text | None]] = [(work[0], "start", moments.start)]
        if len(work) >= 4:
            marks.append((work[len(work) // 2], "halfway", moments.halfway))
        if len(work) >= 2:
            marks.append((work[-1], "last-rep", moments.last_rep))
        breathing = isinstance(use.dose, BreathingDose)
        for draft, milestone, text in marks:
            draft.milestone = milestone
            if text is not None:
                draft.moment_text = _fill(text.text, draft.side)
                draft.cue = f"{draft.moment_text} {draft.cue}"
                draft.moment_spoken = _fill(text.spoken, draft.side)
            elif milestone != "start":
                # Said even when the exercise has no words of its own for the moment.
                draft.moment_spoken = _default_moment(milestone, breathing, draft.spoken)
        rest = _set_break_rest(drafts) if moments.set_break is not None else None
        if rest is not None and moments.set_break is not None:
            rest.cue = f"{_fill(moments.set_break.text, rest.side)} {rest.cue}"
            rest.moment_spoken = _fill(moments.set_break.spoken, rest.side)

    def mark_walk(self, drafts: list[_Draft], moments: Moments) -> None:
        """A walk's first step is its start; its second, at half time, says to turn back."""
        walks = [d for d in drafts if d.kind == "walk"]
        if len(walks) != 2:
            return
        start, back = walks
        start.milestone = "start"
        if moments.start is not None:
            start.cue = f"{moments.start.text} {start.cue}"
            start.moment_spoken = moments.start.spoken
        back.milestone = "halfway"
        if moments.halfway is not None:
            back.cue = f"{moments.halfway.text} {back.cue}"
            back.moment_spoken = moments.halfway.spoken
        else:
            back.cue = f"Half time: turn back now. {back.cue}"
            back.moment_spoken = TURN_BACK_SPOKEN

    def easier_texts(self, use: ResolvedUse, drafts: list[_Draft], variant: Variant) -> None:
        """What each step shows and says once the easier variant is taken."""
        for draft in drafts:
            if draft.kind == "prepare":
                own = _fill(_texts(use, draft.side).setup.text, draft.side)
                setup = self.setup_text(use, variant.setup or own)
                draft.easier_cue = f"Easier: {variant.name}. {setup} {variant.text}"
                draft.easier_spoken = f"{use.exercise.spoken_name}. {_short(variant.name)}"
            elif draft.kind in ("hold", "stretch"):
                moment = f"{draft.moment_text} " if draft.moment_text else ""
                draft.easier_cue = f"{moment}{variant.text}"
                draft.easier_spoken = _short(variant.name)
            elif draft.kind in WORK_KINDS:
                draft.easier_cue = variant.text  # breaths keep their words: in, out, hold

    def compile(self) -> Iterator[tuple[int, ResolvedUse, _Draft]]:
        for position, use in enumerate(self.uses):
            chunk = list(self.exercise(position, use))
            self.mark_moments(use, chunk, _texts(use, _sides_for(use, self.painful)[0]).moments)
            if use.exercise.easier is not None:
                self.easier_texts(use, chunk, use.exercise.easier)
            for draft in chunk:
                yield position, use, draft


def _step(index: int, position: int, use: ResolvedUse, draft: _Draft, side: Side | None) -> Step:
    exercise = use.exercise
    prepare = draft.kind == "prepare"
    return Step(
        index=index,
        kind=draft.kind,
        exercise=exercise.id,
        exercise_name=exercise.name,
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
        position=position,
        safety=tuple(exercise.safety) if prepare else (),
        safety_spoken=exercise.safety_spoken if prepare else None,
        easier=exercise.easier.text if exercise.easier else None,
        easier_name=exercise.easier.name if exercise.easier else None,
        easier_cue=draft.easier_cue,
        easier_spoken=draft.easier_spoken,
    )


def build_plan(
    resolved: ResolvedRoutine, side: Side | None = None, *, easier: bool = False
) -> Plan:
    """Compile ``resolved`` into a plan; ``side`` is the painful side, if the user gave one.

    ``easier`` takes the easier variant of every exercise that has one (as ``Plan.with_easier``
    would): the amber traffic light's "easier variants".
    """
    steps = tuple(
        _step(index, position, use, draft, side)
        for index, (position, use, draft) in enumerate(_Compiler(resolved, side).compile())
    )
    plan = Plan(
        routine_id=resolved.routine.id,
        title=resolved.routine.title,
        purpose=resolved.routine.purpose,
        side=side,
        steps=steps,
        fingerprint=resolved.fingerprint,
        sound_profile=resolved.routine.sound_profile,
    )
    if easier:
        for exercise_id in dict.fromkeys(step.exercise for step in steps if step.easier):
            plan = plan.with_easier(exercise_id)
    return plan


def entry_seconds(resolved: ResolvedRoutine) -> list[int]:
    """The seconds of each entry of ``resolved``'s plan (with the rest after it), timed as
    ``build_plan`` times them but without making its steps: the loader checks a routine's
    length with it (``coach.routine.length``). The length does not depend on the side."""
    compiler = _Compiler(resolved, None)
    return [
        sum(draft.seconds for draft in compiler.exercise(position, use))
        for position, use in enumerate(resolved.uses)
    ]
