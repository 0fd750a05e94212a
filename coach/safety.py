"""Safety text shown by every interface: the first-run disclaimer, and the red flags.

The red-flag list and its policy live in ``coach.coaching.redflags`` (shared/DOMAIN.md section
5); the names here are kept for the screens and commands that show them.
"""

from __future__ import annotations

from coach.coaching.redflags import EMERGENCY as RED_FLAGS_EMERGENCY
from coach.coaching.redflags import SOON as RED_FLAGS_SOON
from coach.coaching.redflags import TITLE as RED_FLAGS_TITLE
from coach.coaching.redflags import URGENT as RED_FLAGS_URGENT
from coach.coaching.redflags import red_flags_text

__all__ = [
    "DISCLAIMER",
    "LEG_SYMPTOMS_KEY",
    "RED_FLAGS_ACK_KEY",
    "RED_FLAGS_EMERGENCY",
    "RED_FLAGS_SOON",
    "RED_FLAGS_TITLE",
    "RED_FLAGS_URGENT",
    "red_flags_text",
]

DISCLAIMER = (
    "coach guides exercise and keeps a private log; it does not diagnose or treat, and it is "
    "no substitute for medical care. Stop if symptoms worsen or new pain appears, and seek "
    "help if there is no improvement after 2 weeks. Bladder or bowel trouble, numbness around "
    "the genitals, or weak legs with back pain: seek emergency care now (see the red flags). "
    "Everything you record stays on this computer."
)

RED_FLAGS_ACK_KEY = "red_flags_acknowledged_at"
"""Journal meta key: when the red flags were last checked with nothing applying (or a "soon"
item already checked by a clinician). The flow's ``Keys.RED_FLAGS_PASSED``."""
LEG_SYMPTOMS_KEY = "leg_symptoms_at"
"""Journal meta key: the last report of new leg symptoms (a session's "it hurts" answer or a
logged leg pain score); the red flags are due again after it. The flow's
``Keys.LEG_SYMPTOMS``."""
