"""Text from files and input shown literally on a terminal: no escape sequences, no controls.

DESIGN.md section 5: a routine title or a note must never move the cursor, change colours or
clear the screen. Line breaks and tabs stay; every other control character is dropped.
"""

from __future__ import annotations

import unicodedata
from typing import TextIO, cast

__all__ = ["inert", "one_line", "printable"]

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


class _Inert:
    """A text stream that writes everything through ``printable``."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printable(text))

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()


def inert(stream: TextIO) -> TextIO:
    """``stream`` for text from routine files: nothing written to it can drive a terminal
    (JSON, escaped by ``json.dump``, passes through unchanged)."""
    return cast(TextIO, _Inert(stream))
