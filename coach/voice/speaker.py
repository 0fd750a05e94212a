"""Runs a channel on a background thread, so the screen and the clock never wait for a voice.

Callers (the screen's event handlers, the plain runner) only put cues, which takes a lock for
a few microseconds; this thread starts them when the channel is free and notices when they
end. It sleeps on a condition: woken by a new cue, by the next scheduled cue falling due, or
every ``poll_s`` while something is playing (to start the next one promptly). Idle, it does
not wake at all.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

from coach.voice.channel import Channel, Cue

__all__ = ["Speaker"]


class Speaker:
    """A channel and the thread that drives it."""

    def __init__(self, channel: Channel, poll_s: float = 0.05) -> None:
        self.channel = channel
        self.poll_s = poll_s
        self._wake = threading.Condition()
        self._closing = False
        self._finishing = False
        self._thread = threading.Thread(target=self._run, name="coach-voice", daemon=True)
        self._thread.start()

    def put(self, cues: Iterable[Cue]) -> None:
        """Queue cues (see ``Channel.put``) and wake the thread."""
        with self._wake:
            for cue in cues:
                self.channel.put(cue)
            self._wake.notify()

    def clear(self, kinds: frozenset[str] | None = None) -> None:
        """Drop waiting cues (of ``kinds`` only, if given)."""
        with self._wake:
            self.channel.clear(kinds)

    def silence(self) -> None:
        """Stop what is playing and drop what waits."""
        with self._wake:
            self.channel.silence()

    @property
    def idle(self) -> bool:
        """True when nothing plays and nothing waits."""
        with self._wake:
            return not self.channel.busy and not self.channel.pending

    def finish(self) -> None:
        """Let the thread end by itself once nothing waits (after the session's last words)."""
        with self._wake:
            self._finishing = True
            self._wake.notify()

    @property
    def running(self) -> bool:
        """True while the thread is alive."""
        return self._thread.is_alive()

    def close(self, wait_s: float = 0.0) -> None:
        """Stop the thread, first letting waiting cues start for up to ``wait_s`` seconds.

        What is already playing is left to finish on its own (a "done" is not cut off).
        """
        deadline = time.monotonic() + wait_s
        with self._wake:
            while self.channel.pending and self.running and time.monotonic() < deadline:
                self._wake.notify()
                self._wake.wait(0.05)
            self._closing = True
            self._wake.notify()
        self._thread.join(timeout=2)

    def _timeout(self) -> float | None:
        if self.channel.busy:
            return self.poll_s
        due = self.channel.next_due()
        if due is None:
            return None
        return min(0.5, max(0.01, due - self.channel.clock.now()))

    def _run(self) -> None:
        with self._wake:
            while not self._closing:
                self.channel.pump()
                self._wake.notify_all()  # for close(), waiting for the queue to empty
                if self._finishing and not self.channel.pending:
                    return
                self._wake.wait(self._timeout())
