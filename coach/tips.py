"""One-line everyday tips for the home and summary screens (shared/DOMAIN.md section 8).

Each is a habit from the project's sources, kept to one line, and never a promise of a cure.
"""

from __future__ import annotations

from datetime import date

__all__ = ["TIPS", "tip_for"]

TIPS: tuple[str, ...] = (
    "Stacked or stable: rest on your skeleton when you sit, stand and lift; "
    "if you must lean, prop yourself on an arm or a foot.",
    "Your head weighs about 4.5-5.5 kg: the further it drifts forward, "
    "the harder your neck and back work.",
    "Break up long sitting: get up and move every so often.",
    "Spasms often come from tired muscles plus a last straw; "
    "a few minutes of core work a day builds the reserve.",
    "Drink enough water; after heavy sweating, replace salts too.",
    "Lift close to your body, don't twist while lifting, and move slowly under load.",
    "Heat, or alternating ice and heat, can ease an acute spasm.",
    "A warm bath before strenuous activity helps circulation; avoid hard exercise in extreme heat.",
    "Stress, too much caffeine and some decongestants can make muscles tenser.",
)


def tip_for(day: date) -> str:
    """The tip of the day: the same all day, a different one tomorrow."""
    return TIPS[day.toordinal() % len(TIPS)]
