"""The core packages never import the terminal UI libraries (Textual, Rich)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

CORE = [
    "coach.routine",
    "coach.engine",
    "coach.flow",
    "coach.flow.session_flow",
    "coach.coaching",
    "coach.coaching.outcome",
    "coach.coaching.redflags",
    "coach.coaching.traffic",
    "coach.coaching.after",
    "coach.plain_flow",
    "coach.locations",
    "coach.voice",
    "coach.commands.doctor",
]
OPTIONAL = ["coach.journal", "coach.settings"]
UI = ["textual", "rich"]


def existing(names: list[str]) -> list[str]:
    return [name for name in names if importlib.util.find_spec(name) is not None]


@pytest.mark.parametrize("module", CORE + OPTIONAL)
def test_core_module_does_not_import_the_ui(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} does not exist yet")
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        f"print(sorted(name for name in {UI!r} if name in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_all_core_modules_together_do_not_import_the_ui() -> None:
    modules = CORE + existing(OPTIONAL)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(sorted(name for name in sys.modules if name.split('.')[0] in {UI!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_check_would_notice_the_ui() -> None:
    # The subprocess sees the same packages: importing textual there does show up.
    if importlib.util.find_spec("textual") is None:
        pytest.skip("textual is not installed")
    code = "import sys, textual\nprint('textual' in sys.modules)\n"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.stdout.strip() == "True"
