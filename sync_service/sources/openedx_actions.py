"""Open edX as a place we act on: unenroll a stopped learner from the programme's courses.

Read from openedx/openedx-platform ``openedx/core/djangoapps/enrollments/views.py`` @ 85f323f1
(``EnrollmentListView.post`` and ``EnrollmentView.get``) and ``enrollments/data.py`` @ e57a655d:

* ``POST /api/enrollment/v1/enrollment`` with ``{"user": <username>, "is_active": false,
  "course_details": {"course_id": <course id>}}`` deactivates the enrollment. Acting for another user
  and deactivating need a server-to-server caller (``X-Edx-Api-Key``, ``ApiKeyHeaderPermission``) or
  global staff (``GlobalStaff().has_user``): our OAuth client-credentials application's service user is
  global staff (the same one ``nihongo sync --source openedx-api`` uses). Otherwise the view answers 404
  ("do not let them deduce the existence of an enrollment"). We send no ``mode``: a deactivation whose
  mode differs from the enrollment's is refused with 400 ("Enrollment mode mismatch").
* Only a real change (``active_changed``) takes the ``update_enrollment`` path. When the enrollment is
  missing or already inactive the view falls through to ``add_enrollment``, whose
  ``CourseEnrollment.enroll`` re-activates (or creates) the enrollment before setting it inactive
  again, or fails with 400 when enrollment has closed. So we read first:
  ``GET /api/enrollment/v1/enrollment/{username},{course_id}`` (staff may read anyone's) answers the
  enrollment, or an empty body when there is none (``get_course_enrollment`` returns ``None``); we POST
  only for an active enrollment, and read again before each retry of the POST.
* An unknown username gives 406 ("The user … does not exist."): no account, no access, so nothing to
  unenroll.
* Both views use ``EnrollmentUserThrottle``: 120 calls a minute for staff, one bucket for both, 429
  with ``Retry-After`` beyond it (docs/architecture.md, Sources: Open edX). We pace below it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from urllib.parse import quote

import requests

from .openedx_rest import OpenEdxApiConfig, oauth_session
from .retry import RETRY_STATUSES, Backoff, GaveUp, RateLimit, _retry_after

ENROLLMENT = "/api/enrollment/v1/enrollment"
SETTINGS = ("OPENEDX_BASE_URL", "OPENEDX_CLIENT_ID", "OPENEDX_CLIENT_SECRET", "OPENEDX_COURSE_IDS")
UNENROLLED, NOT_ENROLLED, NO_SUCH_USER = "unenrolled", "not enrolled", "no such Open edX user"


class HostRefused(requests.RequestException):
    """Open edX answered a 4xx that retrying will not change (permissions, a bad course ID…)."""

    def __init__(self, status: int, message: str):
        super().__init__(f"HTTP {status}: {message}")
        self.status = status


def config_from_env(env=os.environ) -> OpenEdxApiConfig:
    missing = [k for k in SETTINGS if not env.get(k)]
    if missing:
        raise ValueError(f"set {', '.join(missing)} to push host actions to Open edX")
    return OpenEdxApiConfig.from_env(env)


class OpenEdxEnrollments:
    """Changes enrollments through the Enrollment API, signed in as the sync's staff service user."""

    def __init__(self, config: OpenEdxApiConfig, session: requests.Session | None = None,
                 backoff: Backoff | None = None, sleep: Callable[[float], None] = time.sleep,
                 timeout=(3.05, 30)):
        self.config, self.sleep, self.timeout = config, sleep, timeout
        self.course_ids = config.course_ids
        self.session = session or oauth_session(config)
        self.backoff = backoff or Backoff()
        self.limit = RateLimit(120, 60.0, sleep=sleep)  # EnrollmentUserThrottle, staff

    def unenroll(self, username: str, course_id: str) -> str:
        """Make ``username``'s enrollment in ``course_id`` inactive; say what was found.

        Returns ``"unenrolled"``, ``"not enrolled"`` (missing or already inactive: nothing sent) or
        ``"no such Open edX user"``. Raises ``HostRefused`` for a lasting 4xx, ``GaveUp`` when the host
        kept failing (5xx, 429, dropped connections) through every attempt.
        """
        problem = None
        for attempt in range(self.backoff.attempts):
            enrollment = self._read(username, course_id)
            if not enrollment or enrollment.get("is_active") is not True:
                return NOT_ENROLLED
            self.limit.wait()
            try:
                response = self.session.post(self.config.base_url + ENROLLMENT, timeout=self.timeout, json={
                    "user": username, "is_active": False, "course_details": {"course_id": course_id}})
            except (requests.ConnectionError, requests.Timeout) as exc:
                problem, retry_after = exc, None
            else:
                if response.status_code == 406:
                    return NO_SUCH_USER
                if response.status_code not in RETRY_STATUSES:
                    body = _body(response)
                    if response.status_code >= 400:
                        raise HostRefused(response.status_code, _message(response, body))
                    if not isinstance(body, dict) or body.get("is_active") is not False:
                        raise HostRefused(response.status_code, "answered, but the enrollment stays active")
                    return UNENROLLED
                problem, retry_after = f"HTTP {response.status_code}", _retry_after(response)
            if attempt + 1 < self.backoff.attempts:
                self.sleep(self.backoff.delay(attempt, retry_after))
        raise GaveUp(f"POST {ENROLLMENT} failed {self.backoff.attempts} times; last: {problem}")

    def _read(self, username: str, course_id: str) -> dict | None:
        url = f"{self.config.base_url}{ENROLLMENT}/{quote(f'{username},{course_id}', safe=':+,@')}"
        problem = None
        for attempt in range(self.backoff.attempts):
            self.limit.wait()
            try:
                response = self.session.get(url, timeout=self.timeout)
            except (requests.ConnectionError, requests.Timeout) as exc:
                problem, retry_after = exc, None
            else:
                if response.status_code not in RETRY_STATUSES:
                    body = _body(response)
                    if response.status_code == 404:  # what a caller who is not staff is told
                        raise HostRefused(404, "enrollment not visible: is the service user global staff?")
                    if response.status_code >= 400:
                        raise HostRefused(response.status_code, _message(response, body))
                    return body if isinstance(body, dict) else None
                problem, retry_after = f"HTTP {response.status_code}", _retry_after(response)
            if attempt + 1 < self.backoff.attempts:
                self.sleep(self.backoff.delay(attempt, retry_after))
        raise GaveUp(f"GET {ENROLLMENT}/… failed {self.backoff.attempts} times; last: {problem}")


def _body(response: requests.Response):
    """The decoded JSON, or ``None`` for an empty body (DRF renders ``Response(None)`` as nothing)."""
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return None


def _message(response: requests.Response, body) -> str:
    if isinstance(body, dict):
        text = body.get("message") or body.get("detail") or body.get("developer_message")
        if text:
            return str(text)[:500]
    return (response.text or response.reason or "no message")[:500]
