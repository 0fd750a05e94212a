"""Fakes shared by the voice tests: an output timed by a fake clock, a speaker without a thread.

``FakeOutput`` "plays" each cue for a length of time chosen per cue; its handle is done once the
``FakeClock`` has passed that end (or once stopped), and every start is recorded. ``Rig`` runs a
real ``Session`` and ``VoiceCoach`` on one fake clock with a synchronous stand-in for the
speaker's thread, so a whole routine runs in a fraction of a second with exact times.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import cast

from coach.engine.clock import FakeClock
from coach.engine.plan import Plan, build_plan
from coach.engine.session import Session
from coach.routine import Library, load_default_library
from coach.settings import VoiceSettings
from coach.voice.channel import Channel, Cue
from coach.voice.script import VoiceCoach, voice_options
from coach.voice.speaker import Speaker

TICK = 0.05
"""How far the fake clock moves between two pumps of the channel."""
START = 1000.0
"""Where the fake clock starts (not zero, so no test leans on a zero)."""


def speech_seconds(cue: Cue) -> float:
    """A plausible length for a cue: speech about 14 characters a second, tones half a second."""
    if cue.tone is not None:
        return 0.5
    return len(cue.text) / 14 + 0.3


@dataclass
class Played:
    """One cue the fake output started: when, until when, and whether it was stopped."""

    cue: Cue
    start: float
    end: float
    stopped_at: float | None = None

    @property
    def kind(self) -> str:
        return self.cue.kind

    @property
    def text(self) -> str:
        return self.cue.text

    @property
    def finished(self) -> float:
        """When it really stopped sounding: its end, or earlier if it was stopped."""
        return self.end if self.stopped_at is None else min(self.end, self.stopped_at)


class FakeHandle:
    """Done when the fake clock reaches the cue's end, or at once when stopped."""

    def __init__(self, clock: FakeClock, played: Played) -> None:
        self.clock = clock
        self.played = played

    def done(self) -> bool:
        return self.played.stopped_at is not None or self.clock.now() >= self.played.end

    def stop(self) -> None:
        if self.played.stopped_at is None:
            self.played.stopped_at = self.clock.now()


@dataclass
class FakeOutput:
    """Records each started cue; ``seconds`` says how long a cue sounds."""

    clock: FakeClock
    seconds: Callable[[Cue], float] = speech_seconds
    played: list[Played] = field(default_factory=list)

    def start(self, cue: Cue) -> FakeHandle:
        now = self.clock.now()
        record = Played(cue, now, now + self.seconds(cue))
        self.played.append(record)
        return FakeHandle(self.clock, record)

    def texts(self, kind: str | None = None) -> list[str]:
        """The text of every cue started (of ``kind`` only, if given), in order."""
        return [p.text for p in self.played if kind is None or p.kind == kind]


def assert_no_overlap(played: Sequence[Played]) -> None:
    """No cue started before the one before it had finished."""
    ordered = sorted(played, key=lambda p: p.start)
    for before, after in pairwise(ordered):
        assert after.start >= before.finished - 1e-9, (before, after)


class SyncSpeaker:
    """Stands in for ``Speaker`` without its thread: the test pumps ``channel`` itself."""

    def __init__(self, channel: Channel) -> None:
        self.channel = channel
        self.finished = False
        self.closed = False
        self.silenced = 0

    def put(self, cues: Iterable[Cue]) -> None:
        for cue in cues:
            self.channel.put(cue)

    def clear(self, kinds: frozenset[str] | None = None) -> None:
        self.channel.clear(kinds)

    def silence(self) -> None:
        self.silenced += 1
        self.channel.silence()

    def finish(self) -> None:
        self.finished = True

    def close(self, wait_s: float = 0.0) -> None:
        self.closed = True

    @property
    def idle(self) -> bool:
        return not self.channel.busy and not self.channel.pending


@cache
def library() -> Library:
    """The built-in routines (loaded once; the user's routines folder is empty in tests)."""
    loaded = load_default_library()
    assert loaded.problems == [], [str(problem) for problem in loaded.problems]
    return loaded


def plan_of(routine_id: str) -> Plan:
    """A built-in routine compiled with no painful side."""
    return build_plan(library().routines[routine_id])


class Rig:
    """A session, its voice and the channel, all on one fake clock, driven by hand."""

    def __init__(
        self,
        plan: Plan,
        settings: VoiceSettings | None = None,
        *,
        plain: bool = False,
        seconds: Callable[[Cue], float] = speech_seconds,
    ) -> None:
        self.plan = plan
        self.clock = FakeClock(START)
        self.output = FakeOutput(self.clock, seconds)
        self.channel = Channel(self.output, self.clock)
        self.speaker = SyncSpeaker(self.channel)
        self.options = voice_options(settings or VoiceSettings(), plan, plain=plain)
        self.coach = VoiceCoach(cast(Speaker, self.speaker), self.options)
        self.session = Session(plan, self.clock)
        self.session.subscribe(self.coach)

    @property
    def now(self) -> float:
        return self.clock.now()

    def start(self) -> Rig:
        self.session.start()
        return self

    def tick(self) -> None:
        self.channel.pump()
        self.clock.advance(TICK)
        self.session.update()

    def run_for(self, seconds: float) -> None:
        """Pump, move the clock and update the session for ``seconds`` of fake time."""
        until = self.clock.now() + seconds
        while self.clock.now() < until - 1e-9:
            self.tick()

    def run_to_end(self) -> None:
        """Until the session is over and the channel has nothing playing or waiting."""
        limit = self.clock.now() + self.plan.total_s + 120
        while not (self.session.is_over and self.speaker.idle):
            assert self.clock.now() < limit, "the session or the channel never settled"
            self.tick()

    def step_starts(self) -> list[float]:
        """Clock time each plan step starts at, for a run with no pauses or skips."""
        starts: list[float] = []
        at = START
        for step in self.plan.steps:
            starts.append(at)
            at += step.seconds
        return starts
