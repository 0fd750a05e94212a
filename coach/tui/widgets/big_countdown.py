"""A countdown in block digits that grows with the terminal: readable from the floor.

Five rows at 80x24 (the room there is for five), at least eleven at 160x48 and more beyond:
the digits are drawn with the scalable block font at the largest scale that fits the widget,
so the layout decides the size (``height`` in app.tcss) and the digits follow.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from coach.tui.widgets.block_font import block_lines, block_rows, centred, fit_scale

__all__ = ["BigCountdown", "big_text"]


def big_text(text: str, scale: int = 2) -> list[str]:
    """Lines drawing ``text`` (digits and colons) in block characters; five rows at scale 2."""
    return block_lines(text, scale) if text else []


class BigCountdown(Widget):
    """Shows ``value`` (e.g. ``8`` or ``1:05``) in big digits, centred."""

    DEFAULT_CSS = """
    BigCountdown { height: 5; width: 1fr; }
    """

    value: reactive[str] = reactive("")

    @property
    def scale(self) -> int | None:
        """The scale the digits are drawn at (None: too little room, shown as plain text)."""
        # Sized for the widest value of this length ("88", "8:88"), so a 1 does not grow.
        widest = "".join(":" if char == ":" else "8" for char in self.value.rjust(2, "8"))
        return fit_scale(widest, self.size.width, self.size.height)

    @property
    def rows(self) -> int:
        """How many rows the digits take on screen now (0 with nothing to show)."""
        if not self.value:
            return 0
        scale = self.scale
        return 1 if scale is None else block_rows(scale)

    def render(self) -> Content:
        """The digits, centred in the widget."""
        scale = self.scale
        if scale is None:
            return Content(self.value)
        return centred(block_lines(self.value, scale), self.size.width, self.size.height)
