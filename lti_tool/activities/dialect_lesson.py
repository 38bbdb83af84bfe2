"""The ``dialect_lesson`` activity through LTI: ``curriculum.dialect`` plus the tool's storage.

The link's custom parameter ``lesson`` names the lesson (``nihongo content check`` lists them). The
page is the XBlock's (template, CSS, JS, catalogue: ``xblocks/dialect_lesson/page.py``). The round
lives in an ``ActivityState``; every answer is an ``AnswerRecord``; a finished round becomes an
``ActivityResult`` and its grade (the best round's scored answers) goes to the platform.
"""

from __future__ import annotations

import random
from datetime import datetime

from django.db import transaction
from django.shortcuts import render as _render
from django.urls import path, reverse

from curriculum import dialect
from curriculum.drill import Grade
from xblocks.dialect_lesson import page

from .. import grades, records
from ..endpoints import Refused, json_endpoint
from ..models import ActivityResult, ActivityState, AnswerRecord

ACTIVITY = "dialect_lesson"
ERRORS = (dialect.LessonError,)


def _rng() -> random.Random:
    """The only randomness here: the round's order and choices (tests patch it)."""
    return random.Random()


def _lesson(learner) -> str:
    """The link's lesson, or ``Refused`` when the link names none we have."""
    lesson_id = learner.launch.setting("lesson", "greetings")
    if lesson_id not in {lesson.id for lesson in dialect.lessons()}:
        raise Refused(f"This link names no dialect lesson we have ({lesson_id!r}); ask your teacher to fix "
                      f"its custom parameter lesson.", 400)
    return lesson_id


def _state(learner) -> ActivityState:
    return records.activity_state(learner.record, ACTIVITY)


def _use(learner, function, *args):
    """Load the learner's state, call the core, save the new state; returns the core's other results."""
    lesson_id = _lesson(learner)
    with transaction.atomic():
        stored = _state(learner)
        state, *rest = function(stored.state or None, lesson_id, *args, _rng(), learner.launch.language)
        stored.state = state
        stored.activity = ACTIVITY
        stored.save()
    return rest


def present(learner, now: datetime) -> dict:
    """The lesson and its exercise being asked (pending across reloads)."""
    return _use(learner, dialect.present)[0]


def answer(learner, data: object, now: datetime) -> tuple[dict, Grade | None]:
    """Check one answer and record it; a finished round is kept as an ``ActivityResult``.

    Raises ``LessonError`` with nothing saved.
    """
    record = learner.record
    lesson_id = _lesson(learner)
    with transaction.atomic():
        stored = _state(learner)
        state, payload, grade = dialect.submit(stored.state or None, lesson_id, data, _rng(),
                                               learner.launch.language)
        stored.state = state
        stored.save()
        AnswerRecord.objects.create(
            registration=record.registration, subject=record.subject, context_id=record.context_id,
            resource_link_id=record.resource_link_id, item_id=payload["entry"], correct=payload["correct"],
            answered_at=now)
        if payload["round_complete"]:
            progress = payload["progress"]
            total = progress["scored_total"]
            ActivityResult.objects.create(
                registration=record.registration, subject=record.subject, context_id=record.context_id,
                resource_link_id=record.resource_link_id, activity=ACTIVITY,
                score=progress["scored_correct"] / total if total else 1.0,
                summary={"lesson": lesson_id, "scored_correct": progress["scored_correct"],
                         "scored_total": total, "answered": progress["answered"], "best": progress["best"]},
                finished_at=now)
    return payload, grade


def _next(learner, ml, data, now):
    """The exercise being asked (dialect.present)."""
    return present(learner, now)


def _answer(learner, ml, data, now):
    """Check {"exercise_id", "choice"}; a finished round sends its grade to the platform."""
    payload, grade = answer(learner, data, now)
    if grade:
        grades.deliver(ml, grade, learner.record, now)
    return payload


def _new_round(learner, ml, data, now):
    """Another round once this one is finished (dialect.restart)."""
    return _use(learner, dialect.restart)[0]


def _language(learner, ml, data, now):
    """The language switch: {"language": "vi"}; the lesson again, with the UI strings."""
    payload = _use(learner, dialect.set_language, data)[0]
    payload["text"] = page.text(payload["language"])
    return payload


urlpatterns = [
    path(f"<str:launch_id>/{name}/", json_endpoint(view, ERRORS), name=f"dialect_lesson_{name}")
    for name, view in (("next", _next), ("answer", _answer), ("new_round", _new_round),
                       ("language", _language))
]


def render(request, learner, now):
    """The launch page: the XBlock's markup with the lesson and its current exercise."""
    try:
        payload = present(learner, now)
    except Refused as exc:
        return _render(request, "lti_tool/error.html", {"message": str(exc)}, status=exc.status)
    urls = {name: reverse(f"lti_tool:dialect_lesson_{name}", kwargs={"launch_id": learner.record.launch_id})
            for name in page.HANDLERS}
    language = payload["language"]
    return _render(request, "lti_tool/dialect.html", {
        "language": language, "launch_id": learner.record.launch_id,
        "markup": page.markup(payload, urls, language, learner.launch.title),
        "css": page.css(), "js": page.js()})
