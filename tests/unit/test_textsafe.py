"""Text for the terminal: controls and bidirectional overrides gone, everything else kept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.textsafe import one_line, printable, visible

CONTROLS = [chr(c) for c in (*range(0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0))]
BIDI = list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@pytest.mark.parametrize("hostile", CONTROLS + BIDI)
def test_printable_drops_controls_and_bidi_overrides(hostile: str) -> None:
    assert printable(f"a{hostile}b") == "ab"


def test_printable_keeps_line_breaks_tabs_and_every_script() -> None:
    text = "Pain 3 → 1\tok\nשלום مرحبا 你好 café"
    assert printable(text) == text


def test_one_line_makes_one_line() -> None:
    assert one_line("a\n\nb\tc\r\x1b[2J") == "a b c[2J"


@given(st.text())
def test_printable_output_drives_nothing(text: str) -> None:
    shown = printable(text)
    assert not any(ch in shown for ch in CONTROLS + BIDI if ch not in "\n\t")
    assert printable(shown) == shown
    assert "\n" not in one_line(text) and "\t" not in one_line(text)


@given(st.text())
def test_visible_shows_every_unseen_character_as_an_escape(text: str) -> None:
    shown = visible(text)
    assert shown.isprintable()
    assert visible(shown) == shown
