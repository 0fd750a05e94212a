"""One vocabulary for how a session ended, whether it counts, and the pain change within it."""

from __future__ import annotations

import ast
import inspect
from typing import get_args

import pytest

from coach.coaching import outcome
from coach.coaching.outcome import (
    DONE_DOSE,
    SessionEnd,
    counts,
    counts_text,
    label,
    mean_relief_text,
    pain_change_text,
    relief,
    relief_count_text,
    session_end,
    summary_heading,
)

ENDS: tuple[SessionEnd, ...] = get_args(SessionEnd)


# -- how a session ended ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "dose", "end"),
    [
        ("completed", 1.0, "completed"),
        ("completed", DONE_DOSE, "completed"),  # exactly half is enough
        ("completed", 0.49, "skipped-through"),
        # `n` pressed through every step: the engine reached the end with 9% of the work.
        ("completed", 0.09, "skipped-through"),
        ("completed", 0.0, "skipped-through"),
        ("ended_early", 0.9, "ended-early"),  # ended by the person, however much was done
        ("ended_early", 0.1, "ended-early"),
        ("interrupted", 0.0, "interrupted"),
        ("interrupted", 1.0, "interrupted"),
        ("running", 0.0, "in-progress"),
    ],
)
def test_session_end(status: str, dose: float, end: SessionEnd) -> None:
    assert session_end(status, dose) == end


def test_the_done_dose_is_half_the_planned_work() -> None:
    assert DONE_DOSE == 0.5


def test_an_unknown_status_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown session status 'paused'"):
        session_end("paused", 1.0)


def test_every_end_has_a_label_a_counts_text_and_a_heading() -> None:
    assert [label(end) for end in ENDS] == [
        "Completed",
        "Ended early",
        "Skipped through",
        "Interrupted",
        "In progress",
    ]
    for end in ENDS:
        for text in (counts_text(end), summary_heading(end, preview=False)):
            assert text.endswith("."), text
            assert text[0].isupper(), text


# -- whether it counts -----------------------------------------------------------------------------


@pytest.mark.parametrize("end", ENDS)
def test_only_a_completed_session_counts(end: SessionEnd) -> None:
    assert counts(end, preview=False, flare=False) is (end == "completed")


@pytest.mark.parametrize("end", ENDS)
def test_previews_never_count(end: SessionEnd) -> None:
    assert counts(end, preview=True, flare=False) is False
    assert counts_text(end, preview=True) == "Preview: saved, never counted."
    assert summary_heading(end, preview=True).endswith("(a preview: never counted).")
    assert summary_heading(end, preview=True).startswith(summary_heading(end, False)[:-1])


@pytest.mark.parametrize("end", ENDS)
def test_flare_sessions_never_count_as_done(end: SessionEnd) -> None:
    # As in the stats: a flare session marks a flare day, which is neither done nor missed.
    assert counts(end, preview=False, flare=True) is False


def test_a_session_skipped_through_with_n_is_saved_but_not_counted() -> None:
    end = session_end("completed", 0.09)
    assert not counts(end, preview=False, flare=False)
    assert label(end) == "Skipped through"
    assert summary_heading(end, preview=False) == "Skipped through: saved, but not counted."
    assert counts_text(end) == "Saved, not counted: less than half the work was done."
    assert "Completed" not in summary_heading(end, preview=False)


def test_a_completed_session_counts_for_the_week() -> None:
    end = session_end("completed", 1.0)
    assert counts(end, preview=False, flare=False)
    assert summary_heading(end, preview=False) == "Completed."
    assert counts_text(end) == "Counts for your week."


def test_a_preview_of_a_whole_session() -> None:
    end = session_end("completed", 1.0)
    assert not counts(end, preview=True, flare=False)
    assert summary_heading(end, preview=True) == "Completed (a preview: never counted)."


def test_an_interrupted_session() -> None:
    end = session_end("interrupted", 0.6)
    assert end == "interrupted"
    assert not counts(end, preview=False, flare=False)
    assert label(end) == "Interrupted"
    assert summary_heading(end, preview=False) == "Interrupted: saved."
    assert "not counted" in counts_text(end)


def test_a_session_ended_early() -> None:
    end = session_end("ended_early", 0.7)
    assert not counts(end, preview=False, flare=False)
    assert summary_heading(end, preview=False) == "Ended early: saved."
    assert "not counted" in counts_text(end)


def test_a_flare_session_says_it_is_not_counted_and_keeps_the_streak() -> None:
    text = counts_text("completed", flare=True)
    assert "not counted" in text
    assert "streak" in text


@pytest.mark.parametrize("end", [end for end in ENDS if end != "completed"])
def test_only_a_completed_session_is_called_completed(end: SessionEnd) -> None:
    for text in (label(end), counts_text(end), summary_heading(end, preview=False)):
        assert "Completed" not in text
        assert "Counts for your week" not in text
        assert "Well done" not in text


# -- pain within a session: relief -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "text"),
    [
        (5, 3, "Relief of 2 points (5 → 3)."),
        (1, 0, "Relief of 1 point (1 → 0)."),
        (10, 2, "Relief of 8 points (10 → 2)."),
        (3, 3, "No change (3 → 3)."),
        (0, 0, "No change (0 → 0)."),
        (3, 5, "Pain up 2 points (3 → 5)."),
        (3, 4, "Pain up 1 point (3 → 4)."),
        (3, None, "Pain before 3; no score after."),
        (0, None, "Pain before 0; no score after."),
        (None, 4, "Pain after 4; no score before."),
        (None, None, "Pain not recorded."),
    ],
)
def test_pain_change_text(before: int | None, after: int | None, text: str) -> None:
    assert pain_change_text(before, after) == text


def test_no_pain_change_is_ever_called_meaningful() -> None:
    scores: list[int | None] = [None, *range(11)]
    for before in scores:
        for after in scores:
            assert "meaningful" not in pain_change_text(before, after).lower()


def test_relief_is_before_minus_after() -> None:
    assert relief(5, 3) == 2
    assert relief(1, 0) == 1
    assert relief(3, 5) == -2


@pytest.mark.parametrize(
    ("mean_change", "with_relief", "paired", "text"),
    [
        (
            -1.33,
            2,
            3,
            "Relief of 1.3 points on average within a session; "
            "relief in 2 of 3 sessions with both scores.",
        ),
        (
            -1.0,
            1,
            1,
            "Relief of 1.0 points on average within a session; "
            "relief in 1 of 1 session with both scores.",
        ),
        (
            0.5,
            0,
            2,
            "Pain up 0.5 points on average within a session; "
            "relief in 0 of 2 sessions with both scores.",
        ),
        (
            0.04,
            1,
            2,
            "No change on average within a session; relief in 1 of 2 sessions with both scores.",
        ),
        (
            -0.04,
            1,
            2,
            "No change on average within a session; relief in 1 of 2 sessions with both scores.",
        ),
        (None, 0, 0, "No session with pain scored before and after."),
    ],
)
def test_mean_relief_text(
    mean_change: float | None, with_relief: int, paired: int, text: str
) -> None:
    assert mean_relief_text(mean_change, with_relief, paired) == text


def test_relief_count_text() -> None:
    assert relief_count_text(17, 17) == "Relief in 17 of 17 sessions"
    assert relief_count_text(0, 1) == "Relief in 0 of 1 session"


# -- a pure module -------------------------------------------------------------------------------


def test_the_module_is_pure() -> None:
    """No UI, no SQL, no journal: plain values in, words out."""
    tree = ast.parse(inspect.getsource(outcome))
    imported = {
        alias.name.split(".")[0] if isinstance(node, ast.Import) else (node.module or "")
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported <= {"__future__", "typing"}, imported


def test_nothing_in_the_vocabulary_says_meaningful() -> None:
    assert "meaningful" not in "".join(
        [label(end) + counts_text(end) + summary_heading(end, False) for end in ENDS]
    )
