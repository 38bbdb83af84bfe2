"""The demo LMS as an LTI 1.3 platform (lti1p3platform 0.1.8), registered with our own tool.

Every builder takes ``base_url`` (default ``settings.NIHONGO_BASE_URL``), so a live test server
can run the whole flow on its own address.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.registration import Registration

from lti_tool import keys as tool_keys
from lti_tool.services import tool_url

from .models import PlatformKey

CLIENT_ID = "nihongo-demo-lms"
DEPLOYMENT_ID = "1"
RESOURCE_LINK_ID = "drill-n5"


def site_root(base: str | None = None) -> str:
    """The site's address: ``base`` if given, else the configured one."""
    return (base or settings.NIHONGO_BASE_URL).rstrip("/")


def issuer(base: str | None = None) -> str:
    return site_root(base) + "/demo-lms"


def platform_url(name: str, base: str | None = None, **kwargs) -> str:
    return site_root(base) + reverse(f"demo_lms:{name}", kwargs=kwargs or None)


def platform_key() -> PlatformKey:
    """The platform's signing key, created on first use."""
    key = PlatformKey.objects.order_by("-created_at", "-id").first()
    if key is None:
        pair = tool_keys.generate_key()
        key = PlatformKey.objects.create(private_pem=pair.private_pem, public_pem=pair.public_pem)
    return key


def platform_jwks() -> dict:
    return {"keys": [tool_keys.public_jwk(platform_key().public_pem)]}


class DemoPlatform(LTI1P3PlatformConfAbstract):
    """One registration: our tool, at ``base_url``."""

    def init_platform_config(self, base_url: str | None = None, **kwargs) -> None:
        self.base_url = site_root(base_url)

    def get_registration_by_params(self, **kwargs) -> Registration:
        key = platform_key()
        return (
            Registration().set_iss(issuer(self.base_url)).set_client_id(CLIENT_ID)
            .set_deployment_id(DEPLOYMENT_ID)
            .set_launch_url(tool_url("launch", self.base_url))
            .set_oidc_login_url(tool_url("login", self.base_url))
            .set_deeplink_launch_url(tool_url("launch", self.base_url))
            .set_platform_public_key(key.public_pem).set_platform_private_key(key.private_pem)
            # Preloaded: 0.1.8 would fetch a key set URL with a bare requests.get on every check.
            .set_tool_key_set(tool_keys.jwks())
        )
