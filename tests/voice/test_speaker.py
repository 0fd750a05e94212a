"""The speaker's background thread, with a real clock and a fake output (no sound, no sleeps).

Every wait is a bounded poll: a test waits at most about two seconds for something that
happens within milliseconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from coach.engine.clock import MonotonicClock
from coach.voice.channel import Channel, Cue
from coach.voice.speaker import Speaker

BOUND_S = 2.0


def wait_until(condition: Callable[[], bool], timeout: float = BOUND_S) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.005)
    return condition()


class GatedHandle:
    """Done after ``seconds`` of real time, or when ``release`` is set, or when stopped."""

    def __init__(self, seconds: float | None, release: threading.Event) -> None:
        self.ends = None if seconds is None else time.monotonic() + seconds
        self.release = release
        self.stopped = threading.Event()

    def done(self) -> bool:
        if self.stopped.is_set() or self.release.is_set():
            return True
        return self.ends is not None and time.monotonic() >= self.ends

    def stop(self) -> None:
        self.stopped.set()


class ThreadOutput:
    """Records each start (from the speaker's thread); cue texts in ``held`` play until released."""

    def __init__(self, seconds: float = 0.02, held: frozenset[str] = frozenset()) -> None:
        self.seconds = seconds
        self.held = held
        self.release = threading.Event()
        self.started: list[tuple[float, Cue, GatedHandle]] = []
        self.threads: set[str] = set()
        self._lock = threading.Lock()

    def start(self, cue: Cue) -> GatedHandle:
        handle = GatedHandle(None if cue.text in self.held else self.seconds, self.release)
        with self._lock:
            self.started.append((time.monotonic(), cue, handle))
            self.threads.add(threading.current_thread().name)
        return handle

    def texts(self) -> list[str]:
        with self._lock:
            return [cue.text for _, cue, _ in self.started]


@pytest.fixture
def make_speaker() -> Iterator[Callable[[ThreadOutput], Speaker]]:
    """Speakers on the monotonic clock, each closed (and its output released) after the test."""
    made: list[tuple[Speaker, ThreadOutput]] = []

    def make(output: ThreadOutput) -> Speaker:
        speaker = Speaker(Channel(output, MonotonicClock()), poll_s=0.01)
        made.append((speaker, output))
        return speaker

    yield make
    for speaker, output in made:
        output.release.set()
        speaker.close()


def now_cue(kind: str, text: str, delay: float = 0.0) -> Cue:
    """A cue due ``delay`` seconds from now on the monotonic clock, worth five seconds."""
    return Cue(kind, text, due=time.monotonic() + delay, max_wait_s=5.0)


def test_cues_put_from_the_test_thread_are_played_in_order(
    make_speaker: Callable[[ThreadOutput], Speaker],
) -> None:
    """The thread wakes on put and plays all three, one after another, on its own thread."""
    output = ThreadOutput()
    speaker = make_speaker(output)
    speaker.put([now_cue("exercise", "one"), now_cue("work", "two"), now_cue("rest", "three")])
    assert wait_until(lambda: len(output.texts()) == 3), output.texts()
    assert output.texts() == ["one", "two", "three"]
    assert output.threads == {"coach-voice"}
    assert wait_until(lambda: speaker.idle)


def test_a_scheduled_cue_starts_on_time_even_when_nothing_else_happens(
    make_speaker: Callable[[ThreadOutput], Speaker],
) -> None:
    """An idle thread still wakes for a cue due in 0.2 s, and not before it is due."""
    output = ThreadOutput()
    speaker = make_speaker(output)
    cue = now_cue("countdown", "3", delay=0.2)
    speaker.put([cue])
    assert wait_until(lambda: len(output.texts()) == 1)
    started_at = output.started[0][0]
    assert started_at >= cue.due


def test_close_lets_a_pending_cue_start_before_the_thread_stops(
    make_speaker: Callable[[ThreadOutput], Speaker],
) -> None:
    """Behind a cue playing for 0.2 s, "Done" waits; ``close(wait_s=2)`` lets it start first."""
    output = ThreadOutput(seconds=0.2)
    speaker = make_speaker(output)
    speaker.put([now_cue("last-rep", "Last rep"), now_cue("done", "Done")])
    assert wait_until(lambda: output.texts() == ["Last rep"])
    speaker.close(wait_s=BOUND_S)
    assert output.texts() == ["Last rep", "Done"]
    assert not speaker.running


def test_close_without_waiting_leaves_a_blocked_cue_and_cuts_nothing_off(
    make_speaker: Callable[[ThreadOutput], Speaker],
) -> None:
    """``close()`` stops the thread at once: the waiting cue never starts, the playing one is
    not stopped."""
    output = ThreadOutput(held=frozenset({"long"}))
    speaker = make_speaker(output)
    speaker.put([now_cue("exercise", "long"), now_cue("work", "next")])
    assert wait_until(lambda: output.texts() == ["long"])
    speaker.close()
    assert not speaker.running
    assert output.texts() == ["long"]
    assert not output.started[0][2].stopped.is_set()


def test_the_thread_is_a_daemon_and_stops_after_close(
    make_speaker: Callable[[ThreadOutput], Speaker],
) -> None:
    """One new daemon thread named coach-voice; gone after ``close()``."""
    before = set(threading.enumerate())
    speaker = make_speaker(ThreadOutput())
    new = [t for t in threading.enumerate() if t not in before]
    assert [t.name for t in new] == ["coach-voice"]
    assert new[0].daemon
    assert new[0].is_alive()
    speaker.close()
    assert not new[0].is_alive()


def test_silence_from_the_test_thread_stops_the_playing_cue(
    make_speaker: Callable[[ThreadOutput], Speaker],
) -> None:
    """``silence()`` stops what plays and drops what waits; the channel is idle after."""
    output = ThreadOutput(held=frozenset({"long"}))
    speaker = make_speaker(output)
    speaker.put([now_cue("exercise", "long"), now_cue("work", "next")])
    assert wait_until(lambda: output.texts() == ["long"])
    speaker.silence()
    assert output.started[0][2].stopped.is_set()
    assert speaker.idle
    time.sleep(0.05)  # a few polls of the thread: nothing else starts
    assert output.texts() == ["long"]


def test_clear_from_the_test_thread_drops_only_the_given_kinds(
    make_speaker: Callable[[ThreadOutput], Speaker],
) -> None:
    """Behind a held cue, clearing countdown leaves the rest cue to play once released."""
    output = ThreadOutput(held=frozenset({"long"}))
    speaker = make_speaker(output)
    speaker.put([now_cue("work", "long"), now_cue("countdown", "3"), now_cue("rest", "Rest")])
    assert wait_until(lambda: output.texts() == ["long"])
    speaker.clear(frozenset({"countdown"}))
    output.release.set()
    assert wait_until(lambda: output.texts() == ["long", "Rest"])


def test_finish_lets_the_thread_end_by_itself_after_the_last_cue(
    make_speaker: Callable[[ThreadOutput], Speaker],
) -> None:
    """After ``finish()``, the thread starts what waits, then ends without ``close()``."""
    output = ThreadOutput(seconds=0.1)
    speaker = make_speaker(output)
    speaker.put([now_cue("last-rep", "Last rep"), now_cue("done", "Done")])
    speaker.finish()
    assert wait_until(lambda: not speaker.running)
    assert output.texts() == ["Last rep", "Done"]
