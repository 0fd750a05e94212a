"""Problems found in routine files, worded for the person who has to fix them.

Each problem names the file, the line, the key, what was expected and what was found. Pydantic's
own messages ("Input should be less than or equal to 120") are rewritten into that shape, so a
problem reads the same whether it came from TOML syntax, a type, a range or a missing exercise.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from coach.routine.toml_lines import KeyLines
from coach.textsafe import quoted_id, visible

__all__ = [
    "Problem",
    "describe_value",
    "format_key",
    "problems_from_validation",
    "problems_heading",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file (or folder).

    Shown as ``path:line: key: message`` with every invisible character escaped (``visible``):
    a file name or key with a zero-width space must not look like the valid one.
    """

    path: Path
    line: int | None
    key: str | None
    message: str

    def __str__(self) -> str:
        path = visible(str(self.path))
        where = f"{path}:{self.line}" if self.line else path
        key = f" {visible(self.key)}:" if self.key else ""
        return f"{where}:{key} {visible(self.message)}"

    def to_json(self) -> dict[str, Any]:
        """The problem as plain data for ``--json`` output."""
        return {
            "file": str(self.path),
            "line": self.line,
            "key": self.key,
            "message": self.message,
        }


def format_key(loc: Sequence[str | int]) -> str:
    """``("exercises", 1, "hold_s")`` -> ``exercises[2].hold_s`` (entries counted from 1)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else part
    return out


def describe_value(value: Any) -> str:
    """A short, literal description of a value found in a file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table" if value else "an empty table"
    if isinstance(value, list):
        if not value:
            return "an empty list"
        text = repr(value)
        return text if len(text) <= 60 else f"a list of {len(value)} items"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return f'"{visible(text)}"' if value else "empty text"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int) and value.bit_length() > 64:
        return "a number too long to show"  # str() refuses ints of over 4,300 digits
    return str(value)


def _seconds_note(key: str, value: Any) -> str:
    if key.endswith("_s") and isinstance(value, int) and not isinstance(value, bool):
        if value >= 10**7:
            return " (far more than a session lasts)"
        if value >= 3600:
            return f" ({value / 3600:g} hours)"
        if value >= 120:
            return f" ({value / 60:g} minutes)"
    return ""


def _expected_and_found(error: ErrorDetails, allowed_keys: Iterable[str]) -> str:
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    loc = error["loc"]
    key = str(loc[-1]) if loc else ""
    value = error.get("input")
    unit = " seconds" if key.endswith("_s") else ""
    of_unit = " of seconds" if unit else ""
    found = f"found {describe_value(value)}{_seconds_note(key, value)}"

    if kind == "missing":
        return "missing: this key is required"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(key, list(allowed_keys), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        allowed = ", ".join(sorted(allowed_keys))
        return f"unknown key{hint} (expected one of: {allowed})"
    if kind == "int_type":
        return f"expected a whole number{of_unit}, {found}"
    if kind in ("string_type", "str_type"):
        return f"expected text in quotes, {found}"
    if kind == "bool_type":
        return f"expected true or false, {found}"
    if kind == "list_type":
        return f"expected a list such as [5, 3, 1], {found}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a table, {found}"
    if kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        unit = " second" if unit and bound == 1 else unit
        return f"expected at least {bound}{unit}, {found}"
    if kind in ("less_than_equal", "less_than"):
        bound = ctx.get("le", ctx.get("lt"))
        return f"expected at most {bound}{unit}, {found}"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"expected at least {least} item{'s' if least != 1 else ''}, {found}"
    if kind == "too_long":
        most = ctx.get("max_length")
        return f"expected at most {most} items, found {ctx.get('actual_length', 'more')}"
    if kind == "string_too_short":
        return f"expected some text, {found}"
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else "more"
        return f"expected at most {ctx.get('max_length')} characters, found {length}"
    if kind == "string_pattern_mismatch":
        # Only ids have a pattern: show every character that is not plain ASCII as an escape.
        shown = quoted_id(value) if isinstance(value, str) else describe_value(value)
        return f"expected lower-case words joined by hyphens (like daily-core), found {shown}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected')}, {found}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"{error['msg']}, {found}"


def problems_from_validation(
    exc: ValidationError,
    path: Path,
    lines: KeyLines,
    allowed_keys: Mapping[tuple[str | int, ...], Iterable[str]] | None = None,
    prefix: tuple[str | int, ...] = (),
) -> list[Problem]:
    """Turn a pydantic ``ValidationError`` into problems located in the file's text.

    ``allowed_keys`` maps a table's location (without list indexes) to the keys it accepts, so
    an unknown key can be answered with the closest allowed one. ``prefix`` places errors of a
    sub-model (a dose validated on its own) inside the file.
    """
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc = (*prefix, *error["loc"])
        table = tuple(part for part in loc[:-1] if not isinstance(part, int))
        keys = (allowed_keys or {}).get(table, ())
        problems.append(
            Problem(
                path=path,
                line=lines.line_of(loc),
                key=format_key(loc) or None,
                message=_expected_and_found(error, keys),
            )
        )
    return problems


def problems_heading(problems: Sequence[Problem]) -> str:
    """The line above a list of library problems, for the terminal and the routines screen."""
    places = len({problem.path for problem in problems})
    where = "1 file or folder" if places == 1 else f"{places} files or folders"
    return f"Problems in {where} (a broken file is not loaded):"
