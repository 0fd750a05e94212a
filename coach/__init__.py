"""coach: a local-first terminal coach for back spasms and low back pain.

The package is split so that the parts with rules in them can be tested without a terminal:
``coach.routine`` (the file format), ``coach.engine`` (plans and timed sessions) and
``coach.journal`` (the SQLite log) never import Textual; ``coach.tui`` and ``coach.plain``
are two consumers of the same engine events.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
