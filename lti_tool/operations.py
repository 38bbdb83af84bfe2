"""What operators do to the tool from the command line: keys and platform registrations."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from . import keys, services
from .models import PlatformRegistration, ToolKey


@dataclass(frozen=True)
class KeyRow:
    kid: str
    created_at: object
    active: bool
    signing: bool


def key_rows() -> list[KeyRow]:
    """Every key, newest first, with whether it is published and whether it signs."""
    signing = keys.signing_key()
    return [KeyRow(k.kid, k.created_at, k.active, k.pk == signing.pk) for k in ToolKey.objects.all()]


class RegistrationError(ValueError):
    """A registration the tool refuses to store; the message says what to fix."""


def check_url(option: str, url: str) -> str:
    """``url`` if it is absolute, and https unless ``settings.DEBUG`` (tokens and keys travel by it)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RegistrationError(f"{option} must be an absolute URL, got {url!r}.")
    if parts.scheme != "https" and not settings.DEBUG:
        raise RegistrationError(f"{option} must use https (got {url!r}); "
                                "plain http is allowed only with DEBUG.")
    return url


def register_platform(*, name: str, issuer: str, client_id: str, login_url: str, token_url: str,
                      jwks_url: str, deployment_ids: list[str]) -> tuple[PlatformRegistration, bool]:
    """Create or update (same issuer and client ID) a platform; returns it and whether it is new."""
    if not issuer.strip() or not client_id.strip():
        raise RegistrationError("The issuer and the client ID must not be empty.")
    ids = [d for d in dict.fromkeys(d.strip() for d in deployment_ids) if d]
    if not ids:
        raise RegistrationError("Give at least one --deployment-id.")
    defaults = {
        "name": name,
        "auth_login_url": check_url("--login-url", login_url),
        "auth_token_url": check_url("--token-url", token_url),
        "key_set_url": check_url("--jwks-url", jwks_url),
        "key_set": None,
        "deployment_ids": ids,
    }
    keys.signing_key()
    return PlatformRegistration.objects.update_or_create(issuer=issuer, client_id=client_id,
                                                         defaults=defaults)


def tool_urls() -> dict[str, str]:
    """What a platform's administrator enters for the tool, from ``settings.NIHONGO_BASE_URL``."""
    return {"login": services.tool_url("login"), "launch": services.tool_url("launch"),
            "jwks": services.tool_url("jwks")}
