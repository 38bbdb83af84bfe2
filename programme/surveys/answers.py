"""Checking a respondent's answers against the survey, and adding answers up. Pure: no Django.

Messages say what to fix, in the respondent's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from statistics import mean

from .definitions import SCALE, Kind, Question, Survey
from .texts import UI

MAX_TEXT = 2000
_MISSING = {Kind.SCALE: "pick_scale", Kind.CHOICE: "pick_one", Kind.TEXT: "write"}  # message keys in UI


def _check(question: Question, raw: str, ui: dict[str, str]) -> tuple[object, str | None]:
    """(value, None) when acceptable, (None, message) when not; an empty optional answer is (None, None)."""
    if not raw:
        return None, ui[_MISSING[question.kind]] if question.required else None
    if question.kind == Kind.SCALE:
        value = int(raw) if raw in {str(n) for n in SCALE} else None
        return (value, None) if value in SCALE else (None, ui["pick_scale"])
    if question.kind == Kind.CHOICE:
        return (raw, None) if raw in {o.value for o in question.options} else (None, ui["pick_one"])
    if len(raw) > MAX_TEXT:
        return None, ui["too_long"].format(max=MAX_TEXT, n=len(raw))
    return raw, None


def validate(survey: Survey, data: Mapping[str, str], language: str) -> tuple[dict, dict[str, str]]:
    """The answers to keep (question id → value) and the problems (question id → message)."""
    ui = UI[language]
    answers, errors = {}, {}
    for question in survey.questions:
        value, problem = _check(question, (data.get(question.id) or "").strip(), ui)
        if problem:
            errors[question.id] = problem
        elif value is not None:
            answers[question.id] = value
    return answers, errors


def _question_total(question: Question, values: list) -> dict:
    total = {"kind": str(question.kind), "text": question.text.get("ja", ""), "answered": len(values)}
    if question.kind == Kind.SCALE:
        total["counts"] = {n: values.count(n) for n in SCALE}
        total["mean"] = round(mean(values), 2) if values else None
    elif question.kind == Kind.CHOICE:
        total["counts"] = {o.value: values.count(o.value) for o in question.options}
    return total


def tally(survey: Survey, responses: Iterable[Mapping[str, object]]) -> dict:
    """Per question: how many answered, counts per value (scale, choice) and the mean (scale).

    Free-text answers are counted, not copied: they may contain personal data.
    """
    responses = list(responses)
    return {
        "survey": survey.id,
        "responses": len(responses),
        "questions": {q.id: _question_total(q, [r[q.id] for r in responses if r.get(q.id) is not None])
                      for q in survey.questions},
    }
