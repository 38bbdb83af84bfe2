"""The demo LMS's names and roles service (NRPS 2.0): a course's members, two per page.

lti1p3platform 0.1.8 puts the NRPS claim in a launch but serves no memberships, so the demo LMS
answers them itself, paged with ``Link: <…>; rel="next"`` as Moodle and Canvas do, so the tool's
paging is exercised on every manager launch.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from lti_tool.nrps import ACCEPT, SCOPE

from . import users
from .platform import DemoPlatform, platform_url

PAGE_SIZE = 2


def _member(user: users.DemoUser) -> dict:
    return {"user_id": user.lms_user_id, "status": "Active", "name": user.display_name,
            "roles": [user.role]}


@require_GET
def memberships(request, context_id: str):
    platform = DemoPlatform()
    platform.get_registration()
    token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    try:
        allowed = bool(token) and platform.validate_token(token, allowed_scopes=[SCOPE])
    except Exception:  # a malformed, foreign or expired token
        allowed = False
    if not allowed:
        return JsonResponse({"error": "A bearer token with the NRPS scope is needed."}, status=401)
    found = [(course, people) for course, people in users.rosters() if course.context_id == context_id]
    if not found:
        return JsonResponse({"error": "No such course."}, status=404)
    course, people = found[0]
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    url = platform_url("memberships", platform.base_url, context_id=context_id)
    chunk = people[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    response = JsonResponse({"id": url, "context": {"id": course.context_id, "title": course.title},
                             "members": [_member(u) for u in chunk]}, content_type=ACCEPT)
    if page * PAGE_SIZE < len(people):
        response["Link"] = f'<{url}?page={page + 1}>; rel="next"'
    return response
