"""The question protocol between the one session flow and a front end.

The flow is a generator: it yields a *question* and is sent the answer. A front end (the app
with screens, the plain runner with prompts, a test with a script of answers) only decides how
to ask and show; it never decides what comes next. Each question checks the answer it gets
(``check``), so a front end that sends nonsense fails loudly in tests instead of steering the
flow somewhere undefined.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from coach.coaching.redflags import ANSWER_KEYS

if TYPE_CHECKING:
    from coach.engine.session import Session, Summary
    from coach.flow.control import SessionControl

__all__ = [
    "NOTE_MAX_CHARS",
    "AskNote",
    "AskPain",
    "AskRedFlags",
    "AskSide",
    "Choose",
    "Option",
    "Question",
    "RunSession",
    "SessionRun",
    "ShowSummary",
    "SideAnswer",
    "Tell",
    "TellKind",
    "ask",
]

T = TypeVar("T")

SideAnswer = Literal["left", "right", "both"]
TellKind = Literal["info", "advice", "stop", "welcome"]


class Question(Generic[T]):
    """Something the flow needs from the person (or needs shown to them)."""

    def check(self, answer: object) -> T:
        """The answer, checked; raises ``TypeError`` for an answer this question can't take."""
        raise NotImplementedError


def _fail(question: object, answer: object) -> TypeError:
    return TypeError(f"{type(question).__name__} cannot take the answer {answer!r}")


@dataclass(frozen=True)
class Option:
    """One choice: the key that picks it, its label, and the value sent back."""

    key: str
    label: str
    value: str


@dataclass(frozen=True)
class Choose(Question[str]):
    """Pick one option. Enter gives ``default``; Escape or the end of input gives ``cancel``.

    ``default`` is always the safer choice. ``None`` as default means Enter picks nothing (the
    red flags' "none of these apply" needs its own key).
    """

    title: str
    text: str
    options: tuple[Option, ...]
    default: str | None
    cancel: str
    cancel_label: str = "cancel"
    """What Escape (or the end of input) does, in a few words for the hint."""

    def check(self, answer: object) -> str:
        """One of the options' values, or the cancel value."""
        values = {option.value for option in self.options} | {self.cancel}
        if isinstance(answer, str) and answer in values:
            return answer
        raise _fail(self, answer)

    def by_key(self, key: str) -> Option | None:
        """The option a key picks (case-insensitive), if any."""
        return next((o for o in self.options if o.key.lower() == key.lower()), None)


NOTE_MAX_CHARS = 200
"""A note is one line for the log; longer text is cut here (the app's field stops there)."""

RED_FLAG_ANSWERS = (*ANSWER_KEYS.values(), "cancel")
"""Every answer ``AskRedFlags`` takes."""


@dataclass(frozen=True)
class AskRedFlags(Question[str]):
    """The red-flag list: which group applies, if any (``coaching.redflags.RedFlagAnswer``).

    ``reason`` says why it is asked now. Answers: ``none`` (its own key, never Enter),
    ``emergency``, ``urgent``, ``soon``, ``cancel``. A "soon" answer is followed by a
    ``Choose`` that offers "a clinician has already checked this".
    """

    reason: str

    def check(self, answer: object) -> str:
        """One of ``RED_FLAG_ANSWERS``."""
        if isinstance(answer, str) and answer in RED_FLAG_ANSWERS:
            return answer
        raise _fail(self, answer)


@dataclass(frozen=True)
class AskSide(Question["SideAnswer | None"]):
    """Which side hurts: left, right, or both / the middle (the default); ``None`` cancels."""

    def check(self, answer: object) -> SideAnswer | None:
        """left, right, both or None."""
        if answer is None or answer in ("left", "right", "both"):
            return answer
        raise _fail(self, answer)


@dataclass(frozen=True)
class AskPain(Question["int | None"]):
    """A pain score 0-10 before or after a session; ``None`` skips."""

    when: Literal["before", "after"]
    title: str

    def check(self, answer: object) -> int | None:
        """0-10 or None (a bool is not a score)."""
        if answer is None:
            return None
        if isinstance(answer, int) and not isinstance(answer, bool) and 0 <= answer <= 10:
            return answer
        raise _fail(self, answer)


@dataclass(frozen=True)
class AskNote(Question["str | None"]):
    """An optional one-line note for the log."""

    def check(self, answer: object) -> str | None:
        """Stripped text, or None when blank."""
        if answer is None:
            return None
        if isinstance(answer, str):
            return answer.strip()[:NOTE_MAX_CHARS] or None
        raise _fail(self, answer)


@dataclass(frozen=True)
class Tell(Question[None]):
    """Something to show. ``info``: a line; ``advice`` and ``stop``: read before going on
    (a dialog in the app); ``welcome``: the first-use disclaimer."""

    text: str
    kind: TellKind = "info"
    title: str = ""

    def check(self, answer: object) -> None:
        """Nothing to answer."""
        return


@dataclass(frozen=True)
class SessionRun:
    """How a session run ended, as the front end saw it."""

    summary: Summary
    signal: int | None = None
    """The signal number when SIGINT/SIGTERM stopped it (plain runner)."""


@dataclass(frozen=True)
class RunSession(Question[SessionRun]):
    """Run this session to its end. The recorder is subscribed already; the front end adds its
    own consumers (screen, voice) and steers it; ``control`` answers "it hurts" and "easier"."""

    control: SessionControl
    speed: float = 1.0

    @property
    def preview(self) -> bool:
        """A session at another speed than 1 is a preview: saved, never counted."""
        return self.speed != 1

    @property
    def session(self) -> Session:
        """The session to run."""
        return self.control.session

    def check(self, answer: object) -> SessionRun:
        """A ``SessionRun``."""
        if isinstance(answer, SessionRun):
            return answer
        raise _fail(self, answer)


@dataclass(frozen=True)
class ShowSummary(Question[None]):
    """The end of a flow: what was done, the pain change, advice for next time."""

    title: str
    heading: str
    done: str
    counts: str
    """Whether it counts for the week, and why not; empty when the heading says so."""
    pain: str
    advice: tuple[str, ...]
    summary: Summary
    pain_before: int | None
    pain_after: int | None
    card: str = ""
    """The education card of the day in one paragraph (empty when there is none)."""

    def check(self, answer: object) -> None:
        """Nothing to answer."""
        return


def ask(question: Question[T]) -> Generator[Question[Any], object, T]:
    """``answer = yield from ask(question)``: yield it, check the answer."""
    answer = yield question
    return question.check(answer)
