"""Red flags: the complete list, what each answer means, and when the check is due again.

Wording and grouping follow shared/DOMAIN.md section 5 (NICE NG59; British Association of Spine
Surgeons 2018; ACP/APS guideline, Chou 2007; NICE CKS low back pain). Emergency items stop and
say where to go; urgent items stop and say "today"; "soon" items advise, and the person may
answer that a clinician has already checked this and go on.

The check is due before the first flare session, again when the last passed check is more than
``VALID_DAYS`` old, and whenever leg symptoms were reported after it. Pure: the flow stores and
reads the timestamps; this module only decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

__all__ = [
    "ADVICE",
    "ANSWER_KEYS",
    "EMERGENCY",
    "GROUPS",
    "HEAT_ADVICE",
    "PASSING_ANSWERS",
    "SOON",
    "STOPPING_ANSWERS",
    "TITLE",
    "URGENT",
    "VALID_DAYS",
    "CheckDue",
    "RedFlagAnswer",
    "check_due",
    "red_flags_text",
]

TITLE = "Red flags: when to seek medical help instead"

EMERGENCY = (
    "trouble starting to pass urine, reduced feeling when passing urine, retention or incontinence",
    "numbness around the genitals, back passage or inner thighs (the 'saddle' area)",
    "loss of bowel control",
    "new sexual dysfunction",
    "sciatica in both legs",
    "severe or worsening leg weakness",
    "chest pain",
    "pain after a serious accident or fall",
)

URGENT = (
    "numbness or pins and needles spreading in a leg",
    "unsteady walking",
)

SOON = (
    "fever, chills or feeling unwell",
    "a recent infection, a weakened immune system, or injecting drug use",
    "unexplained weight loss",
    "a history of cancer",
    "pain that does not ease with rest, or is worse at night",
    "a new lump or a change in the shape of your back",
    "back pain that first started under age 20 or over 50",
    "long-term steroid use or osteoporosis, especially after a minor fall or strain",
    "sudden severe pain in the centre (midline) of your back that eases when lying down",
    "morning stiffness over 30 minutes that eases with movement, which started before age 45",
)

HEAT_ADVICE = (
    "For acute pain, superficial heat is a good first option (ACP 2017): wrapped, 15-20 minutes, "
    "never on numb skin, never while falling asleep. Staying active is advised (NICE NG59)."
)

RedFlagAnswer = Literal["none", "emergency", "urgent", "soon", "soon-checked", "cancel"]
"""What the person answered: nothing applies; one item of a group applies; a "soon" item that
a clinician has already checked; or no answer (closed, end of input)."""

ANSWER_KEYS: dict[str, RedFlagAnswer] = {
    "n": "none",
    "e": "emergency",
    "u": "urgent",
    "s": "soon",
}
"""The key for each answer, the same in the app and the plain runner ("none" is never Enter)."""

PASSING_ANSWERS: frozenset[str] = frozenset({"none", "soon-checked"})
"""Answers after which a flare session may start (and the check is current)."""

ADVICE: dict[str, str] = {
    "emergency": (
        "Seek emergency care now: call your local emergency number or go to the emergency "
        "department. coach will not start this session."
    ),
    "urgent": (
        "See a doctor today: call your doctor or an urgent-care service for a same-day "
        "appointment. coach will not start this session."
    ),
    "soon": (
        "Please see a doctor soon about it. If a clinician has already checked this, you can go on."
    ),
}

VALID_DAYS = 30
"""A passed check stays current this long (DOMAIN.md section 5: again after 30 days)."""

DueReason = Literal["first", "stale", "leg-symptoms", "reported"]


@dataclass(frozen=True)
class CheckDue:
    """Why the red flags must be asked now, in words for the top of the question."""

    reason: DueReason
    text: str


STOPPING_ANSWERS: frozenset[str] = frozenset({"emergency", "urgent"})
"""Answers that stop: until a later check passes, every session asks the red flags first."""


def check_due(
    last_passed: datetime | None,
    leg_symptoms_at: datetime | None,
    now: datetime,
    last_answer: str | None = None,
) -> CheckDue | None:
    """``None`` when the last passed check is current; else why it is due."""
    if last_answer in STOPPING_ANSWERS:
        return CheckDue(
            "reported",
            "Last time, one of these applied. Please read them again: get help first if one "
            "still applies.",
        )
    if last_passed is None:
        return CheckDue(
            "first", "Before your first session for a flare-up or high pain, please read these."
        )
    if leg_symptoms_at is not None and leg_symptoms_at >= last_passed:
        return CheckDue("leg-symptoms", "You reported leg symptoms: please check these again.")
    age = now - last_passed
    if age > timedelta(days=VALID_DAYS):
        return CheckDue(
            "stale",
            f"Your last check was {age.days} days ago: please read these again.",
        )
    return None


GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("emergency", "Seek emergency care now if back or leg pain comes with:", EMERGENCY),
    ("urgent", "See a doctor the same day if you have:", URGENT),
    ("soon", "See a doctor soon if you have:", SOON),
)
"""Each group's answer, heading and items, in the order every front end shows them."""


def red_flags_text() -> str:
    """The red flags as plain text (the app lays them out itself from the tuples)."""

    def bullets(items: tuple[str, ...]) -> str:
        return "\n".join(f"  - {item}" for item in items)

    groups = "".join(f"{heading}\n{bullets(items)}\n\n" for _, heading, items in GROUPS)
    return f"{TITLE}\n\n{groups}{HEAT_ADVICE}"


def new_leg_symptoms(leg: int | None, previous_leg: int | None) -> bool:
    """A logged leg pain score that reports leg symptoms anew: above 0 when the score logged
    before it (if any) had none. Ongoing leg pain logged day after day asks once."""
    return bool(leg) and not previous_leg
