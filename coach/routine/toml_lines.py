"""Find the line where a key of a TOML document is written.

``tomllib`` parses but keeps no positions, and a validation error only names a key path such as
``("exercises", 1, "hold_s")``. This module scans the text once and records the line of every
key, table header, array-of-tables entry and array element, so each problem can say where it is.

It only has to understand text that ``tomllib`` has already accepted, so it is a small scanner
rather than a parser: strings, comments, brackets and braces are skipped, keys are recorded.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["KeyLines", "scan_key_lines"]

KeyPath = tuple[str | int, ...]

_BARE_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class KeyLines:
    """Line numbers (1-based) of the keys of one TOML document."""

    def __init__(self, lines: dict[KeyPath, int]) -> None:
        self._lines = lines

    def line_of(self, path: Sequence[str | int]) -> int:
        """The line of ``path``, or of its nearest written ancestor; 1 when none is written.

        A missing key has no line of its own, so it gets the line of the table it is missing
        from, which is where the user has to add it.
        """
        key = tuple(path)
        while key:
            if key in self._lines:
                return self._lines[key]
            key = key[:-1]
        return 1


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.lines: dict[KeyPath, int] = {}
        self.array_counts: dict[KeyPath, int] = {}
        self.array_tables: set[tuple[str, ...]] = set()

    # -- low-level movement -------------------------------------------------------------

    def peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.text[index] if index < len(self.text) else ""

    def advance(self, count: int = 1) -> None:
        for _ in range(count):
            if self.pos < len(self.text):
                if self.text[self.pos] == "\n":
                    self.line += 1
                self.pos += 1

    def skip_spaces(self) -> None:
        while self.peek() in (" ", "\t"):
            self.advance()

    def skip_comment(self) -> None:
        if self.peek() == "#":
            while self.peek() not in ("\n", ""):
                self.advance()

    def skip_blank(self) -> None:
        """Skip whitespace, newlines and comments (inside arrays and between statements)."""
        while True:
            char = self.peek()
            if char in (" ", "\t", "\r", "\n"):
                self.advance()
            elif char == "#":
                self.skip_comment()
            else:
                return

    def skip_to_line_end(self) -> None:
        while self.peek() not in ("\n", ""):
            self.advance()

    # -- tokens -------------------------------------------------------------------------

    def read_string(self) -> str:
        quote = self.peek()
        if self.text.startswith(quote * 3, self.pos):
            self.advance(3)
            start = self.pos
            while self.pos < len(self.text):
                if quote == '"' and self.peek() == "\\":
                    self.advance(2)
                    continue
                if self.text.startswith(quote * 3, self.pos):
                    value = self.text[start : self.pos]
                    self.advance(3)
                    # A closing delimiter may be followed by up to two more quotes of content.
                    while self.peek() == quote:
                        self.advance()
                    return value
                self.advance()
            return self.text[start:]
        self.advance()
        chars: list[str] = []
        while self.pos < len(self.text) and self.peek() not in (quote, "\n"):
            if quote == '"' and self.peek() == "\\":
                chars.append(self.peek(1))
                self.advance(2)
                continue
            chars.append(self.peek())
            self.advance()
        self.advance()
        return "".join(chars)

    def read_key(self) -> tuple[str, ...]:
        parts: list[str] = []
        while True:
            self.skip_spaces()
            char = self.peek()
            if char in ('"', "'"):
                parts.append(self.read_string())
            else:
                start = self.pos
                while self.peek() in _BARE_KEY_CHARS and self.peek() != "":
                    self.advance()
                parts.append(self.text[start : self.pos])
            self.skip_spaces()
            if self.peek() == ".":
                self.advance()
                continue
            return tuple(parts)

    # -- structure ----------------------------------------------------------------------

    def resolve(self, keys: tuple[str, ...]) -> KeyPath:
        """Turn header keys into a path, adding the current index of each array of tables."""
        path: list[str | int] = []
        for depth in range(1, len(keys) + 1):
            path.append(keys[depth - 1])
            if keys[:depth] in self.array_tables:
                # The same key may be an array of tables under one entry and a plain table
                # under another: only index it where it really is an array here.
                count = self.array_counts.get((*path[:-1], keys[depth - 1]))
                if count:
                    path.append(count - 1)
        return tuple(path)

    def record(self, path: KeyPath, line: int) -> None:
        self.lines.setdefault(path, line)

    def value(self, path: KeyPath) -> None:
        self.record(path, self.line)
        char = self.peek()
        if char in ('"', "'"):
            self.read_string()
        elif char == "[":
            self.advance()
            index = 0
            while True:
                self.skip_blank()
                if self.peek() in ("]", ""):
                    self.advance()
                    return
                before = self.pos
                self.value((*path, index))
                self.skip_blank()
                if self.peek() == ",":
                    self.advance()
                    index += 1
                elif self.pos == before:
                    self.advance()  # not TOML we understand: move on rather than loop
        elif char == "{":
            self.advance()
            while True:
                self.skip_blank()
                if self.peek() in ("}", ""):
                    self.advance()
                    return
                keys = self.read_key()
                self.skip_spaces()
                if self.peek() == "=":
                    self.advance()
                self.skip_spaces()
                self.record((*path, *keys), self.line)
                before = self.pos
                self.value((*path, *keys))
                self.skip_blank()
                if self.peek() == "," or self.pos == before:
                    self.advance()  # past the comma, or past text we don't understand
        else:
            while self.peek() not in (",", "]", "}", "#", "\n", ""):
                self.advance()

    def run(self) -> dict[KeyPath, int]:
        table: KeyPath = ()
        while self.pos < len(self.text):
            self.skip_blank()
            if self.pos >= len(self.text):
                break
            line = self.line
            if self.text.startswith("[[", self.pos):
                self.advance(2)
                keys = self.read_key()
                self.array_tables.add(keys)
                parent = self.resolve(keys[:-1])
                counter = (*parent, keys[-1])
                self.array_counts[counter] = self.array_counts.get(counter, 0) + 1
                table = self.resolve(keys)
                self.record(table[:-1], line)
                self.record(table, line)
                self.skip_to_line_end()
            elif self.peek() == "[":
                self.advance()
                keys = self.read_key()
                table = self.resolve(keys)
                self.record(table, line)
                self.skip_to_line_end()
            else:
                keys = self.read_key()
                if not keys or keys == ("",):
                    self.skip_to_line_end()
                    continue
                self.skip_spaces()
                if self.peek() == "=":
                    self.advance()
                self.skip_spaces()
                for depth in range(1, len(keys)):
                    self.record((*table, *keys[:depth]), line)
                self.value((*table, *keys))
        return self.lines


def scan_key_lines(text: str) -> KeyLines:
    """Scan TOML text that ``tomllib`` accepted and return where each key is written."""
    return KeyLines(_Scanner(text).run())
