"""The session screen: a thin consumer of the engine, readable from the floor.

It shows what to do now (exercise, step label, a big countdown, the cue), the counters, what
comes next (also during rest), overall progress and time left, and a pacer for breathing. Its
timer asks the session for its state about ten times a second and updates only what changed;
the countdown comes from the session's deadline, so dropped timer ticks cost nothing.

"Easier, please" (``e``) and "it hurts" (``x``) go to the flow's ``SessionControl``: what they
do and what they lead to is decided there; this screen shows the question and the line it
returns. The step on screen is always read fresh from the session, whose plan is replaced when
an easier variant is taken.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, ProgressBar, Static

from coach.engine.plan import Step
from coach.engine.session import Event, Session, SessionEnded, SessionState, StepStarted, Summary
from coach.timefmt import clock
from coach.tui.widgets.big_countdown import BigCountdown
from coach.tui.widgets.keys import key_text
from coach.tui.widgets.pacer import Pacer, pacer_fraction

if TYPE_CHECKING:
    from coach.flow.control import SessionControl
    from coach.tui.state import CoachState
    from coach.voice import VoiceCoach

__all__ = ["SessionScreen", "countdown_text", "next_text"]

REFRESH_HZ = 4
"""Seconds on a countdown change once a second: four looks a second keep it within 0.25 s."""
ANIMATED_HZ = 10
"""The breathing pacer moves continuously: ten frames a second keep it smooth."""
BREATH_KINDS = ("inhale", "exhale", "breath-hold")


def countdown_text(remaining: float) -> str:
    """Whole seconds up to a minute (``8``), then minutes (``1:05``); rounded up."""
    seconds = max(0, math.ceil(remaining - 1e-9))
    return str(seconds) if seconds < 60 else clock(seconds)


def next_text(session: Session) -> str:
    """What comes next; during a rest or switch also the next piece of work."""
    following = session.next_step
    if following is None:
        return "Next: done"
    text = f"Next: {following.label} {following.seconds} s"
    if following.exercise != session.current_step.exercise or following.kind == "prepare":
        text += f" · {following.exercise_name}"
    elif following.side and following.side != session.current_step.side:
        text += f" · {following.side} side"
    if not following.is_work:
        later = next((s for s in session.plan.steps[following.index + 1 :] if s.is_work), None)
        if later is not None:
            text += f"  →  then {later.label.lower()} {later.seconds} s · {later.exercise_name}"
    return text


class SessionScreen(Screen[Summary]):
    """Runs one session; dismisses with its summary when it is over."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_pause", "Pause", id="session.pause",
                tooltip="pause/resume"),
        Binding("n", "next_step", "Next", id="session.next", tooltip="next step"),
        Binding("p", "previous_step", "Previous", id="session.previous",
                tooltip="previous step"),
        Binding("e", "easier", "Easier", id="session.easier", tooltip="easier variant"),
        Binding("x", "hurts", "It hurts", id="session.hurts",
                tooltip="it hurts (asks what is happening)"),
        Binding("escape", "end_early", "End early", id="session.end",
                tooltip="end early (asks; what you did is saved)"),
        Binding("m", "toggle_mute", "Mute", id="session.mute",
                tooltip="mute or unmute the voice"),
    ]  # fmt: skip

    def __init__(
        self,
        session: Session,
        state: CoachState,
        preview: bool = False,
        voice: VoiceCoach | None = None,
        control: SessionControl | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.state = state
        self.preview = preview
        self.voice = voice
        self.control = control
        self._shown: dict[str, object] = {}
        self._timer: Timer | None = None
        self._rate = 0
        self._confirming = False

    def compose(self) -> ComposeResult:
        plan = self.session.plan
        with Vertical(id="session"):
            with Horizontal(id="session-top"):
                yield Static(plan.title, id="routine-title", markup=False)
                yield Static("", id="voice-state")
                yield Static("", id="time-left")
            with Horizontal(id="exercise-line"):
                yield Static("", id="exercise", markup=False)
                yield Static("", id="counters")
            with Horizontal(id="label-line"):
                yield Static("", id="step-label")
                yield Static("", id="paused")
            yield BigCountdown(id="countdown")
            yield Pacer(id="pacer")
            yield Static("", id="cue", markup=False)
            yield Static("", id="safety", markup=False)
            yield Static("", id="easier-hint", markup=False)
            yield Static("", id="said", markup=False)
            yield Static("", id="next", markup=False)
            # Always on screen, however long the cue: docked at the bottom.
            yield ProgressBar(
                total=plan.total_s, show_eta=False, show_percentage=False, id="progress"
            )
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        """Subscribe, start the session and the refresh timer."""
        # Looked up once: the timer runs ten times a second and should touch only what changed.
        self._countdown = self.query_one(BigCountdown)
        self._pacer = self.query_one(Pacer)
        self._progress = self.query_one(ProgressBar)
        self._time_left = self.query_one("#time-left", Static)
        self._paused = self.query_one("#paused", Static)
        self._label = self.query_one("#step-label", Static)
        self._pacer.still = self.state.reduced_motion
        self.session.subscribe(self._on_event)
        if self.preview:
            self.query_one("#routine-title", Static).update(
                f"{self.session.plan.title}  (preview: not counted)"
            )
        self._show_voice_state()
        self.session.start()
        self._show_step()
        self._refresh_numbers()
        self._set_rate(self.session.current_step)

    def on_unmount(self) -> None:
        """Leaving mid-session (the app quits): silence the voice and stop its thread."""
        if self.voice is not None and not self.session.is_over:
            self.voice.stop()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Mute only with a voice; easier and "it hurts" only with the flow's control."""
        if action == "toggle_mute":
            return self.voice is not None
        if action in ("easier", "hurts"):
            return self.control is not None
        return True

    def _show_voice_state(self) -> None:
        if self.voice is not None:
            text = "voice muted · m" if self.voice.muted else "voice on · m mutes"
            self.query_one("#voice-state", Static).update(text)

    # -- events from the engine ------------------------------------------------------------------

    def _set_rate(self, step: Step) -> None:
        """Tick fast only while something moves smoothly (the pacer), else four times a second."""
        animated = step.kind in BREATH_KINDS and not self.state.reduced_motion
        rate = ANIMATED_HZ if animated else REFRESH_HZ
        if self._timer is not None and self._rate == rate:
            return
        if self._timer is not None:
            self._timer.stop()
        self._rate = rate
        self._timer = self.set_interval(1 / rate, self._tick)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, StepStarted):
            if self.state.settings.bell:
                self.app.bell()
            self._show_step()
            self._set_rate(event.step)
        elif isinstance(event, SessionEnded):
            if self._timer is not None:
                self._timer.stop()
            # dismiss() pops the top screen: close anything opened over the session first
            # (help, or a screen from the command palette) so it is this one that goes.
            while self.app.screen is not self and self in self.app.screen_stack:
                self.app.pop_screen()
            self.dismiss(event.summary)

    def _tick(self) -> None:
        self.session.update()
        if not self.session.is_over:
            self._refresh_numbers()

    # -- drawing -----------------------------------------------------------------------------------

    def _set(self, key: str, value: object) -> bool:
        """Remember ``value``; True when it changed (so only changes are redrawn)."""
        if self._shown.get(key) == value:
            return False
        self._shown[key] = value
        return True

    def _show_step(self) -> None:
        """Draw the current step, read fresh (taking an easier variant replaces the plan)."""
        if self.session.is_over:
            return
        step = self.session.current_step
        self._show_line("#said", "")  # what an answer said belongs to the step it was said in
        # The kind colours only the label: a class on the screen would restyle every widget.
        self._label.set_classes(f"-kind-{step.kind}")
        breathing = step.kind in BREATH_KINDS
        self.query_one("#exercise", Static).update(step.exercise_name)
        self.query_one("#counters", Static).update(step.counters())
        self._label.update(step.label.upper())
        self.query_one("#cue", Static).update(step.cue)
        safety = step.safety if step.kind == "prepare" else ()
        self._show_line("#safety", "\n".join(f"Safety: {line}" for line in safety))
        self._show_line("#easier-hint", self._easier_hint(step))
        self.query_one("#next", Static).update(next_text(self.session))
        self._pacer.display = breathing
        # No ticking numbers while breathing: the pacer is calmer (DOMAIN.md section 2).
        self._countdown.display = not breathing

    def _show_line(self, selector: str, text: str) -> None:
        """A line that takes no room when it has nothing to say."""
        line = self.query_one(selector, Static)
        line.update(text)
        line.display = bool(text)

    def _easier_hint(self, step: Step) -> str:
        """At "Get ready", when the exercise has an easier variant not yet taken: its key."""
        if self.control is None or step.kind != "prepare":
            return ""
        if step.easier is None or step.easier_taken:
            return ""
        key = key_text(self.app, self.BINDINGS, "session.easier", self.state.settings.keys)
        return f"{key}: easier ({step.easier_name})"

    def _say(self, line: str) -> None:
        """The line an answer returned, on the screen under the cue (never over the safety
        lines), until the step changes."""
        self._show_line("#said", line)

    def _refresh_numbers(self) -> None:
        session = self.session
        step = session.current_step
        if self._set("countdown", countdown_text(session.remaining_s)):
            self._countdown.value = str(self._shown["countdown"])
        left = session.time_left_s
        done = round(session.plan.total_s - left)
        if self._set("progress", done):
            self._progress.update(progress=done)
        if self._set("left", clock(left)):
            self._time_left.update(f"{self._shown['left']} left")
        paused = session.state is SessionState.PAUSED
        if self._set("paused", paused):
            self._paused.update("PAUSED · space resumes" if paused else "")
            self._countdown.set_class(paused, "-paused")
        if step.kind in BREATH_KINDS and not self.state.reduced_motion:
            kind: str = step.kind
            if kind == "breath-hold":
                previous = session.plan.steps[step.index - 1] if step.index else step
                kind = "breath-hold-in" if previous.kind == "inhale" else "breath-hold-out"
            # Only whole columns show: redraw the pacer only when its width really changes.
            columns = max(1, self._pacer.size.width)
            fraction = pacer_fraction(kind, session.step_elapsed_s, step.seconds)
            quantised = round(fraction * columns / 2) * 2 / columns
            if self._set("pacer", quantised):
                self._pacer.fraction = quantised

    # -- keys -------------------------------------------------------------------------------

    def action_toggle_pause(self) -> None:
        """Pause or resume."""
        self.session.toggle_pause()
        self._refresh_numbers()

    def action_next_step(self) -> None:
        """Skip to the next step."""
        self.session.next()
        self._refresh_numbers()

    def action_previous_step(self) -> None:
        """Back to the previous step."""
        self.session.previous()
        self._refresh_numbers()

    def action_toggle_mute(self) -> None:
        """Mute or unmute the voice for the rest of this session."""
        if self.voice is not None:
            self.voice.set_muted(not self.voice.muted)
            self._show_voice_state()

    def action_easier(self) -> None:
        """Switch this exercise to its easier variant (the flow's control says how it went)."""
        if self.control is None or self.session.is_over:
            return
        line = self.control.take_easier()
        self._show_step()
        self._say(line)

    def action_hurts(self) -> None:
        """It hurts: the session pauses and the flow's question is asked; its answer acts."""
        if self.control is None or self._confirming or self.session.is_over:
            return
        from coach.tui.screens.choice import ChoiceScreen

        control = self.control
        question = control.hurts()
        self._confirming = True
        self._refresh_numbers()

        def answered(value: str | None) -> None:
            self._confirming = False
            line = control.answer(question.cancel if value is None else value)
            if not self.session.is_over:
                self._show_step()
                self._say(line)
                self._refresh_numbers()

        self.app.push_screen(ChoiceScreen(question), answered)

    def action_end_early(self) -> None:
        """Ask, with the session paused; what was done is saved either way."""
        if self._confirming or self.session.is_over:
            return
        from coach.tui.screens.pain import ConfirmScreen

        was_running = self.session.state is SessionState.RUNNING
        self.session.pause()
        self._confirming = True

        def answered(end: bool | None) -> None:
            self._confirming = False
            if end:
                self.session.end()
            elif was_running:
                self.session.resume()
            self._refresh_numbers()

        self.app.push_screen(
            ConfirmScreen(
                "End the session now? What you have done so far is saved.",
                yes="End now",
                no="Keep going",
            ),
            answered,
        )
