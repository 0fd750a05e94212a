"""What the voice says and when: session events in, cues out.

The words come from the plan (each step's ``spoken`` form, written in the routine files and
filled in by ``coach.engine.plan``); this module only decides which steps speak, how urgently,
and for how long a cue stays worth saying:

==============  ==================================================  ===========
announcement    when                                                priority
==============  ==================================================  ===========
``exercise``    get ready: the exercise's name, a short setup and   normal
                its safety advice in a few words, as one cue
``work``        each hold or stretch starts: its form cue           normal
``switch``      switch sides ("Switch sides. Right side.")          urgent
``halfway``     halfway through an exercise, or a change made in    normal
                the rest at the set break ("Switch the bent leg")
``last-rep``    the last rep (or breath) of an exercise             urgent
``rest``        a rest starts                                       normal
``countdown``   3, 2, 1 before a hold or stretch ends               timed
``done``        the session is over, with its time                  urgent
==============  ==================================================  ===========

Breaths are marked by the two tones of ``coach.voice.tones`` (or the words "in", "hold",
"out"). A routine's sound profile narrows the list: ``full`` says all the user allows,
``quiet`` (breathing, flare-up) only the milestones, ``off`` nothing. The plain runner, often
heard together with a screen reader, also keeps to the milestones.

Taking the easier variant (the session's ``Marked`` event of kind ``easier``) is said at once,
"Easier: <variant>", with the ``exercise`` announcement; the other marks (it hurts, a skipped
exercise, leg symptoms) are spoken by the front ends that ask about them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from coach.coaching.outcome import session_end
from coach.engine.plan import Plan, Step
from coach.engine.session import (
    Event,
    Marked,
    Paused,
    Resumed,
    SessionEnded,
    StepStarted,
    Summary,
)
from coach.routine.model import SoundProfile
from coach.settings import ANNOUNCEMENTS, Announcement, BreathingCues, VoiceSettings
from coach.timefmt import spoken
from coach.voice.channel import Cue, Priority
from coach.voice.speaker import Speaker

__all__ = [
    "MILESTONES",
    "PROFILES",
    "VoiceCoach",
    "VoiceOptions",
    "cues_for_step",
    "done_cue",
    "easier_cue",
    "voice_options",
]

MILESTONES: frozenset[Announcement] = frozenset(
    {"exercise", "switch", "halfway", "last-rep", "done"}
)
"""The announcements that mark a moment, not a second: what quiet and plain modes say."""
PROFILES: dict[SoundProfile, frozenset[Announcement]] = {
    "full": frozenset(ANNOUNCEMENTS),
    "quiet": MILESTONES,
    "off": frozenset(),
}
COUNTDOWN_FROM = 3
STEP_BOUND: frozenset[str] = frozenset(
    {"exercise", "work", "halfway", "rest", "countdown", "breath"}
)
"""Cue kinds that belong to their step alone: dropped, unsaid, once another step starts."""
BREATH_WORDS = {"inhale": "In", "exhale": "Out", "breath-hold": "Hold"}
BREATH_TONES = {"inhale": "in", "exhale": "out"}


@dataclass(frozen=True)
class VoiceOptions:
    """What to say in one session, settled from the settings, the routine and the mode."""

    announce: frozenset[Announcement]
    breathing: BreathingCues

    @property
    def silent(self) -> bool:
        """True when nothing at all would be said or played."""
        return not self.announce and self.breathing == "silent"


def voice_options(settings: VoiceSettings, plan: Plan, plain: bool = False) -> VoiceOptions:
    """The user's choice, narrowed by the routine's (or the user's) profile and by plain mode."""
    profile = settings.profiles.get(plan.routine_id, plan.sound_profile)
    announce = frozenset(settings.announce) & PROFILES[profile]
    if plain:
        announce &= MILESTONES
    breathing: BreathingCues = "silent" if profile == "off" else settings.breathing
    return VoiceOptions(announce, breathing)


def _countdown(step: Step, ends_at: float, remaining: float) -> Iterator[Cue]:
    """3, 2, 1, each due the moment that many seconds are left; late numbers are dropped."""
    if step.seconds <= COUNTDOWN_FROM + 1:
        return
    for left in range(COUNTDOWN_FROM, 0, -1):
        if remaining > left:
            yield Cue("countdown", str(left), Priority.TIMED, due=ends_at - left, max_wait_s=0.4)


def _breath(step: Step, options: VoiceOptions, at: float) -> Iterator[Cue]:
    if options.breathing == "tones" and step.kind in BREATH_TONES:
        tone = BREATH_TONES[step.kind]
        yield Cue("breath", step.kind, Priority.TIMED, tone=tone, due=at, max_wait_s=0.5)
    milestone = step.milestone if step.milestone in options.announce else None
    if milestone in ("halfway", "last-rep") and step.moment_spoken:
        # After the tone, not instead of it; not urgent, so the tone is not dropped for it.
        yield Cue(str(milestone), step.moment_spoken, Priority.TIMED, due=at, max_wait_s=2.0)
    elif options.breathing == "words":
        yield Cue("breath", BREATH_WORDS[step.kind], Priority.TIMED, due=at, max_wait_s=0.8)


def _walk(step: Step, say: frozenset[str], at: float) -> Iterator[Cue]:
    """A timed walk: its words as it starts; "turn back" at half time, not to be missed."""
    if step.milestone == "halfway" and step.moment_spoken and "halfway" in say:
        yield Cue("halfway", step.moment_spoken, Priority.URGENT, due=at, max_wait_s=5.0)
    elif "work" in say or "exercise" in say:
        words = step.moment_spoken if step.milestone == "start" and step.moment_spoken else None
        yield Cue("work", words or step.spoken, Priority.NORMAL, due=at, max_wait_s=3.0)


def cues_for_step(step: Step, options: VoiceOptions, at: float) -> list[Cue]:
    """What to say as ``step`` starts at clock time ``at`` (countdown cues included)."""
    say = options.announce
    if step.kind in BREATH_WORDS:
        return list(_breath(step, options, at))
    cues: list[Cue] = []
    if step.kind == "prepare" and "exercise" in say:
        # The safety advice follows the setup in the same cue: one sentence, never split.
        words = f"{step.spoken}. {step.safety_spoken}" if step.safety_spoken else step.spoken
        cues.append(Cue("exercise", words, Priority.NORMAL, due=at, max_wait_s=4.0))
    elif step.kind == "switch" and "switch" in say:
        cues.append(Cue("switch", step.spoken, Priority.URGENT, due=at, max_wait_s=3.0))
    elif step.kind == "rest" and step.moment_spoken and "halfway" in say:
        # A change made while resting at the set break ("Switch the bent leg").
        cues.append(Cue("halfway", step.moment_spoken, Priority.NORMAL, due=at, max_wait_s=2.5))
    elif step.kind == "rest" and "rest" in say:
        cues.append(Cue("rest", "Rest", Priority.NORMAL, due=at, max_wait_s=1.5))
    elif step.kind == "walk":
        cues.extend(_walk(step, say, at))
    elif step.counts_rep:
        moment = step.moment_spoken
        if step.milestone == "last-rep" and "last-rep" in say and moment:
            cues.append(Cue("last-rep", moment, Priority.URGENT, due=at, max_wait_s=3.0))
        elif step.milestone == "halfway" and "halfway" in say and moment:
            cues.append(Cue("halfway", moment, Priority.NORMAL, due=at, max_wait_s=2.5))
        elif "work" in say:
            # An exercise's first rep may have words of its own ("Lift a little, as one piece").
            words = moment if step.milestone == "start" and moment else step.spoken
            cues.append(Cue("work", words, Priority.NORMAL, due=at, max_wait_s=2.0))
        if "countdown" in say:
            cues.extend(_countdown(step, at + step.seconds, step.seconds))
    return cues


def done_cue(summary: Summary, at: float) -> Cue:
    """ "Done" with the time, or how much was done when ended early; due at clock time ``at``."""
    end = session_end(summary.outcome, summary.dose)
    if end == "completed":
        text = f"Done. {spoken(summary.active_s)}."
    elif end == "skipped-through":
        text = "Session over: skipped through, not counted."
    else:
        text = f"Session ended. {spoken(summary.active_s)} done."
    return Cue("done", text, Priority.URGENT, due=at, max_wait_s=8.0)


def easier_cue(mark: Marked) -> Cue:
    """ "Easier: <variant>" as soon as the easier variant is taken; due at once."""
    words = f"Easier: {mark.detail}" if mark.detail else "Easier"
    return Cue("easier", words, Priority.URGENT, due=mark.at, max_wait_s=3.0)


class VoiceCoach:
    """Listens to one session and feeds its speaker; subscribe it with ``Session.subscribe``."""

    def __init__(self, speaker: Speaker, options: VoiceOptions) -> None:
        self.speaker = speaker
        self.options = options
        self.muted = False
        self.paused = False

    def __call__(self, event: Event) -> None:
        """Turn an engine event into cues (quick: it only queues them)."""
        if isinstance(event, StepStarted):
            # What the last step still had waiting is out of date: skipping through steps
            # says only where you land. Switch sides and last rep are kept.
            self.speaker.clear(STEP_BOUND)
            if not self.muted:
                cues = cues_for_step(event.step, self.options, event.at)
                if self.paused:
                    # Moved while paused: say where, but count down only once resumed.
                    cues = [cue for cue in cues if cue.kind != "countdown"]
                self.speaker.put(cues)
        elif isinstance(event, Paused):
            self.paused = True
            self.speaker.silence()
        elif isinstance(event, Resumed):
            self.paused = False
            if not self.muted and "countdown" in self.options.announce and event.step.counts_rep:
                ends_at = event.at + event.remaining_s
                self.speaker.put(_countdown(event.step, ends_at, event.remaining_s))
        elif isinstance(event, Marked):
            if event.kind == "easier" and not self.muted and "exercise" in self.options.announce:
                self.speaker.put([easier_cue(event)])
        elif isinstance(event, SessionEnded):
            self.speaker.clear()
            if not self.muted and "done" in self.options.announce:
                self.speaker.put([done_cue(event.summary, event.at)])
            self.speaker.finish()

    def close(self, wait_s: float = 0.0) -> None:
        """Stop the voice's thread, letting waiting words start for up to ``wait_s`` seconds."""
        self.speaker.close(wait_s)

    def stop(self) -> None:
        """Silence now and stop the thread (the app quits mid-session, Ctrl-C)."""
        self.speaker.silence()
        self.speaker.close()

    def set_muted(self, muted: bool) -> None:
        """Mute (stops what is playing) or unmute; unmuting speaks from the next step on."""
        self.muted = muted
        if muted:
            self.speaker.silence()
