"""What follows a session: the response to pain that rose, kept for the next start.

shared/DOMAIN.md section 1: pain 2+ points higher after a session means a step back next time
(the easier variants), said plainly; the issue that made this flow (9) adds, as the project's
own caution, no more loaded holds that day and flare-up relief offered now. Section 4: the change
before -> after is short-term relief, never "meaningful". Pure: the flow stores the note of a
rise (``GentlerNext``) and hands it back at the next start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coach.coaching.traffic import Light, light_for

__all__ = [
    "RISE_POINTS",
    "GentlerNext",
    "gentler_note",
    "high_pain_advice",
    "pain_rose",
    "rise_advice",
]

RISE_POINTS = 2
"""Pain this many points higher after a session than before is a rise to respond to."""


def pain_rose(before: int | None, after: int | None) -> bool:
    """True when both scores are known and pain rose by ``RISE_POINTS`` or more."""
    return before is not None and after is not None and after - before >= RISE_POINTS


def rise_advice(before: int, after: int, flare: bool) -> list[str]:
    """The response to a rise: no more loaded holds today; relief now; gentler tomorrow."""
    lines = [f"Your pain rose from {before} to {after} during this session."]
    if flare:
        lines.append(
            "Rest in a comfortable position; wrapped heat for 15-20 minutes can ease it. "
            "If pain spreads down a leg, or you feel numbness or weakness, read the red flags."
        )
    else:
        lines.append("No more loaded holds today.")
    lines.append("Next time starts gentler: the easier variants are offered first.")
    return lines


def high_pain_advice(after: int | None, red_from: int) -> list[str]:
    """Pain in the red band after a session, risen or not: breathing and heat for today
    (the traffic light's red, DOMAIN.md section 4)."""
    if after is None or light_for(after, red_from) is not Light.RED:
        return []
    return [
        f"Pain {after} of 10 now: for the rest of today, breathing and heat only. If pain "
        "spreads down a leg, or you feel numbness or weakness, read the red flags."
    ]


@dataclass(frozen=True)
class GentlerNext:
    """A rise kept for the next start: when, and the two scores."""

    day: date
    before: int
    after: int

    def to_meta(self) -> str:
        """As stored in the journal's meta table."""
        return f"{self.day.isoformat()} {self.before} {self.after}"

    @classmethod
    def from_meta(cls, text: str | None) -> GentlerNext | None:
        """Read it back; ``None`` when absent or not in the stored shape."""
        try:
            day, before, after = (text or "").split()
            return cls(date.fromisoformat(day), int(before), int(after))
        except ValueError:
            return None


def gentler_note(kept: GentlerNext, today: bool = False) -> str:
    """The line shown at the next start (the same day: no more loaded holds today)."""
    if today:
        return (
            f"Earlier today your pain rose from {kept.before} to {kept.after}: no more loaded "
            "holds today. Breathing and heat, or the flare-up protocol, suit better."
        )
    return (
        f"Last time ({kept.day:%a %d %b}) pain rose from {kept.before} to {kept.after}: "
        "today starts gentler."
    )
