"""The tool's adapters, each built in one place so tests can replace them.

``http_session()`` is the hook for every call the tool makes to a platform (JWKS, token, AGS):
tests monkeypatch it with a session that answers in-process.
"""

from __future__ import annotations

import requests
from django.conf import settings
from django.urls import reverse
from pylti1p3.contrib.django import DjangoCacheDataStorage
from pylti1p3.service_connector import REQUESTS_USER_AGENT

from .tool_config import DbToolConf

TIMEOUT_SECONDS = 10


class _TimeoutSession(requests.Session):
    """PyLTI1p3 passes no timeout; a platform that hangs must not hang the learner's request."""

    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT_SECONDS)
        return super().request(*args, **kwargs)


def http_session() -> requests.Session:
    """The HTTP session for calls to platforms."""
    session = _TimeoutSession()
    session.headers["User-Agent"] = REQUESTS_USER_AGENT
    return session


def tool_conf() -> DbToolConf:
    return DbToolConf()


def launch_storage() -> DjangoCacheDataStorage:
    """Launch data in the shared cache: a cross-site iframe gets no Django session cookie."""
    return DjangoCacheDataStorage()


def base_url() -> str:
    """Read at call time, so a test or a live server can set it."""
    return settings.NIHONGO_BASE_URL.rstrip("/")


def tool_url(name: str, base: str | None = None, **kwargs) -> str:
    """An absolute URL of the tool, as platforms register it."""
    return (base or base_url()).rstrip("/") + reverse(f"lti_tool:{name}", kwargs=kwargs or None)


def launch_urls(base: str | None = None) -> tuple[str, ...]:
    """Where a login may send the browser: our launch URL and nothing else (open-redirect guard)."""
    return (tool_url("launch", base),)


def launch_target(target: object, base: str | None = None) -> str | None:
    """The launch URL ``target`` asks for (query removed), or None when it is not ours.

    A link may carry its settings in the launch URL's query (``?activity=mock_test&form=N5``): Moodle
    keeps the URL when it imports a Common Cartridge and drops the custom parameters. Only the
    settings ``claims.LINK_PARAMETERS`` names are allowed there, so the guard against open redirects
    holds: the browser can only be sent to our own launch page.
    """
    from urllib.parse import parse_qsl, urlsplit

    from .claims import LINK_PARAMETERS

    if not isinstance(target, str):
        return None
    plain, _, query = target.partition("?")
    if plain not in launch_urls(base) or urlsplit(target).fragment:
        return None
    try:
        keys = {k for k, _v in parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query))}
    except ValueError:
        return None
    return plain if keys <= set(LINK_PARAMETERS) else None
