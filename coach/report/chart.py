"""The pain chart of the HTML report, as inline SVG.

Written here rather than taken from a charting library: it is a few dozen lines (two
polylines, markers, a grid and a legend), and a library would add a dependency that pulls
scripts or fonts for a picture this plain. Before and after are told apart without colour,
so the chart survives a black-and-white printer and colour blindness: before is a solid line
with filled circles, after a dashed line with open squares, daily scores (when logged) a
dotted line with triangles. Days without a score break the line. The y axis is the 0-10
scale, always whole, so a small change never looks like a big one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

__all__ = ["Series", "pain_chart"]

WIDTH, HEIGHT = 680, 140
LEFT, RIGHT, TOP, BOTTOM = 34, 12, 26, 24


@dataclass(frozen=True)
class Series:
    """One line of the chart: a value (0-10) or ``None`` per day."""

    label: str
    values: Sequence[float | None]
    dash: str
    """``stroke-dasharray``: ``none`` solid, ``6 4`` dashed, ``1.5 3`` dotted."""
    marker: str
    """``circle``, ``square`` or ``triangle``."""


def _x(i: int, days: int) -> float:
    step = (WIDTH - LEFT - RIGHT) / max(days - 1, 1)
    return round(LEFT + i * step, 1)


def _y(value: float) -> float:
    return round(TOP + (10 - value) * (HEIGHT - TOP - BOTTOM) / 10, 1)


def _marker(kind: str, x: float, y: float) -> str:
    if kind == "circle":
        return f'<circle cx="{x}" cy="{y}" r="3" fill="#000"/>'
    if kind == "square":
        return f'<rect x="{x - 3}" y="{y - 3}" width="6" height="6" fill="#fff" stroke="#000"/>'
    return f'<path d="M{x} {y - 3.5}L{x + 3.5} {y + 3}H{x - 3.5}Z" fill="#777"/>'


def _line(series: Series, days: int) -> list[str]:
    """Polylines over runs of days with values (a gap breaks the line), and the markers."""
    parts, run = [], []
    for i, value in enumerate([*series.values, None]):
        if value is not None:
            run.append(f"{_x(i, days)},{_y(value)}")
            parts.append(_marker(series.marker, _x(i, days), _y(value)))
        elif run:
            if len(run) > 1:
                parts.insert(
                    0,
                    f'<polyline points="{" ".join(run)}" fill="none" stroke="#000" '
                    f'stroke-width="1.4" stroke-dasharray="{series.dash}"/>',
                )
            run = []
    return parts


def _axes(days: Sequence[date]) -> list[str]:
    parts = []
    for value in range(0, 11, 2):
        y = _y(value)
        parts.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="#ccc" '
            f'stroke-width="0.6"/><text x="{LEFT - 6}" y="{y + 3.5}" '
            f'text-anchor="end">{value}</text>'
        )
    last = -100.0
    for i, day in enumerate(days):
        x = _x(i, len(days))
        if i == 0 or (day.weekday() == 0 and x - last >= 44):
            last = x
            parts.append(
                f'<line x1="{x}" y1="{TOP}" x2="{x}" y2="{HEIGHT - BOTTOM}" stroke="#ddd" '
                f'stroke-width="0.6"/><text x="{x}" y="{HEIGHT - 8}" text-anchor="middle">'
                f"{day.day} {day:%b}{'' if i else f' {day.year}'}</text>"
            )
    return parts


def _legend(series: Sequence[Series]) -> list[str]:
    parts, x = [], LEFT
    for s in series:
        parts.append(
            f'<line x1="{x}" y1="10" x2="{x + 28}" y2="10" stroke="#000" stroke-width="1.4" '
            f'stroke-dasharray="{s.dash}"/>{_marker(s.marker, x + 14, 10)}'
            f'<text x="{x + 34}" y="14">{s.label}</text>'
        )
        x += 40 + 7 * len(s.label)
    return parts


def pain_chart(days: Sequence[date], series: Sequence[Series], title: str) -> str:
    """An ``<svg>`` element (no script, no link, no font of its own) drawing ``series`` over
    ``days``; ``title`` (coach's own words) names it for screen readers."""
    body = [*_axes(days), *_legend(series)]
    for s in series:
        body += _line(s, len(days))
    return (
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{title}" font-size="10" font-family="sans-serif">'
        f"<title>{title}</title>{''.join(body)}</svg>"
    )
