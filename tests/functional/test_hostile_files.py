"""Hostile files never hang a command or fill memory (DESIGN.md section 5).

Real FIFOs, a device behind a symlink and a sparse 100 GB file, wherever coach reads a file:
a routine in the user's folder, config.toml, coach.db, an import. Each command must answer
(within the subprocess timeout), name the file and the reason, and change nothing.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import run_coach

from coach.safefile import UnreadableFileError, read_bounded, read_head

TIMEOUT_S = 20.0


def coach(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """``python -m coach`` with no terminal."""
    return run_coach(*args, home=home, timeout=TIMEOUT_S)


def fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def zero_link(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to("/dev/zero")
    return path


def sparse(path: Path, size: int = 100 * 1024**3) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        stream.truncate(size)  # 100 GB on paper, nothing on disk
    return path


HOSTILE: dict[str, Callable[[Path], Path]] = {"fifo": fifo, "dev-zero": zero_link, "sparse": sparse}


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


# -- the reader itself ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_the_bounded_reader_refuses_without_reading(kind: str, tmp_path: Path) -> None:
    path = HOSTILE[kind](tmp_path / "x.toml")
    with pytest.raises(UnreadableFileError) as caught:
        read_bounded(path, 1024)
    assert caught.value.reason.startswith("is ")
    if kind != "sparse":
        with pytest.raises(UnreadableFileError):
            read_head(path, 16)


def test_the_bounded_reader_reads_a_small_file_and_says_when_one_is_missing(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.toml").write_bytes(b"x = 1\n")
    assert read_bounded(tmp_path / "a.toml", 100) == b"x = 1\n"
    with pytest.raises(UnreadableFileError) as caught:
        read_bounded(tmp_path / "missing.toml", 100)
    assert caught.value.missing and caught.value.reason == "no such file"
    (tmp_path / "big.toml").write_bytes(b"#" * 101)
    with pytest.raises(UnreadableFileError, match="at most 100 bytes"):
        read_bounded(tmp_path / "big.toml", 100)


# -- every place coach reads a file ----------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_routine_file_is_one_problem_and_the_rest_still_load(
    kind: str, home: Path
) -> None:
    HOSTILE[kind](home / "routines" / "evil.toml")
    result = coach("routines", "list", home=home)
    assert "daily-core" in result.stdout
    assert "evil.toml" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_config_is_ignored_with_its_reason(kind: str, home: Path) -> None:
    HOSTILE[kind](home / "config.toml")
    result = coach("start", "childs-pose", "--plain", "--speed", "300", home=home)
    assert result.returncode == 0, result.stderr
    assert "settings ignored" in result.stderr and "config.toml" in result.stderr


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_hostile_journal_is_refused_and_left_alone(kind: str, home: Path) -> None:
    journal = HOSTILE[kind](home / "coach.db")
    for args in (("history",), ("start", "childs-pose", "--plain", "--speed", "300")):
        result = coach(*args, home=home)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "coach.db" in result.stderr and "left untouched" in result.stderr
    assert journal.is_fifo() or journal.is_symlink()


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_import_imports_nothing(kind: str, home: Path, tmp_path: Path) -> None:
    source = HOSTILE[kind](tmp_path / "export.json")
    result = coach("import", str(source), home=home)
    assert result.returncode == 1
    assert "export.json" in result.stderr and "nothing was imported" in result.stderr
    assert "Traceback" not in result.stderr
