"""``/lti/register/``: where a platform starts LTI Dynamic Registration (see ``registration``)."""

from __future__ import annotations

import logging

from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from . import registration

log = logging.getLogger(__name__)


@xframe_options_exempt  # Moodle and Canvas open the registration page in an iframe or a pop-up
@require_GET
def register(request):
    """Register the platform that opened this page, then ask it to close the page."""
    config_url = request.GET.get("openid_configuration", "")
    if not config_url:
        return render(request, "lti_tool/error.html", {
            "message": "Open this address from your LMS's “register a tool” (LTI Dynamic Registration) "
                       "page: it needs the openid_configuration the LMS adds."}, status=400)
    try:
        done = registration.register(config_url, request.GET.get("registration_token", ""),
                                     request.GET.get("invite", ""))
    except registration.RegistrationRefused as exc:
        log.info("Dynamic registration refused: %s", exc)
        return render(request, "lti_tool/error.html", {"message": str(exc)}, status=400)
    return render(request, "lti_tool/registered.html", {
        "registration": done.registration, "created": done.created, "deployment_id": done.deployment_id,
    })
