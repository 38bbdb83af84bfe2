"""The ``jlpt_drill`` activity through LTI: ``drill_flow`` (the core plus the tool's storage) and the
XBlock's page (``drill_page``). Its endpoints keep their first addresses, ``/lti/drill/<launch_id>/…``."""

from __future__ import annotations

from django.shortcuts import render as _render
from django.urls import path, reverse

from xblocks.common.language import LanguageError

from .. import drill_flow, drill_page, grades
from ..endpoints import json_endpoint

#: Mounted at ``/lti/drill/`` (older than the other activities' ``/lti/<activity>/``).
URL_PREFIX = "drill"


def render(request, learner, now):
    """The launch page: the XBlock's markup with the question being asked."""
    launch_id = learner.record.launch_id
    payload = drill_flow.present(learner, now)
    urls = {name: reverse(f"lti_tool:drill_{url}", kwargs={"launch_id": launch_id})
            for name, url in (("next", "next"), ("answer", "answer"), ("new_round", "new_round"),
                              ("set_language", "language"))}
    language = drill_flow.language(learner)  # the learner's choice on the switch, else the launch's
    return _render(request, "lti_tool/drill.html", {
        "language": language, "launch_id": launch_id,
        "drill": drill_page.markup(payload, urls, language, learner.launch.title),
        "css": drill_page.css(), "js": drill_page.js(),
    })


def _next(learner, ml, data, now):
    """The question being asked and the progress (drill_api.present)."""
    return drill_flow.present(learner, now)


def _answer(learner, ml, data, now):
    """Check {"item_id", "choice"}; a finished round sends its grade to the platform."""
    payload, grade = drill_flow.answer(learner, data, now)
    if grade:
        grades.deliver(ml, grade, learner.record, now)
    return payload


def _new_round(learner, ml, data, now):
    """Start another round (drill_api.restart)."""
    return drill_flow.new_round(learner, now)


def _language(learner, ml, data, now):
    """The language switch: {"language": "vi"}; the screen again in it, with the UI strings."""
    payload = drill_flow.set_language(learner, data, now)
    payload["text"] = drill_page.text(payload["language"])
    return payload


urlpatterns = [
    path("<str:launch_id>/next/", json_endpoint(_next), name="drill_next"),
    path("<str:launch_id>/answer/", json_endpoint(_answer), name="drill_answer"),
    path("<str:launch_id>/new_round/", json_endpoint(_new_round), name="drill_new_round"),
    path("<str:launch_id>/language/", json_endpoint(_language, (LanguageError,)), name="drill_language"),
]
