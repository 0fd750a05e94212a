"""``-o FILE`` of ``export`` and ``report`` (DESIGN.md section 5), and a full standard output.

Real files, real symlinks, a real FIFO and real devices: a link is written through and stays
a link, a folder/device/FIFO/socket is refused by name with nothing changed (and never
blocks), permissions are kept, a new file is private, and ``> /dev/full`` is one line.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import run_coach

from coach.outfile import OutputError, write_output

TIMEOUT_S = 20.0


def coach(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return run_coach(*args, home=home, timeout=TIMEOUT_S)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def written(path: Path, text: str = "new\n") -> Path:
    write_output(iter([text[:2], text[2:]]), str(path), out=None)  # type: ignore[arg-type]
    return path


# -- the writer ---------------------------------------------------------------------------------


def test_a_new_file_is_private(tmp_path: Path) -> None:
    path = written(tmp_path / "out.json")
    assert path.read_text() == "new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    path.write_text("old\n")
    path.chmod(0o640)
    written(path)
    assert path.read_text() == "new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    synced = tmp_path / "synced"
    synced.mkdir()
    target = synced / "backup.json"
    target.write_text("old\n")
    target.chmod(0o644)
    link = tmp_path / "backup.json"
    link.symlink_to(target)
    chain = tmp_path / "chain.json"
    chain.symlink_to(link)
    written(chain)
    assert chain.is_symlink() and link.is_symlink()
    assert link.readlink() == target
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert sorted(p.name for p in synced.iterdir()) == ["backup.json"]  # no temporary left


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    """Decided: written through like any link (as ``>`` would), the target made private."""
    link = tmp_path / "backup.json"
    link.symlink_to(tmp_path / "later.json")
    written(link)
    assert link.is_symlink()
    assert (tmp_path / "later.json").read_text() == "new\n"
    assert stat.S_IMODE((tmp_path / "later.json").stat().st_mode) == 0o600


def make_fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def make_socket(path: Path) -> Path:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()
    return path


def make_folder(path: Path) -> Path:
    path.mkdir()
    return path


def link_to(target: str) -> object:
    def make(path: Path) -> Path:
        path.symlink_to(target)
        return path

    return make


KINDS = {
    "folder": (make_folder, "is a folder, not a file"),
    "fifo": (make_fifo, "is a FIFO (named pipe), not a file"),
    "socket": (make_socket, "is a socket, not a file"),
    "dev-null": (lambda path: Path("/dev/null"), "is a character device, not a file"),
    "link-to-dev-null": (link_to("/dev/null"), "a link to /dev/null, which is a character device"),
    "link-to-folder": (link_to("/"), "a link to /, which is a folder"),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_what_is_not_a_file_is_refused_by_name_and_left_alone(kind: str, tmp_path: Path) -> None:
    make, reason = KINDS[kind]
    path = make(tmp_path / "out.json")  # type: ignore[operator]
    before = os.lstat(path)
    with pytest.raises(OutputError) as caught:
        written(path)
    assert str(caught.value).startswith(f"cannot write {path}: ")
    assert reason in str(caught.value) and "nothing was changed" in str(caught.value)
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino, after.st_mtime_ns) == (
        before.st_mode,
        before.st_ino,
        before.st_mtime_ns,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        ["out.json"] if kind != "dev-null" else []
    )


def test_a_loop_of_links_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(OutputError, match="loop of symlinks"):
        written(tmp_path / "a")


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"the folder .*nowhere does not exist"):
        written(tmp_path / "nowhere" / "out.json")


def test_a_failure_while_writing_leaves_the_old_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    path.write_text("old\n")

    def chunks() -> object:
        yield "half"
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="No space left on device; the old file is unchanged"):
        write_output(chunks(), str(path), out=None)  # type: ignore[arg-type]
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


# -- through the command line -------------------------------------------------------------------


@pytest.mark.parametrize("command", [["export", "--format", "json"], ["report"]])
def test_export_and_report_write_through_a_link_and_refuse_a_fifo(
    command: list[str], home: Path, tmp_path: Path
) -> None:
    target = tmp_path / "real.out"
    target.write_text("old\n")
    link = tmp_path / "link.out"
    link.symlink_to(target)
    result = coach(*command, "-o", str(link), home=home)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and target.read_text() != "old\n"

    fifo = make_fifo(tmp_path / "pipe.out")
    result = coach(*command, "-o", str(fifo), home=home)  # would block for ever if opened
    assert result.returncode == 1
    assert result.stderr == (
        f"coach: cannot write {fifo}: is a FIFO (named pipe), not a file; nothing was changed\n"
    )
    assert fifo.is_fifo()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this machine")
@pytest.mark.parametrize(
    "command",
    [["history", "--json"], ["stats"], ["export", "--format", "csv"], ["routines", "list"]],
)
def test_a_full_standard_output_is_one_line_and_exit_1(command: list[str], home: Path) -> None:
    env = {**os.environ, "COACH_HOME": str(home)}
    with open("/dev/full", "wb") as full:  # noqa: PTH123 - a device to hand over as stdout
        result = subprocess.run(
            [sys.executable, "-m", "coach", *command],
            stdout=full,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=env,
            timeout=TIMEOUT_S,
            check=False,
            text=True,
        )
    assert result.returncode == 1
    assert result.stderr == "coach: cannot write the output: No space left on device\n"


def test_a_pipe_closed_before_the_output_ends_quietly(home: Path) -> None:
    """Like ``| head`` exiting at once: the write fails with a broken pipe, said nothing of."""
    env = {**os.environ, "COACH_HOME": str(home)}
    process = subprocess.Popen(
        [sys.executable, "-m", "coach", "routines", "schema"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before Python has even started: every write fails
    assert process.wait(timeout=TIMEOUT_S) == 0
    assert process.stderr.read() == b""


@pytest.mark.parametrize("command", [("export", "--format", "json"), ("report",)])
def test_the_output_never_replaces_its_own_journal(
    command: tuple[str, ...], home: Path, tmp_path: Path
) -> None:
    assert coach("history", home=home).returncode == 0  # creates the journal
    journal = home / "coach.db"
    link = tmp_path / "backup.json"
    link.symlink_to(journal)
    before = journal.read_bytes()
    for target in (journal, link):
        result = coach(*command, "-o", str(target), home=home)
        assert result.returncode == 1
        assert "is the journal itself (or its log); nothing was changed" in result.stderr
    assert journal.read_bytes() == before
