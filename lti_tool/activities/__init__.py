"""The learner activities, one module each, named as in the ``activity`` custom parameter.

Each module has ``render(request, learner, now) -> HttpResponse`` (the learner's launch page) and
``urlpatterns`` (its JSON endpoints, mounted under ``/lti/<activity>/``, or ``URL_PREFIX`` when the
module sets one; they take the launch ID in the path and are built with
``lti_tool.endpoints.json_endpoint``). Each reuses its XBlock's template, JS, CSS and catalogue, so a
learner sees one activity whichever host serves it.
"""

from __future__ import annotations

from importlib import import_module

NAMES = ("jlpt_drill", "mock_test", "placement_test", "dialect_lesson", "progress")


def module(name: str):
    return import_module(f"{__name__}.{name}")


def url_prefix(name: str) -> str:
    """Where the activity's endpoints are mounted under ``/lti/``."""
    return getattr(module(name), "URL_PREFIX", name.replace("_", "-"))


def render(request, learner, now):
    """The launch page of ``learner.launch.activity``."""
    return module(learner.launch.activity).render(request, learner, now)
