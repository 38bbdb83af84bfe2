"""What the tool keeps of a platform between launches: its key set and its access tokens.

PyLTI1p3 fetches the platform's key set on every launch and asks for a new access token for every
service call (its token cache lives as long as one connector). Here both are kept in the shared cache:

* the key set for ``KEY_SET_SECONDS``, and fetched again at once when a launch is signed with a key the
  kept set does not hold (the platform rotated its keys);
* each access token until shortly before its ``expires_in`` (LTI Security Framework §4.1: the
  platform says how long it lives), per platform, client and scopes.
"""

from __future__ import annotations

import hashlib
import time
import uuid

from django.core.cache import cache
from pylti1p3.exception import LtiServiceException
from pylti1p3.service_connector import ServiceConnector

KEY_SET_SECONDS = 3600
#: A token is used until this long before it expires (clock differences, the call's own duration).
TOKEN_MARGIN_SECONDS = 60
DEFAULT_TOKEN_SECONDS = 3600


def _key(*parts: str) -> str:
    return "lti-platform-" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


class CachingServiceConnector(ServiceConnector):
    """PyLTI1p3's connector, with access tokens kept until they expire."""

    def get_access_token(self, scopes) -> str:
        scopes = sorted(scopes)
        registration = self._registration
        key = _key("token", str(registration.get_issuer()), str(registration.get_client_id()),
                   str(registration.get_auth_token_url()), " ".join(scopes))
        token = cache.get(key)
        if token:
            return token
        client_id, auth_url = str(registration.get_client_id()), str(registration.get_auth_token_url())
        now = int(time.time())
        audience = str(registration.get_auth_audience() or auth_url)
        claims = {"iss": client_id, "sub": client_id, "aud": audience,
                  "iat": now - 5, "exp": now + 60, "jti": f"lti-service-token-{uuid.uuid4()}"}
        kid = registration.get_kid()
        assertion = self.encode_jwt(claims, registration.get_tool_private_key(), {"kid": kid} if kid else {})
        response = self._requests_session.post(auth_url, data={
            "grant_type": "client_credentials",
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": assertion, "scope": " ".join(scopes)})
        if not response.ok:
            raise LtiServiceException(response)
        body = response.json()
        try:
            lifetime = int(body.get("expires_in") or DEFAULT_TOKEN_SECONDS)
        except (TypeError, ValueError):
            lifetime = DEFAULT_TOKEN_SECONDS
        if lifetime > TOKEN_MARGIN_SECONDS:
            cache.set(key, body["access_token"], lifetime - TOKEN_MARGIN_SECONDS)
        return body["access_token"]


def forget_key_set(storage, key_set_url: str) -> None:
    """Drop a kept key set (under PyLTI1p3's own cache key for it): the next launch fetches it."""
    from pylti1p3.launch_data_storage.base import DisableSessionId

    with DisableSessionId(storage):
        storage.set_value("key-set-url-" + hashlib.md5(key_set_url.encode("utf-8")).hexdigest(), {}, 1)
