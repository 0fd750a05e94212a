"""Run a session as lines of text: for screen readers, ssh, scripts and tests.

One line when a step changes, one at each milestone (start of an exercise, halfway, last rep,
halfway through the session), never a line a second. Breathing is one line per breath, not
per in- and out-breath. With a terminal on stdin, single keys steer the session (space pause,
n next, p previous, e easier, x it hurts, q end early); without one, no keys are read.

The runner is one consumer of the session's events; the journal's recorder is another, added
with ``Session.subscribe`` before the run starts.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import time
from collections.abc import Callable, Iterator
from types import FrameType
from typing import TYPE_CHECKING, Any, TextIO

from coach.engine.plan import Step
from coach.engine.session import (
    Event,
    Paused,
    Resumed,
    Session,
    SessionStarted,
    SessionState,
    StepStarted,
    Summary,
)
from coach.textsafe import printable
from coach.timefmt import clock, words

if TYPE_CHECKING:
    from coach.flow.control import SessionControl
    from coach.flow.questions import Choose

__all__ = [
    "KEY_HELP",
    "KeyReader",
    "PlainRunner",
    "Stopped",
    "describe_step",
    "option_lines",
    "stdin_keys",
]

KEY_HELP = "Keys: space pause/resume · n next · p previous · e easier · x it hurts · q end early"

Sleep = Callable[[float], None]


class Stopped(Exception):  # noqa: N818 - it is a signal, not an error
    """Raised inside the run loop when SIGINT or SIGTERM arrives."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def describe_step(step: Step) -> str:
    """The line for a step: what it is, its counters, its seconds and its cue."""
    if step.kind == "prepare":
        return f"{step.exercise_name} — get ready ({step.seconds} s). {step.cue}"
    if step.kind == "inhale":
        counters = step.counters()
        return f"{step.exercise_name} · {counters} — {step.cue}"
    parts = [step.exercise_name, step.label]
    counters = step.counters()
    if counters:
        parts.append(counters)
    parts.append(f"{step.seconds} s")
    head = " · ".join(parts)
    return f"{head} — {step.cue}" if step.kind != "rest" else f"{head}. {step.cue}"


def option_lines(question: Choose) -> list[str]:
    """A choice's options, one a line with its key; the default says it is Enter's."""
    return [
        f"  {option.key}  {option.label}{'  (Enter)' if option.value == question.default else ''}"
        for option in question.options
    ]


class KeyReader:
    """Single keys from a terminal, without waiting for Enter; restores the terminal on exit."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._fd = stream.fileno()
        self._saved: list[Any] | None = None
        self._pending = ""
        """Keys read in one burst (typed ahead), handed out one at a time."""

    @contextlib.contextmanager
    def active(self) -> Iterator[KeyReader]:
        """Put the terminal in cbreak mode (no echo, no line buffering) for the block."""
        import termios
        import tty

        self._saved = termios.tcgetattr(self._fd)
        try:
            tty.setcbreak(self._fd)
            yield self
        finally:
            # Keys typed ahead during the session (a held n) must not become the next answer.
            termios.tcflush(self._fd, termios.TCIFLUSH)
            termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)

    def read(self, timeout: float) -> str | None:
        """A key pressed within ``timeout`` seconds, else ``None``; ``\x04`` when the
        terminal went away (an empty read: never spin on it)."""
        if not self._pending:
            ready, _, _ = select.select([self._fd], [], [], max(0.0, timeout))
            if not ready:
                return None
            data = os.read(self._fd, 64)
            if not data:
                return "\x04"
            text = data.decode("utf-8", errors="replace")
            # An arrow or function key is an escape sequence, not the Escape key: ignore it.
            self._pending = "" if text.startswith("\x1b") and len(text) > 1 else text
            if not self._pending:
                return None
        key, self._pending = self._pending[0], self._pending[1:]
        return key


class PlainRunner:
    """Drive a session to its end, printing lines; the clock is the session's."""

    def __init__(
        self,
        session: Session,
        out: TextIO,
        speed: float = 1.0,
        keys: KeyReader | None = None,
        sleep: Sleep = time.sleep,
        control: SessionControl | None = None,
    ) -> None:
        self.session = session
        self.control = control
        self.out = out
        self.speed = speed
        self.keys = keys
        self.sleep = sleep
        self._said_session_halfway = False
        session.subscribe(self._on_event)

    # -- output --------------------------------------------------------------------------------

    def say(self, text: str, at: float | None = None) -> None:
        """Print one line stamped with session time (pauses excluded)."""
        elapsed = self.session.active_s if at is None else at
        print(f"[{clock(elapsed)}] {printable(text)}", file=self.out, flush=True)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, SessionStarted):
            plan = event.plan
            side = f", painful side {plan.side}" if plan.side else ""
            print(
                f"{plan.title}: {words(plan.total_s)}, {len(plan.steps)} steps{side}.",
                file=self.out,
                flush=True,
            )
            if self.keys is not None:
                print(KEY_HELP, file=self.out, flush=True)
        elif isinstance(event, StepStarted):
            self._on_step(event)
        elif isinstance(event, Paused):
            self.say(f"Paused, {words(event.remaining_s)} left in this step. Space resumes.")
        elif isinstance(event, Resumed):
            self.say("Resumed.")

    def _on_step(self, event: StepStarted) -> None:
        step = event.step
        if step.kind in ("exhale", "breath-hold"):
            return
        name = step.exercise_name.lower()
        if step.milestone == "halfway":
            self.say(f"Halfway through the {name}.", event.elapsed_s)
            # In a routine of one exercise its halfway is the session's: say it once.
            single = len({s.exercise for s in self.session.plan.steps}) == 1
            self._said_session_halfway |= single and self.session.progress >= 0.5
        elif step.milestone == "last-rep":
            noun = "breath" if step.kind == "inhale" else "rep"
            self.say(f"Last {noun} of the {name}.", event.elapsed_s)
        self.say(describe_step(step), event.elapsed_s)
        if step.kind == "prepare":
            for line in step.safety:
                self.say(f"Safety: {line}", event.elapsed_s)
            if step.easier is not None and self.keys is not None and not step.easier_taken:
                self.say(f"e: easier ({step.easier_name})", event.elapsed_s)
        if not self._said_session_halfway and self.session.progress >= 0.5:
            self._said_session_halfway = True
            self.say("Halfway through the session.", event.elapsed_s)

    # -- the loop --------------------------------------------------------------------------------

    def _keys_gone(self) -> None:
        """The terminal went away: run on without keys (a pause would never end)."""
        self.keys = None
        if self.session.state is SessionState.PAUSED:
            self.session.resume()
            self.say("No more keys can be read: resuming.")

    def _handle_key(self, key: str) -> None:
        if key == " ":
            self.session.toggle_pause()
        elif key in ("n", "N"):
            self.session.next()
        elif key in ("p", "P"):
            self.session.previous()
        elif key in ("q", "Q", "\x1b"):
            self.session.end()
        elif key in ("e", "E") and self.control is not None:
            self.say(self.control.take_easier())
        elif key in ("x", "X") and self.control is not None:
            self._hurts(self.control)

    def _hurts(self, control: SessionControl) -> None:
        """Ask what is happening (one key), then act on it through the control."""
        question = control.hurts()
        self.say(f"{question.title} {question.text}")
        for line in option_lines(question):
            self.say(line)
        self.say(control.answer(self._read_choice(question)))

    def _read_choice(self, question: Choose) -> str:
        """One key for a choice: an option's key, Enter for the default, Escape cancels."""
        assert self.keys is not None
        while True:
            key = self.keys.read(0.25)
            if key is None:
                continue
            if key in ("\r", "\n") and question.default is not None:
                return question.default
            if key in ("\x1b", "\x04"):
                return question.cancel
            option = question.by_key(key)
            if option is not None:
                return option.value

    def _wait(self) -> None:
        session = self.session
        deadline = session.deadline
        # While paused there is no deadline: only a key can change anything.
        wait = 0.25 if deadline is None else max(0.0, (deadline - session.clock.now()) / self.speed)
        if self.keys is not None:
            key = self.keys.read(min(wait, 0.25))
            if key == "\x04":
                self._keys_gone()
            elif key:
                self._handle_key(key)
        else:
            self.sleep(wait)
        session.update()

    def run(self) -> Summary:
        """Run to the end (or until a stop signal, which ends the session early and re-raises)."""
        previous = {
            signum: signal.signal(signum, self._on_signal)
            for signum in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            self.session.start()
            while not self.session.is_over:
                self._wait()
        except Stopped:
            self.session.end()
            raise
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        return self.session.summary()

    @staticmethod
    def _on_signal(signum: int, _frame: FrameType | None) -> None:
        raise Stopped(signum)


def stdin_keys() -> KeyReader | None:
    """A key reader when stdin is a terminal, else ``None`` (no keys are read)."""
    try:
        return KeyReader(sys.stdin) if sys.stdin.isatty() else None
    except (OSError, ValueError):
        return None
