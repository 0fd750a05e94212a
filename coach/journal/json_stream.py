"""Reading one JSON document value by value, in bounded memory, with line numbers.

An export of a million sessions is gigabytes; read whole it took 2 GB of memory (issue 10).
``JsonReader`` keeps a window of the text and hands out one value at a time: the caller walks
the document's outer object and its ``sessions`` array with ``expect``/``peek`` and decodes
each element with ``value``, which runs ``json.JSONDecoder.raw_decode`` (the C scanner) on the
window. A value larger than ``max_value_chars`` is refused rather than buffered, so memory is
bounded whatever the file's size.

Every problem is an ``ExportFormatError`` naming the line: bad syntax, text that is not UTF-8,
nesting too deep for the decoder (a ``RecursionError`` otherwise), a number with more digits
than Python converts.
"""

from __future__ import annotations

import codecs
import json
from typing import IO, Any

__all__ = ["CHUNK_BYTES", "ExportFormatError", "JsonReader"]

CHUNK_BYTES = 1 << 20
_WHITESPACE = " \t\n\r"
_TOKEN_CHARS = 64
"""A decoding error this close to the window's end may be a token cut in two: read more."""


class ExportFormatError(Exception):
    """The file to import is not a coach export; the message says what is wrong and where."""


class JsonReader:
    """The text of ``stream`` (UTF-8 bytes), read forward one JSON value or mark at a time."""

    def __init__(self, stream: IO[bytes], max_value_chars: int) -> None:
        self._stream = stream
        self._max = max_value_chars
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self._json = json.JSONDecoder()
        self._text = ""
        self._pos = 0
        self._eof = False
        self._bytes_read = 0
        self._lines_before = 0  # line breaks before self._text[0]
        self._counted_to = 0  # self._text[:_counted_to] has _counted line breaks
        self._counted = 0

    # -- position -------------------------------------------------------------------------

    def line(self, pos: int | None = None) -> int:
        """The line (from 1) of ``pos`` in the window (default: where reading is)."""
        pos = self._pos if pos is None else pos
        if pos < self._counted_to:
            return self._lines_before + self._text.count("\n", 0, pos) + 1
        self._counted += self._text.count("\n", self._counted_to, pos)
        self._counted_to = pos
        return self._lines_before + self._counted + 1

    def error(self, problem: str, pos: int | None = None) -> ExportFormatError:
        """An ``ExportFormatError`` saying ``problem`` at the line of ``pos``."""
        return ExportFormatError(f"{problem} at line {self.line(pos)}")

    # -- the window ---------------------------------------------------------------------

    def _fill(self, wanted: int = 0) -> bool:
        """Read about ``wanted`` more bytes into the window; False at the end of the file."""
        if self._eof:
            return False
        if self._pos > CHUNK_BYTES and self._pos * 2 > len(self._text):
            self._drop_read()
        data = self._stream.read(max(wanted, CHUNK_BYTES))
        try:
            self._text += self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            where = self._bytes_read + exc.start
            raise ExportFormatError(f"not UTF-8 text (byte {where:,})") from None
        self._bytes_read += len(data)
        self._eof = not data
        return bool(data)

    def _drop_read(self) -> None:
        """Forget the text already read, keeping the line count."""
        self._lines_before += self._text.count("\n", 0, self._pos)
        self._text = self._text[self._pos :]
        self._pos = 0
        self._counted_to = 0
        self._counted = 0

    def _skip_space(self) -> None:
        while True:
            text, pos = self._text, self._pos
            while pos < len(text) and text[pos] in _WHITESPACE:
                pos += 1
            self._pos = pos
            if pos < len(text) or not self._fill():
                return

    # -- reading ------------------------------------------------------------------------

    def peek(self) -> str:
        """The next character that is not whitespace ("" at the end), not consumed."""
        self._skip_space()
        return self._text[self._pos] if self._pos < len(self._text) else ""

    def expect(self, mark: str, what: str) -> None:
        """Consume ``mark`` (such as ``,`` or ``]``), else raise saying ``what`` was expected."""
        if self.peek() != mark:
            found = self.peek() or "the end of the file"
            raise self.error(f"not JSON: expected {what}, found {found!r}")
        self._pos += 1

    def at_end(self) -> bool:
        """True when only whitespace is left."""
        return self.peek() == ""

    def value(self) -> Any:
        """Decode the next JSON value; ``ExportFormatError`` naming its line when it is not one.

        The window grows (doubling, up to ``max_value_chars``) until the value is whole: a
        value is taken only when text follows it, so a number cut at the window's end is
        never read short.
        """
        self._skip_space()
        start = self._pos
        while True:
            try:
                result, end = self._json.raw_decode(self._text, start)
            except json.JSONDecodeError as exc:
                cut = exc.pos >= len(self._text) - _TOKEN_CHARS or "Unterminated" in exc.msg
                if cut and self._grow(start):
                    start = self._pos  # the window may have moved
                    continue
                if cut and not self._eof:
                    raise self._too_large(start) from None
                raise self.error(f"not JSON: {exc.msg}", exc.pos) from None
            except RecursionError:
                raise self.error("not JSON that coach reads: nested too deeply", start) from None
            except ValueError as exc:  # more digits than int() converts
                raise self.error(f"not JSON that coach reads: {exc}", start) from None
            if end - start > self._max:
                raise self._too_large(start)
            if end < len(self._text) or self._eof or not self._grow(start):
                self._pos = end - start + self._pos
                return result
            start = self._pos

    def _too_large(self, start: int) -> ExportFormatError:
        size = self._max
        shown = f"{size // (1 << 20)} MB" if size >= 1 << 20 else f"{size:,} characters"
        return self.error(f"a value larger than {shown}", start)

    def _grow(self, start: int) -> bool:
        """Read more for a value starting at ``start``; False at the end of the file."""
        held = len(self._text) - start
        return held <= self._max and self._fill(held)
