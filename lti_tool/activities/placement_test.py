"""The ``placement_test`` activity through LTI: ``curriculum.placement`` plus the tool's storage.

The page is the XBlock's (template, CSS, JS, catalogue). The learner's answers live in an
``ActivityState``; the finished placement becomes an ``ActivityResult`` (level and plan, no answers)
that the progress page reads, and a score of 1 of 1 (completion, not the level) goes to the platform.
"""

from __future__ import annotations

import random
from datetime import datetime

from django.db import transaction
from django.shortcuts import render as _render
from django.urls import path, reverse

from curriculum import placement
from curriculum.bank import default_bank
from curriculum.drill import Grade
from xblocks.common import page
from xblocks.placement_test import block

from .. import grades
from ..endpoints import json_endpoint
from ..models import ActivityResult, ActivityState, AnswerRecord

ACTIVITY = "placement_test"
PACKAGE = "xblocks.placement_test"


def _rng() -> random.Random:
    """The only randomness here: which of equally informative items comes next (tests patch it)."""
    return random.Random()


def _state(learner) -> ActivityState:
    record = learner.record
    state, _created = ActivityState.objects.select_for_update().get_or_create(
        registration=record.registration, subject=record.subject, resource_link_id=record.resource_link_id,
        defaults={"context_id": record.context_id, "activity": ACTIVITY})
    return state


def present(learner, now: datetime) -> dict:
    """The question being asked (pending across reloads), the progress, the outcome once done."""
    with transaction.atomic():
        stored = _state(learner)
        stored.state, payload = placement.present(stored.state or None, default_bank(), _rng(), now,
                                                  learner.launch.language)
        stored.save()
    return payload


def answer(learner, data: object, now: datetime) -> tuple[dict, bool]:
    """Take one answer; returns the payload and whether the placement just finished.

    Raises ``PlacementError`` with nothing saved.
    """
    record = learner.record
    with transaction.atomic():
        stored = _state(learner)
        state, payload, graded = placement.submit(stored.state or None, default_bank(), data, _rng(), now,
                                                  learner.launch.language)
        stored.state = state
        stored.save()
        AnswerRecord.objects.create(
            registration=record.registration, subject=record.subject, context_id=record.context_id,
            resource_link_id=record.resource_link_id, item_id=data["item_id"], correct=graded.correct,
            answered_at=now)
        outcome = payload["outcome"]
        if outcome:
            ActivityResult.objects.create(
                registration=record.registration, subject=record.subject, context_id=record.context_id,
                resource_link_id=record.resource_link_id, activity=ACTIVITY, score=1.0,
                summary={"level": outcome["level"], "plan": outcome["plan"],
                         "items": len(state["responses"])},
                finished_at=now)
    return payload, outcome is not None


def _next(learner, ml, data, now):
    """The question being asked (placement.present)."""
    return present(learner, now)


def _answer(learner, ml, data, now):
    """Take {"item_id", "choice"}; the last answer sends 1 of 1 to the platform."""
    payload, finished = answer(learner, data, now)
    if finished:
        grades.deliver(ml, Grade(1, 1), learner.record, now)
    return payload


urlpatterns = [
    path("<str:launch_id>/next/", json_endpoint(_next, (placement.PlacementError,)),
         name="placement_test_next"),
    path("<str:launch_id>/answer/", json_endpoint(_answer, (placement.PlacementError,)),
         name="placement_test_answer"),
]


def render(request, learner, now):
    """The launch page: the XBlock's markup with the current question (or the outcome)."""
    payload = present(learner, now)
    language = learner.launch.language
    urls = {name: reverse(f"lti_tool:placement_test_{name}", kwargs={"launch_id": learner.record.launch_id})
            for name in ("next", "answer")}
    text = page.text(PACKAGE, block.TEXT, language)
    title = learner.launch.title or page.title(PACKAGE, "Placement test", language)
    markup = page.markup(PACKAGE, "placement.html", block.page_context(title, payload, text, urls))
    return _render(request, "lti_tool/placement.html", {
        "language": language, "markup": markup, "launch_id": learner.record.launch_id,
        "css": page.read(PACKAGE, "public", "css", "placement.css"),
        "js": page.read(PACKAGE, "public", "js", "placement.js")})


