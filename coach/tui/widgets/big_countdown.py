"""A countdown in five-row block digits: readable from the floor, at a glance.

Textual's own Digits are three rows tall; at 80x24 there is room for five, and size is the
point here. Each digit is a 3x5 grid of pixels drawn two characters wide, so it looks square.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

__all__ = ["FONT", "BigCountdown", "big_text"]

FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", ".#.", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
}


def big_text(text: str) -> list[str]:
    """Five lines drawing ``text`` (digits and colons) in block characters."""
    rows = ["", "", "", "", ""]
    for position, char in enumerate(text):
        glyph = FONT.get(char)
        if glyph is None:
            continue
        for row in range(5):
            cells = "".join("██" if pixel == "#" else "  " for pixel in glyph[row])
            rows[row] += ("  " if position else "") + cells
    return rows


class BigCountdown(Widget):
    """Shows ``value`` (e.g. ``8`` or ``1:05``) in big digits, centred."""

    DEFAULT_CSS = """
    BigCountdown { height: 5; width: 1fr; }
    """

    value: reactive[str] = reactive("")

    def render(self) -> Content:
        """The digits, centred in the widget's width."""
        lines = big_text(self.value)
        width = max((len(line) for line in lines), default=0)
        pad = " " * max(0, (self.size.width - width) // 2)
        return Content("\n".join(pad + line for line in lines))
