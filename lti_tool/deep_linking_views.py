"""The deep-linking pages: the picker an ``LtiDeepLinkingRequest`` launch shows, and the answer.

Like the drill, the picker lives in the LMS's cross-site iframe: no Django session or CSRF cookie.
Its form posts back to a URL holding the launch ID (a secret; over HTTPS PyLTI1p3 also needs its
per-browser cookie to restore the launch).
"""

from __future__ import annotations

import logging

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from curriculum.items import Level

from . import deep_linking, launch
from .claims import LTI, language

log = logging.getLogger(__name__)
DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest"


def validate(request) -> launch.HardenedMessageLaunch:
    """A validated resource-link or deep-linking launch (what ``/lti/launch/`` accepts)."""
    return launch.validate(request, message_types=(launch.RESOURCE_LINK_REQUEST, DEEP_LINKING_REQUEST))


def _refuse(request, message: str, status: int = 400):
    return render(request, "lti_tool/error.html", {"message": message}, status=status)


def _picker(request, launch_id: str, body: dict, dl: deep_linking.Request, values=None, error: str = "",
            status: int = 200):
    locale = (body.get(LTI + "launch_presentation") or {}).get("locale")
    courses = deep_linking.course_plans() if dl.accept_multiple else {}
    activities = list(deep_linking.ACTIVITY_NAMES.items())
    if courses:
        activities.append(("course", "A whole course (all its activities)"))
    return render(request, "lti_tool/deep_link_picker.html", {
        "language": language(locale),
        "action": reverse("lti_tool:deep_link_choose", kwargs={"launch_id": launch_id}),
        "activities": activities, "courses": list(courses.items()),
        "levels": [lv.value for lv in Level],
        "skills": [(skill, " ".join(lv.value for lv in Level if deep_linking.types_for(lv.value, skill)))
                   for skill in deep_linking.SKILLS],
        "forms": deep_linking.MOCK_FORMS, "form_versions": deep_linking.MOCK_VERSIONS,
        "lessons": deep_linking.dialect_lessons(),
        "grammar_points": deep_linking.grammar_point_choices(),
        "values": values or {"activity": "jlpt_drill", "level": "N5", "item_count": "10", "title": ""},
        "error": error, "request_title": dl.title,
    }, status=status)


def picker(request, ml) -> object:
    """The launch page of a deep-linking request: the picker, or why we cannot answer."""
    body = ml.get_launch_data()
    try:
        dl = deep_linking.read_request(body)
    except deep_linking.DeepLinkRefused as exc:
        return _refuse(request, str(exc))
    return _picker(request, ml.get_launch_id(), body, dl)


@csrf_exempt  # posted from the picker inside the LMS's cross-site iframe; the launch ID authorises
@xframe_options_exempt
@require_POST
def choose(request, launch_id: str):
    """Check the author's choice; answer with the form that posts the signed response to the LMS."""
    try:
        ml = launch.restore(request, launch_id)
        body = ml.get_launch_data()
    except Exception as exc:  # expired launch data, missing session cookie
        log.info("Deep-linking choice refused: %s", exc)
        return _refuse(request, "This page has expired: start adding the activity from your course again.",
                       403)
    if not ml.is_deep_link_launch():
        return _refuse(request, "This launch is not a deep-linking request.", 403)
    try:
        dl = deep_linking.read_request(body)
    except deep_linking.DeepLinkRefused as exc:
        return _refuse(request, str(exc))
    values = {k: request.POST.get(k, "") for k in
              ("activity", "title", "level", "skill", "item_count", "form", "lesson", "course")}
    try:
        choices = deep_linking.choose_all(request.POST, dl.accept_multiple)
        token = deep_linking.response_jwt(ml, choices, dl)
    except deep_linking.ChoiceError as exc:
        return _picker(request, launch_id, body, dl, values, str(exc), status=400)
    locale = (body.get(LTI + "launch_presentation") or {}).get("locale")
    return render(request, "lti_tool/deep_link_return.html", {
        "language": language(locale), "return_url": dl.return_url, "jwt": token,
        "title": choices[0].title if len(choices) == 1 else f"{len(choices)} activities",
    })
