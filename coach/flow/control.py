"""What a person can say during a session: "easier, please" and "it hurts".

Both front ends call the same two methods, so the answers and what follows them exist once.
"It hurts" pauses the session and asks what is happening (shared/DOMAIN.md section 1): sharper
or rising pain here -> the easier variant, skip this exercise, or end and go to flare-up relief;
pain spreading down a leg, numbness or weakness -> stop, then the red flags. Every answer is
an event in the journal (through the session's ``Marked`` events and the recorder).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coach.engine.session import Session
from coach.flow.questions import Choose, Option

__all__ = ["HURTS_QUESTION", "SessionControl", "Then"]

Then = Literal["flare", "red-flags"]
"""What the flow does after a session that "it hurts" ended."""

HURTS_QUESTION = Choose(
    title="What is happening?",
    text="The session is paused.",
    options=(
        Option("s", "Sharper or rising pain here: skip this exercise", "skip"),
        Option("e", "Sharper or rising pain here: the easier variant", "easier"),
        Option("f", "End the session and go to flare-up relief", "flare"),
        Option("l", "Pain spreading down a leg, numbness or weakness: stop", "leg"),
        Option("c", "It has settled: carry on", "carry-on"),
    ),
    default="skip",
    cancel="stay-paused",
    cancel_label="keep the session paused",
)


HURTS_DETAIL = {
    "carry-on": "it settled: carried on",
    "stay-paused": "stayed paused",
}
"""The event's detail for answers that change nothing else (the rest: sharper or rising pain)."""


@dataclass
class SessionControl:
    """The session being run, and what its "it hurts" answers decided."""

    session: Session
    flare: bool = False
    """A flare session: "go to flare-up relief" is not offered (it is already that)."""
    relief_available: bool = True
    """False when there is no flare-up routine to go to."""
    then: Then | None = None

    def take_easier(self) -> str:
        """Switch this exercise to its easier variant; the line to show either way."""
        step = self.session.current_step
        if self.session.take_easier():
            return f"Easier: {step.easier_name}. {step.easier}"
        if step.easier_taken:
            return "You are already doing the easier variant."
        return f"{step.exercise_name} has no easier variant. If it hurts, skip this exercise."

    def hurts(self) -> Choose:
        """Pause and return the question to ask (the front end shows it and calls ``answer``)."""
        self.session.pause()
        step = self.session.current_step
        hidden = set()
        if step.easier is None or step.easier_taken:
            hidden.add("easier")
        if self.flare or not self.relief_available:
            hidden.add("flare")
        options = tuple(o for o in HURTS_QUESTION.options if o.value not in hidden)
        return Choose(
            HURTS_QUESTION.title,
            f"{step.exercise_name}: the session is paused.",
            options,
            HURTS_QUESTION.default,  # skipping is the safer way to go on
            HURTS_QUESTION.cancel,
            HURTS_QUESTION.cancel_label,
        )

    def answer(self, value: str) -> str:
        """Act on the answer to ``hurts()``; the line to show. Resumes unless it ended."""
        session = self.session
        if value == "leg":
            session.mark("leg-symptoms", "pain spreading down a leg, numbness or weakness")
            session.end()
            self.then = "red-flags"
            return "Stopped. Please read the red flags now."
        session.mark("hurts", HURTS_DETAIL.get(value, "sharper or rising pain"))
        if value == "stay-paused":
            return "Paused. Resume when you are ready."
        if value == "carry-on":
            session.resume()
            return "Carrying on."
        if value == "flare":
            session.end()
            self.then = "flare"
            return "Ended. Flare-up relief comes next."
        if value == "easier":
            line = self.take_easier()
        else:
            session.skip_exercise()
            line = "Skipped this exercise."
        session.resume()
        return line
