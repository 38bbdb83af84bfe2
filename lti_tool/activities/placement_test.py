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
from xblocks.common import language as languages
from xblocks.common import page
from xblocks.placement_test import block

from .. import grades, records
from ..endpoints import json_endpoint
from ..models import ActivityResult, ActivityState, AnswerRecord

ACTIVITY = "placement_test"
PACKAGE = "xblocks.placement_test"


def _rng() -> random.Random:
    """The only randomness here: which of equally informative items comes next (tests patch it)."""
    return random.Random()


def _state(learner) -> ActivityState:
    return records.activity_state(learner.record, ACTIVITY)


def _load(stored: ActivityState, learner) -> tuple[dict | None, str, str | None]:
    """The core's state, the language to use, and the learner's own choice (kept beside the state)."""
    state, chosen = languages.split(stored.state or None)
    return state, chosen or learner.launch.language, chosen


def present(learner, now: datetime) -> dict:
    """The question being asked (pending across reloads), the progress, the outcome once done."""
    return present_in(learner, now)[0]


def present_in(learner, now: datetime, choose: str | None = None) -> tuple[dict, str]:
    """``present`` and the language it is in: ``choose`` when given (the switch: it is kept as the
    learner's choice), else the learner's earlier choice, else the launch's locale."""
    with transaction.atomic():
        stored = _state(learner)
        state, language, chosen = _load(stored, learner)
        chosen = choose or chosen
        state, payload = placement.present(state, default_bank(), _rng(), now, chosen or language)
        stored.state = languages.joined(state, chosen)
        stored.save()
    return payload, chosen or language


def answer(learner, data: object, now: datetime) -> tuple[dict, bool]:
    """Take one answer; returns the payload and whether the placement just finished.

    Raises ``PlacementError`` with nothing saved.
    """
    record = learner.record
    with transaction.atomic():
        stored = _state(learner)
        state, language, chosen = _load(stored, learner)
        state, payload, graded = placement.submit(state, default_bank(), data, _rng(), now, language)
        stored.state = languages.joined(state, chosen)
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


def _language(learner, ml, data, now):
    """The language switch: {"language": "vi"}; the question (or outcome) in it, with the UI strings."""
    code = languages.chosen(data)
    payload = present_in(learner, now, choose=code)[0]
    return {**payload, "language": code, "text": page.text(PACKAGE, block.TEXT, code)}


urlpatterns = [
    path("<str:launch_id>/next/", json_endpoint(_next, (placement.PlacementError,)),
         name="placement_test_next"),
    path("<str:launch_id>/answer/", json_endpoint(_answer, (placement.PlacementError,)),
         name="placement_test_answer"),
    path("<str:launch_id>/set_language/", json_endpoint(_language, (languages.LanguageError,)),
         name="placement_test_set_language"),
]


def render(request, learner, now):
    """The launch page: the XBlock's markup with the current question (or the outcome)."""
    payload, language = present_in(learner, now)  # the learner's choice on the switch, else the launch's
    urls = {name: reverse(f"lti_tool:placement_test_{name}", kwargs={"launch_id": learner.record.launch_id})
            for name in block.HANDLERS}
    text = page.text(PACKAGE, block.TEXT, language)
    title = learner.launch.title or page.title(PACKAGE, block.DEFAULT_TITLE, language)
    markup = page.markup(PACKAGE, "placement.html", block.page_context(title, payload, text, urls, language))
    return _render(request, "lti_tool/placement.html", {
        "language": language, "markup": markup, "launch_id": learner.record.launch_id,
        "css": page.read(PACKAGE, "public", "css", "placement.css"),
        "js": page.read(PACKAGE, "public", "js", "placement.js")})


