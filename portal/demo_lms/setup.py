"""The tool's side of the demo: a ``PlatformRegistration`` that trusts the demo LMS."""

from __future__ import annotations

from lti_tool import keys as tool_keys
from lti_tool.models import PlatformRegistration

from . import platform


def ensure_demo_registration(base_url: str | None = None) -> PlatformRegistration:
    """Create or refresh the demo LMS's registration (idempotent). The key set is inline: no HTTP."""
    tool_keys.signing_key()
    registration, _created = PlatformRegistration.objects.update_or_create(
        issuer=platform.issuer(base_url), client_id=platform.CLIENT_ID,
        defaults={
            "name": "Demo LMS",
            "auth_login_url": platform.platform_url("auth", base_url),
            "auth_token_url": platform.platform_url("token", base_url),
            "auth_audience": "",
            "key_set_url": "",
            "key_set": platform.platform_jwks(),
            "deployment_ids": [platform.DEPLOYMENT_ID],
        },
    )
    return registration
