"""Grading one answer against one item."""

from __future__ import annotations

from dataclasses import dataclass

from .items import Item


class AnswerError(ValueError):
    """The submitted choice is not a choice of this item."""


@dataclass(frozen=True)
class Result:
    correct: bool
    correct_index: int
    explanation: str


def grade(item: Item, choice: object) -> Result:
    """``choice`` is the index the learner picked; anything else is refused, not marked wrong."""
    if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < len(item.choices):
        raise AnswerError(f"choice must be a number from 0 to {len(item.choices) - 1}")
    return Result(choice == item.answer, item.answer, item.explanation)
