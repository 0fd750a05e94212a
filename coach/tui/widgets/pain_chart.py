"""A pain chart on the fixed 0-10 scale: the 7-day mean before (and after) sessions, by day.

Written here rather than taken from a plotting package: a pain score only makes sense against
the whole 0-10 scale (Textual's Sparkline scales to the data's own range), two series must be
told apart without colour, and a dependency for one small chart would cost more than these
lines do.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from coach.journal.stats import PainPoint

__all__ = ["LEGEND", "PainChart", "fitting_points"]

LEGEND = "left bar before, right bar after"

EIGHTHS = " ▁▂▃▄▅▆▇█"


def _column(value: float | None, height: int) -> list[str]:
    """Bar cells for one value on a 0-10 scale, top row first."""
    if value is None:
        return [" "] * height
    eighths = round(value / 10 * height * 8)
    cells = []
    for row in range(height):
        from_bottom = height - 1 - row
        filled = min(8, max(0, eighths - from_bottom * 8))
        cells.append(EIGHTHS[filled])
    return cells


def fitting_points(width: int) -> int:
    """How many points (two bars each) a chart ``width`` columns wide has room for."""
    return max(1, (width - SCALE_WIDTH) // 2)


SCALE_WIDTH = 3


class PainChart(Widget):
    """Before (left bar of each point) and after (right bar), 0 at the bottom, 10 at the top.

    It takes the width it is given: each bar is as many columns wide as fit, so four weeks
    fill a wide terminal as a year does (the caller sizes the points: ``fitting_points``).
    """

    DEFAULT_CSS = """
    PainChart { height: 8; width: 1fr; }
    """

    def __init__(self, points: tuple[PainPoint, ...], height: int = 6, *, id: str | None = None):
        super().__init__(id=id)
        self.points = points
        self.bar_height = height

    def show(self, points: tuple[PainPoint, ...]) -> None:
        """Draw ``points`` instead."""
        self.points = points
        self.refresh()

    def render(self) -> Content:
        """The bars, the scale, and the first and last day (the legend is the caller's)."""
        height = self.bar_height
        count = max(1, len(self.points))
        bar = max(1, (self.size.width - SCALE_WIDTH) // (2 * count))
        befores = [_column(p.before, height) for p in self.points]
        afters = [_column(p.after, height) for p in self.points]
        rows: list[Content] = []
        for row in range(height):
            label = "10 " if row == 0 else (" 5 " if row == height // 2 else "   ")
            parts: list[Content | str] = [Content.styled(label, "$text-muted")]
            for before, after in zip(befores, afters, strict=True):
                parts.append(Content.styled(before[row] * bar, "$warning"))
                parts.append(Content.styled(after[row] * bar, "$success"))
            rows.append(Content.assemble(*parts))
        drawn = 2 * bar * len(self.points)
        rows.append(Content.styled(" 0 " + "▔" * drawn, "$text-muted"))
        if self.points:
            first = self.points[0].day.strftime("%d %b %Y")
            last = self.points[-1].day.strftime("%d %b %Y")
            gap = max(1, drawn - len(first) - len(last))
            rows.append(Content.styled(f"   {first}{' ' * gap}{last}", "$text-muted"))
        return Content("\n").join(rows)
