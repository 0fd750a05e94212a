"""The session screen: a thin consumer of the engine, readable from the floor.

It shows what to do now (exercise, step label, a big countdown, the cue), the counters, what
comes next (also during rest), overall progress and time left, and a pacer for breathing. Its
timer asks the session for its state about ten times a second and updates only what changed;
the countdown comes from the session's deadline, so dropped timer ticks cost nothing.

Floor mode: the layout follows the terminal's size (``layout_for``). At 80x24 ("compact") it
is the tight one-screen layout; from 100x40 ("floor") the exercise, the state, the side and
the countdown are drawn in the block font, as large as the room allows, inside a frame whose
line, colour and title change with the state (``coach.tui.palette``), so the state reads from
across a room and without colour. Paused, the state word becomes a large PAUSED and the
countdown dims. Below 60x16 a plain "make the window larger" view says how long is left; the
session runs on underneath.

"Easier, please" (``e``) and "it hurts" (``x``) go to the flow's ``SessionControl``: what they
do and what they lead to is decided there; this screen shows the question and the line it
returns. The step on screen is always read fresh from the session, whose plan is replaced when
an easier variant is taken.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, ProgressBar, Static

from coach.engine.plan import Step
from coach.engine.session import Event, Session, SessionEnded, SessionState, StepStarted, Summary
from coach.timefmt import clock
from coach.tui.palette import PAUSED, state_colour, state_style
from coach.tui.widgets.big_countdown import BigCountdown
from coach.tui.widgets.block_font import BlockText
from coach.tui.widgets.keys import key_text
from coach.tui.widgets.pacer import Pacer, pacer_fraction

if TYPE_CHECKING:
    from coach.flow.control import SessionControl
    from coach.tui.state import CoachState
    from coach.voice import VoiceCoach

__all__ = ["SessionScreen", "countdown_text", "layout_for", "next_text", "too_small_text"]

REFRESH_HZ = 4
"""Seconds on a countdown change once a second: four looks a second keep it within 0.25 s."""
ANIMATED_HZ = 10
"""The breathing pacer moves continuously: ten frames a second keep it smooth."""
BREATH_KINDS = ("inhale", "exhale", "breath-hold")
SMALLEST = (60, 16)
"""Below this (columns, rows) the session cannot be shown whole: a "make it larger" view."""
FLOOR = (100, 40)
"""From this size on there is room for the block-font state, side and a larger countdown."""


def layout_for(width: int, height: int) -> str:
    """Which layout a terminal of ``width`` x ``height`` gets: small, compact or floor."""
    if width < SMALLEST[0] or height < SMALLEST[1]:
        return "small"
    if width >= FLOOR[0] and height >= FLOOR[1]:
        return "floor"
    return "compact"


def too_small_text(step: Step, remaining: float, paused: bool, resume_key: str) -> str:
    """What the too-small view says: make it larger, and that the session goes on (or waits)."""
    left = f"{countdown_text(remaining)} s of {step.label} left"
    if ":" in countdown_text(remaining):
        left = f"{countdown_text(remaining)} of {step.label} left"
    state = (
        f"it is paused: {left}; {resume_key} resumes" if paused else f"it is still running: {left}"
    )
    return f"Make the window larger to see the session\n({state})."


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
        self._layout = "compact"
        self._ready = False

    def compose(self) -> ComposeResult:
        plan = self.session.plan
        with Vertical(id="session"):
            with Horizontal(id="session-top"):
                yield Static(plan.title, id="routine-title", markup=False)
                yield Static("", id="voice-state")
                yield Static("", id="time-left")
            with Horizontal(id="exercise-line"):
                yield BlockText(id="exercise", largest=2)
                yield Static("", id="counters")
            with Horizontal(id="label-line"):
                yield Static("", id="state-symbol")
                yield BlockText(id="step-label", largest=3)
                yield BlockText("PAUSED", id="paused-banner", largest=3)
                yield Static("", id="paused")
            yield BlockText(id="side", largest=2)
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
        yield Static("", id="too-small", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        """Subscribe, start the session and the refresh timer."""
        # Looked up once: the timer runs ten times a second and should touch only what changed.
        self._countdown = self.query_one(BigCountdown)
        self._pacer = self.query_one(Pacer)
        self._progress = self.query_one(ProgressBar)
        self._time_left = self.query_one("#time-left", Static)
        self._paused = self.query_one("#paused", Static)
        self._label = self.query_one("#step-label", BlockText)
        self._frame = self.query_one("#session", Vertical)
        self._too_small = self.query_one("#too-small", Static)
        self._pacer.still = self.state.reduced_motion
        self.session.subscribe(self._on_event)
        if self.preview:
            self.query_one("#routine-title", Static).update(
                f"{self.session.plan.title}  (preview: not counted)"
            )
        self._show_voice_state()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._paint())
        self.session.start()
        self._show_step()
        self._refresh_numbers()
        self._set_rate(self.session.current_step)
        self._ready = True
        self._use_layout(layout_for(self.app.size.width, self.app.size.height))

    def on_resize(self, event: events.Resize) -> None:
        """Choose the layout for the new size; the session goes on whatever it is."""
        if self._ready:
            self._use_layout(layout_for(event.size.width, event.size.height))

    def _use_layout(self, layout: str) -> None:
        """Show the session in ``layout`` (small, compact or floor), if it is a new one."""
        if not self._set("layout", layout):
            return
        self._layout = layout
        self.set_class(layout == "floor", "-floor")
        self._frame.display = layout != "small"
        self._too_small.display = layout == "small"
        if not self.session.is_over:
            self._show_step()
            self._refresh_numbers()

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

    def _key(self, binding_id: str) -> str:
        """The key the person has for one of this screen's bindings (after their remap)."""
        return key_text(self.app, self.BINDINGS, binding_id, self.state.keymap)

    def _show_voice_state(self) -> None:
        if self.voice is not None:
            key = self._key("session.mute")
            text = f"voice muted · {key}" if self.voice.muted else f"voice on · {key} mutes"
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
        breathing = step.kind in BREATH_KINDS
        self.query_one("#exercise", BlockText).update(step.exercise_name)
        self.query_one("#state-symbol", Static).update(state_style(step.kind).symbol)
        side = self.query_one("#side", BlockText)
        side.update(f"{step.side} side" if step.side else "")
        side.display = self._layout == "floor" and step.side is not None
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
        self._show_paused()

    def _show_paused(self) -> None:
        """Paused: the prompt with the resume key; in floor mode a large PAUSED in place of
        the state word. The frame and the countdown take the paused colour."""
        paused = self.session.state is SessionState.PAUSED
        self._paused.update(f"PAUSED · {self._key('session.pause')} resumes" if paused else "")
        floor = self._layout == "floor"
        self.query_one("#paused-banner", BlockText).display = floor and paused
        self._label.display = not (floor and paused)
        self.set_class(paused, "-paused")
        self._paint()

    def _paint(self) -> None:
        """Colour and frame for the state (or for a pause), for the current theme."""
        if self.session.is_over:
            return
        step = self.session.current_step
        paused = self.session.state is SessionState.PAUSED
        dark = self.app.current_theme.dark
        colour = state_colour(step.kind, dark)
        frame_kind = PAUSED if paused else step.kind
        frame_colour = state_colour(frame_kind, dark)
        border = (state_style(frame_kind).border, frame_colour)
        for widget in (self._label, self.query_one("#state-symbol"), self.query_one("#side")):
            widget.styles.color = colour
        self._pacer.styles.color = colour
        self._countdown.styles.color = frame_colour if paused else colour
        self.query_one("#paused-banner").styles.color = frame_colour
        self._paused.styles.color = frame_colour
        frame = self._frame
        if self._layout == "floor":
            frame.styles.border = border
            title = f"{state_style(frame_kind).symbol} {step.label}"
            frame.border_title = f"{title} · paused" if paused else title
        else:
            frame.styles.border = None
            frame.styles.border_left = border
            frame.styles.border_right = border
            frame.border_title = None

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
        return f"{self._key('session.easier')}: easier ({step.easier_name})"

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
        if self._set("paused", session.state is SessionState.PAUSED):
            self._show_paused()
        if self._layout == "small":
            paused = session.state is SessionState.PAUSED
            resume = self._key("session.pause")
            text = too_small_text(step, session.remaining_s, paused, resume)
            if self._set("too-small", text):
                self._too_small.update(text)
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
