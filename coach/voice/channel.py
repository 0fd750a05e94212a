"""One channel for everything coach says or plays: never two at once, never a pile-up.

Someone lying on the floor with eyes closed needs every announcement whole and on time. So:

* **One at a time.** A cue starts only when the one before has finished: nothing is cut off,
  nothing overlaps (speech and tones share the channel).
* **Nothing waits long.** Each cue has a due time and a shelf life (``max_wait_s``). A cue that
  could not start in time (because a long sentence was still being spoken) is dropped, not
  played late: "switch sides" ten seconds after the switch would be worse than silence.
* **Urgent replaces stale.** An urgent cue (switch sides, last rep, done) drops every waiting
  cue of lower priority; a new cue of the same kind replaces a waiting one (skipping through
  steps says only where you landed).
* **Order is kept.** Among cues that are due, the first put is the first played.

The channel is plain logic on an injected clock: ``pump()`` starts the next cue when the
output is free. ``coach.voice.speaker`` calls it from a background thread in real use; tests
call it directly with a fake clock and a fake output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Protocol

from coach.engine.clock import Clock

__all__ = ["Channel", "Cue", "Handle", "Output", "Priority"]


class Priority(IntEnum):
    """How much a cue matters when the channel is busy."""

    NORMAL = 1
    """Exercise setup, each rep's cue, rest: helpful, fine to drop when late."""
    TIMED = 2
    """Tied to a moment (breath tones, 3-2-1): useless late, so a short shelf life."""
    URGENT = 3
    """Switch sides, last rep, done: replaces anything less important still waiting."""


@dataclass(frozen=True)
class Cue:
    """One thing to say (``text``) or play (``tone``)."""

    kind: str
    text: str
    priority: Priority = Priority.NORMAL
    tone: str | None = None
    due: float = field(kw_only=True)
    """Clock time (the session's clock) from which it may start; always given, never guessed."""
    max_wait_s: float = 3.0

    @property
    def expires(self) -> float:
        """Clock time after which it is no longer worth starting."""
        return self.due + self.max_wait_s


class Handle(Protocol):
    """A cue being spoken or played."""

    def done(self) -> bool:
        """True once it has finished (or failed)."""
        ...

    def stop(self) -> None:
        """Stop it now."""
        ...


class Output(Protocol):
    """Starts a cue without waiting for it (a subprocess, or a fake in tests)."""

    def start(self, cue: Cue) -> Handle:
        """Begin speaking or playing ``cue`` and return at once."""
        ...


@dataclass
class Channel:
    """The queue and the one cue playing; see the module docstring for the rules."""

    output: Output
    clock: Clock
    max_pending: int = 4
    pending: list[Cue] = field(default_factory=list)
    playing: Cue | None = None
    dropped: list[Cue] = field(default_factory=list)
    _handle: Handle | None = None

    def put(self, cue: Cue) -> None:
        """Queue ``cue``, applying the replacement rules; it starts on the next ``pump()``."""
        now = self.clock.now()
        keep: list[Cue] = []
        for waiting in self.pending:
            urgent_over = cue.priority >= Priority.URGENT and waiting.priority < cue.priority
            # Only a cue already due is replaced by its kind: a scheduled 3-2-1 keeps all three.
            same_kind = waiting.kind == cue.kind and waiting.due <= now
            (self.dropped if urgent_over or same_kind else keep).append(waiting)
        keep.append(cue)
        while len(keep) > self.max_pending:
            least = min(keep, key=lambda c: (c.priority, c.due))
            keep.remove(least)
            self.dropped.append(least)
        self.pending = keep

    def clear(self, kinds: frozenset[str] | None = None) -> None:
        """Drop waiting cues (only those of ``kinds``, if given); the one playing goes on."""
        if kinds is None:
            self.dropped.extend(self.pending)
            self.pending = []
            return
        self.dropped.extend(c for c in self.pending if c.kind in kinds)
        self.pending = [c for c in self.pending if c.kind not in kinds]

    def silence(self) -> None:
        """Drop everything waiting and stop what is playing (pause, quit)."""
        self.clear()
        if self._handle is not None:
            self._handle.stop()
        self._handle = None
        self.playing = None

    @property
    def busy(self) -> bool:
        """True while a cue is playing."""
        if self._handle is not None and self._handle.done():
            self._handle = None
            self.playing = None
        return self._handle is not None

    def pump(self) -> Cue | None:
        """Start the next due cue if nothing is playing; return it (None if nothing started)."""
        if self.busy:
            return None
        now = self.clock.now()
        stale = [c for c in self.pending if c.expires < now]
        if stale:
            self.dropped.extend(stale)
            self.pending = [c for c in self.pending if c.expires >= now]
        for cue in self.pending:
            if cue.due <= now:
                self.pending.remove(cue)
                self.playing = cue
                self._handle = self.output.start(cue)
                return cue
        return None

    def next_due(self) -> float | None:
        """Clock time of the earliest waiting cue, or None when nothing waits."""
        return min((c.due for c in self.pending), default=None)
