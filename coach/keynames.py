"""Key names as Textual reads them: is a remap in ``[keys]`` a key Textual can report?

Kept apart from ``coach.settings_check`` (which needs the pydantic settings model) because the
app filters the remaps it applies before its first frame, and that frame is drawn without
pydantic (``coach.settings_first``). Textual is imported only when a name is checked.
"""

from __future__ import annotations

import difflib
import json
import unicodedata
from collections.abc import Collection
from functools import cache

__all__ = ["KEY_EXAMPLES", "MODIFIERS", "closest", "key_name_problem", "normalised", "shown"]

MODIFIERS = ("alt", "ctrl", "hyper", "meta", "shift", "super")
"""The modifiers Textual names in a key, in the (sorted) order it writes them: ``ctrl+shift+a``."""
KEY_EXAMPLES = "p, space, ctrl+p, f5, question_mark, shift+tab; several as p,space"


def shown(text: str) -> str:
    """``text`` quoted for a message; anything unusual (a zero-width or control character,
    right-to-left text) escaped, so a wrong value never looks like a right one."""
    return f'"{text}"' if text.isascii() and text.isprintable() else json.dumps(text)


def closest(found: str, allowed: Collection[str]) -> str:
    close = difflib.get_close_matches(found, list(allowed), n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(found.lower(), list(allowed), n=1, cutoff=0.6)
    return f"did you mean {close[0]}? " if close else ""


@cache
def _base_names() -> frozenset[str]:
    """Every key name Textual can report without modifiers: its ``Keys`` and the names it
    gives printable characters (``question_mark``, ``slash``, ``minus``)."""
    from textual.keys import KEY_ALIASES, Keys, _character_to_key

    names = {key.value.rsplit("+", 1)[-1] for key in Keys if not key.value.startswith("<")}
    names.update(alias for aliases in KEY_ALIASES.values() for alias in aliases)
    names.update(_character_to_key(chr(code)) for code in range(33, 127))
    names.discard("ctrl-at")  # an alias Textual keeps only for old code; never reported
    return frozenset(names)


@cache
def _character_names() -> frozenset[str]:
    """The name Textual gives every other character it may see (``left_pointing_double_angle_
    quotation_mark``): built once, and only when a key is not among the usual names."""
    from textual.keys import _character_to_key

    named = (chr(code) for code in range(0xA0, 0x30000) if unicodedata.category(chr(code)) != "Cn")
    return frozenset(_character_to_key(c) for c in named if not c.isalnum())


def _is_base(name: str) -> bool:
    if name in _base_names() or (len(name) == 1 and name.isalnum()):
        return True
    return name.isascii() and name.islower() and name in _character_names()


def _is_key(part: str) -> bool:
    if len(part) == 1:
        return part.isprintable() and not part.isspace()  # Textual names it: ? -> question_mark
    *modifiers, base = part.split("+")
    ordered = all(m in MODIFIERS for m in modifiers) and modifiers == sorted(set(modifiers))
    return ordered and bool(base) and _is_base(base)


def _suggest(part: str) -> str | None:
    """The key Textual would accept that ``part`` most likely meant, if any."""
    *modifiers, base = part.strip().lower().split("+")
    fixed: list[str] = []
    for modifier in modifiers:
        close = difflib.get_close_matches(modifier, MODIFIERS, n=1, cutoff=0.5)
        if not close:
            return None
        fixed.append(close[0])
    if not _is_base(base):
        close = difflib.get_close_matches(base, sorted(_base_names()), n=1, cutoff=0.6)
        if not close:
            return None
        base = close[0]
    guess = "+".join([*sorted(set(fixed)), base])
    return guess if _is_key(guess) else None


def key_name_problem(keys: str) -> str | None:
    """Why ``keys`` (one key or several, comma-separated) is not what Textual accepts, or None."""
    parts = [part.strip() for part in keys.split(",")]
    if not any(parts):
        found = shown(keys) if keys else "empty text"
        return f"found {found}: no key at all (write e.g. {KEY_EXAMPLES})"
    for part in parts:
        if not part:
            return f"found {shown(keys)}: an empty key between commas"
        if not _is_key(part):
            guess = _suggest(part)
            hint = f"did you mean {guess}? " if guess else ""
            return (
                f"{shown(part)} is not a key name Textual knows; {hint}"
                f"(keys are written like {KEY_EXAMPLES})"
            )
    return None


def normalised(keys: str) -> set[str]:
    """Every key event that fires a binding written as ``keys`` (aliases included)."""
    from textual.keys import _character_to_key, _get_key_aliases

    found: set[str] = set()
    for part in (part.strip() for part in keys.split(",")):
        name = _character_to_key(part) if len(part) == 1 else part
        found.update(_get_key_aliases(name))
    return found
