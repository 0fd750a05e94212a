"""Text from files and input shown literally on a terminal: no escape sequences, no controls.

DESIGN.md section 5: a routine title or a note must never move the cursor, change colours or
clear the screen. Line breaks and tabs stay; every other control character is dropped.
"""

from __future__ import annotations

import unicodedata

__all__ = ["one_line", "printable"]

_KEPT = frozenset("\n\t")


def printable(text: str) -> str:
    """``text`` without control characters (C0, DEL, C1), line breaks and tabs kept."""
    if text.isprintable():
        return text
    return "".join(ch for ch in text if ch in _KEPT or unicodedata.category(ch) != "Cc")


def one_line(text: str) -> str:
    """``text`` for line-based output: no control characters, and line breaks and tabs as
    spaces, so a note can neither move the cursor nor break a line into two records."""
    return " ".join(printable(text).split())
