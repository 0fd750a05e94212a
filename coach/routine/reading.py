"""Reading one routine or exercise file: bounded, decoded, parsed, with located problems.

Only a regular file of at most ``MAX_FILE_BYTES`` is read (``coach.safefile``): never a FIFO, a
device or a huge file. Bytes that are not UTF-8 and TOML that does not parse are problems with
the line (and the key near it) where they were found; nothing here raises for bad input.
"""

from __future__ import annotations

import re
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Any

from coach.routine.problems import Problem
from coach.routine.toml_lines import KeyLines, scan_key_lines
from coach.safefile import UnreadableFileError, read_bounded

__all__ = ["MAX_FILE_BYTES", "Parsed", "read_toml"]

MAX_FILE_BYTES = 256 * 1024
"""Routine files are a few kilobytes; anything this large is not one."""


_SYNTAX_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_KEY_ON_LINE = re.compile(r"^\s*(\[{1,2}\s*[^\]=#]+|[A-Za-z0-9_\-\.\"' ]+?)\s*(=|\]|$)")


def _key_near(text: str, line: int) -> str | None:
    """The key or table written on ``line`` or the nearest line above (for syntax errors)."""
    lines = text.splitlines()
    for number in range(min(line, len(lines)), 0, -1):
        match = _KEY_ON_LINE.match(lines[number - 1])
        if match and match.group(1).strip() and match.group(2) is not None:
            return match.group(1).strip().lstrip("[").strip()
    return None


class Parsed:
    """A parsed file. Its key lines are found only when a problem needs one: most files have
    none, and scanning every file would double the time it takes to load the library."""

    def __init__(self, path: Path, text: str, data: dict[str, Any]) -> None:
        self.path = path
        self.text = text
        self.data = data

    @cached_property
    def lines(self) -> KeyLines:
        """Where each key is written."""
        return scan_key_lines(self.text)


def read_toml(path: Path, problems: list[Problem]) -> Parsed | None:
    """Read and parse one file; on failure add a problem and return ``None``."""
    try:
        if path.is_dir():
            problems.append(Problem(path, None, None, "is a folder; expected a .toml file"))
            return None
        raw = read_bounded(path, MAX_FILE_BYTES)  # never a FIFO, a device or a huge file
    except UnreadableFileError as exc:
        problems.append(Problem(path, None, None, exc.reason))
        return None
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        problems.append(Problem(path, None, None, f"cannot be read: {reason}"))
        return None
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark (Windows editors) is harmless
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start : exc.start + 1].hex()
        message = f"is not UTF-8 text: byte 0x{byte} cannot be read (save the file as UTF-8)"
        key = _key_near(raw.decode("utf-8", errors="replace"), bad_line)
        problems.append(Problem(path, bad_line, key, message))
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _SYNTAX_POSITION.search(str(exc))
        line = int(match.group(1)) if match else None
        reason = _SYNTAX_POSITION.sub("", str(exc)).strip().rstrip(".")
        column = f" at column {match.group(2)}" if match else ""
        if line is None and "end of document" in reason:
            # Something left open (a list, a string) until the end: the last line is where
            # tomllib gave up; the key it belongs to is found from there.
            line = max(1, len(text.splitlines()))
            reason = reason.replace(" (at end of document)", "") + ": something is not closed"
        key = _key_near(text, line) if line else None
        problems.append(Problem(path, line, key, f"is not valid TOML: {reason}{column}"))
        return None
    except RecursionError:
        problems.append(Problem(path, None, None, "is not valid TOML: nested too deeply"))
        return None
    except ValueError as exc:  # e.g. an integer of more digits than Python will read
        problems.append(Problem(path, None, None, f"cannot be read: {exc}"))
        return None
    if not data:
        message = (
            "is empty; a routine needs title, purpose, summary and [[exercises]] "
            "(see coach routines schema)"
        )
        problems.append(Problem(path, 1, None, message))
        return None
    return Parsed(path, text, data)
