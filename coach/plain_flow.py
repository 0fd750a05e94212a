"""The plain front end of the session flow: questions as prompts, the session as lines.

How to ask and show, nothing more: the flow (``coach.flow``) decides what is asked and what
follows. With a terminal, questions are typed answers (a line and Enter); during the session
single keys steer it. Without one, the flow asks nothing: this only prints.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, TextIO

from coach.coaching import redflags
from coach.commands.prompts import Ask, ask_note, ask_pain
from coach.flow.questions import (
    AskNote,
    AskPain,
    AskRedFlags,
    AskSide,
    Choose,
    Question,
    RunSession,
    SessionRun,
    ShowSummary,
    Tell,
)
from coach.plain import KeyReader, PlainRunner, Stopped, option_lines, stdin_keys
from coach.settings import VoiceSettings
from coach.textsafe import printable
from coach.voice import start_voice

__all__ = ["PlainFrontEnd"]

VOICE_GRACE_S = 5.0
"""How long the end of a session may wait for the voice to start its last words."""

RED_FLAG_PROMPT = (
    "Type n if none of these apply; e (emergency), u (same day) or s (soon) if one does; "
    "Enter alone goes back: "
)


class PlainFrontEnd:
    """Answers the flow's questions on a terminal (``ask`` set) or only prints (``ask`` None)."""

    def __init__(
        self,
        out: TextIO,
        ask: Ask | None,
        voice: VoiceSettings,
        voice_enabled: bool | None = None,
        keys_factory: Callable[[], KeyReader | None] = stdin_keys,
    ) -> None:
        self.out = out
        self.ask = ask
        self.voice = voice
        self.voice_enabled = voice_enabled
        self.keys_factory = keys_factory

    def say(self, text: str = "") -> None:
        """Print one line of text literally (no control characters)."""
        print(printable(text), file=self.out, flush=True)

    def __call__(self, question: Question[Any]) -> object:
        """Answer one question of the flow."""
        if isinstance(question, Tell):
            self._tell(question)
            return None
        if isinstance(question, RunSession):
            return self._run(question)
        if isinstance(question, ShowSummary):
            self._summary(question)
            return None
        if self.ask is None:  # no terminal: the flow should not ask; take the safe answer
            return _no_answer(question)
        return self._ask(question, self.ask)

    def _ask(self, question: Question[Any], ask: Ask) -> object:
        if isinstance(question, AskPain):
            when = "before you start" if question.when == "before" else "after the session"
            return ask_pain(f"Pain now, {when}", ask, self.out)
        if isinstance(question, AskNote):
            return ask_note(ask)
        if isinstance(question, AskSide):
            return self._side(ask)
        if isinstance(question, AskRedFlags):
            return self._red_flags(question, ask)
        if isinstance(question, Choose):
            return self._choose(question, ask)
        raise TypeError(f"the plain runner cannot ask {question!r}")

    def _tell(self, tell: Tell) -> None:
        if tell.title and tell.kind != "info":
            self.say(tell.title)
        self.say(tell.text)
        if tell.kind != "info":
            self.say()

    def _line(self, prompt: str, ask: Ask) -> str | None:
        try:
            return ask(prompt).strip().lower()
        except EOFError:
            return None

    def _side(self, ask: Ask) -> str | None:
        answer = self._line(
            "Which side hurts? [l]eft, [r]ight, or Enter for both / the middle: ", ask
        )
        if answer is None:
            return None
        if answer.startswith("l"):
            return "left"
        if answer.startswith("r"):
            return "right"
        return "both"

    def _red_flags(self, question: AskRedFlags, ask: Ask) -> str:
        self.say(question.reason)
        self.say()
        self.say(redflags.red_flags_text())
        self.say()
        while True:
            answer = self._line(RED_FLAG_PROMPT, ask)
            if answer is None or answer in ("", "q"):
                return "cancel"
            if answer[:1] in redflags.ANSWER_KEYS:
                return redflags.ANSWER_KEYS[answer[:1]]
            self.say(f"{answer!r} is not one of n, e, u, s.")

    def _choose(self, question: Choose, ask: Ask) -> str:
        self.say(question.title)
        self.say(question.text)
        for line in option_lines(question):
            self.say(line)
        keys = "/".join(option.key for option in question.options)
        while True:
            answer = self._line(f"Choose {keys}: ", ask)
            if answer is None:
                return question.cancel
            if answer == "" and question.default is not None:
                return question.default
            picked = question.by_key(answer[:1]) if answer else None
            if picked is not None:
                return picked.value
            self.say(f"Type one of {keys}.")

    def _summary(self, summary: ShowSummary) -> None:
        self.say(f"{summary.heading} {summary.title}: {summary.done}")
        if summary.counts:
            self.say(summary.counts)
        if summary.pain_before is not None or summary.pain_after is not None:
            self.say(summary.pain)
        for line in summary.advice:
            self.say(line)
        if summary.card:
            self.say(summary.card)

    def _run(self, question: RunSession) -> SessionRun:
        session = question.session
        plan = session.plan
        bell = _terminal_bell(self.out)
        voice, notice = start_voice(
            self.voice, plan, session.clock, bell, plain=True, enabled=self.voice_enabled
        )
        if notice:
            self.say(notice)
        if voice is not None:
            session.subscribe(voice)
        keys = self.keys_factory() if self.ask is not None else None
        runner = PlainRunner(session, self.out, speed=question.speed, keys=keys,
                             control=question.control)  # fmt: skip
        try:
            with keys.active() if keys is not None else contextlib.nullcontext():
                summary = runner.run()
        except Stopped as stop:
            if voice is not None:
                voice.stop()
            return SessionRun(session.summary(), signal=stop.signum)
        if voice is not None:
            voice.close(wait_s=VOICE_GRACE_S)  # let "Done" start before the questions
        return SessionRun(summary)


def _no_answer(question: Question[Any]) -> object:
    """The safe answer when nobody can be asked."""
    if isinstance(question, Choose):
        return question.cancel
    if isinstance(question, AskRedFlags):
        return "cancel"
    return None


def _terminal_bell(out: TextIO) -> Callable[[], None]:
    """The bell for breath tones when no player is found: only on a terminal, never in a file."""

    def ring() -> None:
        if out.isatty():
            out.write("\a")
            out.flush()

    return ring
