"""Safety text shown by every interface: the first-run disclaimer and the red flags.

Wording follows shared/DOMAIN.md section 5 (NICE NG59; British Association of Spine Surgeons
2018; ACP/APS guideline, Chou 2007). Kept in one place so the plain runner and the app say the
same thing.
"""

from __future__ import annotations

__all__ = [
    "DISCLAIMER",
    "RED_FLAGS_ACK_KEY",
    "RED_FLAGS_EMERGENCY",
    "RED_FLAGS_SOON",
    "RED_FLAGS_TITLE",
    "red_flags_text",
]

DISCLAIMER = (
    "coach guides exercise and keeps a private log; it does not diagnose or treat, and it is "
    "no substitute for medical care. Stop if symptoms worsen or new pain appears, and seek "
    "help if there is no improvement after 2 weeks. Everything you record stays on this "
    "computer."
)

RED_FLAGS_TITLE = "Before a flare-up session: check for red flags"

RED_FLAGS_EMERGENCY = (
    "trouble starting to pass urine, reduced feeling when passing urine, retention or incontinence",
    "numbness around the genitals, back passage or inner thighs (the 'saddle' area)",
    "loss of bowel control",
    "new sexual dysfunction",
    "sciatica in both legs",
    "severe or worsening leg weakness",
    "chest pain",
    "pain after a serious accident or fall",
)

RED_FLAGS_SOON = (
    "fever or unexplained weight loss",
    "a history of cancer",
    "pain that does not ease with rest, or is worse at night",
    "a new lump or a change in the shape of your back",
    "first back pain under 20 or over 55",
    "long-term steroid use or osteoporosis",
)

RED_FLAGS_ACK_KEY = "red_flags_acknowledged_at"
"""Journal meta key: when the red flags were last acknowledged."""


def red_flags_text() -> str:
    """The red flags as plain text (the app lays them out itself from the tuples)."""
    emergency = "\n".join(f"  - {item}" for item in RED_FLAGS_EMERGENCY)
    soon = "\n".join(f"  - {item}" for item in RED_FLAGS_SOON)
    return (
        f"{RED_FLAGS_TITLE}\n\n"
        f"Seek emergency care now if back or leg pain comes with:\n{emergency}\n\n"
        f"See a doctor soon if you have:\n{soon}\n\n"
        "For acute pain, superficial heat is the first thing to try (ACP 2017), and staying "
        "active is advised (NICE NG59)."
    )
