"""Short descriptions of a routine's exercises for people: ``holds 5-3-1 × 10 s, per side``."""

from __future__ import annotations

from typing import Literal

from coach.routine.load import ResolvedUse
from coach.routine.model import BreathingDose, HoldDose, WalkDose

__all__ = ["describe_dose"]


def _first(use: ResolvedUse, side: Literal["left", "right"] | None) -> str:
    """Which side goes first; a side is called painful only when one was given."""
    if use.side_order == "left-first" or (use.side_order == "painful-first" and side is None):
        return "left first"
    if use.side_order == "right-first" or (use.side_order == "other-first" and side is None):
        return "right first"
    return "painful side first" if use.side_order == "painful-first" else "other side first"


def describe_dose(use: ResolvedUse, side: Literal["left", "right"] | None = None) -> str:
    """A one-line description of one exercise's dose, e.g. ``holds 5-3-1 x 10 s, per side``.

    ``side`` is the painful side, if one was given: without one (central or both-sided pain)
    no side is called painful, and the order given is the one the plan follows.
    """
    dose = use.dose
    if isinstance(dose, HoldDose):
        text = f"holds {'-'.join(str(n) for n in dose.sets)} × {dose.hold_s} s"
        rest = dose.rest_between_sets_s
        rests = f"rest {rest} s between sets" if rest and len(dose.sets) > 1 else ""
    elif isinstance(dose, BreathingDose):
        phases = [f"in {dose.inhale_s} s"]
        if dose.hold_in_s:
            phases.append(f"hold {dose.hold_in_s} s")
        phases.append(f"out {dose.exhale_s} s")
        if dose.hold_out_s:
            phases.append(f"hold {dose.hold_out_s} s")
        text = f"{dose.breath_count} breaths: {', '.join(phases)}"
        rests = ""
    elif isinstance(dose, WalkDose):
        return f"walk {dose.minutes} min, turn back at half time"
    else:
        text = f"{dose.reps} × {dose.hold_s} s"
        rests = ""
    if use.sides == "both":
        order = "alternating sides" if use.alternate_sides else "per side"
        text += f", {order} ({_first(use, side)})"
    elif use.sides == "one":
        text += ", painful side only" if side else ", both sides together (no side given)"
    return f"{text}; {rests}" if rests else text
