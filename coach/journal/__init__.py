"""The journal: every session saved as it happens, in SQLite, and the figures drawn from it.

Free of any UI: nothing here imports Textual or Rich. ``db`` opens the file safely,
``records`` reads and writes rows, ``recorder`` turns session events into rows (and keeps
them while the journal is locked or the disk full), ``recovery`` brings back sessions saved
aside when it stayed so, ``stats`` computes adherence, streaks and pain trends as pure
functions, ``export`` and ``report`` write what a physio can read.

The package itself imports only the SQLite layer, so ``coach history`` starts fast; import
``coach.journal.recorder`` (which needs the engine) where sessions are recorded.
"""

from __future__ import annotations

from coach.journal.db import SCHEMA_VERSION, JournalError
from coach.journal.records import EventRecord, Journal, SessionRecord, StepRecord, now_local

__all__ = [
    "SCHEMA_VERSION",
    "EventRecord",
    "Journal",
    "JournalError",
    "SessionRecord",
    "StepRecord",
    "now_local",
]
