"""Security headers on every response: a Content-Security-Policy and a Permissions-Policy.

``frame-ancestors`` is ``'none'`` on every page but those an LMS shows in its iframe (the views marked
``xframe_options_exempt``: the LTI login, launch, deep-linking and registration pages). Those may be
framed by this site and the registered platforms' origins only (their issuer and OIDC URLs), plus
``NIHONGO_FRAME_ANCESTORS`` for an LMS whose pages live on another host (Canvas).

Scripts and styles: ``'self'`` and inline (the activity pages carry their own small scripts); no
plug-ins, no other site's scripts, no ``<base>`` rewriting, and connections to this site only.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .config import CONFIG

POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data: blob:; media-src 'self' data: blob:; font-src 'self' data:; "
          "connect-src 'self'; object-src 'none'; base-uri 'self'")
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def origin(url: str) -> str | None:
    """``https://lms.example.org`` from any URL of it; None when it is no http(s) URL."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"


def platform_origins() -> list[str]:
    """The registered platforms' origins, and the deployer's extra ones."""
    from lti_tool.models import PlatformRegistration

    found: list[str] = []
    for row in PlatformRegistration.objects.values_list("issuer", "auth_login_url", "auth_token_url"):
        for url in row:
            o = origin(url)
            if o and o not in found:
                found.append(o)
    return found + [o for o in CONFIG.frame_ancestors if o not in found]


def frame_ancestors(framed: bool) -> str:
    if not framed:
        return "frame-ancestors 'none'"
    return " ".join(["frame-ancestors 'self'", *platform_origins()])


class SecurityHeaders:
    """Adds the CSP (unless a view set its own) and the Permissions-Policy to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            framed = bool(getattr(response, "xframe_options_exempt", False))
            response["Content-Security-Policy"] = f"{POLICY}; {frame_ancestors(framed)}"
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = PERMISSIONS
        return response
