"""Read a file the user or a program handed us without hanging or filling memory.

DESIGN.md section 5: only regular files are read, their size is checked before reading, and
reads are bounded. A FIFO named ``x.toml`` would block ``open`` for ever, ``/dev/zero`` behind
a symlink would never end, and a sparse 100 GB file would be read whole before its length was
checked. ``read_bounded`` opens without blocking, looks at what the path really is (after
symlinks), refuses anything but a regular file or anything over ``max_bytes``, then reads at
most ``max_bytes`` (a file that grows while being read is refused too).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

__all__ = ["UnreadableFileError", "file_kind", "open_regular", "read_bounded", "read_head"]

_CHUNK = 1 << 20


class UnreadableFileError(Exception):
    """Why a file was not read, in words for the user (``no such file``, ``is a FIFO``...)."""

    def __init__(self, path: Path, reason: str, missing: bool = False) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason
        self.missing = missing


def file_kind(mode: int) -> str:
    """What a path that is not a regular file is, for a message."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _megabytes(size: int) -> str:
    return f"{size:,} bytes" if size < 10 * _CHUNK else f"{size / _CHUNK:,.0f} MB"


def _open(path: Path) -> int:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        return os.open(path, flags)
    except FileNotFoundError:
        raise UnreadableFileError(path, "no such file", missing=True) from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a FIFO or socket with nobody on the other end
            raise UnreadableFileError(path, "is not a regular file") from None
        raise UnreadableFileError(path, f"cannot be read: {exc.strerror or exc}") from None


def _read_all(descriptor: int, path: Path, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(descriptor, min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise UnreadableFileError(path, f"is larger than {_megabytes(max_bytes)}")


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; else ``UnreadableFileError``."""
    descriptor = _open(path)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFileError(path, f"is {file_kind(info.st_mode)}, not a file")
        if info.st_size > max_bytes:
            raise UnreadableFileError(
                path, f"is {_megabytes(info.st_size)}; at most {_megabytes(max_bytes)} is read"
            )
        try:
            return _read_all(descriptor, path, max_bytes)
        except OSError as exc:
            raise UnreadableFileError(path, f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(descriptor)


def read_head(path: Path, count: int) -> bytes:
    """The first ``count`` bytes of a regular file (of any size); else ``UnreadableFileError``."""
    descriptor = _open(path)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFileError(path, f"is {file_kind(info.st_mode)}, not a file")
        return os.read(descriptor, count)
    except OSError as exc:
        raise UnreadableFileError(path, f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(descriptor)


def open_regular(path: Path) -> BinaryIO:
    """A regular file opened for reading as a stream, of any size (the caller bounds what it
    keeps); else ``UnreadableFileError``. For reading in pieces, such as an import."""
    descriptor = _open(path)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFileError(path, f"is {file_kind(info.st_mode)}, not a file")
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
