"""The session's state colours: readable on each theme's real background, never alarming."""

from __future__ import annotations

import pytest
from rich.color import Color, ColorSystem
from textual.theme import BUILTIN_THEMES

from coach.engine.plan import LABELS
from coach.tui.palette import (
    DARK,
    LIGHT,
    PAUSED,
    STATES,
    contrast_ratio,
    state_colour,
    state_style,
)

RED_ANSI = {1, 9}
"""Red and bright red in the 16-colour palette."""


def background(theme_name: str) -> str:
    """The background Textual really paints for a theme (generated when the theme omits it)."""
    colours = BUILTIN_THEMES[theme_name].to_color_system().generate()
    return colours["background"].upper()


def test_contrast_formula_matches_known_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#123456", "#123456") == pytest.approx(1.0)


@pytest.mark.parametrize(("theme", "palette"), [("textual-dark", DARK), ("textual-light", LIGHT)])
def test_every_state_colour_has_text_contrast_on_its_theme(
    theme: str, palette: dict[str, str]
) -> None:
    ground = background(theme)
    dark = BUILTIN_THEMES[theme].dark
    low = {k: round(contrast_ratio(state_colour(k, dark), ground), 2) for k in palette}
    assert all(ratio >= 4.5 for ratio in low.values()), (ground, low)


def test_every_step_kind_and_the_pause_have_a_colour_a_symbol_and_a_frame() -> None:
    kinds = [*LABELS, PAUSED]
    assert set(DARK) == set(LIGHT) == set(STATES) == set(kinds)
    symbols = [state_style(kind).symbol for kind in kinds]
    assert len(set(symbols)) == len(symbols), "each state reads without colour"


@pytest.mark.parametrize("palette", [DARK, LIGHT])
def test_no_state_turns_red_on_a_16_colour_terminal(palette: dict[str, str]) -> None:
    downgraded = {
        kind: Color.parse(colour).downgrade(ColorSystem.STANDARD).number
        for kind, colour in palette.items()
    }
    assert not {k: n for k, n in downgraded.items() if n in RED_ANSI}
    assert downgraded["hold"] in {3, 11}, "a hold is yellow, not red"


def test_a_bad_colour_is_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="#RRGGBB"):
        contrast_ratio("red", "#FFFFFF")
