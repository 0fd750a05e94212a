"""The routine format: what a routine file and an exercise file may say, checked by pydantic.

Two kinds of file, so that exercise text is written once and reused:

* An **exercise file** (``routines/exercises/<id>.toml``) says *what* an exercise is and *how* to
  do it: its kind (``hold``, ``stretch``, ``breathing`` or ``walk``), whether it has sides, the
  setup, the form cues shown during work, cues tied to moments (start, halfway, the set break,
  last rep), safety notes (and a short spoken form of them), an easier and a harder variant,
  the texts used when no painful side is given (``[central]``), each text with a short spoken
  form for the voice, and a default dose.
* A **routine file** (``routines/<id>.toml``) says *which* exercises, in what order, and with what
  dose: each entry names an exercise with ``use = "<id>"`` and may override any part of its
  dose (daily-core reuses the Big 3 with fewer reps), its side order, its get-ready and
  side-switch times.

Side texts: ``{side}`` and ``{other_side}`` become ``left`` / ``right``. When no painful side is
given (central or both-sided pain), nothing may name a side as the painful one: an exercise done
without a side uses its ``[central]`` texts, which may not use ``{side}`` at all; an exercise
without ``[central]`` must then be written without ``{side}``. These rules are checked here (for
the exercise's own ``sides``) and by the loader (for a routine that overrides ``sides``).

Every model forbids unknown keys: a typo such as ``hold_secs`` is an error, never ignored.
Numbers have ranges that keep out the absurd (a ten-hour hold) as well as the impossible (a
zero-second hold).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from coach.routine.names import ID_PATTERN, SoundProfile

__all__ = [
    "ID_PATTERN",
    "BreathingDose",
    "BreathingExercise",
    "Central",
    "DoseOverride",
    "Exercise",
    "ExerciseKind",
    "ExerciseUse",
    "HoldDose",
    "HoldExercise",
    "Level",
    "Moments",
    "Purpose",
    "Routine",
    "SideOrder",
    "Sides",
    "SoundProfile",
    "StretchDose",
    "StretchExercise",
    "Text",
    "Variant",
    "WalkDose",
    "WalkExercise",
    "uses_side",
]


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=60)]
ShortLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Paragraph = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)]
Spoken = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]

HoldSeconds = Annotated[int, Field(ge=1, le=120)]
StretchSeconds = Annotated[int, Field(ge=1, le=180)]
RestSeconds = Annotated[int, Field(ge=0, le=600)]
PauseSeconds = Annotated[int, Field(ge=0, le=120)]
BreathSeconds = Annotated[int, Field(ge=1, le=20)]
BreathHoldSeconds = Annotated[int, Field(ge=0, le=20)]
RepsInSet = Annotated[int, Field(ge=1, le=50)]
WalkMinutes = Annotated[int, Field(ge=1, le=90)]

ExerciseKind = Literal["hold", "stretch", "breathing", "walk"]
Purpose = Literal["daily", "flare", "core", "stretch", "breathing", "walk"]
"""``walk``: a timed walk (DOMAIN.md section 6b); it goes to the walking log, not the core
sessions that progression and adherence count."""
Sides = Literal["none", "both", "one"]
"""``none``: no sides. ``both``: each side in turn. ``one``: only the painful side (or the side
the user chose), for one-sided relief such as breathing into a spasm."""
SideOrder = Literal["painful-first", "other-first", "left-first", "right-first"]
"""Which side goes first. ``painful-first`` works the side given with ``--side`` first (for a
stretch: bend away from the spasm, so its side is stretched first); with no side given it is
left first."""


class _Strict(BaseModel):
    """Base for every model of the format: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


SIDE_WORDS = ("{side}", "{other_side}")
"""The placeholders a text may use for the side being worked and the other one."""


def uses_side(*texts: str | None) -> bool:
    """True when any of ``texts`` uses ``{side}`` or ``{other_side}``."""
    return any(word in text for text in texts if text for word in SIDE_WORDS)


class Text(_Strict):
    """A piece of coaching text and the few words a voice would say for it.

    Texts may use ``{side}`` and ``{other_side}``; in a plan they become ``left`` / ``right``.
    Texts used when no side is given (``[central]``, or an exercise without sides) may not.
    """

    text: Paragraph = Field(description="What the screen shows.")
    spoken: Spoken = Field(description="A few words for the voice (at most 60 characters).")

    @property
    def uses_side(self) -> bool:
        """True when the text or its spoken form uses ``{side}`` or ``{other_side}``."""
        return uses_side(self.text, self.spoken)


class Moments(_Strict):
    """Cues tied to moments of an exercise, shown (and later spoken) when the moment comes."""

    start: Text | None = Field(default=None, description="At the first rep of the exercise.")
    halfway: Text | None = Field(default=None, description="When half the reps are done.")
    set_break: Text | None = Field(
        default=None,
        description="Shown and spoken in the rest at the set break nearest halfway (with one "
        "set: the rest between reps nearest halfway), never as a hold starts: for a change "
        "made while resting, such as switching the bent leg of the curl-up. Said as the "
        "halfway announcement. Not used when the exercise has no rest.",
    )
    last_rep: Text | None = Field(default=None, description="At the last rep.")

    @property
    def uses_side(self) -> bool:
        """True when any moment uses ``{side}`` or ``{other_side}``."""
        texts = (self.start, self.halfway, self.set_break, self.last_rep)
        return any(text.uses_side for text in texts if text is not None)


class Variant(_Strict):
    """An easier or harder way to do the same exercise (shown on any side: no ``{side}``)."""

    name: ShortLine = Field(description="Shown as 'Easier: <name>'; spoken (first 60 chars).")
    text: Paragraph = Field(description="How to do it; replaces the form cues when taken.")
    setup: Paragraph | None = Field(
        default=None,
        description="Getting into position for the variant, when it differs from the "
        "exercise's setup (e.g. knees bent instead of legs straight).",
    )

    @field_validator("name", "text", "setup")
    @classmethod
    def _no_side(cls, value: str | None) -> str | None:
        if uses_side(value):
            raise ValueError("a variant is shown on either side: write it without {side}")
        return value


class Central(_Strict):
    """The exercise's texts when no painful side is given (central or both-sided pain).

    They replace ``setup``, ``cues`` and (when given) ``moments``, may not use ``{side}`` and
    must not name a side as the painful one: e.g. breathe into *both* flanks.
    """

    setup: Text = Field(description="Getting into position, without a side.")
    cues: list[Text] = Field(min_length=1, max_length=12, description="Form cues, without a side.")
    moments: Moments | None = Field(
        default=None, description="Moment cues without a side (the exercise's own if unset)."
    )

    @field_validator("setup", "cues", "moments")
    @classmethod
    def _no_side(cls, value: Text | list[Text] | Moments | None) -> object:
        texts = value if isinstance(value, list) else [value]
        if any(text is not None and text.uses_side for text in texts):
            raise ValueError("central texts are for no side: write them without {side}")
        return value


class HoldDose(_Strict):
    """Isometric holds in sets, usually a descending pyramid such as 5-3-1."""

    sets: list[RepsInSet] = Field(
        min_length=1, max_length=10, description="Reps in each set, e.g. [5, 3, 1]."
    )
    hold_s: HoldSeconds = Field(description="Seconds of each hold (one rep).")
    rest_between_reps_s: RestSeconds = Field(default=3, description="Relax between reps.")
    rest_between_sets_s: RestSeconds = Field(default=20, description="Rest between sets.")


class StretchDose(_Strict):
    """A static stretch held for some seconds, a few times (per side when it has sides)."""

    reps: RepsInSet = Field(description="How many times to hold the stretch.")
    hold_s: StretchSeconds = Field(description="Seconds of each stretch.")
    rest_between_reps_s: RestSeconds = Field(default=5, description="Ease off between reps.")


class BreathingDose(_Strict):
    """Paced breathing: seconds in, held, out, held; for a number of breaths or a duration."""

    inhale_s: BreathSeconds
    hold_in_s: BreathHoldSeconds = 0
    exhale_s: BreathSeconds
    hold_out_s: BreathHoldSeconds = 0
    breaths: Annotated[int, Field(ge=1, le=300)] | None = Field(
        default=None, description="How many breaths; or give duration_s instead."
    )
    duration_s: Annotated[int, Field(ge=10, le=3600)] | None = Field(
        default=None, description="Breathe for about this long (rounded up to whole breaths)."
    )

    @model_validator(mode="after")
    def _breaths_or_duration(self) -> BreathingDose:
        if (self.breaths is None) == (self.duration_s is None):
            raise ValueError("give exactly one of breaths or duration_s")
        return self

    @property
    def cycle_s(self) -> int:
        """Seconds of one whole breath."""
        return self.inhale_s + self.hold_in_s + self.exhale_s + self.hold_out_s

    @property
    def breath_count(self) -> int:
        """How many breaths this dose means (a duration is rounded up to whole breaths)."""
        if self.breaths is not None:
            return self.breaths
        assert self.duration_s is not None
        return -(-self.duration_s // self.cycle_s)


class WalkDose(_Strict):
    """A walk of some minutes: out for half the time, then back (DOMAIN.md section 6b)."""

    minutes: WalkMinutes = Field(
        description="Minutes of the whole walk (1-90); the turn-back cue comes at half time."
    )


class _ExerciseBase(_Strict):
    id: Id = Field(description="Defaults to the file name without .toml.")
    name: ShortLine = Field(description="Shown as the exercise title.")
    spoken_name: Spoken = Field(description="The name as the voice says it.")
    sides: Sides = "none"
    setup: Text = Field(description="Getting into position; shown while getting ready.")
    cues: list[Text] = Field(
        min_length=1, max_length=12, description="Form cues shown in turn during work."
    )
    moments: Moments = Field(default_factory=Moments)
    safety: list[Paragraph] = Field(default_factory=list, max_length=12)
    safety_spoken: Spoken | None = Field(
        default=None,
        description="The safety advice in a few words, said after the setup at 'Get ready' "
        "(e.g. 'Stop if pain spreads down a leg'); at most 60 characters.",
    )
    easier: Variant | None = None
    harder: Variant | None = None
    central: Central | None = Field(
        default=None,
        description="Texts for when no painful side is given (central or both-sided pain). "
        "Required with sides = one; with sides = none, needed only if the texts use {side}.",
    )
    alternate_sides: bool = Field(
        default=False,
        description="With sides = both: alternate sides rep by rep (one side rests while the "
        "other works) instead of doing a whole set on one side, then the other.",
    )
    side_order: SideOrder = "painful-first"
    switch_s: PauseSeconds | None = Field(
        default=None,
        description="Seconds to change sides for this exercise (rolling over in a side bridge "
        "takes 8-10 s); the routine's switch_s if unset.",
    )

    @property
    def texts_use_side(self) -> bool:
        """True when the setup, cues or moments use ``{side}`` or ``{other_side}``."""
        texts = [self.setup, *self.cues]
        return any(text.uses_side for text in texts) or self.moments.uses_side

    def without_side_problem(self, sides: Sides) -> str | None:
        """Why this exercise cannot be done with ``sides`` when no side is given, or None."""
        if sides == "both":
            return None
        if sides == "one" and self.central is None:
            return (
                "an exercise for one side needs [central] texts for when no side is given "
                "(central or both-sided pain), without {side}"
            )
        if self.central is None and self.texts_use_side:
            return (
                f"with sides = {sides!r} there may be no side to fill in: give [central] "
                "texts, or write setup, cues and moments without {side}"
            )
        if self.central is not None and self.central.moments is None and self.moments.uses_side:
            return "[central] needs its own moments: the exercise's moments use {side}"
        return None

    @model_validator(mode="after")
    def _texts_for_no_side(self) -> _ExerciseBase:
        problem = self.without_side_problem(self.sides)
        if problem is not None:
            raise ValueError(problem)
        return self


class HoldExercise(_ExerciseBase):
    """An isometric exercise done as holds (curl-up, side bridge, bird dog)."""

    kind: Literal["hold"]
    dose: HoldDose


class StretchExercise(_ExerciseBase):
    """A static stretch (quadratus lumborum, psoas, forward bend, child's pose)."""

    kind: Literal["stretch"]
    dose: StretchDose


class BreathingExercise(_ExerciseBase):
    """Paced breathing, shown with a pacer (diaphragmatic, breathing into a spasm)."""

    kind: Literal["breathing"]
    dose: BreathingDose


class WalkExercise(_ExerciseBase):
    """A timed walk: the voice keeps time, says when to turn back, and says when it is done.

    A walk has no sides: ``sides`` stays ``none``.
    """

    kind: Literal["walk"]
    dose: WalkDose

    @model_validator(mode="after")
    def _no_sides(self) -> WalkExercise:
        if self.sides != "none":
            raise ValueError("a walk has no sides: leave sides out (or set it to 'none')")
        return self


Exercise = Annotated[
    HoldExercise | StretchExercise | BreathingExercise | WalkExercise,
    Field(discriminator="kind"),
]

EXERCISE_MODELS: dict[
    str, type[HoldExercise | StretchExercise | BreathingExercise | WalkExercise]
] = {
    "hold": HoldExercise,
    "stretch": StretchExercise,
    "breathing": BreathingExercise,
    "walk": WalkExercise,
}
DOSE_MODELS: dict[str, type[HoldDose | StretchDose | BreathingDose | WalkDose]] = {
    "hold": HoldDose,
    "stretch": StretchDose,
    "breathing": BreathingDose,
    "walk": WalkDose,
}


class DoseOverride(_Strict):
    """Dose keys a routine may set for one use of an exercise; which apply depends on its kind."""

    sets: list[RepsInSet] | None = Field(default=None, min_length=1, max_length=10)
    reps: RepsInSet | None = None
    hold_s: Annotated[int, Field(ge=1, le=180)] | None = None
    rest_between_reps_s: RestSeconds | None = None
    rest_between_sets_s: RestSeconds | None = None
    inhale_s: BreathSeconds | None = None
    hold_in_s: BreathHoldSeconds | None = None
    exhale_s: BreathSeconds | None = None
    hold_out_s: BreathHoldSeconds | None = None
    breaths: Annotated[int, Field(ge=1, le=300)] | None = None
    duration_s: Annotated[int, Field(ge=10, le=3600)] | None = None
    minutes: WalkMinutes | None = None


class ExerciseUse(DoseOverride):
    """One entry of a routine: an exercise by id, with optional overrides for this routine."""

    use: Id = Field(description="The id of an exercise (built-in or your own).")
    prepare_s: PauseSeconds | None = Field(
        default=None, description="Get-ready time before this exercise (routine default if unset)."
    )
    sides: Sides | None = Field(default=None, description="Override the exercise's sides.")
    alternate_sides: bool | None = None
    side_order: SideOrder | None = None
    switch_s: PauseSeconds | None = Field(
        default=None,
        description="Seconds to change sides in this exercise (the exercise's, else the "
        "routine's switch_s, if unset).",
    )
    note: Paragraph | None = Field(
        default=None, description="A line shown while getting ready, for this routine only."
    )
    note_with_side: Paragraph | None = Field(
        default=None,
        description="A line shown while getting ready only when a painful side was given "
        "(e.g. 'The side that hurts is stretched first'); never shown for central pain.",
    )


MIN_LEVELS = 2
MAX_LEVELS = 12


class Level(_Strict):
    """One rung of a routine's progression ladder (level 1 is the first ``[[levels]]`` entry).

    A level is applied to the routine as written: its ``sets`` replace the sets of every hold
    exercise, then its per-exercise overrides apply, then the ``harder`` variants. Levels do
    not build on each other, so each one reads whole in the file.
    """

    name: ShortLine = Field(description="Shown as the level's name, e.g. '6-3-1'.")
    sets: list[RepsInSet] | None = Field(
        default=None,
        min_length=1,
        max_length=10,
        description="Reps in each set for every hold exercise of the routine at this level.",
    )
    exercises: dict[Id, DoseOverride] = Field(
        default_factory=dict,
        description="Dose overrides for one exercise (by its use id) at this level, e.g. "
        "[levels.exercises.curl-up] sets = [4, 2, 1].",
    )
    harder: list[Id] = Field(
        default_factory=list,
        max_length=40,
        description="Exercises done as their harder variant at this level (its name, setup "
        "and text replace the exercise's).",
    )


class Routine(_Strict):
    """A routine file: which exercises, in what order, with what dose and pauses."""

    id: Id = Field(description="Defaults to the file name without .toml.")
    title: ShortLine
    purpose: Purpose
    summary: Paragraph
    side_aware: bool = Field(
        default=False,
        description="The routine asks which side hurts (flare-up): its cues follow that side.",
    )
    prepare_s: PauseSeconds = Field(default=10, description="Get-ready time before each exercise.")
    switch_s: PauseSeconds = Field(
        default=5, description="Pause to change sides (an exercise or entry may set its own)."
    )
    rest_between_exercises_s: RestSeconds = Field(
        default=0, description="Rest after one exercise before getting ready for the next."
    )
    sound_profile: SoundProfile = Field(
        default="full",
        description="How much the voice says: full (every rep, rest and switch), quiet "
        "(exercise names, side switches, halfway, last rep, done; breathing tones) or off. "
        "A user's settings may override it per routine.",
    )
    safety: list[Paragraph] = Field(default_factory=list, max_length=12)
    exercises: list[ExerciseUse] = Field(
        min_length=1,
        max_length=40,
        description="The exercises in order. The whole plan may last at most 2 hours at speed "
        "1 (coach.limits.MAX_ROUTINE_S); a longer routine is refused.",
    )
    levels: list[Level] = Field(
        default_factory=list,
        max_length=MAX_LEVELS,
        description="An optional progression ladder of 2-12 levels, easiest first. The person "
        "is offered the next level after two tolerated sessions in a row and stepped back one "
        "level after a pain rise of 2 or more or a worse next morning; they always agree "
        "first to go up. Each level's plan may last at most 2 hours.",
    )

    @field_validator("levels")
    @classmethod
    def _ladder(cls, levels: list[Level]) -> list[Level]:
        if len(levels) == 1:
            raise ValueError(f"a ladder has {MIN_LEVELS} to {MAX_LEVELS} levels, not one")
        names = [level.name for level in levels]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise ValueError(f"level names must differ: {', '.join(map(repr, twice))} is repeated")
        return levels
