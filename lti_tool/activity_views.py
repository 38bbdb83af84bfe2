"""An activity's launch page and JSON endpoints, built the same way for every activity from its
``curriculum.activity`` contract and ``Page``: one endpoint per ``Page.handlers`` entry, named
``lti_tool:<activity>_<handler>``, answered by ``activity_flow.run`` with the call the page names."""

from __future__ import annotations

import inspect
import logging

from django.shortcuts import render as _render
from django.urls import path, reverse

from curriculum import activities
from curriculum.activity import LanguageError, chosen_language

from . import activity_flow, activity_page
from .audio_views import audio_url
from .endpoints import Refused, json_endpoint, learner_for

log = logging.getLogger(__name__)


def use_case(name: str, call: str):
    """The endpoint's use case: ``call`` of activity ``name`` on the learner's state."""
    activity = activities.get(name)
    method = getattr(activity, call)
    takes_data = "data" in inspect.signature(method).parameters

    def use(learner, ml, data, now):
        if call == "change_language":
            code = chosen_language(data)
            step = activity_flow.run(learner, ml, now, method, choose=code)
            return {**step.screen, "language": code, "text": activity_page.text(activity.page, code)}
        if takes_data:
            return activity_flow.run(learner, ml, now, method, data).screen
        return activity_flow.run(learner, ml, now, method).screen
    use.__name__ = f"{name}_{call}"
    use.__doc__ = method.__doc__
    return use


def urlpatterns(name: str) -> list:
    """One POST-JSON endpoint per handler of the activity's page (``<launch_id>/<handler>/``)."""
    activity = activities.get(name)
    errors = (*activity.errors, LanguageError)
    return [path(f"<str:launch_id>/{handler}/", json_endpoint(use_case(name, call), errors),
                 name=f"{name}_{handler}") for handler, call in activity.page.handlers.items()]


def endpoint_urls(name: str, launch_id: str) -> dict:
    return {handler: reverse(f"lti_tool:{name}_{handler}", kwargs={"launch_id": launch_id})
            for handler in activities.get(name).page.handlers}


def page(request, name: str, launch_id: str, screen: dict, language: str, title: str = "",
         urls: dict | None = None):
    """The launch page: the activity's template with ``screen``, its CSS and JS, the new-window link."""
    activity = activities.get(name)
    text = activity_page.text(activity.page, language)
    title = activity_page.title(activity.page, language, title)
    urls = endpoint_urls(name, launch_id) if urls is None else urls
    urls = {**urls, "audio": audio_url()}  # the listening audio, the file's name in place of __AUDIO__
    context = activity.page.context(title, screen, text, urls, language)
    return _render(request, "lti_tool/activity.html", {
        "language": language, "launch_id": launch_id, "mount": activity.page.mount,
        "root": activity.page.root, "markup": activity_page.markup(activity.page, context),
        **activity_page.assets(activity.page)})


def render(request, learner, now):
    """The launch page of an activity served by ``activity_flow``: its screen now (a test whose time ran
    out while the learner was away is finished, and its grade sent, on the way)."""
    name = learner.launch.activity
    try:
        activity_flow.settings(learner)
    except Refused as exc:
        return _render(request, "lti_tool/error.html", {"message": str(exc)}, status=exc.status)
    try:
        _learner, ml = learner_for(request, learner.record.launch_id)
    except Refused as exc:  # no grade service now; the result is still kept
        log.info("%s page without a restorable launch: %s", name, exc)
        ml = None
    step = activity_flow.run(learner, ml, now, activities.get(name).present)
    return page(request, name, learner.record.launch_id, step.screen, activity_flow.chosen_language(learner),
                learner.launch.title)
