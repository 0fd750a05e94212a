"""How a session ended, whether it counts, and what its pain scores say: one vocabulary.

Every screen, line and report that says how a session went takes its words from here, so
"completed" means the same thing everywhere (shared/DOMAIN.md sections 4 and 6):

* A session is **completed** when it reached its end with at least ``DONE_DOSE`` (half) of its
  planned work done. One that reached the end with less (every step skipped with ``n``) was
  **skipped through**: saved, never counted. One stopped by the person **ended early**; one
  whose process died (a crash, a kill) was **interrupted**; one still being recorded is
  **in progress**.
* Only a completed session **counts** for adherence (it makes its day done), and only when it
  is not a preview and not a flare-up session. Flare-up sessions never count as done; the
  day they are logged on is a flare day, which neither counts nor breaks a streak.
* A session of a routine of purpose ``walk`` (the timed walk) is not a **core session**: it
  never makes a day done, never counts as progression evidence and never enters the pain
  trend. A completed timed walk writes a walk to the walking log, so it counts once, as a
  walk (a walk day, shared/DOMAIN.md section 6b).
* Within a session the change of pain before -> after is short-term **relief**, reported as
  "relief of N points". It is never called meaningful: a meaningful change is judged on weekly
  means against a baseline, not on one session.

Pure: plain values in, words out; no UI, no SQL, no journal import.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

__all__ = [
    "DONE_DOSE",
    "PAIN_BEFORE_SCOPE",
    "SESSION_ENDS",
    "WALK_PURPOSE",
    "SessionEnd",
    "counts",
    "counts_text",
    "event_text",
    "is_core_session",
    "label",
    "mean_relief_text",
    "pain_change_text",
    "relief",
    "relief_count_text",
    "session_end",
    "summary_heading",
]

SessionEnd = Literal["completed", "ended-early", "skipped-through", "interrupted", "in-progress"]
"""How a session ended (``in-progress``: it has not, it is still being recorded)."""

SESSION_ENDS: Final[tuple[SessionEnd, ...]] = get_args(SessionEnd)
"""Every ``SessionEnd``, in the order above."""

DONE_DOSE: Final = 0.5
"""The share of planned work a session that reached its end needs to count as completed."""

WALK_PURPOSE: Final = "walk"
"""The purpose of the timed walk: its sessions are walks, not core sessions."""

PAIN_BEFORE_SCOPE: Final = "days with a session only"
"""What a mean of pain before sessions covers: bad days without a session are missing."""

_STATUS_ENDS: Final[dict[str, SessionEnd]] = {
    "ended_early": "ended-early",
    "interrupted": "interrupted",
    "running": "in-progress",
}

_LABELS: Final[dict[SessionEnd, str]] = {
    "completed": "Completed",
    "ended-early": "Ended early",
    "skipped-through": "Skipped through",
    "interrupted": "Interrupted",
    "in-progress": "In progress",
}

_COUNTS_TEXT: Final[dict[SessionEnd, str]] = {
    "completed": "Counts for your week.",
    "ended-early": "Saved, not counted: it was ended before the last step.",
    "skipped-through": "Saved, not counted: less than half the work was done.",
    "interrupted": "Saved up to where coach stopped; not counted.",
    "in-progress": "Still running: it counts once it is completed.",
}

_HEADINGS: Final[dict[SessionEnd, str]] = {
    "completed": "Completed.",
    "ended-early": "Ended early: saved.",
    "skipped-through": "Skipped through: saved, but not counted.",
    "interrupted": "Interrupted: saved.",
    "in-progress": "In progress.",
}


def session_end(status: str, dose: float) -> SessionEnd:
    """How a session ended, from its status and its dose (work done / planned, 0..1).

    ``status`` is the journal's (``completed``: it reached the end, ``ended_early``,
    ``interrupted``, ``running``) or the engine's summary outcome (``completed``,
    ``ended_early``). A session that reached the end with less than ``DONE_DOSE`` of its work
    done was skipped through.
    """
    if status == "completed":
        return "completed" if dose >= DONE_DOSE else "skipped-through"
    try:
        return _STATUS_ENDS[status]
    except KeyError:
        raise ValueError(f"unknown session status {status!r}") from None


def label(end: SessionEnd) -> str:
    """``Completed``, ``Ended early``, ``Skipped through``, ``Interrupted``, ``In progress``."""
    return _LABELS[end]


def is_core_session(purpose: str | None) -> bool:
    """Whether sessions of a routine of this purpose are core sessions: every purpose but
    ``walk`` (a timed walk counts as a walk, through the walking log, never as a session)."""
    return purpose != WALK_PURPOSE


def counts(end: SessionEnd, preview: bool, flare: bool, purpose: str | None = None) -> bool:
    """Whether the session makes its day done: completed, neither a preview nor a flare, and
    a core session (a timed walk is not: it counts once, as a walk)."""
    return end == "completed" and not preview and not flare and is_core_session(purpose)


def counts_text(
    end: SessionEnd, preview: bool = False, flare: bool = False, purpose: str | None = None
) -> str:
    """One sentence on whether the session counts for adherence, and why not."""
    if preview:
        return "Preview: saved, never counted."
    if not is_core_session(purpose):
        if end == "completed":
            return "A timed walk: it counts as a walk day, not as a session."
        return "A timed walk: saved; only a completed one is logged as a walk."
    if flare and end != "in-progress":
        return "Flare-up session: not counted, and it never breaks your streak."
    return _COUNTS_TEXT[end]


def summary_heading(end: SessionEnd, preview: bool) -> str:
    """The first words at the end of a session: ``Completed.``, ``Ended early: saved.`` ...;
    a preview says how it ended too: ``Completed (a preview: never counted).``"""
    heading = _HEADINGS[end]
    return f"{heading.rstrip('.')} (a preview: never counted)." if preview else heading


_EVENT_WORDS: Final[dict[str, str]] = {
    "hurts": "it hurt",
    "easier": "easier variant",
    "skipped-exercise": "skipped",
    "leg-symptoms": "leg symptoms: stopped",
}


def event_text(kind: str, exercise: str, detail: str | None, at_s: float) -> str:
    """One thing said or chosen during a session, for the history and the report:
    ``curl-up at 0:12: it hurt (sharper or rising pain)``."""
    minutes, seconds = divmod(int(at_s), 60)
    what = _EVENT_WORDS.get(kind, kind)
    more = f" ({detail})" if detail else ""
    return f"{exercise} at {minutes}:{seconds:02d}: {what}{more}"


def relief(before: int, after: int) -> int:
    """Points of relief within a session: before - after (negative when pain went up)."""
    return before - after


def _points(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"


def pain_change_text(before: int | None, after: int | None) -> str:
    """The pain change within one session, as short-term relief (never "meaningful").

    ``Relief of 2 points (5 → 3).``, ``No change (3 → 3).``, ``Pain up 2 points (3 → 5).``,
    ``Pain before 3; no score after.``, ``Pain not recorded.``
    """
    if before is None and after is None:
        return "Pain not recorded."
    if after is None:
        return f"Pain before {before}; no score after."
    if before is None:
        return f"Pain after {after}; no score before."
    change = f"({before} → {after})"
    points = relief(before, after)
    if points > 0:
        return f"Relief of {_points(points)} {change}."
    if points < 0:
        return f"Pain up {_points(-points)} {change}."
    return f"No change {change}."


def relief_count_text(with_relief: int, paired: int) -> str:
    """``Relief in 2 of 3 sessions``: how many of the sessions scored before and after had it."""
    return f"Relief in {with_relief} of {paired} session{'' if paired == 1 else 's'}"


def mean_relief_text(mean_change: float | None, with_relief: int, paired: int) -> str:
    """Relief over many sessions: the mean change before -> after, and how many had relief.

    ``mean_change`` is the mean of after - before over the ``paired`` sessions with both
    scores (negative when pain went down); ``with_relief`` of them ended with less pain.
    ``Relief of 1.3 points on average within a session; relief in 2 of 3 sessions with both
    scores.``
    """
    if mean_change is None or not paired:
        return "No session with pain scored before and after."
    share = relief_count_text(with_relief, paired).lower() + " with both scores"
    mean = round(mean_change, 1)
    if mean < 0:
        return f"Relief of {-mean:.1f} points on average within a session; {share}."
    if mean > 0:
        return f"Pain up {mean:.1f} points on average within a session; {share}."
    return f"No change on average within a session; {share}."
