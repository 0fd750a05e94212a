"""Settings only Textual or the routines can judge: key names, binding ids, themes, routine ids.

``coach.settings`` checks the shape of ``config.toml`` (types, ranges). These values pass that
check as plain text and yet do nothing: Textual takes any string as a key and never matches
``"Space"``, a keymap entry for an id no binding has is ignored, an unknown theme is skipped,
and an unknown daily routine only fails when Enter is pressed. Each would leave the person
with a key that silently does nothing (pause, in a session). So each is a ``Problem`` naming
the line, what was found, what is allowed and the closest allowed value, and that one setting
falls back to its default while every other setting still applies.

``coach doctor`` and the app both call ``check_settings``: the rules live here once. The
binding ids are read from the screens' own ``BINDINGS`` (imported when asked), never copied.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.keynames import MODIFIERS, key_name_problem, shown
from coach.keynames import closest as _closest
from coach.keynames import normalised as _normalised
from coach.routine.problems import Problem
from coach.settings import LoadedSettings, Settings

if TYPE_CHECKING:
    from textual.binding import Binding

__all__ = [
    "MODIFIERS",
    "CheckedSettings",
    "binding_scopes",
    "builtin_themes",
    "check_settings",
    "key_name_problem",
]


@dataclass(frozen=True)
class CheckedSettings:
    """The settings to use (each wrong value at its default) and what was wrong."""

    settings: Settings
    problems: list[Problem]


# -- binding ids ---------------------------------------------------------------------------------


def binding_scopes() -> dict[str, tuple[Binding, ...]]:
    """Each screen's bindings (its own and its coach base classes'), and the app's as ``app``.

    Read from the classes themselves (every module of ``coach.tui.screens``), so a binding
    added to a screen is known here without a second list to keep in step.
    """
    from textual.binding import Binding
    from textual.screen import Screen

    import coach.tui.screens as screens
    from coach.tui.app import CoachApp

    scopes: dict[str, tuple[Binding, ...]] = {
        "app": tuple(Binding.make_bindings(CoachApp.BINDINGS))
    }
    for info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"{screens.__name__}.{info.name}")
        for name, value in sorted(vars(module).items()):
            if not (isinstance(value, type) and issubclass(value, Screen)):
                continue
            if value.__module__ != module.__name__:
                continue
            own = [
                binding
                for klass in value.__mro__
                if klass.__module__.startswith("coach.")
                for binding in Binding.make_bindings(klass.__dict__.get("BINDINGS", []))
            ]
            scopes[name] = tuple(own)
    return scopes


def _unknown_binding(binding_id: str, ids: Collection[str]) -> str:
    prefix = binding_id.split(".")[0]
    same = sorted(i for i in ids if i.split(".")[0] == prefix)
    allowed = (
        f"bindings of {prefix}: {', '.join(same)}"
        if same
        else f"ids start with one of: {', '.join(sorted({i.split('.')[0] for i in ids}))}"
    )
    return f"no key binding has the id {shown(binding_id)}; {_closest(binding_id, ids)}({allowed})"


def _check_keys(
    loaded: LoadedSettings, scopes: Mapping[str, tuple[Binding, ...]]
) -> tuple[dict[str, str], list[Problem]]:
    """The remaps that can apply, and a problem for each that cannot."""
    defaults = {b.id: b.key for bindings in scopes.values() for b in bindings if b.id}
    problems: list[Problem] = []
    usable: dict[str, str] = {}

    def problem(binding_id: str, message: str, instead: str) -> None:
        line = loaded.line_of("keys", binding_id)
        problems.append(Problem(loaded.path, line, f"keys.{binding_id}", f"{message}; {instead}"))

    for binding_id, keys in loaded.settings.keys.items():
        if binding_id not in defaults:
            problem(binding_id, _unknown_binding(binding_id, defaults), "this entry is ignored")
        elif wrong := key_name_problem(keys):
            problem(binding_id, wrong, f"its usual key ({defaults[binding_id]}) is used")
        else:
            usable[binding_id] = keys
    for binding_id, other in _clashes(usable, scopes):
        usable.pop(binding_id, None)
        problem(
            binding_id,
            f"{shown(loaded.settings.keys[binding_id])} is already the key of {other} on the "
            "same screen",
            f"its usual key ({defaults[binding_id]}) is used",
        )
    return usable, problems


def _clashes(
    remaps: Mapping[str, str], scopes: Mapping[str, tuple[Binding, ...]]
) -> list[tuple[str, str]]:
    """(remapped id, id it collides with) for each remap onto a key in use on its screen."""
    found: dict[str, str] = {}
    for scope, bindings in scopes.items():
        active = [*bindings, *scopes["app"]] if scope != "app" else list(bindings)
        owners: dict[str, str] = {}
        for binding in active:
            if not binding.id:
                continue
            keys = _normalised(remaps.get(binding.id, binding.key))
            for key in keys:
                other = owners.setdefault(key, binding.id)
                if other == binding.id:
                    continue
                for mine, theirs in ((binding.id, other), (other, binding.id)):
                    if mine in remaps and mine not in found:
                        found[mine] = theirs
                        break
    return sorted(found.items())


# -- themes and routines --------------------------------------------------------------------------


def builtin_themes() -> frozenset[str]:
    """The themes every Textual app has (the app may register more)."""
    from textual.theme import BUILTIN_THEMES

    return frozenset(BUILTIN_THEMES)


def _listed(values: Collection[str], most: int = 12) -> str:
    names = sorted(values)
    more = f", ... ({len(names)} in all)" if len(names) > most else ""
    return ", ".join(names[:most]) + more


def _check_choices(
    loaded: LoadedSettings, themes: Collection[str], routine_ids: Collection[str] | None
) -> tuple[dict[str, object], list[Problem]]:
    """Defaults for an unknown theme, daily routine or profiled routine; their problems."""
    settings = loaded.settings
    defaults = Settings()
    update: dict[str, object] = {}
    problems: list[Problem] = []
    if settings.theme not in themes:
        update["theme"] = defaults.theme
        problems.append(
            Problem(
                loaded.path,
                loaded.line_of("theme"),
                "theme",
                f"no theme is called {shown(settings.theme)}; {_closest(settings.theme, themes)}"
                f"(themes: {_listed(themes, 30)}); {defaults.theme} is used",
            )
        )
    if routine_ids is None:
        return update, problems
    if settings.daily_routine not in routine_ids:
        update["daily_routine"] = defaults.daily_routine
        problems.append(
            Problem(
                loaded.path,
                loaded.line_of("daily_routine"),
                "daily_routine",
                f"no routine has the id {shown(settings.daily_routine)}; "
                f"{_closest(settings.daily_routine, routine_ids)}"
                f"(routines: {_listed(routine_ids)}); {defaults.daily_routine} is used",
            )
        )
    profiles = dict(settings.voice.profiles)
    for routine_id in sorted(set(profiles) - set(routine_ids)):
        del profiles[routine_id]
        problems.append(
            Problem(
                loaded.path,
                loaded.line_of("voice", "profiles", routine_id),
                f"voice.profiles.{routine_id}",
                f"no routine has the id {shown(routine_id)}; "
                f"{_closest(routine_id, routine_ids)}(routines: {_listed(routine_ids)}); "
                "this entry is ignored",
            )
        )
    if profiles != settings.voice.profiles:
        update["voice"] = settings.voice.model_copy(update={"profiles": profiles})
    return update, problems


def check_settings(
    loaded: LoadedSettings,
    *,
    scopes: Mapping[str, tuple[Binding, ...]] | None = None,
    themes: Collection[str] | None = None,
    routine_ids: Collection[str] | None = None,
) -> CheckedSettings:
    """The loaded settings with every value Textual or the routines refuse at its default.

    ``scopes`` defaults to the app's screens (``binding_scopes``), ``themes`` to Textual's
    built-in ones; routine ids are checked only when ``routine_ids`` is given (the app has
    them once its routines are loaded).
    """
    scopes = binding_scopes() if scopes is None else scopes
    usable, key_problems = _check_keys(loaded, scopes)
    update, choice_problems = _check_choices(
        loaded, builtin_themes() if themes is None else themes, routine_ids
    )
    if usable != loaded.settings.keys:
        update["keys"] = usable
    settings = loaded.settings.model_copy(update=update) if update else loaded.settings
    problems = [*key_problems, *choice_problems]
    problems.sort(key=lambda problem: problem.line or 0)
    return CheckedSettings(settings, problems)
