"""The routine format: what a routine file and an exercise file may say, checked by pydantic.

Two kinds of file, so that exercise text is written once and reused:

* An **exercise file** (``routines/exercises/<id>.toml``) says *what* an exercise is and *how* to
  do it: its kind (``hold``, ``stretch`` or ``breathing``), whether it has sides, the setup, the
  form cues shown during work, cues tied to moments (start, halfway, last rep), safety notes,
  an easier and a harder variant, each text with a short spoken form for the voice, and a
  default dose.
* A **routine file** (``routines/<id>.toml``) says *which* exercises, in what order, and with what
  dose: each entry names an exercise with ``use = "<id>"`` and may override any part of its
  dose (daily-core reuses the Big 3 with fewer reps), its side order and its get-ready time.

Every model forbids unknown keys: a typo such as ``hold_secs`` is an error, never ignored.
Numbers have ranges that keep out the absurd (a ten-hour hold) as well as the impossible (a
zero-second hold).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from coach.routine.names import ID_PATTERN, SoundProfile

__all__ = [
    "ID_PATTERN",
    "BreathingDose",
    "BreathingExercise",
    "DoseOverride",
    "Exercise",
    "ExerciseKind",
    "ExerciseUse",
    "HoldDose",
    "HoldExercise",
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

ExerciseKind = Literal["hold", "stretch", "breathing"]
Purpose = Literal["daily", "flare", "core", "stretch", "breathing"]
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


class Text(_Strict):
    """A piece of coaching text and the few words a voice would say for it.

    Texts may use ``{side}`` and ``{other_side}``; in a plan they become ``left`` / ``right``
    (or ``sore`` / ``other`` when no side was chosen).
    """

    text: Paragraph = Field(description="What the screen shows.")
    spoken: Spoken = Field(description="A few words for the voice (at most 60 characters).")


class Moments(_Strict):
    """Cues tied to moments of an exercise, shown (and later spoken) when the moment comes."""

    start: Text | None = Field(default=None, description="At the first rep of the exercise.")
    halfway: Text | None = Field(default=None, description="When half the reps are done.")
    last_rep: Text | None = Field(default=None, description="At the last rep.")


class Variant(_Strict):
    """An easier or harder way to do the same exercise."""

    name: ShortLine
    text: Paragraph


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
    easier: Variant | None = None
    harder: Variant | None = None
    alternate_sides: bool = Field(
        default=False,
        description="With sides = both: alternate sides rep by rep (one side rests while the "
        "other works) instead of doing a whole set on one side, then the other.",
    )
    side_order: SideOrder = "painful-first"


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


Exercise = Annotated[
    HoldExercise | StretchExercise | BreathingExercise, Field(discriminator="kind")
]

EXERCISE_MODELS: dict[str, type[HoldExercise | StretchExercise | BreathingExercise]] = {
    "hold": HoldExercise,
    "stretch": StretchExercise,
    "breathing": BreathingExercise,
}
DOSE_MODELS: dict[str, type[HoldDose | StretchDose | BreathingDose]] = {
    "hold": HoldDose,
    "stretch": StretchDose,
    "breathing": BreathingDose,
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


class ExerciseUse(DoseOverride):
    """One entry of a routine: an exercise by id, with optional overrides for this routine."""

    use: Id = Field(description="The id of an exercise (built-in or your own).")
    prepare_s: PauseSeconds | None = Field(
        default=None, description="Get-ready time before this exercise (routine default if unset)."
    )
    sides: Sides | None = Field(default=None, description="Override the exercise's sides.")
    alternate_sides: bool | None = None
    side_order: SideOrder | None = None
    note: Paragraph | None = Field(
        default=None, description="A line shown while getting ready, for this routine only."
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
    switch_s: PauseSeconds = Field(default=5, description="Pause to change sides.")
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
    exercises: list[ExerciseUse] = Field(min_length=1, max_length=40)
