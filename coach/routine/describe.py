"""Short descriptions of a routine's exercises for people: ``holds 5-3-1 × 10 s, per side``."""

from __future__ import annotations

from coach.routine.load import ResolvedUse
from coach.routine.model import BreathingDose, HoldDose

__all__ = ["describe_dose"]


def describe_dose(use: ResolvedUse) -> str:
    """A one-line description of one exercise's dose, e.g. ``holds 5-3-1 x 10 s, per side``."""
    dose = use.dose
    if isinstance(dose, HoldDose):
        text = f"holds {'-'.join(str(n) for n in dose.sets)} × {dose.hold_s} s"
        rests = f"rest {dose.rest_between_sets_s} s between sets"
    elif isinstance(dose, BreathingDose):
        phases = [f"in {dose.inhale_s} s"]
        if dose.hold_in_s:
            phases.append(f"hold {dose.hold_in_s} s")
        phases.append(f"out {dose.exhale_s} s")
        if dose.hold_out_s:
            phases.append(f"hold {dose.hold_out_s} s")
        text = f"{dose.breath_count} breaths: {', '.join(phases)}"
        rests = ""
    else:
        text = f"{dose.reps} × {dose.hold_s} s"
        rests = ""
    if use.sides == "both":
        order = "alternating sides" if use.alternate_sides else "per side"
        first = {
            "painful-first": "painful side first",
            "other-first": "other side first",
            "left-first": "left first",
            "right-first": "right first",
        }[use.side_order]
        text += f", {order} ({first})"
    elif use.sides == "one":
        text += ", painful side only"
    return f"{text}; {rests}" if rests else text
