"""The learner activities through LTI.

Every activity of ``curriculum.activities`` is served the same way by ``activity_views`` (its launch page
and one JSON endpoint per handler of its page, mounted under ``/lti/<activity>/``) over
``activity_flow`` (the tool's storage, keyed by link and activity). Two have a module of their own here,
with ``render(request, learner, now)`` and ``urlpatterns``: the drill (its cards live in the tool's own
drill storage, ``drill_flow``) and My week (no state: it reads the learner's records).
"""

from __future__ import annotations

from importlib import import_module

from curriculum.activities import NAMES

from .. import activity_views

#: The activities with a module of their own in this package.
OWN_MODULES = ("jlpt_drill", "progress")
#: Where each activity's endpoints are mounted under ``/lti/`` (the drill's are older).
URL_PREFIXES = {"jlpt_drill": "drill"}


def url_prefix(name: str) -> str:
    return URL_PREFIXES.get(name, name.replace("_", "-"))


def urlpatterns(name: str) -> list:
    if name in OWN_MODULES:
        return import_module(f"{__name__}.{name}").urlpatterns
    return activity_views.urlpatterns(name)


def render(request, learner, now):
    """The launch page of ``learner.launch.activity``."""
    name = learner.launch.activity
    if name in OWN_MODULES:
        return import_module(f"{__name__}.{name}").render(request, learner, now)
    return activity_views.render(request, learner, now)


__all__ = ["NAMES", "render", "url_prefix", "urlpatterns"]
