"""Home in plain lines: ``coach`` with ``TERM=dumb`` or without a terminal.

A terminal that cannot draw the app (an editor's shell, a serial line, a pipe) still gets
what home says: today's status, the streak, the daily routine and its level, any offer, the
card of the day, then the commands that run plain. On a terminal that reads lines, a tiny
menu follows: Enter starts the daily routine, ``f`` flare-up relief, ``q`` (or end of input)
quits. No Textual is imported here; every text goes out through ``coach.textsafe``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TextIO

from coach.journal import Journal, JournalError
from coach.journal.stats import TrainingPlan
from coach.routine import Library
from coach.services.home import HomeCoaching, home_figures
from coach.settings import Settings
from coach.textsafe import inert

__all__ = ["command_lines", "home_lines", "menu", "show_home"]

MENU = "Enter: start the daily routine · f: flare-up relief · q: quit > "


def _coaching_lines(coaching: HomeCoaching) -> list[str]:
    """What home's prompts ask, as the commands that answer them here."""
    lines = [line for line in (coaching.level, coaching.step_back, coaching.offer) if line]
    if coaching.has_offer:
        lines.append("  (answer it in the app: u takes it, k stays; or with coach progress)")
    if coaching.morning_due:
        lines.append("This morning against yesterday: coach log morning worse|same|better")
    if coaching.peg_due:
        lines.append("Weekly PEG (optional): coach log peg PAIN ENJOYMENT ACTIVITY")
    if coaching.card is not None:
        lines += ["", coaching.card.line]
    return lines


def home_lines(journal: Journal, library: Library, settings: Settings, now: datetime) -> list[str]:
    """Everything plain home says about today, top to bottom: the glance in the app's words
    (``coach.services.home``), the daily routine, then the coaching lines."""
    lines = [f"coach · {now.strftime('%A %d %B %Y')}"]
    plan = TrainingPlan(settings.weekly_goal, frozenset(settings.rest_days))
    try:
        figures = home_figures(journal, library, settings.daily_routine, plan, now)
    except JournalError as exc:
        return [*lines, f"(The journal could not be read: {exc})"]
    lines += figures.glance
    daily = library.routines.get(settings.daily_routine)
    if daily is None:
        lines.append(f"Daily routine {settings.daily_routine!r} not found (see coach doctor).")
    else:
        lines.append(f"Daily routine: {daily.routine.title} ({daily.id})")
    return lines + _coaching_lines(figures.coaching)


def command_lines(daily_id: str) -> list[str]:
    """The commands that run without the app."""
    return [
        "Commands:",
        f"  coach start {daily_id} --plain    the daily routine",
        "  coach flare --plain               flare-up relief",
        "  coach log walk MINUTES            a walk (also: coach log pain N)",
        "  coach routines list               every routine; coach --help for the rest",
    ]


def show_home(
    journal: Journal, library: Library, settings: Settings, now: datetime, out: TextIO
) -> None:
    """Print plain home and the commands, nothing from a file able to drive the terminal."""
    safe = inert(out)
    for line in [
        *home_lines(journal, library, settings, now),
        "",
        *command_lines(settings.daily_routine),
    ]:
        safe.write(line + "\n")
    safe.flush()


def menu(ask: Callable[[str], str], start: Callable[[str | None], int], out: TextIO) -> int:
    """Ask once: Enter starts the daily routine (``start(None)``), ``f`` flare-up relief
    (``start("flare")``), ``q`` or end of input quits (0). Anything else asks again."""
    while True:
        try:
            answer = ask(MENU).strip().lower()
        except EOFError:
            out.write("\n")
            return 0
        if answer == "":
            return start(None)
        if answer == "f":
            return start("flare")
        if answer == "q":
            return 0
        inert(out).write(f"Not a choice: {answer!r}. Enter, f or q.\n")
