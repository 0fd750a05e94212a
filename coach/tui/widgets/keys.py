"""Keys as the person has them: a binding's key after their ``[keys]`` remap, for display.

DESIGN.md section 4: keys are shown in the footer, the help screen and every prompt from the
live bindings, so a remap shows everywhere. The footer does that itself; this helper does it
for text (a prompt line, the help screen).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from textual.app import App
from textual.binding import Binding, BindingType

__all__ = ["WORDS", "key_text"]

WORDS = {"enter": "Enter"}
"""Keys shown as a word in text (the footer's symbol reads less well in a sentence)."""


def key_text(
    app: App[Any], bindings: Iterable[BindingType], binding_id: str, keymap: Mapping[str, str]
) -> str:
    """How the first key of the binding ``binding_id`` is shown (``e``, ``space``, ``esc``)."""
    for binding in Binding.make_bindings(bindings):
        if binding.id == binding_id:
            keys = keymap.get(binding_id, binding.key)
            first = keys.split(",")[0].strip() or binding.key
            return WORDS.get(first) or app.get_key_display(Binding(first, binding.action))
    raise KeyError(binding_id)
