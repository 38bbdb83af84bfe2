"""A learner's launch, restored for each request of its activity in the one query that finds its record.

The launch page's endpoints used to restore PyLTI1p3's launch from the shared cache (one more round
trip, a cache row on the database cache) and rebuild the registration and the signing key. Instead
the ``LaunchRecord`` written at launch keeps the claims the activity acts on (``KEPT_CLAIMS``: no
e-mail, no picture) and, over HTTPS, a hash of the browser's PyLTI1p3 session cookie. A request
then needs only its record and the registration, read together (``select_related``).

Nothing here can go stale: a record never changes after its launch and is read from the database on
every request (a test's rollback removes it with everything else). The tool's keys are not read at
all on the request path: only the grade worker signs, and it reads the newest active key when it
asks for an access token (``score_queue``), so a key rotation takes effect at once.

The rules are PyLTI1p3's: a launch lives ``LIFETIME`` (its launch-data lifetime), and over HTTPS
only the browser holding the launch's session cookie may use it.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from .claims import LTI
from .new_window import SESSION_COOKIE

#: PyLTI1p3 keeps launch data this long (``SessionDataStorage._launch_data_lifetime``).
LIFETIME = timedelta(seconds=86400)
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
#: What ``claims.read_launch`` and the grade service read; the rest of the id_token is not kept.
KEPT_CLAIMS = ("iss", "aud", "azp", "sub", "name", "https://purl.imsglobal.org/spec/lti/claim/deployment_id",
               LTI + "message_type", LTI + "version", LTI + "custom", LTI + "target_link_uri",
               LTI + "context", LTI + "resource_link", LTI + "roles", LTI + "launch_presentation", AGS_CLAIM)


class Expired(Exception):
    """The launch cannot be used from this request; the message says why."""


def kept(body: dict) -> dict:
    return {name: body[name] for name in KEPT_CLAIMS if name in body}


def browser_of(request) -> str:
    """A hash of the browser's PyLTI1p3 session cookie over HTTPS (PyLTI1p3 binds launches to it)."""
    cookie = request.COOKIES.get(SESSION_COOKIE) if request.is_secure() else None
    return hashlib.sha256(cookie.encode()).hexdigest() if cookie else ""


class RestoredLaunch:
    """What the activities' use cases ask of a launch: its claims, its ID, a service connector."""

    def __init__(self, record):
        self.record = record

    def get_launch_data(self) -> dict:
        return self.record.claims

    def get_launch_id(self) -> str:
        return self.record.launch_id

    def get_service_connector(self):
        from .score_queue import connector_for

        return connector_for(self.record.registration)


def restore(request, record, now: datetime) -> RestoredLaunch:
    """The launch of ``record`` for this request, or ``Expired``."""
    if now - record.launched_at > LIFETIME:
        raise Expired("launch data not found")
    if request.is_secure() or record.browser:
        cookie = request.COOKIES.get(SESSION_COOKIE)
        if not cookie:
            raise Expired(f"Missing {SESSION_COOKIE} cookie")
        if not record.browser or browser_of(request) != record.browser:
            raise Expired("launch data not found for this browser")
    return RestoredLaunch(record)
