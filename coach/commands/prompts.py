"""Questions the plain runner asks on a terminal: pain scores, a note, yes or no, a side."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

__all__ = ["Ask", "ask_note", "ask_pain"]

Ask = Callable[[str], str]
"""Reads one line after showing a prompt (``input`` in real use)."""

PAIN_HELP = "0 = no pain, 10 = worst imaginable"


def ask_pain(question: str, ask: Ask, out: TextIO) -> int | None:
    """A pain score 0-10, or ``None`` when the answer is blank (skipped) or input ends."""
    while True:
        try:
            answer = ask(f"{question} (0-10, {PAIN_HELP}; Enter skips): ").strip()
        except EOFError:
            return None
        if not answer:
            return None
        if answer.isdigit() and 0 <= int(answer) <= 10:
            return int(answer)
        print(f"Pain is a whole number from 0 to 10; {answer!r} is not. Or press Enter.", file=out)


def ask_note(ask: Ask) -> str | None:
    """An optional one-line note."""
    try:
        return ask("A note for your log (Enter skips): ").strip() or None
    except EOFError:
        return None
