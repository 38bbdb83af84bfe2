"""HTTP endpoints of the LTI tool. Each parses, calls a flow module and renders.

The launch page lives in a cross-site iframe: no Django session, no CSRF cookie. The activities'
endpoints (``activities/``) are therefore csrf_exempt, and authorised by the launch ID (a secret the
launch page holds, bound to a ``LaunchRecord``) plus, over HTTPS, PyLTI1p3's per-browser session
cookie. They accept JSON bodies only, which a cross-site form cannot send.
"""

from __future__ import annotations

import logging

from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from . import (
    activities,
    identity,
    launch,
    learner_messages,
    manager_views,
    records,
    refusals,
    restored,
    services,
)
from .claims import LaunchRefused, read_launch
from .deep_linking_views import picker as deep_link_picker
from .deep_linking_views import validate as validate_launch
from .endpoints import Refused, learner_for
from .models import LaunchRecord
from .new_window import needs_cookie_check
from .new_window_views import storage_check
from .programme_port import STOPPED_MESSAGE, programme

log = logging.getLogger(__name__)


def _refuse(request, message: str, status: int = 403, language: str | None = None):
    """A refusal the learner reads in their language, with the way back (``learner_messages``)."""
    return learner_messages.refuse(request, message, status, language)


@csrf_exempt  # platforms POST the login initiation cross-site
@xframe_options_exempt
def login(request):
    """OIDC third-party initiated login: check the target, then off to the platform's auth URL."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    target = request.GET.get("target_link_uri") or request.POST.get("target_link_uri")
    if services.launch_target(target) is None:
        log.info("LTI login refused: target_link_uri is not our launch URL")
        return _refuse(request, "This login asks for an address that is not this tool's launch page.", 400)
    if needs_cookie_check(request):  # in an iframe: first check that the browser keeps our cookies
        return storage_check(request)
    try:
        return launch.start_login(request, target)
    except Exception as exc:  # PyLTI1p3 raises bare Exception for an unknown issuer
        log.info("LTI login refused: %s", exc)
        return _refuse(request, f"This platform is not registered with the tool: {refusals.plain(exc)}")


@csrf_exempt  # the id_token arrives by a cross-site form POST
@xframe_options_exempt
def launch_view(request):
    """Validate the id_token; learners get the drill, instructors the dashboard."""
    if request.method != "POST":  # a page, not a bare 405: the learner sees it in the LMS's frame
        log.warning("LTI launch refused: %s instead of POST", request.method)
        response = _refuse(request, "A launch arrives as a form POST from your course (not "
                           f"{request.method}): open the activity from your course.", 405)
        response["Allow"] = "POST"
        return response
    try:
        ml = validate_launch(request)  # resource link or deep-linking launches
        if ml.is_deep_link_launch():
            return deep_link_picker(request, ml)
        claims = read_launch(ml.get_launch_data(), translation.get_language_from_request(request))
    except LaunchRefused as exc:
        log.warning("LTI launch refused: %s", exc)
        return _refuse(request, str(exc), 400)
    except Exception as exc:  # every validation failure is the platform's or the browser's, never a 500
        log.warning("LTI launch refused: %s", exc)
        return _refuse(request, f"The launch could not be verified: {refusals.plain(exc)}")
    if not claims.is_instructor:
        programme().identify(claims.issuer, claims.subject, identity.hints(ml.get_launch_data()))
    if not claims.is_instructor and not programme().may_study(claims.issuer, claims.subject):
        return _refuse(request, STOPPED_MESSAGE, language=claims.language)
    now = timezone.now()
    records.record_launch(claims, ml.get_launch_id(), now, ml.get_launch_data(), restored.browser_of(request))
    # Post/redirect/get: the page is a GET of this launch, so reloading it shows the activity again
    # instead of posting the used id_token a second time ("replayed nonce").
    page = reverse("lti_tool:launched", kwargs={"launch_id": ml.get_launch_id()})
    return redirect(request.build_absolute_uri(page))


@require_GET
@xframe_options_exempt
def launched(request, launch_id: str):
    """The page of a validated launch: the activity for a learner, the dashboard for an instructor.
    Reloading it (or coming back to it) renders it again; the launch ID and, over HTTPS, the browser's
    session cookie authorise it, as they do the activity's endpoints."""
    record = LaunchRecord.objects.select_related("registration").filter(launch_id=launch_id).first()
    try:
        if record is None:
            raise Refused(learner_messages.EXPIRED_MESSAGE, 403)
        if record.is_instructor:
            ml = launch.restore(request, launch_id)
            claims = read_launch(ml.get_launch_data(), translation.get_language_from_request(request))
            return manager_views.page(request, record, claims, timezone.now(), ml)
        learner, _ml = learner_for(request, launch_id)
    except Refused as exc:  # unknown or expired launch, another browser: the learner's way back is the same
        log.info("LTI page refused: %s", exc)
        return _refuse(request, learner_messages.EXPIRED_MESSAGE, exc.status)
    except Exception as exc:  # the launch's data expired from the cache, or another browser
        log.info("LTI page refused: %s", type(exc).__name__)
        return _refuse(request, learner_messages.EXPIRED_MESSAGE)
    if not programme().may_study(learner.launch.issuer, learner.launch.subject):
        return _refuse(request, STOPPED_MESSAGE, language=learner.launch.language)
    return activities.render(request, learner, timezone.now())


@require_GET
def jwks(request):
    """The tool's public keys, for platforms to check its client assertions."""
    return JsonResponse(services.tool_conf().get_jwks())
