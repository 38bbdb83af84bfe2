"""LTI Dynamic Registration 1.0: the platform's administrator pastes one URL, the tool does the rest.

The platform opens ``/lti/register/?openid_configuration=…&registration_token=…`` (plus the
``invite`` the operator's URL carried). We fetch and check the platform's OpenID configuration,
POST our tool configuration to its ``registration_endpoint`` with the token, and store the
``PlatformRegistration`` from the answer. An invitation (signed, short-lived, used once) is
required, so a stranger cannot make the tool trust a platform of their own or send its requests
to addresses of their choosing.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.cache import cache

from . import keys, services
from .models import PlatformRegistration
from .operations import RegistrationError, check_url

log = logging.getLogger(__name__)
PLATFORM_CONFIG = "https://purl.imsglobal.org/spec/lti-platform-configuration"
TOOL_CONFIG = "https://purl.imsglobal.org/spec/lti-tool-configuration"
SCOPES = (
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
    "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
)
REQUIRED_ENDPOINTS = ("authorization_endpoint", "token_endpoint", "jwks_uri", "registration_endpoint")
INVITE_SALT = "lti_tool.registration.invite"
INVITE_DAYS = 7
TOOL_NAME = "Kagoshima Nihongo"


class RegistrationRefused(ValueError):
    """A registration the tool will not make; the message says what to fix."""


def invitation_url(label: str, base: str | None = None) -> str:
    """The URL an operator hands to a platform's administrator (valid ``INVITE_DAYS``, used once)."""
    token = signing.dumps({"label": label}, salt=INVITE_SALT, compress=True)
    return f"{services.tool_url('register', base)}?invite={token}"


def check_invitation(token: str) -> str:
    """The label of a valid, unused invitation; ``RegistrationRefused`` otherwise."""
    try:
        data = signing.loads(token or "", salt=INVITE_SALT, max_age=INVITE_DAYS * 86400)
    except signing.SignatureExpired:
        raise RegistrationRefused("This registration link has expired: ask the Kagoshima Nihongo "
                                  "operators for a new one (nihongo lti registration-url).") from None
    except signing.BadSignature:
        raise RegistrationRefused("This registration link is not valid: use the whole URL the "
                                  "Kagoshima Nihongo operators gave you (it ends in ?invite=…).") from None
    if cache.get(_used_key(token)):
        raise RegistrationRefused("This registration link was already used: ask for a new one.")
    return str(data.get("label") or "")


def _used_key(token: str) -> str:
    return "lti-registration-invite-used-" + signing.base64_hmac(INVITE_SALT, token, settings.SECRET_KEY)[:40]


def resolve(host: str) -> set[str]:
    """The host's addresses (tests replace this: they have no DNS)."""
    return {info[4][0] for info in socket.getaddrinfo(host, None)}


def _public_url(option: str, url: object) -> str:
    """An absolute https URL (http only with DEBUG) that does not point into our own network."""
    if not isinstance(url, str):
        raise RegistrationRefused(f"The platform's {option} is missing.")
    try:
        check_url(option, url)
    except RegistrationError as exc:
        raise RegistrationRefused(str(exc)) from None
    if not settings.DEBUG:
        host = urlsplit(url).hostname or ""
        try:
            addresses = resolve(host)
        except OSError:
            raise RegistrationRefused(
                f"The platform's {option} names a host that does not resolve: {host}.") from None
        if any(not ipaddress.ip_address(a.split("%")[0]).is_global for a in addresses):
            raise RegistrationRefused(f"The platform's {option} points to a private address ({host}).")
    return url


def check_configuration(config: object, config_url: str) -> dict:
    """The platform's OpenID configuration, checked (LTI Dynamic Registration 1.0 §3.4, §3.5.1)."""
    if not isinstance(config, dict):
        raise RegistrationRefused("The platform's openid_configuration is not a JSON object.")
    issuer = config.get("issuer")
    if not isinstance(issuer, str) or not issuer:
        raise RegistrationRefused("The platform's configuration has no issuer.")
    if not config_url.startswith(issuer.rstrip("/") + "/") and config_url != issuer:
        raise RegistrationRefused(f"The platform's issuer {issuer!r} does not match the address of its "
                                  f"configuration ({config_url}): the configuration URL must start with "
                                  "the issuer.")
    for name in REQUIRED_ENDPOINTS:
        _public_url(name, config.get(name))
    for name, needed in (("token_endpoint_auth_methods_supported", "private_key_jwt"),
                         ("id_token_signing_alg_values_supported", "RS256"),
                         ("response_types_supported", "id_token")):
        offered = config.get(name)
        if offered is not None and needed not in offered:
            raise RegistrationRefused(f"The platform does not support {needed} ({name}).")
    platform = config.get(PLATFORM_CONFIG)
    if not isinstance(platform, dict):
        raise RegistrationRefused(f"The platform's configuration lacks {PLATFORM_CONFIG}.")
    messages = platform.get("messages_supported")
    types = {m.get("type") if isinstance(m, dict) else m for m in messages or []}
    if messages is not None and "LtiResourceLinkRequest" not in types:
        raise RegistrationRefused("The platform does not support resource link launches.")
    return config


def tool_configuration(config: dict, base: str | None = None) -> dict:
    """What we POST to the registration endpoint (LTI Dynamic Registration 1.0 §3.6.1)."""
    launch_url = services.tool_url("launch", base)
    supported = config.get("scopes_supported")
    scopes = [s for s in SCOPES if supported is None or s in supported]
    messages = (config.get(PLATFORM_CONFIG) or {}).get("messages_supported") or []
    types = {m.get("type") if isinstance(m, dict) else m for m in messages}
    tool_messages = [{"type": "LtiResourceLinkRequest", "target_link_uri": launch_url}]
    if not messages or "LtiDeepLinkingRequest" in types:
        tool_messages.append({"type": "LtiDeepLinkingRequest", "target_link_uri": launch_url,
                              "label": "Kagoshima Nihongo activity"})
    return {
        "application_type": "web",
        "response_types": ["id_token"],
        "grant_types": ["implicit", "client_credentials"],
        "initiate_login_uri": services.tool_url("login", base),
        "redirect_uris": [launch_url],
        "client_name": TOOL_NAME,
        "jwks_uri": services.tool_url("jwks", base),
        "token_endpoint_auth_method": "private_key_jwt",
        "scope": " ".join(scopes),
        TOOL_CONFIG: {
            "domain": urlsplit(launch_url).netloc,
            "description": "Japanese practice for specified skilled workers in Kagoshima "
                           "(JLPT, JFT, dialect).",
            "target_link_uri": launch_url,
            "claims": ["iss", "sub", "name", "given_name", "family_name"],
            "messages": tool_messages,
        },
    }


def _json(response, what: str) -> dict:
    if response.status_code not in (200, 201):
        raise RegistrationRefused(f"The platform refused the {what} (HTTP {response.status_code}): "
                                  f"{response.text[:300]}")
    try:
        data = response.json()
    except ValueError:
        raise RegistrationRefused(f"The platform's {what} answer is not JSON.") from None
    if not isinstance(data, dict):
        raise RegistrationRefused(f"The platform's {what} answer is not a JSON object.")
    return data


@dataclass(frozen=True)
class Registered:
    registration: PlatformRegistration
    created: bool
    deployment_id: str


def register(openid_configuration: str, registration_token: str, invite: str) -> Registered:
    """The whole exchange; stores the registration only when every step succeeded."""
    label = check_invitation(invite)
    config_url = _public_url("openid_configuration", openid_configuration)
    session = services.http_session()
    auth = {"Authorization": f"Bearer {registration_token}"} if registration_token else {}
    try:
        headers = {"Accept": "application/json", **auth}
        config = _json(session.get(config_url, headers=headers), "configuration")
        config = check_configuration(config, config_url)
        answer = _json(session.post(config["registration_endpoint"], json=tool_configuration(config),
                                    headers={"Accept": "application/json", **auth}), "registration")
    except (OSError, ValueError) as exc:
        if isinstance(exc, RegistrationRefused):
            raise
        log.warning("Dynamic registration: the platform could not be reached (%s)", type(exc).__name__)
        raise RegistrationRefused("The platform could not be reached, or did not answer with LTI "
                                  "registration data: check its address and that this server may connect "
                                  "to it, then try again.") from None
    client_id = answer.get("client_id")
    if not isinstance(client_id, str) or not client_id:
        raise RegistrationRefused("The platform's answer has no client_id.")
    deployment_id = str((answer.get(TOOL_CONFIG) or {}).get("deployment_id") or "")
    keys.signing_key()
    platform = config.get(PLATFORM_CONFIG) or {}
    name = label or f"{platform.get('product_family_code') or 'LMS'} ({config['issuer']})"
    existing = PlatformRegistration.objects.filter(issuer=config["issuer"], client_id=client_id).first()
    ids = list(dict.fromkeys([*(existing.deployment_ids if existing else []), deployment_id]))
    registration, created = PlatformRegistration.objects.update_or_create(
        issuer=config["issuer"], client_id=client_id,
        defaults={"name": name[:200], "auth_login_url": config["authorization_endpoint"],
                  "auth_token_url": config["token_endpoint"],
                  "auth_audience": str(config.get("authorization_server") or ""),
                  "key_set_url": config["jwks_uri"], "key_set": None,
                  "deployment_ids": [d for d in ids if d]})
    cache.set(_used_key(invite), True, timeout=INVITE_DAYS * 86400 + 3600)
    return Registered(registration, created, deployment_id)
