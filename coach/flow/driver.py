"""Run the flow synchronously: each question is answered by a function (plain runner, tests)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coach.flow.context import Flow, FlowResult
from coach.flow.questions import Question

__all__ = ["Answerer", "drive"]

Answerer = Callable[[Question[Any]], object]


def drive(flow: Flow, answer: Answerer) -> FlowResult:
    """Send each question to ``answer`` and its answer back, to the end of the flow."""
    try:
        question = next(flow)
        while True:
            question = flow.send(answer(question))
    except StopIteration as stop:
        result: FlowResult = stop.value
        return result
