"""A calm breathing pacer: a bar that grows on the in-breath and shrinks on the out-breath.

Low demand by design (shared/DOMAIN.md section 2): no flashing, no numbers, an eased size
change. With reduced motion it stays still at half size and only its label says in or out.
The bar is as tall as the widget (the layout gives it more rows in a large terminal) and takes
its colour from the widget's ``color`` (the session screen gives it the state's colour).
"""

from __future__ import annotations

import math

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

__all__ = ["Pacer", "pacer_fraction"]


def pacer_fraction(kind: str, elapsed: float, seconds: float) -> float:
    """How full the pacer is, 0..1, ``elapsed`` seconds into a breathing step (eased)."""
    progress = min(1.0, max(0.0, elapsed / seconds)) if seconds > 0 else 1.0
    eased = (1 - math.cos(math.pi * progress)) / 2
    if kind == "inhale":
        return eased
    if kind == "exhale":
        return 1 - eased
    return 1.0 if kind == "breath-hold-in" else 0.0


class Pacer(Widget):
    """A centred bar whose width follows ``fraction``; still when ``still`` is set."""

    DEFAULT_CSS = """
    Pacer { height: 3; width: 1fr; color: $accent; }
    """

    fraction: reactive[float] = reactive(0.0)
    still: reactive[bool] = reactive(False)

    def render(self) -> Content:
        """The bar, as tall as the widget, centred in its width."""
        width = self.size.width
        fraction = 0.5 if self.still else self.fraction
        least = 2
        bar = least + round((width - least) * fraction)
        bar -= (width - bar) % 2  # keep it centred
        bar = max(least, bar)
        pad = " " * ((width - bar) // 2)
        row = Content(pad + "█" * bar)
        return Content("\n").join([row] * max(1, self.size.height))
