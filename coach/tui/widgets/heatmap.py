"""A calendar heatmap of recent weeks: one column a week, one row a weekday.

Each day shows a glyph as well as a colour, so it reads without colour too:
``●`` done, ``◆`` walked (a walk and no session done), ``◐`` partial, ``✚`` flare, ``·`` rest,
``○`` missed, blank for days to come.
"""

from __future__ import annotations

from datetime import date, timedelta

from textual.content import Content
from textual.widget import Widget

from coach.journal.stats import DayStatus

__all__ = ["LEGEND", "CalendarHeatmap", "calendar_content"]

CELLS: dict[DayStatus | None, tuple[str, str]] = {
    DayStatus.DONE: ("●", "$success"),
    DayStatus.WALKED: ("◆", "$accent"),
    DayStatus.PARTIAL: ("◐", "$warning"),
    DayStatus.FLARE: ("✚", "$error"),
    DayStatus.REST: ("·", "$text-muted"),
    DayStatus.MISSED: ("○", "$text-muted"),
    DayStatus.PENDING: ("◌", "$text-muted"),
    None: (" ", ""),
}
LEGEND = "● done  ◆ walked  ◐ partial\n✚ flare  · rest  ○ missed  ◌ today"
ROW_NAMES = ("Mon", "", "Wed", "", "Fri", "", "Sun")


class CalendarHeatmap(Widget):
    """The last ``weeks`` weeks up to ``today``, Monday at the top."""

    DEFAULT_CSS = """
    CalendarHeatmap { height: 10; width: auto; }
    """

    def __init__(
        self,
        statuses: dict[date, DayStatus],
        today: date,
        weeks: int = 16,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.statuses = statuses
        self.today = today
        self.weeks = weeks

    def get_content_width(self, container: object, viewport: object) -> int:
        """Four columns for the weekday names, two a week."""
        return 4 + 2 * self.weeks

    def render(self) -> Content:
        """Month names, seven rows of days, the legend."""
        return calendar_content(self.statuses, self.today, self.weeks)


def calendar_content(statuses: dict[date, DayStatus], today: date, weeks: int) -> Content:
    """The last ``weeks`` weeks up to ``today``: month names, seven rows of days, the
    legend (for the calendar widget, and for home where there is room for it)."""
    first_monday = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    months: list[str] = [" "] * (2 * weeks)
    for week in range(weeks):
        monday = first_monday + timedelta(weeks=week)
        if monday.day <= 7:
            label = monday.strftime("%b")
            months[2 * week : 2 * week + len(label)] = list(label)
    rows = [Content("    " + "".join(months)[: 2 * weeks])]
    for weekday in range(7):
        parts: list[Content | str] = [f"{ROW_NAMES[weekday]:<4}"]
        for week in range(weeks):
            day = first_monday + timedelta(weeks=week, days=weekday)
            status = statuses.get(day) if day <= today else None
            glyph, style = CELLS[status]
            parts.append(Content.styled(glyph, style) if style else glyph)
            parts.append(" ")
        rows.append(Content.assemble(*parts))
    rows.extend(Content.styled(line, "$text-muted") for line in LEGEND.splitlines())
    return Content("\n").join(rows)
