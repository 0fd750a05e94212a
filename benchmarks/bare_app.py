"""The baseline for benchmarks/tui_bench.py: a bare Textual app updating a clock at 10 Hz."""

from __future__ import annotations

import time

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareClock(App[None]):
    """One Static showing the time, refreshed ten times a second."""

    def compose(self) -> ComposeResult:
        yield Static("ready", id="clock")

    def on_mount(self) -> None:
        self.set_interval(0.1, self.tick)

    def tick(self) -> None:
        self.query_one(Static).update(f"ready {time.monotonic():.1f}")


if __name__ == "__main__":
    BareClock().run()
