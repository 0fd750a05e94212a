"""A journal coach cannot write (``chmod 400``, or its folder ``chmod 500``): the app and
``coach start --plain`` say so in one line with its fix and exit 1, before any screen, and
leave every file as it was. As root, run without CAP_DAC_OVERRIDE so that modes apply."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

NO_OVERRIDE = [
    "setpriv",
    "--bounding-set=-dac_override,-dac_read_search",
    "--inh-caps=-dac_override,-dac_read_search",
    "--",
]
HOSTILE_MODES = {
    "journal 400": ("coach.db", 0o400, "fix: chmod 600 {home}/coach.db)"),
    "folder 500": (".", 0o500, "(fix: chmod 700 {home})"),
}


def without_override() -> list[str]:
    """A prefix under which permissions apply even to root; skip where it can't be had
    (the same rule as tests/journal/test_journal_state.py)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is missing: root ignores file modes here")
    if subprocess.run([*NO_OVERRIDE, "true"], capture_output=True).returncode != 0:
        pytest.skip("cannot drop CAP_DAC_OVERRIDE here")
    return NO_OVERRIDE


def environment(home: Path) -> dict[str, str]:
    return {**os.environ, "COACH_HOME": str(home), "COACH_VOICE": "off", "TERM": "xterm"}


def snapshot(home: Path) -> dict[str, tuple[int, bytes]]:
    return {
        path.name: (path.stat().st_mode, path.read_bytes())
        for path in sorted(home.iterdir())
        if path.is_file()
    }


@pytest.fixture(params=sorted(HOSTILE_MODES))
def unwritable(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A home whose journal (one session in it) cannot be written, as ``request.param`` says,
    and the fix coach must name."""
    home = tmp_path / "home"
    made = subprocess.run(
        [sys.executable, "-m", "coach", "start", "childs-pose", "--plain", "--speed", "200"],
        capture_output=True, text=True, env=environment(home), stdin=subprocess.DEVNULL,
        timeout=120,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    name, mode, fix = HOSTILE_MODES[request.param]
    (home / name).chmod(mode)
    yield home, fix.format(home=home)
    home.chmod(0o700)


def run_on_a_terminal(argv: list[str], home: Path) -> tuple[int, str]:
    """Run ``argv`` with a pty as its terminal; its exit code and everything it printed."""
    master, slave = os.openpty()
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=environment(home),
        start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    printed = b""
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if not select.select([master], [], [], 0.2)[0]:
                if process.poll() is not None:
                    break
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # the app closed the terminal: it has ended
                break
            if not data:
                break
            printed += data
        code = process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    return code, printed.decode("utf-8", errors="replace").replace("\r\n", "\n")


@pytest.mark.parametrize(
    "args", [[], ["start", "daily-core"], ["start", "daily-core", "--plain"]], ids=" ".join
)
def test_an_unwritable_journal_is_one_line_and_exit_1(
    unwritable: tuple[Path, str], args: list[str]
) -> None:
    prefix = without_override()
    home, fix = unwritable
    before = snapshot(home)
    code, printed = run_on_a_terminal([*prefix, sys.executable, "-m", "coach", *args], home)
    assert code == 1, printed
    lines = [line for line in printed.splitlines() if line.strip()]
    assert len(lines) == 1, printed  # no screen was drawn, no traceback
    assert lines[0].startswith("coach: ") and "cannot be written by you" in lines[0]
    assert fix in lines[0]
    assert "nothing was written" in lines[0]
    assert snapshot(home) == before
