"""Sessions saved aside when the journal could not take them, and bringing them back.

When a session ends and the journal stays locked or the disk full past ``Recorder.finish``'s
timeout, the whole session is written to ``recovery/<session id>.json`` beside the journal
(``locations.recovery_dir()`` for the usual journal), atomically and readable by its owner
only. The file is a JSON export holding that one session (steps and events included), so
``coach import FILE`` reads it too.

``import_recovered`` runs at the start of every session: with no folder, or an empty one, it
costs one ``scandir``. Each file is added in one transaction (all of it or nothing), then
deleted; a file that cannot be added is kept, said, and tried again next time.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from coach.journal.db import JournalError
from coach.journal.records import EventRecord, Journal, SessionRecord, StepRecord
from coach.locations import make_private_dir
from coach.safefile import UnreadableFileError, read_bounded

__all__ = [
    "MAX_RECOVERY_BYTES",
    "RECOVERY_DIR_NAME",
    "import_recovered",
    "recovery_dir_for",
    "write_recovery_file",
]

RECOVERY_DIR_NAME = "recovery"
MAX_RECOVERY_BYTES = 20 * 1024 * 1024
"""A session is a few kilobytes; anything far larger is not a file coach wrote."""


def recovery_dir_for(journal_path: Path) -> Path:
    """The recovery folder of the journal at ``journal_path``: ``recovery/`` beside it."""
    return journal_path.parent / RECOVERY_DIR_NAME


def write_recovery_file(
    folder: Path, session: SessionRecord, steps: list[StepRecord], events: list[EventRecord]
) -> Path:
    """Save one whole session to ``folder`` atomically; return the file's path.

    Written to a temporary file first (mode 0600), flushed to disk, then renamed over the
    final name: a crash leaves either no file or a whole one. Raises ``OSError``.
    """
    from coach.journal.export import export_document, session_data

    document = export_document([session_data(session, steps, events)])
    data = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    make_private_dir(folder)  # and its missing parents: 0700 whatever the umask
    path = folder / f"{session.id}.json"
    temporary = folder / f".{session.id}.json.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    with contextlib.suppress(OSError):
        folder_descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(folder_descriptor)
        finally:
            os.close(folder_descriptor)
    return path


def _recovery_files(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as entries:
            names = [
                entry.name
                for entry in entries
                if entry.name.endswith(".json") and not entry.name.startswith(".")
            ]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [folder / name for name in sorted(names)]


def _read(path: Path) -> str:
    """The file's text, refusing what coach cannot have written (not a file, too large)."""
    if path.is_symlink():
        raise ValueError("a symlink, which coach never writes")
    try:
        return read_bounded(path, MAX_RECOVERY_BYTES).decode("utf-8")
    except UnreadableFileError as exc:
        raise ValueError(exc.reason) from None


def _describe(session: SessionRecord) -> str:
    return f"{session.routine_title} of {session.started.strftime('%Y-%m-%d %H:%M')}"


def import_recovered(journal: Journal, folder: Path | None = None) -> list[str]:
    """Add every recovery file to ``journal`` (open), deleting each one once it is in.

    Returns one line per file: which session came back, or why a file was kept. A session
    already in the journal, whole or in part, is completed from the file (never doubled).
    """
    files = _recovery_files(folder or recovery_dir_for(journal.path))
    if not files:
        return []
    from coach.journal.export import ExportFormatError, read_export

    lines: list[str] = []
    for path in files:
        try:
            parsed = read_export(_read(path))
            journal.restore_sessions(*parsed)
        except (OSError, UnicodeDecodeError, ValueError, ExportFormatError, JournalError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            lines.append(
                f"A session saved aside could not be added to the journal ({reason}); "
                f"{path} was kept and will be tried again."
            )
            continue
        with contextlib.suppress(OSError):  # kept: adding it again next time changes nothing
            path.unlink()
        what = ", ".join(_describe(session) for session in parsed.sessions) or "nothing"
        lines.append(f"Added to the journal: {what}, saved aside when it could not be written.")
    return lines
