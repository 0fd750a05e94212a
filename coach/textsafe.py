"""Text from files and input shown literally on a terminal: no escape sequences, no controls.

DESIGN.md section 5: a routine title or a note must never move the cursor, change colours or
clear the screen. Line breaks and tabs stay; every other control character is dropped.

Messages about a file quote what they found with ``visible`` and ``quoted_id``: a zero-width or
right-to-left character is shown as an escape, so a rejected id never looks like a valid one.
"""

from __future__ import annotations

import unicodedata
from typing import TextIO, cast

__all__ = ["inert", "one_line", "printable", "quoted_id", "visible"]

_KEPT = frozenset("\n\t")


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Embeddings, overrides and isolates: they reorder the rest of the line on the screen, so
a title could show text in an order it was not written in ("Trojan Source")."""


def printable(text: str) -> str:
    """``text`` without control characters (C0, DEL, C1) or bidirectional overrides, line
    breaks and tabs kept."""
    if text.isprintable():
        return text
    return "".join(
        ch
        for ch in text
        if ch in _KEPT or (unicodedata.category(ch) != "Cc" and ch not in _BIDI_CONTROLS)
    )


def one_line(text: str) -> str:
    """``text`` for line-based output: no control characters, and line breaks and tabs as
    spaces, so a note can neither move the cursor nor break a line into two records."""
    return " ".join(printable(text).split())


_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str) -> str:
    """``text`` with every character that does not show as itself written as an escape.

    Zero-width characters (U+200B), direction overrides (U+202E, U+2066), no-break spaces,
    controls and line breaks become ``\\u200b``, ``\\u202e``, ``\\xa0``, ``\\n``: in a
    message about a file, two texts that differ must look different. Printable text, accents
    and other scripts included, is left as it is (``str.isprintable`` decides, as for ``repr``).
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def quoted_id(text: str) -> str:
    """An id, or a name meant as one, quoted for a message with everything but ASCII escaped.

    Ids are ASCII by rule (lower-case words joined by hyphens), so a look-alike such as a
    Cyrillic ``а`` or a zero-width space shows as what it is: ``'daily\\u200bcore'``.
    """
    return ascii(text)


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
