"""A block font that scales: big letters and digits drawn with full and half blocks.

Someone on the floor two metres away reads the countdown and the state from across the room,
so the text grows with the terminal. Each glyph is a 3x5 grid of pixels (a few are narrower);
at scale ``k`` a pixel is ``k`` columns wide and ``k`` half-rows tall (a cell is about twice
as tall as wide, so it stays square). Half blocks (``▀ ▄``) give a step of half a row, so the
sizes are 3, 5, 8, 10, 13, 15 ... rows. Scale 2 is the five-row font of the old countdown,
cell for cell. ``BlockText`` draws its text at the largest scale that fits its size and
falls back to plain text when none does (or when a character has no glyph).
"""

from __future__ import annotations

import math

from textual.content import Content
from textual.visual import VisualType
from textual.widgets import Static

__all__ = ["GLYPHS", "BlockText", "block_lines", "block_rows", "block_width", "fit_scale"]

GLYPHS: dict[str, tuple[str, ...]] = {
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
    " ": ("..", "..", "..", "..", ".."),
    "-": ("...", "...", "###", "...", "..."),
    "'": ("#", "#", ".", ".", "."),
    ".": (".", ".", ".", ".", "#"),
    "A": (".#.", "#.#", "###", "#.#", "#.#"),
    "B": ("##.", "#.#", "##.", "#.#", "##."),
    "C": (".##", "#..", "#..", "#..", ".##"),
    "D": ("##.", "#.#", "#.#", "#.#", "##."),
    "E": ("###", "#..", "##.", "#..", "###"),
    "F": ("###", "#..", "##.", "#..", "#.."),
    "G": (".##", "#..", "#.#", "#.#", ".##"),
    "H": ("#.#", "#.#", "###", "#.#", "#.#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"),
    "J": ("..#", "..#", "..#", "#.#", ".#."),
    "K": ("#.#", "#.#", "##.", "#.#", "#.#"),
    "L": ("#..", "#..", "#..", "#..", "###"),
    "M": ("#...#", "##.##", "#.#.#", "#...#", "#...#"),
    "N": ("#..#", "##.#", "#.##", "#..#", "#..#"),
    "O": (".#.", "#.#", "#.#", "#.#", ".#."),
    "P": ("##.", "#.#", "##.", "#..", "#.."),
    "Q": (".#.", "#.#", "#.#", "##.", ".##"),
    "R": ("##.", "#.#", "##.", "#.#", "#.#"),
    "S": (".##", "#..", ".#.", "..#", "##."),
    "T": ("###", ".#.", ".#.", ".#.", ".#."),
    "U": ("#.#", "#.#", "#.#", "#.#", "###"),
    "V": ("#.#", "#.#", "#.#", "#.#", ".#."),
    "W": ("#...#", "#...#", "#.#.#", "#.#.#", ".#.#."),
    "X": ("#.#", "#.#", ".#.", "#.#", "#.#"),
    "Y": ("#.#", "#.#", ".#.", ".#.", ".#."),
    "Z": ("###", "..#", ".#.", "#..", "###"),
}
"""Digits, a colon, capitals and a little punctuation; lower case is drawn as capitals.
M, N and W are wider than three pixels: squeezed into three they read as H."""

GLYPH_ROWS = 5
HALVES = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def drawable(text: str) -> bool:
    """True when every character of ``text`` has a glyph (else it is shown as plain text)."""
    return bool(text) and all(char in GLYPHS for char in text.upper())


def block_rows(scale: int) -> int:
    """How many terminal rows the font takes at ``scale``."""
    return math.ceil(GLYPH_ROWS * scale / 2)


def block_width(text: str, scale: int) -> int:
    """How many columns ``text`` takes at ``scale`` (a pixel's gap between glyphs)."""
    pixels = sum(len(GLYPHS[char][0]) for char in text.upper()) + max(0, len(text) - 1)
    return pixels * scale


def fit_scale(
    text: str, width: int, height: int, largest: int = 12, smallest: int = 2
) -> int | None:
    """The largest scale (``smallest`` .. ``largest``) at which ``text`` fits ``width`` x
    ``height``; None when it does not fit at ``smallest`` or cannot be drawn. Scale 1 (three
    rows, one column a pixel) is too coarse for letters, so words start at 2."""
    if not drawable(text):
        return None
    for scale in range(largest, smallest - 1, -1):
        if block_rows(scale) <= height and block_width(text, scale) <= width:
            return scale
    return None


def _pixel_rows(text: str) -> list[list[bool]]:
    """The text as five rows of pixels, a blank pixel column between glyphs."""
    rows: list[list[bool]] = [[] for _ in range(GLYPH_ROWS)]
    for position, char in enumerate(text.upper()):
        glyph = GLYPHS[char]
        for row in range(GLYPH_ROWS):
            if position:
                rows[row].append(False)
            rows[row].extend(pixel == "#" for pixel in glyph[row])
    return rows


def block_lines(text: str, scale: int) -> list[str]:
    """``text`` drawn at ``scale``: ``block_rows(scale)`` lines of equal width."""
    halves: list[list[bool]] = []
    for row in _pixel_rows(text):
        wide = [pixel for pixel in row for _ in range(scale)]
        halves.extend([wide] * scale)
    if len(halves) % 2:
        halves.append([False] * len(halves[0]))
    return [
        "".join(HALVES[pair] for pair in zip(top, bottom, strict=True))
        for top, bottom in zip(halves[::2], halves[1::2], strict=True)
    ]


def centred(lines: list[str], width: int, height: int) -> Content:
    """Lines placed in the middle of a ``width`` x ``height`` area."""
    line_width = max((len(line) for line in lines), default=0)
    pad = " " * max(0, (width - line_width) // 2)
    above = [""] * max(0, (height - len(lines)) // 2)
    return Content("\n".join(above + [pad + line for line in lines]))


class BlockText(Static):
    """A ``Static`` whose text is drawn in the block font when its size allows.

    Its ``content`` stays the plain text it was given (tests and screen readers read that);
    only the drawing changes. ``largest`` caps the scale, so a name never outgrows the
    countdown.
    """

    DEFAULT_CSS = """
    BlockText { height: 1; }
    """

    def __init__(
        self, content: VisualType = "", *, largest: int = 12, id: str | None = None
    ) -> None:
        super().__init__(content, id=id, markup=False)
        self.largest = largest

    @property
    def scale(self) -> int | None:
        """The scale the text is drawn at now; None when it is plain text."""
        return fit_scale(str(self.content), self.size.width, self.size.height, self.largest)

    def render(self) -> VisualType:
        """The block letters, centred, or the plain text when they do not fit."""
        scale = self.scale
        if scale is None:
            return super().render()
        lines = block_lines(str(self.content), scale)
        return centred(lines, self.size.width, self.size.height)
