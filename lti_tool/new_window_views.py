"""The HTTP side of "Open in a new window" (see ``new_window``)."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import activities, learner_messages, new_window
from .claims import language
from .endpoints import Refused, json_body, learner_for
from .programme_port import STOPPED_MESSAGE, programme


@csrf_exempt  # called from the activity page in the LMS's cross-site iframe; JSON only
@require_POST
def issue(request, launch_id: str):
    """A one-time URL that opens this launch in a window of its own."""
    try:
        json_body(request)
        learner_for(request, launch_id)
    except Refused as exc:
        return JsonResponse({"error": str(exc)}, status=exc.status)
    session_id = request.COOKIES.get(new_window.SESSION_COOKIE) if request.is_secure() else None
    token = new_window.issue(launch_id, session_id)
    return JsonResponse({"url": reverse("lti_tool:resume", kwargs={"token": token})})


def _refuse(request, message: str, lang: str | None, status: int):
    return learner_messages.refuse(request, message, status, lang)


@require_GET
def resume(request, token: str):
    """The new window: the same launch, with the browser's PyLTI1p3 session cookie set here."""
    data = new_window.redeem(token)
    if data is None:
        lang = language(translation.get_language_from_request(request))
        return _refuse(request, new_window.texts(lang)["expired"], lang, 410)
    session_id = data.get("session_id")
    if session_id:
        request.COOKIES[new_window.SESSION_COOKIE] = session_id
    try:
        learner, _ml = learner_for(request, data["launch_id"])
    except Refused as exc:
        return _refuse(request, str(exc), None, exc.status)
    if not programme().may_study(learner.launch.issuer, learner.launch.subject):
        return _refuse(request, STOPPED_MESSAGE, learner.launch.language, 403)
    now = timezone.now()
    response = activities.render(request, learner, now)
    if session_id:
        response.set_cookie(new_window.SESSION_COOKIE, session_id, max_age=86400, path="/", secure=True,
                            httponly=True, samesite="None")
    response["Referrer-Policy"] = "no-referrer"  # the token was in this page's URL
    return response


def storage_check(request):
    """The login page that checks cookies first; continues here or offers a new window."""
    params = request.GET if request.method == "GET" else request.POST
    fields = [(k, v) for k, v in params.items() if k != new_window.CHECKED_PARAM]
    fields.append((new_window.CHECKED_PARAM, "1"))
    lang = language(translation.get_language_from_request(request))
    response = render(request, "lti_tool/storage_check.html", {
        "language": lang, "texts": new_window.texts(lang), "params": fields,
        "method": "get" if request.method == "GET" else "post", "action": request.path,
    })
    response.xframe_options_exempt = True
    return response
