"""The demo LMS's pages and LTI endpoints. It stands in for Open edX or Moodle in demos and tests.

Sign-in is a demo: following "Launch drill as …" makes that user the session's user, and the
auth endpoint only issues an id_token for the session's user (lti1p3platform leaves that check
to us, as it leaves ``redirect_uri``).
"""

from __future__ import annotations

import logging

import jwt
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from lti1p3platform.exceptions import LtiException
from lti1p3platform.framework.django.request import DjangoRequest
from lti1p3platform.framework.django.response import wrap_json_resp

from lti_tool.services import launch_urls

from . import deep_links, gradebook, launches, users
from .models import ContentLink, Score
from .platform import CLIENT_ID, RESOURCE_LINK_ID, DemoPlatform, platform_jwks, platform_url

log = logging.getLogger(__name__)
SESSION_USER = "demo_lms_user"


def _text(message: str, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _platform() -> DemoPlatform:
    platform = DemoPlatform()
    platform.get_registration()
    return platform


@require_GET
def index(request):
    """Each company's course with its users and a launch link each, and the links added by deep linking."""
    links: dict[str, list] = {}
    for link in ContentLink.objects.order_by("pk"):
        links.setdefault(link.context_id, []).append(link)
    rosters = [(course, members, links.get(course.context_id, [])) for course, members in users.rosters()]
    return render(request, "demo_lms/index.html", {"rosters": rosters, "added": request.GET.get("added")})


@require_GET
def launch(request, login_id: str):
    """Sign in as ``login_id`` (demo) and start the LTI launch (of the drill, or of ``?link=<id>``)."""
    user = users.by_login_id(login_id)
    if user is None:
        raise Http404("No such user")
    hint = RESOURCE_LINK_ID
    if request.GET.get("link"):
        hint = f"{launches.LINK_HINT_PREFIX}{request.GET['link']}"
        if launches.link_for(hint, user) is None:
            raise Http404("No such link in this user's course")
    request.session[SESSION_USER] = user.lms_user_id
    return launches.initiate(DjangoRequest(request), _platform(), user, hint)


@require_GET
def deep_link(request, login_id: str):
    """Sign in as manager ``login_id`` and open the tool's picker (an LtiDeepLinkingRequest)."""
    user = users.by_login_id(login_id)
    if user is None or not user.is_manager:
        raise Http404("No such manager")
    request.session[SESSION_USER] = user.lms_user_id
    return launches.initiate(DjangoRequest(request), _platform(), user, launches.DEEP_LINK_HINT)


@csrf_exempt  # the tool's page posts the signed response here (cross-site in a real deployment)
@require_POST
def deep_link_return(request):
    """The tool's ``LtiDeepLinkingResponse``: check it, add its links to the course."""
    platform = _platform()
    try:
        pending, items = deep_links.check_response(platform, request.POST.get("JWT", ""))
    except deep_links.DeepLinkResponseError as exc:
        return _text(str(exc), 400)
    deep_links.store(pending["context_id"], items)
    return redirect(f"{platform_url('index', platform.base_url)}?added={len(items)}")


@require_GET
def auth(request):
    """The tool's OIDC auth request: answer with an auto-posting form carrying the id_token."""
    params = request.GET
    user = users.by_lms_user_id(params.get("login_hint", ""))
    if user is None or request.session.get(SESSION_USER) != user.lms_user_id:
        return _text("Sign in to the demo LMS as this user first.", 403)
    platform = _platform()
    if params.get("redirect_uri") not in launch_urls(platform.base_url):
        return _text("redirect_uri is not registered for this tool.", 400)
    hint, message = params.get("lti_message_hint", ""), None
    if params.get("client_id") == CLIENT_ID:
        if hint == RESOURCE_LINK_ID:
            message = launches.DemoMessageLaunch(DjangoRequest(request), platform, user)
        elif hint == launches.DEEP_LINK_HINT and user.is_manager:
            request_id = deep_links.open_request(user.course.context_id, user.lms_user_id)
            message = launches.DemoDeepLinkLaunch(DjangoRequest(request), platform, user, request_id)
        elif (link := launches.link_for(hint, user)) is not None:
            message = launches.DemoLinkLaunch(DjangoRequest(request), platform, user, link)
    if message is None:
        return _text("Unknown client or resource link.", 400)
    try:
        return message.lti_launch()
    except Exception as exc:  # a malformed auth request from the tool
        log.info("Demo LMS auth refused: %r", exc)
        return _text("Invalid authentication request.", 400)


@require_GET
def jwks(request):
    return JsonResponse(platform_jwks())


def _check_client_assertion(platform: DemoPlatform, data: dict) -> None:
    """What 0.1.8 skips (RFC 7523 §3): iss = sub = client_id, aud = this token URL, exp, unused jti."""
    claims = platform.tool_validate_and_decode(data.get("client_assertion", ""))
    if not (claims.get("iss") == claims.get("sub") == CLIENT_ID):
        raise ValueError("client assertion iss and sub must be the client ID")
    aud = claims.get("aud")
    if platform_url("token", platform.base_url) not in (aud if isinstance(aud, list) else [aud]):
        raise ValueError("client assertion aud must be the token URL")
    if "exp" not in claims or not claims.get("jti"):
        raise ValueError("client assertion needs exp and jti")
    if not cache.add(f"demo-lms-jti-{claims['jti']}", True, timeout=3600):
        raise ValueError("client assertion replayed")


@csrf_exempt  # server-to-server, authenticated by the signed client assertion
@require_POST
def token(request):
    """OAuth 2 client credentials with a JWT assertion: an access token for AGS."""
    platform = _platform()
    data = request.POST.dict()
    try:
        _check_client_assertion(platform, data)
        return JsonResponse(platform.get_access_token(data))
    except Exception as exc:
        return JsonResponse({"error": "invalid_client", "error_description": str(exc)}, status=400)


def _grades(request, platform: DemoPlatform, line_item_id: int | None = None) -> gradebook.DemoGrades:
    base = platform.base_url
    lineitem = platform_url("lineitem", base, line_item_id=line_item_id) if line_item_id else None
    return gradebook.DemoGrades(DjangoRequest(request), platform, platform_url("lineitems", base),
                                lineitem, allow_creating_lineitems=False)


def _serve(service: gradebook.DemoGrades, handler, **kwargs):
    """0.1.8 lets a malformed or foreign bearer token escape as a 500; it is a 401."""
    try:
        return wrap_json_resp(service.handle_resp(handler, **kwargs))
    except (jwt.PyJWTError, LtiException) as exc:
        return JsonResponse({"error": f"Invalid access token: {exc}"}, status=401)


@csrf_exempt
def lineitems(request):
    """AGS line item container (read-only)."""
    platform = _platform()
    service = _grades(request, platform)
    return _serve(service, service.handle_get_lineitems)


@csrf_exempt
def lineitem(request, line_item_id: int):
    platform = _platform()
    service = _grades(request, platform, line_item_id)
    return _serve(service, service.handle_get_lineitem, line_item_id=str(line_item_id))


@csrf_exempt  # server-to-server, authenticated by the bearer token
def scores(request, line_item_id: int):
    """AGS score publish service: the tool POSTs a round's score here."""
    platform = _platform()
    try:
        service = _grades(request, platform, line_item_id)
    except ValueError:
        return JsonResponse({"error": "The body is not valid JSON"}, status=400)
    return _serve(service, service.handle_update_score, line_item_id=str(line_item_id))


@require_GET
def gradebook_view(request):
    """Every score the tool has reported, by course and user."""
    names = users.login_ids()
    rows = [(s, names.get(s.user_id, s.user_id)) for s in
            Score.objects.select_related("line_item").order_by("line_item__context_id", "user_id")]
    return render(request, "demo_lms/gradebook.html", {"rows": rows})
