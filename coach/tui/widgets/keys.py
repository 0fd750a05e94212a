"""Keys as the person has them: a binding's key after their ``[keys]`` remap, for display.

DESIGN.md section 4: keys are shown in the footer, the help screen and every prompt from the
live bindings, so a remap shows everywhere. The footer does that itself; this helper does it
for text (a prompt line, the help screen).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from textual.app import App
from textual.binding import Binding, BindingType

__all__ = ["APP_KEYS", "WORDS", "binding_keys", "key_text", "menu_text"]

APP_KEYS: list[BindingType] = [
    Binding("question_mark", "app.help", "Help", show=False, id="app.help"),
    Binding("q", "app.quit", "Quit", show=False, id="app.quit"),
]
"""Help and quit on a dialog too: a modal screen does not take the app's keys, and ``?`` and
``q`` act the same on every screen. Same ids as the app's bindings, so a remap applies here
as well; not in the dialog's footer, which keeps to the dialog's own keys."""

WORDS = {"enter": "Enter"}
"""Keys shown as a word in text (the footer's symbol reads less well in a sentence)."""


def binding_keys(app: App[Any], binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    """Every key of ``binding`` after the person's remap, as shown (``n``, ``esc``)."""
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    names = [name.strip() for name in keys.split(",") if name.strip()] or [binding.key]
    return [WORDS.get(name) or app.get_key_display(Binding(name, binding.action)) for name in names]


def key_text(
    app: App[Any], bindings: Iterable[BindingType], binding_id: str, keymap: Mapping[str, str]
) -> str:
    """How the first key of the binding ``binding_id`` is shown (``e``, ``space``, ``esc``)."""
    for binding in Binding.make_bindings(bindings):
        if binding.id == binding_id:
            return binding_keys(app, binding, keymap)[0]
    raise KeyError(binding_id)


def menu_text(
    app: App[Any],
    bindings: Iterable[BindingType],
    binding_ids: Sequence[str],
    keymap: Mapping[str, str],
    columns: int = 2,
    short: bool = False,
) -> str:
    """A menu of ``binding_ids`` in ``columns``: each binding's key as the person has it, and
    its tooltip (its description when ``short``, or without one), so the menu never says a
    key the person does not have."""
    by_id = {b.id: b for b in Binding.make_bindings(bindings) if b.id}
    entries = []
    for binding_id in binding_ids:
        binding = by_id[binding_id]
        key = binding_keys(app, binding, keymap)[0]
        words = binding.description if short else binding.tooltip or binding.description
        entries.append((key, words.lower() if short else words))
    key_width = max((len(key) for key, _ in entries), default=0)
    cells = [f"{key:<{key_width}}  {what}" for key, what in entries]
    cell_width = max((len(cell) for cell in cells), default=0) + 4
    rows = [cells[start : start + columns] for start in range(0, len(cells), columns)]
    return "\n".join("".join(f"{cell:<{cell_width}}" for cell in row).rstrip() for row in rows)
