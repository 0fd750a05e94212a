"""Writing what ``-o FILE`` names without damaging what is there (DESIGN.md section 5).

- Atomic: the text goes to a temporary file in the target's folder, is flushed to disk, then
  renamed over the target. A full disk or a crash leaves the old file whole, never half a file.
- A symlink is written *through*: the link stays a link (often a backup link into a synced
  folder) and the file it points to gets the new content, atomically, in that file's folder.
  A dangling symlink is written through too: its target is created, as writing to the link
  with ``>`` would. A loop of links is refused.
- A folder, a device (``/dev/null`` included), a FIFO or a socket is refused with a message
  naming it, and nothing is changed: replacing ``/dev/null`` as root breaks the system, and
  opening a FIFO blocks for ever.
- An existing file keeps its permissions; a new one is private (0600): it is health data.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from coach.safefile import file_kind

__all__ = ["OutputError", "write_output"]

_SQLITE = ("", "-wal", "-shm", "-journal")


class OutputError(OSError):
    """The output file was not written; nothing was changed. ``strerror`` says why in words
    for the user, ``str()`` also names the file."""

    def __init__(self, target: Path, reason: str) -> None:
        super().__init__(f"cannot write {target}: {reason}")
        self.strerror = reason


def _target(path: Path) -> tuple[Path, int | None]:
    """The file to write (``path``, or where its links lead) and its permissions if it exists.

    Raises ``OutputError`` for anything but a regular file or a missing one in a folder.
    """
    real = Path(os.path.realpath(path))
    try:
        info = os.lstat(real)
    except FileNotFoundError:
        if not real.parent.is_dir():
            raise OutputError(path, f"the folder {real.parent} does not exist") from None
        return real, None
    except OSError as exc:
        raise OutputError(path, str(exc.strerror)) from None
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(path, "it is a loop of symlinks; nothing was changed")
    if not stat.S_ISREG(info.st_mode):
        link = "" if real == path.absolute() else f"a link to {real}, which "
        raise OutputError(
            path, f"{link}is {file_kind(info.st_mode)}, not a file; nothing was changed"
        )
    return real, stat.S_IMODE(info.st_mode)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (best effort: some file systems cannot sync a folder)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _write_file(chunks: Iterable[str], real: Path, mode: int | None) -> None:
    descriptor, temporary = tempfile.mkstemp(
        dir=real.parent, prefix=f".{real.name}.", suffix=".tmp"
    )  # created 0600
    try:
        if mode is not None:
            os.fchmod(descriptor, mode)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(real)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(real.parent)


def check_output(path: Path, journal: Path | None = None) -> tuple[Path, int | None]:
    """Where ``path`` would be written and its permissions, or ``OutputError`` when it cannot
    be: for a command to refuse before it reads (or writes) anything else.

    ``journal``: the journal being read, which ``-o`` must never name (nor its WAL files):
    the output would replace the journal it was made from.
    """
    real, mode = _target(path)
    if journal is not None:
        real_journal = Path(os.path.realpath(journal))
        if real in {real_journal.with_name(real_journal.name + end) for end in _SQLITE}:
            raise OutputError(path, "is the journal itself (or its log); nothing was changed")
    return real, mode


def write_output(
    chunks: Iterable[str], target: str | None, out: TextIO, journal: Path | None = None
) -> None:
    """Write ``chunks`` to ``out`` (no target, or ``-``) or to the file ``target``.

    ``journal``: as for ``check_output``.

    Raises ``OutputError`` when the file cannot be written; the old file is then unchanged.
    Errors of ``chunks`` itself (a journal that cannot be read) pass through, also leaving
    the old file unchanged.
    """
    if target is None or target == "-":
        for chunk in chunks:
            out.write(chunk)
        return
    path = Path(target)
    real, mode = check_output(path, journal)
    try:
        _write_file(chunks, real, mode)
    except OSError as exc:
        kept = "nothing was written" if mode is None else "the old file is unchanged"
        raise OutputError(path, f"{exc.strerror or exc}; {kept}") from None
