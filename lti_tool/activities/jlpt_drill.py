"""The ``jlpt_drill`` activity through LTI: the core contract (``curriculum.activities.drill``) over the
tool's own drill storage (``drill_flow``), and the page every activity has (``activity_views.page``).
Its endpoints keep their first addresses and names, ``/lti/drill/<launch_id>/…`` (``lti_tool:drill_*``)."""

from __future__ import annotations

from django.urls import path, reverse

from curriculum.activities import drill
from curriculum.activities.grammar_notes import GrammarNotesError
from curriculum.activity import Context, LanguageError

from .. import activity_page, activity_views, drill_flow, tasks
from ..endpoints import json_endpoint

#: The drill's endpoint names, by the handler names of its page (older than the other activities').
ENDPOINTS = {"next": "next", "answer": "answer", "new_round": "new_round", "set_language": "language",
             "lesson": "lesson"}


def render(request, learner, now):
    """The launch page: the drill's page with the question being asked."""
    launch_id = learner.record.launch_id
    screen = drill_flow.present(learner, now)
    page = activity_views.page(request, drill.NAME, launch_id, screen, drill_flow.language(learner),
                               learner.launch.title, urls={
                                   handler: reverse(f"lti_tool:drill_{url}", kwargs={"launch_id": launch_id})
                                   for handler, url in ENDPOINTS.items()})
    return page


def _next(learner, ml, data, now):
    """The question being asked and the progress (the contract's present)."""
    return drill_flow.present(learner, now)


def _answer(learner, ml, data, now):
    """Check {"item_id", "choice"}; a finished round sends its grade to the platform."""
    payload, score = drill_flow.answer(learner, data, now, ml)
    if score is not None:  # committed with the answer: now to the worker
        tasks.queue_score(score.id)
    return payload


def _new_round(learner, ml, data, now):
    """Start another round (the contract's restart)."""
    return drill_flow.new_round(learner, now)


def _language(learner, ml, data, now):
    """The language switch: {"language": "vi"}; the screen again in it, with the UI strings."""
    payload = drill_flow.set_language(learner, data, now)
    payload["text"] = activity_page.text(drill.PAGE, payload["language"])
    return payload


def _lesson(learner, ml, data, now):
    """{"point": id}: the grammar point's lesson for the drill's panel, in the learner's language; the
    drill's state is not touched (nothing to save)."""
    ctx = Context(now, drill_flow.language(learner))
    return drill.ACTIVITY.lesson(None, drill.settings(dict(learner.launch.custom)), data, ctx).screen


urlpatterns = [
    path("<str:launch_id>/next/", json_endpoint(_next), name="drill_next"),
    path("<str:launch_id>/answer/", json_endpoint(_answer), name="drill_answer"),
    path("<str:launch_id>/new_round/", json_endpoint(_new_round), name="drill_new_round"),
    path("<str:launch_id>/language/", json_endpoint(_language, (LanguageError,)), name="drill_language"),
    path("<str:launch_id>/lesson/", json_endpoint(_lesson, (GrammarNotesError,)), name="drill_lesson"),
]
