"""The 0-10 pain scale as eleven boxes: one key picks a score, the choice is plain to see.

A person lying on the floor should not have to type into a two-character field: a digit key
picks its box, ``t`` (or ``1`` then ``0``) picks 10, the arrows move, a click picks a box. The
chosen box is filled and drawn with a heavy border, so it reads without colour too. The
anchors are the Numeric Rating Scale's own words (shared/DOMAIN.md section 4). In a large
terminal (the ``-large`` class) each box holds Textual's three-row digits.

The scale only picks; what Enter does (save, next field) is the screen's.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Digits, Static

__all__ = [
    "HIGHEST",
    "HIGH_ANCHOR",
    "LOW_ANCHOR",
    "PainBox",
    "PainScale",
    "anchors_text",
]

HIGHEST = 10
"""The top of the Numeric Rating Scale (0 is its bottom)."""
LOW_ANCHOR = "no pain"
"""What 0 means (Farrar 2001; DOMAIN.md section 4)."""
HIGH_ANCHOR = "worst pain imaginable"
"""What 10 means (Farrar 2001; DOMAIN.md section 4)."""

_PICK = Binding.Group("pick", compact=True)
"""The digit keys, shown together in the footer as one entry."""


def anchors_text() -> str:
    """``0 = no pain  ·  10 = worst pain imaginable``: the scale's words in one line."""
    return f"0 = {LOW_ANCHOR}  ·  {HIGHEST} = {HIGH_ANCHOR}"


class PainBox(Widget):
    """One score of the scale: a small digit, or large digits in a large terminal."""

    def __init__(self, value: int) -> None:
        super().__init__(id=f"pain-{value}", classes="pain-box")
        self.value = value

    def compose(self) -> ComposeResult:
        yield Static(str(self.value), classes="pain-number", markup=False)
        yield Digits(str(self.value), classes="pain-digits")


class PainScale(Widget, can_focus=True):
    """Eleven boxes, 0 to 10; ``value`` is the chosen score (``None`` until one is picked)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(d), f"digit({d})", "pick", group=_PICK, id=f"pain_scale.digit{d}")
            for d in range(10)
        ),
        Binding("t", f"pick({HIGHEST})", str(HIGHEST), id="pain_scale.ten"),
        Binding("left", "move(-1)", "lower", id="pain_scale.lower"),
        Binding("right", "move(1)", "higher", id="pain_scale.higher"),
    ]

    DEFAULT_CSS = """
    PainScale { height: auto; width: auto; }
    PainScale > Horizontal { height: auto; width: auto; }
    PainScale .pain-box {
        width: 5; height: 3; border: round $foreground 40%; content-align: center middle;
    }
    PainScale .pain-number { width: 100%; content-align: center middle; }
    PainScale .pain-digits { display: none; width: auto; }
    PainScale .pain-box.-chosen {
        border: heavy $accent; background: $accent; color: $background; text-style: bold;
    }
    PainScale:focus .pain-box.-chosen { border: heavy $foreground; }
    PainScale.-large .pain-box { width: 10; height: 5; align: center middle; }
    PainScale.-large .pain-number { display: none; }
    PainScale.-large .pain-digits { display: block; }
    PainScale #pain-anchors { width: 100%; height: 1; color: $text-muted; }
    PainScale #pain-low { width: 1fr; }
    PainScale #pain-high { width: auto; }
    """

    value: reactive[int | None] = reactive(None, init=False)

    class Changed(Message):
        """The chosen score changed (a key, an arrow or a click)."""

        def __init__(self, scale: PainScale, value: int) -> None:
            super().__init__()
            self.scale = scale
            self.value = value

        @property
        def control(self) -> PainScale:
            """The scale that changed."""
            return self.scale

    def __init__(self, value: int | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(PainScale.value, value)
        self._after_one = False
        """True right after the key ``1``: a ``0`` then makes 10, as typing "10" did."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="pain-boxes"):
            for score in range(HIGHEST + 1):
                yield PainBox(score)
        with Horizontal(id="pain-anchors"):
            yield Static(f"0 {LOW_ANCHOR}", id="pain-low", markup=False)
            yield Static(f"{HIGHEST} {HIGH_ANCHOR}", id="pain-high", markup=False)

    def on_mount(self) -> None:
        """Show the starting choice, if any."""
        self.watch_value(self.value)

    def watch_value(self, value: int | None) -> None:
        """Fill the chosen box, empty the others."""
        for box in self.query(PainBox):
            box.set_class(box.value == value, "-chosen")

    def pick(self, value: int) -> None:
        """Choose ``value`` (0-10) and say so."""
        self.value = max(0, min(HIGHEST, value))
        self.post_message(self.Changed(self, self.value))

    def action_digit(self, digit: int) -> None:
        """A digit picks its box; ``0`` right after ``1`` picks 10."""
        if digit == 0 and self._after_one:
            self._after_one = False
            self.pick(HIGHEST)
            return
        self.pick(digit)
        self._after_one = digit == 1

    def action_pick(self, value: int) -> None:
        """A key for one score (``t``: 10)."""
        self._after_one = False
        self.pick(value)

    def action_move(self, step: int) -> None:
        """One box lower or higher; from no choice yet, the first move lands on 0."""
        self._after_one = False
        self.pick(0 if self.value is None else self.value + step)

    def on_click(self, event: events.Click) -> None:
        """A click on a box picks it."""
        widget = event.widget
        while widget is not None and not isinstance(widget, PainBox):
            widget = widget.parent if isinstance(widget.parent, Widget) else None
        if isinstance(widget, PainBox):
            self._after_one = False
            self.focus()
            self.pick(widget.value)
