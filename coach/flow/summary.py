"""The words at the end of a session, the same in the app and the plain runner.

How the session ended and whether it counts come from ``coach.coaching.outcome`` (one
vocabulary everywhere); the pain change is *relief*, never "meaningful" (DOMAIN.md section 4).
"""

from __future__ import annotations

from coach.coaching import outcome
from coach.engine.session import Summary
from coach.flow.questions import ShowSummary
from coach.timefmt import words

__all__ = ["done_text", "interrupted_line", "summary_question"]


def done_text(summary: Summary) -> str:
    """What was done against what was planned, and how long it took."""
    reps = f"{summary.reps_done} of {summary.reps_planned} reps, " if summary.reps_planned else ""
    return (
        f"{reps}work {words(summary.work_done_s)} of {words(summary.work_planned_s)} "
        f"({summary.dose:.0%}), {words(summary.active_s)} in all."
    )


def _end(summary: Summary) -> outcome.SessionEnd:
    return outcome.session_end(summary.outcome, summary.dose)


def _counts(end: outcome.SessionEnd, preview: bool, flare: bool, purpose: str | None = None) -> str:
    """Whether it counts, unless the heading said so already (a preview, skipped through)."""
    if preview or end == "skipped-through":
        return ""
    return outcome.counts_text(end, preview, flare, purpose=purpose)


def interrupted_line(title: str, summary: Summary) -> str:
    """The one line when a signal stopped the session."""
    # The session was ended by the signal (its journal status is ended_early): same words.
    heading = outcome.summary_heading("ended-early", preview=False)
    return f"{heading} {title}: {done_text(summary)}"


def summary_question(
    title: str,
    summary: Summary,
    preview: bool,
    flare: bool,
    pain_before: int | None,
    pain_after: int | None,
    advice: list[str],
    card: str = "",
    purpose: str | None = None,
) -> ShowSummary:
    """The summary to show: heading, what was done, the pain change, advice for next time."""
    return ShowSummary(
        title=title,
        heading=outcome.summary_heading(_end(summary), preview),
        counts=_counts(_end(summary), preview, flare, purpose),
        done=done_text(summary),
        pain=outcome.pain_change_text(pain_before, pain_after),
        advice=tuple(advice),
        summary=summary,
        pain_before=pain_before,
        pain_after=pain_after,
        card=card,
    )
