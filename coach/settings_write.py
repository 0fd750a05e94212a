"""Saving settings the way a person's own file deserves: only what changed, nothing else.

``config.toml`` is the person's file: they may have written comments, blank lines, an order
that makes sense to them, a key coach does not know yet, a value they are still fixing. A
save from the app (a setting changed on the settings screen, a theme picked in the command
palette, a voice profile on the routines screen) edits just the values that differ from what
the file said, in place, with tomlkit (imported only here, only when saving). A key in a
table (``[voice]``, ``[keys]``) is edited inside that table; an entry removed from a table of
entries (a key remap, a voice profile) is removed. A file that is not TOML at all is never
written over. The write is atomic, goes through a symlink, and keeps the file's permissions
(``coach.outfile``).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from coach.errors import SettingsError
from coach.limits import MAX_CONFIG_BYTES
from coach.outfile import write_output
from coach.safefile import UnreadableFileError, read_bounded

__all__ = ["ENTRY_TABLES", "write_changes"]


ENTRY_TABLES = frozenset({("keys",), ("voice", "profiles")})
"""Tables whose entries the person adds and removes (a remap, a profile): an entry left out
of the new settings is deleted from the file, not kept."""


def _existing_text(path: Path) -> str:
    """The file's text, or "" when there is none yet."""
    try:
        return read_bounded(path, MAX_CONFIG_BYTES).decode("utf-8")
    except UnreadableFileError as exc:
        if exc.missing:
            return ""
        raise SettingsError(f"not saving: {path} {exc.reason}; nothing was changed") from exc
    except (UnicodeDecodeError, OSError) as exc:
        raise SettingsError(f"not saving: cannot read {path} ({exc}); nothing was changed") from exc


def write_changes(path: Path, before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    """Write into ``path`` each value of ``after`` that differs from ``before`` (both as
    ``Settings.model_dump(mode="json")``); everything else in the file stays byte for byte.
    Returns whether anything was written."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    text = _existing_text(path)
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise SettingsError(
            f"not saving: {path} is not valid TOML ({exc}); fix or move it first"
        ) from exc
    if not _apply(document, before, after, ()):
        return False
    try:
        write_output([tomlkit.dumps(document)], str(path), out=io.StringIO())  # a file: never out
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise SettingsError(f"cannot save settings to {path}: {reason}") from exc
    return True


def _apply(
    table: Any, before: Mapping[str, Any], after: Mapping[str, Any], where: tuple[str, ...]
) -> bool:
    """Edit ``table`` (a tomlkit container) so its values for the keys that changed are those
    of ``after``; returns whether anything changed."""
    changed = False
    for name, value in after.items():
        old = before.get(name)
        if value == old:
            continue
        path = (*where, name)
        if isinstance(value, dict):
            inner = _table(table, name)
            old_inner = old if isinstance(old, dict) else {}
            changed |= _apply(inner, old_inner, value, path)
            if path in ENTRY_TABLES:
                changed |= _drop_removed(inner, old_inner, value)
        else:
            _container_of(table, name)[name.split(".")[-1] if _dotted(table, name) else name] = (
                value
            )
            changed = True
    return changed


def _dotted(table: Any, name: str) -> bool:
    """True when ``name`` (``session.pause``) is written as a dotted key, not a quoted one."""
    parts = name.split(".")
    if name in table or len(parts) == 1:
        return False
    inner = table
    for part in parts[:-1]:
        if not hasattr(inner, "keys") or part not in inner:
            return False
        inner = inner[part]
    return hasattr(inner, "keys")


def _container_of(table: Any, name: str) -> Any:
    """Where ``name`` lives: ``table``, or for a dotted key the table its path leads to."""
    if not _dotted(table, name):
        return table
    inner = table
    for part in name.split(".")[:-1]:
        inner = inner[part]
    return inner


def _table(table: Any, name: str) -> Any:
    """The table ``name`` of ``table``, added (at the end) when the file has none."""
    import tomlkit

    if name not in table:
        table.add(name, tomlkit.table())
    return table[name]


def _drop_removed(table: Any, before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    removed = [name for name in before if name not in after]
    gone = False
    for name in removed:
        container = _container_of(table, name)
        key = name.split(".")[-1] if _dotted(table, name) else name
        if key in container:
            del container[key]
            gone = True
    return gone
