"""The cue channel on a fake clock: one at a time, in order, urgent over stale, never late."""

from __future__ import annotations

from collections.abc import Callable

from voice_support import TICK, FakeOutput, Played, assert_no_overlap

from coach.engine.clock import FakeClock
from coach.voice.channel import Channel, Cue, Priority

T0 = 50.0


def make(
    seconds: float | Callable[[Cue], float] = 1.0, max_pending: int = 4
) -> tuple[FakeClock, FakeOutput, Channel]:
    """A channel on a fake clock whose output plays each cue for ``seconds``."""
    clock = FakeClock(T0)
    length = seconds if callable(seconds) else (lambda _cue: float(seconds))
    output = FakeOutput(clock, length)
    return clock, output, Channel(output, clock, max_pending=max_pending)


def cue(
    kind: str,
    text: str,
    priority: Priority = Priority.NORMAL,
    *,
    due: float = T0,
    max_wait_s: float = 3.0,
    tone: str | None = None,
) -> Cue:
    """A cue due at ``T0`` unless told otherwise (a bare ``Cue`` is due at clock time 0)."""
    return Cue(kind, text, priority, tone=tone, due=due, max_wait_s=max_wait_s)


def by_text(lengths: dict[str, float], default: float = 1.0) -> Callable[[Cue], float]:
    """Cue lengths chosen per text."""
    return lambda cue: lengths.get(cue.text, default)


def run(clock: FakeClock, channel: Channel, seconds: float) -> None:
    """Pump the channel every tick for ``seconds`` of fake time."""
    until = clock.now() + seconds
    while clock.now() < until - 1e-9:
        channel.pump()
        clock.advance(TICK)
    channel.pump()


def started(output: FakeOutput, text: str) -> Played:
    """The one record of ``text`` having started."""
    matches = [p for p in output.played if p.text == text]
    assert len(matches) == 1, output.texts()
    return matches[0]


# -- one at a time, in order -------------------------------------------------------------------


def test_a_second_cue_waits_until_the_first_has_finished() -> None:
    """Nothing overlaps: B starts only once A's handle is done, and promptly after."""
    clock, output, channel = make(by_text({"A": 2.0, "B": 1.0}))
    channel.put(cue("exercise", "A"))
    channel.put(cue("work", "B"))
    assert channel.pump() == cue("exercise", "A")
    clock.advance(1.0)
    assert channel.pump() is None  # A is still playing
    assert channel.busy
    assert output.texts() == ["A"]
    run(clock, channel, 3.0)
    a, b = started(output, "A"), started(output, "B")
    assert b.start >= a.end
    assert b.start < a.end + TICK + 1e-9
    assert_no_overlap(output.played)


def test_due_cues_play_in_the_order_they_were_put_whatever_their_priority() -> None:
    """First put, first played among due cues, even when a later one is TIMED."""
    clock, output, channel = make(0.3)
    channel.put(cue("rest", "first", Priority.NORMAL))
    channel.put(cue("breath", "second", Priority.TIMED))
    channel.put(cue("work", "third", Priority.NORMAL))
    run(clock, channel, 2.0)
    assert output.texts() == ["first", "second", "third"]
    assert channel.dropped == []
    assert_no_overlap(output.played)


def test_a_cue_with_a_future_due_time_does_not_start_before_it() -> None:
    """A scheduled cue waits for its time, then starts on the first pump at or after it."""
    clock, output, channel = make(0.2)
    three = cue("countdown", "3", Priority.TIMED, due=T0 + 2.0, max_wait_s=0.4)
    channel.put(three)
    assert channel.pump() is None
    run(clock, channel, 1.9)
    assert output.played == []
    run(clock, channel, 0.5)
    played = started(output, "3")
    assert three.due <= played.start < three.due + TICK + 1e-9


def test_a_due_cue_may_play_before_one_scheduled_earlier_but_due_later() -> None:
    """A scheduled cue does not hold up a cue that is already due behind it."""
    clock, output, channel = make(0.2)
    channel.put(cue("countdown", "later", Priority.TIMED, due=T0 + 1.0))
    channel.put(cue("work", "now"))
    run(clock, channel, 2.0)
    assert output.texts() == ["now", "later"]


# -- nothing late ------------------------------------------------------------------------------


def test_a_cue_not_started_within_its_shelf_life_is_dropped_not_played_late() -> None:
    """Behind a 5 s sentence, a cue that may wait 3 s is dropped; one that may wait 6 s plays."""
    clock, output, channel = make(by_text({"long": 5.0}, default=0.5))
    channel.put(cue("exercise", "long"))
    channel.pump()
    stale = cue("switch", "stale", Priority.NORMAL, due=T0, max_wait_s=3.0)
    patient = cue("rest", "patient", Priority.NORMAL, due=T0, max_wait_s=6.0)
    channel.put(stale)
    channel.put(patient)
    run(clock, channel, 8.0)
    assert output.texts() == ["long", "patient"]
    assert stale in channel.dropped
    assert patient not in channel.dropped
    for played in output.played:
        assert played.start <= played.cue.expires


def test_a_cue_just_inside_its_shelf_life_still_plays() -> None:
    """The shelf life is measured from the due time: 0.3 s busy, 0.4 s allowed, it plays."""
    clock, output, channel = make(by_text({"busy": 0.3}, default=0.2))
    channel.put(cue("work", "busy"))
    channel.pump()
    channel.put(cue("countdown", "3", Priority.TIMED, due=T0, max_wait_s=0.4))
    run(clock, channel, 1.0)
    assert output.texts() == ["busy", "3"]


# -- urgent replaces stale ---------------------------------------------------------------------


def test_an_urgent_cue_drops_waiting_lower_cues_but_does_not_cut_off_the_one_playing() -> None:
    """Switch sides replaces the waiting work and breath cues; the sentence playing finishes."""
    clock, output, channel = make(by_text({"setup": 2.0}, default=0.5))
    channel.put(cue("exercise", "setup"))
    channel.pump()
    work = cue("work", "work")
    tone = cue("breath", "in", Priority.TIMED, tone="in")
    channel.put(work)
    channel.put(tone)
    channel.put(cue("switch", "Switch sides", Priority.URGENT))
    assert channel.pending == [cue("switch", "Switch sides", Priority.URGENT)]
    assert work in channel.dropped
    assert tone in channel.dropped
    run(clock, channel, 4.0)
    setup = started(output, "setup")
    assert setup.stopped_at is None
    assert output.texts() == ["setup", "Switch sides"]
    assert started(output, "Switch sides").start >= setup.end
    assert_no_overlap(output.played)


def test_an_urgent_cue_does_not_drop_another_urgent_cue() -> None:
    """Two urgent cues of different kinds both play, in order."""
    clock, output, channel = make(0.5)
    channel.put(cue("exercise", "playing"))
    channel.pump()
    channel.put(cue("last-rep", "Last rep", Priority.URGENT))
    channel.put(cue("done", "Done", Priority.URGENT, max_wait_s=8.0))
    run(clock, channel, 3.0)
    assert output.texts() == ["playing", "Last rep", "Done"]


def test_a_new_due_cue_replaces_a_waiting_cue_of_the_same_kind() -> None:
    """Skipping through steps says only where you landed: the newer work cue wins."""
    clock, output, channel = make(by_text({"playing": 1.0}, default=0.3))
    channel.put(cue("exercise", "playing"))
    channel.pump()
    old = cue("work", "old work")
    channel.put(old)
    channel.put(cue("work", "new work"))
    assert [c.text for c in channel.pending] == ["new work"]
    assert old in channel.dropped
    run(clock, channel, 2.0)
    assert output.texts() == ["playing", "new work"]


def test_scheduled_cues_of_one_kind_are_all_kept() -> None:
    """3, 2, 1 put together with different due times: none replaces another, all play in time."""
    clock, output, channel = make(0.3)
    end = T0 + 5.0
    for left in (3, 2, 1):
        channel.put(cue("countdown", str(left), Priority.TIMED, due=end - left, max_wait_s=0.4))
    assert [c.text for c in channel.pending] == ["3", "2", "1"]
    run(clock, channel, 6.0)
    assert output.texts() == ["3", "2", "1"]
    assert channel.dropped == []
    for played in output.played:
        assert played.cue.due <= played.start <= played.cue.expires


def test_the_pending_cap_drops_the_least_important_cue() -> None:
    """Over ``max_pending``, the lowest-priority cue goes, even if it was put last."""
    _, _, channel = make(1.0, max_pending=4)
    channel.put(cue("exercise", "playing"))
    channel.pump()
    timed = [cue(f"t{i}", f"timed {i}", Priority.TIMED) for i in range(3)]
    for item in timed[:2]:
        channel.put(item)
    normal = cue("rest", "normal")
    channel.put(normal)
    channel.put(timed[2])
    assert channel.pending == [timed[0], timed[1], normal, timed[2]]
    extra = cue("t3", "timed 3", Priority.TIMED)
    channel.put(extra)
    assert len(channel.pending) == 4
    assert normal not in channel.pending
    assert normal in channel.dropped
    assert channel.pending == [*timed, extra]


def test_the_pending_cap_can_drop_the_new_cue_itself() -> None:
    """A normal cue put into a queue full of timed cues is the one dropped."""
    _, _, channel = make(1.0, max_pending=2)
    channel.put(cue("exercise", "playing"))
    channel.pump()
    first = cue("a", "a", Priority.TIMED)
    second = cue("b", "b", Priority.TIMED)
    late = cue("rest", "rest")
    for item in (first, second, late):
        channel.put(item)
    assert channel.pending == [first, second]
    assert channel.dropped == [late]


# -- silence and clear -------------------------------------------------------------------------


def test_silence_stops_the_playing_cue_and_drops_everything_waiting() -> None:
    """Pause and quit: the handle is stopped now, the queue emptied, the channel free."""
    clock, output, channel = make(3.0)
    channel.put(cue("exercise", "playing"))
    channel.pump()
    waiting = cue("work", "waiting")
    scheduled = cue("countdown", "3", Priority.TIMED, due=T0 + 2)
    channel.put(waiting)
    channel.put(scheduled)
    clock.advance(1.0)
    channel.silence()
    assert started(output, "playing").stopped_at == T0 + 1.0
    assert channel.pending == []
    assert channel.playing is None
    assert not channel.busy
    assert waiting in channel.dropped
    assert scheduled in channel.dropped
    run(clock, channel, 4.0)
    assert output.texts() == ["playing"]
    channel.put(cue("rest", "after", due=clock.now()))
    channel.pump()
    assert output.texts() == ["playing", "after"]


def test_clear_with_kinds_drops_only_those_kinds_and_leaves_the_playing_cue() -> None:
    """Moving on drops the old countdown, not the other cues, and cuts nothing off."""
    _, output, channel = make(1.0)
    channel.put(cue("work", "playing"))
    channel.pump()
    three = cue("countdown", "3", Priority.TIMED, due=T0 + 5)
    two = cue("countdown", "2", Priority.TIMED, due=T0 + 6)
    rest = cue("rest", "Rest")
    for item in (three, two, rest):
        channel.put(item)
    channel.clear(frozenset({"countdown"}))
    assert channel.pending == [rest]
    assert channel.dropped == [three, two]
    assert channel.busy
    assert started(output, "playing").stopped_at is None


def test_clear_without_kinds_drops_all_waiting_but_not_the_playing_cue() -> None:
    """``clear()`` empties the queue; the cue playing goes on to its end."""
    clock, output, channel = make(1.0)
    channel.put(cue("work", "playing"))
    channel.pump()
    channel.put(cue("rest", "Rest"))
    channel.clear()
    assert channel.pending == []
    assert channel.playing == cue("work", "playing")
    run(clock, channel, 2.0)
    assert started(output, "playing").stopped_at is None
    assert output.texts() == ["playing"]


def test_next_due_is_the_earliest_waiting_cue() -> None:
    """None with nothing waiting (the playing cue does not count), else the smallest due."""
    _, _, channel = make(1.0)
    assert channel.next_due() is None
    channel.put(cue("work", "playing"))
    channel.pump()
    assert channel.next_due() is None
    channel.put(cue("countdown", "2", Priority.TIMED, due=T0 + 6))
    channel.put(cue("countdown", "3", Priority.TIMED, due=T0 + 5))
    assert channel.next_due() == T0 + 5
    channel.clear()
    assert channel.next_due() is None
