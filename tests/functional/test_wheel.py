"""A non-editable install must find the built-in routines: they travel inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_ships_the_routines_and_finds_them(tmp_path: Path) -> None:
    wheel_dir = tmp_path / "wheel"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(wheel_dir),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheel_dir.glob("coach-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    shipped = {Path(name).name for name in names if name.startswith("coach/routines/")}
    in_repo = {path.name for path in (ROOT / "routines").rglob("*.toml")}
    assert in_repo and in_repo <= shipped
    assert "coach/data/cards.toml" in names  # the education cards travel inside the package

    # Run from the unpacked wheel, not the source tree: the routines must be found there.
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site"), "COACH_HOME": str(tmp_path / "h")}
    code = (
        "import coach.locations as l, coach.routine as r\n"
        "assert 'site' in str(l.builtin_routines_dir()), l.builtin_routines_dir()\n"
        "lib = r.load_default_library()\n"
        "assert not lib.problems, lib.problems\n"
        "print(len(lib.routines))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == len(list((ROOT / "routines").glob("*.toml")))
